import Foundation
import MofkitSource
import Testing

/// Files without a byte-order mark that are not valid UTF-8 are read as Windows-1252, as mofcomp reads
/// an 8-bit file in the Windows code page (MOF0005), unless `--encoding` says otherwise.
@Suite("Windows-1252 (MOF0005)")
struct Windows1252Tests {
    /// Notepad's way of writing an em dash into a comment, on the third line.
    static let notepadFile: [UInt8] = Bytes.utf8("#pragma namespace(\"\\\\\\\\.\\\\root\\\\cimv2\")\n// Contoso ")
        + [0x97] + Bytes.utf8(" disks, caf") + [0xE9] + Bytes.utf8("\r\nclass Contoso_Disk { [key] string Name; };\n")

    @Test func aFileThatIsNotUTF8IsReadAsWindows1252WithOneWarning() throws {
        let file = SourceFile(path: "ext.mof", bytes: Self.notepadFile)
        #expect(file.encoding == .windows1252)
        #expect(file.diagnostics(SourceCode.invalidUTF8).isEmpty)
        let warnings = file.diagnostics(SourceCode.readAsWindows1252)
        try #require(warnings.count == 1)
        let warning = warnings[0]
        #expect(warning.severity == .warning)
        // The first such byte: 0x97 on line 2, column 12, at its offset on disk.
        let offset = try #require(Self.notepadFile.firstIndex(of: 0x97))
        #expect(warning.range.start.triple == [2, 12, offset])
        #expect(warning.range.end.triple == [2, 13, offset + 1])
        #expect(warning.message.contains("0x97"))
        #expect(warning.message.contains("byte offset \(offset)"))
        #expect(warning.message.contains("Windows-1252"))
        #expect(warning.message.contains("'—' U+2014"))
        #expect(warning.message.contains("--encoding utf-8"))
        // The text holds the characters the bytes stand for.
        #expect(String(decoding: file.lineBytes(2), as: UTF8.self) == "// Contoso — disks, café")
        // A later location still maps to the right place on disk (é is one byte there, two in the text).
        let lineThreeOnDisk = try #require(Self.notepadFile.firstIndex(of: 0x0A, after: offset)) + 1
        #expect(file.location(at: file.textOffset(ofLine: 3) + 6).triple == [3, 7, lineThreeOnDisk + 6])
        // Written back, the bytes are the file's.
        #expect(file.encode(file.text) == Self.notepadFile)
    }

    @Test func theTableAgreesWithFoundationForEveryAssignedByte() throws {
        let unassigned: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
        for byte in UInt8(0x80)...UInt8(0xFF) where !unassigned.contains(byte) {
            let file = SourceFile(path: "b.mof", bytes: [byte], encoding: .windows1252)
            let foundation = try #require(String(bytes: [byte], encoding: .windowsCP1252), "byte \(byte)")
            #expect(String(decoding: file.text, as: UTF8.self) == foundation, "byte \(byte)")
        }
    }

    @Test func theFiveUnassignedBytesBecomeTheirC1ControlCharacters() {
        for byte: UInt8 in [0x81, 0x8D, 0x8F, 0x90, 0x9D] {
            let file = SourceFile(path: "b.mof", bytes: [0x61, byte, 0x62])
            #expect(file.encoding == .windows1252)
            #expect(Array(String(decoding: file.text, as: UTF8.self).unicodeScalars.map(\.value)) == [0x61, UInt32(byte), 0x62])
            #expect(file.encode(file.text) == [0x61, byte, 0x62])
        }
    }

    @Test func validUTF8StaysUTF8() {
        let file = SourceFile(path: "u.mof", string: "// café — ok\nclass A { };\n")
        #expect(file.encoding == .utf8)
        #expect(file.decodingDiagnostics.isEmpty)
    }

    @Test func aUTF8ByteOrderMarkKeepsTheFileUTF8() {
        let file = SourceFile(path: "b.mof", bytes: Bytes.utf8BOM + Bytes.utf8("// a ") + [0x97])
        #expect(file.encoding == .utf8BOM)
        #expect(file.diagnostics(SourceCode.invalidUTF8).count == 1)
        #expect(file.diagnostics(SourceCode.readAsWindows1252).isEmpty)
    }

    @Test func encodingUTF8ReportsTheBytesAsErrorsInstead() throws {
        let file = SourceFile(path: "ext.mof", bytes: Self.notepadFile, encoding: .utf8)
        #expect(file.encoding == .utf8)
        #expect(file.diagnostics(SourceCode.readAsWindows1252).isEmpty)
        let errors = file.diagnostics(SourceCode.invalidUTF8)
        #expect(errors.count == 2)
        #expect(errors.first?.severity == .error)
    }

    @Test func encodingWindows1252ReadsValidUTF8AsWindows1252WithoutAWarning() {
        let file = SourceFile(path: "u.mof", bytes: Bytes.utf8("é"), encoding: .windows1252)
        #expect(file.encoding == .windows1252)
        #expect(String(decoding: file.text, as: UTF8.self) == "Ã©")
        #expect(file.decodingDiagnostics.isEmpty)
    }

    @Test func encodingUTF16BEReadsAFileWithoutAByteOrderMark() {
        let bytes = Bytes.utf16BE("class A { };\n")
        #expect(SourceFile(path: "b.mof", bytes: bytes).encoding != .utf16BE)
        let file = SourceFile(path: "b.mof", bytes: bytes, encoding: .utf16BE)
        #expect(file.encoding == .utf16BE)
        #expect(String(decoding: file.text, as: UTF8.self) == "class A { };\n")
        #expect(file.location(at: 6).triple == [1, 7, 12])
        #expect(file.encode(file.text) == bytes)
    }

    @Test func encodingUTF16LESkipsItsByteOrderMark() {
        let bytes = Bytes.utf16LEBOM + Bytes.utf16LE("class A { };")
        let file = SourceFile(path: "b.mof", bytes: bytes, encoding: .utf16LE)
        #expect(file.encoding == .utf16LEBOM)
        #expect(String(decoding: file.text, as: UTF8.self) == "class A { };")
    }

    @Test func nulBytesInAWindows1252FileAreStillReported() {
        let file = SourceFile(path: "n.mof", bytes: [0x97, 0x61, 0x00, 0x62])
        #expect(file.encoding == .windows1252)
        #expect(file.diagnostics(SourceCode.nulByte).map(\.range.start.offset) == [2])
    }
}

extension Array where Element == UInt8 {
    func firstIndex(of byte: UInt8, after start: Int) -> Int? {
        self[(start + 1)...].firstIndex(of: byte)
    }
}
