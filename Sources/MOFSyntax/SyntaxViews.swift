import MofkitSource

/// A typed view of a node: each wraps a ``SyntaxNode`` of one kind.
public protocol SyntaxView: Sendable {
    /// The node this view wraps.
    var node: SyntaxNode { get }
}

extension SyntaxView {
    /// The node's place in the file.
    public var range: SourceRange { node.range }
    /// The UTF-8 text offsets the node spans.
    public var textRange: Range<Int> { node.textRange }
}

/// The root: the declarations of a file, in order.
public struct SourceFileSyntax: SyntaxView {
    public let node: SyntaxNode
    init(_ node: SyntaxNode) { self.node = node }

    /// The top-level declarations, in file order.
    public var declarations: [DeclSyntax] { node.children.map(DeclSyntax.init) }
}

/// A top-level declaration.
public enum DeclSyntax: Sendable {
    /// A `#pragma` directive.
    case pragma(PragmaSyntax)
    /// A qualifier declaration.
    case qualifierDecl(QualifierDeclSyntax)
    /// A class, association or indication declaration.
    case classDecl(ClassDeclSyntax)
    /// An `instance of` declaration.
    case instanceDecl(InstanceDeclSyntax)
    /// An `enumeration` / `structure` declaration (skipped, diagnosed) or input skipped after an error.
    case other(SyntaxNode)

    init(_ node: SyntaxNode) {
        switch node.kind {
        case .pragmaDirective: self = .pragma(PragmaSyntax(node))
        case .qualifierDeclaration: self = .qualifierDecl(QualifierDeclSyntax(node))
        case .classDeclaration: self = .classDecl(ClassDeclSyntax(node))
        case .instanceDeclaration: self = .instanceDecl(InstanceDeclSyntax(node))
        default: self = .other(node)
        }
    }

    /// The node of the declaration, whatever its kind.
    public var node: SyntaxNode {
        switch self {
        case .pragma(let view): return view.node
        case .qualifierDecl(let view): return view.node
        case .classDecl(let view): return view.node
        case .instanceDecl(let view): return view.node
        case .other(let node): return node
        }
    }
}

/// `#pragma name(arguments)`.
public struct PragmaSyntax: SyntaxView {
    public let node: SyntaxNode
    init(_ node: SyntaxNode) { self.node = node }

    /// One pragma argument.
    public enum Argument: Sendable {
        /// A value: a string, number, alias …
        case value(ValueSyntax)
        /// A bare name such as `NOFAIL`.
        case name(NameSyntax)
    }

    /// The pragma's name as written (`namespace`, `include`, `deleteclass`, …).
    public var name: NameSyntax? { node.name(node.ownIdentifiers.first) }

    /// The name in lower case, for comparisons (pragmas are case-insensitive).
    public var normalizedName: String { name?.text.lowercased() ?? "" }

    /// Whether the name is `keyword` (lower-case ASCII), in any case. Cheaper than ``normalizedName``:
    /// it builds no string and no location.
    func hasName(_ keyword: StaticString) -> Bool {
        guard let token = node.ownIdentifiers.first else { return false }
        return node.tree.source.text.withUnsafeBufferPointer { $0.equalsLowercaseKeyword(token.range, keyword) }
    }

    /// The arguments in parentheses, in order.
    public var arguments: [Argument] {
        guard let list = node.child(.pragmaArguments) else { return [] }
        return list.children.compactMap { child in
            switch child.kind {
            case .identifierArgument: return child.name(child.ownTokens.first).map(Argument.name)
            case .literalValue, .arrayValue, .aliasValue, .instanceValue: return .value(ValueSyntax(child))
            default: return nil
            }
        }
    }

    /// The decoded first string argument (the path of `include`, the namespace of `namespace`, …).
    public var stringArgument: String? {
        for argument in arguments {
            if case .value(let value) = argument, case .string(let s) = value.decoded { return s }
        }
        return nil
    }

    /// The node of the first string argument, for diagnostics about it.
    public var stringArgumentNode: SyntaxNode? {
        for argument in arguments { if case .value(let value) = argument { return value.node } }
        return nil
    }
}

