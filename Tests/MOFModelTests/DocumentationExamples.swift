import Foundation
import MOFModel
import MofkitSource
import Testing
import MofkitTestSupport

// The examples of Sources/MOFModel/MOFModel.docc, verbatim (DocumentationCatalogTests checks that
// they stay so); the tests below run them.

/// Checks an `SMS_def.mof` extension the way `mofkit check` does (`strict` is `--strict`).
func checkExtension(at path: String, strict: Bool) -> [String] {
    let options = MOFCheckOptions(strict: strict)
    let result = MOFChecker.check(paths: [path], options: options)
    return Diagnostic.sortedForOutput(result.diagnostics).map { diagnostic in
        "\(diagnostic.range.start.line): \(diagnostic.severity) \(diagnostic.code)"
    }
}

/// The reporting classes of an extension, with the data class each reports on.
func reportingClasses(at path: String) -> [String] {
    let (context, _) = MOFChecker.loadContext(schemaPaths: [])
    let base = MOFSemanticAnalyzer.baseModel(context: context)
    let (analysis, _) = MOFSemanticAnalyzer.analyzeFiles([path], base: base)
    return analysis.model.reportingClasses.map { reporting in
        let reported = reporting.reportedProperties.map(\.name).joined(separator: ", ")
        let source = reporting.dataClass?.name ?? "(no data class)"
        return "\(reporting.groupName ?? reporting.definition.name) <- \(source): \(reported)"
    }
}

// The library example of README.md, verbatim (DocumentationCatalogTests checks that it stays so).

/// The errors `mofkit check` would report for a MOF file, as `line:column: [CODE] message`.
func checkErrors(in path: String) -> [String] {
    let result = MOFChecker.check(paths: [path], options: MOFCheckOptions())
    return Diagnostic.sortedForOutput(result.diagnostics)
        .filter { $0.severity == .error }
        .map { "\($0.range.start.line):\($0.range.start.column): [\($0.code)] \($0.message)" }
}

/// Re-checks an open document after each edit, as a language server does.
func diagnosticsAfterEdits(path: String, texts: [String]) -> [[String]] {
    guard let first = texts.first else { return [] }
    var check = MOFDocumentCheck(path: path, text: first)
    var all = [check.diagnostics.map(\.code.rawValue)]
    for text in texts.dropFirst() {
        check = check.rechecked(newText: text)
        all.append(check.diagnostics.map(\.code.rawValue))
    }
    return all
}

@Suite struct MOFModelDocumentationExamples {
    @Test func theReadmeExampleFindsTheSeedSamplesBrokenStrings() {
        #expect(checkErrors(in: Self.root.appendingPathComponent("Corpus/mof/SMS_def-example.mof").path).isEmpty)
        let errors = checkErrors(in: Self.root.appendingPathComponent("Corpus/mof/tsappmode-seed.mof").path)
        #expect(errors.contains { $0.hasPrefix("14:") && $0.contains("[MOF4026]") }, "\(errors)")
        #expect(errors.allSatisfy { $0.hasPrefix("14:") || $0.hasPrefix("17:") }, "\(errors)")
    }

    static let root = URL(fileURLWithPath: TestPaths.packageRoot)

    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("mofkit-docs-\(UUID().uuidString).mof").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func strictTurnsUnknownClassesIntoErrors() throws {
        let path = try Self.write("""
            #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2")
            class Contoso_Agent : Vendor_BaseAgent
            {
                [key] string Name;
            };

            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lenient = checkExtension(at: path, strict: false)
        let strict = checkExtension(at: path, strict: true)
        print(lenient, strict)
        #expect(lenient.contains("2: warning MOF3001"))
        #expect(strict.contains("2: error MOF3001"))
    }

    @Test func findsTheClassIDProblemOfTheCorpusFile() {
        let path = Self.root.appendingPathComponent("Corpus/sms/MOF4004-class-id-missing.mof").path
        let found = checkExtension(at: path, strict: false)
        print(found)
        #expect(found.contains { $0.hasPrefix("32: ") && $0.hasSuffix(" MOF4004") })
    }

    @Test func recheckingAfterEditsFollowsTheText() {
        let good = "class Contoso_Base { [key] string Name; };\nclass Contoso_App : Contoso_Base { };\n"
        let typo = "class Contoso_Base { [key] string Name; };\nclass Contoso_App : Contoso_Bse { };\n"
        let found = diagnosticsAfterEdits(path: "/tmp/mofkit-docs-edited.mof", texts: [good, typo, good])
        #expect(found == [[], ["MOF3001"], []])
    }

    @Test func listsReportingClasses() {
        let path = Self.root.appendingPathComponent("Corpus/sms/MOF4004-class-id-missing.clean.mof").path
        let classes = reportingClasses(at: path)
        print(classes)
        #expect(classes.contains("Contoso App <- Contoso_App: KeyName, Version, InstallCount"))
    }
}
