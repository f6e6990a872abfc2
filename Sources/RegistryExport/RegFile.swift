import MofkitSource

/// A registry value's type in a `.reg` export.
public enum RegFileValueType: String, Sendable, Hashable, Codable {
    case string = "REG_SZ"
    case expandString = "REG_EXPAND_SZ"
    case multiString = "REG_MULTI_SZ"
    case dword = "REG_DWORD"
    case dwordBigEndian = "REG_DWORD_BIG_ENDIAN"
    case qword = "REG_QWORD"
    case binary = "REG_BINARY"
    case none = "REG_NONE"
    /// `hex(n):` with a type number the exporter does not name.
    case other = "REG_OTHER"

    /// The CIM type RegPropProv / RegProv hand the value over as.
    public var cimType: String {
        switch self {
        case .string, .expandString: return "string"
        case .multiString: return "string[]"
        case .dword, .dwordBigEndian: return "uint32"
        case .qword: return "uint64"
        case .binary, .none, .other: return "uint8[]"
        }
    }
}

/// One value of a key.
public struct RegFileValue: Sendable, Hashable {
    /// The value name; empty for the default value (`@`).
    public var name: String
    public var type: RegFileValueType
    /// The data as text (strings as they are, numbers in decimal, binary as hex bytes).
    public var data: String
    public var range: SourceRange
}

/// A `[-HIVE\key]` line (the key and its subkeys are deleted) or a `"name"=-` line (a value is deleted).
public struct RegDeletion: Sendable, Hashable {
    /// The key, hive spelled out.
    public var keyPath: String
    /// The deleted value's name (`""` for `@=-`), or nil when the whole key is deleted.
    public var valueName: String?
    /// How many of ``RegFile/keys`` come before this line: applying the file in order means
    /// setting those keys, then this deletion.
    public var keysBefore: Int
    public var range: SourceRange
}

/// One `[HIVE\key]` section.
public struct RegFileKey: Sendable, Hashable {
    /// The full path with the hive spelled out (`HKEY_LOCAL_MACHINE\SOFTWARE\Contoso`).
    public var path: String
    public var values: [RegFileValue]
    public var range: SourceRange

    public var hive: String { String(path.split(separator: "\\", maxSplits: 1).first ?? "") }
    public var keyPath: String {
        let parts = path.split(separator: "\\", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : ""
    }
}

/// A parsed `.reg` export (REGEDIT4, or "Windows Registry Editor Version 5.00" in UTF-16LE).
public struct RegFile: Sendable {
    public var source: SourceFile
    /// `4` for REGEDIT4, `5` for version 5.00.
    public var version: Int
    public var keys: [RegFileKey]
    /// `[-KEY]` and `"name"=-` lines, in file order.
    public var deletions: [RegDeletion]
    public var diagnostics: [Diagnostic]

    /// The key at `path` (case-insensitive; `HKLM\…` abbreviations accepted).
    public func key(_ path: String) -> RegFileKey? {
        let wanted = RegFile.normalizeKeyPath(path).lowercased()
        return keys.first { $0.path.lowercased() == wanted }
    }

    /// The keys directly below `path`.
    public func subkeys(of path: String) -> [RegFileKey] {
        let prefix = RegFile.normalizeKeyPath(path).lowercased() + "\\"
        return keys.filter {
            let p = $0.path.lowercased()
            return p.hasPrefix(prefix) && !p.dropFirst(prefix.count).contains("\\")
        }
    }

    /// Spells out hive abbreviations and trims separators.
    public static func normalizeKeyPath(_ path: String) -> String {
        var parts = path.split(separator: "\\", omittingEmptySubsequences: true).map(String.init)
        guard let first = parts.first else { return "" }
        let hives = ["HKLM": "HKEY_LOCAL_MACHINE", "HKCU": "HKEY_CURRENT_USER", "HKCR": "HKEY_CLASSES_ROOT",
                     "HKU": "HKEY_USERS", "HKCC": "HKEY_CURRENT_CONFIG"]
        parts[0] = hives[first.uppercased()] ?? first.uppercased()
        return parts.joined(separator: "\\")
    }

