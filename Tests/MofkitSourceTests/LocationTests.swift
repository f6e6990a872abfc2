import MofkitSource
import Testing

@Suite("Line breaks")
struct LineBreakTests {
    @Test func eachBreakKindCountsOnce() {
        let file = SourceFile(path: "a.mof", string: "a\nb\r\nc\rd\r\r\ne")
        #expect(file.lineCount == 5)
        #expect((1...5).map { file.lineText($0) } == ["a", "b", "c", "d", "e"])
        #expect(file.location(at: 11).triple == [5, 1, 11])
    }

    @Test func breaksThatAreNotOneUnitStaySeparate() {
        // CR CR is two breaks; LF CR is two breaks; CR LF LF is two.
        #expect(SourceFile(path: "a", string: "a\r\rb").lineCount == 3)
        #expect(SourceFile(path: "a", string: "a\n\rb").lineCount == 3)
        #expect(SourceFile(path: "a", string: "a\r\n\nb").lineCount == 3)
        #expect(SourceFile(path: "a", string: "a\r\r\r\nb").lineCount == 3)  // CR, then CR CR LF
    }

    @Test func trailingBreakMakesAnEmptyLastLine() {
        let file = SourceFile(path: "a.mof", string: "a\r\n")
        #expect(file.lineCount == 2)
        #expect(file.lineText(2) == "")
        #expect(file.location(at: 3).triple == [2, 1, 3])
    }

    @Test func emptyFileHasOneLine() {
        let file = SourceFile(path: "a.mof", bytes: [])
        #expect(file.lineCount == 1)
        #expect(file.lineText(1) == "")
        #expect(file.location(at: 0).triple == [1, 1, 0])
    }

    @Test func lineTextOutOfRangeIsEmpty() {
        let file = SourceFile(path: "a.mof", string: "x\ny")
        #expect(file.lineText(0) == "")
        #expect(file.lineText(3) == "")
        #expect(file.lineBytes(-1).isEmpty)
    }

    @Test func textOffsetOfLine() {
        let file = SourceFile(path: "a.mof", string: "ab\r\ncd\re\r\r\nf")
        #expect((1...4).map { file.textOffset(ofLine: $0) } == [0, 4, 7, 11])
        #expect(file.textOffset(ofLine: 0) == 0)
        #expect(file.textOffset(ofLine: 99) == file.text.count)
    }

    @Test func lineIndexContaining() {
        let file = SourceFile(path: "a.mof", string: "ab\ncd\n\nef")
        #expect([0, 2, 3, 5, 6, 7, 9].map { file.lineIndex(containing: $0) } == [0, 0, 1, 1, 2, 3, 3])
    }

    @Test func lineBreakLength() {
        let cases: [(String, Int)] = [("\n", 1), ("\r", 1), ("\r\n", 2), ("\r\r\n", 3), ("\r\r", 1), ("\r\rx", 1),
                                      ("\n\r", 1)]
        for (text, expected) in cases {
            let bytes = Bytes.utf8(text)
            let length = bytes.withUnsafeBufferPointer { LineBreak.length($0, at: 0) }
            #expect(length == expected, "\(Array(text.utf8))")
        }
    }

    @Test func lineBreaksInUTF16() {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf16LEBOM + Bytes.utf16LE("a\r\nb\rc\r\r\nd"))
        #expect(file.lineCount == 4)
        #expect(file.lineText(4) == "d")
        // "d" is unit 9 after the BOM.
        #expect(file.location(at: 9).triple == [4, 1, 2 + 2 * 9])
    }
}

@Suite("Locations")
struct LocationTests {
    @Test func columnsCountUnicodeScalars() {
        // é is 2 bytes, 中 is 3, 😀 is 4; each is one column.
        let file = SourceFile(path: "a.mof", string: "é中😀x\nyz")
        #expect(file.location(at: 0).triple == [1, 1, 0])
        #expect(file.location(at: 2).triple == [1, 2, 2])
        #expect(file.location(at: 5).triple == [1, 3, 5])
        #expect(file.location(at: 9).triple == [1, 4, 9])
        #expect(file.location(at: 11).triple == [2, 1, 11])
        #expect(file.location(at: 12).triple == [2, 2, 12])
    }

    @Test func offsetsAreClamped() {
        let file = SourceFile(path: "a.mof", string: "ab\ncd")
        #expect(file.location(at: -5).triple == [1, 1, 0])
        #expect(file.location(at: 1000).triple == [2, 3, 5])
    }

