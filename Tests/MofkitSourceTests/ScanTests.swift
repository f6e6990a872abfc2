import Foundation
import MofkitSource
import Testing

/// The line table and UTF-8 validation are found in one pass that reads eight or sixteen bytes at a
/// time. These tests compare it with plain byte-by-byte definitions on texts built to put every kind
/// of byte at every position of a word.
@Suite("Word-at-a-time scanning")
struct ScanTests {
    /// Line starts by the definition: after LF, after CR LF, after CR CR LF (one break), after a lone CR.
    static func referenceLineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            while i < buffer.count {
                if buffer[i] == 0x0A || buffer[i] == 0x0D {
                    i += LineBreak.length(buffer, at: i)
                    starts.append(i)
                } else {
                    i += 1
                }
            }
        }
        return starts
    }

    static func lineStarts(of file: SourceFile) -> [Int] {
        (1...file.lineCount).map { file.textOffset(ofLine: $0) }
    }

    /// Random texts rich in the bytes the scanner treats specially, at random lengths.
    static func randomTexts(seed: UInt64, count: Int, alphabet: [UInt8]) -> [[UInt8]] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: 0..<80, using: &generator)
            return (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        }
    }

    @Test func lineStartsMatchTheDefinition() {
        let alphabet: [UInt8] = Array("ab \t".utf8) + [0x0A, 0x0D, 0x0D, 0x0B, 0x0C]
        for text in Self.randomTexts(seed: 1, count: 1000, alphabet: alphabet) {
            let file = SourceFile(path: "t.mof", bytes: text)
            #expect(Self.lineStarts(of: file) == Self.referenceLineStarts(text), "\(text)")
        }
    }

    @Test func lineStartsMatchTheDefinitionWithNonASCIIAndNUL() {
        // Non-ASCII bytes and NULs send the scanner to its byte-by-byte path mid-word.
        let alphabet: [UInt8] = Array("ab".utf8) + [0x0A, 0x0D, 0x00, 0xC3, 0xA9, 0xE2, 0x80, 0xFF]
        for text in Self.randomTexts(seed: 2, count: 1000, alphabet: alphabet) {
            let file = SourceFile(path: "t.mof", bytes: text)
            guard file.encoding == .utf8 else { continue }  // enough NULs look like UTF-16LE
            #expect(Self.lineStarts(of: file) == Self.referenceLineStarts(text), "\(text)")
        }
    }

    @Test func validityMatchesTheStandardLibrary() {
        // Valid UTF-8 without NUL gives no decoding diagnostic; anything else gives at least one.
        let alphabet: [UInt8] = Array("ab\n".utf8) + [0x00, 0x80, 0xBF, 0xC2, 0xC3, 0xA9, 0xE0, 0xED, 0xA0, 0xF0, 0x90, 0xF4, 0xFF]
        for text in Self.randomTexts(seed: 3, count: 1500, alphabet: alphabet) {
            // A leading BOM or a UTF-16 pattern would change the decoding; these alphabets have neither.
            let file = SourceFile(path: "t.mof", bytes: text)
            guard file.encoding == .utf8 else { continue }
            let valid = Array(String(decoding: text, as: UTF8.self).utf8) == text && !text.contains(0)
            #expect(file.decodingDiagnostics.isEmpty == valid, "\(text)")
        }
    }

    @Test func aBreakInEachPositionOfTwoWords() {
        for position in 0..<20 {
            for lineBreak in [[UInt8(0x0A)], [0x0D], [0x0D, 0x0A], [0x0D, 0x0D, 0x0A]] {
                var text = [UInt8](repeating: UInt8(ascii: "x"), count: 24)
                text.insert(contentsOf: lineBreak, at: position)
                let file = SourceFile(path: "t.mof", bytes: text)
                #expect(Self.lineStarts(of: file) == [0, position + lineBreak.count], "\(position) \(lineBreak)")
            }
        }
    }

    @Test func anInvalidByteInEachPositionOfTwoWords() {
        for position in 0..<20 {
            var text = [UInt8](repeating: UInt8(ascii: "x"), count: 24)
            text[position] = 0xFF
            let file = SourceFile(path: "t.mof", bytes: text)
            let found = file.decodingDiagnostics.map { $0.range.start.offset }
            #expect(found == [position])
        }
    }
}

@Suite("Reading, large and unsized")
struct LargeReadingTests {
    @Test func readsAMultiMegabyteFileExactly() throws {
        // Larger than a few huge pages, so the read buffer gets the huge-page advice.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mofkit-large-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        var generator = SplitMix64(seed: 9)
        var bytes = [UInt8](repeating: 0, count: 9 << 20)
        for i in stride(from: 0, to: bytes.count, by: 8) {
            withUnsafeBytes(of: generator.next()) { word in
                for k in 0..<8 { bytes[i + k] = word[k] }
            }
        }
        try Data(bytes).write(to: url)
        #expect(try readBytes(path: url.path) == bytes)
    }

    #if os(Linux)
    @Test func readsAFileThatReportsNoSize() throws {
        // /proc files report size 0: the reader must go on past its first, size-based read.
        let expected = try #require(FileManager.default.contents(atPath: "/proc/self/cmdline"))
        #expect(try readBytes(path: "/proc/self/cmdline") == Array(expected))
    }
    #endif
}
