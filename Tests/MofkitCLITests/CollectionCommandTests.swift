import Foundation
import Testing

/// `mofkit collection`, end to end: scan / inventory write the database, collection queries it.
@Suite("mofkit collection")
struct CollectionCommandTests {
    static func path(_ relative: String) -> String { MofkitBinary.packageRoot.appendingPathComponent(relative).path }

    /// A scan of Corpus/machines + Corpus/collections/fleet; returns the database path.
    static func scan(into directory: URL) throws -> String {
        let out = directory.appendingPathComponent("report").path
        let result = MofkitBinary.run(["scan", "--catalog", path("Corpus/catalogs/mssecure-small.xml"), "--machines", path("Corpus/machines"),
                                       "--machines", path("Corpus/collections/fleet"), "--out", out, "--threads", "2"])
        #expect(result.status == 0 || result.status == 1, "\(result.standardError)")
        return out + "/mofkit.db"
    }

    @Test("members as text, JSON and CSV from a scan database")
    func members() throws {
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = try Self.scan(into: directory)
        let query = "select * from SMS_R_System where SMS_R_System.SystemOUName = 'CONTOSO.COM/HQ'"
        let text = MofkitBinary.run(["collection", "--db", db, "--query", query])
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardOutput == "7\tPC-HQ-001\n8\tSRV-APP-02\n2 members\n")
        let json = MofkitBinary.run(["collection", "--db", db, "--query", query, "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(document["count"] as? Int == 2)
        #expect((document["members"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["PC-HQ-001", "SRV-APP-02"])
        let csv = MofkitBinary.run(["collection", "--db", db, "--query", query, "--format", "csv"])
        #expect(csv.standardOutput == "ResourceID,Name\r\n7,PC-HQ-001\r\n8,SRV-APP-02\r\n")
    }

    @Test("patch state: machines missing an update")
    func patchState() throws {
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = try Self.scan(into: directory)
        let query = "select * from SMS_R_System where SMS_R_System.ResourceId in (select ResourceID from SMS_G_System_PATCHSTATE where SMS_G_System_PATCHSTATE.Status = 'Applicable')"
        let result = MofkitBinary.run(["collection", "--db", db, "--query", query, "--format", "csv"])
        #expect(result.status == 0, "\(result.standardError)")
        // The same machines as the view, queried directly.
        let direct = MofkitBinary.runTool("/usr/bin/sqlite3", [db, "select distinct ResourceID || ',' || MachineName from v_GS_PatchState where Status0 = 'Applicable' order by ResourceID"])
        let expected = "ResourceID,Name\r\n" + direct.output.split(separator: "\n").map { $0 + "\r\n" }.joined()
        #expect(result.standardOutput == expected)
    }

    @Test("the Corpus query files: a not-in rule and a two-rule export")
    func corpusQueryFiles() throws {
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = try Self.scan(into: directory)
        let notIn = MofkitBinary.run(["collection", "--db", db, "--query-file", Self.path("Corpus/collections/queries/not-in-7zip.wql")])
        #expect(notIn.status == 0 && notIn.standardOutput == "8\tSRV-APP-02\n1 member\n", "\(notIn.standardError)")
        let export = MofkitBinary.run(["collection", "--db", db, "--query-file", Self.path("Corpus/collections/queries/hq-collection.mof")])
        #expect(export.status == 0 && export.standardOutput == "7\tPC-HQ-001\n8\tSRV-APP-02\n2 members\n", "\(export.standardError)")
    }

    @Test("--explain shows each condition for one machine")
    func explain() throws {
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = try Self.scan(into: directory)
        let query = "select * from SMS_R_System where SMS_R_System.Client = 1 and SMS_R_System.IPSubnets = '10.1.2.0'"
        let result = MofkitBinary.run(["collection", "--db", db, "--query", query, "--explain", "srv-app-02"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == """
            SRV-APP-02 (ResourceID 8): not a member
            rule 1: not a member
              [failed] and: SMS_R_System.Client = 1 and SMS_R_System.IPSubnets = '10.1.2.0'
                [held] SMS_R_System.Client = 1
                [failed] SMS_R_System.IPSubnets = '10.1.2.0'

            """)
        let unknown = MofkitBinary.run(["collection", "--db", db, "--query", query, "--explain", "NOPE"])
        #expect(unknown.status == 2 && unknown.standardError.contains("no machine 'NOPE'"))
    }

    @Test("--check: a broken query exits 1 with a located diagnostic, in text, JSON and SARIF")
    func check() throws {
        let query = "select * from SMS_R_System\nwhere SMS_R_System.Nmae = 'x'"
        let text = MofkitBinary.run(["collection", "--check", "--query", query])
        #expect(text.status == 1)
        #expect(text.standardOutput.contains("<query>:2:20: error[COL2003]: SMS_R_System has no property Nmae"), "\(text.standardOutput)")
        #expect(text.standardOutput.contains("did you mean SMS_R_System.Name?"))
        let json = MofkitBinary.run(["collection", "--check", "--query", query, "--format", "json"])
        #expect(json.status == 1 && json.standardOutput.contains("\"COL2003\""))
        let sarif = MofkitBinary.run(["collection", "--check", "--query", query, "--format", "sarif"])
        #expect(sarif.status == 1 && sarif.standardOutput.contains("\"ruleId\"") && sarif.standardOutput.contains("COL2003"))
        let good = MofkitBinary.run(["collection", "--check", "--query", "select * from SMS_R_System where Name like 'PC%'"])
        #expect(good.status == 0 && good.standardOutput == "1 of 1 rule translates\n")
        let explain = MofkitBinary.run(["explain", "COL2002"])
        #expect(explain.status == 0 && explain.standardOutput.contains("SMS_def.mof"))
    }

    @Test("--query-file with a MOF export; an inventory database; errors exit 2")
    func queryFileAndInventory() throws {
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let mof = MofkitBinary.write("""
            instance of SMS_CollectionRuleQuery { RuleName = "Clients"; QueryExpression = "select * from SMS_R_System where Client = 1"; };
            instance of SMS_CollectionRuleQuery { RuleName = "Contoso"; QueryExpression = "select SMS_R_System.Name from SMS_R_System inner join SMS_G_System_AppInfo on SMS_G_System_AppInfo.ResourceID = SMS_R_System.ResourceId where SMS_G_System_AppInfo.Version like '4.%'"; };
            """, to: "rules.mof", in: directory)
        let db = directory.appendingPathComponent("inventory.db").path
        let inventory = MofkitBinary.run(["inventory", "--mof", Self.path("Corpus/mof/SMS_def-example.mof"), "--machines", Self.path("Corpus/machines"),
                                          "--machines", Self.path("Corpus/collections/fleet"), "--format", "sqlite", "-o", db])
        #expect(inventory.status == 0, "\(inventory.standardError)")
        // Contoso App 4.2.1 on SQL2019-01 and W10-FIN-017 (Corpus/machines/README.md); clients PC-HQ-001, SRV-APP-02.
        let result = MofkitBinary.run(["collection", "--db", db, "--query-file", mof])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "2\tSQL2019-01\n3\tW10-FIN-017\n7\tPC-HQ-001\n8\tSRV-APP-02\n4 members\n")
        // The example SMS_def.mof reports no Operating System group: the error names the default class to enable.
        let os = MofkitBinary.run(["collection", "--db", db, "--query", "select * from SMS_R_System inner join SMS_G_System_OPERATING_SYSTEM on SMS_G_System_OPERATING_SYSTEM.ResourceID = SMS_R_System.ResourceId"])
        #expect(os.status == 1 && os.standardError.contains("COL2002") && os.standardError.contains("Win32_OperatingSystem"), "\(os.standardError)")
        let missing = MofkitBinary.run(["collection", "--db", directory.appendingPathComponent("none.db").path, "--query", "select * from SMS_R_System"])
        #expect(missing.status == 2 && missing.standardError.contains("COL4002"))
    }

    @Test("--db postgresql://: scan --db and inventory --db write the site tables; members, JSON, CSV, --explain and --check as on SQLite",
          .enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    func postgres() throws {
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try PostgresTestServer.freshDatabase()
        let machines = ["--machines", Self.path("Corpus/machines"), "--machines", Self.path("Corpus/collections/fleet")]
        // catalog-scup.xml: three machines of the fleet have an applicable update (PATCHSTATE rows).
        let catalog = Self.path("Corpus/catalogs/catalog-scup.xml")
        let scan = MofkitBinary.run(["scan", "--db", url, "--catalog", catalog] + machines + ["--threads", "2"])
        #expect(scan.status == 0 || scan.status == 1, "\(scan.standardError)")
        let inventory = MofkitBinary.run(["inventory", "--mof", Self.path("Corpus/mof/SMS_def-example.mof"), "--db", url] + machines)
        #expect(inventory.status == 0, "\(inventory.standardError)")
        // The same fleet on SQLite: scan --out and inventory --format sqlite.
        let report = directory.appendingPathComponent("report").path
        let sqliteRun = MofkitBinary.run(["scan", "--catalog", catalog] + machines + ["--out", report, "--threads", "2"])
        #expect(sqliteRun.status == 0 || sqliteRun.status == 1, "\(sqliteRun.standardError)")
        let sqliteScan = report + "/mofkit.db"
        let sqliteInventory = directory.appendingPathComponent("inventory.db").path
        #expect(MofkitBinary.run(["inventory", "--mof", Self.path("Corpus/mof/SMS_def-example.mof"), "--format", "sqlite", "-o", sqliteInventory] + machines).status == 0)

        let ou = "select * from SMS_R_System where SMS_R_System.SystemOUName = 'CONTOSO.COM/HQ'"
        let text = MofkitBinary.run(["collection", "--db", url, "--query", ou])
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardOutput == "7\tPC-HQ-001\n8\tSRV-APP-02\n2 members\n")
        let csv = MofkitBinary.run(["collection", "--db", url, "--query", ou, "--format", "csv"])
        #expect(csv.standardOutput == "ResourceID,Name\r\n7,PC-HQ-001\r\n8,SRV-APP-02\r\n")
        let json = MofkitBinary.run(["collection", "--db", url, "--query", ou, "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(document["count"] as? Int == 2)

        // Patch state from the scan and an inventory class from inventory --db: the same members as SQLite.
        let patch = "select * from SMS_R_System where SMS_R_System.ResourceId in (select ResourceID from SMS_G_System_PATCHSTATE where SMS_G_System_PATCHSTATE.Status = 'Applicable')"
        let onPostgres = MofkitBinary.run(["collection", "--db", url, "--query", patch, "--format", "csv"])
        #expect(onPostgres.status == 0, "\(onPostgres.standardError)")
        #expect(onPostgres.standardOutput.split(separator: "\r\n").count == 4, "\(onPostgres.standardOutput)")
        #expect(onPostgres.standardOutput == MofkitBinary.run(["collection", "--db", sqliteScan, "--query", patch, "--format", "csv"]).standardOutput)
        let app = "select SMS_R_System.Name from SMS_R_System left join SMS_G_System_AppInfo on SMS_G_System_AppInfo.ResourceID = SMS_R_System.ResourceId where SMS_G_System_AppInfo.Version like '4.%' or SMS_R_System.Name like 'pc-hq-00[0-9]'"
        let appPostgres = MofkitBinary.run(["collection", "--db", url, "--query", app])
        #expect(appPostgres.status == 0 && appPostgres.standardOutput == "2\tSQL2019-01\n3\tW10-FIN-017\n7\tPC-HQ-001\n3 members\n", "\(appPostgres.standardOutput)\(appPostgres.standardError)")
        #expect(appPostgres.standardOutput == MofkitBinary.run(["collection", "--db", sqliteInventory, "--query", app]).standardOutput)

        let explain = MofkitBinary.run(["collection", "--db", url, "--query", "select * from SMS_R_System where SMS_R_System.Client = 1 and SMS_R_System.IPSubnets = '10.1.2.0'",
                                        "--explain", "srv-app-02"])
        #expect(explain.status == 0, "\(explain.standardError)")
        // The same explanation as SQLite's, which explain() above asserts line by line.
        #expect(explain.standardOutput.hasPrefix("SRV-APP-02 (ResourceID 8): not a member\n"))
        #expect(explain.standardOutput == MofkitBinary.run(["collection", "--db", sqliteInventory, "--query", "select * from SMS_R_System where SMS_R_System.Client = 1 and SMS_R_System.IPSubnets = '10.1.2.0'",
                                                             "--explain", "srv-app-02"]).standardOutput)
        let check = MofkitBinary.run(["collection", "--db", url, "--check", "--query", "select * from SMS_R_System where SMS_R_System.Nmae = 1"])
        #expect(check.status == 1 && check.standardOutput.contains("COL2003"))
        let sql = MofkitBinary.run(["collection", "--db", url, "--check", "--sql", "--query", "select * from SMS_R_System where Name like 'PC[0-9]%'"])
        #expect(sql.status == 0 && sql.standardOutput.contains("~ '^pc[0-9].*$'"), "\(sql.standardOutput)")
        // A database without the site tables (schema version 1 only is not possible here: an empty database).
        let empty = try PostgresTestServer.freshDatabase()
        let refused = MofkitBinary.run(["collection", "--db", empty, "--query", ou])
        #expect(refused.status == 2 && refused.standardError.contains("COL4002") && refused.standardError.contains("v_R_System"), "\(refused.standardError)")
    }
}
