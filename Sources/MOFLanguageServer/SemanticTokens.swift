import LSPCore
import MOFSyntax

extension FeatureInput {
    /// The legend of ``semanticTokens()``.
    public static let semanticTokenLegend = SemanticTokensLegend(
        tokenTypes: ["namespace", "class", "property", "keyword", "string", "number", "comment", "decorator", "type", "variable", "macro"],
        tokenModifiers: ["declaration"])

    static let keywordSet: Set<String> = ["class", "instance", "of", "qualifier", "ref", "true", "false", "null", "as",
                                          "scope", "flavor", "any", "association", "indication", "property", "reference",
                                          "method", "parameter", "tosubclass", "restricted", "enableoverride", "disableoverride",
                                          "translatable", "toinstance", "amended", "in", "out"]
    static let typeSet: Set<String> = Set(cimTypes)

    /// `textDocument/semanticTokens/full`: classes, qualifiers (decorators), types, keywords,
    /// properties, aliases, literals, pragmas and comments, one line at a time.
    public func semanticTokens() -> SemanticTokens {
        var spans: [(start: Int, end: Int, type: Int, modifiers: Int)] = []
        let tree = tokens.tree
        let count = tokensCount
        for i in 0..<count {
            for piece in tree.trivia(before: i) {
                if case .lineComment = piece.kind { spans.append((piece.range.lowerBound, piece.range.upperBound, 6, 0)) }
                if case .blockComment = piece.kind { spans.append((piece.range.lowerBound, piece.range.upperBound, 6, 0)) }
            }
            let token = tokens.token(i)
            let type: Int?
            var modifiers = 0
            switch token.kind {
            case .string, .char16: type = 4
            case .integer, .real: type = 5
            case .aliasIdentifier: type = 9
            case .pragmaKeyword: type = 10
            case .identifier:
                let word = tokens.text(i).lowercased()
                if tokens.isWord(i - 1, "class") || (tokens.kind(i - 1) == .colon && tokens.isWord(i - 3, "class"))
                    || tokens.isWord(i - 1, "of") || tokens.isWord(i + 1, "ref") {
                    type = 1
                    if tokens.isWord(i - 1, "class") { modifiers = 1 }
                } else if tokens.kind(i - 1) == .pragmaKeyword {
                    type = 10
                } else if (tokens.kind(i - 1) == .leftBracket || tokens.kind(i - 1) == .comma) && tokens.isInQualifierList(i) {
                    type = 7
                } else if FeatureInput.typeSet.contains(word) {
                    type = 8
                } else if FeatureInput.keywordSet.contains(word) {
                    type = 3
                } else {
                    type = 2
                }
            default: type = nil
            }
            if let type { spans.append((Int(token.start), Int(token.end), type, modifiers)) }
        }
        var data: [Int] = []
        data.reserveCapacity(spans.count * 5)
        var lastLine = 0
        var lastCharacter = 0
        let document = self.document
        for span in spans {
            // Split multi-line spans (block comments, broken strings) at line breaks.
            var start = span.start
            while start < span.end {
                let line = document.line(containing: start)
                let end = min(span.end, document.lineContentEnd(line))
                if end > start {
                    let from = document.position(of: start, encoding: encoding)
                    let length = document.position(of: end, encoding: encoding).character - from.character
                    let deltaLine = from.line - lastLine
                    data += [deltaLine, deltaLine == 0 ? from.character - lastCharacter : from.character, length, span.type, span.modifiers]
                    lastLine = from.line
                    lastCharacter = from.character
                }
                guard line + 1 < document.lineStarts.count else { break }
                start = document.lineStarts[line + 1]
            }
        }
        return SemanticTokens(data: data)
    }
}
