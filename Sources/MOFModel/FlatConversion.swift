import MOFSyntax
import MofkitSource

/// The syntax tree's flat arrays, read by node index: what ``SyntaxConversion`` walks for the
/// declarations a large file is made of (classes and instances).
///
/// A ``SyntaxNode`` holds its tree, so every node handed out retains and releases the tree's
/// storage, and each accessor is a call into MOFSyntax; a file of 50 MB has millions of nodes.
/// Here the arrays are taken once per tree and nodes are plain indices. The walk is the same as
/// ``SyntaxNode``'s (`forEachChild`, `child(_:)`, `firstOwnToken(where:)`, `textRange`).
struct FlatTree {
    let nodes: [RawNode]
    let tokens: [Token]
    let text: [UInt8]

    init(_ tree: SyntaxTree) {
        nodes = tree.rawNodes
        tokens = tree.tokens
        text = tree.source.text
    }

    @inline(__always) func kind(_ node: Int) -> SyntaxKind { nodes[node].kind }

    @inline(__always) func hasChildren(_ node: Int) -> Bool { Int(nodes[node].subtreeEnd) > node + 1 }

    /// Calls `body` with each direct child, in order.
    @inline(__always) func forEachChild(_ node: Int, _ body: (Int) -> Void) {
        var child = node + 1
        let end = Int(nodes[node].subtreeEnd)
        while child < end {
            body(child)
            child = Int(nodes[child].subtreeEnd)
        }
    }

    /// The number of direct children (to size an array before filling it).
    func childCount(_ node: Int) -> Int {
        var count = 0
        forEachChild(node) { _ in count += 1 }
        return count
    }

    /// The first direct child of `kind`.
    func child(_ node: Int, _ kind: SyntaxKind) -> Int? {
        var child = node + 1
        let end = Int(nodes[node].subtreeEnd)
        while child < end {
            if nodes[child].kind == kind { return child }
            child = Int(nodes[child].subtreeEnd)
        }
        return nil
    }

    /// The first own token (one not inside a child node) for which `matches` is true.
    @inline(__always) func firstOwnToken(_ node: Int, where matches: (Token) -> Bool = { _ in true }) -> Token? {
        var next = Int(nodes[node].firstToken)
        let last = Int(nodes[node].endToken)
        var child = node + 1
        let end = Int(nodes[node].subtreeEnd)
        while true {
            let stop = child < end ? Int(nodes[child].firstToken) : last
            while next < stop {
                if matches(tokens[next]) { return tokens[next] }
                next += 1
            }
            guard child < end else { return nil }
            next = max(next, Int(nodes[child].endToken))
            child = Int(nodes[child].subtreeEnd)
        }
    }

    /// The `n`th (from 0) own token of `kind`.
    func ownToken(_ node: Int, _ kind: TokenKind, at n: Int = 0) -> Token? {
        var remaining = n
        return firstOwnToken(node) { token in
            guard token.kind == kind else { return false }
            if remaining == 0 { return true }
            remaining -= 1
            return false
        }
    }

    /// The text offsets of a node with tokens; `nil` for one without (its place needs the tree).
    func textRange(_ node: Int) -> Range<Int>? {
        let first = Int(nodes[node].firstToken)
        let end = Int(nodes[node].endToken)
        guard first < end else { return nil }
        return Int(tokens[first].start)..<Int(tokens[end - 1].end)
    }

    func string(_ token: Token) -> String {
        text.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[token.range]), as: UTF8.self) }
    }

    /// Whether the token is `keyword` (lower-case ASCII letters) in any case.
    func isKeyword(_ token: Token, _ keyword: StaticString) -> Bool {
        let count = Int(token.end) - Int(token.start)
        guard count == keyword.utf8CodeUnitCount else { return false }
        return text.withUnsafeBufferPointer { buffer in
            let start = Int(token.start)
            let word = keyword.utf8Start
            for i in 0..<count where buffer[start + i] | 0x20 != word[i] { return false }
            return true
        }
    }
}

extension SyntaxConversion {
    // MARK: Flat reading of classes and instances (same results as the view-based reading)

    func span(flat node: Int) -> ModelSpan {
        if let range = flat.textRange(node) { return ModelSpan(source, range) }
        return span(tree.node(at: node))
    }

    /// A node's `n`th own identifier token (names and keywords).
    func identifier(flat node: Int, at n: Int = 0) -> Token? { flat.ownToken(node, .identifier, at: n) }

    /// The text of the first own token of `node` (a type name or class name).
    func firstTokenText(flat node: Int?) -> String? {
        guard let node, let token = flat.firstOwnToken(node) else { return nil }
        return flat.string(token)
    }

    /// The first child of `node` that is a value.
    func valueChild(flat node: Int) -> Int? {
        var found: Int?
        flat.forEachChild(node) { child in
            if found == nil, Self.isValueKind(flat.kind(child)) { found = child }
        }
        return found
    }

