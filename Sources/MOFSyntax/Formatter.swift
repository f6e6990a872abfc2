import MofkitSource

/// How ``MOFFormatter`` lays text out.
public struct MOFFormatOptions: Sendable, Hashable {
    /// The line ending the output uses.
    public enum LineEnding: Sendable, Hashable {
        /// The input's most frequent line ending (LF when there are none, or on a tie).
        case preserve
        /// LF (`\n`).
        case lf
        /// CRLF (`\r\n`), as Windows tools write.
        case crlf
    }

    /// Lines are broken to stay within this many columns (Unicode scalars) where the layout allows.
    public var lineWidth: Int
    /// Spaces per indentation level.
    public var indentWidth: Int
    /// The line ending of the output.
    public var lineEnding: LineEnding

    /// Options; the defaults are the house style of `Docs/formatting.md`.
    public init(lineWidth: Int = 100, indentWidth: Int = 4, lineEnding: LineEnding = .preserve) {
        self.lineWidth = lineWidth
        self.indentWidth = indentWidth
        self.lineEnding = lineEnding
    }
}

/// The canonical pretty printer behind `mofkit format`.
///
/// Only trivia changes: the output has exactly the input's tokens, in order, and every comment. The
/// house style is described in `Docs/formatting.md`: 4-space indentation, one member per line,
/// qualifier lists on the member's line when it fits in 100 columns, one blank line between
/// top-level declarations, the file's dominant line ending. Formatting is idempotent.
///
/// Run it only on trees without errors: on a tree with syntax errors the output still holds every
/// token and comment, but the layout of the damaged parts is arbitrary.
public enum MOFFormatter {
    /// Formats a tree; the result is UTF-8 text (encode it with `tree.source.encode(_:)` to write the
    /// file back in its own encoding).
    public static func format(_ tree: SyntaxTree, options: MOFFormatOptions = MOFFormatOptions()) -> [UInt8] {
        let tokens = tree.tokens
        guard !tokens.isEmpty, tree.nodeCount > 0 else { return [] }
        let builder = FormatDocumentBuilder(tree: tree)
        var printer = FormatPrinter(
            text: tree.source.text, tokens: tokens, lineWidth: max(1, options.lineWidth),
            indentWidth: max(0, options.indentWidth), lineEnding: lineEnding(options.lineEnding, tree))
        // One top-level declaration at a time, so memory for layout stays that of the largest one.
        builder.sourceFile(tree.root.node) { printer.print($0) }
        printer.finish()
        return printer.output
    }

    /// Whether formatting would change the tree's text.
    public static func needsFormatting(_ tree: SyntaxTree, options: MOFFormatOptions = MOFFormatOptions()) -> Bool {
        format(tree, options: options)[...] != tree.source.text[tree.textRange]
    }

    static func lineEnding(_ choice: MOFFormatOptions.LineEnding, _ tree: SyntaxTree) -> [UInt8] {
        switch choice {
        case .lf: return [0x0A]
        case .crlf: return [0x0D, 0x0A]
        case .preserve: return dominantLineEnding(tree.source.text)
        }
    }

    /// The most frequent of LF, CRLF and CR in `text` (LF on a tie or when there is none).
    static func dominantLineEnding(_ text: [UInt8]) -> [UInt8] {
        var lf = 0, crlf = 0, cr = 0
        var i = 0
        while i < text.count {
            if text[i] == 0x0D {
                if i + 1 < text.count, text[i + 1] == 0x0A {
                    crlf += 1
                    i += 1
                } else {
                    cr += 1
                }
            } else if text[i] == 0x0A {
                lf += 1
            }
            i += 1
        }
        if crlf > lf, crlf >= cr { return [0x0D, 0x0A] }
        if cr > lf, cr > crlf { return [0x0D] }
        return [0x0A]
    }
}

/// Turns a syntax tree into a ``FormatDocument``.
///
/// Every node is walked as the ordered sequence of its own tokens and child nodes, so each token is
/// placed exactly once and in order whatever shape the tree has; the per-kind rules only choose the
/// separator before each element and where groups and indentation go. Comments travel with tokens:
/// those on the line of the token before them stay there (``trailing(after:)``), the others are put on
/// their own lines before the next token (``separator(_:before:lastGap:)``).
struct FormatDocumentBuilder {
    let tree: SyntaxTree
    let text: [UInt8]
    let tokens: [Token]

