/// Minimal JSON writing helpers for evaluation output (deterministic, no Foundation).
public enum JSONText {
    /// `text` as a JSON string literal.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A JSON array of strings.
    public static func array(_ items: [String]) -> String { "[" + items.map(quote).joined(separator: ",") + "]" }
}

extension UpdateExplanation {
    /// The trace as JSON.
    public func json() -> String {
        var out = "{\"update\":\(JSONText.quote(update.id)),\"title\":\(JSONText.quote(update.title)),\"machine\":\(JSONText.quote(machineName)),"
        out += "\"status\":\(JSONText.quote(result.status.rawValue)),\"reason\":\(JSONText.quote(result.reason)),\"sections\":["
        out += sections.map { section in
            "{\"title\":\(JSONText.quote(section.title)),\"trace\":[" + section.lines.map { line in
                var item = "{\"depth\":\(line.depth),\"rule\":\(JSONText.quote(line.rule)),\"result\":\"\(line.result)\",\"decisive\":\(line.decisive)"
                if let observed = line.observed { item += ",\"observed\":\(JSONText.quote(observed))" }
                if line.skipped > 0 { item += ",\"skipped\":\(line.skipped)" }
                return item + "}"
            }.joined(separator: ",") + "]}"
        }.joined(separator: ",")
        out += "],\"relations\":\(JSONText.array(relations))}\n"
        return out
    }
}
