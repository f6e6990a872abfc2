import MofkitSource

/// One problem found when checking a value against a type or a constraint.
struct ValueProblem {
    var code: DiagnosticCode
    var message: String
    var range: SourceRange
    /// Whether the problem is an error only under `--strict` (a warning otherwise).
    var strictOnly: Bool = false
}

enum ValueChecker {
    /// Checks that `value` fits `type` (arrays, integer ranges, datetime and char16 formats).
    static func check(_ value: ModelValue, against type: MOFDataType, what: @autoclosure () -> String) -> [ValueProblem] {
        if fitsPlainly(value, type) { return [] }
        if value.isNull { return [] }
        if case .array(let elements) = value.kind {
            guard type.isArray else {
                return [ValueProblem(
                    code: SemanticCode.arrayMismatch,
                    message: "\(what()) is scalar \(type.base) but the value is an array", range: value.range)]
            }
            var problems: [ValueProblem] = []
            if case .fixed(let size) = type.array, elements.count > size {
                // OMI and mofcomp accept longer initializers for fixed-size arrays.
                problems.append(ValueProblem(
                    code: SemanticCode.arrayMismatch,
                    message: "\(what()) holds at most \(size) elements but the value has \(elements.count)",
                    range: value.range, strictOnly: true))
            }
            for element in elements {
                problems += checkScalar(element, against: type.base, what: what())
            }
            return problems
        }
        if type.isArray {
            // mofcomp takes a lone value as a one-element array; DSP0004 compilers do not.
            var problems = [ValueProblem(
                code: SemanticCode.arrayMismatch,
                message: "\(what()) is an array (\(type)) but the value is a single \(value.kindDescription.dropArticle)",
                range: value.range, strictOnly: true)]
            problems += checkScalar(value, against: type.base, what: what())
            return problems
        }
        return checkScalar(value, against: type.base, what: what())
    }

    /// The common cases that need no message machinery: NULL, or a scalar string, boolean or
    /// in-range integer for a scalar of that type (what ``checkScalar`` accepts without a problem).
    static func fitsPlainly(_ value: ModelValue, _ type: MOFDataType) -> Bool {
        if case .null = value.kind { return true }
        guard case .scalar = type.array else { return false }
        switch (type.base, value.kind) {
        case (.string, .string), (.boolean, .boolean): return true
        case (.uint8, .integer(let i)), (.sint8, .integer(let i)), (.uint16, .integer(let i)), (.sint16, .integer(let i)),
             (.uint32, .integer(let i)), (.sint32, .integer(let i)), (.uint64, .integer(let i)), (.sint64, .integer(let i)):
            guard !i.overflow, let (low, high) = type.base.integerRange else { return false }
            return !(i < low) && !(high < i)
        default: return false
        }
    }

    static func checkScalar(_ value: ModelValue, against type: CIMType, what: @autoclosure () -> String) -> [ValueProblem] {
        func mismatch() -> [ValueProblem] {
            [ValueProblem(
                code: SemanticCode.valueType,
                message: "\(what()) has type \(type) but the value is \(value.kindDescription)", range: value.range)]
        }
        switch value.kind {
        case .null: return []
        case .array:
            return [ValueProblem(
                code: SemanticCode.arrayMismatch, message: "\(what()) is scalar \(type) but an element is an array",
                range: value.range)]
        default: break
        }
        switch type {
        case .string:
            if case .string = value.kind { return [] }
            return mismatch()
        case .boolean:
            if case .boolean = value.kind { return [] }
            return mismatch()
        case .uint8, .sint8, .uint16, .sint16, .uint32, .sint32, .uint64, .sint64:
            guard case .integer(let integer) = value.kind else { return mismatch() }
            guard let (low, high) = type.integerRange else { return [] }  // input-unreachable: integer types have ranges
            if integer.overflow || integer < low || high < integer {
                return [ValueProblem(
                    code: SemanticCode.integerRange,
                    message: "\(integer.overflow ? "integer literal" : integer.description) is out of range for \(what()) of type \(type) (\(low.description)…\(high.description))",
                    range: value.range)]
            }
            return []
        case .real32, .real64:
            let number: Double
            switch value.kind {
            case .integer(let i): number = i.doubleValue
            case .real(let d): number = d
            default: return mismatch()
            }
            if type == .real32, number.isFinite, abs(number) > Double(Float.greatestFiniteMagnitude) {
                return [ValueProblem(
                    code: SemanticCode.integerRange, message: "\(number) is out of range for \(what()) of type real32",
                    range: value.range)]
            }
            return []
        case .char16:
            switch value.kind {
            case .char16: return []
            case .integer(let i) where !i.isNegative && i.magnitude <= 0xFFFF: return []
            case .string(let s) where s.unicodeScalars.count == 1:
                return [ValueProblem(
                    code: SemanticCode.char16Format,
                    message: "\(what()) has type char16; write the character as '\(s)', not as a string",
                    range: value.range, strictOnly: true)]
            default:
                return [ValueProblem(
                    code: SemanticCode.char16Format,
                    message: "\(what()) has type char16 but the value is \(value.kindDescription)", range: value.range)]
            }
        case .datetime:
            guard case .string(let text) = value.kind else { return mismatch() }
            if let reason = DateTimeFormat.problem(in: text) {
                return [ValueProblem(
                    code: SemanticCode.datetimeFormat, message: "\"\(text)\" is not a CIM datetime: \(reason)",
                    range: value.range)]
            }
            return []
        case .reference:
            switch value.kind {
            case .string, .alias: return []
            default: return mismatch()
            }
        case .object, .embedded:
            switch value.kind {
            case .instance, .alias: return []
            default: return mismatch()
            }
        }
    }

