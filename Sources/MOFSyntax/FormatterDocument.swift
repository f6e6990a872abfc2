/// The layout document the formatter builds from a syntax tree and then prints: a small variant of
/// Wadler's "prettier printer" algebra. Tokens and comments are byte ranges of the source text, so
/// the printer copies them verbatim and can only change what lies between them.
indirect enum FormatDocument: Sendable {
    case empty
    /// A token, by index into the tree's tokens.
    case token(Int)
    /// `/* … */`, copied verbatim (inner line breaks included).
    case blockComment(Range<Int>, multiline: Bool)
    /// `// …` without trailing blanks; the line ends after it.
    case lineComment(Range<Int>)
    /// One space, dropped at the start of a line.
    case space
    /// A space, or a line break when the enclosing group is broken.
    case line
    /// Nothing, or a line break when the enclosing group is broken.
    case softline
    /// Always a line break, optionally leaving one blank line.
    case hardline(blank: Bool)
    /// Line breaks inside are indented one more level.
    case indent(FormatDocument)
    /// Line breaks inside are indented to the column where this starts.
    case align(FormatDocument)
    /// Printed flat when it fits in the line width and holds nothing that forces a break.
    case group(FormatDocument, forcesBreak: Bool)
    case concat([FormatDocument], forcesBreak: Bool)

    /// Whether printing this always breaks a line (a hard line break or a line comment inside), which
    /// forces every enclosing group to break.
    var forcesBreak: Bool {
        switch self {
        case .empty, .token, .space, .line, .softline: return false
        case .blockComment(_, let multiline): return multiline
        case .lineComment, .hardline: return true
        case .indent(let content), .align(let content): return content.forcesBreak
        case .group(_, let forces), .concat(_, let forces): return forces
        }
    }

    /// Concatenation, with empty parts dropped and the break flag computed once.
    static func sequence(_ parts: [FormatDocument]) -> FormatDocument {
        var kept: [FormatDocument] = []
        kept.reserveCapacity(parts.count)
        var forces = false
        for part in parts {
            if case .empty = part { continue }
            if part.forcesBreak { forces = true }
            kept.append(part)
        }
        if kept.isEmpty { return .empty }
        if kept.count == 1 { return kept[0] }
        return .concat(kept, forcesBreak: forces)
    }

    static func group(_ content: FormatDocument) -> FormatDocument {
        if case .empty = content { return .empty }
        return .group(content, forcesBreak: content.forcesBreak)
    }
}

/// Prints ``FormatDocument``s: chooses flat or broken layout for each group (flat when the group and
/// what follows it up to the next possible line break fit in the width) and indents lazily so that no
/// line ends in blanks. Call ``print(_:)`` for each part in order, then ``finish()``.
struct FormatPrinter {
    let text: [UInt8]
    let tokens: [Token]
    let lineWidth: Int
    let indentWidth: Int
    let lineEnding: [UInt8]

    private(set) var output: [UInt8] = []
    private var column = 0
    /// Line breaks requested but not yet written (2 = leave a blank line); written before the next text.
    private var pendingBreaks = 0
    /// The indentation of the pending line break (nil after a line comment: the next item's own).
    private var pendingIndent: Int?
    private var pendingSpace = false

    init(text: [UInt8], tokens: [Token], lineWidth: Int, indentWidth: Int, lineEnding: [UInt8]) {
        self.text = text
        self.tokens = tokens
        self.lineWidth = lineWidth
        self.indentWidth = indentWidth
        self.lineEnding = lineEnding
        output.reserveCapacity(text.count + text.count / 8)
    }

    private struct Command {
        var indent: Int
        var flat: Bool
        var document: FormatDocument
    }

