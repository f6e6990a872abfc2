import Foundation
import Testing

@Suite("mofkit explain and dump-tree")
struct ExplainCommandTests {
    @Test func explainsAKnownCode() {
        let result = MofkitBinary.run(["explain", "MOF0001"])
        #expect(result.status == 0)
        let lines = result.outputLines
        #expect(lines.first == "MOF0001: invalid UTF-8")
        #expect(lines.contains("Default severity: error"))
        #expect(lines.contains("Wrong:"))
        #expect(lines.contains("Right:"))
        #expect(result.standardOutput.contains("Re-save the file as UTF-8"))
    }

    @Test func codeCaseDoesNotMatter() {
        let result = MofkitBinary.run(["explain", "mof0003"])
        #expect(result.status == 0)
        #expect(result.outputLines.first == "MOF0003: NUL character")
        #expect(result.outputLines.contains("Default severity: warning"))
    }

    @Test func unknownCodeExitsTwoAndSuggestsNearCodes() {
        let result = MofkitBinary.run(["explain", "MOF0009"])
        #expect(result.status == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("unknown diagnostic code 'MOF0009'"))
        #expect(result.standardError.contains("Did you mean"))
        #expect(result.standardError.contains("MOF0001"))
        #expect(result.standardError.contains("mofkit explain --list"))
    }

    @Test func unknownCodeFarFromAnyGetsNoSuggestions() {
        let result = MofkitBinary.run(["explain", "nonsense-code"])
        #expect(result.status == 2)
        #expect(!result.standardError.contains("Did you mean"))
    }

    @Test func listShowsEveryCodeOnceInOrder() {
        let result = MofkitBinary.run(["explain", "--list"])
        #expect(result.status == 0)
        let codes = result.outputLines.map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(codes.count >= 4)
        #expect(codes == codes.sorted())
        #expect(Set(codes).count == codes.count, "a code is registered twice")
        #expect(result.outputLines.contains("MOF0002  lone UTF-16 surrogate"))
    }

    /// Every module's code set reaches `explain`: one code of each (source, syntax, semantic,
    /// catalog, .reg files, snapshots, inventory, evaluation, collections, fleet database).
    @Test(arguments: ["MOF0001", "MOF1001", "MOF3001", "CAT1001", "MOF4101", "SNAP1001", "INV1001",
                      "EVAL1001", "COL1001", "DB2001"])
    func everyModulesCodesAreExplained(code: String) {
        let result = MofkitBinary.run(["explain", code])
        #expect(result.status == 0, "\(code): \(result.standardError)")
        #expect(result.outputLines.first?.hasPrefix(code + ": ") == true)
    }

    @Test(arguments: [["explain"], ["explain", "--list", "MOF0001"]])
    func explainUsageErrorsExitTwo(arguments: [String]) {
        #expect(MofkitBinary.run(arguments).status == 2)
    }

    @Test func dumpTreeOfAMissingFileExitsTwo() {
        let result = MofkitBinary.run(["dump-tree", "/nonexistent/x.mof"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("/nonexistent/x.mof"))
    }

    @Test func dumpTreePrintsATree() {  // needs the parser
        let directory = MofkitBinary.makeTemporaryDirectory()
        let file = MofkitBinary.write("class A\n{\n};\n", to: "a.mof", in: directory)
        let result = MofkitBinary.run(["dump-tree", file])
        #expect(result.status == 0)
        #expect(!result.standardOutput.isEmpty)
        #expect(result.standardOutput.contains("A"))
    }
}
