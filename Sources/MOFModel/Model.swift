import MofkitSource

/// A WMI namespace path such as `root\cimv2\sms`, compared case-insensitively.
public struct NamespacePath: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// The components as written (`root`, `cimv2`, `SMS`).
    public var components: [String] {
        didSet { key = Self.key(of: components) }
    }

    /// Lowercased, for lookups (computed once: every class lookup and hash uses it).
    public private(set) var key: String

    /// A path from its components.
    public init(components: [String]) {
        self.components = components
        self.key = Self.key(of: components)
    }

    static func key(of components: [String]) -> String { components.joined(separator: "\\").lowercased() }

    /// Parses `\\.\root\cimv2`, `\\server\root`, `//./root/cimv2` or `root\cimv2` (the server part is
    /// dropped). Returns `nil` for an empty or malformed path.
    public init?(_ text: String) {
        var rest = Substring(text)
        if rest.hasPrefix("\\\\") || rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            guard let separator = rest.firstIndex(where: { $0 == "\\" || $0 == "/" }) else { return nil }
            rest = rest[rest.index(after: separator)...]
        } else if rest.hasPrefix("\\") || rest.hasPrefix("/") {
            rest = rest.dropFirst()  // `\root\cimv2`: absolute on the local machine
        }
        let parts = rest.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\\" || $0 == "/" })
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        components = parts.map(String.init)
        key = Self.key(of: components)
    }

    /// `root\default`, where mofcomp puts classes when no namespace pragma was seen.
    public static let rootDefault = NamespacePath(components: ["root", "default"])
    /// `root\cimv2`, where inventory data classes live.
    public static let rootCIMv2 = NamespacePath(components: ["root", "cimv2"])
    /// `root\cimv2\sms`, where reporting classes live.
    public static let rootCIMv2SMS = NamespacePath(components: ["root", "cimv2", "sms"])

    public var description: String { components.joined(separator: "\\") }


    public static func == (a: NamespacePath, b: NamespacePath) -> Bool { a.key == b.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
    public static func < (a: NamespacePath, b: NamespacePath) -> Bool { a.key < b.key }

    /// This path with `relative` appended (relative namespace pragmas).
    public func appending(_ relative: NamespacePath) -> NamespacePath {
        NamespacePath(components: components + relative.components)
    }
}

/// Where a model element comes from.
public enum ElementOrigin: Sendable, Hashable {
    /// The bundled client context.
    case bundled
    /// A `--schema` file.
    case schema
    /// The files being checked.
    case compilation
}

/// A qualifier declaration (`Qualifier Key : boolean = false, Scope(property), Flavor(...)`).
public struct QualifierDeclaration: Sendable {
    /// The qualifier name as declared.
    public var name: String
    /// `nil` for typeless WMI declarations: any value is accepted.
    public var type: MOFDataType?
    /// The value a use without a value gets, if declared.
    public var defaultValue: ModelValue?
    /// Where the qualifier may be used.
    public var scopes: Set<QualifierScope>
    /// The declared flavors, DSP0004 defaults where none is given.
    public var flavors: QualifierFlavors
    /// Whether the declaration is bundled, from `--schema`, or compiled.
    public var origin: ElementOrigin
    var span: ModelSpan?
    /// Where the declaration is; `nil` for bundled declarations.
    public var range: SourceRange? {
        get { span.range }
        set { span = newValue.map(ModelSpan.init) }
    }

    /// A declaration with every part given.
    public init(
        name: String, type: MOFDataType?, defaultValue: ModelValue? = nil, scopes: Set<QualifierScope>,
        flavors: QualifierFlavors = QualifierFlavors(), origin: ElementOrigin, range: SourceRange? = nil
    ) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.scopes = scopes
        self.flavors = flavors
        self.origin = origin
        self.span = range.map(ModelSpan.init)
    }
}

