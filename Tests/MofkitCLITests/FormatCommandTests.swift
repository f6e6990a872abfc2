import Foundation
import Testing

/// End-to-end tests of `mofkit format`.
@Suite("mofkit format")
struct FormatCommandTests {
    static let messy = "class Sample_Class{[key]string Name;uint32 Count=5;};"
    static let formatted = "class Sample_Class {\n    [key] string Name;\n    uint32 Count = 5;\n};\n"
    /// An unterminated string literal on line 1.
    static let broken = "class Broken { string Name = \"unterminated; };\n"

    let directory = MofkitBinary.makeTemporaryDirectory()

    func contents(_ path: String) -> [UInt8] {
        (try? Data(contentsOf: URL(fileURLWithPath: path))).map { [UInt8]($0) } ?? []
    }

    func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    @Test func printsTheFormattedFile() {
        let file = MofkitBinary.write(Self.messy, to: "messy.mof", in: directory)
        let result = MofkitBinary.run(["format", file])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == Self.formatted)
        #expect(contents(file) == Array(Self.messy.utf8), "the file itself is left alone")
    }

    @Test func readsStandardInput() {
        let result = MofkitBinary.run(["format", "-"], input: Self.messy)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == Self.formatted)
    }

    @Test func checkExitsOneAndNamesAFileThatNeedsFormatting() {
        let file = MofkitBinary.write(Self.messy, to: "messy.mof", in: directory)
        let result = MofkitBinary.run(["format", "--check", file])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains(file), "\(result.standardError)")
        #expect(contents(file) == Array(Self.messy.utf8))
    }

    @Test func checkExitsZeroForAFormattedFile() {
        let file = MofkitBinary.write(Self.formatted, to: "formatted.mof", in: directory)
        let result = MofkitBinary.run(["format", "--check", file])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.isEmpty)
    }

    @Test func checkNamesOnlyTheFilesThatNeedFormatting() {
        let good = MofkitBinary.write(Self.formatted, to: "good.mof", in: directory)
        let bad = MofkitBinary.write(Self.messy, to: "bad.mof", in: directory)
        let result = MofkitBinary.run(["format", "--check", good, bad])
        #expect(result.status == 1)
        #expect(result.standardError.contains(bad))
        #expect(!result.standardError.contains(good))
    }

    @Test func inPlaceRewritesTheFile() {
        let file = MofkitBinary.write(Self.messy, to: "messy.mof", in: directory)
        let result = MofkitBinary.run(["format", "-i", file])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        #expect(contents(file) == Array(Self.formatted.utf8))
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        #expect(leftovers == ["messy.mof"], "no temporary file is left behind")
        #expect(MofkitBinary.run(["format", "--check", file]).status == 0)
    }

    @Test func inPlaceLeavesAFormattedFileUntouched() throws {
        let file = MofkitBinary.write(Self.formatted, to: "formatted.mof", in: directory)
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: file)
        let result = MofkitBinary.run(["format", "-i", file])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(modificationDate(file) == past)
    }

    @Test func inPlaceKeepsCRLFAndUTF16() {
        let text = "instance of A{Name=\"Ä\";};\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let file = MofkitBinary.write(bytes, to: "utf16.mof", in: directory)
        let result = MofkitBinary.run(["format", "-i", file])
        #expect(result.status == 0, "\(result.standardError)")
        var expected: [UInt8] = [0xFF, 0xFE]
        for unit in "instance of A {\r\n    Name = \"Ä\";\r\n};\r\n".utf16 { expected += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(contents(file) == expected)
    }

    @Test func syntaxErrorsAreReportedAndNothingIsFormatted() {
        let file = MofkitBinary.write(Self.broken, to: "broken.mof", in: directory)
        let printed = MofkitBinary.run(["format", "--color", "never", file])
        #expect(printed.status == 1)
        #expect(printed.standardOutput.isEmpty)
        #expect(printed.standardError.contains("\(file):1:"), "\(printed.standardError)")
        #expect(printed.standardError.contains("error["), "\(printed.standardError)")
        let inPlace = MofkitBinary.run(["format", "-i", file])
        #expect(inPlace.status == 1)
        #expect(contents(file) == Array(Self.broken.utf8))
    }

    @Test func unreadableFileExitsTwo() {
        let result = MofkitBinary.run(["format", directory.appendingPathComponent("missing.mof").path])
        #expect(result.status == 2)
        #expect(result.standardError.contains("missing.mof"))
    }

    @Test func usageErrorsExitTwo() {
        let file = MofkitBinary.write(Self.messy, to: "messy.mof", in: directory)
        #expect(MofkitBinary.run(["format"]).status == 2)
        #expect(MofkitBinary.run(["format", "--check", "-i", file]).status == 2)
        #expect(MofkitBinary.run(["format", "-i", "-"]).status == 2)
        #expect(MofkitBinary.run(["format", file, file]).status == 2)
        #expect(contents(file) == Array(Self.messy.utf8))
    }
}
