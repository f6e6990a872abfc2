import Foundation
import LSPCore
import Testing
@testable import MOFLanguageServer

/// The hand-written publishDiagnostics JSON is the value Foundation's encoder gives.
struct DiagnosticsJSONTests {
    static func object(_ body: [UInt8]) -> NSDictionary? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? NSDictionary
    }

    @Test func sameValueAsTheEncoder() throws {
        let range = LSPRange(start: Position(line: 3, character: 7), end: Position(line: 4, character: 0))
        let related = LSPDiagnostic.RelatedInformation(
            location: Location(uri: "file:///site/inc%20lude/a.mof", range: range),
            message: "declared here: \"Win32_Foo\" \\ tab\there")
        let diagnostics = [
            LSPDiagnostic(range: range, severity: 1, code: "MOF1003", source: "mofkit",
                          message: "unterminated \"string\"\nnext line, control \u{01}\u{1F}\u{7F}, non-ASCII é 𝄞 ∑",
                          relatedInformation: [related, related]),
            LSPDiagnostic(range: range, severity: 3, code: "MOF4003", source: "mofkit", message: "note / slash",
                          relatedInformation: nil),
        ]
        for params in [PublishDiagnosticsParams(uri: "file:///x/SMS_def.mof", version: 42, diagnostics: diagnostics),
                       PublishDiagnosticsParams(uri: "file:///x/closed.mof", version: nil, diagnostics: [])] {
            let written = try #require(Self.object(DiagnosticsJSON.notification(params)))
            let encoded = try #require(Self.object(OutgoingMessage.notification(method: "textDocument/publishDiagnostics", params: params)))
            #expect(written == encoded)
        }
    }

    @Test func decodesBackToTheParams() throws {
        let diagnostic = LSPDiagnostic(range: LSPRange(start: Position(line: 0, character: 0), end: Position(line: 0, character: 5)),
                                       severity: 2, code: "MOF2001", source: "mofkit", message: "ünïcode \u{0}", relatedInformation: nil)
        let body = DiagnosticsJSON.notification(PublishDiagnosticsParams(uri: "file:///a.mof", version: 7, diagnostics: [diagnostic]))
        struct Envelope: Decodable { var method: String; var params: PublishDiagnosticsParams }
        let decoded = try JSONDecoder().decode(Envelope.self, from: Data(body))
        #expect(decoded.method == "textDocument/publishDiagnostics")
        #expect(decoded.params.version == 7)
        #expect(decoded.params.diagnostics == [diagnostic])
    }
}
