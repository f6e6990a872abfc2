import Testing
import MofkitSource

@Suite("JSON string literals")
struct JSONStringTests {
    @Test func escapesQuotesBackslashesAndControlCharacters() {
        #expect(JSONString.quoted("a\"b\\c") == #""a\"b\\c""#)
        #expect(JSONString.quoted("\n\r\t\u{08}\u{0C}") == #""\n\r\t\b\f""#)
        #expect(JSONString.quoted("\u{01}\u{1F}\u{7F}") == #""\u0001\u001F\u007F""#)
    }

    @Test func keepsOtherTextAsIs() {
        #expect(JSONString.quoted("café ✓ 𝄞") == "\"café ✓ 𝄞\"")
        var out = "["
        JSONString.append("x", to: &out)
        #expect(out == "[\"x\"")
    }
}