    init(tree: SyntaxTree) {
        self.tree = tree
        self.text = tree.source.text
        self.tokens = tree.tokens
    }

    typealias Document = FormatDocument

    // MARK: Elements

    /// A node's own token or one of its children.
    enum Element {
        case token(Int)
        case node(SyntaxNode)
    }

    /// The node's own tokens and children (those with tokens), in text order.
    func elements(of node: SyntaxNode) -> [Element] {
        var result: [Element] = []
        var next = node.tokenIndices.lowerBound
        for child in node.children {
            let range = child.tokenIndices
            if range.isEmpty { continue }  // a `.missing` marker
            while next < range.lowerBound {
                result.append(.token(next))
                next += 1
            }
            result.append(.node(child))
            next = max(next, range.upperBound)
        }
        while next < node.tokenIndices.upperBound {
            result.append(.token(next))
            next += 1
        }
        return result
    }

    func firstToken(_ element: Element) -> Int {
        switch element {
        case .token(let index): return index
        case .node(let node): return node.tokenIndices.lowerBound
        }
    }

    func tokenKind(_ element: Element) -> TokenKind? {
        if case .token(let index) = element { return tokens[index].kind }
        return nil
    }

    func nodeKind(_ element: Element) -> SyntaxKind? {
        if case .node(let node) = element { return node.kind }
        return nil
    }

    func document(_ element: Element) -> Document {
        switch element {
        case .token(let index): return token(index)
        case .node(let node): return build(node)
        }
    }

    // MARK: Tokens and comments

    /// A token with the comments that follow it on its line.
    func token(_ index: Int) -> Document {
        let trailing = trailing(after: index)
        if trailing.isEmpty { return .token(index) }
        return .sequence([.token(index)] + trailing)
    }

    /// The text between token `index - 1` (or the tree's start) and token `index`.
    func gap(before index: Int) -> Range<Int> {
        let start = index == 0 ? tree.textRange.lowerBound : Int(tokens[index - 1].end)
        let end = index < tokens.count ? Int(tokens[index].start) : tree.textRange.upperBound
        return start..<max(start, end)
    }

