import MofkitSource

/// A node of a ``SyntaxTree``: an index into its arena, with generic accessors. The typed views
/// (``ClassDeclSyntax`` and friends) are built on it.
public struct SyntaxNode: Sendable {
    /// The tree the node belongs to.
    public let tree: SyntaxTree
    /// The node's index in the tree's preorder arena.
    public let index: Int

    init(tree: SyntaxTree, index: Int) {
        self.tree = tree
        self.index = index
    }

    var raw: RawNode { tree.storage.nodes[index] }

    /// What the node is.
    public var kind: SyntaxKind { raw.kind }
    /// For a `.missing` node, the token kind the grammar expected.
    public var missingTokenKind: TokenKind? { raw.kind == .missing ? TokenKind(rawValue: raw.detail) : nil }
    /// True for nodes that mark repaired input.
    public var isMissing: Bool { raw.kind == .missing }

    /// Index range of the node's tokens in `tree.tokens` (descendants' tokens included).
    public var tokenIndices: Range<Int> { Int(raw.firstToken)..<Int(raw.endToken) }

    /// All tokens of the node, descendants' included.
    public var tokens: ArraySlice<Token> { tree.storage.tokens[tokenIndices] }

    /// The node's own tokens: those not inside a child node, in order.
    public var ownTokens: [Token] {
        var result: [Token] = []
        var next = Int(raw.firstToken)
        for child in children {
            let range = child.tokenIndices
            if range.lowerBound > next { result.append(contentsOf: tree.storage.tokens[next..<range.lowerBound]) }
            next = max(next, range.upperBound)
        }
        if Int(raw.endToken) > next { result.append(contentsOf: tree.storage.tokens[next..<Int(raw.endToken)]) }
        return result
    }

    /// The `n`th (from 0) own token of `kind`, found without building arrays (the model builder
    /// reads millions of names; ``ownTokens`` allocates two arrays per call).
    public func ownToken(_ kind: TokenKind, at n: Int) -> Token? {
        var remaining = n
        return firstOwnToken { token in
            guard token.kind == kind else { return false }
            if remaining == 0 { return true }
            remaining -= 1
            return false
        }
    }

    /// The first own token (one not inside a child node) for which `matches` is true.
    public func firstOwnToken(where matches: (Token) -> Bool = { _ in true }) -> Token? {
        let storage = tree.storage
        var next = Int(storage.nodes[index].firstToken)
        let last = Int(storage.nodes[index].endToken)
        var child = index + 1
        let end = Int(storage.nodes[index].subtreeEnd)
        while true {
            let stop = child < end ? Int(storage.nodes[child].firstToken) : last
            while next < stop {
                if matches(storage.tokens[next]) { return storage.tokens[next] }
                next += 1
            }
            guard child < end else { return nil }
            next = max(next, Int(storage.nodes[child].endToken))
            child = Int(storage.nodes[child].subtreeEnd)
        }
    }

    /// Whether the node has child nodes.
    public var hasChildren: Bool { Int(tree.storage.nodes[index].subtreeEnd) > index + 1 }

    /// Calls `body` with each direct child, in order, without building an array.
    public func forEachChild(_ body: (SyntaxNode) -> Void) {
        let storage = tree.storage
        var child = index + 1
        let end = Int(storage.nodes[index].subtreeEnd)
        while child < end {
            body(SyntaxNode(tree: tree, index: child))
            child = Int(storage.nodes[child].subtreeEnd)
        }
    }

    /// The direct children, in order.
    public var children: [SyntaxNode] {
        var result: [SyntaxNode] = []
        let nodes = tree.storage.nodes
        var child = index + 1
        let end = Int(nodes[index].subtreeEnd)
        while child < end {
            result.append(SyntaxNode(tree: tree, index: child))
            child = Int(nodes[child].subtreeEnd)
        }
        return result
    }

    /// The first direct child of `kind`.
    public func child(_ kind: SyntaxKind) -> SyntaxNode? {
        let nodes = tree.storage.nodes
        var child = index + 1
        let end = Int(nodes[index].subtreeEnd)
        while child < end {
            if nodes[child].kind == kind { return SyntaxNode(tree: tree, index: child) }
            child = Int(nodes[child].subtreeEnd)
        }
        return nil
    }

    /// The direct children of `kind`.
    public func children(_ kind: SyntaxKind) -> [SyntaxNode] { children.filter { $0.kind == kind } }

    /// The UTF-8 text offsets the node spans (its first token's start to its last token's end;
    /// an empty range just after the previous token for a node without tokens).
    public var textRange: Range<Int> {
        let tokens = tree.storage.tokens
        let first = Int(raw.firstToken)
        let end = Int(raw.endToken)
        if first < end { return Int(tokens[first].start)..<Int(tokens[end - 1].end) }
        let at = first > 0 ? Int(tokens[first - 1].end) : tree.storage.textStart
        return at..<at
    }

    /// The node's place in the file, for diagnostics.
    public var range: SourceRange { tree.source.range(textRange.lowerBound, textRange.upperBound) }

    /// The node's source text (comments and whitespace between its tokens included).
    public var text: String { String(decoding: tree.source.text[textRange], as: UTF8.self) }

    /// The first own token of `kind`.
    func ownToken(_ kind: TokenKind) -> Token? { ownTokens.first { $0.kind == kind } }

    /// The text of a token.
    func string(_ token: Token) -> String { tree.text(of: token) }
}

/// A named thing with its token, for accessors that return names with their places.
public struct NameSyntax: Sendable, Hashable {
    /// The name as written.
    public var text: String
    /// The identifier token.
    public var token: Token
    /// Where the name is.
    public var range: SourceRange
}

extension SyntaxNode {
    func name(_ token: Token?) -> NameSyntax? {
        guard let token else { return nil }
        return NameSyntax(text: string(token), token: token,
                          range: tree.source.range(Int(token.start), Int(token.end)))
    }

    /// Own identifier tokens (names and keywords) in order.
    var ownIdentifiers: [Token] { ownTokens.filter { $0.kind == .identifier } }

    /// The qualifiers of the node's `qualifierList` child.
    var qualifierViews: [QualifierSyntax] {
        child(.qualifierList)?.children(.qualifier).map(QualifierSyntax.init) ?? []
    }
}
