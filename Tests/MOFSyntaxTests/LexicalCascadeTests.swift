import Foundation
import MOFSyntax
import MofkitSource
import Testing

/// One mistake, one error: an unterminated string literal ends at its line end, and the parser adds
/// no syntax error of its own on or right after it (no "expected ';'" at the same spot).
@Suite struct LexicalCascadeTests {
    static func describe(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.code) \($0.range.start.line):\($0.range.start.column) \($0.message)" }
    }

    /// Parses `text` whole and streamed; both must report the same errors.
    static func errors(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
        let whole = TestSupport.errors(TestSupport.parse(text))
        var streamed: [Diagnostic] = []
        MOFParser.parseDeclarations(SourceFile(path: "test.mof", string: text)) { chunk in
            streamed += chunk.diagnostics.filter { $0.severity == .error }
        }
        #expect(describe(whole) == describe(streamed), sourceLocation: sourceLocation)
        return whole
    }

    @Test func unterminatedValueBeforeTheClosingBrace() {
        let errors = Self.errors("instance of X { a = \"abc\n};\n")
        #expect(Self.describe(errors) == ["MOF1002 1:21 unterminated string literal"])
    }

    @Test func unterminatedValueWithCRLF() {
        let errors = Self.errors("instance of X {\r\n a = \"abc\r\n};\r\n")
        #expect(Self.describe(errors) == ["MOF1002 2:6 unterminated string literal"])
    }

    @Test func theNextLineIsTheNextAssignment() {
        let text = "instance of X\n{\n    a = \"abc\n    b = 2;\n};\n"
        #expect(Self.describe(Self.errors(text)) == ["MOF1002 3:9 unterminated string literal"])
        let tree = TestSupport.parse(text)
        guard case .instanceDecl(let instance) = tree.root.declarations.first else {
            Issue.record("no instance")
            return
        }
        // `b` is parsed, not skipped as part of the broken statement.
        #expect(instance.assignments.compactMap(\.name?.text) == ["a", "b"])
        #expect(tree.printedText() == Array(text.utf8))
    }

    @Test func theNextLineIsTheNextProperty() {
        let text = "class X\n{\n    string a = \"abc\n    uint32 b;\n};\n"
        #expect(Self.describe(Self.errors(text)) == ["MOF1002 3:16 unterminated string literal"])
        guard case .classDecl(let decl) = TestSupport.parse(text).root.declarations.first else {
            Issue.record("no class")
            return
        }
        #expect(decl.properties.compactMap(\.name?.text) == ["a", "b"])
    }

    @Test func unterminatedAtTheEndOfTheFile() {
        #expect(Self.describe(Self.errors("instance of X {\n a = \"abc")) == [
            "MOF1002 2:6 unterminated string literal",
        ])
    }

    @Test func unterminatedQualifierArgumentStopsAtTheListEnd() {
        // The `]` on the next line closes the qualifier list; nothing after it is reported.
        let text = "instance of X {\n [Q(\"x\n] a = 1;\n};\n"
        #expect(Self.describe(Self.errors(text)) == ["MOF1002 2:5 unterminated string literal"])
        guard case .instanceDecl(let instance) = TestSupport.parse(text).root.declarations.first else {
            Issue.record("no instance")
            return
        }
        #expect(instance.assignments.first?.name?.text == "a")
        #expect(instance.assignments.first?.qualifiers.first?.name?.text == "Q")
    }

    @Test func aLaterMistakeIsStillReported() {
        let errors = Self.errors("instance of X {\n a = \"abc\n b = ;\n};\n")
        #expect(errors.map(\.code) == [SyntaxCode.unterminatedString, SyntaxCode.expectedToken])
        #expect(errors.last?.range.start.line == 3)
    }

    @Test func aMissingSemicolonOnTheSameLineIsNotGuessed() {
        // Without a line break after the literal, the statement is not taken as ended: the parser
        // recovers by skipping, still without a second error.
        let text = "instance of X { a = 'ab' b = 1; c = 2; };\n"
        #expect(Self.errors(text).map(\.code) == [SyntaxCode.invalidChar16])
        guard case .instanceDecl(let instance) = TestSupport.parse(text).root.declarations.first else {
            Issue.record("no instance")
            return
        }
        #expect(instance.assignments.compactMap(\.name?.text) == ["a", "c"])
    }

    @Test func anUnterminatedIncludePathIsNotLookedUp() throws {
        let directory = NSTemporaryDirectory() + "mofkit-cascade-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/main.mof"
        try "#pragma include(\"sub.mof\nclass A { };\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = MOFSyntaxChecker.check(paths: [path], options: MOFLoadOptions())
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [SyntaxCode.unterminatedString], "\(Self.describe(errors))")
    }
}