    /// Whether the gap may hold a comment (or a line continuation); most gaps are plain whitespace,
    /// and splitting those into trivia pieces is not needed.
    func mayHoldComment(_ gap: Range<Int>) -> Bool {
        text[gap].contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }
    }

    /// The number of line breaks in a gap without comments.
    func lineBreaks(in gap: Range<Int>) -> Int {
        text.withUnsafeBufferPointer { buffer in
            var count = 0
            var i = gap.lowerBound
            while i < gap.upperBound {
                if buffer[i] == 0x0A || buffer[i] == 0x0D {
                    count += 1
                    i += max(1, min(LineBreak.length(buffer, at: i), gap.upperBound - i))
                } else {
                    i += 1
                }
            }
            return count
        }
    }

    /// Comments between token `index` and the first line break after it.
    func trailing(after index: Int) -> [Document] {
        guard index + 1 < tokens.count, mayHoldComment(gap(before: index + 1)) else { return [] }
        var parts: [Document] = []
        for piece in tree.trivia(before: index + 1) {
            switch piece.kind {
            case .newline: return parts
            case .lineComment: parts += [.space, lineComment(piece.range)]
            case .blockComment: parts += [.space, blockComment(piece.range)]
            case .whitespace, .lineContinuation: break
            }
        }
        return parts
    }

    func lineComment(_ range: Range<Int>) -> Document {
        var end = range.upperBound
        while end > range.lowerBound, ByteClass.isBlank(text[end - 1]) { end -= 1 }
        return .lineComment(range.lowerBound..<end)
    }

    func blockComment(_ range: Range<Int>) -> Document {
        let multiline = text[range].contains { $0 == 0x0A || $0 == 0x0D }
        return .blockComment(range, multiline: multiline)
    }

    /// Comments on their own lines before token `index`, each with the number of line breaks before
    /// it, and the number of line breaks between the last of them (or the previous token) and the token.
    func leadingComments(before index: Int) -> (comments: [(range: Range<Int>, isLine: Bool, breaks: Int)], breaks: Int) {
        let gap = gap(before: index)
        guard mayHoldComment(gap) else { return ([], lineBreaks(in: gap)) }
        var comments: [(range: Range<Int>, isLine: Bool, breaks: Int)] = []
        var pastFirstBreak = index == 0  // at the start of the text nothing is trailing
        var breaks = 0
        for piece in tree.trivia(before: index) {
            switch piece.kind {
            case .newline:
                breaks += 1
                pastFirstBreak = true
            case .lineComment, .blockComment:
                guard pastFirstBreak else { continue }  // trailing the previous token
                comments.append((piece.range, piece.kind == .lineComment, breaks))
                breaks = 0
            case .whitespace, .lineContinuation:
                break
            }
        }
        return (comments, breaks)
    }

    /// Whether author's blank lines are kept.
    enum Blank {
        case never, keep, always

        func wanted(breaks: Int) -> Bool {
            switch self {
            case .never: return false
            case .keep: return breaks >= 2
            case .always: return true
            }
        }
    }

    /// What goes between two elements.
    enum Separator {
        case none, space, line, softline
        /// A line break; the blank policy applies to the first break (before any comments).
        case newline(Blank)
    }

    /// The separator before token `index` and the own-line comments before it. `lastGap` is the blank
    /// policy between the last comment and the token in a `.newline` context.
    func separator(_ separator: Separator, before index: Int, lastGap: Blank = .keep) -> Document {
        let (comments, breaksBeforeToken) = leadingComments(before: index)
        guard !comments.isEmpty else {
            switch separator {
            case .none: return .empty
            case .space: return .space
            case .line: return .line
            case .softline: return .softline
            case .newline(let blank): return .hardline(blank: blank.wanted(breaks: breaksBeforeToken))
            }
        }
        var isNewlineContext = false
        var parts: [Document] = []
        if case .newline(let blank) = separator {
            isNewlineContext = true
            if index > 0 { parts.append(.hardline(blank: blank.wanted(breaks: comments[0].breaks))) }
        } else if index > 0 {
            parts.append(.hardline(blank: false))
        }
        for (position, comment) in comments.enumerated() {
            if position > 0 { parts.append(gap(comments[position].breaks, isNewlineContext ? .keep : .never)) }
            parts.append(comment.isLine ? lineComment(comment.range) : blockComment(comment.range))
        }
        parts.append(gap(breaksBeforeToken, isNewlineContext ? lastGap : .never))
        return .sequence(parts)
    }

    /// Between two comments or a comment and a token: a space when the author kept them on one line.
    func gap(_ breaks: Int, _ blank: Blank) -> Document {
        breaks == 0 ? .space : .hardline(blank: blank == .never ? false : breaks >= 2)
    }

    /// The separator before a block's closing `}`: comments before it are indented with the body.
    func closingSeparator(before index: Int, bodyIsEmpty: Bool) -> Document {
        let (comments, breaksBeforeToken) = leadingComments(before: index)
        guard !comments.isEmpty else { return bodyIsEmpty ? .empty : .hardline(blank: false) }
        var inner: [Document] = [.hardline(blank: bodyIsEmpty ? false : comments[0].breaks >= 2)]
        for (position, comment) in comments.enumerated() {
            if position > 0 { inner.append(gap(comment.breaks, .keep)) }
            inner.append(comment.isLine ? lineComment(comment.range) : blockComment(comment.range))
        }
        let last: Document = breaksBeforeToken == 0 ? .space : .hardline(blank: false)
        return .sequence([.indent(.sequence(inner)), last])
    }

    // MARK: Nodes

    func build(_ node: SyntaxNode) -> Document {
        switch node.kind {
        case .sourceFile:
            var parts: [Document] = []
            sourceFile(node) { parts.append($0) }
            return .sequence(parts)
        case .classDeclaration, .instanceDeclaration, .instanceValue:
            return block(node)
        case .propertyDeclaration, .referenceDeclaration, .methodDeclaration, .parameter, .propertyAssignment:
            return member(node)
        case .qualifierList, .parameterList:
            return .group(bracketed(elements(of: node)))
        case .arrayValue:
            // Breaking a one-element array would not shorten anything: `{"long text"}` stays as it is.
            let elements = elements(of: node)
            if elements.count <= 3 { return spaced(elements) }
            return .group(bracketed(elements))
        case .qualifierParameter:
            let elements = elements(of: node)
            // `Name("a", "b")` lays out like an array; `Name(value)` and `Name{…}` stay as they are.
            if elements.count > 3, tokenKind(elements[0]) == .leftParen { return .group(bracketed(elements)) }
            return spaced(elements)
        case .literalValue:
            return literal(node)
        case .qualifierDeclaration:
            return qualifierDeclaration(node)
        default:
            return spaced(elements(of: node))
        }
    }

    /// Elements on one line, with MOF's usual spacing: a space between words, none inside brackets or
    /// before `,` `;` and before a parameter list, array specifier or qualifier value.
    func spaced(_ elements: [Element]) -> Document {
        var parts: [Document] = []
        var previous: Element?
        for element in elements {
            if let previous {
                parts.append(separator(spacing(previous, element), before: firstToken(element)))
            }
            parts.append(document(element))
            previous = element
        }
        return .sequence(parts)
    }

    func spacing(_ previous: Element, _ element: Element) -> Separator {
        switch tokenKind(previous) {
        case .leftParen, .leftBracket, .leftBrace: return .none
        default: break
        }
        switch tokenKind(element) {
        case .semicolon, .comma, .rightParen, .rightBracket, .rightBrace, .leftParen: return .none
        default: break
        }
        switch nodeKind(element) {
        case .arraySpecifier, .qualifierParameter, .parameterList, .pragmaArguments: return .none
        default: return .space
        }
    }

    /// `open item, item close`: flat as `[a, b]`, broken as one item per line, indented.
    func bracketed(_ elements: [Element]) -> Document {
        guard let first = elements.first, let openKind = tokenKind(first),
              openKind == .leftBracket || openKind == .leftParen || openKind == .leftBrace
        else { return spaced(elements) }
        var inner = Array(elements.dropFirst())
        var close: Element?
        if let last = inner.last, let kind = tokenKind(last), kind == .rightBracket || kind == .rightParen || kind == .rightBrace {
            close = inner.removeLast()
        }
        var parts: [Document] = [document(first)]
        var innerParts: [Document] = []
        for (position, element) in inner.enumerated() {
            let separator: Separator = position == 0 ? .softline : (tokenKind(element) == .comma ? .none : .line)
            innerParts.append(self.separator(separator, before: firstToken(element)))
            innerParts.append(document(element))
        }
        parts.append(.indent(.sequence(innerParts)))
        if let close {
            parts.append(separator(inner.isEmpty ? .none : .softline, before: firstToken(close)))
            parts.append(document(close))
        }
        return .sequence(parts)
    }

    /// The file, handed to `emit` one top-level declaration at a time (each with the separator and
    /// comments before it, and any stray `;` after it). Every chunk ends where a line break follows, so
    /// the chunks can be printed one by one with the same result as all at once.
    func sourceFile(_ node: SyntaxNode, emit: (Document) -> Void) {
        var parts: [Document] = []
        var previous: Element?
        for element in elements(of: node) {
            if !parts.isEmpty, !isStraySemicolon(element) {
                emit(.sequence(parts))
                parts.removeAll()
            }
            let first = firstToken(element)
            if tokenKind(element) == .endOfFile {
                // Comments at the end of the file; the printer ends the text with a line break.
                parts.append(separator(.newline(.keep), before: first))
                continue
            }
            if let previous {
                let separator: Separator
                if isStraySemicolon(element) {
                    separator = .none
                } else if nodeKind(previous) == .pragmaDirective || nodeKind(element) == .pragmaDirective {
                    separator = .newline(.keep)  // runs of pragmas may stay together
                } else {
                    separator = .newline(.always)
                }
                parts.append(self.separator(separator, before: first))
            } else {
                parts.append(separator(.newline(.keep), before: first))  // at the start: nothing before
            }
            parts.append(document(element))
            previous = element
        }
        if !parts.isEmpty { emit(.sequence(parts)) }
    }

    /// An `.unexpected` node that is just `;` (an extra semicolon, a warning): kept after what precedes it.
    func isStraySemicolon(_ element: Element) -> Bool {
        guard case .node(let node) = element, node.kind == .unexpected else { return false }
        let range = node.tokenIndices
        return range.count == 1 && tokens[range.lowerBound].kind == .semicolon
    }

    /// Classes and instances: `[qualifiers]` on its own line, the header, `{`, members one per line
    /// indented, `};`.
    func block(_ node: SyntaxNode) -> Document {
        let elements = elements(of: node)
        guard let open = elements.firstIndex(where: { tokenKind($0) == .leftBrace }) else { return spaced(elements) }
        var close = elements.lastIndex { tokenKind($0) == .rightBrace } ?? elements.count
        if close < open { close = elements.count }

        var parts: [Document] = []
        var headerStart = 0
        if nodeKind(elements[0]) == .qualifierList {
            parts.append(document(elements[0]))
            if elements.count > 1 { parts.append(separator(.newline(.never), before: firstToken(elements[1]))) }
            headerStart = 1
        }
        if headerStart <= open {
            parts.append(spaced(Array(elements[headerStart...open])))
        }

        let members = elements[(open + 1)..<close]
        var body: [Document] = []
        var isFirst = true
        for member in members {
            let first = firstToken(member)
            if isStraySemicolon(member) && !isFirst {
                body.append(separator(.none, before: first))
            } else {
                body.append(separator(.newline(isFirst ? .never : .keep), before: first))
            }
            body.append(document(member))
            isFirst = false
        }
        parts.append(.indent(.sequence(body)))

        if close < elements.count {
            var closing = closingSeparator(before: firstToken(elements[close]), bodyIsEmpty: members.isEmpty)
            if case .empty = closing, !trailing(after: firstToken(elements[open])).isEmpty {
                closing = .space  // `{ /* note */ }`
            }
            parts.append(closing)
            parts.append(document(elements[close]))
            var previous = elements[close]
            for element in elements[(close + 1)...] {
                parts.append(separator(spacing(previous, element), before: firstToken(element)))
                parts.append(document(element))
                previous = element
            }
        }
        return .sequence(parts)
    }

    /// Properties, references, methods, parameters and property assignments. The qualifier list, type
    /// and name form one group: on one line when they fit, else the list is broken one qualifier per
    /// line and the declaration starts on the line after `]`. The value or parameter list follows.
    func member(_ node: SyntaxNode) -> Document {
        let elements = elements(of: node)
        guard let first = elements.first, nodeKind(first) == .qualifierList, elements.count > 1 else {
            return spaced(elements)
        }
        guard case .node(let list) = first else { return spaced(elements) }
        // The head ends before the value, the parameter list or the `;`.
        var headEnd = 1
        while headEnd < elements.count {
            let element = elements[headEnd]
            if nodeKind(element) == .defaultValue || nodeKind(element) == .parameterList
                || tokenKind(element) == .equals || tokenKind(element) == .semicolon
            {
                break
            }
            headEnd += 1
        }
        var head: [Document] = [bracketed(self.elements(of: list))]
        for index in 1..<headEnd {
            let element = elements[index]
            let separator = index == 1 ? .line : spacing(elements[index - 1], element)
            head.append(self.separator(separator, before: firstToken(element)))
            head.append(document(element))
        }
        var parts: [Document] = [.group(.sequence(head))]
        for index in headEnd..<elements.count {
            let element = elements[index]
            parts.append(separator(spacing(elements[index - 1], element), before: firstToken(element)))
            parts.append(document(element))
        }
        return .sequence(parts)
    }

    /// A literal; adjacent string literals stay separate, one per line, aligned under the first.
    func literal(_ node: SyntaxNode) -> Document {
        let elements = elements(of: node)
        guard elements.count > 1 else { return spaced(elements) }
        var parts: [Document] = []
        for (position, element) in elements.enumerated() {
            if position > 0 { parts.append(separator(.newline(.never), before: firstToken(element), lastGap: .never)) }
            parts.append(document(element))
        }
        return .align(.sequence(parts))
    }

    /// `qualifier Name : type = value, scope(…), flavor(…);` — the clauses move to indented lines
    /// when the declaration is too long.
    func qualifierDeclaration(_ node: SyntaxNode) -> Document {
        let elements = elements(of: node)
        var parts: [Document] = []
        var previous: Element?
        for element in elements {
            guard let before = previous else {
                parts.append(document(element))
                previous = element
                continue
            }
            let first = firstToken(element)
            if tokenKind(before) == .comma, nodeKind(element) == .scopeClause || nodeKind(element) == .flavorClause {
                parts.append(.indent(.sequence([separator(.line, before: first), document(element)])))
            } else {
                parts.append(separator(spacing(before, element), before: first))
                parts.append(document(element))
            }
            previous = element
        }
        return .group(.sequence(parts))
    }
}
