import LSPCore
import MofkitSource

/// The `textDocument/publishDiagnostics` notification written straight to JSON with the shared
/// ``JSONString`` writer.
///
/// The server sends one after every edit, with every diagnostic of the document (hundreds on a
/// large SMS_def.mof): Foundation's `JSONEncoder` spent about 32 M instructions per edit on the
/// 538 diagnostics of the 1 MB benchmark file, this writer a small fraction of that (it copies
/// the strings' UTF-8 in runs into one byte buffer). The JSON is
/// the same value `OutgoingMessage.notification(method:params:)` gives (same members, `version`
/// and `relatedInformation` left out when nil).
public enum DiagnosticsJSON {
    /// The JSON body (unframed) of the notification publishing `params`.
    public static func notification(_ params: PublishDiagnosticsParams) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + params.diagnostics.count * 256)
        out += #"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#.utf8
        JSONString.append(params.uri, to: &out)
        if let version = params.version {
            out += #","version":"#.utf8
            append(version, to: &out)
        }
        out += #","diagnostics":["#.utf8
        for (index, diagnostic) in params.diagnostics.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            append(diagnostic, to: &out)
        }
        out += "]}}".utf8
        return out
    }

    static func append(_ number: Int, to out: inout [UInt8]) {
        out += String(number).utf8
    }

    static func append(_ diagnostic: LSPDiagnostic, to out: inout [UInt8]) {
        out += #"{"range":"#.utf8
        append(diagnostic.range, to: &out)
        out += #","severity":"#.utf8
        append(diagnostic.severity, to: &out)
        out += #","code":"#.utf8
        JSONString.append(diagnostic.code, to: &out)
        out += #","source":"#.utf8
        JSONString.append(diagnostic.source, to: &out)
        out += #","message":"#.utf8
        JSONString.append(diagnostic.message, to: &out)
        if let related = diagnostic.relatedInformation {
            out += #","relatedInformation":["#.utf8
            for (index, information) in related.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out += #"{"location":{"uri":"#.utf8
                JSONString.append(information.location.uri, to: &out)
                out += #","range":"#.utf8
                append(information.location.range, to: &out)
                out += #"},"message":"#.utf8
                JSONString.append(information.message, to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "}"))
    }

    static func append(_ range: LSPRange, to out: inout [UInt8]) {
        out += #"{"start":{"line":"#.utf8
        append(range.start.line, to: &out)
        out += #","character":"#.utf8
        append(range.start.character, to: &out)
        out += #"},"end":{"line":"#.utf8
        append(range.end.line, to: &out)
        out += #","character":"#.utf8
        append(range.end.character, to: &out)
        out += "}}".utf8
    }
}
