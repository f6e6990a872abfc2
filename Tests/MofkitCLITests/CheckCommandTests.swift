import Foundation
import Testing

/// End-to-end tests of `mofkit check`. Those marked "needs the parser" only pass once MOFSyntax
/// reports real diagnostics.
@Suite("mofkit check")
struct CheckCommandTests {
    static let clean = "class Sample_Class\n{\n    [key] string Name;\n    uint32 Count;\n};\n"
    /// An unterminated string literal on line 3.
    static let broken = "class Broken\n{\n    string Name = \"unterminated;\n};\n"
    /// Clean MOF with a NUL character (a warning, MOF0003) inside a comment.
    static let withWarning = "// a\u{0}b\nclass Sample_Class\n{\n    string Name;\n};\n"

    let directory = MofkitBinary.makeTemporaryDirectory()

    /// Lines of `output` of the form `<file>:<line>:<column>: error[MOFnnnn]: …` for `file`.
    func errorLines(_ output: String, file: String, line: Int? = nil) -> [Substring] {
        let escaped = NSRegularExpression.escapedPattern(for: file)
        let linePattern = line.map(String.init) ?? "[0-9]+"
        let pattern = try? Regex("^\(escaped):\(linePattern):[0-9]+: error\\[MOF[0-9]{4}\\]: .+$")
        return output.split(separator: "\n").filter { text in pattern.map { (try? $0.wholeMatch(in: text)) != nil } ?? false }
    }

    @Test func binaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: MofkitBinary.path), "no mofkit at \(MofkitBinary.path)")
    }

    @Test func cleanFileExitsZeroWithNoErrors() {
        let file = MofkitBinary.write(Self.clean, to: "clean.mof", in: directory)
        let result = MofkitBinary.run(["check", file])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(!result.standardOutput.contains("error"))
        #expect(result.standardError.isEmpty)
    }

    @Test func knownErrorExitsOneWithClangStyleLine() {  // needs the parser
        let file = MofkitBinary.write(Self.broken, to: "broken.mof", in: directory)
        let result = MofkitBinary.run(["check", file])
        #expect(result.status == 1, "\(result.standardOutput)\(result.standardError)")
        #expect(!errorLines(result.standardOutput, file: file, line: 3).isEmpty, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("error generated.") || result.standardOutput.contains("errors generated."))
        #expect(!result.standardOutput.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test func colorAlwaysAddsEscapes() {  // needs the parser
        let file = MofkitBinary.write(Self.broken, to: "broken.mof", in: directory)
        let result = MofkitBinary.run(["check", "--color", "always", file])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("\u{1B}[1;31merror["))
    }

    @Test func missingFileExitsTwoNamingTheFileOnStandardError() {  // needs the parser's file reading
        let missing = directory.appendingPathComponent("does-not-exist.mof").path
        let result = MofkitBinary.run(["check", missing])
        #expect(result.status == 2)
        #expect(result.standardError.contains(missing))
        #expect(result.standardError.contains("No such file"))
    }

    @Test func jsonOutputParses() throws {
        let file = MofkitBinary.write(Self.clean, to: "clean.mof", in: directory)
        let result = MofkitBinary.run(["check", "--format", "json", file])
        #expect(result.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(root["mofkit"] is String)
        #expect((root["diagnostics"] as? [Any])?.isEmpty == true)
        #expect(root["summary"] as? [String: Int] == ["errors": 0, "warnings": 0, "notes": 0])
    }

    @Test func jsonOutputCarriesTheError() throws {  // needs the parser
        let file = MofkitBinary.write(Self.broken, to: "broken.mof", in: directory)
        let result = MofkitBinary.run(["check", "--format", "json", file])
        #expect(result.status == 1)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let diagnostics = try #require(root["diagnostics"] as? [[String: Any]])
        let first = try #require(diagnostics.first)
        #expect(first["severity"] as? String == "error")
        #expect(first["file"] as? String == file)
        #expect((first["start"] as? [String: Int])?["line"] == 3)
        #expect(((root["summary"] as? [String: Int])?["errors"] ?? 0) >= 1)
        #expect((root["files"] as? [String])?.contains(file) == true)
    }

    @Test(.enabled(if: MofkitBinary.sarifValidationUnavailableReason == nil, "needs python3 + jsonschema and ../shared/schemas/sarif-schema-2.1.0.json"))
    func sarifOutputIsValid() {  // partly needs the parser (for a result to validate)
        MofkitBinary.write(Self.broken, to: "sub dir/broken.mof", in: directory)
        let result = MofkitBinary.run(["check", "--format", "sarif", "sub dir/broken.mof"], in: directory)
        #expect(MofkitBinary.sarifSchemaErrors(result.standardOutput) == "")
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("\"uri\": \"sub%20dir/broken.mof\""))
        #expect(result.standardOutput.contains("\"ruleId\": \"MOF"))
    }

    @Test func sarifListsEveryKnownRule() throws {
        let file = MofkitBinary.write(Self.clean, to: "clean.mof", in: directory)
        let result = MofkitBinary.run(["check", "--format", "sarif", file])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.contains { $0["id"] as? String == "MOF0001" })
    }

    @Test func dashReadsStandardInput() {  // needs the parser
        let result = MofkitBinary.run(["check", "-"], input: Self.broken)
        #expect(result.status == 1, "\(result.standardOutput)\(result.standardError)")
        #expect(result.outputLines.contains { $0.contains(":3:") && $0.contains(": error[MOF") })
        let clean = MofkitBinary.run(["check", "-"], input: Self.clean)
        #expect(clean.status == 0)
    }

    @Test func warningsPassUnlessWarningsAsErrors() {  // needs the parser (file reading and decoding)
        let file = MofkitBinary.write(Self.withWarning, to: "warn.mof", in: directory)
        let lenient = MofkitBinary.run(["check", file])
        #expect(lenient.status == 0, "\(lenient.standardOutput)")
        #expect(lenient.standardOutput.contains("warning[MOF0003]"))
        #expect(lenient.standardOutput.contains("1 warning generated."))
        let strict = MofkitBinary.run(["check", "--warnings-as-errors", file])
        #expect(strict.status == 1)
        #expect(strict.standardOutput.contains("error[MOF0003]"))
    }

    @Test func includeSearchPathsAndNoIncludes() {  // needs the parser
        let main = MofkitBinary.write("#pragma include (\"lib.mof\")\n" + Self.clean, to: "main/main.mof", in: directory)
        MofkitBinary.write(Self.broken, to: "lib/lib.mof", in: directory)
        let included = MofkitBinary.run(["check", "-I", directory.appendingPathComponent("lib").path, main])
        #expect(included.status == 1)
        #expect(included.outputLines.contains { $0.contains("lib.mof:3:") && $0.contains(": error[MOF") }, "\(included.standardOutput)")
        let skipped = MofkitBinary.run(["check", "--no-includes", main])
        #expect(skipped.status == 0, "\(skipped.standardOutput)")
    }

    @Test(arguments: [
        ["check"],
        ["check", "--format", "xml", "a.mof"],
        ["check", "--no-such-option", "a.mof"],
        ["no-such-command"],
    ])
    func usageErrorsExitTwo(arguments: [String]) {
        let result = MofkitBinary.run(arguments)
        #expect(result.status == 2, "\(result.standardError)")
        #expect(!result.standardError.isEmpty)
    }
}
