import MOFSyntax
import MofkitSource
import Testing

/// Asserts that parsing `marked` gives exactly one error-or-warning with `code`, at marker 1️⃣.
func expectDiagnostic(_ code: DiagnosticCode, _ marked: String, severity: Severity = .error,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let (text, markers) = TestSupport.markers(marked, expecting: ["1️⃣"], sourceLocation: sourceLocation)
    let tree = TestSupport.parse(text)
    let found = tree.diagnostics.filter { $0.severity >= .warning }
    #expect(found.count == 1, "diagnostics: \(found.map { "\($0.code) \($0.range.start.line):\($0.range.start.column) \($0.message)" })",
            sourceLocation: sourceLocation)
    guard let first = found.first else { return }
    #expect(first.code == code, "\(first.message)", sourceLocation: sourceLocation)
    #expect(first.severity == severity, sourceLocation: sourceLocation)
    // A missing 1️⃣ has already been recorded as a failure by `markers(_:expecting:)`.
    guard let marker = markers["1️⃣"] else { return }
    #expect(first.range.start.line == marker.line && first.range.start.column == marker.column,
            "at \(first.range.start.line):\(first.range.start.column), expected \(marker.line):\(marker.column): \(first.message)",
            sourceLocation: sourceLocation)
}

/// The marker helpers must be able to fail: a location check that silently does nothing is no check.
@Suite struct MarkerHelperTests {
    @Test func markersGiveTheCleanTextAndTheirPlaces() {
        let (text, places) = TestSupport.markers("a1️⃣b\nc2️⃣d", expecting: ["1️⃣", "2️⃣"])
        #expect(text == "ab\ncd")
        #expect(places["1️⃣"].map { [$0.line, $0.column] } == [1, 2])
        #expect(places["2️⃣"].map { [$0.line, $0.column] } == [2, 2])
    }

    @Test func aMarkerTheSourceLacksFails() {
        withKnownIssue { _ = TestSupport.markers("class A { };", expecting: ["1️⃣"]) }
    }

    @Test func aMarkerNoExpectationUsesFails() {
        withKnownIssue { _ = TestSupport.markers("class 1️⃣A { 2️⃣};", expecting: ["1️⃣"]) }
    }

    @Test func aRepeatedMarkerFails() {
        withKnownIssue { _ = TestSupport.markers("class 1️⃣A { 1️⃣};", expecting: ["1️⃣"]) }
    }

    @Test func expectDiagnosticWithoutItsMarkerFails() {
        // The diagnostic is right (code, count, severity); only the marker is missing.
        withKnownIssue { expectDiagnostic(SyntaxCode.unexpectedCharacter, "class A { string B; @ };") }
    }
}

