import MofkitSource

/// A parsed file: a lossless syntax tree plus the diagnostics found while building it.
///
/// The tree is compact: tokens are byte ranges of ``source``'s one text buffer, nodes sit in a flat
/// preorder array, and trivia (whitespace, comments) is simply the text between two tokens, split
/// into pieces on demand by ``trivia(before:)``. Printing the tokens and the gaps between them gives
/// the input back byte for byte. Use ``root`` and the typed views (``ClassDeclSyntax``,
/// ``InstanceDeclSyntax``, …) to read it.
///
/// A tree produced by ``MOFParser/parseDeclarations(_:_:)`` covers one top-level declaration (and the
/// trivia before it) rather than the whole file.
public struct SyntaxTree: Sendable {
    final class Storage: Sendable {
        let source: SourceFile
        let tokens: [Token]
        let nodes: [RawNode]
        let diagnostics: [Diagnostic]
        /// Text offset where this tree's text starts (0 for a whole file).
        let textStart: Int
        /// Whether the tree holds a `#pragma include` (so the loader looks at pragmas only then).
        let hasIncludePragma: Bool

        init(source: SourceFile, tokens: [Token], nodes: [RawNode], diagnostics: [Diagnostic], textStart: Int,
             hasIncludePragma: Bool = false) {
            self.source = source
            self.tokens = tokens
            self.nodes = nodes
            self.diagnostics = diagnostics
            self.textStart = textStart
            self.hasIncludePragma = hasIncludePragma
        }
    }

    let storage: Storage

    init(storage: Storage) {
        self.storage = storage
    }

    /// The decoded file this tree was parsed from.
    public var source: SourceFile { storage.source }
    /// Whether the tree holds a `#pragma include` (a loader follows it; a reader that does not
    /// follow includes can tell from this that a file has any).
    public var hasIncludePragma: Bool { storage.hasIncludePragma }
    /// Lexical and syntax problems found while parsing (decoding problems are in
    /// `source.decodingDiagnostics`).
    public var diagnostics: [Diagnostic] { storage.diagnostics }
    /// Every token, in order; the last one of a whole-file tree is `.endOfFile`.
    public var tokens: [Token] { storage.tokens }
    /// The number of nodes.
    public var nodeCount: Int { storage.nodes.count }
    /// The text range this tree covers (the whole text for a whole-file tree).
    public var textRange: Range<Int> {
        storage.textStart..<(storage.tokens.last.map { Int($0.end) } ?? storage.textStart)
    }

    /// The root node (`.sourceFile`).
    public var root: SourceFileSyntax { SourceFileSyntax(SyntaxNode(tree: self, index: 0)) }

    /// The nodes in preorder: a node's descendants follow it up to its `subtreeEnd`, its tokens are
    /// `tokens[firstToken..<endToken]`. For readers that walk the tree by index without a view or
    /// ``SyntaxNode`` per node (the semantic model builder reads millions of nodes).
    public var rawNodes: [RawNode] { storage.nodes }

    /// The node at `index` of ``rawNodes``.
    public func node(at index: Int) -> SyntaxNode { SyntaxNode(tree: self, index: index) }

    /// The tree printed back: for a whole-file tree, `source.encode(printedText())` equals the input bytes.
    public func printedText() -> [UInt8] {
        let text = storage.source.text
        var out: [UInt8] = []
        out.reserveCapacity(textRange.count)
        var cursor = storage.textStart
        for token in storage.tokens {
            out.append(contentsOf: text[cursor..<Int(token.start)])  // trivia
            out.append(contentsOf: text[token.range])
            cursor = Int(token.end)
        }
        return out
    }

    /// The trivia (whitespace and comments) before token `index`, split into pieces.
    public func trivia(before index: Int) -> [TriviaPiece] {
        let start = index == 0 ? storage.textStart : Int(storage.tokens[index - 1].end)
        let end = index < storage.tokens.count ? Int(storage.tokens[index].start) : textRange.upperBound
        return TriviaPiece.split(storage.source.text, start..<end)
    }

