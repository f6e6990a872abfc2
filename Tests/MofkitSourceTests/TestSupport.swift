import MofkitSource

/// Byte-level helpers shared by the MofkitSource tests.
enum Bytes {
    static func utf8(_ string: String) -> [UInt8] { Array(string.utf8) }

    /// UTF-16 code units as bytes, in either byte order.
    static func utf16(_ units: [UInt16], bigEndian: Bool) -> [UInt8] {
        units.flatMap { unit -> [UInt8] in
            let high = UInt8(unit >> 8)
            let low = UInt8(unit & 0xFF)
            return bigEndian ? [high, low] : [low, high]
        }
    }

    static func utf16LE(_ string: String) -> [UInt8] { utf16(Array(string.utf16), bigEndian: false) }
    static func utf16BE(_ string: String) -> [UInt8] { utf16(Array(string.utf16), bigEndian: true) }

    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]
    static let utf16LEBOM: [UInt8] = [0xFF, 0xFE]
    static let utf16BEBOM: [UInt8] = [0xFE, 0xFF]
}

/// A small deterministic pseudo-random generator (SplitMix64) so fuzz-style tests repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SourceFile {
    /// The decoding diagnostics with a given code.
    func diagnostics(_ code: DiagnosticCode) -> [Diagnostic] {
        decodingDiagnostics.filter { $0.code == code }
    }
}

extension SourceLocation {
    /// `(line, column, offset)`, for compact expectations.
    var triple: [Int] { [line, column, offset] }
}
