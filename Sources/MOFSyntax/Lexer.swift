import MofkitSource

/// Splits UTF-8 MOF text into tokens on demand. Whitespace and comments are skipped (they stay in the
/// text as the gaps between tokens); problems are queued in ``problems`` for the parser to collect.
struct Lexer {
    let text: UnsafeBufferPointer<UInt8>
    var position: Int = 0
    var problems: [PendingDiagnostic] = []

    init(text: UnsafeBufferPointer<UInt8>) {
        self.text = text
    }

    /// The next token; at the end, `.endOfFile` (repeatedly).
    @inline(__always)  // into the parser's lexing loop, so that its state stays in registers
    mutating func next() -> Token {
        let count = text.count
        // Plain whitespace is skipped here; comments and continuations (rarer) in `skipTrivia`.
        var start = position
        while start < count, ByteClass.isWhitespace(text[start]) { start += 1 }
        position = start
        if start < count, text[start] == UInt8(ascii: "/") || text[start] == UInt8(ascii: "\\") {
            skipTrivia()
            start = position
        }
        guard start < count else { return Token(kind: .endOfFile, start: count, end: count) }
        let byte = text[start]
        switch byte {
        case UInt8(ascii: "{"): position += 1; return Token(kind: .leftBrace, start: start, end: start + 1)
        case UInt8(ascii: "}"): position += 1; return Token(kind: .rightBrace, start: start, end: start + 1)
        case UInt8(ascii: "("): position += 1; return Token(kind: .leftParen, start: start, end: start + 1)
        case UInt8(ascii: ")"): position += 1; return Token(kind: .rightParen, start: start, end: start + 1)
        case UInt8(ascii: "["): position += 1; return Token(kind: .leftBracket, start: start, end: start + 1)
        case UInt8(ascii: "]"): position += 1; return Token(kind: .rightBracket, start: start, end: start + 1)
        case UInt8(ascii: ";"): position += 1; return Token(kind: .semicolon, start: start, end: start + 1)
        case UInt8(ascii: ","): position += 1; return Token(kind: .comma, start: start, end: start + 1)
        case UInt8(ascii: ":"): position += 1; return Token(kind: .colon, start: start, end: start + 1)
        case UInt8(ascii: "="): position += 1; return Token(kind: .equals, start: start, end: start + 1)
        case UInt8(ascii: "\""): return lexString()
        case UInt8(ascii: "'"): return lexChar16()
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return lexNumber()
        case UInt8(ascii: "."):
            if start + 1 < count, ByteClass.isDigit(text[start + 1]) { return lexNumber() }
            return lexStray()
        case UInt8(ascii: "-"), UInt8(ascii: "+"):
            if start + 1 < count {
                let next = text[start + 1]
                if ByteClass.isDigit(next) { return lexNumber() }
                if next == UInt8(ascii: "."), start + 2 < count, ByteClass.isDigit(text[start + 2]) { return lexNumber() }
            }
            return lexStray()
        case UInt8(ascii: "$"):
            if start + 1 < count, ByteClass.isIdentifierStart(text[start + 1]) {
                position = start + 2
                while position < count, ByteClass.isIdentifierContinue(text[position]) { position += 1 }
                return Token(kind: .aliasIdentifier, start: start, end: position)
            }
            position += 1
            report(SyntaxCode.expectedAliasName, "expected alias name after '$'", start..<start + 1)
            return Token(kind: .unknown, start: start, end: start + 1, flags: TokenFlags.malformed)
        case UInt8(ascii: "#"):
            var i = start + 1
            while i < count, ByteClass.isBlank(text[i]) { i += 1 }
            if i + 6 <= count, text.equalsLowercaseKeyword(i..<i + 6, "pragma"),
               i + 6 == count || !ByteClass.isIdentifierContinue(text[i + 6])
            {
                position = i + 6
                return Token(kind: .pragmaKeyword, start: start, end: position)
            }
            return lexStray()
        default:
            if ByteClass.isIdentifierStart(byte) {
                let end = identifierEnd(from: start + 1)
                position = end
                return Token(kind: .identifier, start: start, end: end)
            }
            return lexStray()
        }
    }