    /// The text of a token.
    public func text(of token: Token) -> String {
        String(decoding: storage.source.text[token.range], as: UTF8.self)
    }

    /// A stable, indented text dump of the tree, for debugging and golden tests: one line per node
    /// (`kind line:col-line:col`) and per token (`kind "text" line:col-line:col`), missing tokens as
    /// `missing <kind>`, diagnostics at the end.
    public func dump() -> String {
        var out = ""
        let nodes = storage.nodes
        guard !nodes.isEmpty else { return out }
        let source = storage.source
        func place(_ start: Int, _ end: Int) -> String {
            let a = source.location(at: start)
            let b = source.location(at: end)
            return "\(a.line):\(a.column)-\(b.line):\(b.column)"
        }
        func escaped(_ token: Token) -> String {
            var s = ""
            for scalar in text(of: token).unicodeScalars {
                switch scalar {
                case "\\": s += "\\\\"
                case "\"": s += "\\\""
                case "\n": s += "\\n"
                case "\r": s += "\\r"
                case "\t": s += "\\t"
                default:
                    if scalar.value < 0x20 {
                        s += "\\u{\(String(scalar.value, radix: 16))}"
                    } else {
                        s.unicodeScalars.append(scalar)
                    }
                }
            }
            return s
        }
        // Walk nodes in preorder; emit a node's own tokens between its children.
        func emit(_ index: Int, depth: Int) {
            let node = nodes[index]
            let indent = String(repeating: "  ", count: depth)
            if node.kind == .missing {
                let kind = TokenKind(rawValue: node.detail) ?? .unknown
                let at = node.firstToken > 0 ? Int(storage.tokens[Int(node.firstToken) - 1].end) : storage.textStart
                out += "\(indent)missing \(kind) \(place(at, at))\n"
                return
            }
            let first = Int(node.firstToken)
            let end = Int(node.endToken)
            let startOffset = first < end ? Int(storage.tokens[first].start) : (first > 0 ? Int(storage.tokens[first - 1].end) : storage.textStart)
            let endOffset = first < end ? Int(storage.tokens[end - 1].end) : startOffset
            out += "\(indent)\(node.kind) \(place(startOffset, endOffset))\n"
            var tokenIndex = first
            var child = index + 1
            let subtreeEnd = Int(node.subtreeEnd)
            func emitTokens(upTo limit: Int) {
                while tokenIndex < limit {
                    let token = storage.tokens[tokenIndex]
                    out += "\(indent)  \(token.kind) \"\(escaped(token))\" \(place(Int(token.start), Int(token.end)))\n"
                    tokenIndex += 1
                }
            }
            while child < subtreeEnd {
                emitTokens(upTo: Int(nodes[child].firstToken))
                emit(child, depth: depth + 1)
                tokenIndex = max(tokenIndex, Int(nodes[child].endToken))
                child = Int(nodes[child].subtreeEnd)
            }
            emitTokens(upTo: end)
        }
        emit(0, depth: 0)
        for diagnostic in storage.diagnostics {
            out += "diagnostic \(diagnostic.code) \(diagnostic.severity) \(diagnostic.range.start.line):\(diagnostic.range.start.column): \(diagnostic.message)\n"
        }
        return out
    }
}

/// One piece of trivia: the text between two tokens, split for the formatter.
public struct TriviaPiece: Sendable, Hashable {
    /// What a piece of trivia is.
    public enum Kind: Sendable, Hashable {
        /// Spaces, tabs, vertical tabs, form feeds.
        case whitespace
        /// One line break (LF, CRLF, CR or CR CR LF).
        case newline
        /// `// …` up to (not including) the line break.
        case lineComment
        /// `/* … */` (possibly unterminated, running to the end of the text).
        case blockComment
        /// A backslash and the line break after it, outside a string (a C-style continuation).
        case lineContinuation
    }

    /// What the piece is.
    public var kind: Kind
    /// The byte range in `SourceFile.text`.
    public var range: Range<Int>