    mutating func print(_ document: FormatDocument) {
        var stack = [Command(indent: 0, flat: false, document: document)]
        while let command = stack.popLast() {
            let indent = command.indent
            switch command.document {
            case .empty:
                break
            case .token(let index):
                let range = tokens[index].range
                if !range.isEmpty { write(range, indent: indent) }
            case .blockComment(let range, _):
                write(range, indent: indent)
            case .lineComment(let range):
                write(range, indent: indent)
                pendingBreaks = max(pendingBreaks, 1)
            case .space:
                requestSpace()
            case .line:
                if command.flat { requestSpace() } else { requestBreak(indent: indent, blank: false) }
            case .softline:
                if !command.flat { requestBreak(indent: indent, blank: false) }
            case .hardline(let blank):
                requestBreak(indent: indent, blank: blank)
            case .indent(let content):
                stack.append(Command(indent: indent + indentWidth, flat: command.flat, document: content))
            case .align(let content):
                stack.append(Command(indent: currentColumn(indent: indent), flat: command.flat, document: content))
            case .group(let content, let forcesBreak):
                var flat = command.flat
                if !flat, !forcesBreak {
                    flat = fits(content, rest: stack, width: lineWidth - currentColumn(indent: indent))
                }
                stack.append(Command(indent: indent, flat: flat, document: content))
            case .concat(let parts, _):
                for part in parts.reversed() {
                    stack.append(Command(indent: indent, flat: command.flat, document: part))
                }
            }
        }
    }

    /// Ends the text with one line break (an empty text stays empty).
    mutating func finish() {
        if !output.isEmpty { output.append(contentsOf: lineEnding) }
        pendingBreaks = 0
        pendingSpace = false
    }

    /// The column the next text would start at.
    private func currentColumn(indent: Int) -> Int {
        if pendingBreaks > 0 { return pendingIndent ?? indent }
        return column + (pendingSpace ? 1 : 0)
    }

    private mutating func requestSpace() {
        if pendingBreaks == 0, !output.isEmpty { pendingSpace = true }
    }

    private mutating func requestBreak(indent: Int, blank: Bool) {
        pendingBreaks = max(pendingBreaks, blank ? 2 : 1)
        pendingIndent = indent
        pendingSpace = false
    }

    private mutating func write(_ range: Range<Int>, indent: Int) {
        if pendingBreaks > 0 {
            if !output.isEmpty {
                for _ in 0..<pendingBreaks { output.append(contentsOf: lineEnding) }
                let spaces = pendingIndent ?? indent
                output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: spaces))
                column = spaces
            }
            pendingBreaks = 0
            pendingIndent = nil
        } else if pendingSpace {
            output.append(UInt8(ascii: " "))
            column += 1
        }
        pendingSpace = false
        output.append(contentsOf: text[range])
        // Columns count Unicode scalars; a block comment may span lines.
        for byte in text[range] {
            if byte == 0x0A || byte == 0x0D {
                column = 0
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
    }

    /// Whether `document` printed flat, followed by the rest of the stack up to its next line break,
    /// fits in `width` columns.
    private func fits(_ document: FormatDocument, rest: [Command], width: Int) -> Bool {
        var remaining = width
        var commands = [Command(indent: 0, flat: true, document: document)]
        var restIndex = rest.count
        while remaining >= 0 {
            guard let command = commands.popLast() else {
                if restIndex == 0 { return true }
                restIndex -= 1
                commands.append(rest[restIndex])
                continue
            }
            switch command.document {
            case .empty:
                break
            case .token(let index):
                remaining -= Self.width(text, tokens[index].range)
            case .blockComment(let range, let multiline):
                if multiline { return true }
                remaining -= Self.width(text, range)
            case .lineComment, .hardline:
                return true
            case .space:
                remaining -= 1
            case .line:
                if !command.flat { return true }
                remaining -= 1
            case .softline:
                if !command.flat { return true }
            case .indent(let content), .align(let content):
                commands.append(Command(indent: 0, flat: command.flat, document: content))
            case .group(let content, let forcesBreak):
                commands.append(Command(indent: 0, flat: command.flat && !forcesBreak, document: content))
            case .concat(let parts, _):
                for part in parts.reversed() {
                    commands.append(Command(indent: 0, flat: command.flat, document: part))
                }
            }
        }
        return false
    }

    /// Display width: Unicode scalars (UTF-8 lead bytes).
    static func width(_ text: [UInt8], _ range: Range<Int>) -> Int {
        var count = 0
        for byte in text[range] where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