/// A qualifier attached to an element, with its resolved flavors.
public struct Qualifier: Sendable {
    /// The qualifier name as written.
    public var name: String
    /// `nil` when written without a value (`[Key]` means `Key(TRUE)` for boolean qualifiers).
    public var value: ModelValue?
    /// The flavors in effect: written ones on top of the declaration's.
    public var flavors: QualifierFlavors
    var span: ModelSpan
    /// Where the qualifier is written.
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }
    /// The class the qualifier was written on, when it is inherited.
    public var inheritedFrom: String?

    /// A qualifier with its value and resolved flavors.
    public init(name: String, value: ModelValue?, flavors: QualifierFlavors, range: SourceRange, inheritedFrom: String? = nil) {
        self.init(name: name, value: value, flavors: flavors, span: ModelSpan(range), inheritedFrom: inheritedFrom)
    }

    init(name: String, value: ModelValue?, flavors: QualifierFlavors, span: ModelSpan, inheritedFrom: String? = nil) {
        self.name = name
        self.value = value
        self.flavors = flavors
        self.span = span
        self.inheritedFrom = inheritedFrom
    }

    /// The effective boolean: no value means TRUE; a boolean value means itself.
    public var isTrue: Bool {
        guard let value else { return true }
        return value.booleanValue ?? false
    }
}

/// Case-insensitive qualifier lookup over a list.
extension Array where Element == Qualifier {
    public func first(named name: String) -> Qualifier? {
        firstIndex(named: name).map { self[$0] }
    }

    /// The index of the qualifier called `name` (case-insensitive). Compares names in place: a
    /// search that copied each qualifier it passed would retain its name, value and span.
    func firstIndex(named name: String) -> Int? {
        var index = startIndex
        while index < endIndex {
            if self[index].name.equalsIgnoringCase(name) { return index }
            index += 1
        }
        return nil
    }

    /// Whether a boolean qualifier is present and TRUE (`[Key]`, `Key(TRUE)`).
    public func isSet(_ name: String) -> Bool { firstIndex(named: name).map { self[$0].isTrue } ?? false }

    public func string(_ name: String) -> String? { firstIndex(named: name).flatMap { self[$0].value?.stringValue } }

    /// Whether a qualifier called `name` is present.
    func contains(named name: String) -> Bool { firstIndex(named: name) != nil }
}

/// A property of a class.
public struct PropertyDefinition: Sendable {
    /// The property name as declared.
    public var name: String
    /// The declared type.
    public var type: MOFDataType
    /// The qualifiers written on this declaration.
    public var qualifiers: [Qualifier]
    /// Written plus inherited qualifiers after flavor propagation.
    public var effectiveQualifiers: [Qualifier]
    /// The default value after `=`, if any.
    public var defaultValue: ModelValue?
    var span: ModelSpan
    /// The whole declaration.
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }
    var nameSpan: ModelSpan
    /// The property name.
    public var nameRange: SourceRange {
        get { nameSpan.range }
        set { nameSpan = ModelSpan(newValue) }
    }
    /// The class that declares it.
    public var classOrigin: String

    /// Whether the property is a key (`[Key]`, written or inherited).
    public var isKey: Bool { effectiveQualifiers.isSet("key") }
}

/// A method parameter.
public struct ParameterDefinition: Sendable {
    /// The parameter name.
    public var name: String
    /// The declared type.
    public var type: MOFDataType
    /// The qualifiers written on the parameter (`In`, `Out`, `ID` …).
    public var qualifiers: [Qualifier]
    var span: ModelSpan
    /// The whole parameter.
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }
}

/// A method of a class.
public struct MethodDefinition: Sendable {
    /// The method name.
    public var name: String
    /// The return type.
    public var returnType: MOFDataType
    /// The qualifiers written on the method.
    public var qualifiers: [Qualifier]
    /// The parameters, in order.
    public var parameters: [ParameterDefinition]
    var span: ModelSpan
    /// The whole declaration.
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }
}

