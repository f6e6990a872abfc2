import MofkitSource

/// Minimal JSON writing helpers for evaluation output (deterministic, no Foundation).
public enum JSONText {
    /// `text` as a JSON string literal.
    public static func quote(_ text: String) -> String { JSONString.quoted(text) }

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
