import Foundation
import MOFSyntax
import MofkitSource
import Testing

/// One row of the shared corpus manifest.
struct ManifestEntry: Sendable, CustomStringConvertible {
    var path: String
    var expect: String
    var notes: String
    var stage: String
    var errorLine: Int? = nil
    var description: String { path }

    static func load() -> [ManifestEntry] {
        guard let text = try? String(contentsOfFile: TestSupport.sharedCorpus + "/MANIFEST.tsv", encoding: .utf8) else {
            return []
        }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 11 else { return nil }
            return ManifestEntry(path: columns[0], expect: columns[7], notes: columns[8], stage: columns[9],
                                 errorLine: Int(columns[10]))
        }
    }
}

/// The shared real-world corpus: valid files parse without errors, syntax-invalid files give errors
/// where the source suites say, everything prints back byte for byte.
@Suite(.enabled(if: TestSupport.hasSharedCorpus, "needs ../shared/corpus/mof (the shared read-only corpus)"))
struct CorpusConformanceTests {
    static let entries = ManifestEntry.load()

    func check(_ entry: ManifestEntry) -> MOFSyntaxCheckResult {
        MOFSyntaxChecker.check(paths: [TestSupport.sharedCorpus + "/" + entry.path],
                               options: MOFLoadOptions(followIncludes: false))
    }

    /// Files the manifest calls valid that hold a real syntax error (checked separately below).
    static let mislabelledValid: Set<String> = [
        // `ClassName = "TST_Assoc5;` and `"TST_Assoc6;` lack their closing quotes (lines 150, 162).
        "cim/pegasus/src__Providers__TestProviders__Load__AssociationTestProviderR.mof"
    ]

    @Test func mislabelledValidFileReportsItsRealErrors() {
        let entry = ManifestEntry(path: Self.mislabelledValid.first ?? "", expect: "invalid", notes: "", stage: "syntax")
        let errors = check(entry).diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.range.start.line) == [150, 162])
        #expect(errors.allSatisfy { $0.code == SyntaxCode.unterminatedString })
    }

    @Test func validFilesHaveNoErrors() {
        var checked = 0
        var failed = 0
        for entry in Self.entries where ["valid", "warn-only", "needs-include"].contains(entry.expect) {
            if Self.mislabelledValid.contains(entry.path) { continue }
            let result = check(entry)
            #expect(result.unreadable.isEmpty, "\(entry.path) unreadable")
            let errors = result.diagnostics.filter { $0.severity == .error }
            checked += 1
            if !errors.isEmpty {
                failed += 1
                Issue.record("\(entry.path): \(errors.count) errors, first: \(errors[0].range.start.line):\(errors[0].range.start.column) \(errors[0].code) \(errors[0].message)")
            }
        }
        print("corpus: \(checked) valid/warn-only/needs-include files checked, \(failed) with errors")
        #expect(checked > 2000)
    }

    /// Whether the file holds only whitespace and comments from `offset` to the start of `line`.
    static func onlyTrivia(_ path: String, from offset: Int, toLine line: Int) -> Bool {
        guard let bytes = try? readBytes(path: path) else { return false }
        let source = SourceFile(path: path, bytes: bytes)
        let end = source.textOffset(ofLine: line)
        var text = String(decoding: source.text[min(offset, end)..<end], as: UTF8.self)
        while let range = text.range(of: "//") {
            let lineEnd = text[range.upperBound...].firstIndex(of: "\n") ?? text.endIndex
            text.removeSubrange(range.lowerBound..<lineEnd)
        }
        return text.allSatisfy(\.isWhitespace)
    }

    @Test func warnOnlyFilesWarn() {
        for entry in Self.entries where entry.expect == "warn-only" {
            let result = check(entry)
            #expect(result.diagnostics.contains { $0.severity == .warning }, "\(entry.path) should warn")
        }
    }

    @Test func syntaxInvalidFilesReportTheirError() {
        var checked = 0
        for entry in Self.entries where entry.expect == "invalid" && entry.stage == "syntax" {
            checked += 1
            let errors = check(entry).diagnostics.filter { $0.severity == .error }
            guard let first = errors.first else {
                Issue.record("\(entry.path): no error reported (\(entry.notes))")
                continue
            }
            guard let line = entry.errorLine else { continue }
            // A missing ';' is reported just after the previous token, which may be on an earlier line
            // when only comments and blank lines come between.
            let missingSemicolon = entry.notes.contains("missing ;")
            let ok = errors.contains { error in
                error.range.start.line == line
                    || (missingSemicolon && error.range.start.line < line
                        && Self.onlyTrivia(TestSupport.sharedCorpus + "/" + entry.path, from: error.range.start.offset, toLine: line))
            }
            #expect(ok, "\(entry.path): expected an error on line \(line), got \(first.range.start.line): \(first.message) — \(entry.notes)")
        }
        print("corpus: \(checked) syntax-invalid files checked")
        #expect(checked >= 15)
    }

    @Test func semanticInvalidAndOtherFilesDoNotCrash() {
        var count = 0
        for entry in Self.entries where entry.stage == "semantic" || entry.expect == "unknown" || entry.expect == "needs-cpp" {
            _ = check(entry)
            count += 1
        }
        print("corpus: \(count) semantic-invalid / needs-cpp / non-MOF files parsed without crashing")
        #expect(count > 90)
    }

    @Test func everyFilePrintsBackByteForByte() throws {
        var count = 0
        for entry in Self.entries {
            let path = TestSupport.sharedCorpus + "/" + entry.path
            let bytes = try readBytes(path: path)
            let tree = MOFParser.parse(SourceFile(path: path, bytes: bytes))
            if tree.source.encode(tree.printedText()) != bytes {
                Issue.record("\(entry.path) does not round-trip")
            }
            count += 1
        }
        print("corpus: \(count) files round-tripped")
    }

    @Test func cimSchemaLoadsWithAllIncludes() throws {
        let root = TestSupport.sharedCorpus + "/cim/cim_schema_2.49.0/cim_schema_2.49.0.mof"
        let result = MOFSyntaxChecker.check(paths: [root], options: MOFLoadOptions())
        let errors = result.diagnostics.filter { $0.severity == .error }
        for error in errors.prefix(10) {
            Issue.record("\(error.range.file):\(error.range.start.line):\(error.range.start.column): \(error.code) \(error.message)")
        }
        #expect(errors.isEmpty)
        print("corpus: CIM schema 2.49.0 loaded \(result.sources.count) files")
        #expect(result.sources.count > 1500)
    }
}