/// A class, after resolution against its superclass chain.
public struct ClassDefinition: Sendable {
    /// The class name as declared.
    public var name: String
    /// The namespace the class was compiled into.
    public var namespace: NamespacePath
    /// The direct superclass, if any.
    public var superclass: String?
    var superclassSpan: ModelSpan?
    /// Where the superclass is named.
    public var superclassRange: SourceRange? {
        get { superclassSpan.range }
        set { superclassSpan = newValue.map(ModelSpan.init) }
    }
    /// `false` when the superclass chain leads to a class mofkit cannot see.
    public var superclassChainComplete: Bool
    /// The qualifiers written on the class.
    public var qualifiers: [Qualifier]
    /// Written qualifiers plus those the superclasses pass down (ToSubclass).
    public var effectiveQualifiers: [Qualifier]
    /// The properties declared here (overrides included).
    public var localProperties: [PropertyDefinition]
    /// Every property, inherited ones first, overrides replacing what they override.
    public var properties: [PropertyDefinition]
    /// The methods declared on this class.
    public var methods: [MethodDefinition]
    var span: ModelSpan
    /// The whole declaration.
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }
    var nameSpan: ModelSpan
    /// The class name.
    public var nameRange: SourceRange {
        get { nameSpan.range }
        set { nameSpan = ModelSpan(newValue) }
    }
    /// Whether the class is bundled, from `--schema`, or compiled.
    public var origin: ElementOrigin
    /// Position in the compilation (for file-order effects).
    public var sequence: Int

    /// The property called `name` (case-insensitive), inherited ones included.
    public func property(named name: String) -> PropertyDefinition? {
        propertyIndex(named: name).map { properties[$0] }
    }

    /// The index in ``properties`` of the property called `name` (case-insensitive).
    func propertyIndex(named name: String) -> Int? {
        var index = 0
        while index < properties.count {
            if properties[index].name.equalsIgnoringCase(name) { return index }
            index += 1
        }
        return nil
    }

    /// The key properties, inherited ones included.
    public var keyProperties: [PropertyDefinition] { properties.filter(\.isKey) }

    /// ``property(named:)`` searching from `cursor` on (wrapping around) and leaving `cursor` after
    /// the property found: a reporting class usually lists its data class's properties in the same
    /// order, so looking up each of them in turn costs one step instead of a search.
    func property(named name: String, cursor: inout Int) -> PropertyDefinition? {
        let count = properties.count
        guard count > 0 else { return nil }
        var index = min(max(cursor, 0), count - 1)
        for _ in 0..<count {
            if properties[index].name.equalsIgnoringCase(name) {
                cursor = index + 1 == count ? 0 : index + 1
                return properties[index]
            }
            index = index + 1 == count ? 0 : index + 1
        }
        return nil
    }
}

/// An instance property value.
public struct PropertyValueAssignment: Sendable {
    /// The property assigned.
    public var name: String
    /// The value; `nil` for a `[DYNPROPS]` value given by a provider.
    public var value: ModelValue?
    /// The qualifiers written on the value.
    public var qualifiers: [Qualifier]
    /// Written qualifiers plus the class property's qualifiers with flavor ToInstance (an own
    /// qualifier overrides an inherited one unless that one is DisableOverride).
    public var effectiveQualifiers: [Qualifier]
    var span: ModelSpan
    /// The whole assignment.
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }
    var nameSpan: ModelSpan
    /// The property name.
    public var nameRange: SourceRange {
        get { nameSpan.range }
        set { nameSpan = ModelSpan(newValue) }
    }
}

/// An `instance of` declaration.
public struct InstanceDefinition: Sendable {
    /// The class instantiated.
    public var className: String
    var classNameSpan: ModelSpan
    /// Where the class is named.
    public var classNameRange: SourceRange {
        get { classNameSpan.range }
        set { classNameSpan = ModelSpan(newValue) }
    }
    /// The namespace the instance was compiled into.
    public var namespace: NamespacePath
    /// The alias after `as $`, if any.
    public var alias: String?
    /// The qualifiers written on the instance.
    public var qualifiers: [Qualifier]
    /// Written qualifiers plus the class's effective qualifiers with flavor ToInstance (its own and
    /// those its superclasses pass down with ToSubclass); an own qualifier overrides an inherited
    /// one unless that one is DisableOverride.
    public var effectiveQualifiers: [Qualifier]
    /// The property values, in order.
    public var values: [PropertyValueAssignment]
    var span: ModelSpan
    /// The whole declaration.
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }
    /// Whether the instance is bundled, from `--schema`, or compiled.
    public var origin: ElementOrigin
    /// Position in the compilation (for file-order effects).
    public var sequence: Int

    /// `[DYNPROPS] instance of …` (written, or given by the class with ToInstance): its values come
    /// from providers at query time.
    public var isDynProps: Bool { effectiveQualifiers.isSet("dynprops") }

    /// The value assigned to `name` (case-insensitive), if any.
    public func value(named name: String) -> PropertyValueAssignment? {
        var index = 0
        while index < values.count {
            if values[index].name.equalsIgnoringCase(name) { return values[index] }
            index += 1
        }
        return nil
    }
}

