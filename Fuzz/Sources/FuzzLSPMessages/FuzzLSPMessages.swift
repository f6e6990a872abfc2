import Foundation
import LSPCore
import MOFLanguageServer

/// A session prefix: initialize, open a small document, so the fuzzed messages reach the features.
private let prefix: [[UInt8]] = [
    #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"general":{"positionEncodings":["utf-8"]}}}}"#,
    #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///fuzz/a.mof","languageId":"mof","version":1,"text":"[key] class A : B { string N; };\ninstance of A as $x { N = \"é\"; };\n#pragma include(\"b.mof\")\n"}}}"#,
].map { Array($0.utf8) }

/// The message layer: bytes are framed (in chunks whose sizes the input chooses) and every frame
/// goes to a fresh, initialized server. Any input must give JSON-RPC errors or results, never a
/// crash or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLSPMessages(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let server = LanguageServer(send: { _ in }, scheduling: .inline)
    for body in prefix { server.handle(body: body) }
    var framer = MessageFramer(maximumBodyLength: 1 << 20)
    // The first byte picks the chunk size, so frames split at every place.
    let chunk = max(1, Int(bytes.first ?? 64))
    var index = bytes.isEmpty ? 0 : 1
    while index < bytes.count {
        let end = min(bytes.count, index + chunk)
        framer.append(bytes[index..<end])
        index = end
        while let event = framer.next() {
            switch event {
            case .message(let body): server.handle(body: body)
            case .malformed: break
            }
        }
    }
    // The body alone, unframed, as a message too (most inputs are JSON-ish).
    if bytes.count > 1 { server.handle(body: Array(bytes[1...])) }
    return 0
}