    /// Parses a decoded `.reg` file. Never fails: problems become diagnostics (`MOF41xx`).
    public init(source: SourceFile) {
        self.source = source
        version = 0
        keys = []
        deletions = []
        diagnostics = []
        parse()
    }

    mutating func report(_ code: DiagnosticCode, _ severity: Severity, _ message: String, _ range: SourceRange) {
        diagnostics.append(Diagnostic(code: code, severity: severity, message: message, range: range))
    }

    private mutating func parse() {
        // Logical lines: a line ending in `\` continues on the next (hex data).
        var logical: [(text: String, range: SourceRange)] = []
        var pending = ""
        var pendingLine = 0
        for line in 1...max(1, source.lineCount) {
            let text = source.lineText(line)
            if pending.isEmpty { pendingLine = line }
            let piece = pending.isEmpty ? text : text.trimmingLeadingSpaces
            let candidate = pending + piece
            // Only hex data continues on the next line (`hex:01,02,\`).
            if candidate.hasSuffix("\\") && candidate.lowercased().contains("=hex") {
                pending = String(candidate.dropLast())
                continue
            }
            pending = candidate
            let start = source.textOffset(ofLine: pendingLine)
            logical.append((pending, source.range(start, start + source.lineBytes(pendingLine).count)))
            pending = ""
        }
        var current: RegFileKey?
        var sawHeader = false
        var deletedKeySection = false
        for (text, range) in logical {
            let trimmed = text.trimmingLeadingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix(";") { continue }
            if !sawHeader {
                sawHeader = true
                if trimmed == "REGEDIT4" { version = 4; continue }
                if trimmed.hasPrefix("Windows Registry Editor Version 5.00") { version = 5; continue }
                report(RegCode.badHeader, .error, "a .reg export starts with \"Windows Registry Editor Version 5.00\" or \"REGEDIT4\"", range)
                version = 5
            }
            if trimmed.hasPrefix("[") {
                if let current { keys.append(current) }
                current = nil
                guard let close = trimmed.lastIndex(of: "]") else {
                    report(RegCode.malformedLine, .error, "key line without a closing ]", range)
                    continue
                }
                let path = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
                if path.hasPrefix("-") {
                    deletions.append(RegDeletion(keyPath: RegFile.normalizeKeyPath(String(path.dropFirst())), valueName: nil,
                                                 keysBefore: keys.count, range: range))
                    deletedKeySection = true
                    continue
                }
                deletedKeySection = false
                current = RegFileKey(path: RegFile.normalizeKeyPath(path), values: [], range: range)
                continue
            }
            guard let currentPath = current?.path else {
                if deletedKeySection { continue }  // values under [-KEY] go with the key
                report(RegCode.valueOutsideKey, .error, "value line before any [key] line", range)
                continue
            }
            if let value = parseValue(trimmed, keyPath: currentPath, range: range) { current?.values.append(value) }
        }
        if let current { keys.append(current) }
    }

