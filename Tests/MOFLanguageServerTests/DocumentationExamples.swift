import LSPCore
import MOFLanguageServer
import Testing

// The examples of Sources/MOFLanguageServer/MOFLanguageServer.docc, verbatim (DocumentationCatalogTests
// checks that they stay so). `serveStandardIO` is compiled, not run (it reads standard input).

/// Runs `mofkit lsp`'s server on standard input and output until the client says `exit`.
func serveStandardIO() -> Int32 {
    let transport = StreamTransport()
    let server = LanguageServer(send: transport.send, cancellations: transport.cancellations)
    return server.run(transport: transport)
}

/// Where the protocol position `(line, character)` is in `text`, as a UTF-8 byte offset.
func byteOffset(in text: String, line: Int, character: Int, utf8: Bool) -> Int {
    let document = TextDocument(uri: "untitled:example", version: 1, text: Array(text.utf8))
    return document.offset(of: Position(line: line, character: character), encoding: utf8 ? .utf8 : .utf16)
}

@Suite struct MOFLanguageServerDocumentationExamples {
    @Test func bothEncodingsNameTheSamePlace() {
        let text = "// 😀\nclass A;"
        // "class" on line 1; after "😀" on line 0: 2 UTF-16 units or 4 UTF-8 bytes.
        #expect(byteOffset(in: text, line: 1, character: 0, utf8: false) == 8)
        #expect(byteOffset(in: text, line: 0, character: 5, utf8: false) == 7)
        #expect(byteOffset(in: text, line: 0, character: 7, utf8: true) == 7)
    }
}
