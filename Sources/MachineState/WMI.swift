import MofkitSource

/// A WMI property value as a snapshot holds it.
public indirect enum WMIValue: Sendable, Hashable {
    /// A string.
    case string(String)
    /// An integer that fits `Int64`.
    case integer(Int64)
    /// An integer above `Int64.max` (uint64 properties).
    case unsignedInteger(UInt64)
    /// A real number.
    case real(Double)
    /// A boolean.
    case boolean(Bool)
    /// An array, element by element.
    case array([WMIValue])
    /// NULL: the property exists without a value.
    case null

    /// The text of a string value, else nil.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// An integer value, or a string holding a decimal integer (WMI gives uint64 and many
    /// counters as strings); nil otherwise.
    public var integerValue: Int64? {
        switch self {
        case .integer(let n): return n
        case .unsignedInteger(let n): return Int64(exactly: n)
        case .string(let s): return Int64(s.trimmingCharacters(" "))
        case .boolean(let b): return b ? 1 : 0
        default: return nil
        }
    }
}

/// One WMI instance: namespace, class and property values.
public struct WMIInstance: Sendable, Hashable {
    /// `root\cimv2` (normalized: no `\\.\` prefix, single backslashes).
    public var namespace: String
    /// The class name.
    public var className: String
    /// Property values in source order; names are unique case-insensitively.
    public var properties: [(name: String, value: WMIValue)]
    /// Where the instance was read, when it came from a file. Line and column are worked out when
    /// this is read (a diagnostic needs them), not when the instance is read: a fleet of one-line
    /// JSON snapshots would otherwise pay a scan of the line for every instance.
    public var origin: SourceRange? {
        get { place?.resolved }
        set { place = newValue.map(SourcePlace.resolved) }
    }

    private var place: SourcePlace?

    /// An instance with its property values.
    public init(namespace: String, className: String, properties: [(name: String, value: WMIValue)] = [], origin: SourceRange? = nil) {
        self.namespace = WMIInstance.normalizeNamespace(namespace)
        self.className = className
        self.properties = properties
        self.place = origin.map(SourcePlace.resolved)
    }

    /// An instance read from `source` between two UTF-8 text offsets; `namespace` is normalized.
    init(normalizedNamespace namespace: String, className: String, properties: [(name: String, value: WMIValue)], source: SourceFile, start: Int, end: Int) {
        self.namespace = namespace
        self.className = className
        self.properties = properties
        self.place = .offsets(source, start, end)
    }

    /// The value of a property (case-insensitive), nil when the instance does not have it.
    public subscript(property: String) -> WMIValue? {
        let wanted = property.lowercased()
        return properties.first { $0.name.lowercased() == wanted }?.value
    }

    /// `\\.\root\cimv2`, `//./root/cimv2`, `ROOT\CIMV2` → `root\cimv2` (case kept except the `root` prefix).
    public static func normalizeNamespace(_ namespace: String) -> String {
        var parts = namespace.split(whereSeparator: { $0 == "\\" || $0 == "/" }).map(String.init)
        if let first = parts.first, first == "." || first.lowercased() == "localhost" { parts.removeFirst() }
        if let first = parts.first, first.lowercased() == "root" { parts[0] = "root" }
        return parts.joined(separator: "\\")
    }

    public static func == (a: WMIInstance, b: WMIInstance) -> Bool {
        a.namespace == b.namespace && a.className == b.className && a.properties.count == b.properties.count
            && zip(a.properties, b.properties).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(namespace)
        hasher.combine(className)
        for p in properties {
            hasher.combine(p.name)
            hasher.combine(p.value)
        }
    }
}

/// A place in a source file: resolved, or byte offsets resolved to line and column on demand.
enum SourcePlace: Sendable {
    case resolved(SourceRange)
    case offsets(SourceFile, Int, Int)

    var resolved: SourceRange {
        switch self {
        case .resolved(let range): return range
        case .offsets(let source, let start, let end): return source.range(start, end)
        }
    }
}
