/// PostgreSQL (12 or later), over the fleet database's tables (`FleetSchema` migration 2 of
/// `FleetDatabase`). It gives the same answers as ``SQLiteDialect`` on the same data:
///
/// - names: mofkit creates its PostgreSQL tables with plain (unquoted) names, which the server folds to
///   lower case, so a simple name is quoted lower-cased (`"v_r_system"`, `"name0"`);
/// - text compared without case: both sides through `lower(x COLLATE "C")`, which folds ASCII letters only
///   (what SQLite's `NOCASE` does), and compared byte by byte (the "C" collation), whatever the database's;
/// - `like`: `LIKE` over the folded text (no escape character, as SQLite's); with a `[…]` class, a regular
///   expression (`~`): `%` → `.*`, `_` → `.`, `[…]` classes kept;
/// - dates: text `yyyy-mm-dd HH:MM:SS` as on SQLite, read with `mofkit_timestamp(text)` (NULL for text that
///   is not a date, as SQLite's date functions give), counted with the same boundaries.
public struct PostgreSQLDialect: SQLDialect {
    /// The dialect.
    public init() {}

    /// Whether `name` is one PostgreSQL folds when unquoted (letters, digits, `_`, not starting with a digit).
    static func isSimple(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(first >= 0x30 && first <= 0x39) else { return false }
        return name.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }
    }

    /// The name as the server stores mofkit's tables and columns, quoted.
    public func identifier(_ name: String) -> String {
        let stored = Self.isSimple(name) ? name.lowercased() : name
        return "\"" + stored.replacing("\"", with: "\"\"") + "\""
    }

    /// `expression` as text with ASCII letters lower-cased: under the "C" collation PostgreSQL's `lower`
    /// changes `A`-`Z` only (and is much cheaper than `translate`), and the result compares byte by byte.
    func folded(_ expression: String) -> String {
        "lower(\(text(expression)) COLLATE \"C\")"
    }

    public func textComparison(_ left: String, _ op: String, _ right: String) -> String {
        "\(folded(left)) \(op) \(folded(right))"
    }

    public func textIn(_ value: String, _ items: [String], negated: Bool) -> String {
        "\(folded(value)) \(negated ? "NOT IN" : "IN") (\(items.map(folded).joined(separator: ", ")))"
    }

    public func textInQuery(_ value: String, column: String, distinct: Bool, rest: String, negated: Bool) -> String {
        "\(folded(value)) \(negated ? "NOT IN" : "IN") (SELECT \(distinct ? "DISTINCT " : "")\(folded(column)) \(rest))"
    }

    /// Now, UTC.
    public var now: String { "to_char(timezone('UTC', now()), 'YYYY-MM-DD HH24:MI:SS')" }

    /// `expression` (text, or a timestamp) as a timestamp, NULL when it is not a date.
    func timestamp(_ expression: String) -> String { "mofkit_timestamp(\(text(expression)))" }

    public func dateDiff(_ part: String, _ a: String, _ b: String) -> String? {
        let ta = timestamp(a), tb = timestamp(b)
        func epoch(_ unit: String) -> String { "EXTRACT(EPOCH FROM (date_trunc('\(unit)', \(tb)) - date_trunc('\(unit)', \(ta))))" }
        func field(_ name: String, _ t: String) -> String { "CAST(EXTRACT(\(name) FROM \(t)) AS BIGINT)" }
        switch SQLiteDialect.unit(part) {
        case "day": return "CAST(CAST(\(tb) AS DATE) - CAST(\(ta) AS DATE) AS BIGINT)"
        case "week":
            // Weeks start on Sunday, as SQL Server's default DATEFIRST: the Sundays on or before each date.
            return "CAST(((CAST(\(tb) AS DATE) - CAST(EXTRACT(DOW FROM \(tb)) AS INTEGER)) - (CAST(\(ta) AS DATE) - CAST(EXTRACT(DOW FROM \(ta)) AS INTEGER))) / 7 AS BIGINT)"
        case "hour": return "CAST(\(epoch("hour")) / 3600 AS BIGINT)"
        case "minute": return "CAST(\(epoch("minute")) / 60 AS BIGINT)"
        case "second": return "CAST(\(epoch("second")) AS BIGINT)"
        case "month": return "((\(field("YEAR", tb)) - \(field("YEAR", ta))) * 12 + \(field("MONTH", tb)) - \(field("MONTH", ta)))"
        case "year": return "(\(field("YEAR", tb)) - \(field("YEAR", ta)))"
        default: return nil
        }
    }

    public func dateAdd(_ part: String, _ n: String, _ d: String) -> String? {
        guard let unit = SQLiteDialect.unit(part) else { return nil }
        let interval = unit == "week" ? "interval '7 days'" : "interval '1 \(unit)'"
        return "to_char(\(timestamp(d)) + (\(n)) * \(interval), 'YYYY-MM-DD HH24:MI:SS')"
    }

    /// `value like 'pattern'` over the folded text: `LIKE` with the pattern's ASCII letters lower-cased, or,
    /// for a pattern with a `[…]` class, an anchored regular expression.
    public func like(_ value: String, pattern: String) -> String {
        guard pattern.contains("[") else {
            return "\(folded(value)) LIKE \(SQLTranslator.literal(Self.asciiLowercased(pattern))) ESCAPE ''"
        }
        return "\(folded(value)) ~ \(SQLTranslator.literal(Self.regex(fromLike: pattern)))"
    }

    static func asciiLowercased(_ text: String) -> String {
        String(text.map { $0.isASCII && $0.isUppercase ? Character($0.lowercased()) : $0 })
    }

    /// SQL Server's `like` pattern as a PostgreSQL regular expression (ASCII letters lower-cased, as the
    /// value is): `%` → `.*`, `_` → `.`, `[…]` and `[^…]` kept, every other character literal.
    static func regex(fromLike pattern: String) -> String {
        var out = "^"
        var inClass = false
        var classStart = false
        for c in pattern {
            let folded: Character = c.isASCII && c.isUppercase ? Character(c.lowercased()) : c
            if inClass {
                if folded == "]" && !classStart {
                    inClass = false
                    out.append("]")
                } else if folded == "\\" {
                    out += "\\\\"
                } else if folded == "[" {
                    out += "\\["
                } else {
                    out.append(folded)
                }
                classStart = folded == "^" && classStart
                continue
            }
            switch folded {
            case "%": out += ".*"
            case "_": out += "."
            case "[":
                out.append("[")
                inClass = true
                classStart = true
            default:
                if "\\^$.|?*+()[]{}".contains(folded) { out.append("\\") }
                out.append(folded)
            }
        }
        // An unclosed class matches nothing, as SQLite's GLOB.
        if inClass { return "^(?!)" }
        return out + "$"
    }

    public func like(_ value: String, patternSQL: String) -> String {
        "\(folded(value)) LIKE \(folded(patternSQL)) ESCAPE ''"
    }

    /// DMTF `yyyymmddHHMMSS.mmmmmm+UUU` → `yyyy-mm-dd HH:MM:SS`; other text unchanged.
    public func normalizedDateTime(_ column: String) -> String {
        let c = text(column)
        return "(CASE WHEN \(c) ~ '^[0-9]{14}' THEN substr(\(c),1,4)||'-'||substr(\(c),5,2)||'-'||substr(\(c),7,2)||' '||substr(\(c),9,2)||':'||substr(\(c),11,2)||':'||substr(\(c),13,2) ELSE \(c) END)"
    }

    /// `CAST(column AS TEXT)`: a `TIMESTAMP(0)` prints as `yyyy-mm-dd HH:MM:SS`.
    public func dateTimeText(_ column: String) -> String { text(column) }

    public func text(_ expression: String) -> String { "CAST(\(expression) AS TEXT)" }

    public func caseMapped(_ function: String, _ expression: String) -> String {
        function == "upper" ? "upper(\(text(expression)) COLLATE \"C\")" : folded(expression)
    }

    public func left(_ value: String, _ n: String) -> String { "left(\(text(value)), \(n))" }

    public func right(_ value: String, _ n: String) -> String { "right(\(text(value)), \(n))" }

    public func groupConcat(_ expression: String) -> String { "string_agg(\(text(expression)), ';')" }

    /// The function the dialect's date expressions call, created by the fleet database's migration 2:
    /// text in one of the forms SQLite's date functions read (`yyyy-mm-dd[ HH:MM[:SS[.fff]]]`) as a
    /// timestamp, else NULL (never an error, as SQLite gives NULL).
    public static let timestampFunction = """
        CREATE OR REPLACE FUNCTION mofkit_timestamp(t TEXT) RETURNS TIMESTAMP LANGUAGE plpgsql IMMUTABLE AS $$
        BEGIN
            IF t IS NULL OR t !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?)?$' THEN
                RETURN NULL;
            END IF;
            RETURN CAST(t AS TIMESTAMP);
        EXCEPTION WHEN others THEN
            RETURN NULL;
        END
        $$
        """
}
