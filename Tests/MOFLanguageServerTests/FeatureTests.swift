import Foundation
import LSPCore
import MOFModel
import MOFSyntax
import MofkitSource
import Testing
@testable import MOFLanguageServer

/// Hover, navigation, symbols, completion, formatting, code actions and semantic tokens through
/// the protocol, on the project's own example files.
struct FeatureTests {
    static let examplePath = packageRoot.appendingPathComponent("Corpus/mof/SMS_def-example.mof").path
    static let exampleURI = DocumentURI.uri(of: examplePath)

    static func openedExample() throws -> (TestClient, [String]) {
        let text = try String(contentsOfFile: examplePath, encoding: .utf8)
        let client = TestClient()
        client.open(exampleURI, text)
        _ = client.takeDiagnostics()
        return (client, text.components(separatedBy: "\n"))
    }

    static func at(_ line: Int, _ character: Int) -> [String: Any] {
        ["textDocument": ["uri": exampleURI], "position": TestClient.position(line, character)]
    }

    static func column(of needle: String, in line: String) -> Int {
        guard let range = line.range(of: needle) else { return -1 }
        return line.utf16.distance(from: line.utf16.startIndex, to: range.lowerBound.samePosition(in: line.utf16) ?? line.utf16.startIndex)
    }

    static func startLine(_ location: Any?) -> Int? {
        guard let location = location as? [String: Any] else { return nil }
        return ((location["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int
    }

    /// Applies protocol edits (UTF-16) to `text`, last first.
    static func apply(_ edits: [[String: Any]], to text: String) -> String {
        var document = TextDocument(uri: "u", version: 0, text: Array(text.utf8))
        let sorted = edits.sorted {
            let a = ($0["range"] as? [String: Any])?["start"] as? [String: Any]
            let b = ($1["range"] as? [String: Any])?["start"] as? [String: Any]
            return ((a?["line"] as? Int ?? 0), (a?["character"] as? Int ?? 0)) > ((b?["line"] as? Int ?? 0), (b?["character"] as? Int ?? 0))
        }
        for edit in sorted {
            guard let data = try? JSONSerialization.data(withJSONObject: edit),
                  let decoded = try? JSONDecoder().decode(TextEdit.self, from: data) else { continue }
            document.apply(TextDocumentContentChangeEvent(range: decoded.range, text: decoded.newText), encoding: .utf16)
        }
        return document.string
    }

    @Test func definitionFollowsRefTypesAliasesPropertiesAndReportingClasses() throws {
        let (client, lines) = try Self.openedExample()
        func definition(_ line: Int, _ needle: String) -> [[String: Any]] {
            client.request("textDocument/definition", Self.at(line, Self.column(of: needle, in: lines[line]) + 1))["result"] as? [[String: Any]] ?? []
        }
        let refLine = lines.firstIndex { $0.contains("Contoso_Setting ref Setting") } ?? -1
        let settingClass = lines.firstIndex { $0.hasPrefix("class Contoso_Setting ") } ?? -2
        #expect(Self.startLine(definition(refLine, "Contoso_Setting").first) == settingClass)
        let aliasUse = lines.firstIndex { $0.contains("Setting = $Setting1") } ?? -1
        let aliasDeclaration = lines.firstIndex { $0.contains("as $Setting1") } ?? -2
        #expect(Self.startLine(definition(aliasUse, "$Setting1").first) == aliasDeclaration)
        let dataClass = lines.firstIndex { $0 == "class Contoso_AppInfo" } ?? -1
        let reportingClass = lines.firstIndex { $0.hasPrefix("class Contoso_AppInfo : SMS_Class_Template") } ?? -2
        #expect(Self.startLine(definition(reportingClass, "Contoso_AppInfo").first) == dataClass)
        #expect(Self.startLine(definition(dataClass, "Contoso_AppInfo").first) == reportingClass)
        let instanceProperty = lines.firstIndex { $0.contains("Provider(\"RegPropProv\")] Version;") } ?? -1
        let classProperty = lines.firstIndex { $0.contains("string   Version;") } ?? -2
        #expect(Self.startLine(definition(instanceProperty, "Version").first) == classProperty)
        let include = lines.firstIndex { $0.hasPrefix("#pragma include") } ?? -1
        let file = definition(include, "SMS_def").first?["uri"] as? String
        #expect(file?.hasSuffix("include/SMS_def-example-qualifiers.mof") ?? false)
    }

    @Test func referencesFindInstancesSubclassesAndRefTypes() throws {
        let (client, lines) = try Self.openedExample()
        let line = lines.firstIndex { $0.hasPrefix("class Contoso_Setting ") } ?? -1
        let result = client.request("textDocument/references", [
            "textDocument": ["uri": Self.exampleURI], "position": TestClient.position(line, 8), "context": ["includeDeclaration": true]])
        let found = Set((result["result"] as? [[String: Any]] ?? []).compactMap { Self.startLine($0) })
        #expect(found.contains(line))
        #expect(found.contains(lines.firstIndex { $0.contains("Contoso_Setting ref Setting") } ?? -1))
        #expect(found.contains(lines.firstIndex { $0.contains("instance of Contoso_Setting as") } ?? -1))
    }

    @Test func hoverExplainsQualifiersClassesPropertiesAndRegistryContexts() throws {
        let (client, lines) = try Self.openedExample()
        func hover(_ line: Int, _ needle: String, plus: Int = 1) -> String {
            let result = client.request("textDocument/hover", Self.at(line, Self.column(of: needle, in: lines[line]) + plus))["result"] as? [String: Any]
            return (result?["contents"] as? [String: Any])?["value"] as? String ?? ""
        }
        let smsReport = lines.firstIndex { $0.hasPrefix("[SMS_Report(TRUE),") } ?? -1
        let qualifier = hover(smsReport, "SMS_Report")
        #expect(qualifier.contains("Qualifier SMS_Report : boolean"))
        #expect(qualifier.contains("Scope: class, property"))
        #expect(qualifier.contains("hardware inventory"))
        let context = lines.firstIndex { $0.contains("App|Version\")") } ?? -1
        let registry = hover(context, "local|", plus: 3)
        #expect(registry.contains("HKEY_LOCAL_MACHINE"))
        #expect(registry.contains("SOFTWARE\\Contoso\\App"))
        #expect(registry.contains("| value | `Version` |"))
        let data = lines.firstIndex { $0 == "class Contoso_AppInfo" } ?? -1
        let classHover = hover(data, "Contoso_AppInfo")
        #expect(classHover.contains("Key: KeyName"))
        #expect(classHover.contains("root\\cimv2"))
        let property = lines.firstIndex { $0.contains("[key] string KeyName;") } ?? -1
        #expect(hover(property, "KeyName").contains("key"))
    }

    @Test func hoverOnADiagnosticShowsItsExplanation() {
        let client = TestClient()
        client.open("file:///tmp/mofkit-lsp-hover.mof", "class A\n{\n    string Name;;\n};\n")
        let result = client.request("textDocument/hover", ["textDocument": ["uri": "file:///tmp/mofkit-lsp-hover.mof"], "position": TestClient.position(2, 16)])
        let text = ((result["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String ?? ""
        #expect(text.contains("MOF1018"))
        #expect(text.contains(DiagnosticExplanations.descriptor(DiagnosticCode("MOF1018"))?.title ?? "no descriptor"))
    }

    @Test func documentSymbolsNestClassesUnderNamespaces() throws {
        let (client, _) = try Self.openedExample()
        let symbols = client.request("textDocument/documentSymbol", ["textDocument": ["uri": Self.exampleURI]])["result"] as? [[String: Any]] ?? []
        let names = symbols.compactMap { $0["name"] as? String }
        #expect(names.contains("root\\cimv2"))
        #expect(names.contains("root\\cimv2\\sms"))
        let cimv2 = symbols.first { $0["name"] as? String == "root\\cimv2" }?["children"] as? [[String: Any]] ?? []
        let appInfo = cimv2.first { $0["name"] as? String == "Contoso_AppInfo" }
        #expect(appInfo?["kind"] as? Int == 5)
        #expect((appInfo?["children"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["KeyName", "Version", "InstallCount", "LastUpdated", "Licensed"])
    }

    @Test func completionKnowsTheContext() {
        let client = TestClient()
        let uri = "file:///tmp/mofkit-lsp-complete.mof"
        let text = "[SMS_\nclass B : \n#pragma \n[dynamic, ClassContext(\"loc\")] class C { };\n"
        client.open(uri, text)
        func labels(_ line: Int, _ character: Int) -> [[String: Any]] {
            let result = client.request("textDocument/completion", ["textDocument": ["uri": uri], "position": TestClient.position(line, character)])
            return (result["result"] as? [String: Any])?["items"] as? [[String: Any]] ?? []
        }
        let qualifiers = labels(0, 5)
        let smsReport = qualifiers.first { $0["label"] as? String == "SMS_Report" }
        #expect(smsReport != nil)
        #expect(qualifiers.first { $0["label"] as? String == "SMS_Group_Name" }?["insertText"] as? String == "SMS_Group_Name(\"$1\")")
        #expect(labels(1, 10).contains { $0["label"] as? String == "SMS_Class_Template" })
        #expect(labels(2, 8).contains { $0["label"] as? String == "namespace" })
        #expect(labels(3, 27).contains { $0["label"] as? String == "HKEY_LOCAL_MACHINE" })
        #expect(labels(4, 0).contains { $0["label"] as? String == "uint32" })
    }

    @Test func formattingGivesTheFormattersText() {
        let client = TestClient()
        let uri = "file:///tmp/mofkit-lsp-format.mof"
        let text = "class A{[key]string  Name;uint32 Size;};\n\n\ninstance of A{Name=\"x\";};\n"
        client.open(uri, text)
        let edits = client.request("textDocument/formatting", ["textDocument": ["uri": uri], "options": ["tabSize": 4, "insertSpaces": true]])["result"] as? [[String: Any]] ?? []
        #expect(!edits.isEmpty)
        let expected = String(decoding: MOFFormatter.format(MOFParser.parse(SourceFile(path: "x", string: text))), as: UTF8.self)
        #expect(Self.apply(edits, to: text) == expected)
        // Range formatting touches only the declaration in the range.
        let ranged = client.request("textDocument/rangeFormatting", ["textDocument": ["uri": uri], "range": TestClient.range(3, 0, 3, 5), "options": [:]])["result"] as? [[String: Any]] ?? []
        let result = Self.apply(ranged, to: text)
        #expect(result.hasPrefix("class A{[key]string  Name;uint32 Size;};\n"))
        #expect(!result.contains("instance of A{Name"))
    }

    @Test func quickFixesApplyTheFixIts() {
        let client = TestClient()
        let uri = "file:///tmp/mofkit-lsp-fix.mof"
        let text = "class A\n{\n    string Name;;\n};\n"
        client.open(uri, text)
        let diagnostics = client.takeDiagnostics().first?.diagnostics ?? []
        let actions = client.request("textDocument/codeAction", ["textDocument": ["uri": uri], "range": TestClient.range(2, 16, 2, 17),
                                                                  "context": ["diagnostics": diagnostics]])["result"] as? [[String: Any]] ?? []
        let fix = actions.first { $0["kind"] as? String == "quickfix" }
        #expect((fix?["title"] as? String)?.contains("MOF1018") ?? false)
        let edits = ((fix?["edit"] as? [String: Any])?["changes"] as? [String: Any])?[uri] as? [[String: Any]] ?? []
        let fixed = Self.apply(edits, to: text)
        #expect(fixed == "class A\n{\n    string Name;\n};\n")
        client.change(uri, version: 2, [["text": fixed]])
        #expect(client.takeDiagnostics().last?.diagnostics.isEmpty ?? false)
    }

    @Test func addTheReportingClassForADataClass() {
        let client = TestClient()
        let uri = "file:///tmp/mofkit-lsp-reporting.mof"
        let text = """
            #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2")
            [dynamic, provider("RegProv"), ClassContext("local|HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Contoso")]
            class Contoso_Data
            {
                [key] string Name;
                [PropertyContext("Size")] uint32 Size;
            };

            """
        client.open(uri, text)
        #expect(client.takeDiagnostics().first?.diagnostics.filter { $0["severity"] as? Int == 1 }.isEmpty ?? false)
        let actions = client.request("textDocument/codeAction", ["textDocument": ["uri": uri], "range": TestClient.range(2, 8, 2, 8),
                                                                  "context": ["diagnostics": []]])["result"] as? [[String: Any]] ?? []
        let add = actions.first { ($0["title"] as? String)?.hasPrefix("Add the reporting class") ?? false }
        let edits = ((add?["edit"] as? [String: Any])?["changes"] as? [String: Any])?[uri] as? [[String: Any]] ?? []
        let added = Self.apply(edits, to: text)
        #expect(added.contains("class Contoso_Data : SMS_Class_Template"))
        #expect(added.contains("[SMS_Report(TRUE)] uint32 Size;"))
        client.change(uri, version: 2, [["text": added]])
        let after = client.takeDiagnostics().last?.diagnostics ?? []
        #expect(after.filter { $0["severity"] as? Int == 1 || $0["severity"] as? Int == 2 }.isEmpty, "\(after)")
        // Now that the twin exists, the action is no longer offered.
        let again = client.request("textDocument/codeAction", ["textDocument": ["uri": uri], "range": TestClient.range(2, 8, 2, 8),
                                                                "context": ["diagnostics": []]])["result"] as? [[String: Any]] ?? []
        #expect(!again.contains { ($0["title"] as? String)?.hasPrefix("Add the reporting class") ?? false })
    }

    @Test func semanticTokensClassifyEveryLine() throws {
        let (client, lines) = try Self.openedExample()
        let result = client.request("textDocument/semanticTokens/full", ["textDocument": ["uri": Self.exampleURI]])["result"] as? [String: Any]
        let data = result?["data"] as? [Int] ?? []
        #expect(!data.isEmpty && data.count % 5 == 0)
        // Decode: every token lies within its line and has a known type.
        var line = 0
        var character = 0
        var types: [Int: Int] = [:]
        for index in stride(from: 0, to: data.count, by: 5) {
            line += data[index]
            character = data[index] == 0 ? character + data[index + 1] : data[index + 1]
            #expect(line < lines.count)
            #expect(character + data[index + 2] <= lines[line].utf16.count)
            types[data[index + 3], default: 0] += 1
        }
        for type in [1, 2, 4, 6, 7, 8, 10] { #expect(types[type, default: 0] > 0, "token type \(type)") }
    }

    @Test func definitionIntoAUTF16FileOnDiskCountsUTF16Units() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // UTF-16LE with a byte-order mark, as Notepad saves "Unicode".
        let base = "// é😀 Contoso\r\n/*😀*/ class Base_X { [key] string Name; };\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in base.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try Data(bytes).write(to: directory.appendingPathComponent("base.mof"))
        let main = directory.appendingPathComponent("main.mof").path
        let text = "#pragma include(\"base.mof\")\nclass Derived_X : Base_X { };\n"
        let client = TestClient()
        client.open(DocumentURI.uri(of: main), text)
        let published = client.takeDiagnostics().first?.diagnostics ?? []
        #expect(published.isEmpty, "\(published)")
        let result = client.request("textDocument/definition", ["textDocument": ["uri": DocumentURI.uri(of: main)], "position": TestClient.position(1, 20)])
        let location = (result["result"] as? [[String: Any]])?.first
        #expect((location?["uri"] as? String)?.hasSuffix("/base.mof") ?? false)
        let start = (location?["range"] as? [String: Any])?["start"] as? [String: Any]
        #expect(start?["line"] as? Int == 1)
        #expect(start?["character"] as? Int == 6 + 1 + 6)  // "/*😀*/" is 6 UTF-16 units, then " class "
    }
}
