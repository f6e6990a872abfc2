import Foundation
import MOFModel
import MOFSyntax
import MofkitSource
import Testing
import MofkitTestSupport

/// The shared real-world corpus, `<repo>/../shared/corpus/mof` (absent in a clean clone elsewhere).
enum SharedCorpus {
    static let packageRoot = TestPaths.packageRoot
    static let root = packageRoot + "/../shared/corpus/mof"
    static var isPresent: Bool { FileManager.default.fileExists(atPath: root + "/MANIFEST.tsv") }

    struct Entry {
        var path: String
        var expect: String
        var stage: String
    }

    static var entries: [Entry] {
        guard let text = try? String(contentsOfFile: root + "/MANIFEST.tsv", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 10 else { return nil }
            return Entry(path: columns[0], expect: columns[7], stage: columns[9])
        }
    }

    static func errors(_ path: String, strict: Bool, noIncludes: Bool = false) -> [Diagnostic] {
        let options = MOFCheckOptions(strict: strict, load: MOFLoadOptions(followIncludes: !noIncludes))
        return MOFChecker.check(paths: [root + "/" + path], options: options).diagnostics.filter { $0.severity == .error }
    }
}

@Suite("Shared corpus", .enabled(if: SharedCorpus.isPresent, "needs ../shared/corpus/mof"))
struct SharedCorpusTests {
    @Test("sms and wmi files give no semantic errors")
    func smsAndWMIFilesHaveNoSemanticErrors() {
        let files = SharedCorpus.entries.filter { ($0.path.hasPrefix("sms/") || $0.path.hasPrefix("wmi/")) && $0.expect == "valid" }
        #expect(files.count > 40)
        for file in files {
            let semantic = SharedCorpus.errors(file.path, strict: false).filter { $0.code.rawValue >= "MOF3000" }
            #expect(semantic.isEmpty, "\(file.path): \(semantic.map { "\($0.range.start.line): \($0.code) \($0.message)" })")
        }
    }

    @Test("semantic negative tests fail --strict")
    func semanticNegativeTestsFailStrict() {
        let files = SharedCorpus.entries.filter { $0.expect == "invalid" && $0.stage == "semantic" }
        #expect(files.count > 90)
        var missed: [String] = []
        for file in files where SharedCorpus.errors(file.path, strict: true).isEmpty {
            missed.append(file.path)
        }
        #expect(missed.isEmpty, "not rejected: \(missed)")
    }

    @Test("value negative tests fail without --strict, except those only a constraint qualifier rejects (a warning: WMI does not enforce them)")
    func valueNegativeTestsFailByDefault() {
        let files = SharedCorpus.entries.filter {
            $0.expect == "invalid" && $0.stage == "semantic" && $0.path.contains("omi_inline/")
                && !$0.path.contains("IncompatibleType")
        }
        var missed: [String] = []
        var constraintOnly = 0
        for file in files where SharedCorpus.errors(file.path, strict: false).isEmpty {
            let options = MOFCheckOptions(strict: false, load: MOFLoadOptions())
            let all = MOFChecker.check(paths: [SharedCorpus.root + "/" + file.path], options: options).diagnostics
            if all.contains(where: { $0.code == SemanticCode.constraintViolated && $0.severity == .warning }) {
                constraintOnly += 1
            } else {
                missed.append(file.path)
            }
        }
        #expect(missed.isEmpty, "not rejected by default: \(missed)")
        // The datetime ones (and the type-range ones) are still errors by default.
        #expect(files.filter { $0.path.contains("Date") || $0.path.contains("Time") || $0.path.contains("Month") }
            .allSatisfy { !SharedCorpus.errors($0.path, strict: false).isEmpty })
        #expect(constraintOnly > 0)
    }

    @Test("valid files give no errors")
    func validFilesPass() {
        let files = SharedCorpus.entries.filter { ($0.expect == "valid" || $0.expect == "needs-include") && !$0.path.hasPrefix("cim/cim_schema_2.49.0/") }
        var failures: [String] = []
        for file in files {
            // Every code counts: decoding (a Windows-1252 comment is a warning), syntax and semantics.
            let errors = SharedCorpus.errors(file.path, strict: false, noIncludes: file.expect == "needs-include")
            if !errors.isEmpty {
                failures.append("\(file.path): " + errors.prefix(3).map { "\($0.range.start.line): \($0.code) \($0.message)" }.joined(separator: " | "))
            }
        }
        #expect(failures.isEmpty, "\(failures.count) files:\n\(failures.joined(separator: "\n"))")
    }

    @Test("the CIM schema loads with its includes and checks with no errors")
    func cimSchemaChecksClean() {
        let errors = SharedCorpus.errors("cim/cim_schema_2.49.0/cim_schema_2.49.0.mof", strict: false)
        #expect(errors.isEmpty, "\(errors.prefix(10).map { "\($0.range.file):\($0.range.start.line): \($0.code) \($0.message)" })")
    }
}

@Suite("Hostile input")
struct SemanticHostileInputTests {
    @Test("every broken shared-corpus file goes through the semantic pass", .enabled(if: SharedCorpus.isPresent, "needs ../shared/corpus/mof"))
    func brokenFiles() {
        let files = SharedCorpus.entries.filter { $0.path.hasPrefix("broken/") && $0.path.lowercased().hasSuffix(".mof") }
        #expect(files.count > 50)
        for file in files {
            let result = MOFChecker.check(paths: [SharedCorpus.root + "/" + file.path], options: MOFCheckOptions(strict: true))
            #expect(result.unreadable.isEmpty, "\(file.path)")
        }
    }

    @Test("an SMS extension cut at many places still gives located diagnostics")
    func truncations() throws {
        let path = SharedCorpus.packageRoot + "/Corpus/sms/SMS_def-sample.mof"
        let bytes = try #require(try? readBytes(path: path))
        for cut in stride(from: 0, to: bytes.count, by: 61) {
            let source = SourceFile(path: "cut.mof", bytes: Array(bytes[..<cut]))
            let analysis = MOFSemanticAnalyzer.analyze(MOFDeclarationLoader.load(source: source))
            #expect(analysis.diagnostics.allSatisfy { $0.range.start.line >= 1 && $0.range.start.line <= source.lineCount })
        }
    }
}
