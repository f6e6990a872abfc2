import MofkitSource

// The declarations the model is built from: a small, front-end-neutral picture of a parsed MOF
// file in compilation order. `MOFSyntaxAdapter` fills it from the MOFSyntax view layer; tests and
// the bundled context may build it directly.

/// A decoded integer literal: sign and magnitude, so `-9223372036854775808` and
/// `18446744073709551615` both fit. `overflow` is set when the literal does not fit 64 bits.
public struct ModelInteger: Sendable, Hashable {
    /// Whether the literal has a leading `-`.
    public var isNegative: Bool
    /// The absolute value.
    public var magnitude: UInt64
    /// Whether the literal does not fit in 64 bits (`magnitude` is then meaningless).
    public var overflow: Bool

    /// An integer from its sign and magnitude, or from an `Int64`.
    public init(isNegative: Bool = false, magnitude: UInt64, overflow: Bool = false) {
        self.isNegative = isNegative && magnitude != 0
        self.magnitude = magnitude
        self.overflow = overflow
    }

    /// An integer from its sign and magnitude, or from an `Int64`.
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
    /// What kind of value, with its decoded content.
    public enum Kind: Sendable {
        /// A string literal, adjacent literals joined and escapes decoded.
        case string(String)
        /// An integer literal.
        case integer(ModelInteger)
        /// A real literal.
        case real(Double)
        /// A char16 literal such as `'A'` (decoded).
        case char16(String)
        /// `TRUE` or `FALSE`.
        case boolean(Bool)
        /// `NULL`.
        case null
        /// `$Alias` (without the `$`).
        case alias(String)
        /// An identifier where a value was expected (pragma arguments such as `NOFAIL`).
        case identifier(String)
        /// A `{…}` array, element by element.
        case array([ModelValue])
        /// An embedded `instance of` value.
        indirect case instance(ParsedInstance)
    }

    /// What the value is.
    public var kind: Kind
    var span: ModelSpan
    /// Where the value is written.
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    /// A value and its place.
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

    /// Whether the value is `NULL`.
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
    /// The name as written.
    public var name: String
    /// The value; `nil` when none is written.
    public var value: ModelValue?
    /// Flavor keywords written after the value, as written (`ToSubclass`, `amended`, …).
    public var flavors: [String]
    var span: ModelSpan
    /// The whole qualifier.
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    /// A qualifier with its value and flavors.
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
    /// Not an array.
    case scalar
    /// `name[]`
    case unbounded
    /// `name[16]`
    case fixed(Int)

    /// Whether the type is an array of either kind.
    public var isArray: Bool { self != .scalar }
}

