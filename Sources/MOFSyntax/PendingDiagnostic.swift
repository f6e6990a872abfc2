import MofkitSource

/// A diagnostic whose places are still UTF-8 text offsets; turned into a ``Diagnostic`` with line and
/// column once, when it is handed out (so the hot paths never compute locations).
struct PendingDiagnostic: Sendable {
    struct Note: Sendable {
        var message: String
        var range: Range<Int>?
    }
    struct Fix: Sendable {
        var message: String
        var range: Range<Int>
        var replacement: String
    }

    var code: DiagnosticCode
    var severity: Severity
    var message: String
    var range: Range<Int>
    var notes: [Note] = []
    var fixIts: [Fix] = []

    func resolved(in source: SourceFile) -> Diagnostic {
        Diagnostic(
            code: code, severity: severity, message: message,
            range: source.range(range.lowerBound, range.upperBound),
            notes: notes.map { note in
                DiagnosticNote(message: note.message, range: note.range.map { source.range($0.lowerBound, $0.upperBound) })
            },
            fixIts: fixIts.map { fix in
                FixIt(message: fix.message, range: source.range(fix.range.lowerBound, fix.range.upperBound),
                      replacement: fix.replacement)
            })
    }
}

/// Byte classes shared by the lexer, the trivia splitter and value decoding.
enum ByteClass {
    // ASCII classes as bit sets: bit `b` of `low` is byte b (0..63), bit `b - 64` of `high` is byte b
    // (64..127). A test is a shift and a mask, with no table in memory and one branch.
    /// `0-9`.
    static let identifierContinueLow: UInt64 = 0x03FF_0000_0000_0000
    /// `A-Z`, `_`, `a-z`.
    static let identifierHigh: UInt64 = 0x07FF_FFFE_87FF_FFFE
    /// Space, tab, LF, vertical tab, form feed, CR.
    static let whitespaceLow: UInt64 = 0x0000_0001_0000_3E00

    @inline(__always)
    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        if byte >= 0x80 { return true }
        return byte >= 0x40 && (identifierHigh >> UInt64(byte & 0x3F)) & 1 != 0
    }

    @inline(__always)
    static func isIdentifierContinue(_ byte: UInt8) -> Bool {
        if byte >= 0x80 { return true }
        let set = byte >= 0x40 ? identifierHigh : identifierContinueLow
        return (set >> UInt64(byte & 0x3F)) & 1 != 0
    }

    /// 0x80 in each byte of `word` (eight bytes, the first in the low byte) that cannot continue an
    /// identifier, 0 in the others: the test of ``isIdentifierContinue`` on eight bytes at once.
    /// Each byte is computed on its 7-bit value, so no carry crosses into its neighbour.
    @inline(__always)
    static func nonIdentifierBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let seven = word & 0x7F7F_7F7F_7F7F_7F7F
        let folded = seven | 0x2020_2020_2020_2020  // A-Z to a-z; digits stay
        let letter = (folded &+ (0x80 - 0x61) &* ones) & ~(folded &+ (0x7F - 0x7A) &* ones)
        let digit = (seven &+ (0x80 - 0x30) &* ones) & ~(seven &+ (0x7F - 0x39) &* ones)
        let notUnderscore = ((seven ^ (0x5F &* ones)) &+ 0x7F7F_7F7F_7F7F_7F7F) | (seven ^ (0x5F &* ones))
        let identifier = word | letter | digit | ~notUnderscore  // `word`: bytes from 0x80 up count
        return ~identifier & high
    }

    /// 0x80 in each byte of `word` that is zero, 0 elsewhere (exact for every byte).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low) &+ low) | word | low)
    }

    /// Space, tab, LF, vertical tab, form feed or CR.
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte < 0x40 && (whitespaceLow >> UInt64(byte)) & 1 != 0
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always)
    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt32 {
        isDigit(byte) ? UInt32(byte - 0x30) : UInt32((byte | 0x20) - 0x61 + 10)
    }

    /// Space, tab, vertical tab, form feed (line breaks are handled separately).
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C
    }

    /// A printable rendering of one byte for messages.
    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return String(UnicodeScalar(byte)) }
        let digits = String(byte, radix: 16, uppercase: true)
        return "\\x" + (digits.count == 1 ? "0" + digits : digits)
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Case-insensitive comparison of `self[range]` with an ASCII lower-case keyword.
    @inline(__always)
    func equalsLowercaseKeyword(_ range: Range<Int>, _ keyword: StaticString) -> Bool {
        let length = keyword.utf8CodeUnitCount
        guard range.count == length else { return false }
        let k = keyword.utf8Start
        var i = 0
        while i < length {
            if self[range.lowerBound + i] | 0x20 != k[i] { return false }
            i += 1
        }
        return true
    }
}
