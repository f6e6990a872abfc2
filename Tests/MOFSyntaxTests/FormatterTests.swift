import Foundation
import MOFSyntax
import MofkitSource
import Testing

/// Formats `text` and checks, on the way, that the input parses cleanly, that formatting keeps the
/// tokens and comments, and that formatting the result again changes nothing.
private func format(_ text: String, options: MOFFormatOptions = MOFFormatOptions(),
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
    let source = SourceFile(path: "test.mof", string: text)
    let tree = MOFParser.parse(source)
    #expect(TestSupport.errors(tree).isEmpty, "test input has errors", sourceLocation: sourceLocation)
    let once = MOFFormatter.format(tree, options: options)
    let reparsed = MOFParser.parse(SourceFile(path: "test.mof", bytes: once))
    #expect(FormatterInvariants.tokenTexts(reparsed) == FormatterInvariants.tokenTexts(tree),
            "tokens changed", sourceLocation: sourceLocation)
    #expect(FormatterInvariants.comments(reparsed) == FormatterInvariants.comments(tree),
            "comments changed", sourceLocation: sourceLocation)
    let twice = MOFFormatter.format(reparsed, options: options)
    #expect(String(decoding: twice, as: UTF8.self) == String(decoding: once, as: UTF8.self),
            "not idempotent", sourceLocation: sourceLocation)
    return String(decoding: once, as: UTF8.self)
}