@Suite struct LexerTests {
    @Test func tokenKinds() {
        let tree = TestSupport.parse("#PRAGMA x($a, 1, 0x1F, 017, 101b, 1.5, .5, 1e10, -2, +3, \"s\", 'c') {}[];:=")
        let kinds = tree.tokens.map(\.kind)
        #expect(kinds == [.pragmaKeyword, .identifier, .leftParen, .aliasIdentifier, .comma, .integer, .comma,
                          .integer, .comma, .integer, .comma, .integer, .comma, .real, .comma, .real, .comma, .real,
                          .comma, .integer, .comma, .integer, .comma, .string, .comma, .char16, .rightParen,
                          .leftBrace, .rightBrace, .leftBracket, .rightBracket, .semicolon, .colon, .equals,
                          .endOfFile])
    }

    @Test func identifiersAcceptNonASCII() {
        let tree = TestSupport.parse("class Größe_Ω { string Näme; };")
        #expect(tree.diagnostics.isEmpty)
        guard case .classDecl(let decl) = tree.root.declarations.first else { Issue.record("no class"); return }
        #expect(decl.name?.text == "Größe_Ω")
        #expect(decl.properties.first?.name?.text == "Näme")
    }

    @Test func commentsAndWhitespaceAreTrivia() {
        let tree = TestSupport.parse("// line\n/* block\n */ class A { };\t\r\n")
        #expect(tree.diagnostics.isEmpty)
        let pieces = tree.trivia(before: 0).map(\.kind)
        #expect(pieces == [.lineComment, .newline, .blockComment, .whitespace])
        #expect(tree.trivia(before: tree.tokens.count - 1).map(\.kind) == [.whitespace, .newline])
    }

    @Test func unterminatedString() {
        expectDiagnostic(SyntaxCode.unterminatedString, "class A { [Description(1️⃣\"abc)] string B; };\n")
    }

    @Test func unterminatedBlockComment() {
        expectDiagnostic(SyntaxCode.unterminatedComment, "class A { };\n1️⃣/* never closed\nclass B { };\n")
    }

    @Test func unknownEscapeIsAWarningAndKeepsTheBackslash() {
        let source = "class A { string P = \"C:1️⃣\\Temp\"; };"
        expectDiagnostic(SyntaxCode.invalidEscape, source, severity: .warning)
        let tree = TestSupport.parse(TestSupport.markers(source).text)
        guard case .classDecl(let decl) = tree.root.declarations.first,
              case .string(let value)? = decl.properties.first?.defaultValue?.decoded
        else { Issue.record("no value"); return }
        #expect(value == "C:\\Temp")
    }

    @Test func strayCharacter() {
        expectDiagnostic(SyntaxCode.unexpectedCharacter, "class A { string B; 1️⃣@ };")
    }

    @Test func badNumbers() {
        expectDiagnostic(SyntaxCode.invalidNumber, "class A { uint32 B = 01️⃣98; };")
        expectDiagnostic(SyntaxCode.invalidNumber, "class A { uint32 B = 1️⃣0x; };")
        expectDiagnostic(SyntaxCode.invalidNumber, "class A { uint32 B = 121️⃣abc; };")
        expectDiagnostic(SyntaxCode.integerOverflow, "class A { uint64 B = 1️⃣99999999999999999999; };")
        expectDiagnostic(SyntaxCode.integerOverflow, "class A { sint64 B = 1️⃣-9223372036854775809; };")
    }

    @Test func badChar16() {
        expectDiagnostic(SyntaxCode.invalidChar16, "class A { char16 B = 1️⃣'ab'; };")
        expectDiagnostic(SyntaxCode.invalidChar16, "class A { char16 B = 1️⃣''; };")
        expectDiagnostic(SyntaxCode.invalidChar16, "class A { char16 B = 1️⃣'a; };")
    }

    @Test func brokenStringReportsTheBreakWithTheValueItWouldHave() {
        let text = "instance of A\n{\n    [PropertyContext(\"local|HKLM\\\\Control\\\\\n        Terminal Server|TSEnabled\"), Dynamic] TSEnabled;\n};\n"
        let tree = TestSupport.parse(text)
        let errors = TestSupport.errors(tree)
        #expect(errors.count == 1)
        guard let error = errors.first else { return }
        #expect(error.code == SyntaxCode.brokenString)
        #expect(error.range.start.line == 3 && error.range.start.column == 44)
        #expect(error.notes.first?.message == "value would be \"local|HKLM\\Control\\<newline>        Terminal Server|TSEnabled\"")
        #expect(error.fixIts.first?.replacement == "")
        // The string continues to its closing quote, so the instance still parses completely.
        guard case .instanceDecl(let instance) = tree.root.declarations.first else { Issue.record("no instance"); return }
        #expect(instance.assignments.map { $0.name?.text } == ["TSEnabled"])
        #expect(instance.assignments.first?.qualifiers.map { $0.name?.text } == ["PropertyContext", "Dynamic"])
    }
}

