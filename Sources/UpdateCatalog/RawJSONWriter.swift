/// The output buffer of `catalog convert`'s streaming path: the same compact JSON as ``JSONBuffer``
/// (same comma handling, same escaping, byte for byte), written through a raw pointer, so a byte
/// costs a store instead of an `Array` append with its uniqueness and capacity checks.
///
/// It owns its memory without reference counting: exactly one owner keeps it (the catalog reader's
/// event state) and calls ``deallocate()``; never copy it.
struct RawJSONWriter {
    /// The bytes written so far.
    private var output: ByteArena
    /// Per enclosing container: whether a value was already written in it (as in ``JSONBuffer``).
    private var hasValue: [Bool] = []
    private var innermostHasValue = false
    private var inContainer = false
    private var afterKey = false

    init(capacity: Int = 1 << 21) {
        output = ByteArena(capacity: capacity)
    }

    func deallocate() { output.deallocate() }

    var count: Int { output.count }

    var bytes: UnsafeBufferPointer<UInt8> { output.buffer(0, output.count) }

    /// Empties the buffer; the container state is reset too (records are written whole).
    mutating func removeAll() {
        output.removeAll()
        hasValue.removeAll(keepingCapacity: true)
        innermostHasValue = false
        inContainer = false
        afterKey = false
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) { output.append(byte) }

    @inline(__always)
    mutating func append(_ piece: UnsafeBufferPointer<UInt8>) { output.append(piece) }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    // MARK: JSON structure (the rules of JSONBuffer)

    @inline(__always)
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        if inContainer {
            if innermostHasValue { append(UInt8(ascii: ",")) } else { innermostHasValue = true }
        }
    }

    private mutating func openContainer(_ bracket: UInt8) {
        separate()
        append(bracket)
        if inContainer { hasValue.append(innermostHasValue) }
        inContainer = true
        innermostHasValue = false
    }

    private mutating func closeContainer(_ bracket: UInt8) {
        append(bracket)
        if let outer = hasValue.popLast() {
            innermostHasValue = outer
        } else {
            inContainer = false
            innermostHasValue = false
        }
    }

    mutating func beginObject() { openContainer(UInt8(ascii: "{")) }
    mutating func endObject() { closeContainer(UInt8(ascii: "}")) }
    mutating func beginArray() { openContainer(UInt8(ascii: "[")) }
    mutating func endArray() { closeContainer(UInt8(ascii: "]")) }

    mutating func key(_ name: StaticString) {
        separate()
        let length = name.utf8CodeUnitCount
        output.reserve(length + 3)
        // Room is reserved: store directly.
        let at = output.base + output.count
        at[0] = UInt8(ascii: "\"")
        name.withUTF8Buffer { text in
            if let start = text.baseAddress { (at + 1).update(from: start, count: length) }
        }
        at[1 + length] = UInt8(ascii: "\"")
        at[2 + length] = UInt8(ascii: ":")
        output.commit(length + 3)
        afterKey = true
    }

    /// A key given as an already escaped and quoted name (`"name"`).
    mutating func key(quoted: UnsafeBufferPointer<UInt8>) {
        separate()
        append(quoted)
        append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// A key given at run time (escaped).
    mutating func key(text name: String) {
        separate()
        var name = name
        name.withUTF8 { appendQuoted($0) }
        append(UInt8(ascii: ":"))
        afterKey = true
    }

    mutating func string(_ value: String) {
        separate()
        var value = value
        value.withUTF8 { appendQuoted($0) }
    }

    mutating func string(bytes utf8: UnsafeBufferPointer<UInt8>) {
        separate()
        appendQuoted(utf8)
    }

    /// A string value given as an already escaped and quoted name.
    mutating func string(quoted: UnsafeBufferPointer<UInt8>) {
        separate()
        append(quoted)
    }

    /// Text given in pieces as one string value (escaping works byte by byte).
    mutating func beginString() {
        separate()
        append(UInt8(ascii: "\""))
    }

    mutating func appendStringPiece(_ utf8: UnsafeBufferPointer<UInt8>) { appendEscapedContent(utf8) }

    mutating func endString() { append(UInt8(ascii: "\"")) }

    mutating func integer(_ value: Int) {
        separate()
        if value >= 0 && value < 10 {
            append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var magnitude = value.magnitude
        if value < 0 { append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 24 digits, enough for Int.min
        var used = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[used] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                used += 1
            } while magnitude > 0
            output.reserve(used)
            for index in stride(from: used - 1, through: 0, by: -1) { output.append(buffer[index]) }
        }
    }

    mutating func boolean(_ value: Bool) {
        separate()
        append(value ? "true" : "false")
    }

    mutating func newline() { append(0x0A) }

    private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        append(UInt8(ascii: "\""))
        appendEscapedContent(utf8)
        append(UInt8(ascii: "\""))
    }

    private static let hex: StaticString = "0123456789abcdef"

    /// Escapes as ``JSONBuffer`` does: quote, backslash and every control character.
    private mutating func appendEscapedContent(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let source = utf8.baseAddress else { return }
        let length = utf8.count
        // Worst case: every byte becomes \u00XX.
        self.output.reserve(length * 6)
        let start = self.output.base + self.output.count
        var output = start
        var index = 0
        while index < length {
            if index + 8 <= length {
                let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
                if !JSONBuffer.needsEscape(word) {
                    UnsafeMutableRawPointer(output).storeBytes(of: word, as: UInt64.self)
                    output += 8
                    index += 8
                    continue
                }
            } else if length >= 8 && output - start == index {
                // Fewer than eight bytes left and nothing escaped so far (output and input line up):
                // the last eight bytes as one word, overlapping what is already copied.
                let word = UnsafeRawPointer(source + length - 8).loadUnaligned(as: UInt64.self)
                if !JSONBuffer.needsEscape(word) {
                    UnsafeMutableRawPointer(start + length - 8).storeBytes(of: word, as: UInt64.self)
                    output = start + length
                    break
                }
            }
            let byte = source[index]
            index += 1
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else {
                output.pointee = byte
                output += 1
                continue
            }
            output[0] = 0x5C
            switch byte {
            case 0x22: output[1] = 0x22; output += 2
            case 0x5C: output[1] = 0x5C; output += 2
            case 0x0A: output[1] = 0x6E; output += 2
            case 0x0D: output[1] = 0x72; output += 2
            case 0x09: output[1] = 0x74; output += 2
            case 0x08: output[1] = 0x62; output += 2
            case 0x0C: output[1] = 0x66; output += 2
            default:
                Self.hex.withUTF8Buffer { digits in
                    output[1] = 0x75
                    output[2] = 0x30
                    output[3] = 0x30
                    output[4] = digits[Int(byte >> 4)]
                    output[5] = digits[Int(byte & 0xF)]
                }
                output += 6
            }
        }
        self.output.commit(output - start)
    }
}
