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
        #expect(group["table"] as? String == "v_GS_TSAPPMode")
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
        #expect(files == ["v_GS_AppInfo.csv", "v_GS_Plugins.csv"])
        let plugins = try String(contentsOfFile: out + "/v_GS_Plugins.csv", encoding: .utf8)
        #expect(plugins == "MachineName,Name,DisplayName,Enabled\r\nSQL2019-01,Exporter,PDF Exporter,1\r\nW10-FIN-017,Exporter,PDF Exporter,1\r\nW10-FIN-017,Sync,Cloud Sync,0\r\n")
        let again = MofkitBinary.run(["inventory", "--mof", Self.path("Corpus/mof/SMS_def-example.mof"), "--machines", Self.machines, "--format", "csv"])
        #expect(again.standardOutput.contains("# v_GS_AppInfo\r\n") || again.standardOutput.contains("# v_GS_AppInfo\n"))
        #expect(again.standardOutput.contains("TSSRV01,Contoso,3.9.0,12,20070901083000.000000+000"))
    }

    static let sqliteShell = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("--format sqlite: one v_GS_ table per group, <Property>0 columns typed from the MOF; the sqlite3 shell reads it",
          .enabled(if: sqliteShell != nil, "the sqlite3 shell is not installed (apt-get install sqlite3)"))
    func sqliteTables() throws {
        let shell = try #require(Self.sqliteShell)
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("inventory.db").path
        let result = MofkitBinary.run(["inventory", "--mof", Self.path("Corpus/mof/tsappmode-fixed.mof"), "--machines", Self.machines,
                                       "--format", "sqlite", "-o", database])
        #expect(result.status == 0, "\(result.standardError)")
        let rows = MofkitBinary.runTool(shell, ["-separator", "|", database,
            "select m.MachineName, t.TSEnabled0, t.TSAppCompat0, typeof(t.TSEnabled0) from v_GS_TSAPPMode t join Machines m using (ResourceID) where t.MachineName = 'TSSRV01'"])
        #expect(rows.status == 0, "\(rows.output)")
        #expect(rows.output == "TSSRV01|1|1|text\n")
        let columns = MofkitBinary.runTool(shell, [database, "select name || ':' || type from pragma_table_info('v_GS_TSAPPMode')"])
        #expect(columns.output == "ResourceID:INTEGER\nMachineName:TEXT\nkeyname0:TEXT\nTSEnabled0:TEXT\nTSAppCompat0:TEXT\n")
        // Typed columns: the example SMS_def's uint32 and boolean properties are INTEGER.
        let example = directory.appendingPathComponent("example.db").path
        #expect(MofkitBinary.run(["inventory", "--mof", Self.path("Corpus/mof/SMS_def-example.mof"), "--machines", Self.machines,
                                  "--format", "sqlite", "-o", example]).status == 0)
        let plugins = MofkitBinary.runTool(shell, ["-separator", "|", example,
            "select MachineName, Name0, Enabled0, typeof(Enabled0) from v_GS_Plugins order by MachineName, Name0"])
        #expect(plugins.output == "SQL2019-01|Exporter|1|integer\nW10-FIN-017|Exporter|1|integer\nW10-FIN-017|Sync|0|integer\n", "\(plugins.output)")
        #expect(MofkitBinary.run(["inventory", "--mof", Self.path("Corpus/mof/tsappmode-fixed.mof"), "--machines", Self.machines,
                                  "--format", "sqlite"]).status != 0)
        // The same machine named twice: two machines, each row with its own ResourceID.
        let twice = directory.appendingPathComponent("twice.db").path
        #expect(MofkitBinary.run(["inventory", "--mof", Self.path("Corpus/mof/tsappmode-fixed.mof"), "--machine", Self.tsServer,
                                  "--machine", Self.tsServer, "--format", "sqlite", "-o", twice]).status == 0)
        let ids = MofkitBinary.runTool(shell, ["-separator", "|", twice,
            "select t.ResourceID, m.MachineName from v_GS_TSAPPMode t join Machines m using (ResourceID) order by 1"])
        #expect(ids.output == "1|TSSRV01\n2|TSSRV01\n", "\(ids.output)")
    }

    @Test("--threads: output is byte-identical for 1 and several threads (more machines than one batch)")
    func threadsDoNotChangeOutput() throws {
        // The Corpus fleet named 30 times: 150 machines, more than one batch of work.
        let fleets = Array(repeating: ["--machines", Self.machines], count: 30).flatMap { $0 }
        let mof = ["inventory", "--mof", Self.path("Corpus/mof/SMS_def-example.mof")] + fleets
        let one = MofkitBinary.run(mof + ["--threads", "1"])
        let four = MofkitBinary.run(mof + ["--threads", "4"])
        #expect(one.status == 0, "\(one.standardError)")
        #expect(one.standardOutput.count > 10_000)
        #expect(one.standardOutput == four.standardOutput)
        #expect(one.standardError == four.standardError)
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var listings: [[String: String]] = []
        for threads in ["1", "3"] {
            let out = directory.appendingPathComponent("snapshots-\(threads)").path
            let result = MofkitBinary.run(["inventory", "--print-snapshot", "--threads", threads, "-o", out] + fleets)
            #expect(result.status == 0, "\(result.standardError)")
            var files: [String: String] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: out) {
                files[name] = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
            }
            listings.append(files)
        }
        #expect(listings[0].count == 150)
        #expect(listings[0] == listings[1])
        #expect(MofkitBinary.run(mof + ["--threads", "0"]).status != 0)
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