    private mutating func parseValue(_ line: String, keyPath: String, range: SourceRange) -> RegFileValue? {
        var scalars = Substring(line)
        var name: String
        if scalars.hasPrefix("@") {
            name = ""
            scalars = scalars.dropFirst()
        } else if scalars.hasPrefix("\"") {
            guard let (decoded, rest) = RegFile.quoted(scalars) else {
                report(RegCode.malformedLine, .error, "unterminated value name", range)
                return nil
            }
            name = decoded
            scalars = rest
        } else {
            report(RegCode.malformedLine, .error, "a value line starts with \"Name\" or @", range)
            return nil
        }
        guard scalars.hasPrefix("=") else {
            report(RegCode.malformedLine, .error, "expected = after the value name", range)
            return nil
        }
        scalars = scalars.dropFirst()
        if scalars.trimming(" \t") == "-" {
            // Applies after the current key's section, which is appended when the section ends.
            deletions.append(RegDeletion(keyPath: keyPath, valueName: name, keysBefore: keys.count + 1, range: range))
            return nil
        }
        if scalars.hasPrefix("\"") {
            guard let (data, _) = RegFile.quoted(scalars) else {
                report(RegCode.malformedLine, .error, "unterminated string data", range)
                return nil
            }
            return RegFileValue(name: name, type: .string, data: data, range: range)
        }
        let lower = scalars.lowercased()
        if lower.hasPrefix("dword:") {
            guard let n = UInt32(lower.dropFirst(6), radix: 16) else {
                report(RegCode.badData, .error, "dword data must be 8 hex digits", range)
                return nil
            }
            return RegFileValue(name: name, type: .dword, data: String(n), range: range)
        }
        guard lower.hasPrefix("hex") else {
            report(RegCode.malformedLine, .error, "unknown value data \"\(scalars.prefix(20))\"", range)
            return nil
        }
        var typeNumber = 3
        var rest = lower.dropFirst(3)
        if rest.hasPrefix("(") {
            guard let close = rest.firstIndex(of: ")"), let n = Int(rest[rest.index(after: rest.startIndex)..<close], radix: 16) else {
                report(RegCode.badData, .error, "malformed hex(n) type", range)
                return nil
            }
            typeNumber = n
            rest = rest[rest.index(after: close)...]
        }
        guard rest.hasPrefix(":") else {
            report(RegCode.badData, .error, "expected : after hex", range)
            return nil
        }
        var bytes: [UInt8] = []
        for piece in rest.dropFirst().split(separator: ",") {
            let t = piece.trimming(" \t")
            if t.isEmpty { continue }
            guard let b = UInt8(t, radix: 16) else {
                report(RegCode.badData, .error, "\"\(t)\" is not a hex byte", range)
                return nil
            }
            bytes.append(b)
        }
        let utf16 = version != 4
        switch typeNumber {
        case 1, 2:
            let text = RegFile.decodeString(bytes, utf16: utf16)
            return RegFileValue(name: name, type: typeNumber == 1 ? .string : .expandString, data: text, range: range)
        case 7:
            let text = RegFile.decodeString(bytes, utf16: utf16, keepSeparators: true)
            let items = text.split(separator: "\0", omittingEmptySubsequences: true).map(String.init)
            return RegFileValue(name: name, type: .multiString, data: items.joined(separator: "\n"), range: range)
        case 4, 5:
            guard bytes.count == 4 else {
                report(RegCode.badData, .error, "a dword holds 4 bytes, not \(bytes.count)", range)
                return nil
            }
            let ordered = typeNumber == 4 ? bytes.reversed() : bytes
            let n = ordered.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            return RegFileValue(name: name, type: typeNumber == 4 ? .dword : .dwordBigEndian, data: String(n), range: range)
        case 11:
            guard bytes.count == 8 else {
                report(RegCode.badData, .error, "a qword holds 8 bytes, not \(bytes.count)", range)
                return nil
            }
            let n = bytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            return RegFileValue(name: name, type: .qword, data: String(n), range: range)
        case 3:
            return RegFileValue(name: name, type: .binary, data: RegFile.hexText(bytes), range: range)
        case 0:
            return RegFileValue(name: name, type: .none, data: RegFile.hexText(bytes), range: range)
        default:
            return RegFileValue(name: name, type: .other, data: RegFile.hexText(bytes), range: range)
        }
    }

    static func hexText(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: ",")
    }

    /// A `"…"` token with `\\` and `\"` escapes; returns the text and what follows.
    static func quoted(_ s: Substring) -> (String, Substring)? {
        var out = ""
        var index = s.index(after: s.startIndex)
        var escaped = false
        while index < s.endIndex {
            let c = s[index]
            if escaped {
                out.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                return (out, s[s.index(after: index)...])
            } else {
                out.append(c)
            }
            index = s.index(after: index)
        }
        return nil
    }

    /// hex(2)/hex(7) data: UTF-16LE in version 5 files, ANSI (taken as Latin-1) in REGEDIT4.
    static func decodeString(_ bytes: [UInt8], utf16: Bool, keepSeparators: Bool = false) -> String {
        var scalars = String.UnicodeScalarView()
        if utf16 {
            var units: [UInt16] = []
            var i = 0
            while i + 1 < bytes.count {
                units.append(UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8)
                i += 2
            }
            for result in UTF16.decode(units) { scalars.append(result) }
        } else {
            for b in bytes { scalars.append(Unicode.Scalar(b)) }
        }
        var text = String(scalars)
        if !keepSeparators {
            while text.hasSuffix("\0") { text.removeLast() }
        }
        return text
    }
}