/// A `#pragma namespace`, `deleteclass`, `classflags` or `instanceflags` with its effect.
public struct PragmaEffect: Sendable {
    /// What a pragma does.
    public enum Kind: Sendable {
        /// Later declarations go into this namespace.
        case namespace(NamespacePath)
        /// Deletes a class; `failIfMissing` is false with `NOFAIL`.
        case deleteClass(name: String, failIfMissing: Bool)
        /// Flags for later class declarations (`forceupdate`, `updateonly` …).
        case classFlags([String])
        /// Flags for later instance declarations (`createonly`, `updateonly`).
        case instanceFlags([String])
        /// Any other pragma, by name.
        case other(String)
    }

    /// What the pragma does.
    public var kind: Kind
    var span: ModelSpan
    /// Where the pragma is.
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }
    /// Position in the compilation (for file-order effects).
    public var sequence: Int
}

/// The semantic model of a compilation: what a repository would hold after compiling it on top of
/// the context, in file order.
public struct MOFSemanticModel: Sendable {
    /// Every qualifier declaration, keyed by lowercased name (later ones win).
    public var qualifierDeclarations: [String: QualifierDeclaration] = [:]
    /// Classes of the compilation and the context in definition order (deleted ones removed).
    public var classes: [ClassDefinition] { slots.compactMap { $0 } }
    /// Class storage; `nil` marks a class removed by `#pragma deleteclass` (indexes stay valid).
    var slots: [ClassDefinition?] = []
    /// Every instance, in compile order.
    public var instances: [InstanceDefinition] = []
    /// Every pragma, in compile order.
    public var pragmas: [PragmaEffect] = []
    /// The decoded sources of the compilation.
    public var sources: [String: SourceFile] = [:]
    /// Instance aliases: lowercased alias → index in `instances`.
    public var aliases: [String: Int] = [:]

    /// (namespace key, lowercased class name) → index in `classes`.
    var classIndex: [String: [String: Int]] = [:]
    /// Lowercased class name → every index with that name in any namespace.
    var classesByName: [String: [Int]] = [:]

    /// An empty model (no context); ``MOFSemanticAnalyzer/baseModel(context:)`` gives one with a context.
    public init() {}

    /// The class `name` in `namespace`; WMI system classes (`__…`) are found in every namespace.
    public func lookupClass(_ name: String, in namespace: NamespacePath) -> ClassDefinition? {
        let key = name.lowercased()
        if let index = classIndex[namespace.key]?[key] { return slots[index] }
        if key.hasPrefix("__"), let index = classesByName[key]?.first { return slots[index] }
        return nil
    }

    /// Every class called `name`, in any namespace.
    public func classes(named name: String) -> [ClassDefinition] {
        (classesByName[name.lowercased()] ?? []).compactMap { slots[$0] }
    }

    /// The classes defined by the compilation (not the context).
    public var compiledClasses: [ClassDefinition] { slots.compactMap { $0?.origin == .compilation ? $0 : nil } }

    /// The declaration of qualifier `name` (case-insensitive), if any.
    public func qualifierDeclaration(_ name: String) -> QualifierDeclaration? {
        qualifierDeclarations[name.lowercased()]
    }

    mutating func insert(_ definition: ClassDefinition) {
        let nsKey = definition.namespace.key
        let key = definition.name.lowercased()
        if let existing = classIndex[nsKey]?[key] {
            slots[existing] = definition
            return
        }
        slots.append(definition)
        let index = slots.count - 1
        classIndex[nsKey, default: [:]][key] = index
        classesByName[key, default: []].append(index)
    }