    @Test func utf8BOMShiftsOriginalOffsetsOnly() {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf8BOM + Bytes.utf8("ab\nc"))
        #expect(file.location(at: 0).triple == [1, 1, 3])
        #expect(file.location(at: 3).triple == [2, 1, 6])
    }

    @Test func utf16SurrogatePairIsOneColumnAndFourBytes() {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf16LEBOM + Bytes.utf16LE("a😀b"))
        #expect(file.text == Bytes.utf8("a😀b"))
        #expect(file.location(at: 1).triple == [1, 2, 4])
        #expect(file.location(at: 5).triple == [1, 3, 8])
        #expect(file.location(at: 6).triple == [1, 4, 10])
    }

    @Test func rangeUsesBothEnds() {
        let file = SourceFile(path: "dir/a.mof", string: "class A\n{ };")
        let range = file.range(6, 9)
        #expect(range.file == "dir/a.mof")
        #expect(range.start.triple == [1, 7, 6])
        #expect(range.end.triple == [2, 2, 9])
        // A reversed range collapses to a point at its start.
        #expect(file.range(9, 6).end == file.range(9, 6).start)
    }

    @Test func bytesAfterInvalidUTF8StillAdvanceTheColumn() {
        // Each invalid byte shows as one replacement character; the byte after it must be a new column.
        let file = SourceFile(path: "a.mof", bytes: [0x61, 0x80, 0x81, 0x62], encoding: .utf8)
        #expect(file.location(at: 1).column == 2)
        #expect(file.location(at: 3).column == 4)
    }

    /// One text with every kind of scalar and line break, long enough to cross several
    /// 4096-byte checkpoints, checked at every scalar against positions computed independently.
    struct Expected {
        var textOffset: Int
        var utf16Offset: Int
        var line: Int
        var column: Int
    }

    static func longSample() -> (text: String, positions: [Expected]) {
        let breaks = ["\n", "\r\n", "\r", "\r\r\n"]
        let extras: [Character] = ["é", "中", "😀", "𝄞", "ß", "x"]
        var text = ""
        var positions: [Expected] = []
        var textOffset = 0
        var utf16Offset = 0
        for lineIndex in 0..<700 {
            var line = "  [key] string Name\(lineIndex) = \""
            line.append(extras[lineIndex % extras.count])
            line.append(extras[(lineIndex / 3) % extras.count])
            line += "\";"
            var column = 1
            for scalar in line.unicodeScalars {
                positions.append(Expected(textOffset: textOffset, utf16Offset: utf16Offset, line: lineIndex + 1,
                                          column: column))
                column += 1
                textOffset += scalar.utf8.count
                utf16Offset += scalar.utf16.count
            }
            let lineBreak = breaks[lineIndex % breaks.count]
            text += line + lineBreak
            textOffset += lineBreak.utf8.count
            utf16Offset += lineBreak.utf16.count
        }
        return (text, positions)
    }

    // Windows-1252 cannot hold the sample's characters; it has its own test below.
    @Test(arguments: SourceEncoding.allCases.filter { $0 != .windows1252 })
    func everyScalarOfALongFileMapsBack(encoding: SourceEncoding) {
        let (text, positions) = Self.longSample()
        let bytes: [UInt8]
        let bomLength: Int
        switch encoding {
        case .utf8: bytes = Bytes.utf8(text); bomLength = 0
        case .utf8BOM: bytes = Bytes.utf8BOM + Bytes.utf8(text); bomLength = 3
        case .utf16LEBOM: bytes = Bytes.utf16LEBOM + Bytes.utf16LE(text); bomLength = 2
        case .utf16BEBOM: bytes = Bytes.utf16BEBOM + Bytes.utf16BE(text); bomLength = 2
        case .utf16LE: bytes = Bytes.utf16LE(text); bomLength = 0
        case .utf16BE: bytes = Bytes.utf16BE(text); bomLength = 0
        case .windows1252: return
        }
        // BOM-less UTF-16BE is only read when asked for; everything else is detected.
        let file = SourceFile(path: "long.mof", bytes: bytes, encoding: encoding == .utf16BE ? .utf16BE : .auto)
        #expect(file.encoding == encoding)
        #expect(file.text.count > 3 * 4096)
        #expect(file.lineCount == 701)
        var mismatches = 0
        for expected in positions {
            let location = file.location(at: expected.textOffset)
            let original = encoding == .utf8 || encoding == .utf8BOM
                ? bomLength + expected.textOffset : bomLength + 2 * expected.utf16Offset
            if location.triple != [expected.line, expected.column, original] {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("text offset \(expected.textOffset): got \(location.triple), want \([expected.line, expected.column, original])")
                }
            }
        }
        #expect(mismatches == 0)
        // The end of the text maps to the end of the file.
        #expect(file.originalOffset(of: file.text.count) == bytes.count)
    }

    /// A long Windows-1252 file (past three checkpoints) with every byte from 0x80 to 0xFF in
    /// it: each byte is one column, and every location maps back to the byte's offset on disk.
    @Test func everyByteOfALongWindows1252FileMapsBack() {
        var bytes: [UInt8] = []
        var expected: [(line: Int, column: Int, offset: Int)] = []
        for lineIndex in 0..<400 {
            var line = Array("  string P\(lineIndex) = \"".utf8)
            for k in 0..<6 { line.append(UInt8(0x80 + (lineIndex * 6 + k) % 0x80)) }
            line += Array("\";".utf8)
            for column in 1...line.count { expected.append((lineIndex + 1, column, bytes.count + column - 1)) }
            bytes += line + (lineIndex % 2 == 0 ? [0x0D, 0x0A] : [0x0A])
        }
        let file = SourceFile(path: "ansi.mof", bytes: bytes)
        #expect(file.encoding == .windows1252)
        #expect(file.text.count > 3 * 4096)
        #expect(file.lineCount == 401)
        // Walk the decoded text scalar by scalar: the n-th scalar is the n-th byte.
        var textOffset = 0
        var mismatches = 0
        var lineNumber = 0
        for (index, want) in expected.enumerated() {
            if want.line != lineNumber {
                lineNumber = want.line
                textOffset = file.textOffset(ofLine: want.line)
            }
            let location = file.location(at: textOffset)
            if location.triple != [want.line, want.column, want.offset] {
                mismatches += 1
                if mismatches <= 5 { Issue.record("#\(index): got \(location.triple), want \([want.line, want.column, want.offset])") }
            }
            let lead = file.text[textOffset]
            textOffset += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : 3
        }
        #expect(mismatches == 0)
        #expect(file.originalOffset(of: file.text.count) == bytes.count)
        #expect(file.encode(file.text) == bytes)
    }

    @Test func locationOrdering() {
        let a = SourceLocation(line: 1, column: 5, offset: 4)
        let b = SourceLocation(line: 2, column: 1, offset: 6)
        let c = SourceLocation(line: 2, column: 3, offset: 8)
        #expect(a < b && b < c && a < c)
        #expect(!(b < a))
        #expect([c, a, b].sorted() == [a, b, c])
    }
}