/// `qualifier Name : type = default, scope(...), flavor(...);` (or typeless, `qualifier write : ToInstance;`).
public struct QualifierDeclSyntax: SyntaxView {
    public let node: SyntaxNode
    init(_ node: SyntaxNode) { self.node = node }

    /// The qualifier declared.
    public var name: NameSyntax? { node.name(node.ownIdentifiers.dropFirst().first) }

    /// The declared type (`nil` for a typeless Microsoft declaration).
    public var type: NameSyntax? {
        guard let type = node.child(.qualifierType)?.child(.dataType) else { return nil }
        return type.name(type.ownTokens.first)
    }

    /// The array specifier of the type, if the qualifier is array-valued.
    public var array: ArraySpecifierSyntax? { node.child(.qualifierType)?.child(.arraySpecifier).map(ArraySpecifierSyntax.init) }

    /// The default value after `=`, if any.
    public var defaultValue: ValueSyntax? {
        node.child(.qualifierType)?.child(.defaultValue).flatMap(DefaultValueReader.value)
    }

    /// Names in `scope(...)`, as written.
    public var scopes: [NameSyntax] {
        node.children(.scopeClause).flatMap { clause in clause.ownIdentifiers.dropFirst().compactMap { clause.name($0) } }
    }

    /// Flavors from `flavor(...)` and, in the typeless form, after the `:`.
    public var flavors: [NameSyntax] {
        let clauses = node.children(.flavorClause).flatMap { clause in
            clause.ownIdentifiers.dropFirst().compactMap { clause.name($0) }
        }
        let list = node.child(.flavorList).map { list in list.ownIdentifiers.compactMap { list.name($0) } } ?? []
        return list + clauses
    }
}

/// `Name`, `Name(value)`, `Name{values}`, with optional `: flavor …`.
public struct QualifierSyntax: SyntaxView {
    public let node: SyntaxNode
    init(_ node: SyntaxNode) { self.node = node }

    /// The qualifier name as written.
    public var name: NameSyntax? { node.name(node.ownTokens.first) }

    /// The values given: one for `Name(value)`, several for `Name("a", "b")`; `{...}` gives one array value.
    public var values: [ValueSyntax] {
        guard let parameter = node.child(.qualifierParameter) else { return [] }
        return parameter.children.filter { $0.kind != .missing && $0.kind != .unexpected }.map(ValueSyntax.init)
    }

    /// The qualifier's value: the single value, or an array for `Name("a", "b")`; nil without a value
    /// (then the value is implicitly `true` for boolean qualifiers).
    public var value: MOFValue? {
        let values = self.values
        if values.isEmpty { return nil }
        if values.count == 1 { return values[0].decoded }
        return .array(values.map(\.decoded))
    }

    /// Whether the value was written as `{...}` or as a list in parentheses (an array value).
    public var hasArrayValue: Bool {
        let values = self.values
        return values.count > 1 || values.first?.node.kind == .arrayValue
    }

    /// Flavors after `:`, as written.
    public var flavors: [NameSyntax] {
        node.child(.flavorList).map { list in list.ownIdentifiers.compactMap { list.name($0) } } ?? []
    }
}

/// `[qualifiers] class Name as $Alias : Super { members };` (or `association` / `indication`).
public struct ClassDeclSyntax: SyntaxView {
    public let node: SyntaxNode
    init(_ node: SyntaxNode) { self.node = node }

    /// The qualifiers in `[…]` before `class`, in order.
    public var qualifiers: [QualifierSyntax] { node.qualifierViews }
    /// `class`, `association` or `indication`, as written.
    public var keyword: NameSyntax? { node.name(node.ownIdentifiers.first) }
    /// The class name; `nil` when missing (the parser reported it).
    public var name: NameSyntax? { node.name(node.ownIdentifiers.dropFirst().first) }
    /// The superclass after `:`, if any.
    public var superclass: NameSyntax? {
        node.child(.superclassClause).flatMap { clause in clause.name(clause.ownIdentifiers.first) }
    }
    /// The alias name without `$`.
    public var alias: NameSyntax? { AliasReader.alias(of: node) }