    static func isValueKind(_ kind: SyntaxKind) -> Bool {
        kind == .literalValue || kind == .arrayValue || kind == .aliasValue || kind == .instanceValue
    }

    func arrayKind(flat node: Int) -> ArrayKind {
        guard let specifier = flat.child(node, .arraySpecifier) else { return .scalar }
        // Sized arrays are rare: the view decodes the size in every radix.
        return Self.arrayKind(ArraySpecifierSyntax(tree.node(at: specifier)))
    }

    /// The default value after `=` of a property, reference or parameter.
    func defaultValue(flat node: Int) -> ModelValue? {
        flat.child(node, .defaultValue).flatMap(valueChild(flat:)).flatMap(value(flat:))
    }

    /// The qualifiers in the `qualifierList` child of `owner`.
    func qualifiers(flat owner: Int) -> [ParsedQualifier] {
        guard let list = flat.child(owner, .qualifierList) else { return [] }
        var result: [ParsedQualifier] = []
        result.reserveCapacity(flat.childCount(list))
        flat.forEachChild(list) { q in
            guard flat.kind(q) == .qualifier, let nameToken = flat.firstOwnToken(q) else { return }
            var converted: ModelValue?
            if let parameter = flat.child(q, .qualifierParameter) {
                // One value: itself; several (`Name("a", "b")`): an array of them.
                var first: Int?
                var values: [ModelValue] = []
                var count = 0
                flat.forEachChild(parameter) { child in
                    let kind = flat.kind(child)
                    guard kind != .missing && kind != .unexpected else { return }
                    count += 1
                    if count == 1 {
                        first = child
                    } else {
                        if count == 2, let first, let v = value(flat: first) { values.append(v) }
                        if let v = value(flat: child) { values.append(v) }
                    }
                }
                if count == 1, let first {
                    converted = value(flat: first)
                } else if count > 1 {
                    converted = ModelValue(.array(values), span: span(flat: q))
                }
            }
            var flavors: [String] = []
            if let flavorList = flat.child(q, .flavorList) {
                _ = flat.firstOwnToken(flavorList) { token in
                    if token.kind == .identifier { flavors.append(flat.string(token)) }
                    return false
                }
            }
            result.append(ParsedQualifier(name: flat.string(nameToken), value: converted, flavors: flavors, span: span(flat: q)))
        }
        return result
    }

    /// A value: strings, booleans and NULL read here, arrays element by element, anything else
    /// through the view (``value(_:)``).
    func value(flat node: Int) -> ModelValue? {
        let kind = flat.kind(node)
        if kind == .literalValue, !flat.hasChildren(node), let range = flat.textRange(node) {
            let first = Int(flat.nodes[node].firstToken)
            let token = flat.tokens[first]
            if token.kind == .string, let plain = plainString(tokens: first..<Int(flat.nodes[node].endToken)) {
                return ModelValue(.string(plain), span: ModelSpan(source, range))
            }
            if token.kind == .identifier {
                if flat.isKeyword(token, "true") { return ModelValue(.boolean(true), span: ModelSpan(source, range)) }
                if flat.isKeyword(token, "false") { return ModelValue(.boolean(false), span: ModelSpan(source, range)) }
                if flat.isKeyword(token, "null") { return ModelValue(.null, span: ModelSpan(source, range)) }
                return nil  // not a literal: already diagnosed
            }
        } else if kind == .arrayValue {
            var elements: [ModelValue] = []
            flat.forEachChild(node) { child in
                if Self.isValueKind(flat.kind(child)), let v = value(flat: child) { elements.append(v) }
            }
            return ModelValue(.array(elements), span: span(flat: node))
        }
        return value(ValueSyntax(tree.node(at: node)))
    }

