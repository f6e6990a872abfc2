import MofkitSource

/// Inventory rows as JSON and CSV.
public enum InventoryOutput {
    /// All groups as one JSON document: `{"machines": [...], "groups": [{"group", "class",
    /// "classID", "table", "source", "columns": [{"name", "type", "key"}], "rows": [{column: value}]}]}`.
    /// Deterministic: groups in rule order, rows in machine order, columns in property order.
    public static func json(_ groups: [InventoryGroup], machines: [String]) -> String {
        var out = "{\n  \"machines\": [" + machines.map(quoted).joined(separator: ", ") + "],\n  \"groups\": ["
        for (g, group) in groups.enumerated() {
            out += g == 0 ? "\n" : ",\n"
            out += "    {\n"
            out += "      \"group\": \(quoted(group.groupName)),\n"
            out += "      \"class\": \(quoted(group.className)),\n"
            out += "      \"classID\": \(group.classID.map(quoted) ?? "null"),\n"
            out += "      \"table\": \(quoted(group.tableName)),\n"
            out += "      \"source\": \(quoted(group.sourceKind)),\n"
            out += "      \"columns\": [" + group.columns.map {
                "{\"name\": \(quoted($0.name)), \"type\": \(quoted($0.cimType)), \"key\": \($0.isKey)}"
            }.joined(separator: ", ") + "],\n"
            out += "      \"rows\": ["
            for (r, row) in group.rows.enumerated() {
                out += r == 0 ? "\n" : ",\n"
                let members = zip(group.columns, row).map { "\(quoted($0.name)): \(json($1))" }
                out += "        {" + members.joined(separator: ", ") + "}"
            }
            out += group.rows.isEmpty ? "]\n" : "\n      ]\n"
            out += "    }"
        }
        out += groups.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    static func json(_ value: InventoryValue) -> String {
        switch value {
        case .string(let s): return quoted(s)
        case .integer(let n): return String(n)
        case .unsignedInteger(let n): return String(n)
        case .real(let d): return d.isFinite ? "\(d)" : "null"
        case .boolean(let b): return b ? "true" : "false"
        case .array(let items): return "[" + items.map(json).joined(separator: ", ") + "]"
        case .null: return "null"
        }
    }

    static func quoted(_ s: String) -> String { JSONString.quoted(s) }

    /// One group as CSV (RFC 4180: CRLF line ends, fields quoted when needed): a header of column
    /// names (`MachineName` first), then one line per row; NULL is an empty field, arrays are
    /// joined with `;`.
    public static func csv(_ group: InventoryGroup) -> String {
        var out = CSV.line(group.columns.map(\.name))
        for row in group.rows {
            out += CSV.line(row.map { $0.text ?? "" })
        }
        return out
    }

    /// A file name for a group's CSV: the table name plus `.csv`.
    public static func csvFileName(_ group: InventoryGroup) -> String { group.tableName + ".csv" }
}
