import MofkitSource

/// A CIM intrinsic data type, a reference, or an embedded class type.
public enum CIMType: Sendable, Hashable, CustomStringConvertible {
    /// The intrinsic types `boolean`, `string`, `char16` and `datetime`.
    case boolean, string, char16, datetime
    /// The integer types, unsigned and signed, 8 to 64 bits.
    case uint8, sint8, uint16, sint16, uint32, sint32, uint64, sint64
    /// The real types.
    case real32, real64
    /// WMI's `object` (an embedded object of any class).
    case object
    /// `ClassName REF name`.
    case reference(String)
    /// A class name used as a type (an embedded structure or instance).
    case embedded(String)

    /// Parses a type keyword (case-insensitive); class names become `.embedded`.
    public init(typeName: String, isReference: Bool = false) {
        if isReference {
            self = .reference(typeName)
            return
        }
        // Type names are nearly always written in lower case: try them as written first.
        if let known = Self.intrinsic(typeName) ?? Self.intrinsic(typeName.lowercased()) {
            self = known
        } else {
            self = .embedded(typeName)
        }
    }

    /// The intrinsic type spelled exactly `name` (lower case), if any.
    private static func intrinsic(_ name: String) -> CIMType? {
        switch name {
        case "boolean": return .boolean
        case "string": return .string
        case "char16": return .char16
        case "datetime": return .datetime
        case "uint8": return .uint8
        case "sint8": return .sint8
        case "uint16": return .uint16
        case "sint16": return .sint16
        case "uint32": return .uint32
        case "sint32": return .sint32
        case "uint64": return .uint64
        case "sint64": return .sint64
        case "real32": return .real32
        case "real64": return .real64
        case "object": return .object
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .boolean: return "boolean"
        case .string: return "string"
        case .char16: return "char16"
        case .datetime: return "datetime"
        case .uint8: return "uint8"
        case .sint8: return "sint8"
        case .uint16: return "uint16"
        case .sint16: return "sint16"
        case .uint32: return "uint32"
        case .sint32: return "sint32"
        case .uint64: return "uint64"
        case .sint64: return "sint64"
        case .real32: return "real32"
        case .real64: return "real64"
        case .object: return "object"
        case .reference(let c): return c + " ref"
        case .embedded(let c): return c
        }
    }

    /// Whether the type is one of the integer types.
    public var isInteger: Bool { integerRange != nil }

    /// Whether the type is `real32` or `real64`.
    public var isReal: Bool { self == .real32 || self == .real64 }

    /// Whether the type is an integer or real type.
    public var isNumeric: Bool { isInteger || isReal }

    /// The inclusive range of an integer type, as (minimum, maximum) in sign/magnitude form.
    public var integerRange: (min: ModelInteger, max: ModelInteger)? {
        switch self {
        case .uint8: return (ModelInteger(0), ModelInteger(magnitude: UInt64(UInt8.max)))
        case .uint16: return (ModelInteger(0), ModelInteger(magnitude: UInt64(UInt16.max)))
        case .uint32: return (ModelInteger(0), ModelInteger(magnitude: UInt64(UInt32.max)))
        case .uint64: return (ModelInteger(0), ModelInteger(magnitude: UInt64.max))
        case .sint8: return (ModelInteger(Int64(Int8.min)), ModelInteger(Int64(Int8.max)))
        case .sint16: return (ModelInteger(Int64(Int16.min)), ModelInteger(Int64(Int16.max)))
        case .sint32: return (ModelInteger(Int64(Int32.min)), ModelInteger(Int64(Int32.max)))
        case .sint64: return (ModelInteger(Int64.min), ModelInteger(Int64.max))
        default: return nil
        }
    }
}

extension ModelInteger: Comparable {
    public static func < (a: ModelInteger, b: ModelInteger) -> Bool {
        switch (a.isNegative, b.isNegative) {
        case (true, false): return true
        case (false, true): return false
        case (false, false): return a.magnitude < b.magnitude
        case (true, true): return a.magnitude > b.magnitude
        }
    }
}

