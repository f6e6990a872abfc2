import MofkitSource

/// Turns the text of string and char16 literals into their values.
enum StringLiteralDecoder {
    /// The value of the string literal in `range` (quotes included): escapes replaced, a raw line
    /// break kept as `lineBreakMarker` (or as itself when the marker is nil).
    static func decode(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, lineBreakMarker: String? = nil) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        appendValue(text, range, quote: UInt8(ascii: "\""), lineBreakMarker: lineBreakMarker, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 value of a quoted literal to `bytes`.
    static func appendValue(
        _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, quote: UInt8, lineBreakMarker: String?,
        to bytes: inout [UInt8]
    ) {
        var i = range.lowerBound + 1  // past the opening quote
        var end = range.upperBound
        if end > i, text[end - 1] == quote, end - 1 >= i { end -= 1 }
        while i < end {
            let byte = text[i]
            if byte == UInt8(ascii: "\\"), i + 1 < end {
                let next = text[i + 1]
                switch next {
                case UInt8(ascii: "b"): bytes.append(0x08); i += 2
                case UInt8(ascii: "t"): bytes.append(0x09); i += 2
                case UInt8(ascii: "n"): bytes.append(0x0A); i += 2
                case UInt8(ascii: "f"): bytes.append(0x0C); i += 2
                case UInt8(ascii: "r"): bytes.append(0x0D); i += 2
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): bytes.append(next); i += 2
                case UInt8(ascii: "x"), UInt8(ascii: "X"):
                    var j = i + 2
                    var value: UInt32 = 0
                    while j < end, j < i + 6, ByteClass.isHexDigit(text[j]) {
                        value = value << 4 | ByteClass.hexValue(text[j])
                        j += 1
                    }
                    if j == i + 2 {
                        bytes.append(byte)  // "\x" without digits: kept as written
                        bytes.append(next)
                    } else {
                        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                        bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
                    }
                    i = j
                default:
                    // Unknown escape (already reported): kept as written, as in "Interop\CIM_Error.mof".
                    bytes.append(byte)
                    i += 1
                }
                continue
            }
            if byte == 0x0A || byte == 0x0D {
                let length = LineBreak.length(text, at: i)
                if let lineBreakMarker {
                    bytes.append(contentsOf: Array(lineBreakMarker.utf8))
                } else {
                    bytes.append(0x0A)
                }
                i += length
                continue
            }
            bytes.append(byte)
            i += 1
        }
    }
}

