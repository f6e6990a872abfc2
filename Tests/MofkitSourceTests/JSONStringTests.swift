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

    @Test func bytesAreThoseOfTheStringWriter() {
        for text in ["", "plain", "a\"b\\c", "\n\r\t\u{08}\u{0C}", "\u{0}\u{01}\u{1F}\u{7F} x", "café ✓ 𝄞 \"quoted\"\n",
                     String(repeating: "long run ", count: 100) + "\u{1B}[0m"] {
            var bytes: [UInt8] = [UInt8(ascii: "[")]
            JSONString.append(text, to: &bytes)
            #expect(bytes == Array(("[" + JSONString.quoted(text)).utf8), "\(text)")
        }
    }

    @Test func escapesNextToMultiByteCharactersAndInLongRuns() {
        // Escapes at the start, the end and between multi-byte characters; a combining accent right
        // after an escaped quote (one Character with it, but the quote is still escaped).
        #expect(JSONString.quoted("\"é\\\u{301}\"\u{301}—\n") == "\"\\\"é\\\\\u{301}\\\"\u{301}—\\n\"")
        let long = String(repeating: "Contoso® description — ", count: 200)
        #expect(JSONString.quoted(long + "\t" + long) == "\"" + long + "\\t" + long + "\"")
        #expect(JSONString.quoted("") == "\"\"")
    }
}
