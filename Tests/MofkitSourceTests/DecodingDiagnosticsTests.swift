import MofkitSource
import Testing

/// Read as UTF-8 because `--encoding utf-8` says so (a file without a BOM would otherwise be read as
/// Windows-1252, see `Windows1252Tests`).
@Suite("Invalid UTF-8 (MOF0001)")
struct InvalidUTF8Tests {
    @Test func singleBadByteIsReportedWhereItIs() throws {
        let file = SourceFile(path: "dir/a.mof", bytes: [0x61, 0x62, 0xFF, 0x63, 0x64], encoding: .utf8)
        let diagnostics = file.diagnostics(SourceCode.invalidUTF8)
        try #require(diagnostics.count == 1)
        let diagnostic = diagnostics[0]
        #expect(diagnostic.code.rawValue == "MOF0001")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.range.file == "dir/a.mof")
        #expect(diagnostic.range.start.triple == [1, 3, 2])
        #expect(diagnostic.range.end.triple == [1, 4, 3])
        #expect(diagnostic.message.contains("0xFF"))
        #expect(file.decodingDiagnostics.count == 1)
    }

    @Test func aRunOfBadBytesIsReportedOnce() throws {
        let file = SourceFile(path: "a.mof", bytes: [0x61, 0x80, 0x81, 0x82, 0x62], encoding: .utf8)
        let diagnostics = file.diagnostics(SourceCode.invalidUTF8)
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].range.start.triple == [1, 2, 1])
        #expect(diagnostics[0].range.end.offset == 4)
        #expect(diagnostics[0].message.contains("0x80 0x81 0x82"))
    }

    @Test func separateRunsAreSeparateDiagnostics() {
        let file = SourceFile(path: "a.mof", bytes: [0xFF, 0x61, 0xFE], encoding: .utf8)
        #expect(file.diagnostics(SourceCode.invalidUTF8).map(\.range.start.offset) == [0, 2])
    }

    @Test func leadByteWithoutContinuationIsJustThatByte() throws {
        // C3 needs a continuation byte; "(" is not one and stays valid text.
        let file = SourceFile(path: "a.mof", bytes: [0x78, 0xC3, 0x28, 0x79], encoding: .utf8)
        let diagnostics = file.diagnostics(SourceCode.invalidUTF8)
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].range.start.offset == 1)
        #expect(diagnostics[0].range.end.offset == 2)
    }

    @Test func lineAndColumnOnALaterLineWithMultiByteText() throws {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf8("x\n\ny中") + [0xFF] + Bytes.utf8("z"), encoding: .utf8)
        let diagnostic = try #require(file.diagnostics(SourceCode.invalidUTF8).first)
        #expect(diagnostic.range.start.triple == [3, 3, 7])
    }

    @Test func offsetCountsTheUTF8BOM() throws {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf8BOM + [0x61, 0xFF])
        let diagnostic = try #require(file.diagnostics(SourceCode.invalidUTF8).first)
        #expect(diagnostic.range.start.triple == [1, 2, 4])
    }

    @Test func truncatedSequenceAtEndOfFile() throws {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf8("abc") + [0xE2, 0x82], encoding: .utf8)
        let diagnostics = file.diagnostics(SourceCode.invalidUTF8)
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].range.start.offset == 3)
        #expect(diagnostics[0].range.end.offset == 5)
        #expect(diagnostics[0].message.contains("0xE2 0x82"))
    }

    @Test(arguments: [
        [0xC0, 0xAF] as [UInt8],  // overlong "/"
        [0xE0, 0x80, 0x80],  // overlong NUL
        [0xED, 0xA0, 0x80],  // a surrogate is not UTF-8
        [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
        [0xF8, 0x88, 0x80, 0x80, 0x80],  // five-byte form
        [0x80], [0xBF], [0xFE], [0xFF],
    ])
    func illFormedSequencesAreOneDiagnostic(bad: [UInt8]) throws {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf8("a") + bad + Bytes.utf8("b"), encoding: .utf8)
        let diagnostics = file.diagnostics(SourceCode.invalidUTF8)
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].range.start.offset == 1)
        #expect(diagnostics[0].range.end.offset == 1 + bad.count)
    }

    @Test func wellFormedMultiByteTextIsClean() {
        let file = SourceFile(path: "a.mof", string: "é中😀\u{10FFFF}\u{FFFD}\u{7FF}\u{800}")
        #expect(file.decodingDiagnostics.isEmpty)
    }

    @Test func badByteAfterTheEightByteFastPath() throws {
        for position in [7, 8, 15, 16, 17, 64] {
            let bytes = [UInt8](repeating: 0x61, count: position) + [0xFF] + [UInt8](repeating: 0x62, count: 20)
            let file = SourceFile(path: "a.mof", bytes: bytes, encoding: .utf8)
            let diagnostics = file.diagnostics(SourceCode.invalidUTF8)
            try #require(diagnostics.count == 1, "position \(position)")
            #expect(diagnostics[0].range.start.triple == [1, position + 1, position])
        }
    }

    @Test func longRunShowsEightBytesThenAnEllipsis() throws {
        let file = SourceFile(path: "a.mof", bytes: [UInt8](repeating: 0xFF, count: 12), encoding: .utf8)
        let diagnostic = try #require(file.diagnostics(SourceCode.invalidUTF8).first)
        #expect(file.diagnostics(SourceCode.invalidUTF8).count == 1)
        #expect(diagnostic.message.components(separatedBy: "0xFF").count - 1 == 8)
        #expect(diagnostic.message.contains("…"))
        #expect(diagnostic.range.end.offset == 12)
    }

    @Test func utf16FilesNeverReportInvalidUTF8() {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf16LEBOM + Bytes.utf16([0xFFFF, 0xD800], bigEndian: false))
        #expect(file.diagnostics(SourceCode.invalidUTF8).isEmpty)
    }
}

