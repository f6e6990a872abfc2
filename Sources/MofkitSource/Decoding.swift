/// A problem found while decoding bytes, as offsets into the decoded UTF-8 text.
/// Collects NUL problems: a run of NULs is one problem, and past a limit one summary problem
/// counts the rest, so that a binary or mis-detected file does not bury every other finding.
struct NULReporter {
    static let reportLimit = 20
    private var reported = 0
    private var summaryIndex: Int?
    private var summaryCount = 0

    mutating func record(at offset: Int, into problems: inout [DecodingProblem]) {
        if let summaryIndex {
            summaryCount += 1
            problems[summaryIndex].message = "\(summaryCount) more NUL characters in text "
                + "(the file may be UTF-16 without a byte-order mark, or binary)"
            return
        }
        if let last = problems.indices.last, problems[last].code == .nulByte, problems[last].textEnd == offset {
            problems[last].textEnd = offset + 1
            problems[last].message = "\(problems[last].textEnd - problems[last].textStart) NUL characters in text"
            return
        }
        if reported >= NULReporter.reportLimit {
            summaryCount = 1
            summaryIndex = problems.count
            problems.append(DecodingProblem(
                code: .nulByte,
                message: "1 more NUL character in text (the file may be UTF-16 without a byte-order mark, or binary)",
                textStart: offset, textEnd: offset + 1))
            return
        }
        reported += 1
        problems.append(DecodingProblem(
            code: .nulByte, message: "NUL character in text", textStart: offset, textEnd: offset + 1))
    }
}

struct DecodingProblem {
    var code: DiagnosticCode
    var message: String
    var textStart: Int
    var textEnd: Int

}

extension DiagnosticCode {
    /// Invalid UTF-8 byte sequence.
    public static let invalidUTF8: DiagnosticCode = "MOF0001"
    /// A UTF-16 surrogate without its partner.
    public static let loneSurrogate: DiagnosticCode = "MOF0002"
    /// A NUL character in the text.
    public static let nulByte: DiagnosticCode = "MOF0003"
    /// A UTF-16 file with an odd number of bytes.
    public static let oddUTF16Length: DiagnosticCode = "MOF0004"
}

enum UTF8Validator {
    /// The length of the (possibly invalid) sequence at `i`: the number of bytes a decoder consumes,
    /// 1 for an invalid lead byte. Generalized UTF-8 surrogates (ED A0..BF xx) count as 3.
    static func sequenceLength(_ text: [UInt8], at i: Int) -> Int {
        let lead = text[i]
        if lead < 0x80 { return 1 }
        let expected: Int
        if lead >= 0xC2 && lead <= 0xDF {
            expected = 2
        } else if lead >= 0xE0 && lead <= 0xEF {
            expected = 3
        } else if lead >= 0xF0 && lead <= 0xF4 {
            expected = 4
        } else {
            return 1
        }
        var length = 1
        while length < expected, i + length < text.count, text[i + length] & 0xC0 == 0x80 {
            length += 1
        }
        return length == expected ? expected : 1
    }

    /// Every invalid sequence and NUL byte in `text`. Runs of invalid bytes are reported once.
    static func problems(in text: [UInt8]) -> [DecodingProblem] {
        var problems: [DecodingProblem] = []
        var nuls = NULReporter()
        text.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var i = 0
            var invalidStart = -1
            func flushInvalid(_ end: Int) {
                if invalidStart >= 0 {
                    problems.append(DecodingProblem(
                        code: .invalidUTF8,
                        message: "invalid UTF-8 byte sequence (\(hex(buffer, invalidStart, end)))",
                        textStart: invalidStart, textEnd: end))
                    invalidStart = -1
                }
            }
            while i < count {
                // Fast path: eight ASCII bytes without NUL at a time.
                if i + 8 <= count {
                    let word = UnsafeRawPointer(buffer.baseAddress! + i).loadUnaligned(as: UInt64.self)  // input-unreachable: non-empty buffer
                    let hasHigh = word & 0x8080_8080_8080_8080 != 0
                    let hasZero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
                    if !hasHigh && !hasZero {
                        flushInvalid(i)
                        i += 8
                        continue
                    }
                }
                let byte = buffer[i]
                if byte == 0 {
                    flushInvalid(i)
                    nuls.record(at: i, into: &problems)
                    i += 1
                    continue
                }
                if byte < 0x80 {
                    flushInvalid(i)
                    i += 1
                    continue
                }
                let length = validLength(buffer, at: i)
                if length == 0 {
                    if invalidStart < 0 { invalidStart = i }
                    i += 1
                } else {
                    flushInvalid(i)
                    i += length
                }
            }
            flushInvalid(count)
        }
        return problems
    }

    /// The length of a strictly valid UTF-8 sequence at `i`, or 0.
    static func validLength(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let count = buffer.count
        let b0 = buffer[i]
        func cont(_ k: Int) -> Bool { i + k < count && buffer[i + k] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0:
            return i + 1 < count && buffer[i + 1] >= 0xA0 && buffer[i + 1] <= 0xBF && cont(2) ? 3 : 0
        case 0xED:
            return i + 1 < count && buffer[i + 1] >= 0x80 && buffer[i + 1] <= 0x9F && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(1) && cont(2) ? 3 : 0
        case 0xF0:
            return i + 1 < count && buffer[i + 1] >= 0x90 && buffer[i + 1] <= 0xBF && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3:
            return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4:
            return i + 1 < count && buffer[i + 1] >= 0x80 && buffer[i + 1] <= 0x8F && cont(2) && cont(3) ? 4 : 0
        default:
            return 0
        }
    }

    static func hex(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        let shown = buffer[start..<min(end, start + 8)].map { byte -> String in
            let digits = String(byte, radix: 16, uppercase: true)
            return "0x" + (digits.count == 1 ? "0" + digits : digits)
        }
        return shown.joined(separator: " ") + (end - start > 8 ? " …" : "")
    }
}

