import Foundation
import LSPCore
import MOFLanguageServer
import MofkitTestSupport

/// Drives a ``LanguageServer`` (checks inline) with JSON messages and collects what it sends.
final class TestClient: @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [[String: Any]] = []
    private(set) var server: LanguageServer!
    private var nextID = 100
    /// The id the next ``request(_:_:)`` uses.
    var upcomingID: Int { nextID + 1 }

    init(initialize: Bool = true, utf8: Bool = false, options: [String: Any]? = nil) {
        server = LanguageServer(send: { [weak self] body in self?.record(body) }, scheduling: .inline)
        if initialize {
            var params: [String: Any] = ["capabilities": utf8 ? ["general": ["positionEncodings": ["utf-8", "utf-16"]]] : [:]]
            if let options { params["initializationOptions"] = options }
            _ = request("initialize", params)
            notify("initialized", [:])
        }
    }

    private func record(_ body: [UInt8]) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else { return }
        lock.lock(); sent.append(object); lock.unlock()
    }

    /// Every message sent since the last call.
    func takeSent() -> [[String: Any]] {
        lock.lock(); defer { lock.unlock() }
        let all = sent
        sent.removeAll()
        return all
    }

    func send(_ object: [String: Any]) {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        server.handle(body: Array(data))
    }

    func notify(_ method: String, _ params: Any) {
        send(["jsonrpc": "2.0", "method": method, "params": params])
    }

    /// Sends a request; returns the response (result or error object).
    func request(_ method: String, _ params: Any?) -> [String: Any] {
        nextID += 1
        let id = nextID
        var message: [String: Any] = ["jsonrpc": "2.0", "id": id, "method": method]
        if let params { message["params"] = params }
        send(message)
        let all = takeSent()
        lock.lock()
        sent = all.filter { ($0["id"] as? Int) != id }
        lock.unlock()
        return all.first { ($0["id"] as? Int) == id } ?? [:]
    }

    /// The diagnostics notifications sent since the last call, per URI in order.
    func takeDiagnostics() -> [(uri: String, version: Int?, diagnostics: [[String: Any]])] {
        let all = takeSent()
        lock.lock()
        sent = all.filter { $0["method"] as? String != "textDocument/publishDiagnostics" }
        lock.unlock()
        return all.compactMap { message in
            guard message["method"] as? String == "textDocument/publishDiagnostics",
                  let params = message["params"] as? [String: Any], let uri = params["uri"] as? String else { return nil }
            return (uri, params["version"] as? Int, params["diagnostics"] as? [[String: Any]] ?? [])
        }
    }

    func open(_ uri: String, _ text: String, version: Int = 1) {
        notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "mof", "version": version, "text": text]])
    }

    func change(_ uri: String, version: Int, _ changes: [[String: Any]]) {
        notify("textDocument/didChange", ["textDocument": ["uri": uri, "version": version], "contentChanges": changes])
    }

    static func position(_ line: Int, _ character: Int) -> [String: Any] { ["line": line, "character": character] }
    static func range(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) -> [String: Any] {
        ["start": position(l1, c1), "end": position(l2, c2)]
    }
}

/// The package root (for Corpus files).
let packageRoot = URL(fileURLWithPath: TestPaths.packageRoot)

func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("mofkit-lsp-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
