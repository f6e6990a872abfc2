/// The kind of a lexical token.
///
/// Keywords are not separate kinds: MOF keywords are case-insensitive and most of them are also valid
/// names (`[Association]`, a property called `Class`), so they are lexed as ``identifier`` and
/// classified by the parser where the grammar needs a keyword.
public enum TokenKind: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The end of the text; the last token of a whole-file tree.
    case endOfFile
    /// A name or keyword: ASCII letters, digits, `_`, and any non-ASCII character.
    case identifier
    /// `$name`, an alias.
    case aliasIdentifier
    /// A decimal, hexadecimal (`0x1F`), octal (`017`) or binary (`101b`) integer, with optional sign.
    case integer
    /// A real number: `1.5`, `.5`, `1e10`, `-2.5E-3`.
    case real
    /// A double-quoted string literal.
    case string
    /// A single-quoted char16 literal.
    case char16
    /// `#pragma`, in any case.
    case pragmaKeyword
    /// Brackets: `{` `}` `(` `)` `[` `]`.
    case leftBrace, rightBrace, leftParen, rightParen, leftBracket, rightBracket
    /// Punctuation: `;` `,` `:` `=`.
    case semicolon, comma, colon, equals
    /// Bytes that start no token (a stray `@`, a lone `$` or `#`, a sign without digits).
    case unknown

    /// How the kind is named in diagnostics and dumps.
    public var description: String {
        switch self {
        case .endOfFile: return "end of file"
        case .identifier: return "identifier"
        case .aliasIdentifier: return "alias"
        case .integer: return "integer"
        case .real: return "real"
        case .string: return "string"
        case .char16: return "char16"
        case .pragmaKeyword: return "#pragma"
        case .leftBrace: return "'{'"
        case .rightBrace: return "'}'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .semicolon: return "';'"
        case .comma: return "','"
        case .colon: return "':'"
        case .equals: return "'='"
        case .unknown: return "unknown"
        }
    }
}

/// One token: a kind and a byte range of the file's UTF-8 `text`. Tokens hold no strings; the
/// bytes between two tokens are trivia (whitespace and comments).
public struct Token: Sendable, Hashable {
    /// Offset of the first byte in `SourceFile.text`.
    public var start: UInt32
    /// Offset just past the last byte.
    public var end: UInt32
    /// What the token is.
    public var kind: TokenKind
    /// ``TokenFlags`` bits.
    public var flags: UInt8

    /// A token of `kind` over the text offsets `start..<end`.
    @inlinable
    public init(kind: TokenKind, start: Int, end: Int, flags: UInt8 = 0) {
        self.kind = kind
        self.start = UInt32(truncatingIfNeeded: start)
        self.end = UInt32(truncatingIfNeeded: end)
        self.flags = flags
    }

    /// The byte range in `SourceFile.text`.
    @inlinable public var range: Range<Int> { Int(start)..<Int(end) }
    /// True when the lexer already reported a problem with this token.
    @inlinable public var isMalformed: Bool { flags & TokenFlags.malformed != 0 }
}

/// Bits of ``Token/flags``.
public enum TokenFlags {
    /// The lexer reported a problem with this token (its value may be partial).
    public static let malformed: UInt8 = 1
    /// A string literal that holds escape sequences (decoding needs to unescape).
    public static let hasEscapes: UInt8 = 2
    /// A string literal with a raw line break inside (reported as an error).
    public static let hasLineBreak: UInt8 = 4
}
