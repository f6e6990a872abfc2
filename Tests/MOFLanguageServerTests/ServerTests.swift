import Foundation
import LSPCore
import MOFModel
import MOFSyntax
import MofkitSource
import Testing
@testable import MOFLanguageServer

/// The server driven message by message (checks inline), asserting on what a client receives.
struct ServerLifecycleTests {
    @Test func requestsBeforeInitializeAreRejectedAndUnknownMethodsAnswered() {
        let client = TestClient(initialize: false)
        let early = client.request("textDocument/hover", ["textDocument": ["uri": "file:///x.mof"], "position": TestClient.position(0, 0)])
        #expect((early["error"] as? [String: Any])?["code"] as? Int == ResponseError.serverNotInitialized)
        let initialized = client.request("initialize", ["capabilities": [:]])
        let capabilities = (initialized["result"] as? [String: Any])?["capabilities"] as? [String: Any]
        #expect(capabilities?["positionEncoding"] as? String == "utf-16")
        #expect(client.request("initialize", ["capabilities": [:]])["error"] != nil)
        let unknown = client.request("mofkit/unknown", [:])
        #expect((unknown["error"] as? [String: Any])?["code"] as? Int == ResponseError.methodNotFound)
        client.notify("$/unknownNotification", [:])
        #expect(client.takeSent().isEmpty)
    }

    @Test func exitStatusIsZeroOnlyAfterShutdown() {
        let polite = TestClient()
        #expect(polite.request("shutdown", nil)["result"] is NSNull)
        #expect((polite.request("textDocument/hover", [:])["error"] as? [String: Any])?["code"] as? Int == ResponseError.invalidRequest)
        polite.notify("exit", [:])
        #expect(polite.server.exitCode == 0)
        let abrupt = TestClient()
        abrupt.notify("exit", [:])
        #expect(abrupt.server.exitCode == 1)
        let hungUp = TestClient()
        hungUp.server.handle(.transport(.endOfInput))
        #expect(hungUp.server.exitCode == 1)
    }

    @Test func garbageGetsErrorsNotCrashes() {
        let client = TestClient()
        for body in ["", "{", "null", "[]", #"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":5}"#,
                     #"{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///nope"},"position":{"line":-5,"character":-1}}}"#,
                     #"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///nope","version":2},"contentChanges":[]}}"#] {
            client.server.handle(body: Array(body.utf8))
        }
        let sent = client.takeSent()
        #expect(sent.count == 6)  // the notification gets no answer
        #expect(sent.allSatisfy { $0["error"] != nil })
    }

    @Test func cancelledRequestsAnswerRequestCancelled() {
        let client = TestClient()
        client.notify("$/cancelRequest", ["id": client.upcomingID])
        let response = client.request("textDocument/documentSymbol", ["textDocument": ["uri": "file:///none.mof"]])
        #expect((response["error"] as? [String: Any])?["code"] as? Int == ResponseError.requestCancelled)
    }
}

struct ServerDiagnosticsTests {
    /// What `mofkit check FILE` reports, as (code, severity, line, column).
    static func checkResult(_ path: String) -> [(String, Int, Int, Int)] {
        let result = MOFChecker.check(paths: [path], options: MOFCheckOptions())
        return Diagnostic.sortedForOutput(result.diagnostics.filter { $0.range.file == path }).map {
            ($0.code.rawValue, RangeMapper.severity($0.severity), $0.range.start.line - 1, $0.range.start.column - 1)
        }
    }

    static func summary(_ diagnostics: [[String: Any]]) -> [(String, Int, Int, Int)] {
        diagnostics.map { diagnostic in
            let start = (diagnostic["range"] as? [String: Any])?["start"] as? [String: Any]
            return (diagnostic["code"] as? String ?? "", diagnostic["severity"] as? Int ?? 0,
                    start?["line"] as? Int ?? -1, start?["character"] as? Int ?? -1)
        }
    }