    /// Removes a class (`#pragma deleteclass`) in constant time.
    mutating func remove(_ name: String, in namespace: NamespacePath) -> Bool {
        let key = name.lowercased()
        guard let index = classIndex[namespace.key]?[key] else { return false }
        slots[index] = nil
        classIndex[namespace.key]?[key] = nil
        classesByName[key]?.removeAll { $0 == index }
        return true
    }

    /// Applies `change` to every stored class.
    mutating func updateClasses(_ change: (inout ClassDefinition) -> Void) {
        for index in slots.indices {
            guard var definition = slots[index] else { continue }
            slots[index] = nil  // keep the array storage uniquely referenced while changing it
            change(&definition)
            slots[index] = definition
        }
    }
}

extension String {
    /// Case-insensitive equality without building lowercased copies: ASCII bytes are compared
    /// directly; anything else falls back to `lowercased()`, as the lookups did before.
    func equalsIgnoringCase(_ other: String) -> Bool {
        // Native and small strings hand out their bytes directly: compare them in place.
        let direct = utf8.withContiguousStorageIfAvailable { (a: UnsafeBufferPointer<UInt8>) -> Bool? in
            let inner = other.utf8.withContiguousStorageIfAvailable { (b: UnsafeBufferPointer<UInt8>) -> Bool? in
                Self.asciiEqualsIgnoringCase(a, b)
            }
            return inner ?? nil
        }
        if let answer = direct ?? nil { return answer }
        return iteratingEqualsIgnoringCase(other)
    }

    /// `true` or `false` when the bytes decide; `nil` when non-ASCII text needs case mapping.
    private static func asciiEqualsIgnoringCase(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        let common = Swift.min(a.count, b.count)
        var index = 0
        while index < common {
            let x = a[index]
            let y = b[index]
            index += 1
            if x == y { continue }
            if x >= 0x80 || y >= 0x80 { return nil }
            let lx = x &- 0x41 < 26 ? x | 0x20 : x
            let ly = y &- 0x41 < 26 ? y | 0x20 : y
            if lx != ly { return false }
        }
        if a.count == b.count { return true }
        // Lengths differ in bytes; non-ASCII text may still match after case mapping.
        return a.allSatisfy { $0 < 0x80 } && b.allSatisfy { $0 < 0x80 } ? false : nil
    }

    /// A hash of the text with ASCII letters folded to lower case, never 0; 0 when the text has
    /// non-ASCII bytes. Texts equal ignoring case have equal hashes unless one of them is 0, so
    /// differing non-zero hashes rule a comparison out without making it.
    var caseFoldedHash: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        let ascii = utf8.withContiguousStorageIfAvailable { (bytes: UnsafeBufferPointer<UInt8>) -> Bool in
            for byte in bytes {
                if byte >= 0x80 { return false }
                let folded = byte &- 0x41 < 26 ? byte | 0x20 : byte
                hash = (hash ^ UInt64(folded)) &* 0x0000_0100_0000_01b3
            }
            return true
        }
        guard ascii == true else { return 0 }
        return hash | 1
    }

    private func iteratingEqualsIgnoringCase(_ other: String) -> Bool {
        var a = utf8.makeIterator()
        var b = other.utf8.makeIterator()
        while true {
            switch (a.next(), b.next()) {
            case (nil, nil): return true
            case (let x?, let y?):
                if x == y { continue }
                if x >= 0x80 || y >= 0x80 { return lowercased() == other.lowercased() }
                let lx = x &- 0x41 < 26 ? x | 0x20 : x
                let ly = y &- 0x41 < 26 ? y | 0x20 : y
                if lx != ly { return false }
            default:
                // Lengths differ in bytes; non-ASCII text may still match after case mapping.
                if !self.utf8.allSatisfy({ $0 < 0x80 }) || !other.utf8.allSatisfy({ $0 < 0x80 }) {
                    return lowercased() == other.lowercased()
                }
                return false
            }
        }
    }
}
