import MofkitSource

// The declarations the model is built from: a small, front-end-neutral picture of a parsed MOF
// file in compilation order. `MOFSyntaxAdapter` fills it from the MOFSyntax view layer; tests and
// the bundled context may build it directly.

/// A decoded integer literal: sign and magnitude, so `-9223372036854775808` and
/// `18446744073709551615` both fit. `overflow` is set when the literal does not fit 64 bits.
public struct ModelInteger: Sendable, Hashable {
    public var isNegative: Bool
    public var magnitude: UInt64
    public var overflow: Bool

    public init(isNegative: Bool = false, magnitude: UInt64, overflow: Bool = false) {
        self.isNegative = isNegative && magnitude != 0
        self.magnitude = magnitude
        self.overflow = overflow
    }

    public init(_ value: Int64) {
        self.init(isNegative: value < 0, magnitude: value.magnitude)
    }

    /// The value as a Double (for comparisons with real bounds).
    public var doubleValue: Double { isNegative ? -Double(magnitude) : Double(magnitude) }

    /// The value as Int64 when it fits.
    public var int64Value: Int64? {
        if overflow { return nil }
        if isNegative {
            if magnitude <= UInt64(Int64.max) { return -Int64(magnitude) }
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            return nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    public var description: String { (isNegative ? "-" : "") + String(magnitude) }
}

/// A value written in MOF (a default, a qualifier value, an instance property value), decoded,
/// with the place it was written.
public struct ModelValue: Sendable {
    // Only the embedded instance is boxed: the other payloads are small, so a value needs no extra
    // allocation (a large file holds millions of them).
    public enum Kind: Sendable {
        /// A string literal, adjacent literals joined and escapes decoded.
        case string(String)
        case integer(ModelInteger)
        case real(Double)
        /// A char16 literal such as `'A'` (decoded).
        case char16(String)
        case boolean(Bool)
        case null
        /// `$Alias` (without the `$`).
        case alias(String)
        /// An identifier where a value was expected (pragma arguments such as `NOFAIL`).
        case identifier(String)
        case array([ModelValue])
        /// An embedded `instance of` value.
        indirect case instance(ParsedInstance)
    }

    public var kind: Kind
    var span: ModelSpan
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    public init(_ kind: Kind, range: SourceRange) {
        self.init(kind, span: ModelSpan(range))
    }

    init(_ kind: Kind, span: ModelSpan) {
        self.kind = kind
        self.span = span
    }

    /// The string, when this is a string literal.
    public var stringValue: String? {
        if case .string(let s) = kind { return s }
        return nil
    }

    /// The boolean, when this is a boolean literal.
    public var booleanValue: Bool? {
        if case .boolean(let b) = kind { return b }
        return nil
    }

    public var isNull: Bool {
        if case .null = kind { return true }
        return false
    }

    /// The elements when this is an array; `[self]` otherwise.
    public var elements: [ModelValue] {
        if case .array(let a) = kind { return a }
        return [self]
    }

    /// A short description of what kind of value this is, for messages.
    public var kindDescription: String {
        switch kind {
        case .string: return "a string"
        case .integer: return "an integer"
        case .real: return "a real number"
        case .char16: return "a char16 literal"
        case .boolean: return "a boolean"
        case .null: return "NULL"
        case .alias: return "an alias reference"
        case .identifier: return "an identifier"
        case .array: return "an array"
        case .instance: return "an embedded instance"
        }
    }

    /// The value written back as MOF-like text, for messages and JSON.
    public var displayText: String {
        switch kind {
        case .string(let s): return "\"" + s + "\""
        case .integer(let i): return i.description
        case .real(let d): return String(d)
        case .char16(let c): return "'" + c + "'"
        case .boolean(let b): return b ? "TRUE" : "FALSE"
        case .null: return "NULL"
        case .alias(let a): return "$" + a
        case .identifier(let i): return i
        case .array(let a): return "{" + a.map(\.displayText).joined(separator: ", ") + "}"
        case .instance(let i): return "instance of " + i.className
        }
    }
}

/// `Name(value) : flavor flavor` in a qualifier list.
public struct ParsedQualifier: Sendable {
    public var name: String
    public var value: ModelValue?
    /// Flavor keywords written after the value, as written (`ToSubclass`, `amended`, …).
    public var flavors: [String]
    var span: ModelSpan
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    public init(name: String, value: ModelValue? = nil, flavors: [String] = [], range: SourceRange) {
        self.init(name: name, value: value, flavors: flavors, span: ModelSpan(range))
    }

    init(name: String, value: ModelValue?, flavors: [String], span: ModelSpan) {
        self.name = name
        self.value = value
        self.flavors = flavors
        self.span = span
    }
}

/// Whether a property, parameter or qualifier type is a scalar or an array.
public enum ArrayKind: Sendable, Hashable {
    case scalar
    /// `name[]`
    case unbounded
    /// `name[16]`
    case fixed(Int)

    public var isArray: Bool { self != .scalar }
}

/// A property declaration inside a class.
public struct ParsedProperty: Sendable {
    public var qualifiers: [ParsedQualifier]
    /// The type as written: a CIM type name (`uint32`), `object`, or a class name for references
    /// and embedded structures.
    public var typeName: String
    public var isReference: Bool
    public var name: String
    var nameSpan: ModelSpan
    public var nameRange: SourceRange {
        get { nameSpan.range }
        set { nameSpan = ModelSpan(newValue) }
    }
    public var array: ArrayKind
    public var defaultValue: ModelValue?
    var span: ModelSpan
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    public init(
        qualifiers: [ParsedQualifier] = [], typeName: String, isReference: Bool = false, name: String,
        nameRange: SourceRange, array: ArrayKind = .scalar, defaultValue: ModelValue? = nil, range: SourceRange
    ) {
        self.init(qualifiers: qualifiers, typeName: typeName, isReference: isReference, name: name,
                  nameSpan: ModelSpan(nameRange), array: array, defaultValue: defaultValue, span: ModelSpan(range))
    }

    init(
        qualifiers: [ParsedQualifier], typeName: String, isReference: Bool, name: String,
        nameSpan: ModelSpan, array: ArrayKind, defaultValue: ModelValue?, span: ModelSpan
    ) {
        self.qualifiers = qualifiers
        self.typeName = typeName
        self.isReference = isReference
        self.name = name
        self.nameSpan = nameSpan
        self.array = array
        self.defaultValue = defaultValue
        self.span = span
    }
}

/// A method parameter.
public struct ParsedParameter: Sendable {
    public var qualifiers: [ParsedQualifier]
    public var typeName: String
    public var isReference: Bool
    public var name: String
    public var array: ArrayKind
    public var defaultValue: ModelValue?
    var span: ModelSpan
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    public init(
        qualifiers: [ParsedQualifier] = [], typeName: String, isReference: Bool = false, name: String,
        array: ArrayKind = .scalar, defaultValue: ModelValue? = nil, range: SourceRange
    ) {
        self.init(qualifiers: qualifiers, typeName: typeName, isReference: isReference, name: name, array: array,
                  defaultValue: defaultValue, span: ModelSpan(range))
    }

    init(
        qualifiers: [ParsedQualifier], typeName: String, isReference: Bool, name: String,
        array: ArrayKind, defaultValue: ModelValue?, span: ModelSpan
    ) {
        self.qualifiers = qualifiers
        self.typeName = typeName
        self.isReference = isReference
        self.name = name
        self.array = array
        self.defaultValue = defaultValue
        self.span = span
    }
}

/// A method declaration.
public struct ParsedMethod: Sendable {
    public var qualifiers: [ParsedQualifier]
    public var returnTypeName: String
    /// `ClassName REF Method()`.
    public var returnsReference: Bool
    public var name: String
    var nameSpan: ModelSpan
    public var nameRange: SourceRange {
        get { nameSpan.range }
        set { nameSpan = ModelSpan(newValue) }
    }
    public var parameters: [ParsedParameter]
    var span: ModelSpan
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    public init(
        qualifiers: [ParsedQualifier] = [], returnTypeName: String, returnsReference: Bool = false, name: String,
        nameRange: SourceRange, parameters: [ParsedParameter] = [], range: SourceRange
    ) {
        self.init(qualifiers: qualifiers, returnTypeName: returnTypeName, returnsReference: returnsReference, name: name,
                  nameSpan: ModelSpan(nameRange), parameters: parameters, span: ModelSpan(range))
    }

    init(
        qualifiers: [ParsedQualifier], returnTypeName: String, returnsReference: Bool, name: String,
        nameSpan: ModelSpan, parameters: [ParsedParameter], span: ModelSpan
    ) {
        self.qualifiers = qualifiers
        self.returnTypeName = returnTypeName
        self.returnsReference = returnsReference
        self.name = name
        self.nameSpan = nameSpan
        self.parameters = parameters
        self.span = span
    }
}

/// `[qualifiers] class Name : Super { … };`
public struct ParsedClass: Sendable {
    public var qualifiers: [ParsedQualifier]
    public var name: String
    var nameSpan: ModelSpan
    public var nameRange: SourceRange {
        get { nameSpan.range }
        set { nameSpan = ModelSpan(newValue) }
    }
    public var superclass: String?
    var superclassSpan: ModelSpan?
    public var superclassRange: SourceRange? {
        get { superclassSpan.range }
        set { superclassSpan = newValue.map(ModelSpan.init) }
    }
    public var alias: String?
    public var properties: [ParsedProperty]
    public var methods: [ParsedMethod]
    var span: ModelSpan
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    public init(
        qualifiers: [ParsedQualifier] = [], name: String, nameRange: SourceRange, superclass: String? = nil,
        superclassRange: SourceRange? = nil, alias: String? = nil, properties: [ParsedProperty] = [],
        methods: [ParsedMethod] = [], range: SourceRange
    ) {
        self.init(qualifiers: qualifiers, name: name, nameSpan: ModelSpan(nameRange), superclass: superclass,
                  superclassSpan: superclassRange.map(ModelSpan.init), alias: alias, properties: properties,
                  methods: methods, span: ModelSpan(range))
    }

    init(
        qualifiers: [ParsedQualifier], name: String, nameSpan: ModelSpan, superclass: String?,
        superclassSpan: ModelSpan?, alias: String?, properties: [ParsedProperty], methods: [ParsedMethod], span: ModelSpan
    ) {
        self.qualifiers = qualifiers
        self.name = name
        self.nameSpan = nameSpan
        self.superclass = superclass
        self.superclassSpan = superclassSpan
        self.alias = alias
        self.properties = properties
        self.methods = methods
        self.span = span
    }
}

/// `[qualifiers] Name = value;` inside an instance (the value may be absent in `[DYNPROPS]`
/// instances: `[PropertyContext(...), Dynamic, Provider("RegPropProv")] Name;`).
public struct ParsedPropertyValue: Sendable {
    public var qualifiers: [ParsedQualifier]
    public var name: String
    var nameSpan: ModelSpan
    public var nameRange: SourceRange {
        get { nameSpan.range }
        set { nameSpan = ModelSpan(newValue) }
    }
    public var value: ModelValue?
    var span: ModelSpan
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    public init(
        qualifiers: [ParsedQualifier] = [], name: String, nameRange: SourceRange, value: ModelValue? = nil,
        range: SourceRange
    ) {
        self.init(qualifiers: qualifiers, name: name, nameSpan: ModelSpan(nameRange), value: value, span: ModelSpan(range))
    }

    init(qualifiers: [ParsedQualifier], name: String, nameSpan: ModelSpan, value: ModelValue?, span: ModelSpan) {
        self.qualifiers = qualifiers
        self.name = name
        self.nameSpan = nameSpan
        self.value = value
        self.span = span
    }
}

/// `[qualifiers] instance of Class as $Alias { … };`
public struct ParsedInstance: Sendable {
    public var qualifiers: [ParsedQualifier]
    public var className: String
    var classNameSpan: ModelSpan
    public var classNameRange: SourceRange {
        get { classNameSpan.range }
        set { classNameSpan = ModelSpan(newValue) }
    }
    public var alias: String?
    var aliasSpan: ModelSpan?
    public var aliasRange: SourceRange? {
        get { aliasSpan.range }
        set { aliasSpan = newValue.map(ModelSpan.init) }
    }
    public var values: [ParsedPropertyValue]
    var span: ModelSpan
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    public init(
        qualifiers: [ParsedQualifier] = [], className: String, classNameRange: SourceRange, alias: String? = nil,
        aliasRange: SourceRange? = nil, values: [ParsedPropertyValue] = [], range: SourceRange
    ) {
        self.init(qualifiers: qualifiers, className: className, classNameSpan: ModelSpan(classNameRange), alias: alias,
                  aliasSpan: aliasRange.map(ModelSpan.init), values: values, span: ModelSpan(range))
    }

    init(
        qualifiers: [ParsedQualifier], className: String, classNameSpan: ModelSpan, alias: String?,
        aliasSpan: ModelSpan?, values: [ParsedPropertyValue], span: ModelSpan
    ) {
        self.qualifiers = qualifiers
        self.className = className
        self.classNameSpan = classNameSpan
        self.alias = alias
        self.aliasSpan = aliasSpan
        self.values = values
        self.span = span
    }
}

/// `Qualifier Name : type = default, Scope(...), Flavor(...);`
public struct ParsedQualifierDeclaration: Sendable {
    public var name: String
    var nameSpan: ModelSpan
    public var nameRange: SourceRange {
        get { nameSpan.range }
        set { nameSpan = ModelSpan(newValue) }
    }
    /// `nil` for WMI's typeless declarations (`qualifier write:ToInstance;`).
    public var typeName: String?
    public var array: ArrayKind
    public var defaultValue: ModelValue?
    public var scopes: [String]
    public var flavors: [String]
    var span: ModelSpan
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    public init(
        name: String, nameRange: SourceRange, typeName: String?, array: ArrayKind = .scalar,
        defaultValue: ModelValue? = nil, scopes: [String] = [], flavors: [String] = [], range: SourceRange
    ) {
        self.init(name: name, nameSpan: ModelSpan(nameRange), typeName: typeName, array: array, defaultValue: defaultValue,
                  scopes: scopes, flavors: flavors, span: ModelSpan(range))
    }

    init(
        name: String, nameSpan: ModelSpan, typeName: String?, array: ArrayKind,
        defaultValue: ModelValue?, scopes: [String], flavors: [String], span: ModelSpan
    ) {
        self.name = name
        self.nameSpan = nameSpan
        self.typeName = typeName
        self.array = array
        self.defaultValue = defaultValue
        self.scopes = scopes
        self.flavors = flavors
        self.span = span
    }
}

/// `#pragma name(arguments)`.
public struct ParsedPragma: Sendable {
    /// The pragma name, lowercased (`namespace`, `deleteclass`, `classflags`, …).
    public var name: String
    public var arguments: [ModelValue]
    var span: ModelSpan
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    public init(name: String, arguments: [ModelValue] = [], range: SourceRange) {
        self.init(name: name, arguments: arguments, span: ModelSpan(range))
    }

    init(name: String, arguments: [ModelValue], span: ModelSpan) {
        self.name = name.lowercased()
        self.arguments = arguments
        self.span = span
    }
}

/// One top-level production, in compilation order.
public enum ParsedDeclaration: Sendable {
    case qualifierDeclaration(ParsedQualifierDeclaration)
    case classDeclaration(ParsedClass)
    case instance(ParsedInstance)
    case pragma(ParsedPragma)
    /// A named file starts: mofcomp compiles each file from the default namespace, so the
    /// namespace and the class/instance flags reset here (included files do not reset them).
    case beginFile(path: String)
}

/// The declarations of one compilation unit (a file and everything it includes, in the order
/// mofcomp would compile them), plus the sources they came from.
public struct ParsedCompilation: Sendable {
    public var declarations: [ParsedDeclaration]
    /// The decoded files, keyed by the path used in `SourceRange.file`.
    public var sources: [String: SourceFile]

    public init(declarations: [ParsedDeclaration] = [], sources: [String: SourceFile] = [:]) {
        self.declarations = declarations
        self.sources = sources
    }
}
