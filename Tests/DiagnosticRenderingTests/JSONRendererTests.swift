import Foundation
import MofkitSource
import Testing

@testable import DiagnosticRendering

@Suite("JSON renderer")
struct JSONRendererTests {
    let file = SourceFile(path: "dir/a.mof", string: "class A {};\nclass A {};\n")

    func sample() -> [Diagnostic] {
        let first = offset(of: "A", in: file)
        return [
            diagnostic(
                in: file, at: "class A {};\nclass", length: 0, code: "MOF3001", message: "twice",
                notes: [DiagnosticNote(message: "here", range: file.range(first, first + 1)), DiagnosticNote(message: "bare")],
                fixIts: [FixIt(message: "remove", range: file.range(12, 23), replacement: "")]),
            diagnostic(in: file, at: "{", code: "MOF2000", severity: .warning, message: "warn \"quoted\"\n\u{1}"),
        ]
    }

    @Test func documentHasTheDocumentedShape() throws {
        let text = JSONDiagnosticRenderer(toolVersion: "9.9.9").render(sample(), files: ["dir/a.mof", "other.mof"])
        let root = try #require(try parseJSON(text) as? [String: Any])
        #expect(Set(root.keys) == ["mofkit", "files", "diagnostics", "summary"])
        #expect(root["mofkit"] as? String == "9.9.9")
        #expect(root["files"] as? [String] == ["dir/a.mof", "other.mof"])
        let summary = try #require(root["summary"] as? [String: Int])
        #expect(summary == ["errors": 1, "warnings": 1, "notes": 0])

        let diagnostics = try #require(root["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 2)
        let first = diagnostics[0]
        #expect(Set(first.keys) == ["code", "severity", "message", "file", "start", "end", "notes", "fixIts"])
        #expect(first["code"] as? String == "MOF3001")
        #expect(first["severity"] as? String == "error")
        #expect(first["file"] as? String == "dir/a.mof")
        #expect(first["start"] as? [String: Int] == ["line": 1, "column": 1, "offset": 0])
        #expect(first["end"] as? [String: Int] == ["line": 1, "column": 1, "offset": 0])
        let notes = try #require(first["notes"] as? [[String: Any]])
        #expect(notes.count == 2)
        #expect(notes[0]["message"] as? String == "here")
        #expect(notes[0]["start"] as? [String: Int] == ["line": 1, "column": 7, "offset": 6])
        #expect(notes[1]["file"] is NSNull)
        #expect(notes[1]["start"] is NSNull)
        let fixIts = try #require(first["fixIts"] as? [[String: Any]])
        #expect(fixIts.first?["replacement"] as? String == "")
        #expect(fixIts.first?["end"] as? [String: Int] == ["line": 2, "column": 12, "offset": 23])

        #expect(diagnostics[1]["severity"] as? String == "warning")
        #expect(diagnostics[1]["message"] as? String == "warn \"quoted\"\n\u{1}")
        #expect(diagnostics[1]["start"] as? [String: Int] == ["line": 1, "column": 9, "offset": 8])
    }

    @Test func membersAreInTheDocumentedOrder() {
        let text = JSONDiagnosticRenderer(toolVersion: "1", pretty: false).render(sample(), files: [])
        #expect(text.hasPrefix("{\"mofkit\":\"1\",\"files\":[\"dir/a.mof\"],\"diagnostics\":[{\"code\":\"MOF3001\",\"severity\":\"error\",\"message\":\"twice\",\"file\":\"dir/a.mof\",\"start\":{\"line\":1,\"column\":1,\"offset\":0},\"end\":"))
        #expect(text.hasSuffix(",\"summary\":{\"errors\":1,\"warnings\":1,\"notes\":0}}\n"))
        #expect(text.contains("\"message\":\"warn \\\"quoted\\\"\\n\\u0001\""))
    }

    @Test func outputIsDeterministicWhateverTheInputOrder() {
        let renderer = JSONDiagnosticRenderer(toolVersion: "1")
        let forward = renderer.render(sample(), files: ["z.mof", "dir/a.mof"])
        let backward = renderer.render(sample().reversed(), files: ["dir/a.mof", "z.mof", "z.mof"])
        #expect(forward == backward)
    }

    @Test func emptyRunIsStillADocument() throws {
        let text = JSONDiagnosticRenderer(toolVersion: "1").render([], files: [])
        let root = try #require(try parseJSON(text) as? [String: Any])
        #expect((root["diagnostics"] as? [Any])?.isEmpty == true)
        #expect(root["summary"] as? [String: Int] == ["errors": 0, "warnings": 0, "notes": 0])
    }
}
