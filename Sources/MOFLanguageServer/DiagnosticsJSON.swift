import LSPCore
import MofkitSource

/// The `textDocument/publishDiagnostics` notification written straight to JSON with the shared
/// ``JSONString`` writer.
///
/// The server sends one after every edit, with every diagnostic of the document (hundreds on a
/// large SMS_def.mof): Foundation's `JSONEncoder` spent about 32 M instructions per edit on the
/// 538 diagnostics of the 1 MB benchmark file, this writer a small fraction of that. The JSON is
/// the same value `OutgoingMessage.notification(method:params:)` gives (same members, `version`
/// and `relatedInformation` left out when nil).
public enum DiagnosticsJSON {
    /// The JSON body (unframed) of the notification publishing `params`.
    public static func notification(_ params: PublishDiagnosticsParams) -> [UInt8] {
        var out = ""
        out.reserveCapacity(128 + params.diagnostics.count * 160)
        out += #"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#
        JSONString.append(params.uri, to: &out)
        if let version = params.version { out += #","version":"# + String(version) }
        out += #","diagnostics":["#
        for (index, diagnostic) in params.diagnostics.enumerated() {
            if index > 0 { out += "," }
            append(diagnostic, to: &out)
        }
        out += "]}}"
        return Array(out.utf8)
    }

    static func append(_ diagnostic: LSPDiagnostic, to out: inout String) {
        out += #"{"range":"#
        append(diagnostic.range, to: &out)
        out += #","severity":"# + String(diagnostic.severity) + #","code":"#
        JSONString.append(diagnostic.code, to: &out)
        out += #","source":"#
        JSONString.append(diagnostic.source, to: &out)
        out += #","message":"#
        JSONString.append(diagnostic.message, to: &out)
        if let related = diagnostic.relatedInformation {
            out += #","relatedInformation":["#
            for (index, information) in related.enumerated() {
                if index > 0 { out += "," }
                out += #"{"location":{"uri":"#
                JSONString.append(information.location.uri, to: &out)
                out += #","range":"#
                append(information.location.range, to: &out)
                out += #"},"message":"#
                JSONString.append(information.message, to: &out)
                out += "}"
            }
            out += "]"
        }
        out += "}"
    }

    static func append(_ range: LSPRange, to out: inout String) {
        out += #"{"start":{"line":"# + String(range.start.line) + #","character":"# + String(range.start.character)
        out += #"},"end":{"line":"# + String(range.end.line) + #","character":"# + String(range.end.character) + "}}"
    }
}
