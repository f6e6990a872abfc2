import MofkitSource

/// One source line, or a window of a long one, with an underline beneath a range.
struct LineExcerpt: Sendable, Equatable {
    /// The text shown; `…` marks where a long line was cut.
    var line: String
    /// Whitespace (tabs kept where the line has tabs) followed by `^~~~`.
    var underline: String
}

/// Builds excerpts from a ``SourceFile``'s UTF-8 text without ever materializing a whole long line.
struct ExcerptBuilder {
    /// Scalars of context shown each side of the range when a line is cut.
    var contextColumns: Int
    /// Lines with more scalars than this are cut to a window around the range.
    var maxLineColumns: Int

    /// Above this many bytes, a UTF-8 file's byte offset is trusted to find the range's start
    /// instead of counting scalars from the start of the line.
    private static let countingLimit = 4096

    func excerpt(of range: SourceRange, in file: SourceFile) -> LineExcerpt? {
        let lineNumber = range.start.line
        guard lineNumber >= 1, lineNumber <= file.lineCount else { return nil }
        let text = file.text
        let lineStart = file.textOffset(ofLine: lineNumber)
        let lineEnd = lineStart + file.lineBytes(lineNumber).count

        func isContinuation(_ i: Int) -> Bool { text[i] & 0xC0 == 0x80 }
        func forward(_ start: Int, scalars: Int, limit: Int) -> Int {
            var i = start
            var remaining = scalars
            while i < limit, remaining > 0 {
                i += 1
                while i < limit, isContinuation(i) { i += 1 }
                remaining -= 1
            }
            return i
        }
        func backward(_ start: Int, scalars: Int) -> Int {
            var i = start
            var remaining = scalars
            while i > lineStart, remaining > 0 {
                i -= 1
                while i > lineStart, isContinuation(i) { i -= 1 }
                remaining -= 1
            }
            return i
        }
        // The byte where a 1-based column starts: after column - 1 scalar lead bytes.
        func byteIndex(ofColumn column: Int) -> Int {
            if column <= 1 { return lineStart }
            var seen = 1
            var i = lineStart
            while i < lineEnd {
                if !isContinuation(i) {
                    if seen == column { return i }
                    seen += 1
                }
                i += 1
            }
            return lineEnd
        }

        let startByte: Int
        let isUTF8 = file.encoding == .utf8 || file.encoding == .utf8BOM
        let candidate = range.start.offset - (file.encoding == .utf8BOM ? 3 : 0)
        if lineEnd - lineStart > ExcerptBuilder.countingLimit, isUTF8, candidate >= lineStart, candidate <= lineEnd {
            var i = candidate
            while i > lineStart, i < lineEnd, isContinuation(i) { i -= 1 }
            startByte = i
        } else {
            startByte = byteIndex(ofColumn: range.start.column)
        }

        let isLong = lineEnd - lineStart > maxLineColumns
            && forward(lineStart, scalars: maxLineColumns + 1, limit: lineEnd) < lineEnd
        let underlineLimit = isLong ? forward(startByte, scalars: 2 * contextColumns, limit: lineEnd) : lineEnd
        let underlineEnd: Int
        if range.end.line == lineNumber {
            let columns = max(0, range.end.column - range.start.column)
            underlineEnd = forward(startByte, scalars: columns, limit: underlineLimit)
        } else if range.end.line > lineNumber {
            underlineEnd = underlineLimit  // a multi-line range is underlined to the end of its first line
        } else {
            underlineEnd = startByte
        }
        let left = isLong ? backward(startByte, scalars: contextColumns) : lineStart
        let right = isLong ? forward(underlineEnd, scalars: contextColumns, limit: lineEnd) : lineEnd

        // Built as bytes: printable ASCII (nearly every character of a MOF line) is copied as it
        // is; anything else goes through `Glyph`. A `String` append per character cost more than
        // the rest of rendering a diagnostic.
        let space = UInt8(ascii: " "), tilde = UInt8(ascii: "~"), caret = UInt8(ascii: "^")
        var shown: [UInt8] = []
        var underline: [UInt8] = []
        shown.reserveCapacity(right - left + 6)
        underline.reserveCapacity(right - left + 2)
        if left > lineStart {
            shown.append(contentsOf: "…".utf8)
            underline.append(space)
        }
        var caretPlaced = false
        var i = left
        while i < right {
            var next = i + 1
            while next < right, isContinuation(next) { next += 1 }
            let byte = text[i]
            let width: Int
            let isTab: Bool
            if next == i + 1, byte >= 0x20, byte < 0x7F {
                shown.append(byte)
                width = 1
                isTab = false
            } else {
                let glyph = Glyph(text[i..<next])
                shown.append(contentsOf: glyph.text.utf8)
                width = glyph.width
                isTab = glyph.isTab
            }
            if i < startByte {
                if isTab { underline.append(UInt8(ascii: "\t")) } else { underline.append(contentsOf: repeatElement(space, count: width)) }
            } else if !caretPlaced {
                caretPlaced = true
                underline.append(caret)
                if i < underlineEnd { underline.append(contentsOf: repeatElement(tilde, count: max(width, 1) - 1)) }
            } else if i < underlineEnd {
                underline.append(contentsOf: repeatElement(tilde, count: isTab ? 1 : width))
            }
            i = next
        }
        if !caretPlaced { underline.append(caret) }
        if right < lineEnd { shown.append(contentsOf: "…".utf8) }
        return LineExcerpt(line: String(decoding: shown, as: UTF8.self), underline: String(decoding: underline, as: UTF8.self))
    }
}

/// How one scalar of source text (the bytes from a lead byte up to the next lead byte) is shown.
struct Glyph {
    var text: String
    /// Terminal columns it takes: 0 for combining marks, 2 for East Asian wide characters.
    var width: Int
    var isTab: Bool

    init(_ bytes: ArraySlice<UInt8>) {
        isTab = false
        guard let scalar = Glyph.decode(bytes), !Glyph.isHidden(scalar.value) else {
            text = "\u{FFFD}"  // invalid bytes and control characters must not reach the terminal
            width = 1
            return
        }
        if scalar == "\t" {
            text = "\t"
            width = 1
            isTab = true
            return
        }
        text = String(Character(scalar))
        width = Glyph.width(of: scalar.value)
    }

    /// The scalar the bytes encode, or `nil` unless they are exactly one valid UTF-8 sequence.
    static func decode(_ bytes: ArraySlice<UInt8>) -> Unicode.Scalar? {
        guard let lead = bytes.first else { return nil }
        let length: Int
        var value: UInt32
        switch lead {
        case 0x00..<0x80: length = 1; value = UInt32(lead)
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard bytes.count == length else { return nil }
        for byte in bytes.dropFirst() { value = value << 6 | UInt32(byte & 0x3F) }
        let minimum: UInt32 = [0, 0, 0x80, 0x800, 0x10000][length]
        guard value >= minimum else { return nil }
        return Unicode.Scalar(value)  // nil for surrogates and values above U+10FFFF
    }

    /// Control characters (other than tab) and bidirectional overrides, which would change how the
    /// terminal shows the rest of the output.
    static func isHidden(_ value: UInt32) -> Bool {
        switch value {
        case 0x09: return false
        case 0x00..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    static func width(of value: UInt32) -> Int {
        switch value {
        case 0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF,
            0x200B...0x200F, 0x20D0...0x20FF, 0xFE00...0xFE0F, 0xFE20...0xFE2F, 0xE0100...0xE01EF:
            return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
