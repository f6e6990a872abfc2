import MOFSyntax
import MofkitSource

/// What the cursor is on, read from the tokens around it.
public enum CursorTarget: Sendable, Equatable {
    /// The name in `class NAME`.
    case classDeclaration(String)
    /// A class named elsewhere: superclass, `instance of`, `ref` type.
    case classReference(String)
    /// A qualifier name inside `[...]`.
    case qualifier(String)
    /// Another identifier (a property or method name, or a word).
    case name(String)
    /// `$alias`.
    case alias(String)
    /// The file of `#pragma include("...")`.
    case includeFile(String)
    /// The string value of a `PropertyContext` / `ClassContext` qualifier.
    case registryContext(qualifier: String, value: String)
}

/// The tokens of one document version, and questions about the token at an offset.
public struct TokenView: Sendable {
    /// The whole-file tree (lexer tokens and trivia).
    public let tree: SyntaxTree
    let tokens: [Token]

    public init(tree: SyntaxTree) {
        self.tree = tree
        self.tokens = tree.tokens
    }

    /// The index of the token touching `offset` (an identifier wins over punctuation at a boundary).
    public func index(at offset: Int) -> Int? {
        var low = 0
        var high = tokens.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if Int(tokens[mid].start) <= offset { low = mid } else { high = mid - 1 }
        }
        guard low < tokens.count else { return nil }
        let token = tokens[low]
        if Int(token.start) <= offset && offset < Int(token.end) && token.kind != .endOfFile {
            // At a punctuation token just after a name (`Name|;`), prefer the name.
            if offset == Int(token.start), low > 0, isWordLike(tokens[low - 1]), Int(tokens[low - 1].end) == offset, !isWordLike(token) {
                return low - 1
            }
            return low
        }
        if offset == Int(token.end) && token.kind != .endOfFile { return low }
        return nil
    }

    func isWordLike(_ token: Token) -> Bool {
        token.kind == .identifier || token.kind == .aliasIdentifier || token.kind == .string
    }

    /// The token's text.
    public func text(_ index: Int) -> String { tree.text(of: tokens[index]) }

    /// The kind of token `index` (`.endOfFile` out of range).
    public func kind(_ index: Int) -> TokenKind { index >= 0 && index < tokens.count ? tokens[index].kind : .endOfFile }

    /// The token `index`.
    public func token(_ index: Int) -> Token { tokens[index] }

    /// Whether token `index` is the identifier `word` (ignoring case).
    func isWord(_ index: Int, _ word: String) -> Bool {
        kind(index) == .identifier && text(index).lowercased() == word
    }

    /// Whether token `index` sits inside a qualifier list `[...]` (and not inside a value's parentheses).
    public func isInQualifierList(_ index: Int) -> Bool {
        var depth = 0
        var j = index - 1
        var steps = 0
        while j >= 0 && steps < 4096 {
            switch tokens[j].kind {
            case .rightParen, .rightBrace: depth += 1
            case .leftParen, .leftBrace:
                if depth == 0 { return false }
                depth -= 1
            case .rightBracket: if depth == 0 { return false }
            case .leftBracket: if depth == 0 { return true }
            case .semicolon: if depth == 0 { return false }
            default: break
            }
            j -= 1
            steps += 1
        }
        return false
    }

    /// What the token at `offset` is.
    public func target(at offset: Int) -> (target: CursorTarget, range: Range<Int>)? {
        guard let i = index(at: offset) else { return nil }
        let token = tokens[i]
        let range = token.range
        switch token.kind {
        case .aliasIdentifier:
            return (.alias(String(text(i).dropFirst())), range)
        case .string:
            let value = TokenView.stringValue(text(i))
            if kind(i - 1) == .leftParen, isWord(i - 2, "include"), kind(i - 3) == .pragmaKeyword {
                return (.includeFile(value), range)
            }
            if kind(i - 1) == .leftParen, kind(i - 2) == .identifier {
                let name = text(i - 2)
                let lower = name.lowercased()
                if lower == "propertycontext" || lower == "classcontext" || lower == "context" {
                    return (.registryContext(qualifier: name, value: value), range)
                }
            }
            return nil
        case .identifier:
            let name = text(i)
            if isWord(i - 1, "class") { return (.classDeclaration(name), range) }
            if kind(i - 1) == .colon, kind(i - 2) == .identifier, isWord(i - 3, "class") { return (.classReference(name), range) }
            if isWord(i - 1, "of"), isWord(i - 2, "instance") { return (.classReference(name), range) }
            if isWord(i + 1, "ref") { return (.classReference(name), range) }
            if (kind(i - 1) == .leftBracket || kind(i - 1) == .comma), isInQualifierList(i) { return (.qualifier(name), range) }
            return (.name(name), range)
        default:
            return nil
        }
    }

    /// The value of a string literal token (quotes removed, `\\` `\"` `\n` `\t` decoded; a literal
    /// broken across adjacent strings is not joined).
    static func stringValue(_ literal: String) -> String {
        var body = Substring(literal)
        if body.hasPrefix("\"") { body = body.dropFirst() }
        if body.hasSuffix("\"") { body = body.dropLast() }
        var out = ""
        var escaping = false
        for character in body {
            if escaping {
                switch character {
                case "n": out.append("\n")
                case "t": out.append("\t")
                default: out.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}
