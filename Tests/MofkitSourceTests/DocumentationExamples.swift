import MofkitSource
import Testing

// The examples of Sources/MofkitSource/MofkitSource.docc, verbatim (DocumentationCatalogTests checks
// that they stay so); the tests below run them.

/// Decodes a file's bytes and lists its decoding problems as `file:line:column: code message`.
func decodingProblems(path: String, bytes: [UInt8]) -> (encoding: SourceEncoding, problems: [String]) {
    let source = SourceFile(path: path, bytes: bytes)
    let problems = source.decodingDiagnostics.map { diagnostic in
        let start = diagnostic.range.start
        return "\(diagnostic.range.file):\(start.line):\(start.column): \(diagnostic.code) \(diagnostic.message)"
    }
    return (source.encoding, problems)
}

@Suite struct MofkitSourceDocumentationExamples {
    @Test func decodingProblemsOfATruncatedUTF16File() {
        // "A\nB" in UTF-16LE with a byte-order mark, and one stray byte: an odd length.
        let (encoding, problems) = decodingProblems(path: "a.mof", bytes: [0xFF, 0xFE, 0x41, 0x00, 0x0A, 0x00, 0x42, 0x00, 0x43])
        print(encoding, problems)
        #expect(encoding == .utf16LEBOM)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("a.mof:2:2: MOF0004 ") == true)
    }

    @Test func cleanUTF8HasNoProblems() {
        let (encoding, problems) = decodingProblems(path: "b.mof", bytes: Array("class A { };\n".utf8))
        #expect(encoding == .utf8)
        #expect(problems.isEmpty)
    }
}