/// A property declaration inside a class.
public struct ParsedProperty: Sendable {
    /// The qualifiers written in `[…]`, in order.
    public var qualifiers: [ParsedQualifier]
    /// The type as written: a CIM type name (`uint32`), `object`, or a class name for references
    /// and embedded structures.
    public var typeName: String
    /// Whether it is a reference (`ClassName REF name`).
    public var isReference: Bool
    /// The name as written.
    public var name: String
    var nameSpan: ModelSpan
    /// Where the name is.
    public var nameRange: SourceRange {
        get { nameSpan.range }
        set { nameSpan = ModelSpan(newValue) }
    }
    /// Scalar or array.
    public var array: ArrayKind
    /// The default value after `=`, if any.
    public var defaultValue: ModelValue?
    var span: ModelSpan
    /// The whole declaration.
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    /// A declaration with every part given.
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
    /// The qualifiers written in `[…]`, in order.
    public var qualifiers: [ParsedQualifier]
    /// The type as written.
    public var typeName: String
    /// Whether it is a reference (`ClassName REF name`).
    public var isReference: Bool
    /// The name as written.
    public var name: String
    /// Scalar or array.
    public var array: ArrayKind
    /// The default value after `=`, if any.
    public var defaultValue: ModelValue?
    var span: ModelSpan
    /// The whole declaration.
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    /// A declaration with every part given.
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
    /// The qualifiers written in `[…]`, in order.
    public var qualifiers: [ParsedQualifier]
    /// The return type as written.
    public var returnTypeName: String
    /// `ClassName REF Method()`.
    public var returnsReference: Bool
    /// The name as written.
    public var name: String
    var nameSpan: ModelSpan
    /// Where the name is.
    public var nameRange: SourceRange {
        get { nameSpan.range }
        set { nameSpan = ModelSpan(newValue) }
    }
    /// The parameters, in order.
    public var parameters: [ParsedParameter]
    var span: ModelSpan
    /// The whole declaration.
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    /// A declaration with every part given.
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
    /// The qualifiers written in `[…]`, in order.
    public var qualifiers: [ParsedQualifier]
    /// The name as written.
    public var name: String
    var nameSpan: ModelSpan
    /// Where the name is.
    public var nameRange: SourceRange {
        get { nameSpan.range }
        set { nameSpan = ModelSpan(newValue) }
    }
    /// The superclass after `:`, if any.
    public var superclass: String?
    var superclassSpan: ModelSpan?
    /// Where the superclass is named.
    public var superclassRange: SourceRange? {
        get { superclassSpan.range }
        set { superclassSpan = newValue.map(ModelSpan.init) }
    }
    /// The alias after `as $`, without the `$`.
    public var alias: String?
    /// Properties and references, in order.
    public var properties: [ParsedProperty]
    /// Methods, in order.
    public var methods: [ParsedMethod]
    var span: ModelSpan
    /// The whole declaration.
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    /// A declaration with every part given.
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
    /// The qualifiers written in `[…]`, in order.
    public var qualifiers: [ParsedQualifier]
    /// The name as written.
    public var name: String
    var nameSpan: ModelSpan
    /// Where the name is.
    public var nameRange: SourceRange {
        get { nameSpan.range }
        set { nameSpan = ModelSpan(newValue) }
    }
    /// The value; `nil` when none is written.
    public var value: ModelValue?
    var span: ModelSpan
    /// The whole assignment.
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    /// An assignment with every part given.
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
    /// The qualifiers written in `[…]`, in order.
    public var qualifiers: [ParsedQualifier]
    /// The class instantiated.
    public var className: String
    var classNameSpan: ModelSpan
    /// Where the class is named.
    public var classNameRange: SourceRange {
        get { classNameSpan.range }
        set { classNameSpan = ModelSpan(newValue) }
    }
    /// The alias after `as $`, without the `$`.
    public var alias: String?
    var aliasSpan: ModelSpan?
    /// Where the alias is.
    public var aliasRange: SourceRange? {
        get { aliasSpan.range }
        set { aliasSpan = newValue.map(ModelSpan.init) }
    }
    /// The property values, in order.
    public var values: [ParsedPropertyValue]
    var span: ModelSpan
    /// The whole declaration.
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    /// A declaration with every part given.
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
    /// The name as written.
    public var name: String
    var nameSpan: ModelSpan
    /// Where the name is.
    public var nameRange: SourceRange {
        get { nameSpan.range }
        set { nameSpan = ModelSpan(newValue) }
    }
    /// `nil` for WMI's typeless declarations (`qualifier write:ToInstance;`).
    public var typeName: String?
    /// Scalar or array.
    public var array: ArrayKind
    /// The default value after `=`, if any.
    public var defaultValue: ModelValue?
    /// The `Scope(…)` keywords, as written.
    public var scopes: [String]
    /// The `Flavor(…)` keywords, as written.
    public var flavors: [String]
    var span: ModelSpan
    /// The whole declaration.
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    /// A declaration with every part given.
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
    /// The arguments, decoded.
    public var arguments: [ModelValue]
    var span: ModelSpan
    /// The whole declaration.
    public var range: SourceRange {
        get { span.range }
        set { span = ModelSpan(newValue) }
    }

    /// A pragma with its arguments.
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
    /// A qualifier declaration.
    case qualifierDeclaration(ParsedQualifierDeclaration)
    /// A class declaration.
    case classDeclaration(ParsedClass)
    /// An `instance of` declaration.
    case instance(ParsedInstance)
    /// A `#pragma`.
    case pragma(ParsedPragma)
    /// A named file starts: mofcomp compiles each file from the default namespace, so the
    /// namespace and the class/instance flags reset here (included files do not reset them).
    case beginFile(path: String)
}

/// The declarations of one compilation unit (a file and everything it includes, in the order
/// mofcomp would compile them), plus the sources they came from.
public struct ParsedCompilation: Sendable {
    /// The declarations, in compile order.
    public var declarations: [ParsedDeclaration]
    /// The decoded files, keyed by the path used in `SourceRange.file`.
    public var sources: [String: SourceFile]

    /// A compilation; empty by default.
    public init(declarations: [ParsedDeclaration] = [], sources: [String: SourceFile] = [:]) {
        self.declarations = declarations
        self.sources = sources
    }
}
