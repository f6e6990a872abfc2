/// The SQL text of the constructs that differ between database engines. ``SQLTranslator`` writes
/// everything else as plain SQL; each backend (``SQLiteDialect``, ``PostgreSQLDialect``) supplies its own,
/// and both must give the same members for the same data (`Docs/collections.md`, "Dialects").
public protocol SQLDialect: Sendable {
    /// A table or column name as this engine finds mofkit's tables (quoted).
    func identifier(_ name: String) -> String
    /// `left op right` comparing text without case, as the site's SQL Server collation does.
    func textComparison(_ left: String, _ op: String, _ right: String) -> String
    /// `value [NOT] IN (items)` comparing text without case.
    func textIn(_ value: String, _ items: [String], negated: Bool) -> String
    /// `value [NOT] IN (SELECT [DISTINCT] column rest)` comparing text without case; `rest` is the
    /// subquery's `FROM … [WHERE …]`.
    func textInQuery(_ value: String, column: String, distinct: Bool, rest: String, negated: Bool) -> String
    /// `GetDate()`: now, UTC, as `yyyy-mm-dd HH:MM:SS` text.
    var now: String { get }
    /// `DateDiff(part, a, b)` on date-time expressions, or nil for an unknown part.
    func dateDiff(_ part: String, _ a: String, _ b: String) -> String?
    /// `DateAdd(part, n, d)` as `yyyy-mm-dd HH:MM:SS` text, or nil for an unknown part.
    func dateAdd(_ part: String, _ n: String, _ d: String) -> String?
    /// `value like 'pattern'` with SQL Server's pattern syntax (`%`, `_`, `[…]`), ignoring case.
    func like(_ value: String, pattern: String) -> String
    /// `value LIKE pattern` where the pattern is an SQL expression (`%` and `_` only), ignoring case.
    func like(_ value: String, patternSQL: String) -> String
    /// A DMTF datetime column (`yyyymmddHHMMSS.mmmmmm+UUU`) read as `yyyy-mm-dd HH:MM:SS`.
    func normalizedDateTime(_ column: String) -> String
    /// A datetime column of a site table (text or timestamp) read as `yyyy-mm-dd HH:MM:SS` text.
    func dateTimeText(_ column: String) -> String
    /// `expression` as text (for string functions on numbers).
    func text(_ expression: String) -> String
    /// `upper(expression)` / `lower(expression)` (`function` is `upper` or `lower`): ASCII letters only, as
    /// SQLite's functions, so that both backends agree.
    func caseMapped(_ function: String, _ expression: String) -> String
    /// `Left(value, n)`.
    func left(_ value: String, _ n: String) -> String
    /// `Right(value, n)`.
    func right(_ value: String, _ n: String) -> String
    /// The values of `expression` in a group, joined with `;`.
    func groupConcat(_ expression: String) -> String
}

/// SQLite. A site runs on SQL Server with a case-insensitive collation; these reproduce its answers.
public struct SQLiteDialect: SQLDialect {
    /// The dialect.
    public init() {}

    /// `"name"`: SQLite finds names without case.
    public func identifier(_ name: String) -> String { "\"" + name.replacing("\"", with: "\"\"") + "\"" }

    /// Text comparisons ignore case, as the site's collation does (ASCII letters: SQLite's NOCASE).
    public func textComparison(_ left: String, _ op: String, _ right: String) -> String { "\(left) \(op) \(right) COLLATE NOCASE" }

    /// `value COLLATE NOCASE [NOT] IN (…)`.
    public func textIn(_ value: String, _ items: [String], negated: Bool) -> String {
        "\(value) COLLATE NOCASE \(negated ? "NOT IN" : "IN") (\(items.joined(separator: ", ")))"
    }

    /// `value COLLATE NOCASE [NOT] IN (SELECT …)`.
    public func textInQuery(_ value: String, column: String, distinct: Bool, rest: String, negated: Bool) -> String {
        "\(value) COLLATE NOCASE \(negated ? "NOT IN" : "IN") (SELECT \(distinct ? "DISTINCT " : "")\(column) \(rest))"
    }

    /// `value LIKE pattern` (SQLite's LIKE ignores ASCII case).
    public func like(_ value: String, patternSQL: String) -> String { "\(value) LIKE \(patternSQL)" }

    /// Site datetime columns are stored as `yyyy-mm-dd HH:MM:SS` text already.
    public func dateTimeText(_ column: String) -> String { column }

    /// SQLite converts by itself.
    public func text(_ expression: String) -> String { expression }

    /// SQLite's `upper` / `lower` (ASCII only).
    public func caseMapped(_ function: String, _ expression: String) -> String { "\(function)(\(expression))" }

    /// `substr(value, 1, n)`.
    public func left(_ value: String, _ n: String) -> String { "substr(\(value), 1, \(n))" }

    /// `substr(value, -(n))`.
    public func right(_ value: String, _ n: String) -> String { "substr(\(value), -(\(n)))" }

    /// `group_concat(expression, ';')`.
    public func groupConcat(_ expression: String) -> String { "group_concat(\(expression), ';')" }

