import MofkitSource

/// A decoded MOF value.
public indirect enum MOFValue: Sendable {
    /// A string: escapes resolved, adjacent literals joined.
    case string(String)
    /// An integer in any radix, with its sign.
    case integer(IntegerLiteralValue)
    /// A real number.
    case real(Double)
    /// A char16 literal's UTF-16 code unit.
    case char16(UInt16)
    /// `true` or `false`.
    case boolean(Bool)
    /// `null`.
    case null
    /// `$Alias`, without the `$`.
    case alias(String)
    /// A `{…}` array, element by element.
    case array([MOFValue])
    /// An embedded `instance of` value.
    case instance(InstanceDeclSyntax)
    /// A value the parser could not read (already diagnosed).
    case invalid
}

/// A value in the tree: literal, array, alias or embedded instance.
public struct ValueSyntax: SyntaxView {
    public let node: SyntaxNode
    /// The view of a value node (`literalValue`, `arrayValue`, `aliasValue`, `instanceValue`).
    public init(_ node: SyntaxNode) { self.node = node }

    static func isValueKind(_ kind: SyntaxKind) -> Bool {
        kind == .literalValue || kind == .arrayValue || kind == .aliasValue || kind == .instanceValue
    }

    /// For an array value, its elements.
    public var elements: [ValueSyntax] {
        guard node.kind == .arrayValue else { return [] }
        return node.children.filter { ValueSyntax.isValueKind($0.kind) }.map(ValueSyntax.init)
    }

    /// The literal tokens (several for adjacent strings).
    public var literalTokens: [Token] { node.kind == .literalValue ? node.ownTokens : [] }

    /// The value, decoded.
    public var decoded: MOFValue {
        switch node.kind {
        case .arrayValue:
            return .array(elements.map(\.decoded))
        case .aliasValue:
            guard let token = node.ownToken(.aliasIdentifier) else { return .invalid }
            return .alias(String(decoding: node.tree.source.text[Int(token.start + 1)..<Int(token.end)], as: UTF8.self))
        case .instanceValue:
            return .instance(InstanceDeclSyntax(node))
        case .literalValue:
            // A literal node without children owns all its tokens: read them in place.
            let tokens = node.hasChildren ? ArraySlice(node.ownTokens) : node.tokens
            return ValueSyntax.decodeLiteral(tokens, node.tree.source.text)
        default:
            return .invalid
        }
    }

    static func decodeLiteral(_ tokens: ArraySlice<Token>, _ text: [UInt8]) -> MOFValue {
        guard let first = tokens.first else { return .invalid }
        return text.withUnsafeBufferPointer { buffer -> MOFValue in
            switch first.kind {
            case .string:
                var bytes: [UInt8] = []
                for token in tokens where token.kind == .string {
                    StringLiteralDecoder.appendValue(buffer, token.range, quote: UInt8(ascii: "\""),
                                                     lineBreakMarker: nil, to: &bytes)
                }
                return .string(String(decoding: bytes, as: UTF8.self))
            case .integer:
                return .integer(IntegerLiteralValue.decode(buffer, first.range))
            case .real:
                let string = String(decoding: buffer[first.range], as: UTF8.self)
                return Double(string).map(MOFValue.real) ?? .invalid
            case .char16:
                var bytes: [UInt8] = []
                StringLiteralDecoder.appendValue(buffer, first.range, quote: UInt8(ascii: "'"), lineBreakMarker: nil,
                                                 to: &bytes)
                guard let unit = String(decoding: bytes, as: UTF8.self).utf16.first else { return .invalid }
                return .char16(unit)
            case .identifier:
                if buffer.equalsLowercaseKeyword(first.range, "true") { return .boolean(true) }
                if buffer.equalsLowercaseKeyword(first.range, "false") { return .boolean(false) }
                if buffer.equalsLowercaseKeyword(first.range, "null") { return .null }
                return .invalid
            default:
                return .invalid
            }
        }
    }
}