    /// The value of adjacent string tokens (`"a" "b"`, as CIM descriptions are written) without
    /// escapes or line breaks: their texts between the quotes, joined, read straight from the text
    /// (the general decoder goes byte by byte). `nil` when the general decoder is needed.
    func plainString(tokens: Range<Int>) -> String? {
        flat.text.withUnsafeBufferPointer { buffer -> String? in
            /// The text between the quotes of a well-formed string token without escapes or breaks.
            func inner(_ token: Token) -> UnsafeBufferPointer<UInt8>? {
                let start = Int(token.start) + 1
                let end = Int(token.end) - 1
                guard token.kind == .string, !token.isMalformed, end >= start, buffer[end] == UInt8(ascii: "\"") else { return nil }
                let inner = UnsafeBufferPointer(rebasing: buffer[start..<end])
                for byte in inner where byte == UInt8(ascii: "\\") || byte == 0x0A || byte == 0x0D { return nil }
                return inner
            }
            if tokens.count == 1 {
                return inner(flat.tokens[tokens.lowerBound]).map { String(decoding: $0, as: UTF8.self) }
            }
            var bytes: [UInt8] = []
            for index in tokens {
                guard let piece = inner(flat.tokens[index]) else { return nil }
                bytes.append(contentsOf: piece)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    func classDeclaration(flat node: Int) -> ParsedClass? {
        guard let keywordToken = identifier(flat: node), let nameToken = identifier(flat: node, at: 1) else { return nil }
        var classQualifiers = qualifiers(flat: node)
        let isAssociation = flat.isKeyword(keywordToken, "association")
        if isAssociation || flat.isKeyword(keywordToken, "indication") {
            let keyword = isAssociation ? "association" : "indication"
            if !classQualifiers.contains(where: { $0.name.lowercased() == keyword }) {
                classQualifiers.append(ParsedQualifier(
                    name: isAssociation ? "Association" : "Indication", value: nil, flavors: [],
                    span: .offsets(source, start: keywordToken.start, end: keywordToken.end)))
            }
        }
        let superToken = flat.child(node, .superclassClause).flatMap { identifier(flat: $0) }
        let aliasToken = flat.child(node, .aliasClause).flatMap { flat.firstOwnToken($0) { $0.kind == .aliasIdentifier } }
        var properties: [ParsedProperty] = []
        properties.reserveCapacity(flat.childCount(node))
        var methods: [ParsedMethod] = []
        flat.forEachChild(node) { child in
            switch flat.kind(child) {
            case .propertyDeclaration:
                guard let pname = identifier(flat: child), let type = firstTokenText(flat: flat.child(child, .dataType)) else { return }
                properties.append(ParsedProperty(
                    qualifiers: qualifiers(flat: child), typeName: type, isReference: false, name: flat.string(pname),
                    nameSpan: span(pname), array: arrayKind(flat: child), defaultValue: defaultValue(flat: child),
                    span: span(flat: child)))
            case .referenceDeclaration:
                guard let rname = identifier(flat: child),
                    let target = firstTokenText(flat: flat.child(child, .objectReferenceType)) else { return }
                properties.append(ParsedProperty(
                    qualifiers: qualifiers(flat: child), typeName: target, isReference: true, name: flat.string(rname),
                    nameSpan: span(rname), array: arrayKind(flat: child), defaultValue: defaultValue(flat: child),
                    span: span(flat: child)))
            case .methodDeclaration:
                guard let mname = identifier(flat: child) else { return }
                var parameters: [ParsedParameter] = []
                if let list = flat.child(child, .parameterList) {
                    flat.forEachChild(list) { parameter in
                        guard flat.kind(parameter) == .parameter else { return }
                        let reference = flat.child(parameter, .objectReferenceType)
                        guard let pname = identifier(flat: parameter),
                            let type = firstTokenText(flat: flat.child(parameter, .dataType) ?? reference) else { return }
                        parameters.append(ParsedParameter(
                            qualifiers: qualifiers(flat: parameter), typeName: type, isReference: reference != nil,
                            name: flat.string(pname), array: arrayKind(flat: parameter),
                            defaultValue: defaultValue(flat: parameter), span: span(flat: parameter)))
                    }
                }
                let reference = flat.child(child, .objectReferenceType)
                methods.append(ParsedMethod(
                    qualifiers: qualifiers(flat: child),
                    returnTypeName: firstTokenText(flat: flat.child(child, .dataType) ?? reference) ?? "void",
                    returnsReference: reference != nil, name: flat.string(mname), nameSpan: span(mname),
                    parameters: parameters, span: span(flat: child)))
            default:
                break
            }
        }
        return ParsedClass(
            qualifiers: classQualifiers, name: flat.string(nameToken), nameSpan: span(nameToken),
            superclass: superToken.map(flat.string), superclassSpan: superToken.map(span), alias: aliasToken.map(aliasText),
            properties: properties, methods: methods, span: span(flat: node))
    }

    func instance(flat node: Int) -> ParsedInstance? {
        guard let classToken = identifier(flat: node, at: 2) else { return nil }
        var values: [ParsedPropertyValue] = []
        flat.forEachChild(node) { child in
            guard flat.kind(child) == .propertyAssignment, let name = identifier(flat: child) else { return }
            values.append(ParsedPropertyValue(
                qualifiers: qualifiers(flat: child), name: flat.string(name), nameSpan: span(name),
                value: valueChild(flat: child).flatMap(value(flat:)), span: span(flat: child)))
        }
        let aliasToken = flat.child(node, .aliasClause).flatMap { flat.firstOwnToken($0) { $0.kind == .aliasIdentifier } }
        return ParsedInstance(
            qualifiers: qualifiers(flat: node), className: flat.string(classToken), classNameSpan: span(classToken),
            alias: aliasToken.map(aliasText), aliasSpan: aliasToken.map(span), values: values, span: span(flat: node))
    }
}
