import Foundation
import MOFSyntax
import MofkitSource
import Testing

/// The lexer reads identifiers and string contents eight bytes at a time, and lexes ahead of the
/// parser in batches. These tests put every boundary case where a word or a batch ends.
@Suite struct TokenScanningTests {
    static let identifierCharacters = Array("azAZ09_".utf8) + Array("é".utf8)

    @Test func identifiersOfEveryLengthEndWhereTheyShould() {
        let terminators = Array(" \t\r\n;,:=(){}[]\"'$#/+-.@".utf8)
        for length in 1...24 {
            var name = [UInt8(ascii: "N")]
            while name.count < length {
                name.append(Self.identifierCharacters[name.count % Self.identifierCharacters.count])
            }
            for terminator in terminators {
                let text = name + [terminator]
                // The name may end inside "é": read the bytes as they are (UTF-8), not as Windows-1252.
                let tree = MOFParser.parse(SourceFile(path: "t.mof", bytes: text, encoding: .utf8))
                let first = tree.tokens[0]
                #expect(first.kind == .identifier)
                #expect(Int(first.end) == name.count, "length \(length), then \(terminator)")
            }
            // At the very end of the text, too.
            let tree = MOFParser.parse(SourceFile(path: "t.mof", bytes: name, encoding: .utf8))
            #expect(Int(tree.tokens[0].end) == name.count)
        }
    }

    @Test func stringsOfEveryLengthWithAStopInEachPlace() {
        // A quote, backslash or tab at each offset of the content, in literals of every length.
        for length in 0...20 {
            for special in [nil, UInt8(ascii: "\\"), UInt8(ascii: "\t")] {
                for position in 0...length {
                    var content = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                    if let special, position < length {
                        content[position] = special
                        if special == UInt8(ascii: "\\") { content.insert(UInt8(ascii: "\\"), at: position) }
                    }
                    let literal = [UInt8(ascii: "\"")] + content + [UInt8(ascii: "\"")]
                    let text = Array("instance of A { P = ".utf8) + literal + Array("; };\n".utf8)
                    // The name may end inside "é": read the bytes as they are (UTF-8), not as Windows-1252.
                let tree = MOFParser.parse(SourceFile(path: "t.mof", bytes: text, encoding: .utf8))
                    #expect(TestSupport.errors(tree).isEmpty, "\(String(decoding: literal, as: UTF8.self))")
                    guard case .instanceDecl(let instance) = tree.root.declarations.first,
                          case .string(let value)? = instance.assignments.first?.value?.decoded
                    else {
                        Issue.record("no string value for \(String(decoding: literal, as: UTF8.self))")
                        continue
                    }
                    let expected = special == UInt8(ascii: "\\") && position < length
                        ? String(decoding: content, as: UTF8.self).replacingOccurrences(of: "\\\\", with: "\\")
                        : String(decoding: content, as: UTF8.self)
                    #expect(value == expected)
                }
            }
        }
    }

    @Test func everyCIMTypeInAnyCaseIsIntrinsicAndNearMissesAreNot() {
        let types = ["boolean", "string", "char16", "datetime", "object", "uint8", "sint8", "uint16", "sint16",
                     "uint32", "sint32", "uint64", "sint64", "real32", "real64"]
        for type in types {
            for spelling in [type, type.uppercased(), type.prefix(1).uppercased() + type.dropFirst()] {
                let tree = TestSupport.parse("class A { \(spelling) P; };")
                #expect(tree.diagnostics.isEmpty, "\(spelling): \(tree.diagnostics.map(\.message))")
            }
            // One letter more is a typo of the type, reported with the type as the suggestion.
            let typo = TestSupport.parse("class A { \(type)x P; };")
            #expect(typo.diagnostics.map(\.code) == [SyntaxCode.unknownDataType], "\(type)x")
            #expect(typo.diagnostics.first?.notes.first?.message == "did you mean '\(type)'?")
        }
    }

    @Test func lexicalProblemsKeepSourceOrderWithParserErrors() {
        // The lexer runs ahead of the parser; its problems must still come out in text order,
        // interleaved with the parser's.
        let text = "instance of X { a = ; b = 'ab'; c = ; d = 09; };\n"
        let tree = TestSupport.parse(text)
        let columns = tree.diagnostics.map(\.range.start.column)
        #expect(tree.diagnostics.map(\.code) == [SyntaxCode.expectedToken, SyntaxCode.invalidChar16, SyntaxCode.expectedToken, SyntaxCode.invalidNumber])
        #expect(columns == columns.sorted())
    }

    @Test func streamedChunksOnlyHoldTheirOwnDiagnostics() {
        // Each declaration's problems arrive with that declaration, though later ones are lexed early.
        var text = ""
        for index in 0..<40 {
            text += index % 3 == 0 ? "instance of X { a = 'ab'; };\n" : "class C\(index) { uint32 P; };\n"
        }
        var chunks = 0
        var total = 0
        MOFParser.parseDeclarations(SourceFile(path: "t.mof", string: text)) { chunk in
            chunks += 1
            total += chunk.diagnostics.count
            for diagnostic in chunk.diagnostics {
                let offset = diagnostic.range.start.offset
                #expect(chunk.textRange.contains(offset), "diagnostic at \(offset) outside \(chunk.textRange)")
            }
        }
        #expect(chunks == 41)  // 40 declarations and the end of file
        #expect(total == 14)
        #expect(TestSupport.parse(text).diagnostics.count == 14)
    }
}
