/// A minimal, fast JSON writer: appends UTF-8 to a byte buffer, manages commas, escapes strings
/// (quote, backslash, every control character; invalid UTF-8 cannot occur because Swift strings are
/// valid Unicode). Output is compact and byte-for-byte deterministic.
public struct JSONBuffer: Sendable {
    /// The UTF-8 written so far.
    public var bytes: [UInt8] = []
    /// One entry per enclosing container (not the innermost): whether a value was already written in it.
    private var hasValue: [Bool] = []
    /// Whether a value was already written in the innermost open container (kept out of `hasValue`
    /// because `separate()` runs for every value).
    private var innermostHasValue = false
    /// Whether a container is open.
    private var inContainer = false
    private var afterKey = false

    /// An empty buffer with room for `capacity` bytes.
    public init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    /// Empties the buffer (keeping its capacity).
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        hasValue.removeAll(keepingCapacity: true)
        innermostHasValue = false
        inContainer = false
        afterKey = false
    }

    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        if inContainer {
            if innermostHasValue { bytes.append(UInt8(ascii: ",")) } else { innermostHasValue = true }
        }
    }

    private mutating func openContainer(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        if inContainer { hasValue.append(innermostHasValue) }
        inContainer = true
        innermostHasValue = false
    }

    private mutating func closeContainer(_ bracket: UInt8) {
        bytes.append(bracket)
        if let outer = hasValue.popLast() {
            innermostHasValue = outer
        } else {
            inContainer = false
            innermostHasValue = false
        }
    }

    /// Opens an object (`{`).
    public mutating func beginObject() { openContainer(UInt8(ascii: "{")) }

    /// Closes the innermost object (`}`).
    public mutating func endObject() { closeContainer(UInt8(ascii: "}")) }

    /// Opens an array (`[`).
    public mutating func beginArray() { openContainer(UInt8(ascii: "[")) }

    /// Closes the innermost array (`]`).
    public mutating func endArray() { closeContainer(UInt8(ascii: "]")) }

    /// Writes an object key; the next value belongs to it.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// Writes an object key given at run time (escaped).
    public mutating func key(_ name: String) {
        separate()
        appendEscaped(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// Writes a string value (escaped).
    public mutating func string(_ value: String) {
        separate()
        appendEscaped(value)
    }

    /// Writes an integer value.
    public mutating func integer(_ value: Int) {
        separate()
        if value >= 0 && value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        // Digits written in place: no String per number.
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 24 digits, enough for Int.min
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// Writes `true` or `false`.
    public mutating func boolean(_ value: Bool) {
        separate()
        if value { bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65]) } else { bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65]) }
    }

    /// Writes `null`.
    public mutating func null() {
        separate()
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    }

    /// Appends a line feed (between JSON Lines records).
    public mutating func newline() {
        bytes.append(0x0A)
    }

    // Convenience for optional members: nothing is written for nil or an empty list.
    /// Writes `"name": value` (strings escaped); nothing at all when the value is `nil` or the list is empty.
    public mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// Writes `"name": value` (strings escaped); nothing at all when the value is `nil` or the list is empty.
    public mutating func member(_ name: StaticString, _ values: [String]) {
        guard !values.isEmpty else { return }
        key(name)
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Whether any of the eight bytes in `word` is a control character, `"` or a backslash.
    @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highBits != 0 }
        let hasControl = (word &- ones &* 0x20) & ~word & highBits != 0  // some byte < 0x20
        return hasControl || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
    }

    private mutating func appendEscaped(_ value: String) {
        var value = value
        value.withUTF8 { appendEscaped(bytes: $0) }
    }

    /// Writes a string value given as UTF-8 bytes (escaped).
    public mutating func string(bytes utf8: UnsafeBufferPointer<UInt8>) {
        separate()
        appendEscaped(bytes: utf8)
    }

    /// Writes text given in pieces as one string value (escaping works byte by byte, so pieces can be
    /// escaped one after the other).
    mutating func beginString() {
        separate()
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func appendStringPiece(_ utf8: UnsafeBufferPointer<UInt8>) { appendEscapedContent(utf8) }

    mutating func endString() { bytes.append(UInt8(ascii: "\"")) }

    /// Writes an object key given as an already escaped and quoted name (`"name"`).
    mutating func key(quoted: UnsafeBufferPointer<UInt8>) {
        separate()
        bytes.append(contentsOf: quoted)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// Writes a string value given as an already escaped and quoted name (`"name"`).
    mutating func string(quoted: UnsafeBufferPointer<UInt8>) {
        separate()
        bytes.append(contentsOf: quoted)
    }

    private mutating func appendEscaped(bytes utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        appendEscapedContent(utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscapedContent(_ utf8: UnsafeBufferPointer<UInt8>) {
        var start = 0
        var index = 0
        let count = utf8.count
        while index < count {
            // Eight bytes at a time while none needs escaping (exact bit tests, no false negatives).
            if index + 8 <= count, let base = utf8.baseAddress {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if !Self.needsEscape(word) {
                    index += 8
                    continue
                }
            }
            let byte = utf8[index]
            index += 1
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            let escaped = index - 1
            if start < escaped { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<escaped])) }
            start = index
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
            case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
            default:
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0xF)]])
            }
        }
        if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
    }
}
