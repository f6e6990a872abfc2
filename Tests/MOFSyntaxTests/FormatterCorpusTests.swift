import Foundation
import MOFSyntax
import MofkitSource
import Testing

/// What formatting must preserve, and idempotence, checked on whole real-world files.
enum FormatterInvariants {
    /// Token kinds and texts, in order.
    static func tokenTexts(_ tree: SyntaxTree) -> [String] {
        tree.tokens.map { "\($0.kind) \(tree.text(of: $0))" }
    }

    /// Every comment's text, in order (line comments without trailing blanks).
    static func comments(_ tree: SyntaxTree) -> [String] {
        var result: [String] = []
        for index in 0...tree.tokens.count {
            for piece in tree.trivia(before: index) where piece.kind == .lineComment || piece.kind == .blockComment {
                var text = String(decoding: tree.source.text[piece.range], as: UTF8.self)
                if piece.kind == .lineComment {
                    while let last = text.last, last == " " || last == "\t" { text.removeLast() }
                }
                result.append(text)
            }
        }
        return result
    }

    /// Formats `source` twice and returns a description of the first broken invariant, or nil.
    static func violation(_ source: SourceFile) -> String? {
        let tree = MOFParser.parse(source)
        let once = MOFFormatter.format(tree)
        let reparsed = MOFParser.parse(SourceFile(path: source.path, bytes: source.encode(once)))
        if reparsed.source.encoding != source.encoding { return "encoding changed" }
        let errors = reparsed.diagnostics.filter { $0.severity == .error }
        if let error = errors.first { return "formatted text has an error: \(error.message) at \(error.range.start.line)" }
        if tokenTexts(reparsed) != tokenTexts(tree) { return "token sequence changed" }
        if comments(reparsed) != comments(tree) { return "comments changed" }
        let twice = MOFFormatter.format(reparsed)
        if twice != once {
            let a = String(decoding: once, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let b = String(decoding: twice, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            return "not idempotent at output line \(line + 1): \(line < a.count ? a[line] : "") | \(line < b.count ? b[line] : "")"
        }
        return nil
    }
}

@Suite("Formatter on corpora")
struct FormatterCorpusTests {
    static let manifest = TestSupport.sharedCorpus + "/MANIFEST.tsv"

    /// Every `expect=valid` file of the shared corpus that parses without errors: formatting keeps tokens
    /// and comments and is idempotent.
    @Test(.enabled(if: TestSupport.hasSharedCorpus, "needs ../shared/corpus/mof (read-only shared corpus)"))
    func sharedCorpusValidFiles() throws {
        let manifest = try String(contentsOfFile: Self.manifest, encoding: .utf8)
        var formatted = 0
        var skippedWithErrors: [String] = []
        var failures: [String] = []
        let start = Date()
        for line in manifest.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count > 7, fields[7] == "valid" else { continue }
            let path = TestSupport.sharedCorpus + "/" + fields[0]
            let source = try SourceFile.read(path: path)
            let tree = MOFParser.parse(source)
            if TestSupport.errors(tree).isEmpty == false {
                skippedWithErrors.append(String(fields[0]))
                continue
            }
            if let problem = FormatterInvariants.violation(source) { failures.append("\(fields[0]): \(problem)") }
            formatted += 1
        }
        print("formatter: \(formatted) shared corpus files formatted idempotently minus \(failures.count) failures; "
              + "\(skippedWithErrors.count) valid files skipped for parse errors; \(Int(Date().timeIntervalSince(start))) s")
        #expect(formatted > 1900)
        #expect(failures.isEmpty, "\(failures.count) files: \(failures.prefix(20).joined(separator: "\n"))")
    }

    /// Trees with errors are not formatted by the CLI, but the library must still not crash on them nor
    /// drop text: every token and comment appears in the output, in order.
    @Test(.enabled(if: TestSupport.hasSharedCorpus, "needs ../shared/corpus/mof (read-only shared corpus)"))
    func brokenFilesKeepAllTheirText() throws {
        let manifest = try String(contentsOfFile: Self.manifest, encoding: .utf8)
        var paths = manifest.split(separator: "\n").dropFirst().compactMap { line -> String? in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count > 7, fields[7] != "valid", fields[0].hasSuffix(".mof") else { return nil }
            return TestSupport.sharedCorpus + "/" + fields[0]
        }
        let broken = TestSupport.projectCorpus + "/broken"
        for name in try FileManager.default.contentsOfDirectory(atPath: broken) where name.hasSuffix(".mof") {
            paths.append(broken + "/" + name)
        }
        var failures: [String] = []
        for path in paths {
            let tree = MOFParser.parse(try SourceFile.read(path: path))
            let output = MOFFormatter.format(tree)
            var cursor = output.startIndex
            for piece in tree.tokens.map({ tree.source.text[$0.range] }) where !piece.isEmpty {
                guard let found = output[cursor...].firstRange(of: piece) else {
                    failures.append("\(path): lost \(String(decoding: piece, as: UTF8.self))")
                    break
                }
                cursor = found.upperBound
            }
            for comment in FormatterInvariants.comments(tree) where output.firstRange(of: Array(comment.utf8)) == nil {
                failures.append("\(path): lost comment \(comment)")
            }
        }
        #expect(paths.count > 100)
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
    }

    /// Every error-free file under this project's `Corpus/mof`.
    @Test func projectCorpusFiles() throws {
        let root = TestSupport.projectCorpus
        let walker = try #require(FileManager.default.enumerator(atPath: root), "\(root) is in the repository but not found")
        var formatted = 0
        var failures: [String] = []
        for case let relative as String in walker where relative.lowercased().hasSuffix(".mof") {
            let source = try SourceFile.read(path: root + "/" + relative)
            let tree = MOFParser.parse(source)
            guard TestSupport.errors(tree).isEmpty else { continue }
            if let problem = FormatterInvariants.violation(source) { failures.append("\(relative): \(problem)") }
            formatted += 1
        }
        #expect(formatted > 0)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
