import UpdateCatalog

/// Comparisons with the schema's operators (`bt:ScalarComparison`, `bt:StringComparison`).
public enum RuleComparison {
    /// `actual OP expected` for an ordering result (`actual` compared to `expected`).
    @inlinable
    public static func holds(_ comparison: ScalarComparison, order: Int) -> Bool {
        switch comparison {
        case .lessThan: return order < 0
        case .lessThanOrEqualTo: return order <= 0
        case .equalTo: return order == 0
        case .greaterThanOrEqualTo: return order >= 0
        case .greaterThan: return order > 0
        }
    }

    /// Three-way comparison of two integers.
    @inlinable
    public static func order<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }

    /// Numeric, part-by-part version comparison; missing trailing parts count as 0 (`1.2` = `1.2.0.0`).
    public static func compareVersions(_ a: [UInt32], _ b: [UInt32]) -> Int {
        let count = max(a.count, b.count)
        for i in 0..<count {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    /// Parses `1`, `1.2`, … `1.2.3.4` (parts up to 65535·… — any UInt32), tolerating spaces around
    /// the text; nil when it is not a dotted version. File versions like `6.1.7601.17514 (win7sp1…)`
    /// are cut at the first space.
    public static func parseVersion(_ text: String) -> [UInt32]? {
        var parts: [UInt32] = []
        var current: UInt64 = 0
        var digits = 0
        var trimmed = Substring(text)
        while trimmed.first == " " { trimmed = trimmed.dropFirst() }
        if let space = trimmed.firstIndex(of: " ") { trimmed = trimmed[..<space] }
        for byte in trimmed.utf8 {
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") {
                guard digits > 0 else { return nil }
                parts.append(UInt32(current))
                current = 0
                digits = 0
            } else if byte >= 0x30 && byte <= 0x39 {
                digits += 1
                current = current * 10 + UInt64(byte - 0x30)
                guard current <= UInt64(UInt32.max) else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, parts.count < 4 else { return nil }
        parts.append(UInt32(current))
        return parts
    }

    /// String comparison; `caseSensitive` false compares ASCII and Unicode case-insensitively.
    public static func holds(_ comparison: StringComparison, actual: String, expected: String, caseSensitive: Bool) -> Bool {
        let a = caseSensitive ? actual : actual.lowercased()
        let e = caseSensitive ? expected : expected.lowercased()
        switch comparison {
        case .equalTo: return a == e
        case .beginsWith: return a.hasPrefix(e)
        case .endsWith: return a.hasSuffix(e)
        case .contains: return e.isEmpty || a.contains(e)
        }
    }

    /// The numbers of an ISO 8601 date or date-time (`2021-03-04T05:06:07Z`, `2021-03-04`), or a WMI
    /// DMTF date (`20231114101200.000000+000`): year, month, day, hour, minute, second.
    public static func parseDate(_ text: String) -> [Int]? {
        let bytes = Array(text.utf8)
        var numbers: [Int] = []
        if bytes.count >= 14, bytes[0..<14].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            // DMTF: yyyymmddHHMMSS
            let widths = [4, 2, 2, 2, 2, 2]
            var index = 0
            for width in widths {
                numbers.append(bytes[index..<index + width].reduce(0) { $0 * 10 + Int($1 - 0x30) })
                index += width
            }
            return numbers
        }
        var current = 0
        var digits = 0
        for byte in bytes {
            if byte >= 0x30 && byte <= 0x39 {
                current = current * 10 + Int(byte - 0x30)
                digits += 1
                if digits > 9 { return nil }
            } else {
                if digits > 0 { numbers.append(current) }
                current = 0
                digits = 0
                // Fractional seconds and time zone are not compared.
                if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "Z") || byte == UInt8(ascii: "+") { break }
                if numbers.count >= 6 { break }
            }
        }
        if digits > 0 && numbers.count < 6 { numbers.append(current) }
        guard numbers.count >= 3 else { return nil }
        while numbers.count < 6 { numbers.append(0) }
        return Array(numbers.prefix(6))
    }

    /// Lexicographic comparison of integer tuples.
    public static func compareTuples(_ a: [Int], _ b: [Int]) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return order(a.count, b.count)
    }
}
