import Foundation
import Testing
@testable import UpdateCatalog

struct JSONBufferTests {
    @Test func escapesQuotesBackslashesAndControlCharacters() {
        var buffer = JSONBuffer()
        buffer.string("a\"b\\c\n\r\t\u{8}\u{C}\u{1}\u{1F}é€😀")
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001fé€😀\"")
    }

    @Test func invalidUTF8InInputBecomesReplacementCharacters() {
        // Strings from bytes are repaired on the way in, so output is always valid UTF-8.
        var buffer = JSONBuffer()
        buffer.string(String(decoding: [0x61, 0xFF, 0x62], as: UTF8.self))
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "\"a\u{FFFD}b\"")
    }

    @Test func commasAndNesting() {
        var buffer = JSONBuffer()
        buffer.beginObject()
        buffer.key("a"); buffer.integer(1)
        buffer.key("b"); buffer.beginArray(); buffer.integer(-12); buffer.boolean(true); buffer.null(); buffer.endArray()
        buffer.member("c", nil as String?)
        buffer.member("d", [String]())
        buffer.member("e", ["x"])
        buffer.endObject()
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "{\"a\":1,\"b\":[-12,true,null],\"e\":[\"x\"]}")
    }

    @Test func everyRecordIsValidJSONAndDeterministic() throws {
        for name in ["all-rules-2005.sdp", "all-rules-msus.xml", "mssecure-small.xml", "package.xml", "fragment-core.xml"] {
            let path = CatalogPaths.corpusFile(name)
            var first = JSONBuffer()
            var second = JSONBuffer()
            _ = CatalogReader.read(path: path) { first.write($0); first.newline() }
            _ = CatalogReader.read(path: path) { second.write($0); second.newline() }
            #expect(first.bytes == second.bytes)
            for line in first.bytes.split(separator: 0x0A) {
                #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(line)) }
            }
        }
    }

    @Test func titleWithEntitiesIsDecoded() {
        let (records, _) = CatalogReader.readAll(path: CatalogPaths.corpusFile("all-rules-2005.sdp"))
        let update = records.compactMap(\.update).first
        #expect(update?.title() == "Every 2005/04 rule & \"quotes\" <tag>")
        #expect(update?.title(language: "de") == "Jede Regel – ü")
    }
}
