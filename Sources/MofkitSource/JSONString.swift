/// JSON string literals, written the same way by every mofkit output (diagnostics, rules,
/// snapshots, inventory, evaluation): quotes, backslashes and control characters escaped, DEL as
/// `\u007F`, everything else as UTF-8. Deterministic, no Foundation.
public enum JSONString {
    /// Appends `text` as a JSON string literal to `out`.
    ///
    /// Runs of characters that need no escape are appended whole (every escaped character is
    /// ASCII, so a run never splits a character): appending scalar by scalar cost more than
    /// everything else of writing a diagnostic as JSON.
    public static func append(_ text: String, to out: inout String) {
        out += "\""
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index != utf8.endIndex {
            let byte = utf8[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F else {
                utf8.formIndex(after: &index)
                continue
            }
            if runStart != index { out += text[runStart..<index] }
            switch byte {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            default:
                let digits = String(byte, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            }
            utf8.formIndex(after: &index)
            runStart = index
        }
        if runStart != index { out += text[runStart..<index] }
        out += "\""
    }

    /// Appends `text` as a JSON string literal to a UTF-8 buffer: the same bytes the `String`
    /// overload gives, copied in runs of the text's own UTF-8 (for writers that build large JSON
    /// bodies as bytes, such as the language server's diagnostics).
    public static func append(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for i in 0..<bytes.count {
                let byte = bytes[i]
                if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != 0x7F { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                runStart = i + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default:
                    let hex = Array("0123456789ABCDEF".utf8)
                    out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                            hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `text` as a JSON string literal.
    public static func quoted(_ text: String) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }
}