    /// Properties, references and methods, in declaration order.
    public var members: [MemberSyntax] {
        node.children.compactMap { child in
            switch child.kind {
            case .propertyDeclaration: return .property(PropertyDeclSyntax(child))
            case .referenceDeclaration: return .reference(ReferenceDeclSyntax(child))
            case .methodDeclaration: return .method(MethodDeclSyntax(child))
            default: return nil
            }
        }
    }

    /// The property declarations, in order.
    public var properties: [PropertyDeclSyntax] {
        members.compactMap { if case .property(let p) = $0 { return p } else { return nil } }
    }
    /// The reference declarations, in order.
    public var references: [ReferenceDeclSyntax] {
        members.compactMap { if case .reference(let r) = $0 { return r } else { return nil } }
    }
    /// The method declarations, in order.
    public var methods: [MethodDeclSyntax] {
        members.compactMap { if case .method(let m) = $0 { return m } else { return nil } }
    }
}

/// A class member.
public enum MemberSyntax: Sendable {
    /// A property.
    case property(PropertyDeclSyntax)
    /// A reference (`ClassName REF name`).
    case reference(ReferenceDeclSyntax)
    /// A method.
    case method(MethodDeclSyntax)

    /// The node of the member, whatever its kind.
    public var node: SyntaxNode {
        switch self {
        case .property(let view): return view.node
        case .reference(let view): return view.node
        case .method(let view): return view.node
        }
    }
}

/// `[qualifiers] type name[size] = default;`
public struct PropertyDeclSyntax: SyntaxView {
    public let node: SyntaxNode
    init(_ node: SyntaxNode) { self.node = node }

    /// The qualifiers in `[…]` before the property, in order.
    public var qualifiers: [QualifierSyntax] { node.qualifierViews }
    /// The CIM type name as written (`string`, `UInt32`, …).
    public var typeName: NameSyntax? { node.child(.dataType).flatMap { $0.name($0.ownTokens.first) } }
    /// The property name; `nil` when missing.
    public var name: NameSyntax? { node.name(node.ownIdentifiers.first) }
    /// The array specifier, when the property is an array.
    public var array: ArraySpecifierSyntax? { node.child(.arraySpecifier).map(ArraySpecifierSyntax.init) }
    /// The default value after `=`, if any.
    public var defaultValue: ValueSyntax? { node.child(.defaultValue).flatMap(DefaultValueReader.value) }
}

/// `[qualifiers] ClassName REF name = default;`
public struct ReferenceDeclSyntax: SyntaxView {
    public let node: SyntaxNode
    init(_ node: SyntaxNode) { self.node = node }

    /// The qualifiers in `[…]` before the reference, in order.
    public var qualifiers: [QualifierSyntax] { node.qualifierViews }
    /// The class referred to.
    public var className: NameSyntax? {
        node.child(.objectReferenceType).flatMap { $0.name($0.ownTokens.first) }
    }
    /// The reference name; `nil` when missing.
    public var name: NameSyntax? { node.name(node.ownIdentifiers.first) }
    /// The array specifier, when the reference is an array.
    public var array: ArraySpecifierSyntax? { node.child(.arraySpecifier).map(ArraySpecifierSyntax.init) }
    /// The default value after `=` (an alias or object path), if any.
    public var defaultValue: ValueSyntax? { node.child(.defaultValue).flatMap(DefaultValueReader.value) }
}

/// `[qualifiers] type name([in] type p, …);`
public struct MethodDeclSyntax: SyntaxView {
    public let node: SyntaxNode
    init(_ node: SyntaxNode) { self.node = node }

    /// The qualifiers in `[…]` before the method, in order.
    public var qualifiers: [QualifierSyntax] { node.qualifierViews }
    /// The return type (a CIM type name or `void`); for a reference return type, the class name.
    public var returnType: NameSyntax? {
        (node.child(.dataType) ?? node.child(.objectReferenceType)).flatMap { $0.name($0.ownTokens.first) }
    }
    /// Whether the method returns a reference (`ClassName REF Method()`).
    public var returnsReference: Bool { node.child(.objectReferenceType) != nil }
    /// The method name; `nil` when missing.
    public var name: NameSyntax? { node.name(node.ownIdentifiers.first) }
    /// The parameters, in order.
    public var parameters: [ParameterSyntax] {
        node.child(.parameterList)?.children(.parameter).map(ParameterSyntax.init) ?? []
    }
}

