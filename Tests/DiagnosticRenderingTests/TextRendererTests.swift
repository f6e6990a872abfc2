import MofkitSource
import Testing

@testable import DiagnosticRendering

@Suite("Text renderer")
struct TextRendererTests {
    let renderer = TextDiagnosticRenderer()

    @Test func headerExcerptAndCaretUnderTheRange() {
        let file = SourceFile(path: "a.mof", string: "class A\n{\n  string Name = \"abc;\n};\n")
        let d = diagnostic(in: file, at: "\"abc;", message: "unterminated string literal")
        let text = renderer.render([d], sources: ["a.mof": file])
        #expect(text == """
            a.mof:3:17: error[MOF1003]: unterminated string literal
              string Name = "abc;
                            ^~~~~
            1 error generated.

            """)
    }

    @Test func columnsCountUnicodeScalarsNotBytes() {
        let file = SourceFile(path: "u.mof", string: "x = \"é€😀\" bad;\n")
        let d = diagnostic(in: file, at: "bad")
        #expect(d.range.start.column == 11)
        let lines = renderer.render(d, sources: ["u.mof": file]).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "u.mof:1:11: error[MOF1003]: something is wrong")
        #expect(lines[1] == "x = \"é€😀\" bad;")
        // 😀 is a wide character: it takes two terminal columns.
        #expect(lines[2] == "           ^~~")
    }

    @Test func tabsAreKeptInTheUnderlinePrefix() {
        let file = SourceFile(path: "t.mof", string: "\tclass\tFoo {};")
        let d = diagnostic(in: file, at: "Foo")
        let lines = renderer.render(d, sources: ["t.mof": file]).split(separator: "\n")
        #expect(lines[1] == "\tclass\tFoo {};")
        #expect(lines[2] == "\t     \t^~~")
    }

    @Test func eastAsianWideCharactersWidenTheUnderline() {
        let file = SourceFile(path: "w.mof", string: "名前 = 1;")
        let d = diagnostic(in: file, at: "名前")
        let lines = renderer.render(d, sources: ["w.mof": file]).split(separator: "\n")
        #expect(lines[2] == "^~~~")
        let equals = diagnostic(in: file, at: "=")
        #expect(renderer.render(equals, sources: ["w.mof": file]).split(separator: "\n")[2] == "     ^")
    }

    @Test func emptyRangeGetsACaretOnly() {
        let file = SourceFile(path: "p.mof", string: "class A { }")
        let at = offset(of: "}", in: file) + 1
        let d = Diagnostic(code: "MOF1001", severity: .error, message: "expected ';'", range: file.range(at, at))
        let lines = renderer.render(d, sources: ["p.mof": file]).split(separator: "\n")
        #expect(lines[0] == "p.mof:1:12: error[MOF1001]: expected ';'")
        #expect(lines[2] == "           ^")
    }

    @Test func multiLineRangeIsUnderlinedToTheEndOfItsFirstLine() {
        let file = SourceFile(path: "m.mof", string: "a /* open\nstill\n*/ b\n")
        let start = offset(of: "/*", in: file)
        let end = offset(of: "*/", in: file) + 2
        let d = Diagnostic(code: "MOF1002", severity: .warning, message: "comment", range: file.range(start, end))
        let lines = renderer.render(d, sources: ["m.mof": file]).split(separator: "\n")
        #expect(lines[0] == "m.mof:1:3: warning[MOF1002]: comment")
        #expect(lines[1] == "a /* open")
        #expect(lines[2] == "  ^~~~~~~")
    }

    @Test func notesWithAndWithoutRangesAndFixIts() {
        let file = SourceFile(path: "n.mof", string: "class A {};\nclass A {};\n")
        let second = offset(of: "class A", in: file) + 12
        let first = offset(of: "A", in: file)
        let noteRange = file.range(first, first + 1)
        let fixRange = file.range(second + 6, second + 7)
        let d = Diagnostic(
            code: "MOF3001", severity: .error, message: "class 'A' is declared twice",
            range: file.range(second + 6, second + 7),
            notes: [
                DiagnosticNote(message: "first declared here", range: noteRange),
                DiagnosticNote(message: "class names are case-insensitive"),
            ],
            fixIts: [FixIt(message: "rename", range: fixRange, replacement: "A2 \"x\"")])
        let text = renderer.render(d, sources: ["n.mof": file])
        #expect(text == """
            n.mof:2:7: error[MOF3001]: class 'A' is declared twice
            class A {};
                  ^
            n.mof:1:7: note: first declared here
            class A {};
                  ^
            note: class names are case-insensitive
            n.mof:2:7: fix-it: replace with "A2 \\"x\\"" (rename)

            """)
    }

    @Test func diagnosticWhoseFileIsUnknownHasNoExcerpt() {
        let file = SourceFile(path: "k.mof", string: "class A {};")
        let d = diagnostic(in: file, at: "A")
        #expect(renderer.render(d, sources: [:]) == "k.mof:1:7: error[MOF1003]: something is wrong\n")
    }

    @Test func controlCharactersInTheSourceAreNotSentToTheTerminal() {
        let file = SourceFile(path: "c.mof", string: "a\u{1B}[31m b\u{202E}c")
        let d = diagnostic(in: file, at: "b")
        let lines = renderer.render(d, sources: ["c.mof": file]).split(separator: "\n")
        #expect(!lines[1].contains("\u{1B}"))
        #expect(!lines[1].unicodeScalars.contains("\u{202E}"))
        #expect(lines[1] == "a\u{FFFD}[31m b\u{FFFD}c")
        #expect(lines[2] == "       ^")
    }

    @Test func invalidUTF8IsShownAsReplacementCharacterOneColumnWide() {
        let file = SourceFile(path: "i.mof", bytes: Array("x".utf8) + [0xE9] + Array(" y".utf8), encoding: .utf8)
        let y = offset(of: "y", in: file)
        let d = Diagnostic(code: "MOF1003", severity: .error, message: "m", range: file.range(y, y + 1))
        #expect(d.range.start.column == 4)
        let lines = renderer.render(d, sources: ["i.mof": file]).split(separator: "\n")
        #expect(lines[1] == "x\u{FFFD} y")
        #expect(lines[2] == "   ^")
    }

    @Test func longLineShowsAWindowAroundTheRange() {
        let line = String(repeating: "a", count: 500_000) + "BAD" + String(repeating: "b", count: 500_000)
        let file = SourceFile(path: "long.mof", string: line)
        let d = diagnostic(in: file, at: "BAD")
        let lines = renderer.render(d, sources: ["long.mof": file]).split(separator: "\n")
        #expect(lines[0] == "long.mof:1:500001: error[MOF1003]: something is wrong")
        #expect(lines[1] == "…" + String(repeating: "a", count: 60) + "BAD" + String(repeating: "b", count: 60) + "…")
        #expect(lines[2] == String(repeating: " ", count: 61) + "^~~")
    }

    @Test func hugeRangeOnALongLineIsCappedToo() {
        let file = SourceFile(path: "h.mof", string: "x" + String(repeating: "é", count: 100_000))
        let d = Diagnostic(code: "MOF1003", severity: .error, message: "m", range: file.range(1, file.text.count))
        let lines = renderer.render(d, sources: ["h.mof": file]).split(separator: "\n")
        #expect(lines[1] == "x" + String(repeating: "é", count: 180) + "…")
        #expect(lines[2] == " ^" + String(repeating: "~", count: 119))
    }

    @Test func longLineWindowIsTheSameForUTF8AndUTF16Files() {
        // UTF-8 files find the start from the byte offset; UTF-16 files count scalars. Both must agree.
        let text = String(repeating: "ü", count: 10_000) + " BAD " + String(repeating: "z", count: 10)
        let utf8 = SourceFile(path: "f.mof", string: text)
        let utf16 = SourceFile(path: "f.mof", bytes: [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(utf16.encoding == .utf16LEBOM)
        let a = renderer.render(diagnostic(in: utf8, at: "BAD"), sources: ["f.mof": utf8])
        let b = renderer.render(diagnostic(in: utf16, at: "BAD"), sources: ["f.mof": utf16])
        #expect(a.split(separator: "\n").dropFirst().elementsEqual(b.split(separator: "\n").dropFirst()))
        #expect(a.split(separator: "\n")[2] == String(repeating: " ", count: 61) + "^~~")
    }

    @Test func shortLinesUpToTheLimitAreShownWhole() {
        let line = String(repeating: "c", count: 160)
        let file = SourceFile(path: "s.mof", string: line)
        let d = Diagnostic(code: "MOF1003", severity: .error, message: "m", range: file.range(159, 160))
        #expect(renderer.render(d, sources: ["s.mof": file]).split(separator: "\n")[1] == line)
    }

    @Test func colourOffHasNoEscapes() {
        let file = SourceFile(path: "a.mof", string: "x;")
        let text = renderer.render([diagnostic(in: file, at: "x")], sources: ["a.mof": file])
        #expect(!text.contains("\u{1B}"))
    }

    @Test func colourOnPaintsSeverityLocationAndCaret() {
        let file = SourceFile(path: "a.mof", string: "x;")
        let coloured = TextDiagnosticRenderer(useColor: true)
        let error = coloured.render(diagnostic(in: file, at: "x"), sources: ["a.mof": file])
        #expect(error.hasPrefix("\u{1B}[1ma.mof:1:1: \u{1B}[0m\u{1B}[1;31merror[MOF1003]:\u{1B}[0m \u{1B}[1msomething is wrong\u{1B}[0m\n"))
        #expect(error.contains("\u{1B}[1;32m^\u{1B}[0m"))
        let warning = coloured.render(diagnostic(in: file, at: "x", severity: .warning), sources: [:])
        #expect(warning.contains("\u{1B}[1;35mwarning[MOF1003]:"))
        let note = coloured.render(diagnostic(in: file, at: "x", severity: .note), sources: [:])
        #expect(note.contains("\u{1B}[1;36mnote[MOF1003]:"))
    }

    @Test func diagnosticsAreSortedByFileThenPlace() {
        let a = SourceFile(path: "a.mof", string: "one two")
        let b = SourceFile(path: "b.mof", string: "three")
        let text = TextDiagnosticRenderer(showsSummary: false).render(
            [diagnostic(in: b, at: "three"), diagnostic(in: a, at: "two"), diagnostic(in: a, at: "one")],
            sources: [:])
        #expect(text.split(separator: "\n").map { String($0.prefix(9)) } == ["a.mof:1:1", "a.mof:1:5", "b.mof:1:1"])
    }

    @Test(arguments: [
        (0, 0, nil),
        (1, 0, "1 error generated."),
        (2, 0, "2 errors generated."),
        (0, 1, "1 warning generated."),
        (0, 3, "3 warnings generated."),
        (1, 1, "1 error and 1 warning generated."),
        (4, 2, "4 errors and 2 warnings generated."),
    ] as [(Int, Int, String?)])
    func summarySentence(errors: Int, warnings: Int, expected: String?) {
        #expect(DiagnosticSummary(errors: errors, warnings: warnings).sentence == expected)
    }

    @Test func summaryLineCountsSeverities() {
        let file = SourceFile(path: "a.mof", string: "x y z")
        let text = renderer.render(
            [diagnostic(in: file, at: "x"), diagnostic(in: file, at: "y", severity: .warning),
             diagnostic(in: file, at: "z", severity: .note)], sources: [:])
        #expect(text.hasSuffix("\n1 error and 1 warning generated.\n"))
        let notesOnly = renderer.render([diagnostic(in: file, at: "z", severity: .note)], sources: [:])
        #expect(!notesOnly.contains("generated"))
    }

    @Test func checkedLineSaysNoForZeroAndCountsTheRest() {
        #expect(DiagnosticSummary().checkedLine(files: 1) == "checked 1 file: no errors, no warnings")
        #expect(DiagnosticSummary(errors: 0, warnings: 2, notes: 3).checkedLine(files: 1) == "checked 1 file: no errors, 2 warnings")
        #expect(DiagnosticSummary(errors: 1, warnings: 1).checkedLine(files: 3) == "checked 3 files: 1 error, 1 warning")
    }
}
