import MofkitSource
import RegistryExport

/// A registry value's data, typed.
public enum RegistryData: Sendable, Hashable {
    /// `REG_SZ`.
    case string(String)
    /// `REG_EXPAND_SZ`, unexpanded.
    case expandString(String)
    /// `REG_MULTI_SZ`.
    case multiString([String])
    /// `REG_DWORD`.
    case dword(UInt32)
    /// `REG_QWORD`.
    case qword(UInt64)
    /// `REG_BINARY`.
    case binary([UInt8])
    /// `REG_NONE` and any other type, as bytes.
    case none([UInt8])

    /// The `REG_*` type name.
    public var typeName: String {
        switch self {
        case .string: return "REG_SZ"
        case .expandString: return "REG_EXPAND_SZ"
        case .multiString: return "REG_MULTI_SZ"
        case .dword: return "REG_DWORD"
        case .qword: return "REG_QWORD"
        case .binary: return "REG_BINARY"
        case .none: return "REG_NONE"
        }
    }

    /// Every type name the snapshot format accepts.
    public static let typeNames = ["REG_SZ", "REG_EXPAND_SZ", "REG_MULTI_SZ", "REG_DWORD", "REG_QWORD", "REG_BINARY", "REG_NONE"]

    /// The text of a string value (REG_SZ, REG_EXPAND_SZ, unexpanded), else nil.
    public var stringValue: String? {
        switch self {
        case .string(let s), .expandString(let s): return s
        default: return nil
        }
    }

    /// The number of a DWORD or QWORD value, else nil.
    public var integerValue: UInt64? {
        switch self {
        case .dword(let n): return UInt64(n)
        case .qword(let n): return n
        default: return nil
        }
    }

    /// Lower-case hex of bytes, no separators.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return out
    }

    /// Bytes of a hex string (`01ab`, `01,ab` or `01 ab`), nil when malformed.
    static func bytes(hex: String) -> [UInt8]? {
        var out: [UInt8] = []
        var high: UInt8?
        for scalar in hex.unicodeScalars {
            if scalar == "," || scalar == " " {
                if high != nil { return nil }
                continue
            }
            guard let digit = UInt8(String(scalar), radix: 16) else { return nil }
            if let h = high {
                out.append(h << 4 | digit)
                high = nil
            } else {
                high = digit
            }
        }
        return high == nil ? out : nil
    }
}

/// A named value of a key.
public struct MachineRegistryValue: Sendable, Hashable {
    /// The value name; `""` is the default value (`@` in `.reg` files).
    public var name: String
    /// The typed data.
    public var data: RegistryData

    /// A value.
    public init(name: String, data: RegistryData) {
        self.name = name
        self.data = data
    }
}

/// A key with its values. Paths are physical: a 32-bit view key on 64-bit Windows is stored
/// under `Wow6432Node`, as the registry itself stores it.
public struct MachineRegistryKey: Sendable, Hashable {
    /// The physical path with the hive spelled out: `HKEY_LOCAL_MACHINE\SOFTWARE\Contoso`.
    public var path: String
    /// The values, in source order.
    public var values: [MachineRegistryValue]

    /// A key with its values.
    public init(path: String, values: [MachineRegistryValue] = []) {
        self.path = path
        self.values = values
    }

    /// The value named `name` (case-insensitive; `""` = default value).
    public func value(named name: String) -> RegistryData? {
        let wanted = name.lowercased()
        return values.first { $0.name.lowercased() == wanted }?.data
    }

    /// Sets (adds or replaces) a value.
    public mutating func setValue(_ name: String, _ data: RegistryData) {
        let wanted = name.lowercased()
        if let index = values.firstIndex(where: { $0.name.lowercased() == wanted }) {
            values[index].data = data
        } else {
            values.append(MachineRegistryValue(name: name, data: data))
        }
    }

    /// Removes a value; true when it was there.
    @discardableResult
    public mutating func removeValue(_ name: String) -> Bool {
        let wanted = name.lowercased()
        let before = values.count
        values.removeAll { $0.name.lowercased() == wanted }
        return values.count != before
    }
}

