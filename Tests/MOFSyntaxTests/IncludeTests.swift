import Foundation
import MOFSyntax
import MofkitSource
import Testing

/// `#pragma include` resolution: relative to the includer, then -I paths; cycles and missing files.
@Suite struct IncludeTests {
    /// A fresh temporary directory with the given files.
    static func makeTree(_ files: [String: String]) throws -> String {
        let root = NSTemporaryDirectory() + "mofkit-include-\(UUID().uuidString)"
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func resolvesRelativeBackslashAndCaseInsensitivePaths() throws {
        let root = try Self.makeTree([
            "main.mof": "#pragma include (\"sub\\\\A.mof\")\n#pragma include (\"SUB/b.MOF\")\nclass M { };\n",
            "sub/A.mof": "class A { };\n",
            "sub/b.mof": "class B { };\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = MOFSyntaxChecker.check(paths: [root + "/main.mof"], options: MOFLoadOptions())
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(result.sources.count == 3)
        let loaded = MOFLoader.load(paths: [root + "/main.mof"], options: MOFLoadOptions())
        #expect(loaded.files.map { ($0.path as NSString).lastPathComponent } == ["main.mof", "A.mof", "b.mof"])
        #expect(loaded.files[1].includedBy == 0)
        // Compile order: pragma, A, pragma, B, M.
        #expect(loaded.declarationOrder.map(\.file) == [0, 1, 0, 2, 0])
    }

    @Test func searchPathsInOrder() throws {
        let root = try Self.makeTree([
            "main.mof": "#pragma include (\"q.mof\")\n",
            "first/q.mof": "class First { };\n",
            "second/q.mof": "class Second { };\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let options = MOFLoadOptions(includeSearchPaths: [root + "/first", root + "/second"])
        let loaded = MOFLoader.load(paths: [root + "/main.mof"], options: options)
        #expect(loaded.files.map(\.path) == [root + "/main.mof", root + "/first/q.mof"])
    }

    @Test func missingFileAndCycleAreReportedAtThePragma() throws {
        let root = try Self.makeTree([
            "a.mof": "#pragma include (\"b.mof\")\n#pragma include (\"nope.mof\")\n",
            "b.mof": "class B { };\n#pragma include (\"a.mof\")\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = MOFSyntaxChecker.check(paths: [root + "/a.mof"], options: MOFLoadOptions())
        let byCode = Dictionary(grouping: result.diagnostics, by: \.code)
        let cycle = try #require(byCode[SyntaxCode.includeCycle]?.first)
        #expect(cycle.range.file == root + "/b.mof" && cycle.range.start.line == 2 && cycle.range.start.column == 18)
        let missing = try #require(byCode[SyntaxCode.includeNotFound]?.first)
        #expect(missing.range.file == root + "/a.mof" && missing.range.start.line == 2)
        #expect(result.diagnostics.count == 2)
    }

    /// Includes that leave the input's folder are read (as mofcomp reads them) but never silently.
    @Test func includeOutsideTheInputFolderIsReadWithAWarning() throws {
        let root = try Self.makeTree([
            "in/main.mof": "#pragma include (\"../outside/q.mof\")\n#pragma include (\"sub/ok.mof\")\n",
            "in/sub/ok.mof": "class Ok { };\n",
            "outside/q.mof": "class Q { };\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let main = root + "/in/main.mof"
        let result = MOFSyntaxChecker.check(paths: [main], options: MOFLoadOptions())
        #expect(result.sources.count == 3)
        let warnings = result.diagnostics.filter { $0.code == SyntaxCode.includeOutsideInputFolder }
        #expect(warnings.count == 1, "\(result.diagnostics.map(\.message))")
        #expect(warnings.first?.severity == .warning)
        #expect(warnings.first?.range.file == main && warnings.first?.range.start.line == 1)
        #expect(warnings.first?.message.contains("outside/q.mof") == true)
        #expect(result.diagnostics.count == 1)
        // Named with -I, the folder is accepted.
        let accepted = MOFSyntaxChecker.check(paths: [main], options: MOFLoadOptions(includeSearchPaths: [root + "/outside"]))
        #expect(accepted.diagnostics.isEmpty, "\(accepted.diagnostics.map(\.message))")
    }

    @Test func absolutePathAndSymbolicLinkOutOfTheFolderWarn() throws {
        let root = try Self.makeTree([
            "in/main.mof": "#pragma include (\"link.mof\")\n",
            "secret/s.mof": "class S { };\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createSymbolicLink(atPath: root + "/in/link.mof", withDestinationPath: root + "/secret/s.mof")
        let viaLink = MOFSyntaxChecker.check(paths: [root + "/in/main.mof"], options: MOFLoadOptions())
        #expect(viaLink.diagnostics.map(\.code) == [SyntaxCode.includeOutsideInputFolder])
        try "#pragma include (\"\(root)/secret/s.mof\")\n".write(toFile: root + "/in/abs.mof", atomically: true, encoding: .utf8)
        let absolute = MOFSyntaxChecker.check(paths: [root + "/in/abs.mof"], options: MOFLoadOptions())
        #expect(absolute.diagnostics.map(\.code) == [SyntaxCode.includeOutsideInputFolder])
    }

    @Test func followIncludesFalseSkipsThem() throws {
        let root = try Self.makeTree(["a.mof": "#pragma include (\"nope.mof\")\nclass A { };\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = MOFSyntaxChecker.check(paths: [root + "/a.mof"], options: MOFLoadOptions(followIncludes: false))
        #expect(result.diagnostics.isEmpty)
        #expect(result.sources.count == 1)
    }

    @Test func unreadableNamedFiles() {
        let result = MOFSyntaxChecker.check(paths: ["/nonexistent/x.mof"], options: MOFLoadOptions())
        #expect(result.unreadable.map(\.path) == ["/nonexistent/x.mof"])
        #expect(result.diagnostics.isEmpty)
    }
}