/// A property, parameter or qualifier type: base type and array-ness.
public struct MOFDataType: Sendable, Hashable, CustomStringConvertible {
    /// The element type.
    public var base: CIMType
    /// Scalar, or an array of fixed or variable size.
    public var array: ArrayKind

    /// A type from its element type and array-ness.
    public init(_ base: CIMType, array: ArrayKind = .scalar) {
        self.base = base
        self.array = array
    }

    /// Whether the type is an array.
    public var isArray: Bool { array.isArray }

    public var description: String {
        switch array {
        case .scalar: return base.description
        case .unbounded: return base.description + "[]"
        case .fixed(let n): return base.description + "[\(n)]"
        }
    }
}

/// Where a qualifier may be used (DSP0004 `Scope(...)`).
public enum QualifierScope: String, Sendable, Hashable, CaseIterable {
    /// The scope keywords of DSP0004 (`any` allows every element).
    case `class`, association, indication, property, reference, method, parameter, qualifier, instance, any

    /// The scope named `keyword` (case-insensitive), if it is one.
    public init?(keyword: String) {
        self.init(rawValue: keyword.lowercased())
    }

    /// This scope's bit in a scope mask.
    var bit: UInt16 {
        switch self {
        case .class: return 1 << 0
        case .association: return 1 << 1
        case .indication: return 1 << 2
        case .property: return 1 << 3
        case .reference: return 1 << 4
        case .method: return 1 << 5
        case .parameter: return 1 << 6
        case .qualifier: return 1 << 7
        case .instance: return 1 << 8
        case .any: return 1 << 9
        }
    }
}

/// What an element a qualifier is attached to is.
public enum QualifierTarget: String, Sendable, Hashable {
    /// The kinds of element a qualifier can be attached to.
    case `class`, property, reference, method, parameter, instance, propertyValue

    /// Whether a declaration with `scopes` allows this target (for classes, `association` and
    /// `indication` scopes also allow the class when it is one).
    func isAllowed(byScopeMask mask: UInt16, isAssociation: Bool, isIndication: Bool) -> Bool {
        func has(_ scope: QualifierScope) -> Bool { mask & scope.bit != 0 }
        if has(.any) { return true }
        switch self {
        case .class: return has(.class) || (isAssociation && has(.association)) || (isIndication && has(.indication))
        case .property: return has(.property)
        case .reference: return has(.reference) || has(.property)
        case .method: return has(.method)
        case .parameter: return has(.parameter)
        case .instance, .propertyValue: return true  // instance qualifiers are WMI provider hints
        }
    }
}

/// The flavors of a qualifier, DSP0004 defaults unless set: EnableOverride, ToSubclass,
/// not ToInstance, not Translatable, not Amended.
public struct QualifierFlavors: Sendable, Hashable {
    /// `DisableOverride`: subclasses may not change the value.
    public var disableOverride = false
    /// `Restricted`: not passed to subclasses (the opposite of `ToSubclass`).
    public var restricted = false
    /// `ToInstance`: passed to instances.
    public var toInstance = false
    /// `Translatable`: the value may be localized.
    public var translatable = false
    /// `Amended`: the value lives in a localized namespace (WMI).
    public var amended = false

    /// Flavors; the defaults are those of DSP0004.
    public init(disableOverride: Bool = false, restricted: Bool = false, toInstance: Bool = false,
                translatable: Bool = false, amended: Bool = false) {
        self.disableOverride = disableOverride
        self.restricted = restricted
        self.toInstance = toInstance
        self.translatable = translatable
        self.amended = amended
    }

    /// Applies flavor keywords on top of these; unknown keywords are returned.
    public mutating func apply(_ keywords: [String]) -> [String] {
        var unknown: [String] = []
        for keyword in keywords {
            switch keyword.lowercased() {
            case "disableoverride": disableOverride = true
            case "enableoverride": disableOverride = false
            case "restricted", "notosubclass": restricted = true
            case "tosubclass": restricted = false
            case "toinstance": toInstance = true
            case "translatable": translatable = true
            case "amended": amended = true
            case "notoinstance": toInstance = false
            default: unknown.append(keyword)
            }
        }
        return unknown
    }
}
