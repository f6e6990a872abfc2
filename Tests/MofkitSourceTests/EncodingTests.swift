import MofkitSource
import Testing

@Suite("Encoding detection and decoding")
struct EncodingDetectionTests {
    let sample = "class Café { string Name = \"😀\"; };\r\n"

    @Test func plainUTF8() {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf8(sample))
        #expect(file.encoding == .utf8)
        #expect(file.text == Bytes.utf8(sample))
        #expect(file.decodingDiagnostics.isEmpty)
    }

    @Test func utf8WithBOMDropsTheMarkFromText() {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf8BOM + Bytes.utf8(sample))
        #expect(file.encoding == .utf8BOM)
        #expect(file.text == Bytes.utf8(sample))
        #expect(file.decodingDiagnostics.isEmpty)
    }

    @Test func utf16LEWithBOM() {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf16LEBOM + Bytes.utf16LE(sample))
        #expect(file.encoding == .utf16LEBOM)
        #expect(file.text == Bytes.utf8(sample))
        #expect(file.decodingDiagnostics.isEmpty)
    }

    @Test func utf16BEWithBOM() {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf16BEBOM + Bytes.utf16BE(sample))
        #expect(file.encoding == .utf16BEBOM)
        #expect(file.text == Bytes.utf8(sample))
        #expect(file.decodingDiagnostics.isEmpty)
    }

    @Test func utf16LEWithoutBOMIsDetectedFromZeroBytes() {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf16LE(sample))
        #expect(file.encoding == .utf16LE)
        #expect(file.text == Bytes.utf8(sample))
        #expect(file.decodingDiagnostics.isEmpty)
    }

    @Test func utf16BEWithoutBOMIsNotGuessed() {
        // Zeros at even offsets are not the UTF-16LE pattern; the file is read as UTF-8 (with NULs).
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf16BE("class A { };"))
        #expect(file.encoding == .utf8)
        #expect(!file.diagnostics(SourceCode.nulByte).isEmpty)
    }

    @Test func asciiTextWithOneNULIsStillUTF8() {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf8("class A\0 { };"))
        #expect(file.encoding == .utf8)
    }

    @Test(arguments: [[UInt8](), [0x41], [0x41, 0x00], [0x41, 0x00, 0x42]])
    func tinyInputsAreUTF8(bytes: [UInt8]) {
        let file = SourceFile(path: "a.mof", bytes: bytes)
        #expect(file.encoding == .utf8)
        #expect(file.text == bytes)
        #expect(file.encode(file.text) == bytes)
    }

    @Test func bomOnlyFiles() {
        for (bom, encoding) in [(Bytes.utf8BOM, SourceEncoding.utf8BOM), (Bytes.utf16LEBOM, .utf16LEBOM),
                                (Bytes.utf16BEBOM, .utf16BEBOM)] {
            let file = SourceFile(path: "a.mof", bytes: bom)
            #expect(file.encoding == encoding)
            #expect(file.text.isEmpty)
            #expect(file.lineCount == 1)
            #expect(file.encode(file.text) == bom)
            #expect(file.decodingDiagnostics.isEmpty)
        }
    }

    @Test func stringInitializerIsUTF8() {
        let file = SourceFile(path: "-", string: "a\nb")
        #expect(file.encoding == .utf8)
        #expect(file.path == "-")
        #expect(file.lineCount == 2)
    }

    @Test func nonBMPScalarsBecomeFourByteUTF8() {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf16LEBOM + Bytes.utf16LE("𝄞"))
        #expect(file.text == [0xF0, 0x9D, 0x84, 0x9E])
    }
}

@Suite("encode(text) gives the input bytes back")
struct RoundTripTests {
    static let inputs: [[UInt8]] = [
        Bytes.utf8("class A { };\n"),
        Bytes.utf8BOM + Bytes.utf8("class Ä { };\r\n"),
        Bytes.utf8("bad \u{FF} byte") + [0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80] + [0x00],
        Bytes.utf16LEBOM + Bytes.utf16LE("class A\r\n{ string s = \"😀\"; };"),
        Bytes.utf16BEBOM + Bytes.utf16BE("class A\r\n{ string s = \"😀\"; };"),
        Bytes.utf16LE("instance of SMS_Collection\r\n{\r\n};\r\n"),
        // Lone surrogates: high then ASCII, low alone, high at the very end.
        Bytes.utf16LEBOM + Bytes.utf16([0x41, 0xD800, 0x42, 0xDC00, 0x43, 0xDBFF], bigEndian: false),
        Bytes.utf16BEBOM + Bytes.utf16([0xDFFF, 0xD83D, 0x41, 0xD83D, 0xDE00], bigEndian: true),
        // A low surrogate before a high one is two lone surrogates, not a pair.
        Bytes.utf16LEBOM + Bytes.utf16([0xDC00, 0xD800], bigEndian: false),
        // Odd trailing byte, with and without a BOM, and NUL units.
        Bytes.utf16LEBOM + Bytes.utf16LE("AB") + [0x43],
        Bytes.utf16BEBOM + Bytes.utf16BE("AB") + [0x43],
        Bytes.utf16LE("class A { };") + [0x7A],
        Bytes.utf16LEBOM + Bytes.utf16([0x41, 0x0000, 0x42], bigEndian: false),
    ]

    @Test(arguments: RoundTripTests.inputs)
    func roundTrip(bytes: [UInt8]) {
        let file = SourceFile(path: "a.mof", bytes: bytes)
        #expect(file.encode(file.text) == bytes)
    }

    @Test func randomUTF16BytesRoundTrip() {
        var rng = SplitMix64(seed: 42)
        for trial in 0..<200 {
            let length = Int.random(in: 0...200, using: &rng)
            var body = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            // Make surrogate-range units frequent: they are what the round trip has to get right.
            for i in stride(from: 1, to: body.count, by: 2) where Bool.random(using: &rng) {
                body[i] = UInt8.random(in: 0xD8...0xDF, using: &rng)
            }
            let bom = trial % 2 == 0 ? Bytes.utf16LEBOM : Bytes.utf16BEBOM
            let bytes = bom + body
            let file = SourceFile(path: "fuzz.mof", bytes: bytes)
            #expect(file.encode(file.text) == bytes, "trial \(trial)")
        }
    }

    @Test func randomBytesRoundTripWhateverTheDetectedEncoding() {
        var rng = SplitMix64(seed: 7)
        for trial in 0..<200 {
            let length = Int.random(in: 0...300, using: &rng)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let file = SourceFile(path: "fuzz.mof", bytes: bytes)
            #expect(file.encode(file.text) == bytes, "trial \(trial)")
        }
    }

    @Test func encodeTranscodesEditedTextIntoTheFileEncoding() {
        let file = SourceFile(path: "a.mof", bytes: Bytes.utf16LEBOM + Bytes.utf16LE("a"))
        #expect(file.encode(Bytes.utf8("é😀")) == Bytes.utf16LEBOM + Bytes.utf16LE("é😀"))
        let bigEndian = SourceFile(path: "a.mof", bytes: Bytes.utf16BEBOM + Bytes.utf16BE("a"))
        #expect(bigEndian.encode(Bytes.utf8("é😀")) == Bytes.utf16BEBOM + Bytes.utf16BE("é😀"))
        let withBOM = SourceFile(path: "a.mof", bytes: Bytes.utf8BOM + Bytes.utf8("a"))
        #expect(withBOM.encode(Bytes.utf8("b")) == Bytes.utf8BOM + Bytes.utf8("b"))
    }
}
