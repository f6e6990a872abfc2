import MofkitSource

/// A JSON value with object members in a fixed order, so that output bytes are deterministic.
enum JSONValue: Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// The value as JSON text ending in a line break; `pretty` indents by two spaces.
    func serialized(pretty: Bool) -> String {
        var out = ""
        write(to: &out, pretty: pretty, depth: 0)
        out += "\n"
        return out
    }

    private func write(to out: inout String, pretty: Bool, depth: Int) {
        switch self {
        case .string(let value):
            JSONValue.writeString(value, to: &out)
        case .int(let value):
            out += String(value)
        case .bool(let value):
            out += value ? "true" : "false"
        case .null:
            out += "null"
        case .array(let elements):
            if elements.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { out += "," }
                JSONValue.newline(&out, pretty: pretty, depth: depth + 1)
                element.write(to: &out, pretty: pretty, depth: depth + 1)
            }
            JSONValue.newline(&out, pretty: pretty, depth: depth)
            out += "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += "," }
                JSONValue.newline(&out, pretty: pretty, depth: depth + 1)
                JSONValue.writeString(key, to: &out)
                out += pretty ? ": " : ":"
                value.write(to: &out, pretty: pretty, depth: depth + 1)
            }
            JSONValue.newline(&out, pretty: pretty, depth: depth)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, pretty: Bool, depth: Int) {
        guard pretty else { return }
        out += "\n"
        out += String(repeating: "  ", count: depth)
    }

    /// Writes a JSON string literal: quotes, backslashes and control characters escaped.
    static func writeString(_ value: String, to out: inout String) { JSONString.append(value, to: &out) }
}