    @Test(arguments: ["Corpus/mof/tsappmode-seed.mof", "Corpus/mof/broken/MOF1018-extra-semicolon.mof",
                      "Corpus/sms/MOF4001-reported-property-missing.mof", "Corpus/mof/SMS_def-example.mof",
                      "Corpus/mof/broken/MOF2002-include-not-found.mof"])
    func diagnosticsAreThoseOfCheck(_ relative: String) throws {
        let path = packageRoot.appendingPathComponent(relative).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let client = TestClient()
        let uri = DocumentURI.uri(of: path)
        client.open(uri, text)
        let published = client.takeDiagnostics()
        #expect(published.count == 1)
        #expect(published.first?.version == 1)
        let got = Self.summary(published.first?.diagnostics ?? [])
        let expected = Self.checkResult(path)
        #expect(got.map(\.0) == expected.map(\.0))
        #expect(got.map(\.1) == expected.map(\.1))
        #expect(got.map(\.2) == expected.map(\.2))
        #expect(got.map(\.3) == expected.map(\.3))  // ASCII files: columns are UTF-16 units
        #expect(published.first?.diagnostics.allSatisfy { $0["source"] as? String == "mofkit" } ?? false)
    }

    @Test func notesBecomeRelatedInformation() throws {
        let path = packageRoot.appendingPathComponent("Corpus/mof/tsappmode-seed.mof").path
        let client = TestClient()
        client.open(DocumentURI.uri(of: path), try String(contentsOfFile: path, encoding: .utf8))
        let diagnostics = client.takeDiagnostics().first?.diagnostics ?? []
        let broken = diagnostics.first { $0["code"] as? String == "MOF1003" }
        let related = broken?["relatedInformation"] as? [[String: Any]]
        #expect(related?.contains { ($0["message"] as? String)?.contains("Terminal Server") ?? false } ?? false)
    }

    @Test func editsRepublishForTheNewVersionWithNonASCIIColumns() {
        let client = TestClient(utf8: false)
        let uri = "file:///tmp/mofkit-lsp-edit.mof"
        client.open(uri, "// é😀\nclass A\n{\n    string Name;\n};\n")
        #expect(client.takeDiagnostics().first?.diagnostics.isEmpty ?? false)
        // Insert an extra ';' after "Name;" (line 3, UTF-16 column 16) and a comment with an emoji before it.
        client.change(uri, version: 2, [["range": TestClient.range(3, 16, 3, 16), "text": ";"]])
        client.change(uri, version: 3, [["range": TestClient.range(3, 0, 3, 0), "text": "/*😀*/"]])
        let published = client.takeDiagnostics()
        #expect(published.map(\.version) == [2, 3])
        let last = published.last?.diagnostics.first
        #expect(last?["code"] as? String == "MOF1018")
        let start = (last?["range"] as? [String: Any])?["start"] as? [String: Any]
        #expect(start?["line"] as? Int == 3)
        #expect(start?["character"] as? Int == 6 + 16)  // "/*😀*/" is 6 UTF-16 units
        // The same document negotiated in UTF-8: the emoji counts 4.
        let utf8 = TestClient(utf8: true)
        utf8.open(uri, "class A\n{\n/*😀*/    string Name;;\n};\n")
        let diagnostic = utf8.takeDiagnostics().first?.diagnostics.first
        #expect(diagnostic?["code"] as? String == "MOF1018")
        #expect(((diagnostic?["range"] as? [String: Any])?["start"] as? [String: Any])?["character"] as? Int == 8 + 16)
    }