    /// `GetDate()`: now, UTC (the site's server time; snapshots carry no time zone).
    public var now: String { "datetime('now')" }

    /// The date parts DateDiff and DateAdd take.
    static let dateParts = "yy/yyyy/year, mm/m/month, wk/ww/week, dd/d/day, hh/hour, mi/n/minute, ss/s/second"

    static func unit(_ part: String) -> String? {
        switch part.lowercased() {
        case "yy", "yyyy", "year": return "year"
        case "mm", "m", "month": return "month"
        case "wk", "ww", "week": return "week"
        case "dd", "d", "day", "dy", "y", "dayofyear": return "day"
        case "hh", "hour": return "hour"
        case "mi", "n", "minute": return "minute"
        case "ss", "s", "second": return "second"
        default: return nil
        }
    }

    /// DMTF `yyyymmddHHMMSS.mmmmmm+UUU` → `yyyy-mm-dd HH:MM:SS`; other text unchanged.
    public func normalizedDateTime(_ column: String) -> String {
        "(CASE WHEN \(column) GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*' THEN substr(\(column),1,4)||'-'||substr(\(column),5,2)||'-'||substr(\(column),7,2)||' '||substr(\(column),9,2)||':'||substr(\(column),11,2)||':'||substr(\(column),13,2) ELSE \(column) END)"
    }

    /// A WQL datetime literal (`'20240101083000.000000+000'`) as `2024-01-01 08:30:00`, or nil.
    static func isoDateTime(fromDMTF text: String) -> String? {
        let chars = Array(text)
        guard chars.count >= 14, chars[0..<14].allSatisfy(\.isASCIIDigit) else { return nil }
        let s = String(chars[0..<14])
        func part(_ from: Int, _ length: Int) -> Substring {
            let start = s.index(s.startIndex, offsetBy: from)
            return s[start..<s.index(start, offsetBy: length)]
        }
        return "\(part(0, 4))-\(part(4, 2))-\(part(6, 2)) \(part(8, 2)):\(part(10, 2)):\(part(12, 2))"
    }

    /// `DateDiff(part, a, b)`: the number of `part` boundaries crossed from `a` to `b`, as SQL Server counts.
    public func dateDiff(_ part: String, _ a: String, _ b: String) -> String? {
        switch Self.unit(part) {
        case "day": return "CAST(julianday(date(\(b))) - julianday(date(\(a))) AS INTEGER)"
        case "week": return "CAST((julianday(date(\(b), '-6 days', 'weekday 0')) - julianday(date(\(a), '-6 days', 'weekday 0'))) / 7 AS INTEGER)"
        case "hour": return "CAST((unixepoch(strftime('%Y-%m-%d %H:00:00', \(b))) - unixepoch(strftime('%Y-%m-%d %H:00:00', \(a)))) / 3600 AS INTEGER)"
        case "minute": return "CAST((unixepoch(strftime('%Y-%m-%d %H:%M:00', \(b))) - unixepoch(strftime('%Y-%m-%d %H:%M:00', \(a)))) / 60 AS INTEGER)"
        case "second": return "(unixepoch(\(b)) - unixepoch(\(a)))"
        case "month": return "((CAST(strftime('%Y', \(b)) AS INTEGER) - CAST(strftime('%Y', \(a)) AS INTEGER)) * 12 + CAST(strftime('%m', \(b)) AS INTEGER) - CAST(strftime('%m', \(a)) AS INTEGER))"
        case "year": return "(CAST(strftime('%Y', \(b)) AS INTEGER) - CAST(strftime('%Y', \(a)) AS INTEGER))"
        default: return nil
        }
    }

    /// `DateAdd(part, n, d)`.
    public func dateAdd(_ part: String, _ n: String, _ d: String) -> String? {
        guard let unit = Self.unit(part) else { return nil }
        if unit == "week" { return "datetime(\(d), ((\(n)) * 7) || ' days')" }
        return "datetime(\(d), (\(n)) || ' \(unit)s')"
    }

    /// `value like 'pattern'`. SQLite's LIKE knows `%` and `_` and ignores ASCII case; a pattern with a
    /// `[…]` class (SQL Server's) becomes GLOB over upper-cased text: `%` → `*`, `_` → `?`, `[…]` kept
    /// (`[^…]` as well), a literal `*` or `?` as `[*]` / `[?]`.
    public func like(_ value: String, pattern: String) -> String {
        guard pattern.contains("[") else { return "\(value) LIKE \(SQLTranslator.literal(pattern))" }
        var glob = ""
        var inClass = false
        for c in pattern.uppercased() {
            if inClass {
                glob.append(c)
                if c == "]" { inClass = false }
                continue
            }
            switch c {
            case "%": glob += "*"
            case "_": glob += "?"
            case "*": glob += "[*]"
            case "?": glob += "[?]"
            case "[": glob.append(c); inClass = true
            default: glob.append(c)
            }
        }
        return "upper(\(value)) GLOB \(SQLTranslator.literal(glob))"
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