@Suite("NUL characters (MOF0003)")
struct NULTests {
    @Test func nulInUTF8IsAWarningAtItsPlace() throws {
        // (NULs at odd offsets only would look like UTF-16LE, so put one at an even offset.)
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf8("ab\0cd\0e"))
        #expect(file.encoding == .utf8)
        let diagnostics = file.diagnostics(SourceCode.nulByte)
        #expect(diagnostics.map(\.range.start.offset) == [2, 5])
        let first = try #require(diagnostics.first)
        #expect(first.code.rawValue == "MOF0003")
        #expect(first.severity == .warning)
        #expect(first.range.start.triple == [1, 3, 2])
        #expect(first.range.end.triple == [1, 4, 3])
    }

    @Test func nulInsideTheFastPathIsFound() throws {
        var bytes = [UInt8](repeating: 0x20, count: 40)
        bytes[13] = 0
        let file = SourceFile(path: "a.mof", bytes: bytes)
        let diagnostic = try #require(file.diagnostics(SourceCode.nulByte).first)
        #expect(diagnostic.range.start.triple == [1, 14, 13])
        #expect(file.decodingDiagnostics.count == 1)
    }

    @Test func nulUnitInUTF16() throws {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf16LEBOM + Bytes.utf16([0x41, 0x0000, 0x42], bigEndian: false))
        let diagnostic = try #require(file.diagnostics(SourceCode.nulByte).first)
        #expect(diagnostic.range.start.triple == [1, 2, 4])
        #expect(file.text == [0x41, 0x00, 0x42])
    }

    @Test func aRunOfNULsIsOneDiagnostic() throws {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf8("ab\0\0\0cd"))
        let diagnostics = file.diagnostics(SourceCode.nulByte)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.range.start.offset == 2)
        #expect(diagnostics.first?.range.end.offset == 5)
        #expect(diagnostics.first?.message == "3 NUL characters in text")
    }

    @Test func manyNULsAreSummedUpPastTheLimit() throws {
        // "a\0" repeated, with a NUL at an even offset first so the file is not taken for UTF-16LE.
        var bytes: [UInt8] = [0, 0x20]
        for _ in 0..<100 { bytes += [0x61, 0x20, 0x00, 0x20] }
        let file = SourceFile(path: "a.mof", bytes: bytes)
        #expect(file.encoding == .utf8)
        let diagnostics = file.diagnostics(SourceCode.nulByte)
        #expect(diagnostics.count == 21)
        let summary = try #require(diagnostics.last)
        #expect(summary.message.hasPrefix("81 more NUL characters in text"))
        // The first NUL is at 0, the next ones every 4 bytes from 4: the 21st is at 80.
        #expect(summary.range.start.offset == 80)
    }
}

