import LSPCore

/// The text of an open document as UTF-8 bytes, with its line table, and the conversions between
/// byte offsets and protocol positions in any `PositionEncodingKind`.
///
/// Lines break at LF, CRLF and CR, as the protocol defines them. Positions past the end of a line
/// clamp to the line's end; positions inside a character clamp to its start.
public struct TextDocument: Sendable {
    /// The document URI.
    public var uri: String
    /// The client's version of the text.
    public var version: Int
    /// The text, UTF-8.
    public private(set) var text: [UInt8]
    /// Byte offset where each line starts; `[0] == 0`.
    public private(set) var lineStarts: [Int]

    /// A document holding `text`.
    public init(uri: String, version: Int, text: [UInt8]) {
        self.uri = uri
        self.version = version
        self.text = text
        self.lineStarts = TextDocument.lineStarts(of: text, from: 0, to: text.count, firstLineStart: 0)
    }

    /// The text as a String.
    public var string: String { String(decoding: text, as: UTF8.self) }

    // MARK: Lines

    /// Line starts in `text[from..<to]` (positions of characters after a line break), with
    /// `firstLineStart` first.
    static func lineStarts(of text: [UInt8], from: Int, to: Int, firstLineStart: Int) -> [Int] {
        var starts = [firstLineStart]
        text.withUnsafeBufferPointer { buffer in
            var i = from
            while i < to {
                let byte = buffer[i]
                if byte == 0x0A {
                    starts.append(i + 1)
                } else if byte == 0x0D {
                    if i + 1 < buffer.count && buffer[i + 1] == 0x0A {
                        i += 1
                    }
                    starts.append(i + 1)
                }
                i += 1
            }
        }
        return starts
    }

    /// The 0-based line holding byte `offset`.
    public func line(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Where line `line`'s content ends (before its line break).
    public func lineContentEnd(_ line: Int) -> Int {
        guard line + 1 < lineStarts.count else { return text.count }
        var end = lineStarts[line + 1]
        if end > lineStarts[line], text[end - 1] == 0x0A { end -= 1 }
        if end > lineStarts[line], text[end - 1] == 0x0D { end -= 1 }
        return end
    }

    // MARK: Positions

    /// The byte offset of `position` (clamped to the document and to the line).
    public func offset(of position: Position, encoding: PositionEncodingKind) -> Int {
        if position.line < 0 { return 0 }
        if position.line >= lineStarts.count { return text.count }
        let start = lineStarts[position.line]
        let end = lineContentEnd(position.line)
        var i = start
        var units = 0
        while i < end {
            let length = TextDocument.scalarLength(text[i])
            let width = TextDocument.units(of: text, at: i, length: length, encoding: encoding)
            if units + width > position.character { break }
            units += width
            i = min(i + length, end)
        }
        return i
    }

    /// The position of byte `offset` (clamped to the text).
    public func position(of offset: Int, encoding: PositionEncodingKind) -> Position {
        let offset = max(0, min(offset, text.count))
        let line = self.line(containing: offset)
        var i = lineStarts[line]
        var units = 0
        while i < offset {
            let length = TextDocument.scalarLength(text[i])
            units += TextDocument.units(of: text, at: i, length: length, encoding: encoding)
            i += length
        }
        return Position(line: line, character: units)
    }

    /// The range between two byte offsets.
    public func range(_ start: Int, _ end: Int, encoding: PositionEncodingKind) -> LSPRange {
        LSPRange(start: position(of: start, encoding: encoding), end: position(of: max(start, end), encoding: encoding))
    }

    /// The length of the UTF-8 sequence starting with `byte` (1 for a stray continuation byte).
    @inline(__always)
    static func scalarLength(_ byte: UInt8) -> Int {
        if byte < 0xC0 { return 1 }
        if byte < 0xE0 { return 2 }
        if byte < 0xF0 { return 3 }
        return 4
    }

    /// How many units of `encoding` the character at `i` takes.
    @inline(__always)
    static func units(of text: [UInt8], at i: Int, length: Int, encoding: PositionEncodingKind) -> Int {
        switch encoding {
        case .utf8: return min(length, text.count - i)
        case .utf16: return length == 4 ? 2 : 1
        case .utf32: return 1
        }
    }

    // MARK: Edits

    /// Replaces the text between two byte offsets, keeping the line table current without
    /// rescanning the whole text.
    public mutating func replace(_ start: Int, _ end: Int, with replacement: [UInt8]) {
        let start = max(0, min(start, text.count))
        let end = max(start, min(end, text.count))
        text.replaceSubrange(start..<end, with: replacement)
        let delta = replacement.count - (end - start)
        let newEnd = start + replacement.count
        // Line starts at or before `start` keep their place; a start x depends on text[x-1] and
        // text[x] only, so starts after newEnd + 1 are the old ones shifted by delta.
        // From the line before when the edit starts a line: a CR ending that line may now pair
        // with an LF the edit brings (or lose the LF it had).
        let firstLine = line(containing: max(0, start - 1))
        let lineStart = lineStarts[firstLine]
        let scanEnd = min(text.count, newEnd + 1)
        var rescanned = TextDocument.lineStarts(of: text, from: lineStart, to: scanEnd, firstLineStart: lineStart)
        // A break scanned at scanEnd - 1 may reach one past scanEnd (CR LF); keep starts <= newEnd + 1.
        while let last = rescanned.last, last > newEnd + 1, rescanned.count > 1 { rescanned.removeLast() }
        // Old starts after end + 1 are new starts after newEnd + 1.
        let firstTail = line(containing: end + 1) + 1
        var tail: [Int] = []
        if firstTail < lineStarts.count && lineStarts[firstTail] > end + 1 {
            tail = lineStarts[firstTail...].map { $0 + delta }
        }
        lineStarts.replaceSubrange(firstLine..., with: rescanned + tail)
    }

    /// Applies one protocol change (a range edit, or the whole text when `range` is nil).
    public mutating func apply(_ change: TextDocumentContentChangeEvent, encoding: PositionEncodingKind) {
        let replacement = Array(change.text.utf8)
        guard let range = change.range else {
            self = TextDocument(uri: uri, version: version, text: replacement)
            return
        }
        let start = offset(of: range.start, encoding: encoding)
        let end = max(start, offset(of: range.end, encoding: encoding))
        replace(start, end, with: replacement)
    }
}
