/// The one CSV writer (RFC 4180): fields separated by commas, lines ended by CRLF, a field quoted —
/// its quotes doubled — when it holds a comma, a quote or a line break, or begins or ends with a
/// space (which spreadsheet programs would otherwise trim).
public enum CSV {
    /// One field, quoted when it needs to be.
    public static func field(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
            || text.utf8.first == UInt8(ascii: " ") || text.utf8.last == UInt8(ascii: " ")
        else { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }

    /// One line: the fields quoted as needed, joined by commas, ended by CRLF.
    public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }
}
