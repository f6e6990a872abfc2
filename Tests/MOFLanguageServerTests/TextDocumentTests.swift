import LSPCore
import Testing
@testable import MOFLanguageServer

struct TextDocumentTests {
    @Test func positionsCountUTF16OrUTF8UnitsExactly() {
        // "é" is 2 UTF-8 bytes / 1 UTF-16 unit; "😀" 4 bytes / 2 units.
        let document = TextDocument(uri: "u", version: 1, text: Array("aé😀b\r\nx\ry".utf8))
        #expect(document.lineStarts == [0, 10, 12])
        let b = 1 + 2 + 4
        #expect(document.position(of: b, encoding: .utf16) == Position(line: 0, character: 4))
        #expect(document.position(of: b, encoding: .utf8) == Position(line: 0, character: 7))
        #expect(document.offset(of: Position(line: 0, character: 4), encoding: .utf16) == b)
        #expect(document.offset(of: Position(line: 0, character: 7), encoding: .utf8) == b)
        // Inside the surrogate pair: clamps to the character's start; past the line's end: to its end.
        #expect(document.offset(of: Position(line: 0, character: 3), encoding: .utf16) == 3)
        #expect(document.offset(of: Position(line: 0, character: 99), encoding: .utf16) == 8)
        #expect(document.offset(of: Position(line: 2, character: 0), encoding: .utf16) == 12)
        #expect(document.offset(of: Position(line: 9, character: 0), encoding: .utf16) == document.text.count)
    }

    @Test func incrementalEditsKeepTheLineTableOfAFreshScan() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "é", "😀", "\n", "\r", "\r\n", "xy", ""]
        var document = TextDocument(uri: "u", version: 0, text: Array("start\r\nline two\n".utf8))
        var reference = document.string
        for step in 0..<2000 {
            let encoding: PositionEncodingKind = step % 2 == 0 ? .utf16 : .utf8
            let count = document.text.count
            let a = Int.random(in: 0...count, using: &generator)
            let b = min(count, a + Int.random(in: 0...4, using: &generator))
            // Snap to character boundaries through positions, as a client would send them.
            let start = document.position(of: a, encoding: encoding)
            let end = document.position(of: b, encoding: encoding)
            let new = (0..<Int.random(in: 0...3, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let startOffset = document.offset(of: start, encoding: encoding)
            let endOffset = max(startOffset, document.offset(of: end, encoding: encoding))
            var bytes = Array(reference.utf8)
            bytes.replaceSubrange(startOffset..<endOffset, with: Array(new.utf8))
            reference = String(decoding: bytes, as: UTF8.self)
            document.apply(TextDocumentContentChangeEvent(range: LSPRange(start: start, end: end), text: new), encoding: encoding)
            #expect(document.string == reference)
            let fresh = TextDocument(uri: "u", version: 0, text: document.text)
            #expect(document.lineStarts == fresh.lineStarts, "step \(step)")
            if document.lineStarts != fresh.lineStarts { break }
        }
    }

    @Test func a64MBDocumentTakesEditsWithoutDesynchronising() {
        let line = Array("    [key] string Name_é; // 😀 comment padding padding padding padding\r\n".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64 << 20)
        while text.count < 64 << 20 { text += line }
        var document = TextDocument(uri: "u", version: 1, text: text)
        let middle = document.lineStarts.count / 2
        // Split a CR LF, join it again, insert lines, delete across many lines: positions in UTF-16.
        let edits: [(Int, Int, Int, Int, String)] = [
            (middle, 200, middle, 200, "x"), (middle, 0, middle + 3, 5, "\n\r"), (0, 0, 0, 0, "😀\r"),
            (middle - 10, 10, middle + 10, 10, ""), (document.lineStarts.count - 1, 0, document.lineStarts.count + 5, 0, "end"),
        ]
        for (l1, c1, l2, c2, new) in edits {
            document.apply(TextDocumentContentChangeEvent(range: LSPRange(start: Position(line: l1, character: c1), end: Position(line: l2, character: c2)), text: new), encoding: .utf16)
        }
        #expect(document.lineStarts == TextDocument(uri: "u", version: 0, text: document.text).lineStarts)
        #expect(document.text.count > 63 << 20)
        #expect(document.string.hasSuffix("end"))
    }
}
