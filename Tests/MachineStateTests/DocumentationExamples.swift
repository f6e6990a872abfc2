import Foundation
import MachineState
import Testing
import MofkitTestSupport

// The example of Sources/MachineState/MachineState.docc, verbatim (DocumentationCatalogTests checks
// that it stays so); the test below runs it.

/// Loads a machine folder (snapshot JSON, `.reg` exports, WMI instance MOF, merged in name order) and
/// reads a few facts the rules ask about.
func describeMachine(at folder: String) -> String? {
    let loaded = MachineLoader.load(specification: folder)
    guard !loaded.hasErrors else { return nil }
    let snapshot = loaded.snapshot
    let os = snapshot.os.caption ?? "unknown OS"
    let terminalServer = snapshot.registry
        .key(#"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\Terminal Server"#)?
        .value(named: "TSEnabled")?.integerValue
    return "\(snapshot.machineName): \(os), TSEnabled=\(terminalServer.map(String.init) ?? "absent")"
}

@Suite struct MachineStateDocumentationExamples {
    static let machines = URL(fileURLWithPath: TestPaths.packageRoot).appendingPathComponent("Corpus/machines")

    @Test func describesTheTerminalServer() {
        let description = describeMachine(at: Self.machines.appendingPathComponent("srv2003-tsappmode").path)
        print(description ?? "nil")
        #expect(description?.hasPrefix("TSSRV01: ") == true)
        #expect(description?.hasSuffix(", TSEnabled=1") == true)
    }

    @Test func missingFolderIsAnError() {
        #expect(describeMachine(at: "/nonexistent/machine") == nil)
    }
}