    /// Splits `text[range]`, which must be trivia as the lexer skips it.
    static func split(_ text: [UInt8], _ range: Range<Int>) -> [TriviaPiece] {
        var pieces: [TriviaPiece] = []
        text.withUnsafeBufferPointer { buffer in
            var i = range.lowerBound
            let end = range.upperBound
            while i < end {
                let start = i
                let byte = buffer[i]
                if byte == 0x0A || byte == 0x0D {
                    i += min(LineBreak.length(buffer, at: i), end - i)
                    pieces.append(TriviaPiece(kind: .newline, range: start..<i))
                } else if byte == UInt8(ascii: "/"), i + 1 < end, buffer[i + 1] == UInt8(ascii: "/") {
                    while i < end, buffer[i] != 0x0A, buffer[i] != 0x0D { i += 1 }
                    pieces.append(TriviaPiece(kind: .lineComment, range: start..<i))
                } else if byte == UInt8(ascii: "/"), i + 1 < end, buffer[i + 1] == UInt8(ascii: "*") {
                    i += 2
                    while i + 1 < end, !(buffer[i] == UInt8(ascii: "*") && buffer[i + 1] == UInt8(ascii: "/")) { i += 1 }
                    i = min(end, i + 2)
                    pieces.append(TriviaPiece(kind: .blockComment, range: start..<i))
                } else if byte == UInt8(ascii: "\\"), i + 1 < end {
                    i += 1 + min(LineBreak.length(buffer, at: i + 1), end - i - 1)
                    pieces.append(TriviaPiece(kind: .lineContinuation, range: start..<i))
                } else {
                    while i < end, ByteClass.isBlank(buffer[i]) { i += 1 }
                    if i == start { i += 1 }  // input-unreachable: the lexer only leaves trivia here
                    pieces.append(TriviaPiece(kind: .whitespace, range: start..<i))
                }
            }
        }
        return pieces
    }
}

/// Entry points of the parser.
public enum MOFParser {
    /// Parses one file. Never throws: problems become diagnostics and missing/unexpected nodes.
    public static func parse(_ source: SourceFile) -> SyntaxTree {
        var result: SyntaxTree?
        source.text.withUnsafeBufferPointer { buffer in
            var parser = Parser(source: source, text: buffer)
            parser.run(streaming: false) { result = $0 }
        }
        // input-unreachable: run always emits the final tree
        return result ?? SyntaxTree(storage: .init(source: source, tokens: [], nodes: [], diagnostics: [], textStart: 0))
    }

    /// Parses one file, handing over one tree per top-level declaration (in order, with the trivia
    /// before it; the last tree also holds the end of file). Memory stays proportional to the largest
    /// declaration, not the file: use this for checking large files.
    public static func parseDeclarations(_ source: SourceFile, _ body: (SyntaxTree) -> Void) {
        source.text.withUnsafeBufferPointer { buffer in
            var parser = Parser(source: source, text: buffer)
            parser.run(streaming: true, emit: body)
        }
    }

    /// ``parseDeclarations(_:_:)`` for re-parsing an edited text from where it changes: starts at
    /// `resumePoint` (one an earlier parse handed out, at or before the first changed byte; `nil`:
    /// the start) and hands each tree over with the point after it, if parsing can resume there.
    ///
    /// A resume point is the text offset after a top-level declaration where the parser carries
    /// nothing over into the next one, so parsing from it gives the same trees and diagnostics as
    /// parsing from the start. It stays valid for an edited text as long as the text before it,
    /// and the declaration after it (which the parser may have looked into), are unchanged.
    public static func parseDeclarations(
        _ source: SourceFile, resumingAt resumePoint: Int?, _ body: (SyntaxTree, _ resumePoint: Int?) -> Void
    ) {
        source.text.withUnsafeBufferPointer { buffer in
            var parser = Parser(source: source, text: buffer)
            if let resumePoint, resumePoint > 0, resumePoint <= buffer.count { parser.resume(at: resumePoint) }
            parser.run(streaming: true, emit: body)
        }
    }
}
