import Foundation
import LSPCore
import Testing
@testable import MOFLanguageServer

/// The server as `mofkit lsp` runs it: checks on the background queue, results coming back as
/// events. Requests that arrive while a check of their version is under way wait for it.
struct BackgroundCheckTests {
    final class Sent: @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [[String: Any]] = []
        func record(_ body: [UInt8]) {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else { return }
            lock.lock(); messages.append(object); lock.unlock()
        }
        var all: [[String: Any]] { lock.lock(); defer { lock.unlock() }; return messages }
    }

    static func frame(_ object: [String: Any]) -> [UInt8] {
        let body = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + Array(body)
    }

    @Test func editsThenRequestsGetTheNewVersionsResults() throws {
        let uri = "file:///tmp/mofkit-lsp-background.mof"
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let sent = Sent()
        let transport = StreamTransport(input: fds[0], output: -1)
        let server = LanguageServer(send: { sent.record($0) }, cancellations: transport.cancellations)
        let finished = DispatchSemaphore(value: 0)
        let status = UnsafeSendableBox<Int32>(-1)
        Thread {
            status.value = server.run(transport: transport)
            finished.signal()
        }.start()
        func write(_ object: [String: Any]) {
            let bytes = Self.frame(object)
            _ = bytes.withUnsafeBytes { Foundation.write(fds[1], $0.baseAddress, $0.count) }
        }
        write(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": [:]]])
        write(["jsonrpc": "2.0", "method": "initialized", "params": [:]])
        write(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": [
            "uri": uri, "languageId": "mof", "version": 1, "text": "class Alpha { string N;; };\n"]]])
        // Version 2 fixes the error and renames the class; version 3 adds a property.
        write(["jsonrpc": "2.0", "method": "textDocument/didChange", "params": [
            "textDocument": ["uri": uri, "version": 2], "contentChanges": [["text": "class Beta { string N; };\n"]]]])
        Thread.sleep(forTimeInterval: 0.05)
        write(["jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": [
            "textDocument": ["uri": uri], "position": ["line": 0, "character": 7]]])
        write(["jsonrpc": "2.0", "method": "textDocument/didChange", "params": [
            "textDocument": ["uri": uri, "version": 3], "contentChanges": [[
                "range": ["start": ["line": 0, "character": 22], "end": ["line": 0, "character": 22]], "text": " uint32 M;"]]]])
        write(["jsonrpc": "2.0", "id": 3, "method": "textDocument/documentSymbol", "params": ["textDocument": ["uri": uri]]])
        write(["jsonrpc": "2.0", "id": 4, "method": "shutdown"])
        write(["jsonrpc": "2.0", "method": "exit"])
        #expect(finished.wait(timeout: .now() + 120) == .success)
        close(fds[1])
        #expect(status.value == 0)

        let messages = sent.all
        let hover = messages.first { $0["id"] as? Int == 2 }?["result"] as? [String: Any]
        let contents = (hover?["contents"] as? [String: Any])?["value"] as? String ?? ""
        #expect(contents.contains("Beta"), "\(String(describing: hover))")
        let symbols = messages.first { $0["id"] as? Int == 3 }?["result"] as? [[String: Any]] ?? []
        func allNames(_ symbols: [[String: Any]]) -> [String] {
            symbols.flatMap { [$0["name"] as? String ?? ""] + allNames(($0["children"] as? [[String: Any]]) ?? []) }
        }
        let names = allNames(symbols)
        #expect(names.contains("Beta") && names.contains("M"), "\(names)")
        // Versions only move forward, each is published at most once, and the last is version 3, clean.
        let published = messages.filter { $0["method"] as? String == "textDocument/publishDiagnostics" }
            .compactMap { $0["params"] as? [String: Any] }
        let versions = published.compactMap { $0["version"] as? Int }
        #expect(versions == versions.sorted() && Set(versions).count == versions.count, "\(versions)")
        #expect(versions.last == 3)
        #expect((published.last?["diagnostics"] as? [Any])?.isEmpty == true)
    }
}

/// A value written by one thread and read by another after a semaphore.
final class UnsafeSendableBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
