@testable import MOFLanguageServer
import MofkitSource
import Testing

/// The server checks an edited document from its first change (the checkpoints of its last check):
/// every such check must give exactly what a check of the whole text gives.
@Suite("Checks from the first change")
struct IncrementalCheckTests {
    /// About 200 KB: a class, a reporting twin and a `[DYNPROPS]` instance per group, with an error
    /// now and then, so checkpoints fall between many declarations.
    static func document(groups: Int) -> String {
        var text = "#pragma namespace(\"\\\\\\\\.\\\\root\\\\cimv2\")\n"
        for i in 0..<groups {
            text += "[DYNPROPS] class Group\(i) { [key] string KeyName; string Value\(i); uint32 Count; };\n"
            text += "[DYNPROPS] instance of Group\(i) { KeyName = \"K\(i)\"; "
            text += "[PropertyContext(\"local|HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Vendor\\\\\(i)|Value\"), Dynamic, Provider(\"RegPropProv\")] Value\(i); };\n"
            if i % 97 == 0 { text += "class Broken\(i) : Missing\(i) { string A; };\n" }
        }
        return text
    }

    static func rendered(_ analysis: DocumentAnalysis) -> [String] {
        analysis.diagnostics.map { "\($0.code.rawValue) \($0.severity) \($0.range) \($0.message)" }
    }

    @Test func everyEditGivesTheWholeChecksDiagnostics() {
        let uri = "file:///tmp/mofkit-incremental-check.mof"
        var text = Array(Self.document(groups: 1_200).utf8)
        #expect(text.count > 150_000)
        let settings = ServerSettings()
        let (base, schema) = CheckEngine.baseModel(for: settings)
        let states = DocumentCheckStates()
        func snapshot(_ version: Int) -> CheckSnapshot {
            CheckSnapshot(document: TextDocument(uri: uri, version: version, text: text), openDocuments: [:],
                          settings: settings, base: base, schemaDiagnostics: schema)
        }
        _ = CheckEngine.check(snapshot(1), states: states)
        // Edits near the end, in the middle, at the start, one breaking a declaration, one mending it.
        let edits: [(at: Double, remove: Int, insert: String)] = [
            (0.95, 0, "x"), (0.5, 1, ""), (0.5, 0, ";;"), (0.02, 0, "class Early { string E; };\n"),
            (0.7, 0, "}"), (0.7, 1, ""), (0.3, 3, "uint8"), (0.999, 0, "\nclass Last : Group1 { };\n"),
        ]
        for (index, edit) in edits.enumerated() {
            let offset = min(text.count, Int(Double(text.count) * edit.at))
            text.replaceSubrange(offset..<min(text.count, offset + edit.remove), with: Array(edit.insert.utf8))
            let incremental = CheckEngine.check(snapshot(index + 2), states: states)
            let whole = CheckEngine.check(snapshot(index + 2))
            #expect(Self.rendered(incremental) == Self.rendered(whole), "edit \(index)")
            #expect(!whole.diagnostics.isEmpty)
        }
        // The checks above went through checkpoints: the last one's are kept for the next edit.
        #expect(states.take(uri, settings: settings) != nil, "no checkpoints kept")
        #expect(states.take(uri, settings: settings) == nil, "taken twice")
    }
}
