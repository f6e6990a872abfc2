/// The kind of a syntax tree node. Each kind is a nonterminal of `Grammars/mof.ebnf` (its
/// ``grammarName``), except ``missing`` and ``unexpected``, which mark repaired input.
public enum SyntaxKind: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The whole file (or, when streaming, one top-level declaration with the trivia before it).
    case sourceFile
    /// `#pragma name ( arguments )`.
    case pragmaDirective
    /// The parenthesized arguments of a pragma.
    case pragmaArguments
    /// A bare name used as a pragma argument, such as `NOFAIL`.
    case identifierArgument
    /// `qualifier Name : type = default, scope(...), flavor(...);`
    case qualifierDeclaration
    /// `: type [array] [= default]` in a qualifier declaration.
    case qualifierType
    /// `scope(class, property)`.
    case scopeClause
    /// `flavor(ToSubclass)`.
    case flavorClause
    /// `[ qualifier, qualifier ]`.
    case qualifierList
    /// `Name(value) : flavor flavor`.
    case qualifier
    /// `(value)` or `{values}` after a qualifier name.
    case qualifierParameter
    /// `: flavor flavor` after a qualifier (or, typeless, in a qualifier declaration).
    case flavorList
    /// `class Name : Super { features };` (also `association` / `indication`).
    case classDeclaration
    /// `as $Alias`.
    case aliasClause
    /// `: SuperClass`.
    case superclassClause
    /// `type name [array] [= default];`
    case propertyDeclaration
    /// `ClassName REF name [= default];`
    case referenceDeclaration
    /// `type name(parameters);`
    case methodDeclaration
    /// `( parameter, parameter )`.
    case parameterList
    /// `[in] type name [array] [= default]`.
    case parameter
    /// A CIM data type name (`string`, `uint32`, ...).
    case dataType
    /// `ClassName REF`.
    case objectReferenceType
    /// `[]` or `[16]`.
    case arraySpecifier
    /// `= value`.
    case defaultValue
    /// `instance of ClassName as $Alias { assignments };`
    case instanceDeclaration
    /// `[qualifiers] Name = value;` or, with dynamic properties, just `[qualifiers] Name;`.
    case propertyAssignment
    /// A number, string (adjacent strings joined), char16, boolean or null.
    case literalValue
    /// `{ value, value }`.
    case arrayValue
    /// `$Alias` used as a value.
    case aliasValue
    /// `instance of ClassName { ... }` used as a value.
    case instanceValue
    /// A DSP0004 3.0 `enumeration` or `structure` declaration, skipped (not supported yet).
    case unsupportedDeclaration
    /// Tokens skipped while recovering from an error.
    case unexpected
    /// A token the grammar requires but the input lacks (zero width).
    case missing

    /// The nonterminal name in `Grammars/mof.ebnf`.
    public var grammarName: String {
        switch self {
        case .sourceFile: return "mofSpecification"
        default: return String(describing: self)
        }
    }

    public var description: String {
        switch self {
        case .sourceFile: return "sourceFile"
        case .pragmaDirective: return "pragmaDirective"
        case .pragmaArguments: return "pragmaArguments"
        case .identifierArgument: return "identifierArgument"
        case .qualifierDeclaration: return "qualifierDeclaration"
        case .qualifierType: return "qualifierType"
        case .scopeClause: return "scopeClause"
        case .flavorClause: return "flavorClause"
        case .qualifierList: return "qualifierList"
        case .qualifier: return "qualifier"
        case .qualifierParameter: return "qualifierParameter"
        case .flavorList: return "flavorList"
        case .classDeclaration: return "classDeclaration"
        case .aliasClause: return "aliasClause"
        case .superclassClause: return "superclassClause"
        case .propertyDeclaration: return "propertyDeclaration"
        case .referenceDeclaration: return "referenceDeclaration"
        case .methodDeclaration: return "methodDeclaration"
        case .parameterList: return "parameterList"
        case .parameter: return "parameter"
        case .dataType: return "dataType"
        case .objectReferenceType: return "objectReferenceType"
        case .arraySpecifier: return "arraySpecifier"
        case .defaultValue: return "defaultValue"
        case .instanceDeclaration: return "instanceDeclaration"
        case .propertyAssignment: return "propertyAssignment"
        case .literalValue: return "literalValue"
        case .arrayValue: return "arrayValue"
        case .aliasValue: return "aliasValue"
        case .instanceValue: return "instanceValue"
        case .unsupportedDeclaration: return "unsupportedDeclaration"
        case .unexpected: return "unexpected"
        case .missing: return "missing"
        }
    }

    /// Nodes that mark repaired input rather than a grammar rule.
    public var isRecoveryNode: Bool { self == .missing || self == .unexpected }
}

/// One node of the flat, preorder node arena.
public struct RawNode: Sendable {
    /// What the node is.
    public internal(set) var kind: SyntaxKind
    /// For `.missing`: the raw value of the expected ``TokenKind``.
    public internal(set) var detail: UInt8
    /// Index of the first token of the node.
    public internal(set) var firstToken: UInt32
    /// Index just past the node's last token.
    public internal(set) var endToken: UInt32
    /// Index just past the node's last descendant in the arena.
    public internal(set) var subtreeEnd: UInt32
}
