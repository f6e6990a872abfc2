import Foundation
import Testing

/// `mofkit lsp` end to end: framed JSON-RPC on standard input, responses on standard output.
struct LSPCommandTests {
    static func frame(_ object: [String: Any]) -> String {
        let body = String(decoding: (try? JSONSerialization.data(withJSONObject: object)) ?? Data(), as: UTF8.self)
        return "Content-Length: \(body.utf8.count)\r\n\r\n" + body
    }

    /// The JSON bodies of the framed messages in `output`.
    static func messages(_ output: String) -> [[String: Any]] {
        var messages: [[String: Any]] = []
        var rest = Substring(output)
        while let header = rest.range(of: "\r\n\r\n") {
            let lengthText = rest[..<header.lowerBound].split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? ""
            guard let length = Int(lengthText) else { break }
            let bytes = Array(rest[header.upperBound...].utf8.prefix(length))
            if let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] { messages.append(object) }
            rest = Substring(String(decoding: Array(rest[header.upperBound...].utf8.dropFirst(length)), as: UTF8.self))
        }
        return messages
    }

    @Test func aSessionPublishesCheckDiagnosticsAndExitsZeroAfterShutdown() throws {
        let path = MofkitBinary.packageRoot.appendingPathComponent("Corpus/mof/tsappmode-seed.mof").path
        let uri = URL(fileURLWithPath: path).absoluteString
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let input = [
            Self.frame(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": [:]]]),
            "Content-Length: nope\r\n\r\n",
            Self.frame(["jsonrpc": "2.0", "method": "initialized", "params": [:]]),
            Self.frame(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": ["uri": uri, "languageId": "mof", "version": 1, "text": text]]]),
            Self.frame(["jsonrpc": "2.0", "id": 2, "method": "textDocument/documentSymbol", "params": ["textDocument": ["uri": uri]]]),
            Self.frame(["jsonrpc": "2.0", "id": 3, "method": "shutdown"]),
            Self.frame(["jsonrpc": "2.0", "method": "exit"]),
        ].joined()
        let result = MofkitBinary.run(["lsp"], input: input)
        #expect(result.status == 0, "\(result.standardError)")
        let messages = Self.messages(result.standardOutput)
        #expect(messages.first { $0["id"] as? Int == 1 }?["result"] != nil)
        #expect(messages.contains { ($0["error"] as? [String: Any])?["code"] as? Int == -32700 })
        let published = messages.first { $0["method"] as? String == "textDocument/publishDiagnostics" }
        let codes = ((published?["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        // The same codes `mofkit check` prints for the file.
        let check = MofkitBinary.run(["check", "--format", "json", path])
        let checkJSON = try JSONSerialization.jsonObject(with: Data(check.standardOutput.utf8)) as? [String: Any]
        let checkCodes = (checkJSON?["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(!codes.isEmpty)
        #expect(codes.sorted() == checkCodes.sorted())
        #expect(messages.first { $0["id"] as? Int == 3 }?["result"] is NSNull)
    }

    @Test func endOfInputWithoutShutdownExitsOne() {
        let input = Self.frame(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": [:]]])
        #expect(MofkitBinary.run(["lsp"], input: input).status == 1)
        let exitOnly = Self.frame(["jsonrpc": "2.0", "method": "exit"])
        #expect(MofkitBinary.run(["lsp"], input: exitOnly).status == 1)
    }
}
