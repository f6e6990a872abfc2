import Foundation
import MofkitSource
import Testing

@testable import DiagnosticRendering

@Suite("SARIF renderer")
struct SARIFRendererTests {
    let file = SourceFile(path: "inv/my file é.mof", string: "class A {};\nclass A {};\n")
    let descriptors = [
        DiagnosticDescriptor(
            code: "MOF3001", title: "duplicate class", defaultSeverity: .error,
            explanation: "A class is declared twice.", wrongExample: "class A {};\nclass A {};", rightExample: "class A {};"),
        DiagnosticDescriptor(
            code: "MOF0003", title: "NUL character", defaultSeverity: .warning,
            explanation: "NUL.", wrongExample: "a\\0", rightExample: "a"),
    ]

    func sample() -> [Diagnostic] {
        let first = offset(of: "A", in: file)
        return [
            Diagnostic(
                code: "MOF3001", severity: .error, message: "class 'A' is declared twice", range: file.range(18, 19),
                notes: [DiagnosticNote(message: "first here", range: file.range(first, first + 1)), DiagnosticNote(message: "bare")],
                fixIts: [FixIt(message: "remove the second declaration", range: file.range(12, 23), replacement: "")]),
            Diagnostic(code: "MOF9999", severity: .warning, message: "unknown code", range: file.range(0, 5)),
            Diagnostic(code: "MOF0003", severity: .note, message: "a note", range: file.range(3, 3)),
        ]
    }

    func render(_ diagnostics: [Diagnostic]) -> String {
        SARIFRenderer(toolVersion: "0.1.0", informationURI: "https://example.org/mofkit", descriptors: descriptors)
            .render(diagnostics, files: [file.path])
    }

    @Test(.enabled(if: sarifValidationUnavailableReason == nil, "needs python3 + jsonschema and ../shared/schemas (see sarifValidationUnavailableReason)"))
    func validatesAgainstTheSARIFSchema() {
        #expect(sarifSchemaErrors(render(sample())) == "")
        #expect(sarifSchemaErrors(render([])) == "")
    }

    @Test func schemaValidationIsReallyChecked() {
        // Guards the test above: a broken document must be rejected by the same validator.
        if let reason = sarifValidationUnavailableReason {
            print("skipped: \(reason)")
            return
        }
        #expect(sarifSchemaErrors("{\"version\": \"1.0\", \"runs\": []}") != "")
    }

    @Test func runDescribesToolRulesAndColumns() throws {
        let root = try #require(try parseJSON(render(sample())) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        #expect((root["$schema"] as? String)?.contains("sarif") == true)
        let runs = try #require(root["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let run = runs[0]
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "mofkit")
        #expect(driver["version"] as? String == "0.1.0")
        #expect(driver["informationUri"] as? String == "https://example.org/mofkit")
        let anonymous = SARIFRenderer(toolVersion: "0.1.0", descriptors: []).render([], files: [])
        #expect(!anonymous.contains("informationUri"))  // no home page given, none invented
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["MOF0003", "MOF3001", "MOF9999"])
        let duplicate = rules[1]
        #expect(duplicate["name"] as? String == "DuplicateClass")
        #expect((duplicate["shortDescription"] as? [String: String])?["text"] == "duplicate class")
        #expect((duplicate["fullDescription"] as? [String: String])?["text"] == "A class is declared twice.")
        #expect(((duplicate["help"] as? [String: String])?["text"])?.contains("Wrong:\nclass A {};\nclass A {};") == true)
        #expect((duplicate["defaultConfiguration"] as? [String: String])?["level"] == "error")
        #expect((rules[0]["defaultConfiguration"] as? [String: String])?["level"] == "warning")
        let artifacts = try #require(run["artifacts"] as? [[String: Any]])
        #expect(artifacts.count == 1)
        #expect((artifacts[0]["location"] as? [String: String])?["uri"] == "inv/my%20file%20%C3%A9.mof")
    }

    @Test func resultsPointAtRulesAndRegions() throws {
        let root = try #require(try parseJSON(render(sample())) as? [String: Any])
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["MOF9999", "MOF0003", "MOF3001"])
        #expect(results.map { $0["ruleIndex"] as? Int } == [2, 0, 1])
        #expect(results.map { $0["level"] as? String } == ["warning", "note", "error"])

        let duplicate = results[2]
        #expect((duplicate["message"] as? [String: String])?["text"] == "class 'A' is declared twice")
        let location = try #require((duplicate["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "inv/my%20file%20%C3%A9.mof")
        #expect((location["artifactLocation"] as? [String: Any])?["index"] as? Int == 0)
        #expect(location["region"] as? [String: Int] == ["startLine": 2, "startColumn": 7, "endLine": 2, "endColumn": 8])
        let related = try #require(duplicate["relatedLocations"] as? [[String: Any]])
        #expect(related.count == 2)
        #expect(related[0]["id"] as? Int == 0)
        #expect(((related[0]["physicalLocation"] as? [String: Any])?["region"] as? [String: Int])?["startLine"] == 1)
        #expect(related[1]["physicalLocation"] == nil)
        #expect((related[1]["message"] as? [String: String])?["text"] == "bare")
        let fixes = try #require(duplicate["fixes"] as? [[String: Any]])
        let change = try #require((fixes.first?["artifactChanges"] as? [[String: Any]])?.first)
        let replacement = try #require((change["replacements"] as? [[String: Any]])?.first)
        #expect(replacement["deletedRegion"] as? [String: Int] == ["startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 12])
        #expect((replacement["insertedContent"] as? [String: String])?["text"] == "")

        let point = try #require((results[1]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect(point["region"] as? [String: Int] == ["startLine": 1, "startColumn": 4, "endLine": 1, "endColumn": 4])
    }

    @Test func outputIsDeterministic() {
        #expect(render(sample()) == render(sample().reversed()))
    }

    @Test(arguments: [
        ("a.mof", nil, "a.mof"),
        ("./sub/./b.mof", nil, "sub/./b.mof"),
        ("win\\dir\\c.mof", nil, "win/dir/c.mof"),
        ("with space#?%.mof", nil, "with%20space%23%3F%25.mof"),
        ("/repo/src/d.mof", "/repo", "src/d.mof"),
        ("/repo/src/d.mof", "/repo/", "src/d.mof"),
        ("/elsewhere/e f.mof", "/repo", "file:///elsewhere/e%20f.mof"),
        ("/repository/x.mof", "/repo", "file:///repository/x.mof"),
    ] as [(String, String?, String)])
    func uriForPath(path: String, base: String?, expected: String) {
        #expect(SARIFRenderer.uri(forPath: path, baseDirectory: base) == expected)
    }

    @Test func ruleNamesAreIdentifiers() {
        #expect(SARIFRenderer.ruleName("unterminated string literal") == "UnterminatedStringLiteral")
        #expect(SARIFRenderer.ruleName("invalid UTF-8") == "InvalidUTF8")
    }
}