enum UTF16Transcoder {
    struct Result {
        var text: [UInt8]
        var trailingByte: UInt8?
        var checkpoints: [SourceFile.Checkpoint]
        var problems: [DecodingProblem]
    }

    static func transcode(_ bytes: [UInt8], from encoding: SourceEncoding) -> Result {
        let bigEndian = encoding == .utf16BEBOM
        let start = encoding.bomLength
        let unitCount = (bytes.count - start) / 2
        var text: [UInt8] = []
        text.reserveCapacity(unitCount + unitCount / 8)
        var checkpoints: [SourceFile.Checkpoint] = [.init(textOffset: 0, originalOffset: start)]
        var problems: [DecodingProblem] = []
        var nuls = NULReporter()
        var nextCheckpoint = SourceFile.checkpointStride
        bytes.withUnsafeBufferPointer { buffer in
            func unit(_ k: Int) -> UInt32 {
                let p = start + 2 * k
                return bigEndian
                    ? UInt32(buffer[p]) << 8 | UInt32(buffer[p + 1])
                    : UInt32(buffer[p + 1]) << 8 | UInt32(buffer[p])
            }
            var k = 0
            while k < unitCount {
                if text.count >= nextCheckpoint {
                    checkpoints.append(.init(textOffset: text.count, originalOffset: start + 2 * k))
                    nextCheckpoint = text.count + SourceFile.checkpointStride
                }
                let u = unit(k)
                if u >= 0xD800 && u <= 0xDBFF, k + 1 < unitCount, (0xDC00...0xDFFF).contains(unit(k + 1)) {
                    let scalar = 0x10000 + ((u - 0xD800) << 10) + (unit(k + 1) - 0xDC00)
                    appendUTF8(scalar, to: &text)
                    k += 2
                    continue
                }
                if u >= 0xD800 && u <= 0xDFFF {
                    problems.append(DecodingProblem(
                        code: .loneSurrogate,
                        message: "lone UTF-16 surrogate U+\(String(u, radix: 16, uppercase: true))",
                        textStart: text.count, textEnd: text.count + 3))
                } else if u == 0 {
                    nuls.record(at: text.count, into: &problems)
                }
                appendUTF8(u, to: &text)  // surrogates become their generalized-UTF-8 form
                k += 1
            }
        }
        var trailing: UInt8?
        if (bytes.count - start) % 2 == 1, let last = bytes.last {
            trailing = last
            problems.append(DecodingProblem(
                code: .oddUTF16Length, message: "UTF-16 file has an odd number of bytes; the last byte is ignored",
                textStart: text.count, textEnd: text.count))
        }
        return Result(text: text, trailingByte: trailing, checkpoints: checkpoints, problems: problems)
    }

    static func appendUTF8(_ scalar: UInt32, to text: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            text.append(UInt8(scalar))
        case 0x80..<0x800:
            text.append(UInt8(0xC0 | (scalar >> 6)))
            text.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            text.append(UInt8(0xE0 | (scalar >> 12)))
            text.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            text.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            text.append(UInt8(0xF0 | (scalar >> 18)))
            text.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            text.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            text.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// Encodes generalized UTF-8 (as produced by `transcode`) back to UTF-16 code units.
    static func encode(_ text: [UInt8], bigEndian: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 2)
        func put(_ u: UInt32) {
            if bigEndian {
                out.append(UInt8(u >> 8)); out.append(UInt8(u & 0xFF))
            } else {
                out.append(UInt8(u & 0xFF)); out.append(UInt8(u >> 8))
            }
        }
        var i = 0
        while i < text.count {
            let b0 = UInt32(text[i])
            let length = UTF8Validator.sequenceLength(text, at: i)
            var scalar: UInt32
            switch length {
            case 2: scalar = (b0 & 0x1F) << 6 | UInt32(text[i + 1] & 0x3F)
            case 3: scalar = (b0 & 0x0F) << 12 | UInt32(text[i + 1] & 0x3F) << 6 | UInt32(text[i + 2] & 0x3F)
            case 4:
                scalar = (b0 & 0x07) << 18 | UInt32(text[i + 1] & 0x3F) << 12
                    | UInt32(text[i + 2] & 0x3F) << 6 | UInt32(text[i + 3] & 0x3F)
            default: scalar = b0
            }
            if scalar >= 0x10000 {
                let v = scalar - 0x10000
                put(0xD800 + (v >> 10))
                put(0xDC00 + (v & 0x3FF))
            } else {
                put(scalar)
            }
            i += max(length, 1)
        }
        return out
    }
}