    /// Checks a property value against the constraint qualifiers of the property.
    static func checkConstraints(_ value: ModelValue, type: MOFDataType, qualifiers: [Qualifier], what: @autoclosure () -> String) -> [ValueProblem] {
        var problems: [ValueProblem] = []
        let maxLen = qualifiers.first(named: "MaxLen").flatMap { integerValue($0.value) }
        let minLen = qualifiers.first(named: "MinLen").flatMap { integerValue($0.value) }
        let maxValue = qualifiers.first(named: "MaxValue").flatMap { numberValue($0.value) }
        let minValue = qualifiers.first(named: "MinValue").flatMap { numberValue($0.value) }
        let maxInteger = qualifiers.first(named: "MaxValue").flatMap { exactInteger($0.value) }
        let minInteger = qualifiers.first(named: "MinValue").flatMap { exactInteger($0.value) }
        let valueMap = qualifiers.first(named: "ValueMap")?.value.map { $0.elements.compactMap(\.stringValue) }
        for element in value.elements {
            switch element.kind {
            case .string(let s) where type.base == .string:
                let length = s.unicodeScalars.count
                if let maxLen, length > maxLen {
                    problems.append(ValueProblem(
                        code: SemanticCode.constraintViolated,
                        message: "\(what()) is limited to MaxLen(\(maxLen)) characters but the value has \(length)",
                        range: element.range))
                }
                if let minLen, length < minLen {
                    problems.append(ValueProblem(
                        code: SemanticCode.constraintViolated,
                        message: "\(what()) needs at least MinLen(\(minLen)) characters but the value has \(length)",
                        range: element.range))
                }
                if let valueMap, !valueMap.isEmpty, !valueMapAllows(valueMap, string: s, numeric: nil) {
                    problems.append(ValueProblem(
                        code: SemanticCode.constraintViolated,
                        message: "\(what()) value \"\(s)\" is not in its ValueMap", range: element.range, strictOnly: true))
                }
            case .integer, .real:
                guard type.base.isNumeric else { break }
                let number: Double
                var integer: ModelInteger?
                switch element.kind {
                case .integer(let i):
                    if i.overflow { continue }
                    number = i.doubleValue
                    integer = i
                case .real(let d): number = d
                default: continue
                }
                // Integers against integer bounds compare exactly (Double loses the low bits of 64-bit values).
                let aboveMax = integer.flatMap { i in maxInteger.map { i > $0 } } ?? maxValue.map { number > $0 } ?? false
                let belowMin = integer.flatMap { i in minInteger.map { i < $0 } } ?? minValue.map { number < $0 } ?? false
                if let maxValue, aboveMax {
                    problems.append(ValueProblem(
                        code: SemanticCode.constraintViolated,
                        message: "\(what()) value \(element.displayText) is above MaxValue(\(format(maxValue)))",
                        range: element.range))
                }
                if let minValue, belowMin {
                    problems.append(ValueProblem(
                        code: SemanticCode.constraintViolated,
                        message: "\(what()) value \(element.displayText) is below MinValue(\(format(minValue)))",
                        range: element.range))
                }
                if let valueMap, !valueMap.isEmpty, type.base.isInteger,
                    !valueMapAllows(valueMap, string: element.displayText, numeric: number)
                {
                    problems.append(ValueProblem(
                        code: SemanticCode.constraintViolated,
                        message: "\(what()) value \(element.displayText) is not in its ValueMap", range: element.range, strictOnly: true))
                }
            default:
                break
            }
        }
        return problems
    }

    /// Constraint qualifiers on a type they do not apply to (`MaxLen` on an integer).
    static func checkApplicability(type: MOFDataType, qualifiers: [Qualifier], what: @autoclosure () -> String) -> [ValueProblem] {
        var problems: [ValueProblem] = []
        for qualifier in qualifiers where qualifier.inheritedFrom == nil {
            // Every constraint qualifier starts with M: skip the rest without folding their names.
            guard let lead = qualifier.name.utf8.first, lead | 0x20 == UInt8(ascii: "m") else { continue }
            switch qualifier.name.lowercased() {
            case "maxlen", "minlen":
                if type.base != .string {
                    problems.append(ValueProblem(
                        code: SemanticCode.constraintNotApplicable,
                        message: "\(qualifier.name) applies to strings, but \(what()) has type \(type)",
                        range: qualifier.range, strictOnly: true))
                }
            case "maxvalue", "minvalue":
                if !type.base.isNumeric {
                    problems.append(ValueProblem(
                        code: SemanticCode.constraintNotApplicable,
                        message: "\(qualifier.name) applies to numbers, but \(what()) has type \(type)",
                        range: qualifier.range, strictOnly: true))
                }
            default: break
            }
        }
        return problems
    }