@Suite("Lone surrogates (MOF0002)")
struct LoneSurrogateTests {
    @Test func loneHighSurrogateInUTF16LE() throws {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf16LEBOM + Bytes.utf16([0x41, 0xD800, 0x42], bigEndian: false))
        let diagnostics = file.diagnostics(SourceCode.loneSurrogate)
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].code.rawValue == "MOF0002")
        #expect(diagnostics[0].severity == .error)
        #expect(diagnostics[0].range.start.triple == [1, 2, 4])
        #expect(diagnostics[0].range.end.triple == [1, 3, 6])
        #expect(diagnostics[0].message.contains("D800"))
        // Kept as its three-byte generalized UTF-8 form.
        #expect(file.text == [0x41, 0xED, 0xA0, 0x80, 0x42])
    }

    @Test func loneLowSurrogateInUTF16BE() throws {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf16BEBOM + Bytes.utf16([0xDC00], bigEndian: true))
        let diagnostic = try #require(file.diagnostics(SourceCode.loneSurrogate).first)
        #expect(diagnostic.range.start.triple == [1, 1, 2])
        #expect(diagnostic.message.contains("DC00"))
    }

    @Test func highSurrogateAtEndOfFile() throws {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf16LEBOM + Bytes.utf16([0x41, 0xDBFF], bigEndian: false))
        let diagnostic = try #require(file.diagnostics(SourceCode.loneSurrogate).first)
        #expect(diagnostic.range.start.triple == [1, 2, 4])
    }

    @Test func highSurrogateFollowedByAnotherHighIsTwoProblems() {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf16LEBOM + Bytes.utf16([0xD800, 0xD801, 0xDC00], bigEndian: false))
        // The first high is alone; the second pairs with the low.
        #expect(file.diagnostics(SourceCode.loneSurrogate).map(\.range.start.offset) == [2])
        #expect(file.text == [0xED, 0xA0, 0x80] + Bytes.utf8("\u{10400}"))
    }

    @Test func loneSurrogateOnALaterLineOfAFileWithoutBOM() throws {
        let units = Array("class A { };\r\n".utf16) + [0xD800] + Array(" x;\r\n".utf16)
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf16(units, bigEndian: false))
        #expect(file.encoding == .utf16LE)
        let diagnostic = try #require(file.diagnostics(SourceCode.loneSurrogate).first)
        #expect(diagnostic.range.start.triple == [2, 1, 28])
        // The character after it is one column further on.
        #expect(file.location(at: 14 + 3).triple == [2, 2, 30])
    }

    @Test func pairedSurrogatesAreClean() {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf16LEBOM + Bytes.utf16LE("😀 𝄞"))
        #expect(file.decodingDiagnostics.isEmpty)
    }
}

@Suite("Odd UTF-16 length (MOF0004)")
struct OddLengthTests {
    @Test func oddByteAfterBOMText() throws {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x41, 0x00, 0x42]
        let file = SourceFile(path: "a.mof", bytes: bytes)
        let diagnostics = file.diagnostics(SourceCode.oddUTF16Length)
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].code.rawValue == "MOF0004")
        #expect(diagnostics[0].severity == .error)
        #expect(diagnostics[0].range.start.triple == [1, 2, 4])
        #expect(file.text == [0x41])
        #expect(file.encode(file.text) == bytes)
    }

    @Test func oddByteInBigEndian() throws {
        let file = SourceFile(path: "a.mof", bytes: [0xFE, 0xFF, 0x00, 0x41, 0x42])
        let diagnostic = try #require(file.diagnostics(SourceCode.oddUTF16Length).first)
        #expect(diagnostic.range.start.offset == 4)
    }

    @Test func oddByteWithoutBOM() throws {
        let bytes = Bytes.utf16LE("class A { };") + [0x7A]
        let file = SourceFile(path: "a.mof", bytes: bytes)
        #expect(file.encoding == .utf16LE)
        let diagnostic = try #require(file.diagnostics(SourceCode.oddUTF16Length).first)
        #expect(diagnostic.range.start.triple == [1, 13, 24])
        #expect(file.encode(file.text) == bytes)
    }

    @Test func evenLengthHasNoProblem() {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf16LEBOM + Bytes.utf16LE("AB"))
        #expect(file.diagnostics(SourceCode.oddUTF16Length).isEmpty)
    }
}

