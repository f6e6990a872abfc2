#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the bytes of a source file were encoded on disk.
public enum SourceEncoding: String, Sendable, Hashable, Codable, CaseIterable {
    /// UTF-8 without a byte-order mark (also what a file that is neither UTF-16 nor has a BOM is read as).
    case utf8
    /// UTF-8 after the byte-order mark `EF BB BF`.
    case utf8BOM = "utf8-bom"
    /// UTF-16 little-endian after the byte-order mark `FF FE` (what Notepad calls "Unicode").
    case utf16LEBOM = "utf16le-bom"
    /// UTF-16 big-endian after the byte-order mark `FE FF`.
    case utf16BEBOM = "utf16be-bom"
    /// UTF-16LE without a byte-order mark, as ConfigMgr console exports write it.
    case utf16LE = "utf16le"
    /// UTF-16BE without a byte-order mark (only when asked for: `--encoding utf-16be`).
    case utf16BE = "utf16be"
    /// Windows code page 1252: a file without a byte-order mark that is not valid UTF-8 (as mofcomp
    /// reads an 8-bit file in the Windows code page), or asked for with `--encoding windows-1252`.
    case windows1252 = "windows-1252"

    var bomLength: Int {
        switch self {
        case .utf8, .utf16LE, .utf16BE, .windows1252: return 0
        case .utf16LEBOM, .utf16BEBOM: return 2
        case .utf8BOM: return 3
        }
    }

    var isUTF16: Bool { self == .utf16LE || self == .utf16LEBOM || self == .utf16BEBOM || self == .utf16BE }
    var isBigEndian: Bool { self == .utf16BEBOM || self == .utf16BE }
    /// Whether `text` is a transcoding of the bytes (so offsets map back through checkpoints).
    var isTranscoded: Bool { isUTF16 || self == .windows1252 }
}

/// How to read a file's bytes: detect the encoding (the default), or read them in a named one
/// (`--encoding`).
public enum EncodingChoice: String, Sendable, Hashable, Codable, CaseIterable {
    /// A byte-order mark decides; without one, UTF-16LE is recognized by its zero bytes, and other
    /// files are UTF-8 — or Windows-1252 when they are not valid UTF-8 (with a `MOF0005` warning).
    case auto
    /// UTF-8 (a UTF-8 byte-order mark is skipped); invalid bytes are `MOF0001` errors.
    case utf8 = "utf-8"
    /// UTF-16 little-endian (a byte-order mark `FF FE` is skipped).
    case utf16LE = "utf-16le"
    /// UTF-16 big-endian (a byte-order mark `FE FF` is skipped).
    case utf16BE = "utf-16be"
    /// Windows code page 1252; every byte is one character.
    case windows1252 = "windows-1252"
}

/// One source file, decoded to UTF-8 text that every later stage works on.
///
/// `text` is the file's content after its byte-order mark, as UTF-8. UTF-8 files keep their bytes
/// exactly (invalid sequences included, diagnosed in ``decodingDiagnostics``); UTF-16 files are
/// transcoded, and lone surrogates are kept as their generalized-UTF-8 (WTF-8) three-byte form so that
/// ``encode(_:)`` gives the original bytes back. Locations are always reported against the original
/// file: 1-based line, 1-based column counted in Unicode scalars, and the byte offset on disk.
public struct SourceFile: Sendable {
    /// The path as the user named it (`-` for standard input).
    public let path: String
    /// The encoding detected from the byte-order mark (or its absence); ``encode(_:)`` writes it back.
    public let encoding: SourceEncoding
    /// UTF-8 text, without the byte-order mark.
    public let text: [UInt8]
    /// Problems found while decoding: invalid UTF-8, lone surrogates, NUL bytes, an odd UTF-16 length.
    public private(set) var decodingDiagnostics: [Diagnostic]
    /// A trailing odd byte of a UTF-16 file, kept so that encoding gives the input back.
    let trailingByte: UInt8?
    /// Offsets in `text` where each line starts (`[0] == 0`), computed on first use: checking a
    /// file that has no problem never needs a location.
    let lineTable: LineTable
    /// For UTF-16 files: the original byte offset of every `checkpointStride`-th text offset
    /// (rounded down to a scalar boundary), so that mapping an offset back is a short scan.
    let checkpoints: [Checkpoint]