    private static func integerValue(_ value: ModelValue?) -> Int? {
        guard case .integer(let i)? = value?.kind, let v = i.int64Value, v >= 0, v <= Int64(Int.max) else { return nil }
        return Int(v)
    }

    private static func exactInteger(_ value: ModelValue?) -> ModelInteger? {
        guard case .integer(let i)? = value?.kind, !i.overflow else { return nil }
        return i
    }

    private static func numberValue(_ value: ModelValue?) -> Double? {
        switch value?.kind {
        case .integer(let i)?: return i.overflow ? nil : i.doubleValue
        case .real(let d)?: return d
        default: return nil
        }
    }

    private static func format(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e18 ? String(Int64(d)) : String(d)
    }

    /// ValueMap entries are values or ranges (`"1..5"`, `".."` for "anything else", `"0x10"`).
    static func valueMapAllows(_ entries: [String], string: String, numeric: Double?) -> Bool {
        for entry in entries {
            let trimmed = entry.trimmingSpaces
            if trimmed == ".." { return true }
            if trimmed.caseInsensitiveEquals(string) { return true }
            guard let numeric else { continue }
            if let range = trimmed.firstRange(of: "..") {
                let low = parseNumber(String(trimmed[..<range.lowerBound]))
                let high = parseNumber(String(trimmed[range.upperBound...]))
                if (low.map { numeric >= $0 } ?? true) && (high.map { numeric <= $0 } ?? true) { return true }
            } else if let n = parseNumber(trimmed), n == numeric {
                return true
            }
        }
        return false
    }

    static func parseNumber(_ text: String) -> Double? {
        let t = text.trimmingSpaces
        if t.isEmpty { return nil }
        var negative = false
        var body = Substring(t)
        if body.hasPrefix("+") { body = body.dropFirst() } else if body.hasPrefix("-") { negative = true; body = body.dropFirst() }
        let lower = body.lowercased()
        var value: Double?
        if lower.hasPrefix("0x"), let v = UInt64(lower.dropFirst(2), radix: 16) { value = Double(v) }
        else if lower.hasSuffix("b"), lower.dropLast().allSatisfy({ $0 == "0" || $0 == "1" }), !lower.dropLast().isEmpty,
            let v = UInt64(lower.dropLast(), radix: 2) { value = Double(v) }
        else if let v = Double(lower) { value = v }
        return value.map { negative ? -$0 : $0 }
    }
}

/// The CIM datetime format (DSP0004 5.2.4): a timestamp `yyyymmddhhmmss.mmmmmmsutc` or an interval
/// `ddddddddhhmmss.mmmmmm:000`; `*` may stand for any digit.
public enum DateTimeFormat {
    /// Why `text` is not a CIM datetime, or `nil` when it is one.
    public static func problem(in text: String) -> String? {
        let chars = Array(text.unicodeScalars)
        guard chars.count == 25 else { return "it has \(chars.count) characters, not 25" }
        func isDigitOrStar(_ c: Unicode.Scalar) -> Bool { (c >= "0" && c <= "9") || c == "*" }
        guard chars[14] == "." else { return "character 15 must be '.'" }
        let separator = chars[21]
        guard separator == "+" || separator == "-" || separator == ":" else {
            return "character 22 must be '+', '-' (timestamp) or ':' (interval)"
        }
        for (i, c) in chars.enumerated() where i != 14 && i != 21 {
            guard isDigitOrStar(c) else { return "character \(i + 1) ('\(c)') must be a digit or '*'" }
        }
        func field(_ start: Int, _ length: Int) -> Int? {
            let slice = chars[start..<start + length]
            if slice.contains("*") { return nil }
            return Int(String(String.UnicodeScalarView(slice)))
        }
        if separator == ":" {
            guard chars[22...24].allSatisfy({ $0 == "0" }) else { return "an interval ends in ':000'" }
            if let h = field(8, 2), h > 23 { return "hours \(h) > 23" }
            if let m = field(10, 2), m > 59 { return "minutes \(m) > 59" }
            if let s = field(12, 2), s > 59 { return "seconds \(s) > 59" }
            return nil
        }
        if let month = field(4, 2), month < 1 || month > 12 { return "month \(month) is not 01…12" }
        if let day = field(6, 2), day < 1 || day > 31 { return "day \(day) is not 01…31" }
        if let h = field(8, 2), h > 23 { return "hour \(h) > 23" }
        if let m = field(10, 2), m > 59 { return "minute \(m) > 59" }
        if let s = field(12, 2), s > 60 { return "second \(s) > 60" }
        return nil
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }

    func caseInsensitiveEquals(_ other: String) -> Bool { lowercased() == other.lowercased() }

    var dropArticle: String {
        if hasPrefix("an ") { return String(dropFirst(3)) }
        if hasPrefix("a ") { return String(dropFirst(2)) }
        return self
    }
}