    /// Where the identifier characters that start at `i` end: eight bytes at a time while eight
    /// remain, then byte by byte.
    @inline(__always)
    func identifierEnd(from i: Int) -> Int {
        let count = text.count
        var end = i
        if let base = text.baseAddress {
            while end + 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self))
                let stops = ByteClass.nonIdentifierBytes(word)
                if stops != 0 { return end + stops.trailingZeroBitCount >> 3 }
                end += 8
            }
        }
        while end < count, ByteClass.isIdentifierContinue(text[end]) { end += 1 }
        return end
    }

    // MARK: Trivia

    /// Skips whitespace and comments; an unterminated block comment runs to the end of the text.
    mutating func skipTrivia() {
        let count = text.count
        var i = position  // a local, so that the loops keep it in a register
        defer { position = i }
        while i < count {
            let byte = text[i]
            if ByteClass.isWhitespace(byte) {
                i += 1
            } else if byte == UInt8(ascii: "\\"), i + 1 < count, text[i + 1] == 0x0A || text[i + 1] == 0x0D {
                // A C-style line continuation outside a string: WDK MOFs have them; mofcomp skips them.
                report(SyntaxCode.lineContinuation, "backslash line continuation outside a string literal (ignored)",
                       i..<i + 1, severity: .warning)
                i += 1 + LineBreak.length(text, at: i + 1)
            } else if byte == UInt8(ascii: "/"), i + 1 < count {
                let next = text[i + 1]
                if next == UInt8(ascii: "/") {
                    i += 2
                    while i < count, text[i] != 0x0A, text[i] != 0x0D { i += 1 }
                } else if next == UInt8(ascii: "*") {
                    let start = i
                    i += 2
                    var closed = false
                    while i + 1 < count {
                        if text[i] == UInt8(ascii: "*"), text[i + 1] == UInt8(ascii: "/") {
                            closed = true
                            break
                        }
                        i += 1
                    }
                    if closed {
                        i += 2
                    } else {
                        i = count
                        report(SyntaxCode.unterminatedComment, "unterminated block comment", start..<start + 2,
                               notes: [.init(message: "the comment runs to the end of the file", range: nil)])
                    }
                } else {
                    return
                }
            } else {
                return
            }
        }
    }

    // MARK: Literals

    mutating func lexStray() -> Token {
        let count = text.count
        let start = position
        position += 1
        // A run of stray bytes is one token and one diagnostic.
        while position < count, Lexer.isStray(text, position) { position += 1 }
        let onlyNUL = text[start..<position].allSatisfy { $0 == 0 }
        if !onlyNUL {  // NUL bytes are already reported by the decoder
            let shown = text[start..<min(position, start + 8)].map(ByteClass.describe).joined()
            let message = position - start == 1
                ? "unexpected character '\(shown)'"
                : "unexpected characters '\(shown)\(position - start > 8 ? "…" : "")'"
            report(SyntaxCode.unexpectedCharacter, message, start..<position)
        }
        return Token(kind: .unknown, start: start, end: position, flags: TokenFlags.malformed)
    }

    static func isStray(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let byte = text[i]
        if byte >= 0x80 || ByteClass.isIdentifierContinue(byte) { return false }
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return false
        case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "="),
             UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "$"), UInt8(ascii: "#"), UInt8(ascii: "/"),
             UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            return false
        default: return true
        }
    }

    /// Validates the escape sequence at `i` (a backslash); returns its length.
    mutating func scanEscape(at i: Int) -> Int {
        let count = text.count
        guard i + 1 < count else {
            report(SyntaxCode.invalidEscape, "backslash at end of file", i..<i + 1, severity: .warning)
            return 1
        }
        let next = text[i + 1]
        switch next {
        case UInt8(ascii: "b"), UInt8(ascii: "t"), UInt8(ascii: "n"), UInt8(ascii: "f"), UInt8(ascii: "r"),
             UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"):
            return 2
        case UInt8(ascii: "x"), UInt8(ascii: "X"):
            var j = i + 2
            while j < count, j < i + 6, ByteClass.isHexDigit(text[j]) { j += 1 }
            if j == i + 2 {
                report(SyntaxCode.invalidEscape, "\\\(ByteClass.describe(next)) used with no following hex digits", i..<i + 2,
                       severity: .warning)
            }
            return j - i
        case 0x0A, 0x0D:
            report(SyntaxCode.invalidEscape, "backslash at end of line inside a string literal", i..<i + 1, severity: .warning,
                   notes: [.init(message: "write '\\\\' for a backslash", range: nil)])
            return 1
        default:
            let length = next >= 0x80 ? 1 + max(0, UTF8SequenceLength.of(next) - 1) : 1
            let shown = next >= 0x80
                ? String(decoding: text[(i + 1)..<min(count, i + 1 + length)], as: UTF8.self)
                : ByteClass.describe(next)
            report(SyntaxCode.invalidEscape, "unknown escape sequence '\\\(shown)'", i..<min(count, i + 1 + length),
                   severity: .warning,
                   notes: [.init(message: "the backslash is kept; write '\\\\' for a backslash", range: nil)])
            return min(1 + length, count - i)
        }
    }

    mutating func lexString() -> Token {
        let count = text.count
        let start = position
        var i = start + 1
        var flags: UInt8 = 0
        var breaks: [Range<Int>] = []
        while true {
            i = stringContentEnd(from: i)
            if i >= count {
                report(SyntaxCode.unterminatedString, "unterminated string literal", start..<start + 1)
                flags |= TokenFlags.malformed
                break
            }
            let byte = text[i]
            if byte == UInt8(ascii: "\"") { i += 1; break }
            if byte == UInt8(ascii: "\\") {
                flags |= TokenFlags.hasEscapes
                i = min(count, i + scanEscape(at: i))
                continue
            }
            if byte == 0x0A || byte == 0x0D {
                let breakLength = LineBreak.length(text, at: i)
                if Lexer.lineClosesString(text, from: i + breakLength) {
                    breaks.append(i..<i + breakLength)
                    flags |= TokenFlags.hasLineBreak | TokenFlags.malformed
                    i += breakLength
                    continue
                }
                report(SyntaxCode.unterminatedString, "unterminated string literal", start..<start + 1,
                       notes: [.init(message: "the line ends before the closing '\"'", range: i..<i)])
                flags |= TokenFlags.malformed
                break
            }
            i += 1
        }
        position = i
        for lineBreak in breaks { reportBrokenString(start..<i, at: lineBreak) }
        return Token(kind: .string, start: start, end: i, flags: flags)
    }

    /// The first offset from `i` that holds `"`, `\\`, a byte below 0x0E (LF and CR among them) or
    /// the end of the text: plain string content is skipped eight bytes at a time.
    @inline(__always)
    func stringContentEnd(from i: Int) -> Int {
        let count = text.count
        var end = i
        guard let base = text.baseAddress else { return end }
        let ones: UInt64 = 0x0101_0101_0101_0101
        while end + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self))
            // 0x80 at a byte below 0x0E (exact for the lowest such byte), at `"` and at `\\`.
            let control = (word &- 0x0E &* ones) & ~word
            let stops = (control | ByteClass.zeroBytes(word ^ (0x22 &* ones)) | ByteClass.zeroBytes(word ^ (0x5C &* ones)))
                & 0x8080_8080_8080_8080
            if stops != 0 { return end + stops.trailingZeroBitCount >> 3 }
            end += 8
        }
        return end
    }

    /// Whether the line starting at `i` closes a string broken at the end of the previous line: it holds
    /// an odd number of unescaped `"` (so the first one closes the open literal).
    static func lineClosesString(_ text: UnsafeBufferPointer<UInt8>, from i: Int) -> Bool {
        var quotes = 0
        var j = i
        while j < text.count {
            let byte = text[j]
            if byte == 0x0A || byte == 0x0D { break }
            if byte == UInt8(ascii: "\\") { j += 2; continue }
            if byte == UInt8(ascii: "\"") { quotes += 1 }
            j += 1
        }
        return quotes % 2 == 1
    }

    mutating func reportBrokenString(_ literal: Range<Int>, at lineBreak: Range<Int>) {
        // What the value would hold if the break were kept, with the break made visible.
        var resumed = lineBreak.upperBound
        while resumed < literal.upperBound, ByteClass.isBlank(text[resumed]) { resumed += 1 }
        let value = StringLiteralDecoder.decode(text, literal, lineBreakMarker: "<newline>")
        report(SyntaxCode.brokenString, "string literal is broken across lines", lineBreak.lowerBound..<lineBreak.lowerBound,
               notes: [
                .init(message: "value would be \"\(value)\"", range: literal),
                .init(message: "a MOF string cannot contain a line break; join the lines, or split it into adjacent literals \"...\" \"...\"", range: nil),
               ],
               fixIts: [.init(message: "join the lines", range: lineBreak.lowerBound..<resumed, replacement: "")])
    }

    mutating func lexChar16() -> Token {
        let count = text.count
        let start = position
        var i = start + 1
        var scalars = 0
        var flags: UInt8 = 0
        var closed = false
        while i < count {
            let byte = text[i]
            if byte == UInt8(ascii: "'") { closed = true; i += 1; break }
            if byte == 0x0A || byte == 0x0D { break }
            if byte == UInt8(ascii: "\\") {
                flags |= TokenFlags.hasEscapes
                i = min(count, i + scanEscape(at: i))
                scalars += 1
                continue
            }
            if byte & 0xC0 != 0x80 { scalars += 1 }
            i += 1
        }
        position = i
        if !closed {
            report(SyntaxCode.invalidChar16, "unterminated char16 literal", start..<start + 1)
            flags |= TokenFlags.malformed
        } else if scalars != 1 {
            report(SyntaxCode.invalidChar16,
                   scalars == 0 ? "empty char16 literal" : "char16 literal must hold exactly one character",
                   start..<i)
            flags |= TokenFlags.malformed
        }
        return Token(kind: .char16, start: start, end: i, flags: flags)
    }

    mutating func lexNumber() -> Token {
        let count = text.count
        let start = position
        var i = start
        if text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") { i += 1 }
        let digitsStart = i
        var kind = TokenKind.integer
        var flags: UInt8 = 0
        if i + 1 < count, text[i] == UInt8(ascii: "0"), text[i + 1] | 0x20 == UInt8(ascii: "x") {
            i += 2
            let hexStart = i
            while i < count, ByteClass.isHexDigit(text[i]) { i += 1 }
            if i == hexStart {
                report(SyntaxCode.invalidNumber, "hexadecimal literal has no digits", start..<i)
                flags |= TokenFlags.malformed
            }
        } else {
            while i < count, ByteClass.isDigit(text[i]) { i += 1 }
            let intEnd = i
            if i + 1 < count, text[i] == UInt8(ascii: "."), ByteClass.isDigit(text[i + 1]) {
                kind = .real
                i += 1
                while i < count, ByteClass.isDigit(text[i]) { i += 1 }
            }
            if i < count, text[i] | 0x20 == UInt8(ascii: "e") {
                var j = i + 1
                if j < count, text[j] == UInt8(ascii: "+") || text[j] == UInt8(ascii: "-") { j += 1 }
                if j < count, ByteClass.isDigit(text[j]) {
                    kind = .real
                    i = j
                    while i < count, ByteClass.isDigit(text[i]) { i += 1 }
                }
            }
            if kind == .integer {
                let allBinary = text[digitsStart..<intEnd].allSatisfy { $0 == 0x30 || $0 == 0x31 }
                if i < count, text[i] | 0x20 == UInt8(ascii: "b"), allBinary,
                   i + 1 >= count || !ByteClass.isIdentifierContinue(text[i + 1])
                {
                    i += 1  // binary: 101b
                } else if intEnd - digitsStart > 1, text[digitsStart] == 0x30,
                          let bad = text[digitsStart..<intEnd].firstIndex(where: { $0 > UInt8(ascii: "7") })
                {
                    report(SyntaxCode.invalidNumber, "invalid digit '\(ByteClass.describe(text[bad]))' in octal literal",
                           bad..<bad + 1, notes: [.init(message: "an integer that starts with 0 is octal", range: nil)])
                    flags |= TokenFlags.malformed
                }
            }
        }
        if i < count, ByteClass.isIdentifierContinue(text[i]) {
            let suffixStart = i
            while i < count, ByteClass.isIdentifierContinue(text[i]) { i += 1 }
            if flags & TokenFlags.malformed == 0 {
                let suffix = String(decoding: text[suffixStart..<i], as: UTF8.self)
                report(SyntaxCode.invalidNumber, "invalid suffix '\(suffix)' on numeric literal", suffixStart..<i)
            }
            flags |= TokenFlags.malformed
        }
        position = i
        return Token(kind: kind, start: start, end: i, flags: flags)
    }

    mutating func report(
        _ code: DiagnosticCode, _ message: String, _ range: Range<Int>,
        severity: Severity = .error, notes: [PendingDiagnostic.Note] = [], fixIts: [PendingDiagnostic.Fix] = []
    ) {
        problems.append(PendingDiagnostic(code: code, severity: severity, message: message, range: range,
                                          notes: notes, fixIts: fixIts))
    }
}

enum UTF8SequenceLength {
    /// The length a UTF-8 lead byte announces (1 for anything else).
    static func of(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC0...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF7: return 4
        default: return 1
        }
    }
}
