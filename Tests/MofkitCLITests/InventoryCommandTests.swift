import Foundation
import Testing

/// `mofkit inventory`, run end to end on the Corpus machines.
@Suite("mofkit inventory")
struct InventoryCommandTests {
    static func path(_ relative: String) -> String { MofkitBinary.packageRoot.appendingPathComponent(relative).path }
    static let machines = path("Corpus/machines")
    static let tsServer = path("Corpus/machines/srv2003-tsappmode")

    @Test("TSAPPMode rows from a .reg + WMI MOF machine, as JSON")
    func tsAppModeJSON() throws {
        let result = MofkitBinary.run(["inventory", "--mof", Self.path("Corpus/mof/tsappmode-fixed.mof"), "--machine", Self.tsServer])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.isEmpty)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(document["machines"] as? [String] == ["TSSRV01"])
        let group = try #require((document["groups"] as? [[String: Any]])?.first)
        #expect(group["table"] as? String == "v_GS_TS_Application_Mode")
        let rows = try #require(group["rows"] as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["MachineName"] as? String == "TSSRV01")
        #expect(rows.first?["TSEnabled"] as? String == "1" && rows.first?["TSAppCompat"] as? String == "1")
    }

    @Test("a fleet folder as CSV files, MachineName first, deterministic")
    func fleetCSV() throws {
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("csv").path
        let arguments = ["inventory", "--mof", Self.path("Corpus/mof/SMS_def-example.mof"), "--machines", Self.machines, "--format", "csv", "-o", out]
        let result = MofkitBinary.run(arguments)
        #expect(result.status == 0, "\(result.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["v_GS_Contoso_Application.csv", "v_GS_Contoso_Plugins.csv"])
        let plugins = try String(contentsOfFile: out + "/v_GS_Contoso_Plugins.csv", encoding: .utf8)
        #expect(plugins == "MachineName,Name,DisplayName,Enabled\r\nSQL2019-01,Exporter,PDF Exporter,1\r\nW10-FIN-017,Exporter,PDF Exporter,1\r\nW10-FIN-017,Sync,Cloud Sync,0\r\n")
        let again = MofkitBinary.run(["inventory", "--mof", Self.path("Corpus/mof/SMS_def-example.mof"), "--machines", Self.machines, "--format", "csv"])
        #expect(again.standardOutput.contains("# v_GS_Contoso_Application\r\n") || again.standardOutput.contains("# v_GS_Contoso_Application\n"))
        #expect(again.standardOutput.contains("TSSRV01,Contoso,3.9.0,12,20070901083000.000000+000"))
    }

    @Test("a broken machine is reported with file, place and machine; the others go on; exit 1")
    func brokenMachineGoesOn() throws {
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = directory.appendingPathComponent("broken.json")
        try "{\n  \"machineName\": \"BROKEN\",\n  \"registry\": [\n}\n".write(to: broken, atomically: true, encoding: .utf8)
        let result = MofkitBinary.run(["inventory", "--mof", Self.path("Corpus/mof/tsappmode-fixed.mof"),
                                       "--machine", broken.path, "--machine", Self.tsServer, "--color", "never"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("broken.json:4:1: error[SNAP1001]"), "\(result.standardError)")
        #expect(result.standardError.contains("while reading machine \"broken\""))
        #expect(result.standardOutput.contains("\"TSSRV01\""))
    }

    @Test("--print-snapshot shows the merged machine with derived OS facts")
    func printSnapshot() throws {
        let result = MofkitBinary.run(["inventory", "--print-snapshot", "--machine",
                                       Self.tsServer + "/registry.reg," + Self.tsServer + "/wmi.mof"])
        #expect(result.status == 0, "\(result.standardError)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let os = try #require(document["os"] as? [String: Any])
        #expect(os["version"] as? String == "5.2.3790" && os["productType"] as? String == "server" && os["architecture"] as? String == "x86")
        #expect(document["machineName"] as? String == "TSSRV01")
    }

    @Test("--print-snapshot of a fleet writes one file per machine; several machines without -o is a usage error")
    func printSnapshotFleet() throws {
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("snapshots").path
        let result = MofkitBinary.run(["inventory", "--print-snapshot", "--machines", Self.machines, "-o", out])
        #expect(result.status == 0, "\(result.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["SQL2019-01.json", "TSSRV01.json", "W10-FIN-017.json", "W11-DEV-003.json", "XPWS042.json"])
        #expect(MofkitBinary.run(["inventory", "--print-snapshot", "--machines", Self.machines]).status == 2)
    }

    @Test("usage errors and unreadable files exit 2")
    func usage() {
        #expect(MofkitBinary.run(["inventory", "--machine", Self.tsServer]).status == 2)
        #expect(MofkitBinary.run(["inventory", "--mof", Self.path("Corpus/mof/tsappmode-fixed.mof")]).status == 2)
        #expect(MofkitBinary.run(["inventory", "--mof", Self.path("Corpus/mof/tsappmode-fixed.mof"), "--machine", "/nonexistent/x.json"]).status == 2)
    }

    @Test("explain knows the snapshot and inventory codes")
    func explain() {
        #expect(MofkitBinary.run(["explain", "SNAP1002"]).standardOutput.contains("wrong JSON type"))
        #expect(MofkitBinary.run(["explain", "INV1001"]).standardOutput.contains("REG_DWORD"))
    }
}