    struct Checkpoint: Sendable {
        var textOffset: Int
        var originalOffset: Int
    }
    static let checkpointStride = 4096

    /// Decodes `bytes`. By default (``EncodingChoice/auto``) the encoding is detected from a
    /// byte-order mark, or from the pattern of zero bytes for UTF-16LE files written without one;
    /// other files are UTF-8, or Windows-1252 when they are not valid UTF-8 — mofcomp reads an 8-bit
    /// file in the Windows code page — with a `MOF0005` warning at the first byte that decided it.
    public init(path: String, bytes: [UInt8], encoding choice: EncodingChoice = .auto) {
        self.path = path
        var encoding = SourceFile.resolveEncoding(choice, bytes)
        var utf8Problems: [DecodingProblem] = []
        var fallbackAt: Int?
        if encoding == .utf8 {
            utf8Problems = TextScanner.problems(bytes)
            if choice == .auto, let first = utf8Problems.first(where: { $0.code == SourceCode.invalidUTF8 }) {
                encoding = .windows1252
                fallbackAt = first.textStart
            }
        }
        self.encoding = encoding
        var diagnostics: [Diagnostic] = []
        if encoding == .windows1252 {
            let result = Windows1252.decode(bytes)
            self.text = result.text
            self.trailingByte = nil
            self.checkpoints = result.checkpoints
            self.lineTable = LineTable()
            if let offset = fallbackAt {
                diagnostics.append(SourceFile.windows1252Warning(bytes: bytes, at: offset, path: path))
            }
            for problem in result.problems {
                diagnostics.append(SourceFile.makeDecodingDiagnostic(problem, path: path))
            }
        } else if encoding == .utf8 {
            self.text = bytes
            self.trailingByte = nil
            self.checkpoints = []
            self.lineTable = LineTable()
            for problem in utf8Problems {
                diagnostics.append(SourceFile.makeDecodingDiagnostic(problem, path: path))
            }
        } else if encoding.isUTF16 {
            let result = UTF16Transcoder.transcode(bytes, from: encoding)
            self.text = result.text
            self.trailingByte = result.trailingByte
            self.checkpoints = result.checkpoints
            self.lineTable = LineTable()
            for problem in result.problems {
                diagnostics.append(SourceFile.makeDecodingDiagnostic(problem, path: path))
            }
        } else {
            let bom = encoding.bomLength
            self.text = bom == 0 ? bytes : Array(bytes[bom...])
            self.trailingByte = nil
            self.checkpoints = []
            self.lineTable = LineTable()
            for problem in TextScanner.problems(self.text) {
                diagnostics.append(SourceFile.makeDecodingDiagnostic(problem, path: path))
            }
        }
        // Diagnostics need locations, which need the line table: resolve them now that it exists.
        self.decodingDiagnostics = []
        if diagnostics.isEmpty { return }
        let file = self
        self.decodingDiagnostics = diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            if let offsets = diagnostic.pendingTextRange {
                diagnostic.range = file.range(offsets.lowerBound, offsets.upperBound)
                diagnostic.pendingTextRange = nil
            }
            return diagnostic
        }
    }

    /// The `MOF0005` warning: the first byte that is not UTF-8, what it was read as, and where.
    static func windows1252Warning(bytes: [UInt8], at offset: Int, path: String) -> Diagnostic {
        let byte = bytes[offset]
        let scalar = Windows1252.scalar(byte)
        let digits = String(byte, radix: 16, uppercase: true)
        let hex = "0x" + (digits.count == 1 ? "0" + digits : digits)
        let code = String(scalar, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
        let character = scalar >= 0xA0 ? UnicodeScalar(scalar).map { "'\(Character($0))' " } ?? "" : ""
        var diagnostic = Diagnostic(
            code: SourceCode.readAsWindows1252, severity: .warning,
            message: "byte \(hex) at byte offset \(offset) is not UTF-8 and the file has no byte-order mark: "
                + "the whole file is read as Windows-1252 (\(hex) is \(character)U+\(padded)), as mofcomp reads "
                + "an 8-bit file in the Windows code page; --encoding utf-8 reads it as UTF-8",
            range: SourceRange(file: path, start: .init(line: 1, column: 1, offset: 0), end: .init(line: 1, column: 1, offset: 0)))
        let start = Windows1252.textOffset(ofByte: offset, in: bytes)
        diagnostic.pendingTextRange = start..<(start + Windows1252.utf8Length(scalar))
        return diagnostic
    }

    /// Convenience for tests and standard input: a UTF-8 string.
    public init(path: String, string: String) {
        self.init(path: path, bytes: Array(string.utf8))
    }

    /// Offsets in `text` where each line starts; `lineStarts[0] == 0`.
    var lineStarts: [Int32] { lineTable.starts(of: text) }

    /// The number of lines (a file that ends with a line break has an empty last line).
    public var lineCount: Int { lineStarts.count }

    /// Encodes UTF-8 `text` back into this file's on-disk encoding, byte-order mark included.
    /// `encode(self.text)` gives the original bytes.
    public func encode(_ text: [UInt8]) -> [UInt8] {
        switch encoding {
        case .utf8: return text
        case .utf8BOM: return [0xEF, 0xBB, 0xBF] + text
        case .windows1252: return Windows1252.encode(text)
        case .utf16LE, .utf16BE, .utf16LEBOM, .utf16BEBOM:
            var out = UTF16Transcoder.encode(text, bigEndian: encoding.isBigEndian)
            if encoding == .utf16LEBOM { out.insert(contentsOf: [0xFF, 0xFE], at: 0) }
            if encoding == .utf16BEBOM { out.insert(contentsOf: [0xFE, 0xFF], at: 0) }
            if let trailingByte { out.append(trailingByte) }
            return out
        }
    }

    // MARK: Locations

    /// The location of a UTF-8 text offset (clamped to the text).
    public func location(at textOffset: Int) -> SourceLocation {
        let offset = max(0, min(textOffset, text.count))
        let starts = lineStarts
        let line = SourceFile.lineIndex(in: starts, containing: offset)
        let lineStart = Int(starts[line])
        var column = 1
        var i = lineStart
        while i < offset {
            // Count scalars; each byte of an invalid sequence counts as one (it shows as U+FFFD),
            // so stray continuation bytes still advance the column.
            i += UTF8Validator.sequenceLength(text, at: i)
            column += 1
        }
        return SourceLocation(line: line + 1, column: column, offset: originalOffset(of: offset))
    }

    /// The range between two UTF-8 text offsets.
    public func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(file: path, start: location(at: start), end: location(at: max(start, end)))
    }

    /// The index (0-based) of the line that holds `textOffset`.
    public func lineIndex(containing textOffset: Int) -> Int {
        SourceFile.lineIndex(in: lineStarts, containing: textOffset)
    }

    static func lineIndex(in lineStarts: [Int32], containing textOffset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if Int(lineStarts[mid]) <= textOffset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The text of a 1-based line, without its line break, as UTF-8 bytes.
    public func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
        let lineStarts = self.lineStarts
        guard line >= 1, line <= lineStarts.count else { return [] }
        let start = Int(lineStarts[line - 1])
        var end = line < lineStarts.count ? Int(lineStarts[line]) : text.count
        while end > start, text[end - 1] == 0x0A || text[end - 1] == 0x0D { end -= 1 }
        return text[start..<end]
    }

    /// The text of a 1-based line as a String (invalid bytes replaced).
    public func lineText(_ line: Int) -> String {
        String(decoding: lineBytes(line), as: UTF8.self)
    }

    /// The text offset where a 1-based line starts.
    public func textOffset(ofLine line: Int) -> Int {
        guard line >= 1 else { return 0 }
        let lineStarts = self.lineStarts
        guard line <= lineStarts.count else { return text.count }
        return Int(lineStarts[line - 1])
    }

    /// The byte offset in the original file of a UTF-8 text offset.
    public func originalOffset(of textOffset: Int) -> Int {
        let bom = encoding.bomLength
        guard encoding.isTranscoded else { return textOffset + bom }
        // Start from the nearest checkpoint at or before the offset, then walk scalars.
        var index = min(textOffset / SourceFile.checkpointStride, checkpoints.count - 1)
        while index > 0, checkpoints[index].textOffset > textOffset { index -= 1 }
        var position = checkpoints.isEmpty ? 0 : checkpoints[index].textOffset
        var original = checkpoints.isEmpty ? bom : checkpoints[index].originalOffset
        while position < textOffset, position < text.count {
            let length = UTF8Validator.sequenceLength(text, at: position)
            original += encoding == .windows1252 ? 1 : (length == 4 ? 4 : 2)
            position += length
        }
        return original
    }

    // MARK: Detection and line table

    /// The encoding `choice` means for `bytes`: a byte-order mark of the chosen encoding is honoured;
    /// `.auto` detects (and reads as UTF-8 what has no mark and does not look like UTF-16LE).
    static func resolveEncoding(_ choice: EncodingChoice, _ bytes: [UInt8]) -> SourceEncoding {
        switch choice {
        case .auto: return detectEncoding(bytes)
        case .utf8: return bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? .utf8BOM : .utf8
        case .utf16LE: return bytes.starts(with: [0xFF, 0xFE]) ? .utf16LEBOM : .utf16LE
        case .utf16BE: return bytes.starts(with: [0xFE, 0xFF]) ? .utf16BEBOM : .utf16BE
        case .windows1252: return .windows1252
        }
    }

    static func detectEncoding(_ bytes: [UInt8]) -> SourceEncoding {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return .utf8BOM }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return .utf16LEBOM }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return .utf16BEBOM }
        // Without a BOM, UTF-16LE text of mostly ASCII has a zero at nearly every odd offset and
        // almost none at even ones. Look at a prefix.
        let sample = min(bytes.count, 4096) & ~1
        guard sample >= 4 else { return .utf8 }
        var oddZeros = 0
        var evenZeros = 0
        for i in stride(from: 0, to: sample, by: 2) {
            if bytes[i] == 0 { evenZeros += 1 }
            if bytes[i + 1] == 0 { oddZeros += 1 }
        }
        let pairs = sample / 2
        if oddZeros * 10 >= pairs * 6, evenZeros * 10 < pairs { return .utf16LE }
        return .utf8
    }

    static func makeDecodingDiagnostic(_ problem: DecodingProblem, path: String) -> Diagnostic {
        var diagnostic = Diagnostic(
            code: problem.code, severity: problem.code == SourceCode.nulByte ? .warning : .error,
            message: problem.message, range: SourceRange(file: path, start: .init(line: 1, column: 1, offset: 0),
                                                         end: .init(line: 1, column: 1, offset: 0)))
        diagnostic.pendingTextRange = problem.textStart..<problem.textEnd
        return diagnostic
    }
}

/// Line-break rules shared by the line table and the lexer.
public enum LineBreak {
    /// The length of the line break that starts at `i` (which must be CR or LF): 1 for LF or a lone
    /// CR, 2 for CRLF, 3 for CR CR LF (written by tools that add a CR to text that already had CRLF).
    @inlinable
    public static func length(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        if buffer[i] == 0x0A { return 1 }
        if i + 1 < buffer.count, buffer[i + 1] == 0x0A { return 2 }
        if i + 2 < buffer.count, buffer[i + 1] == 0x0D, buffer[i + 2] == 0x0A { return 3 }
        return 1
    }
}

/// The line table of a ``SourceFile``, computed the first time a location is asked for. Copies of the
/// file share it; a lock makes that first computation safe from any thread.
final class LineTable: @unchecked Sendable {  // `starts` is only touched with `mutex` held
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var starts: [Int32]?

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// The line starts of `text` (always the same text for one table).
    func starts(of text: [UInt8]) -> [Int32] {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if let starts { return starts }
        let computed = TextScanner.lineStarts(text)
        starts = computed
        return computed
    }
}
