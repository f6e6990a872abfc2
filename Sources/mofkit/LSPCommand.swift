import ArgumentParser
import LSPCore
import MOFLanguageServer

/// `mofkit lsp`: the MOF language server (LSP 3.17) on standard input and output.
struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the MOF language server on standard input/output.",
        discussion: """
            Speaks the Language Server Protocol 3.17 (JSON-RPC 2.0 with Content-Length framing) on \
            standard input and output, for editors: diagnostics as mofkit check gives them, hover, \
            go to definition, references, symbols, completion, formatting, quick fixes and semantic \
            tokens. Settings come from initializationOptions or workspace/didChangeConfiguration: \
            {"strict": bool, "includePaths": [DIR], "schemaFiles": [FILE|DIR]}. See Docs/editors.md. \
            Exit status: 0 after shutdown and exit, 1 when the client exits or disconnects without shutdown.
            """)

    func run() throws {
        let transport = StreamTransport()
        let server = LanguageServer(send: transport.send, cancellations: transport.cancellations)
        let status = server.run(transport: transport)
        Output.exitNow(status: status)
    }
}