/// The registry of a machine: keys by physical path, case-insensitive, with the key tree for
/// subkey enumeration. Adding a key adds its missing parents (with no values), as in a real registry.
public struct MachineRegistry: Sendable, Hashable {
    /// Keys in the order first added.
    public private(set) var keys: [MachineRegistryKey] = []
    private var indexByPath: [String: Int] = [:]
    private var childrenByPath: [String: [String]] = [:]

    /// An empty registry.
    public init() {}

    /// Whether the registry has no keys.
    public var isEmpty: Bool { keys.isEmpty }

    var containsWow6432Node: Bool {
        indexByPath.keys.contains { $0.hasSuffix("\\wow6432node") }
    }

    /// `HKLM\x` → `HKEY_LOCAL_MACHINE\x`; trims separators; hive in upper case (as
    /// `RegFile.normalizeKeyPath`, with a fast path for paths already in that form).
    public static func normalizePath(_ path: String) -> String {
        if isNormalized(path) { return path }
        // Common case: an abbreviated hive before an otherwise clean path (`HKLM\SOFTWARE\X`).
        if let cut = path.utf8.firstIndex(of: UInt8(ascii: "\\")), let rest = String(path.utf8[cut...]),
           let long = hiveAbbreviations[String(path.utf8[..<cut]) ?? ""] {
            let candidate = long + rest
            if isNormalized(candidate) { return candidate }
        }
        return RegFile.normalizeKeyPath(path)
    }

    static let hiveAbbreviations = ["HKLM": "HKEY_LOCAL_MACHINE", "HKCU": "HKEY_CURRENT_USER", "HKCR": "HKEY_CLASSES_ROOT",
                                    "HKU": "HKEY_USERS", "HKCC": "HKEY_CURRENT_CONFIG"]

