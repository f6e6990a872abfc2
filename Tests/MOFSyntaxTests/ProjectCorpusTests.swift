import Foundation
import MOFSyntax
import MofkitSource
import Testing

/// The files under `Corpus/mof`: the example checks clean, the seed reports its two broken
/// strings, and every broken file reports the code its first line promises, where it promises.
@Suite struct ProjectCorpusTests {
    /// The `.mof` files under `directory` (in the repository): a missing directory or one without a MOF
    /// file fails the test instead of giving an empty loop that passes.
    static func corpusFiles(under directory: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [String] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: directory), "\(directory) not found",
                                      sourceLocation: sourceLocation)
        let files = enumerator.compactMap { $0 as? String }.filter { $0.lowercased().hasSuffix(".mof") }.sorted()
            .map { directory + "/" + $0 }
        try #require(!files.isEmpty, "no .mof file under \(directory)", sourceLocation: sourceLocation)
        return files
    }

    @Test func exampleChecksWithZeroDiagnostics() {
        let result = MOFSyntaxChecker.check(paths: [TestSupport.projectCorpus + "/SMS_def-example.mof"],
                                            options: MOFLoadOptions())
        #expect(result.unreadable.isEmpty)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.range.start.line):\($0.range.start.column) \($0.message)" })")
        #expect(result.sources.count == 2)  // with its include
    }

    @Test func exampleUsesEveryNodeKind() throws {
        let source = try SourceFile.read(path: TestSupport.projectCorpus + "/SMS_def-example.mof")
        let tree = MOFParser.parse(source)
        var seen = Set<SyntaxKind>()
        func walk(_ node: SyntaxNode) {
            seen.insert(node.kind)
            node.children.forEach(walk)
        }
        walk(tree.root.node)
        let expected = Set(SyntaxKind.allCases).subtracting([.missing, .unexpected, .unsupportedDeclaration])
        #expect(expected.subtracting(seen).isEmpty, "unused: \(expected.subtracting(seen))")
    }

    @Test func seedSampleReportsBothBrokenStrings() throws {
        let path = TestSupport.projectCorpus + "/tsappmode-seed.mof"
        let bytes = try readBytes(path: path)
        #expect(bytes.contains(0x0D), "the seed keeps its CRLF line endings")
        let result = MOFSyntaxChecker.check(paths: [path], options: MOFLoadOptions())
        #expect(result.diagnostics.map(\.code) == [SyntaxCode.brokenString, SyntaxCode.brokenString])
        #expect(result.diagnostics.map(\.range.start.line) == [14, 17])
        #expect(result.diagnostics.first?.notes.first?.message
                == "value would be \"local|HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\<newline>        Terminal Server|TSEnabled\"")
    }

    @Test func brokenFilesReportTheirCodeAtTheirPlace() throws {
        let files = try Self.corpusFiles(under: TestSupport.projectCorpus + "/broken")
        let codes = Set(SyntaxCode.descriptors.map(\.code))
        var covered = Set<DiagnosticCode>()
        for path in files {
            let firstLine = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first ?? ""
            // "// expect: MOF1003 at 5:59"
            let parts = firstLine.split(separator: " ")
            guard parts.count == 5, parts[1] == "expect:", parts[3] == "at" else {
                Issue.record("\(path): bad expect line")
                continue
            }
            let code = DiagnosticCode(String(parts[2]))
            let place = parts[4].split(separator: ":").compactMap { Int($0) }
            #expect(path.hasSuffix(".mof") && (path as NSString).lastPathComponent.hasPrefix(code.rawValue + "-"))
            let result = MOFSyntaxChecker.check(paths: [path], options: MOFLoadOptions())
            let match = result.diagnostics.contains {
                $0.code == code && [$0.range.start.line, $0.range.start.column] == place
            }
            #expect(match, "\(path): got \(result.diagnostics.map { "\($0.code) \($0.range.start.line):\($0.range.start.column)" })")
            covered.insert(code)
        }
        #expect(covered == codes, "codes without a broken file: \(codes.subtracting(covered))")
    }

    @Test func everyCorpusFilePrintsBackByteForByte() throws {
        for path in try Self.corpusFiles(under: TestSupport.projectCorpus) {
            let bytes = try readBytes(path: path)
            let tree = MOFParser.parse(SourceFile(path: path, bytes: bytes))
            #expect(tree.source.encode(tree.printedText()) == bytes, "\(path)")
        }
    }

    @Test func utf16FilesRoundTrip() {
        let text = "class Größe { string A = \"😀\"; };\r\n"
        var le: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { le += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let source = SourceFile(path: "u.mof", bytes: le)
        let tree = MOFParser.parse(source)
        #expect(tree.diagnostics.isEmpty)
        #expect(source.encode(tree.printedText()) == le)
    }

    @Test func descriptorsAreComplete() {
        let descriptors = SyntaxCode.descriptors
        #expect(Set(descriptors.map(\.code)).count == descriptors.count)
        for descriptor in descriptors {
            #expect(descriptor.code.rawValue.hasPrefix("MOF1") || descriptor.code.rawValue.hasPrefix("MOF2"))
            #expect(!descriptor.title.isEmpty && !descriptor.explanation.isEmpty)
            #expect(descriptor.wrongExample != descriptor.rightExample)
        }
    }
}