extension UTF16 {
    /// Decodes code units, replacing lone surrogates.
    static func decode(_ units: [UInt16]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        var iterator = units.makeIterator()
        var decoder = UTF16()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): out.append(s)
            case .emptyInput: return out
            case .error: out.append("\u{FFFD}")
            }
        }
    }
}

extension StringProtocol {
    var trimmingLeadingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" })
    }

    func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

/// Codes of the `.reg` reader and the generator (`MOF41xx`).
public enum RegCode: DiagnosticCodeSet {
    /// `MOF4101`: not a .reg export.
    public static let badHeader: DiagnosticCode = "MOF4101"
    /// `MOF4102`: malformed .reg line.
    public static let malformedLine: DiagnosticCode = "MOF4102"
    /// `MOF4103`: value before any key.
    public static let valueOutsideKey: DiagnosticCode = "MOF4103"
    /// `MOF4104`: malformed value data.
    public static let badData: DiagnosticCode = "MOF4104"
    /// `MOF4105`: key not in the export.
    public static let keyNotFound: DiagnosticCode = "MOF4105"
    /// `MOF4106`: invalid class name.
    public static let badClassName: DiagnosticCode = "MOF4106"
}

extension RegCode {
    /// `mofkit explain` texts of the `.reg` reader and generator codes.
    public static let descriptors: [DiagnosticDescriptor] = [
        DiagnosticDescriptor(
            code: badHeader, title: "not a .reg export", defaultSeverity: .error,
            explanation: "A registry export starts with the line \"Windows Registry Editor Version 5.00\" (regedit, UTF-16LE) or \"REGEDIT4\" (ANSI). The file is read as version 5.",
            wrongExample: "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]",
            rightExample: "Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]"),
        DiagnosticDescriptor(
            code: malformedLine, title: "malformed .reg line", defaultSeverity: .error,
            explanation: "A line is neither a [key], a \"Name\"=data / @=data value, a comment (;) nor blank. The line is skipped.",
            wrongExample: "Version=\"1.0\"",
            rightExample: "\"Version\"=\"1.0\""),
        DiagnosticDescriptor(
            code: valueOutsideKey, title: "value before any key", defaultSeverity: .error,
            explanation: "A value line appears before the first [key] line, so it belongs to no key. It is skipped.",
            wrongExample: "Windows Registry Editor Version 5.00\n\"Version\"=\"1.0\"",
            rightExample: "Windows Registry Editor Version 5.00\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]\n\"Version\"=\"1.0\""),
        DiagnosticDescriptor(
            code: badData, title: "malformed value data", defaultSeverity: .error,
            explanation: "dword: data must be 8 hex digits; hex(n): data comma-separated hex bytes (4 for hex(4), 8 for hex(b)).",
            wrongExample: "\"Count\"=dword:1g",
            rightExample: "\"Count\"=dword:0000001f"),
        DiagnosticDescriptor(
            code: keyNotFound, title: "key not in the export", defaultSeverity: .error,
            explanation: "mofkit gen from-reg --key names a key (or, for RegProv, a parent of subkeys) that the export does not contain. Export the key itself (regedit: right-click the key, Export).",
            wrongExample: "mofkit gen from-reg app.reg --key HKLM\\SOFTWARE\\Contso …",
            rightExample: "mofkit gen from-reg app.reg --key HKLM\\SOFTWARE\\Contoso …"),
        DiagnosticDescriptor(
            code: badClassName, title: "invalid class name", defaultSeverity: .error,
            explanation: "--class must be a MOF identifier: ASCII letters, digits and _, not starting with a digit. Vendor-prefixed names (Contoso_App) avoid clashes.",
            wrongExample: "--class \"Contoso App\"",
            rightExample: "--class Contoso_App"),
    ]
}