    /// A long upper-case hive name, single separators, none at either end.
    static func isNormalized(_ path: String) -> Bool {
        var utf8 = path.utf8.makeIterator()
        var hiveLength = 0
        var previousWasSeparator = false
        var inHive = true
        var sawAny = false
        while let b = utf8.next() {
            sawAny = true
            if b == UInt8(ascii: "\\") {
                if previousWasSeparator || !sawAnyBefore(hiveLength, inHive) { return false }
                previousWasSeparator = true
                inHive = false
                continue
            }
            previousWasSeparator = false
            if inHive {
                // Hive names are upper-case ASCII letters and _.
                guard (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || b == UInt8(ascii: "_") else { return false }
                hiveLength += 1
            }
        }
        guard sawAny, !previousWasSeparator else { return false }
        let hive = path.utf8.prefix(hiveLength)
        return hiveLength > 5 && hive.starts(with: "HKEY_".utf8) && RegistryHive.names.contains(String(decoding: hive, as: UTF8.self))
    }

    private static func sawAnyBefore(_ hiveLength: Int, _ inHive: Bool) -> Bool { !inHive || hiveLength > 0 }

    /// The physical path a view's path maps to. On 64-bit Windows the 32-bit view of
    /// `HKLM\SOFTWARE\…` is `HKLM\SOFTWARE\Wow6432Node\…` and of `HKCR\…` is `HKCR\Wow6432Node\…`
    /// (HKCU\Software\Classes likewise); every other key is shared by both views.
    public static func physicalPath(_ path: String, view: RegistryView, wow64: Bool) -> String {
        let normalized = normalizePath(path)
        guard view == .bits32, wow64 else { return normalized }
        var parts = normalized.split(separator: "\\").map(String.init)
        let redirectAfter: Int
        if parts.count >= 2, parts[0] == "HKEY_LOCAL_MACHINE", parts[1].lowercased() == "software" {
            redirectAfter = 2
        } else if parts.count >= 1, parts[0] == "HKEY_CLASSES_ROOT" {
            redirectAfter = 1
        } else if parts.count >= 3, parts[0] == "HKEY_CURRENT_USER", parts[1].lowercased() == "software", parts[2].lowercased() == "classes" {
            redirectAfter = 3
        } else {
            return normalized
        }
        if parts.count > redirectAfter, parts[redirectAfter].lowercased() == "wow6432node" { return normalized }
        parts.insert("Wow6432Node", at: redirectAfter)
        return parts.joined(separator: "\\")
    }

    /// The key at a physical path.
    public func key(physicalPath path: String) -> MachineRegistryKey? {
        key(lowercasedPhysicalPath: Self.normalizePath(path).lowercased())
    }

    func key(lowercasedPhysicalPath path: String) -> MachineRegistryKey? {
        indexByPath[path].map { keys[$0] }
    }

    /// The key at `path` as seen through `view`.
    public func key(_ path: String, view: RegistryView = .native, wow64: Bool = true) -> MachineRegistryKey? {
        key(physicalPath: Self.physicalPath(path, view: view, wow64: wow64))
    }

    /// The direct subkey names of `path` as seen through `view`. The 64-bit view of
    /// `HKLM\SOFTWARE` does not list `Wow6432Node`, as RegEnumKeyEx does not.
    public func subkeyNames(of path: String, view: RegistryView = .native, wow64: Bool = true) -> [String] {
        let physical = Self.physicalPath(path, view: view, wow64: wow64)
        let names = childrenByPath[physical.lowercased()] ?? []
        if view == .bits32 && wow64 { return names }
        return names.filter { $0.lowercased() != "wow6432node" || !wow64 }
    }

    /// Adds the key (and missing parents) if absent; returns its index.
    @discardableResult
    public mutating func addKey(physicalPath path: String) -> Int {
        let normalized = Self.normalizePath(path)
        return addNormalizedKey(normalized, lowercased: normalized.lowercased())
    }

    /// Adds a key whose path is already normalized; parents are cut from the same strings.
    private mutating func addNormalizedKey(_ normalized: String, lowercased lower: String) -> Int {
        if let index = indexByPath[lower] { return index }
        if let cut = normalized.utf8.lastIndex(of: UInt8(ascii: "\\")) {
            let offset = normalized.utf8.distance(from: normalized.utf8.startIndex, to: cut)
            let parent = String(normalized.utf8.prefix(offset)) ?? ""
            // Lower-casing keeps byte offsets only for ASCII text.
            let parentLower = lower.utf8.count == normalized.utf8.count && normalized.utf8.allSatisfy({ $0 < 0x80 })
                ? String(lower.utf8.prefix(offset)) ?? "" : parent.lowercased()
            _ = addNormalizedKey(parent, lowercased: parentLower)
            childrenByPath[parentLower, default: []].append(String(normalized.utf8.dropFirst(offset + 1)) ?? "")
        }
        keys.append(MachineRegistryKey(path: normalized))
        indexByPath[lower] = keys.count - 1
        return keys.count - 1
    }

    /// Sets a value, creating the key.
    public mutating func setValue(physicalPath path: String, name: String, data: RegistryData) {
        let index = addKey(physicalPath: path)
        keys[index].setValue(name, data)
    }

    /// Sets a value of a view's key, creating the key.
    public mutating func setValue(_ path: String, view: RegistryView, wow64: Bool, name: String, data: RegistryData) {
        setValue(physicalPath: Self.physicalPath(path, view: view, wow64: wow64), name: name, data: data)
    }

    /// Removes a value; true when it existed.
    @discardableResult
    public mutating func removeValue(physicalPath path: String, name: String) -> Bool {
        guard let index = indexByPath[Self.normalizePath(path).lowercased()] else { return false }
        return keys[index].removeValue(name)
    }

    /// Removes a key with all its subkeys (`[-KEY]` in a `.reg` file); true when it existed.
    @discardableResult
    public mutating func removeKey(physicalPath path: String) -> Bool {
        let normalized = Self.normalizePath(path)
        let lower = normalized.lowercased()
        guard indexByPath[lower] != nil else { return false }
        let prefix = lower + "\\"
        let kept = keys.filter {
            let p = $0.path.lowercased()
            return p != lower && !p.hasPrefix(prefix)
        }
        self = MachineRegistry()
        for key in kept {
            let index = addKey(physicalPath: key.path)
            keys[index].values = key.values
        }
        return true
    }

    /// Adds every key and value of `other`; values of `other` win.
    public mutating func merge(_ other: MachineRegistry) {
        if keys.isEmpty {
            self = other
            return
        }
        for key in other.keys {
            let index = addKey(physicalPath: key.path)
            for value in key.values { keys[index].setValue(value.name, value.data) }
        }
    }

    public static func == (a: MachineRegistry, b: MachineRegistry) -> Bool { a.keys == b.keys }
    public func hash(into hasher: inout Hasher) { hasher.combine(keys) }
}