@Suite struct ParserTests {
    @Test func classWithEverything() {
        let text = """
            [Association, Description("d") : Amended ToSubclass]
            class B as $b : A
            {
                [key] A REF Left;
                string Names[] = {"x", "y"};
                uint8 Data[16];
                [Description("m")] uint32 Run([in] string Target, [in, out] uint32 Flags[], [out] A ref Result);
                void Reset();
            };
            """
        let tree = TestSupport.parse(text)
        #expect(tree.diagnostics.isEmpty, "\(tree.diagnostics.map(\.message))")
        guard case .classDecl(let decl) = tree.root.declarations.first else { Issue.record("no class"); return }
        #expect(decl.name?.text == "B")
        #expect(decl.superclass?.text == "A")
        #expect(decl.alias?.text == "b")
        #expect(decl.qualifiers.map { $0.name?.text } == ["Association", "Description"])
        #expect(decl.qualifiers[1].flavors.map(\.text) == ["Amended", "ToSubclass"])
        #expect(decl.references.first?.className?.text == "A")
        #expect(decl.references.first?.name?.text == "Left")
        #expect(decl.properties.map { $0.name?.text } == ["Names", "Data"])
        #expect(decl.properties[0].array?.size == nil)
        #expect(decl.properties[1].array?.size == 16)
        let method = decl.methods[0]
        #expect(method.name?.text == "Run")
        #expect(method.returnType?.text == "uint32")
        #expect(method.parameters.map { $0.name?.text } == ["Target", "Flags", "Result"])
        #expect(method.parameters[1].qualifiers.map { $0.name?.text } == ["in", "out"])
        #expect(method.parameters[1].array != nil)
        #expect(method.parameters[2].isReference)
        #expect(decl.methods[1].returnType?.text == "void")
    }

    @Test func keywordsAreCaseInsensitive() {
        let tree = TestSupport.parse("CLASS A { STRING B; }; Instance OF A { B = NULL; c = True; }; QUALIFIER Q : BOOLEAN;")
        #expect(tree.diagnostics.isEmpty)
        #expect(tree.root.declarations.count == 3)
    }

