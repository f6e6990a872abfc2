import Testing
@testable import UpdateCatalog

/// The data structures behind `catalog convert`'s fast paths.
struct FastPathTests {
    @Test func commasAfterNestedContainersCloseInTheRightLevel() {
        var buffer = JSONBuffer()
        buffer.beginArray()
        buffer.beginObject(); buffer.key("a"); buffer.beginArray(); buffer.beginArray(); buffer.endArray(); buffer.integer(1); buffer.endArray()
        buffer.key("b"); buffer.beginObject(); buffer.endObject(); buffer.endObject()
        buffer.beginArray(); buffer.endArray()
        buffer.string("x")
        buffer.endArray()
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "[{\"a\":[[],1],\"b\":{}},[],\"x\"]")
    }

    @Test func topLevelValuesAfterRemoveAllGetNoLeadingComma() {
        var buffer = JSONBuffer()
        buffer.beginObject(); buffer.key("k"); buffer.integer(7)
        buffer.removeAll()  // even with a container left open
        buffer.beginObject(); buffer.key("k"); buffer.integer(8); buffer.endObject()
        buffer.newline()
        buffer.beginArray(); buffer.integer(9); buffer.endArray()
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "{\"k\":8}\n[9]")
    }

    @Test func deepNestingKeepsEveryLevelsCommaState() {
        var buffer = JSONBuffer()
        for _ in 0..<100 { buffer.beginArray(); buffer.integer(0) }
        for _ in 0..<100 { buffer.endArray() }
        // Every level but the innermost has "0," before its child array.
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == String(repeating: "[0,", count: 99) + "[0" + String(repeating: "]", count: 100))
    }

    @Test func escapesAtEveryPositionOfTheEightByteScan() {
        // Each special byte at every offset of 0...17 in an ASCII/UTF-8 string, checked against the spec.
        let specials: [(Character, String)] = [("\"", "\\\""), ("\\", "\\\\"), ("\n", "\\n"), ("\u{1F}", "\\u001f"), ("\u{0}", "\\u0000")]
        for (special, escaped) in specials {
            for offset in 0...17 {
                let prefix = String(repeating: "a", count: offset)
                let suffix = "é~\u{7F}bcdefghij"
                var buffer = JSONBuffer()
                buffer.string(prefix + String(special) + suffix)
                #expect(String(decoding: buffer.bytes, as: UTF8.self) == "\"" + prefix + escaped + suffix + "\"")
            }
        }
    }

    /// The convert path's writer escapes exactly as JSONBuffer does, for every length around the
    /// eight-byte scan and its overlapping last word, with a special byte at every position (or none).
    @Test func rawWriterEscapesLikeJSONBufferAtEveryLengthAndPosition() {
        let specials: [UInt8] = [0x22, 0x5C, 0x0A, 0x1F, 0x00, 0x7F, 0xC3]
        var raw = RawJSONWriter(capacity: 4)
        defer { raw.deallocate() }
        var compared = 0
        var mismatches: [String] = []
        for length in 0...25 {
            for position in -1..<length {
                for special in position < 0 ? [0x61] : specials {
                    var bytes = (0..<length).map { UInt8(0x61 + $0 % 26) }
                    if position >= 0 { bytes[position] = special }
                    var expected = JSONBuffer()
                    bytes.withUnsafeBufferPointer { expected.string(bytes: $0) }
                    raw.removeAll()
                    bytes.withUnsafeBufferPointer { raw.string(bytes: $0) }
                    if !raw.bytes.elementsEqual(expected.bytes) { mismatches.append("length \(length) position \(position) byte \(special)") }
                    compared += 1
                }
            }
        }
        #expect(compared > 2000)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func nameCacheFindsEveryKeyAcrossGrowth() {
        var cache = InternedNameCache()
        // Keys shaped like pointers (8-byte aligned, close together): the worst case for a weak hash.
        let keys = (1...5000).map { UInt(0x7F00_0000_0000) + UInt($0) * 8 }
        for key in keys {
            #expect(cache.lookup(key) == nil)
            cache.insert(key, "n\(key)")
        }
        for key in keys where cache.lookup(key) != "n\(key)" {
            Issue.record("key \(key) lost")
        }
        #expect(cache.lookup(0x10) == nil)
    }
}