@Suite("Diagnostic ordering and descriptors")
struct DiagnosticOrderingTests {
    static func diagnostic(_ file: String, _ line: Int, _ column: Int, _ code: DiagnosticCode, _ message: String) -> Diagnostic {
        let location = SourceLocation(line: line, column: column, offset: line * 100 + column)
        return Diagnostic(code: code, severity: .error, message: message,
                          range: SourceRange(file: file, start: location, end: location))
    }

    static let expectedOrder: [Diagnostic] = [
        diagnostic("a.mof", 1, 5, "MOF1001", "first tie"),
        diagnostic("a.mof", 1, 5, "MOF1001", "second tie"),
        diagnostic("a.mof", 1, 5, "MOF1002", "same place, later code"),
        diagnostic("a.mof", 1, 9, "MOF0001", "later column"),
        diagnostic("a.mof", 2, 1, "MOF0001", "later line"),
        diagnostic("b.mof", 1, 1, "MOF0001", "later file"),
    ]

    @Test func sortsByFileThenPlaceThenCodeWhateverTheInputOrder() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<50 {
            var shuffled = Self.expectedOrder.shuffled(using: &rng)
            // Keep the two ties in their original relative order: the sort must be stable.
            let firstTie = shuffled.firstIndex { $0.message == "first tie" }!
            let secondTie = shuffled.firstIndex { $0.message == "second tie" }!
            if secondTie < firstTie { shuffled.swapAt(firstTie, secondTie) }
            #expect(Diagnostic.sortedForOutput(shuffled) == Self.expectedOrder)
        }
    }

    @Test func tiesKeepTheirInputOrder() {
        let tie1 = Self.expectedOrder[0]
        let tie2 = Self.expectedOrder[1]
        #expect(Diagnostic.sortedForOutput([tie2, tie1]).map(\.message) == ["second tie", "first tie"])
    }

    @Test func emptyInput() {
        #expect(Diagnostic.sortedForOutput([]).isEmpty)
    }

    @Test func decodingDiagnosticsComeOutInFileOrder() {
        let file = SourceFile(path: "a.mof", bytes: [0x00, 0x0A, 0xFF, 0x00, 0x0A, 0x61, 0xC3], encoding: .utf8)
        let sorted = Diagnostic.sortedForOutput(file.decodingDiagnostics)
        #expect(sorted.map(\.range.start.line) == [1, 2, 2, 3])
        #expect(sorted.map(\.code.rawValue) == ["MOF0003", "MOF0001", "MOF0003", "MOF0001"])
    }

    @Test func severityOrder() {
        #expect(Severity.note < .warning && Severity.warning < .error)
        #expect(Severity.allCases.max() == .error)
    }

    @Test func sourceDescriptorsCoverEveryDecodingCode() {
        let descriptors = SourceCode.descriptors
        #expect(descriptors.map(\.code).sorted() == [SourceCode.invalidUTF8, SourceCode.loneSurrogate, SourceCode.nulByte, SourceCode.oddUTF16Length, SourceCode.readAsWindows1252])
        for descriptor in descriptors {
            #expect(!descriptor.title.isEmpty)
            #expect(!descriptor.explanation.isEmpty)
            #expect(descriptor.wrongExample != descriptor.rightExample)
        }
    }

    @Test func descriptorSeveritiesMatchWhatDecodingEmits() {
        // One file per code, then compare each diagnostic's severity with its descriptor.
        let files = [
            SourceFile(path: "a", bytes: [0xFF]),
            SourceFile(path: "b", bytes: [0x61, 0x00]),
            SourceFile(path: "c", bytes: [0xFF, 0xFE, 0x00, 0xD8]),
            SourceFile(path: "d", bytes: [0xFF, 0xFE, 0x41]),
        ]
        let emitted = files.flatMap(\.decodingDiagnostics)
        #expect(Set(emitted.map(\.code)).count == 4)
        for diagnostic in emitted {
            let descriptor = SourceCode.descriptors.first { $0.code == diagnostic.code }
            #expect(descriptor?.defaultSeverity == diagnostic.severity, "\(diagnostic.code)")
        }
    }
}