    @Test func unsavedTextOfAnOpenIncludeWinsOverTheDisk() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let main = directory.appendingPathComponent("main.mof").path
        let included = directory.appendingPathComponent("part.mof").path
        try "#pragma include(\"part.mof\")\ninstance of Part_Class { Name = \"x\"; };\n".write(toFile: main, atomically: true, encoding: .utf8)
        try "class Other_Class { [key] string Name; };\n".write(toFile: included, atomically: true, encoding: .utf8)
        let client = TestClient(options: ["strict": true])
        client.open(DocumentURI.uri(of: main), try String(contentsOfFile: main, encoding: .utf8))
        let before = client.takeDiagnostics().first?.diagnostics ?? []
        #expect(!before.isEmpty)  // Part_Class is unknown on disk
        // The editor renames the class in the open (unsaved) include: main is re-checked against it.
        client.open(DocumentURI.uri(of: included), "class Part_Class { [key] string Name; };\n")
        let after = client.takeDiagnostics()
        let mainAfter = after.last { $0.uri == DocumentURI.uri(of: main) }
        #expect(mainAfter != nil)
        #expect(mainAfter?.diagnostics.isEmpty ?? false, "\(mainAfter?.diagnostics ?? [])")
    }

    @Test func settingsChangeStrictMode() {
        let uri = "file:///tmp/mofkit-lsp-strict.mof"
        let text = "[UndeclaredThing] class A { string Name; };\n"
        let lenient = TestClient()
        lenient.open(uri, text)
        let lenientSeverities = (lenient.takeDiagnostics().first?.diagnostics ?? []).compactMap { $0["severity"] as? Int }
        lenient.notify("workspace/didChangeConfiguration", ["settings": ["mofkit": ["strict": true]]])
        let strictSeverities = (lenient.takeDiagnostics().last?.diagnostics ?? []).compactMap { $0["severity"] as? Int }
        #expect(!lenientSeverities.contains(1))
        #expect(strictSeverities.contains(1))
    }

    @Test func includePathsAndSchemaFilesComeFromSettings() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let library = directory.appendingPathComponent("lib")
        try FileManager.default.createDirectory(at: library, withIntermediateDirectories: true)
        try "class Lib_Base { [key] string Name; };\n".write(to: library.appendingPathComponent("base.mof"), atomically: true, encoding: .utf8)
        try "class Schema_Base { [key] string Name; };\n".write(to: directory.appendingPathComponent("schema.mof"), atomically: true, encoding: .utf8)
        let main = directory.appendingPathComponent("main.mof").path
        let uri = DocumentURI.uri(of: main)
        let client = TestClient(options: ["strict": true])
        client.open(uri, "#pragma include(\"base.mof\")\nclass D : Lib_Base { };\nclass E : Schema_Base { };\n")
        let before = (client.takeDiagnostics().last?.diagnostics ?? []).compactMap { $0["code"] as? String }
        #expect(before.contains("MOF2002"))  // include not found
        client.notify("workspace/didChangeConfiguration", ["settings": ["mofkit": [
            "strict": true, "includePaths": [library.path], "schemaFiles": [directory.appendingPathComponent("schema.mof").path]]]])
        let after = client.takeDiagnostics().last?.diagnostics ?? []
        #expect(after.isEmpty, "\(after)")
    }

    @Test func aCheckOfAnOlderVersionIsDropped() {
        let client = TestClient()
        let uri = "file:///tmp/mofkit-lsp-stale.mof"
        client.open(uri, "class A { string N;; };\n")
        client.change(uri, version: 2, [["text": "class A { string N; };\n"]])
        #expect(client.takeDiagnostics().map(\.version) == [1, 2])
        // A slow check of version 1 finishing now must not overwrite version 2's (empty) diagnostics.
        let (base, schema) = CheckEngine.baseModel(for: ServerSettings())
        let old = TextDocument(uri: uri, version: 1, text: Array("class A { string N;; };\n".utf8))
        let stale = CheckEngine.check(CheckSnapshot(document: old, openDocuments: [:], settings: ServerSettings(), base: base, schemaDiagnostics: schema))
        #expect(!stale.ownDiagnostics.isEmpty)
        client.server.handle(.checked(stale))
        #expect(client.takeDiagnostics().isEmpty)
    }
}

