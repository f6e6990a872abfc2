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
        if let last = problems.indices.last, problems[last].code == SourceCode.nulByte, problems[last].textEnd == offset {
            problems[last].textEnd = offset + 1
            problems[last].message = "\(problems[last].textEnd - problems[last].textStart) NUL characters in text"
            return
        }
        if reported >= NULReporter.reportLimit {
            summaryCount = 1
            summaryIndex = problems.count
            problems.append(DecodingProblem(
                code: SourceCode.nulByte,
                message: "1 more NUL character in text (the file may be UTF-16 without a byte-order mark, or binary)",
                textStart: offset, textEnd: offset + 1))
            return
        }
        reported += 1
        problems.append(DecodingProblem(
            code: SourceCode.nulByte, message: "NUL character in text", textStart: offset, textEnd: offset + 1))
    }
}

struct DecodingProblem {
    var code: DiagnosticCode
    var message: String
    var textStart: Int
    var textEnd: Int

}

/// The codes of reading and decoding source text (`MOF0xxx`).
public enum SourceCode: DiagnosticCodeSet {
    /// Invalid UTF-8 byte sequence.
    public static let invalidUTF8: DiagnosticCode = "MOF0001"
    /// A UTF-16 surrogate without its partner.
    public static let loneSurrogate: DiagnosticCode = "MOF0002"
    /// A NUL character in the text.
    public static let nulByte: DiagnosticCode = "MOF0003"
    /// A UTF-16 file with an odd number of bytes.
    public static let oddUTF16Length: DiagnosticCode = "MOF0004"
    /// A file without a byte-order mark that is not valid UTF-8, read as Windows-1252.
    public static let readAsWindows1252: DiagnosticCode = "MOF0005"
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

/// Word-at-a-time passes over UTF-8 text: validation (every file, when it is read) and the line table
/// (only once a location is asked for). Most of a MOF file is printable ASCII, which both skip sixteen
/// bytes at a time with a few instructions.
enum TextScanner {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080
    static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// 0x80 in each byte of `word` that is zero, 0 elsewhere (exact, no false positives).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & lowBits) &+ lowBits) | word | lowBits)
    }

    @inline(__always)
    static func load(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
    }

    /// Whether the CR at `i` ends a line by itself. A CR before LF, or before CR LF, is part of the
    /// break that the LF ends, so that CRLF and CR CR LF count once (as `LineBreak.length` reads them).
    @inline(__always)
    static func isLoneCR(_ buffer: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let count = buffer.count
        if i + 1 < count {
            let next = buffer[i + 1]
            if next == 0x0A { return false }
            if next == 0x0D, i + 2 < count, buffer[i + 2] == 0x0A { return false }
        }
        return true
    }

    // MARK: Line starts

    /// Offsets where lines start; the first is 0. LF, CRLF, CR and CR CR LF are one break each.
    static func lineStarts(_ text: [UInt8]) -> [Int32] {
        text.withUnsafeBufferPointer(lineStarts)
    }

    static func lineStarts(_ buffer: UnsafeBufferPointer<UInt8>) -> [Int32] {
        var starts: [Int32] = [0]
        // MOF lines average well over 32 bytes; the table grows if not.
        starts.reserveCapacity(buffer.count / 32 + 1)
        guard let base = buffer.baseAddress else { return starts }
        let count = buffer.count
        var i = 0
        while i < count {
            // Sixteen bytes with none below 0x0E hold no LF or CR. The test is exact: a borrow only
            // starts at a byte that is itself below 0x0E (bytes from 0x80 up pass through `& ~word`).
            if i + 16 <= count {
                let first = load(base, i)
                let second = load(base, i + 8)
                let flagged = (((first &- 0x0E &* ones) & ~first) | ((second &- 0x0E &* ones) & ~second)) & highBits
                if flagged == 0 {
                    i += 16
                    continue
                }
            }
            if i + 8 <= count {
                let word = load(base, i)
                var breaks = zeroBytes(word ^ (0x0A &* ones))
                var carriageReturns = zeroBytes(word ^ (0x0D &* ones))
                while carriageReturns != 0 {
                    let k = carriageReturns.trailingZeroBitCount >> 3
                    if isLoneCR(buffer, i + k) { breaks |= 0x80 << UInt64(k << 3) }
                    carriageReturns &= carriageReturns &- 1
                }
                while breaks != 0 {
                    let k = breaks.trailingZeroBitCount >> 3
                    starts.append(Int32(truncatingIfNeeded: i + k + 1))
                    breaks &= breaks &- 1
                }
                i += 8
                continue
            }
            let byte = buffer[i]
            if byte == 0x0A || (byte == 0x0D && isLoneCR(buffer, i)) {
                starts.append(Int32(truncatingIfNeeded: i + 1))
            }
            i += 1
        }
        return starts
    }

    // MARK: Validation

    /// Every invalid sequence (a run of invalid bytes is one problem) and NUL byte in `text`.
    static func problems(_ text: [UInt8]) -> [DecodingProblem] {
        text.withUnsafeBufferPointer(problems)
    }

    static func problems(_ buffer: UnsafeBufferPointer<UInt8>) -> [DecodingProblem] {
        var problems: [DecodingProblem] = []
        guard let base = buffer.baseAddress else { return problems }
        var nuls = NULReporter()
        let count = buffer.count
        var i = 0
        var invalidStart = -1
        @inline(__always)
        func flushInvalid(_ end: Int) {
            if invalidStart >= 0 {
                problems.append(DecodingProblem(
                    code: SourceCode.invalidUTF8,
                    message: "invalid UTF-8 byte sequence (\(UTF8Validator.hex(buffer, invalidStart, end)))",
                    textStart: invalidStart, textEnd: end))
                invalidStart = -1
            }
        }
        while i < count {
            // Sixteen ASCII bytes without NUL are valid (and end a run of invalid bytes). Exact: a
            // borrow of `- 0x01` only starts at a zero byte.
            if i + 16 <= count {
                let first = load(base, i)
                let second = load(base, i + 8)
                let flagged = (((first &- ones) & ~first) | ((second &- ones) & ~second) | first | second) & highBits
                if flagged == 0 {
                    if invalidStart >= 0 { flushInvalid(i) }
                    i += 16
                    continue
                }
            }
            let byte = buffer[i]
            if byte < 0x80 {
                flushInvalid(i)
                if byte == 0 { nuls.record(at: i, into: &problems) }
                i += 1
                continue
            }
            let length = UTF8Validator.validLength(buffer, at: i)
            if length == 0 {
                if invalidStart < 0 { invalidStart = i }
                i += 1
            } else {
                flushInvalid(i)
                i += length
            }
        }
        flushInvalid(count)
        return problems
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
        let bigEndian = encoding.isBigEndian
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
                        code: SourceCode.loneSurrogate,
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
                code: SourceCode.oddUTF16Length, message: "UTF-16 file has an odd number of bytes; the last byte is ignored",
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
