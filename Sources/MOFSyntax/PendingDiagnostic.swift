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
    @inline(__always)
    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F
    }

    @inline(__always)
    static func isIdentifierContinue(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte)
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
