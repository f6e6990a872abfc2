/// Windows code page 1252 ("ANSI" on Western-European Windows), the encoding mofcomp reads an 8-bit
/// MOF file in on such a system, and the one Notepad saves in.
///
/// Bytes 0x00–0x7F are ASCII and 0xA0–0xFF are Latin-1 (U+00A0–U+00FF). 0x80–0x9F hold typographic
/// characters (0x80 €, 0x91–0x94 curly quotes, 0x96 – and 0x97 —, …). Five bytes of that row are not
/// assigned in the code page: 0x81, 0x8D, 0x8F, 0x90 and 0x9D. mofkit decodes them to the C1 control
/// characters of the same number (U+0081, U+008D, U+008F, U+0090, U+009D), as Windows'
/// `MultiByteToWideChar` and the WHATWG Encoding Standard do: no byte is lost or merged with another,
/// so every byte has its own character, columns stay one per byte, and a file reads back byte for byte.
enum Windows1252 {
    /// The Unicode scalars of bytes 0x80–0x9F.
    static let highRow: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 0x80–0x87
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 0x88–0x8F
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 0x90–0x97
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 0x98–0x9F
    ]

    /// The scalar byte `byte` stands for.
    @inline(__always)
    static func scalar(_ byte: UInt8) -> UInt32 {
        byte >= 0x80 && byte < 0xA0 ? highRow[Int(byte - 0x80)] : UInt32(byte)
    }

    /// The byte of `scalar`, or nil when code page 1252 has no byte for it.
    static func byte(_ scalar: UInt32) -> UInt8? {
        if scalar < 0x80 || (scalar >= 0xA0 && scalar <= 0xFF) { return UInt8(scalar) }
        guard let index = highRow.firstIndex(of: scalar) else { return nil }
        return UInt8(0x80 + index)
    }

    /// The number of UTF-8 bytes of `scalar` (below U+10000, all this code page produces).
    static func utf8Length(_ scalar: UInt32) -> Int { scalar < 0x80 ? 1 : scalar < 0x800 ? 2 : 3 }

    /// Where byte `offset` of `bytes` starts in their decoded UTF-8 text.
    static func textOffset(ofByte offset: Int, in bytes: [UInt8]) -> Int {
        var total = 0
        for byte in bytes[..<offset] { total += utf8Length(scalar(byte)) }
        return total
    }

    struct Result {
        var text: [UInt8]
        var checkpoints: [SourceFile.Checkpoint]
        var problems: [DecodingProblem]
    }

    /// Decodes every byte of `bytes` to UTF-8, with a checkpoint every `SourceFile.checkpointStride`
    /// text bytes (one original byte per scalar, so offsets map back exactly).
    static func decode(_ bytes: [UInt8]) -> Result {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count + bytes.count / 16)
        var checkpoints: [SourceFile.Checkpoint] = [.init(textOffset: 0, originalOffset: 0)]
        var problems: [DecodingProblem] = []
        var nuls = NULReporter()
        var nextCheckpoint = SourceFile.checkpointStride
        for (index, byte) in bytes.enumerated() {
            if text.count >= nextCheckpoint {
                checkpoints.append(.init(textOffset: text.count, originalOffset: index))
                nextCheckpoint = text.count + SourceFile.checkpointStride
            }
            if byte < 0x80 {
                if byte == 0 { nuls.record(at: text.count, into: &problems) }
                text.append(byte)
            } else {
                UTF16Transcoder.appendUTF8(scalar(byte), to: &text)
            }
        }
        return Result(text: text, checkpoints: checkpoints, problems: problems)
    }

    /// Encodes UTF-8 text back to code page 1252; a character the code page lacks becomes `?`, as
    /// Windows writes it.
    static func encode(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            let length = UTF8Validator.sequenceLength(text, at: i)
            let b0 = UInt32(text[i])
            let scalar: UInt32
            switch length {
            case 2: scalar = (b0 & 0x1F) << 6 | UInt32(text[i + 1] & 0x3F)
            case 3: scalar = (b0 & 0x0F) << 12 | UInt32(text[i + 1] & 0x3F) << 6 | UInt32(text[i + 2] & 0x3F)
            case 4: scalar = 0x10000  // outside the code page
            default: scalar = b0 < 0x80 ? b0 : 0x10000
            }
            out.append(byte(scalar) ?? UInt8(ascii: "?"))
            i += max(length, 1)
        }
        return out
    }
}