@Suite("Formatter layout")
struct FormatterLayoutTests {
    @Test func classBodyIsIndentedOneMemberPerLine() {
        #expect(format("class A:B{uint32 X;string Y;};") == """
            class A : B {
                uint32 X;
                string Y;
            };

            """)
    }

    @Test func emptyClassStaysOnOneLine() {
        #expect(format("class A\n{\n};") == "class A {};\n")
    }

    @Test func qualifierListSpacing() {
        #expect(format("class A { [ Key , Description ( \"x\" ) ]string   Name ; };") == """
            class A {
                [Key, Description("x")] string Name;
            };

            """)
    }

    @Test func classQualifiersGoOnTheirOwnLine() {
        #expect(format("[Abstract,Version(\"1.0\")] class A{};") == """
            [Abstract, Version("1.0")]
            class A {};

            """)
    }

    @Test func memberQualifiersOnTheirOwnLineJoinTheDeclarationWhenItFits() {
        #expect(format("class A {\n    [Key]\n        string Name;\n};") == """
            class A {
                [Key] string Name;
            };

            """)
    }

    @Test func tooLongMemberBreaksItsQualifierListOnePerLine() {
        let description = String(repeating: "d", count: 70)
        #expect(format("class A { [Key, Description(\"\(description)\")] string Name; };") == """
            class A {
                [
                    Key,
                    Description("\(description)")
                ]
                string Name;
            };

            """)
    }

    @Test func memberOfExactly100ColumnsStaysOnOneLine() {
        // "    [Description(\"" is 18 columns, "\")] string N;" is 13: 69 more make 100.
        let fits = String(repeating: "x", count: 69)
        let line = "    [Description(\"\(fits)\")] string N;"
        #expect(line.count == 100)
        #expect(format("class A { [Description(\"\(fits)\")] string N; };") == "class A {\n\(line)\n};\n")
        let tooLong = format("class A { [Description(\"\(fits)x\")] string N; };")
        #expect(tooLong.contains("    [\n        Description"))
    }

    @Test func widthCountsUnicodeScalarsNotBytes() {
        // 69 two-byte characters: 100 columns but 169 bytes, so it still fits.
        let text = String(repeating: "é", count: 69)
        let formatted = format("class A { [Description(\"\(text)\")] string N; };")
        #expect(formatted.contains("    [Description(\"\(text)\")] string N;\n"))
    }

    @Test func lineWidthOption() {
        let formatted = format("class A { [Key, Read] string Name; };", options: MOFFormatOptions(lineWidth: 20))
        #expect(formatted == """
            class A {
                [
                    Key,
                    Read
                ]
                string Name;
            };

            """)
    }

    @Test func spacesAroundEqualsAndAfterColons() {
        #expect(format("class A:B{uint32 X=5;[Description(\"x\"):ToSubclass Amended]string Y=\"a\";};") == """
            class A : B {
                uint32 X = 5;
                [Description("x") : ToSubclass Amended] string Y = "a";
            };

            """)
    }

    @Test func arraysAndReferences() {
        #expect(format("association A{B  ref   Left;string S[ ]={ \"a\" ,\"b\" };uint8 F[4];};") == """
            association A {
                B ref Left;
                string S[] = {"a", "b"};
                uint8 F[4];
            };

            """)
    }

    @Test func longArrayIsWrappedOnePerLine() {
        let values = (1...30).map { "\"Value number \($0)\"" }.joined(separator: ",")
        let formatted = format("class A { [ValueMap{\(values)}] uint32 X; };")
        let expectedItems = (1...30).map { "            \"Value number \($0)\"" }.joined(separator: ",\n")
        #expect(formatted == """
            class A {
                [
                    ValueMap{
            \(expectedItems)
                    }
                ]
                uint32 X;
            };

            """)
    }

    @Test func shortArrayQualifierStaysOnItsLineInABrokenList() {
        let description = String(repeating: "d", count: 80)
        let formatted = format("class A { [Description(\"\(description)\"), Values{\"a\",\"b\"}] uint32 X; };")
        #expect(formatted.contains("\n        Values{\"a\", \"b\"}\n"))
    }

    @Test func oneElementArrayIsNeverBroken() {
        let long = String(repeating: "s", count: 120)
        let formatted = format("class A { [ViewSources{\"\(long)\"}] uint32 X; };")
        #expect(formatted.contains("        ViewSources{\"\(long)\"}\n"))
    }

    @Test func adjacentStringsStayOnePerLineAligned() {
        #expect(format("class A { [Description(\"one \" \"two \"   \"three\")] string S; };") == """
            class A {
                [
                    Description("one "
                                "two "
                                "three")
                ]
                string S;
            };

            """)
    }

    @Test func methodsAndParameters() {
        #expect(format("class A { uint32 Run( [in]string Command , [out ,  Key] uint32 Id[] ) ; void Stop(); };") == """
            class A {
                uint32 Run([in] string Command, [out, Key] uint32 Id[]);
                void Stop();
            };

            """)
    }

    @Test func longParameterListBreaksOneParameterPerLine() {
        let formatted = format("""
            class A { uint32 Create([in, Description("The command line to run")] string CommandLine, [in] string CurrentDirectory, [out] uint32 ProcessId); };
            """)
        #expect(formatted == """
            class A {
                uint32 Create(
                    [in, Description("The command line to run")] string CommandLine,
                    [in] string CurrentDirectory,
                    [out] uint32 ProcessId
                );
            };

            """)
    }

    @Test func instancesWithAliasesAndEmbeddedInstances() {
        #expect(format("instance of A as $a{X=1;Y={1,2};Z=$b;E=instance of B{V=NULL;};};") == """
            instance of A as $a {
                X = 1;
                Y = {1, 2};
                Z = $b;
                E = instance of B {
                    V = NULL;
                };
            };

            """)
    }

    @Test func dynamicPropertyAssignmentsKeepTheirQualifiers() {
        #expect(format("[DYNPROPS] instance of A { KeyName=\"k\"; [PropertyContext(\"x\"),Dynamic,Provider(\"RegPropProv\")]Value; };") == """
            [DYNPROPS]
            instance of A {
                KeyName = "k";
                [PropertyContext("x"), Dynamic, Provider("RegPropProv")] Value;
            };

            """)
    }

    @Test func qualifierDeclarations() {
        #expect(format("qualifier Key:boolean=false,scope(property,reference),flavor(DisableOverride,ToSubclass);qualifier write:ToInstance;") == """
            qualifier Key : boolean = false, scope(property, reference), flavor(DisableOverride, ToSubclass);

            qualifier write : ToInstance;

            """)
    }

    @Test func longQualifierDeclarationPutsClausesOnIndentedLines() {
        #expect(format("qualifier MappingStrings : string[] = NULL, scope(property, method, parameter, class, association), flavor(EnableOverride, Restricted);") == """
            qualifier MappingStrings : string[] = NULL,
                scope(property, method, parameter, class, association),
                flavor(EnableOverride, Restricted);

            """)
    }

    @Test func pragmasKeepTheirContentAndMayStayTogether() {
        #expect(format(#"""
            #pragma   namespace ( "\\\\.\\root\\cimv2" )
            #pragma deleteclass("Foo",NOFAIL)
            class Foo {};
            #pragma include ("x.mof")

            #pragma include ("y.mof")
            """#) == #"""
            #pragma namespace("\\\\.\\root\\cimv2")
            #pragma deleteclass("Foo", NOFAIL)
            class Foo {};
            #pragma include("x.mof")

            #pragma include("y.mof")

            """#)
    }

    @Test func oneBlankLineBetweenTopLevelDeclarations() {
        #expect(format("class A {};class B {};\n\n\n\nclass C {};") == "class A {};\n\nclass B {};\n\nclass C {};\n")
    }

    @Test func atMostOneBlankLineKeptInsideBodies() {
        #expect(format("class A {\n\n\n  uint32 X;\n  uint32 Y;\n\n\n\n  uint32 Z;\n\n};") == """
            class A {
                uint32 X;
                uint32 Y;

                uint32 Z;
            };

            """)
    }

    @Test func extraSemicolonsStayWhereTheyWere() {
        // A warning, not an error, so the file is formatted.
        #expect(format("class A { uint32 X;; };;") == "class A {\n    uint32 X;;\n};;\n")
    }

    @Test func emptyAndCommentOnlyFiles() {
        #expect(format("") == "")
        #expect(format("  \n\n ") == "")
        #expect(format("// only a comment   \n\n\n/* and a block */") == "// only a comment\n\n/* and a block */\n")
    }
}

@Suite("Formatter comments")
struct FormatterCommentTests {
    @Test func trailingLineCommentsStayOnTheirLine() {
        #expect(format("class A { // the class\nuint32 X;   // x\n string Y; };  // end") == """
            class A { // the class
                uint32 X; // x
                string Y;
            }; // end

            """)
    }

    @Test func ownLineCommentsAreIndentedWithWhatFollows() {
        #expect(format("class A {\n// about X\n      uint32 X;\n   // about Y\n\n uint32 Y;\n};") == """
            class A {
                // about X
                uint32 X;
                // about Y

                uint32 Y;
            };

            """)
    }

    @Test func commentsBeforeTheClosingBraceStayInTheBody() {
        #expect(format("class A {\n uint32 X;\n\n // nothing more\n};") == """
            class A {
                uint32 X;

                // nothing more
            };

            """)
        #expect(format("class A {\n// empty\n};") == "class A {\n    // empty\n};\n")
    }

    @Test func blockCommentsKeepTheirInnerText() {
        #expect(format("/* header\n   *  kept   as is\n */\nclass A { uint32 /*inline*/ X; };") == """
            /* header
               *  kept   as is
             */
            class A {
                uint32 /*inline*/ X;
            };

            """)
        #expect(format("class A { /* note */ };") == "class A { /* note */ };\n")
    }

    @Test func commentsInsideQualifierListsBreakTheList() {
        #expect(format("class A { [Key, // the key\n Read] string Name; };") == """
            class A {
                [
                    Key, // the key
                    Read
                ]
                string Name;
            };

            """)
    }

    @Test func ownLineCommentInsideAValueMovesTheValueToTheNextLine() {
        #expect(format("class A { uint32 X =\n // five\n 5; };") == """
            class A {
                uint32 X =
                // five
                5;
            };

            """)
    }

    @Test func commentsBetweenTopLevelDeclarationsGoWithTheNextOne() {
        #expect(format("class A {};\n// about B\nclass B {};\n// end of file\n") == """
            class A {};

            // about B
            class B {};
            // end of file

            """)
    }

    @Test func commentAtEndOfFileWithoutLineBreak() {
        #expect(format("class A {}; // done") == "class A {}; // done\n")
    }
}

@Suite("Formatter line endings and encodings")
struct FormatterEncodingTests {
    @Test func crlfFilesStayCRLF() {
        let formatted = format("class A {\r\n  uint32 X; // x\r\n};\r\nclass B {};\r\n")
        #expect(formatted == "class A {\r\n    uint32 X; // x\r\n};\r\n\r\nclass B {};\r\n")
    }

    @Test func dominantLineEndingWins() {
        #expect(format("class A {\r\nuint32 X;\r\nuint32 Y;\n};\r\n") == "class A {\r\n    uint32 X;\r\n    uint32 Y;\r\n};\r\n")
        #expect(format("class A {\nuint32 X;\r\nuint32 Y;\n};\n") == "class A {\n    uint32 X;\n    uint32 Y;\n};\n")
        #expect(format("class A {\ruint32 X;\r};\r") == "class A {\r    uint32 X;\r};\r")
    }

    @Test func lineEndingOption() {
        #expect(format("class A {};\r\n", options: MOFFormatOptions(lineEnding: .lf)) == "class A {};\n")
        #expect(format("class A {};\n", options: MOFFormatOptions(lineEnding: .crlf)) == "class A {};\r\n")
    }

    @Test func utf16FilesEncodeBackToUTF16() throws {
        let text = "instance of A {Name=\"Ä\";};\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let source = SourceFile(path: "utf16.mof", bytes: bytes)
        #expect(source.encoding == .utf16LEBOM)
        let formatted = MOFFormatter.format(MOFParser.parse(source))
        let encoded = source.encode(formatted)
        let expected = "instance of A {\r\n    Name = \"Ä\";\r\n};\r\n"
        var expectedBytes: [UInt8] = [0xFF, 0xFE]
        for unit in expected.utf16 { expectedBytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(encoded == expectedBytes)
    }

    @Test func needsFormattingReportsChanges() {
        #expect(MOFFormatter.needsFormatting(MOFParser.parse(SourceFile(path: "a.mof", string: "class A{};"))))
        #expect(!MOFFormatter.needsFormatting(MOFParser.parse(SourceFile(path: "a.mof", string: "class A {};\n"))))
    }
}

@Suite("Formatter documentation")
struct FormatterDocumentationTests {
    /// The example in Docs/formatting.md is already formatted.
    @Test func documentedExampleIsAFixedPoint() throws {
        let markdown = try String(contentsOfFile: TestSupport.packageRoot + "/Docs/formatting.md", encoding: .utf8)
        let start = try #require(markdown.range(of: "```mof\n"))
        let end = try #require(markdown.range(of: "```", range: start.upperBound..<markdown.endIndex))
        let example = String(markdown[start.upperBound..<end.lowerBound])
        #expect(format(example) == example)
    }
}