/// `[in, out] type name[] = default` in a method's parameter list.
public struct ParameterSyntax: SyntaxView {
    public let node: SyntaxNode
    init(_ node: SyntaxNode) { self.node = node }

    /// The qualifiers in `[…]` before the parameter (`in`, `out`, `ID(0)` …).
    public var qualifiers: [QualifierSyntax] { node.qualifierViews }
    /// The type name: a CIM type, or the class name of a reference parameter.
    public var typeName: NameSyntax? {
        (node.child(.dataType) ?? node.child(.objectReferenceType)).flatMap { $0.name($0.ownTokens.first) }
    }
    /// Whether the parameter is a reference (`ClassName REF name`).
    public var isReference: Bool { node.child(.objectReferenceType) != nil }
    /// The parameter name; `nil` when missing.
    public var name: NameSyntax? { node.name(node.ownIdentifiers.first) }
    /// The array specifier, when the parameter is an array.
    public var array: ArraySpecifierSyntax? { node.child(.arraySpecifier).map(ArraySpecifierSyntax.init) }
    /// The default value after `=`, if any.
    public var defaultValue: ValueSyntax? { node.child(.defaultValue).flatMap(DefaultValueReader.value) }
}

/// `[]` (variable-length) or `[16]` (fixed size).
public struct ArraySpecifierSyntax: SyntaxView {
    public let node: SyntaxNode
    /// The view of an `arraySpecifier` node.
    public init(_ node: SyntaxNode) { self.node = node }

    /// The fixed size, or nil for a variable-length array.
    public var size: Int? {
        guard let token = node.ownToken(.integer) else { return nil }
        let value = node.tree.source.text.withUnsafeBufferPointer { IntegerLiteralValue.decode($0, token.range) }
        return value.int64Value.flatMap { Int(exactly: $0) }
    }
}

/// `[qualifiers] instance of ClassName as $Alias { assignments };` — also used for embedded instance values.
public struct InstanceDeclSyntax: SyntaxView {
    public let node: SyntaxNode
    init(_ node: SyntaxNode) { self.node = node }

    /// The qualifiers in `[…]` before `instance of`, in order.
    public var qualifiers: [QualifierSyntax] { node.qualifierViews }
    /// The class instantiated; `nil` when missing.
    public var className: NameSyntax? { node.name(node.ownIdentifiers.dropFirst(2).first) }
    /// The alias name without `$`.
    public var alias: NameSyntax? { AliasReader.alias(of: node) }
    /// The property assignments, in order.
    public var assignments: [PropertyAssignmentSyntax] {
        node.children(.propertyAssignment).map(PropertyAssignmentSyntax.init)
    }
    /// Whether this is an `instance of` value inside another declaration.
    public var isEmbedded: Bool { node.kind == .instanceValue }
}

/// `[qualifiers] Name = value;` or (dynamic properties) `[qualifiers] Name;`.
public struct PropertyAssignmentSyntax: SyntaxView {
    public let node: SyntaxNode
    init(_ node: SyntaxNode) { self.node = node }

    /// The qualifiers in `[…]` before the name (`PropertyContext(…)`, `Dynamic` …).
    public var qualifiers: [QualifierSyntax] { node.qualifierViews }
    /// The property assigned; `nil` when missing.
    public var name: NameSyntax? { node.name(node.ownIdentifiers.first) }
    /// The value, or nil when only qualifiers and a name are given.
    public var value: ValueSyntax? {
        node.children.first { ValueSyntax.isValueKind($0.kind) }.map(ValueSyntax.init)
    }
}

enum DefaultValueReader {
    static func value(_ node: SyntaxNode) -> ValueSyntax? {
        node.children.first { ValueSyntax.isValueKind($0.kind) }.map(ValueSyntax.init)
    }
}

enum AliasReader {
    static func alias(of node: SyntaxNode) -> NameSyntax? {
        guard let clause = node.child(.aliasClause), let token = clause.ownToken(.aliasIdentifier) else { return nil }
        var name = token
        name.start += 1  // without '$'
        return NameSyntax(text: clause.string(name), token: token,
                          range: node.tree.source.range(Int(token.start), Int(token.end)))
    }
}
