import Foundation
import MOFSyntax
import MofkitSource
import Testing

/// Bad input never crashes or hangs, and gets its diagnostic.
@Suite struct HostileInputTests {
    @Test func emptyFile() {
        let tree = TestSupport.parse("")
        #expect(tree.diagnostics.isEmpty)
        #expect(tree.printedText().isEmpty)
        #expect(tree.root.declarations.isEmpty)
    }

    @Test func randomBytes() {
        var generator = SeededGenerator(seed: 0x5EED)
        for round in 0..<200 {
            let count = Int.random(in: 0..<400, using: &generator)
            // Bias towards MOF punctuation so the parser, not only the lexer, gets exercised.
            let alphabet = Array("{}()[];,:=$#\"'/*\\ \n\tclass instance of qualifier 0x1b.5e".utf8)
            let bytes = (0..<count).map { _ in
                Bool.random(using: &generator) ? alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                    : UInt8.random(in: 0...255, using: &generator)
            }
            let source = SourceFile(path: "random\(round).mof", bytes: bytes)
            let tree = MOFParser.parse(source)
            #expect(source.encode(tree.printedText()) == bytes)
            _ = tree.dump()
        }
    }

    @Test func truncatedAtEveryByte() throws {
        let bytes = Array(TestSupport.seedSample.utf8)
        for length in 0...bytes.count {
            let prefix = Array(bytes[0..<length])
            let source = SourceFile(path: "cut.mof", bytes: prefix)
            let tree = MOFParser.parse(source)
            #expect(tree.printedText() == prefix)
            // Cut inside a class or instance body (more '{' than '}'), the file is incomplete.
            let open = prefix.filter { $0 == UInt8(ascii: "{") }.count
            let closed = prefix.filter { $0 == UInt8(ascii: "}") }.count
            if open > closed {
                #expect(!TestSupport.errors(tree).isEmpty, "no error when cut at \(length)")
            }
        }
    }

    @Test func unterminatedStringAndCommentAtEndOfFile() {
        let string = TestSupport.parse("class A { string B = \"abc")
        #expect(string.diagnostics.contains { $0.code == SyntaxCode.unterminatedString })
        let comment = TestSupport.parse("class A { }; /* abc")
        #expect(comment.diagnostics.map(\.code) == [SyntaxCode.unterminatedComment])
    }

    @Test(arguments: ["{", "[", "(", "instance of A { V = "])
    func deepNesting(_ opener: String) {
        let text = "class A { string B = " + String(repeating: opener, count: 10_000) + "\n"
        let tree = TestSupport.parse(text)
        let errors = TestSupport.errors(tree)
        #expect(!errors.isEmpty)
        #expect(errors.count <= 3, "\(errors.map(\.message))")
        #expect(tree.printedText() == Array(text.utf8))
    }

    @Test func deepNestingAtTopLevel() {
        for opener in ["{", "[", "("] {
            let tree = TestSupport.parse(String(repeating: opener + "\n", count: 10_000))
            #expect(TestSupport.errors(tree).count == 1, "\(opener)")
        }
    }

    @Test func twentyMegabyteSingleLine() {
        // One line of 20 MB: a class whose description is a huge string, then a huge run of tokens.
        var text = "class A { [Description(\"" + String(repeating: "x", count: 10_000_000) + "\")] string B; };"
        text += String(repeating: "instance of A { B = 1; }; ", count: 400_000)
        let source = SourceFile(path: "long.mof", string: text)
        var declarations = 0
        var errors = 0
        MOFParser.parseDeclarations(source) { chunk in
            declarations += chunk.root.declarations.count
            errors += chunk.diagnostics.count
        }
        #expect(declarations == 400_001)
        #expect(errors == 0)
        let broken = SourceFile(path: "long.mof", string: "class A { string B = \"" + String(repeating: "y", count: 20_000_000))
        #expect(MOFParser.parse(broken).diagnostics.map(\.code) == [SyntaxCode.unterminatedString])
    }
}

/// A small deterministic generator (SplitMix64) so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
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
