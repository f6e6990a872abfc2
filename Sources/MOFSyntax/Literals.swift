/// The value of an integer literal: its magnitude and sign, kept apart so that both `Int64` and
/// `UInt64` properties can be checked against it.
public struct IntegerLiteralValue: Sendable, Hashable {
    /// How the literal was written.
    public enum Radix: Int, Sendable, Hashable {
        /// Binary (`101b`), octal (`017`), decimal, or hexadecimal (`0x1F`); the raw value is the base.
        case binary = 2, octal = 8, decimal = 10, hexadecimal = 16
    }

    /// The absolute value.
    public var magnitude: UInt64
    /// Whether the literal has a leading `-`.
    public var isNegative: Bool
    /// How the literal was written.
    public var radix: Radix
    /// True when the literal does not fit in 64 bits (`magnitude` is then meaningless).
    public var overflowed: Bool

    /// The value as a signed 64-bit integer, when it fits.
    public var int64Value: Int64? {
        if overflowed { return nil }
        if isNegative {
            if magnitude <= UInt64(Int64.max) { return -Int64(magnitude) }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// The value as an unsigned 64-bit integer, when it fits (zero counts, negatives do not).
    public var uint64Value: UInt64? {
        if overflowed || (isNegative && magnitude != 0) { return nil }
        return magnitude
    }

    /// Whether the value fits `Int64` (negative) or `UInt64` (positive): what MOF allows.
    public var isRepresentable: Bool { !overflowed && (int64Value != nil || uint64Value != nil) }

    /// Decodes the integer literal in `text[range]`.
    static func decode(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> IntegerLiteralValue {
        var i = range.lowerBound
        let end = range.upperBound
        var negative = false
        if i < end, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
            negative = text[i] == UInt8(ascii: "-")
            i += 1
        }
        var radix = Radix.decimal
        var digitsEnd = end
        if i + 1 < end, text[i] == UInt8(ascii: "0"), text[i + 1] | 0x20 == UInt8(ascii: "x") {
            radix = .hexadecimal
            i += 2
        } else if digitsEnd > i, text[digitsEnd - 1] | 0x20 == UInt8(ascii: "b") {
            radix = .binary
            digitsEnd -= 1
        } else if digitsEnd - i > 1, text[i] == UInt8(ascii: "0") {
            radix = .octal
        }
        var magnitude: UInt64 = 0
        var overflowed = false
        let base = UInt64(radix.rawValue)
        while i < digitsEnd {
            let byte = text[i]
            guard ByteClass.isHexDigit(byte) else { break }
            let digit = UInt64(ByteClass.hexValue(byte))
            if digit >= base { break }
            let (shifted, o1) = magnitude.multipliedReportingOverflow(by: base)
            let (sum, o2) = shifted.addingReportingOverflow(digit)
            overflowed = overflowed || o1 || o2
            magnitude = sum
            i += 1
        }
        return IntegerLiteralValue(magnitude: magnitude, isNegative: negative, radix: radix, overflowed: overflowed)
    }
}

/// The CIM intrinsic data types, by their lower-case MOF names.
public enum CIMTypeName {
    /// Every intrinsic type name as written in MOF (matching is case-insensitive).
    public static let all: [String] = [
        "boolean", "string", "char16", "datetime", "object", "uint8", "sint8", "uint16", "sint16",
        "uint32", "sint32", "uint64", "sint64", "real32", "real64",
    ]

    /// Whether `text[range]` is an intrinsic type name, in any case.
    static func isIntrinsic(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        // Every property declaration asks. The name, folded to lower case with `| 0x20` (as
        // `equalsLowercaseKeyword` does), is packed into one little-endian word and compared with
        // each type name's word.
        let length = range.count
        guard length >= 5, length <= 8 else { return false }
        var key: UInt64 = 0
        var shift: UInt64 = 0
        for i in range {
            key |= UInt64(text[i] | 0x20) << shift
            shift += 8
        }
        switch key {
        case 0x6e61656c6f6f62: return true  // boolean
        case 0x676e69727473: return true  // string
        case 0x363172616863: return true  // char16
        case 0x656d697465746164: return true  // datetime
        case 0x7463656a626f: return true  // object
        case 0x38746e6975: return true  // uint8
        case 0x38746e6973: return true  // sint8
        case 0x3631746e6975: return true  // uint16
        case 0x3631746e6973: return true  // sint16
        case 0x3233746e6975: return true  // uint32
        case 0x3233746e6973: return true  // sint32
        case 0x3436746e6975: return true  // uint64
        case 0x3436746e6973: return true  // sint64
        case 0x32336c616572: return true  // real32
        case 0x34366c616572: return true  // real64
        default: return false
        }
    }

    /// The CIM type a name was probably meant to be: a common name from other languages (`int32` →
    /// `sint32`) or a type name with one letter wrong, missing or extra (`strng` → `string`). Nil for
    /// anything else (a class name, for an embedded object).
    static func suggestion(for name: String) -> String? {
        let lower = name.lowercased()
        switch lower {
        case "int8", "int16", "int32", "int64": return "s" + lower
        case "int", "integer", "long": return "sint32"
        case "uint", "unsigned": return "uint32"
        case "float", "single": return "real32"
        case "double", "real": return "real64"
        case "bool": return "boolean"
        case "char", "wchar": return "char16"
        case "date", "time", "timestamp": return "datetime"
        case "str", "wstring", "bstr": return "string"
        default: break
        }
        let letters = Array(lower.utf8)
        return all.first { isOneEditAway(letters, Array($0.utf8)) }
    }

    /// Whether two byte strings differ by exactly one substituted, inserted or deleted byte.
    static func isOneEditAway(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a == b || abs(a.count - b.count) > 1 { return false }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        var i = 0
        while i < short.count, short[i] == long[i] { i += 1 }
        if short.count == long.count { return short[(i + 1)...] == long[(i + 1)...] }
        return short[i...] == long[(i + 1)...]
    }
}

/// Keyword sets checked by the parser.
enum MOFKeywords {
    static func isFlavor(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        text.equalsLowercaseKeyword(range, "enableoverride") || text.equalsLowercaseKeyword(range, "disableoverride")
            || text.equalsLowercaseKeyword(range, "tosubclass") || text.equalsLowercaseKeyword(range, "restricted")
            || text.equalsLowercaseKeyword(range, "toinstance") || text.equalsLowercaseKeyword(range, "translatable")
            || text.equalsLowercaseKeyword(range, "amended") || text.equalsLowercaseKeyword(range, "nottoinstance")
            || text.equalsLowercaseKeyword(range, "nottosubclass")
    }

    static func isScope(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        text.equalsLowercaseKeyword(range, "any") || text.equalsLowercaseKeyword(range, "class")
            || text.equalsLowercaseKeyword(range, "association") || text.equalsLowercaseKeyword(range, "indication")
            || text.equalsLowercaseKeyword(range, "property") || text.equalsLowercaseKeyword(range, "reference")
            || text.equalsLowercaseKeyword(range, "method") || text.equalsLowercaseKeyword(range, "parameter")
            || text.equalsLowercaseKeyword(range, "qualifier") || text.equalsLowercaseKeyword(range, "schema")
            || text.equalsLowercaseKeyword(range, "instance") || text.equalsLowercaseKeyword(range, "structure")
            || text.equalsLowercaseKeyword(range, "enumeration") || text.equalsLowercaseKeyword(range, "enumerationvalue")
    }

    static let flavorNames = ["EnableOverride", "DisableOverride", "ToSubclass", "Restricted", "ToInstance",
                              "Translatable", "Amended", "NotToInstance", "NotToSubclass"]
    static let scopeNames = ["any", "class", "association", "indication", "property", "reference", "method",
                             "parameter", "qualifier", "schema", "instance"]
}