    @Test func instanceValuesDecode() {
        let text = """
            instance of A as $x
            {
                S = "a" "b\\tc";  I = -0x10; O = 017; B = 101b; R = .5; C = '\\x41'; T = true; N = null;
                Al = $y; Arr = {1, 2}; E = instance of B { V = 1; };
                [PropertyContext("p"), Dynamic] D;
            };
            """
        let tree = TestSupport.parse(text)
        #expect(tree.diagnostics.isEmpty, "\(tree.diagnostics.map(\.message))")
        guard case .instanceDecl(let instance) = tree.root.declarations.first else { Issue.record("no instance"); return }
        #expect(instance.className?.text == "A")
        #expect(instance.alias?.text == "x")
        let values = Dictionary(uniqueKeysWithValues: instance.assignments.compactMap { a in
            a.name.map { ($0.text, a.value?.decoded) }
        })
        if case .string(let s)?? = values["S"] { #expect(s == "ab\tc") } else { Issue.record("S") }
        if case .integer(let i)?? = values["I"] { #expect(i.int64Value == -16 && i.radix == .hexadecimal) } else { Issue.record("I") }
        if case .integer(let i)?? = values["O"] { #expect(i.int64Value == 15) } else { Issue.record("O") }
        if case .integer(let i)?? = values["B"] { #expect(i.uint64Value == 5 && i.radix == .binary) } else { Issue.record("B") }
        if case .real(let r)?? = values["R"] { #expect(r == 0.5) } else { Issue.record("R") }
        if case .char16(let c)?? = values["C"] { #expect(c == 0x41) } else { Issue.record("C") }
        if case .boolean(let b)?? = values["T"] { #expect(b) } else { Issue.record("T") }
        if case .null?? = values["N"] {} else { Issue.record("N") }
        if case .alias(let a)?? = values["Al"] { #expect(a == "y") } else { Issue.record("Al") }
        if case .array(let items)?? = values["Arr"] { #expect(items.count == 2) } else { Issue.record("Arr") }
        if case .instance(let e)?? = values["E"] {
            #expect(e.className?.text == "B" && e.isEmbedded)
        } else { Issue.record("E") }
        #expect(values["D"] != nil && values["D"]! == nil)
    }

    @Test func qualifierDeclarations() {
        let tree = TestSupport.parse("""
            Qualifier Abstract : boolean = false, Scope(class, association), Flavor(EnableOverride, Restricted);
            Qualifier ValueMap : string[], Scope(property);
            qualifier write : ToInstance;
            """)
        #expect(tree.diagnostics.isEmpty)
        let decls = tree.root.declarations.compactMap { d -> QualifierDeclSyntax? in
            if case .qualifierDecl(let q) = d { return q } else { return nil }
        }
        #expect(decls.map { $0.name?.text } == ["Abstract", "ValueMap", "write"])
        #expect(decls[0].type?.text == "boolean")
        #expect(decls[0].scopes.map(\.text) == ["class", "association"])
        #expect(decls[0].flavors.map(\.text) == ["EnableOverride", "Restricted"])
        if case .boolean(false)? = decls[0].defaultValue?.decoded {} else { Issue.record("default") }
        #expect(decls[1].array != nil)
        #expect(decls[2].type == nil)
        #expect(decls[2].flavors.map(\.text) == ["ToInstance"])
    }

    @Test func qualifierArrayValuesInBothForms() {
        let tree = TestSupport.parse("class A { [ValueMap{\"0\",\"1\"}, Values(\"a\", \"b\"), MaxLen(3)] uint16 S; };")
        #expect(tree.diagnostics.isEmpty)
        guard case .classDecl(let decl) = tree.root.declarations.first else { Issue.record("no class"); return }
        let qualifiers = decl.properties[0].qualifiers
        #expect(qualifiers.map(\.hasArrayValue) == [true, true, false])
        if case .array(let items)? = qualifiers[1].value { #expect(items.count == 2) } else { Issue.record("Values") }
    }

    @Test func pragmas() {
        let tree = TestSupport.parse("""
            #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2")
            #pragma deleteclass("X", NOFAIL)
            #pragma autorecover
            #pragma classflags(64)
            """)
        #expect(tree.diagnostics.isEmpty, "\(tree.diagnostics.map(\.message))")
        let pragmas = tree.root.declarations.compactMap { d -> PragmaSyntax? in
            if case .pragma(let p) = d { return p } else { return nil }
        }
        #expect(pragmas.map(\.normalizedName) == ["namespace", "deleteclass", "autorecover", "classflags"])
        #expect(pragmas[0].stringArgument == "\\\\.\\root\\cimv2")
        if case .name(let n) = pragmas[1].arguments.last { #expect(n.text == "NOFAIL") } else { Issue.record("NOFAIL") }
    }

    @Test func pragmaDiagnostics() {
        expectDiagnostic(SyntaxCode.unknownPragma, "#pragma 1️⃣junk(\"x\")\nclass A { };", severity: .warning)
        expectDiagnostic(SyntaxCode.invalidPragmaArguments, "1️⃣#pragma deleteclass(\"X\")\n")
        expectDiagnostic(SyntaxCode.invalidPragmaArguments, "1️⃣#pragma include(\"a\", \"b\")\n")
        expectDiagnostic(SyntaxCode.unknownLocale, "#pragma locale(1️⃣\"junk value\")\n", severity: .warning)
        expectDiagnostic(SyntaxCode.expectedToken, "#pragma include (\"x.mof\"1️⃣\n")
    }

    @Test func syntaxErrorsAtTheRightPlace() {
        expectDiagnostic(SyntaxCode.expectedToken, "class A\n{\n    string B1️⃣\n    string C;\n};")
        expectDiagnostic(SyntaxCode.expectedToken, "class A { string B; }1️⃣\nclass C { };")
        expectDiagnostic(SyntaxCode.unexpectedToken, "1️⃣clas A { };\nclass B { };")
        expectDiagnostic(SyntaxCode.unknownDataType, "class A { 1️⃣int32 B; };")
        expectDiagnostic(SyntaxCode.unknownDataType, "class A { 1️⃣strng B; };")
        expectDiagnostic(SyntaxCode.invalidScope, "Qualifier Q : boolean, Scope(class, 1️⃣klass);")
        expectDiagnostic(SyntaxCode.invalidFlavor, "class A { [Q : 1️⃣Sometimes] string B; };")
        expectDiagnostic(SyntaxCode.nestedArray, "class A { uint8 B[] = {1️⃣{1}}; };")
        expectDiagnostic(SyntaxCode.extraSemicolon, "class A { string B;1️⃣; };", severity: .warning)
        expectDiagnostic(SyntaxCode.invalidArraySize, "class A { uint8 B[1️⃣0]; };")
        expectDiagnostic(SyntaxCode.unsupportedDeclaration, "1️⃣structure S { string A; };\nclass B { };")
        expectDiagnostic(SyntaxCode.expectedAliasName, "instance of A as 1️⃣$ { };")
        expectDiagnostic(SyntaxCode.lineContinuation, "class A { [read, 1️⃣\\\n key] string B; };", severity: .warning)
    }

    @Test func classTypedPropertyIsAnEmbeddedObjectNotAnError() {
        let tree = TestSupport.parse("class A { Vendor_Data Embedded; MSStorageDriver_Block Blocks[]; };")
        #expect(tree.diagnostics.isEmpty)
    }

    @Test func oneMistakeGivesOneError() {
        // A missing '}' before the next class: one error, and the next class still parses.
        let tree = TestSupport.parse("class A\n{\n    string B;\n\nclass C { string D; };\n")
        #expect(TestSupport.errors(tree).count == 1)
        #expect(tree.root.declarations.count == 2)
        // A wrong closing bracket inside a qualifier list.
        let wrong = TestSupport.parse("class A {\n [Description(\"x\" }] string B;\n string C;\n};")
        #expect(TestSupport.errors(wrong).count == 1)
    }

    @Test func everyErrorInOneRun() {
        let tree = TestSupport.parse("class A { string B }; \nclass C { uint32 D = 08; };\nclass E { int32 F; };\n")
        #expect(Set(TestSupport.errors(tree).map(\.code)) == [SyntaxCode.expectedToken, SyntaxCode.invalidNumber, SyntaxCode.unknownDataType])
    }

    @Test func missingNodesAreRecorded() {
        let tree = TestSupport.parse("class A { string B }")
        #expect(tree.dump().contains("missing ';'"))
    }

    @Test func dumpIsStable() {
        let tree = TestSupport.parse("class A { };")
        #expect(tree.dump() == """
            sourceFile 1:1-1:13
              classDeclaration 1:1-1:13
                identifier "class" 1:1-1:6
                identifier "A" 1:7-1:8
                '{' "{" 1:9-1:10
                '}' "}" 1:11-1:12
                ';' ";" 1:12-1:13
              end of file "" 1:13-1:13

            """)
    }

    @Test func streamingChunksConcatenateToTheWholeFile() {
        let text = "// lead\n#pragma namespace(\"x\")\nclass A { };\n\ninstance of A { };\n// tail\n"
        let source = SourceFile(path: "t.mof", string: text)
        var printed: [UInt8] = []
        var kinds: [SyntaxKind] = []
        MOFParser.parseDeclarations(source) { chunk in
            printed += chunk.printedText()
            kinds += chunk.root.declarations.map(\.node.kind)
        }
        #expect(printed == Array(text.utf8))
        #expect(kinds == [.pragmaDirective, .classDeclaration, .instanceDeclaration])
    }
}
