import Foundation
import Testing

@Suite struct EvalCommandTests {
    static func path(_ relative: String) -> String { MofkitBinary.packageRoot.appendingPathComponent(relative).path }

    @Test func evaluatesCorpusCatalogOnMachines() throws {
        let result = MofkitBinary.run(["eval", "--catalog", Self.path("Corpus/catalogs/catalog-scup.xml"),
                                       "--machine", Self.path("Corpus/machines/win10-22h2-ws"), "--machine", Self.path("Corpus/machines/winxp-sp2-ws"),
                                       "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let machines = try #require(json["machines"] as? [[String: Any]])
        #expect(machines.map { $0["machineName"] as? String } == ["W10-FIN-017", "XPWS042"])
        let w10 = try #require(machines[0]["updates"] as? [[String: Any]])
        // The first package's only prerequisites are not in the catalog: they can never be installed.
        #expect(w10.map { $0["status"] as? String } == ["not-applicable", "missing"])
        let xp = try #require(machines[1]["updates"] as? [[String: Any]])
        #expect(xp[1]["status"] as? String == "not-applicable")
    }

    @Test func explainPrintsTrace() {
        let result = MofkitBinary.run(["eval", "--catalog", Self.path("Corpus/catalogs/catalog-scup.xml"),
                                       "--machine", Self.path("Corpus/machines/win10-22h2-ws"), "--explain", "6f1d3c2a-0000-4000-8000-000000000002"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("bar:FileVersion Path=\"C:\\drv.sys\""))
        #expect(result.standardOutput.contains("[no file C:\\drv.sys] → false"))
        #expect(result.standardOutput.contains("status: missing"))
    }

    @Test func explainShowsWindowsUpdatePrerequisites() {
        let result = MofkitBinary.run(["eval", "--catalog", Self.path("Corpus/catalogs/wsusscn2-wua.cab"),
                                       "--machine", Self.path("Corpus/machines/win11-ws"), "--explain", "KB5033375"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("prerequisites: not applicable: prerequisite 'Windows 11 arm64' (detectoid) is not installed"))
    }

    @Test func productTableOption() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mofkit-products-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalog = directory.appendingPathComponent("mssecure.xml").path
        try Data("""
            <?xml version="1.0"?><BulletinDatastore><Bulletins><Bulletin BulletinID="MT09-001"><Patches>
            <Patch PatchName="p.exe" SBID="0"><AffectedProduct ProductID="1" FixedInSP="0"/></Patch></Patches></Bulletin></Bulletins>
            <Products><Product ProductID="1" Name="Contoso Server 1.0"/></Products></BulletinDatastore>
            """.utf8).write(to: URL(fileURLWithPath: catalog))
        let table = directory.appendingPathComponent("products.json").path
        try Data(#"{"products": [{"product": "Contoso Server 1.0", "anyOf": [[{"key": "HKLM\\SOFTWARE\\Contoso\\App"}]]}], "servicePackSeries": []}"#.utf8)
            .write(to: URL(fileURLWithPath: table))
        let machine = Self.path("Corpus/machines/win10-22h2-ws")
        let without = MofkitBinary.run(["eval", "--catalog", catalog, "--machine", machine])
        #expect(without.standardOutput.contains("unknown         MT09-001"))
        let with = MofkitBinary.run(["eval", "--catalog", catalog, "--machine", machine, "--products", table])
        #expect(with.status == 0)
        #expect(with.standardOutput.contains("cannot-determine MT09-001"))
        let broken = directory.appendingPathComponent("broken.json").path
        try Data("{\"products\": 3}".utf8).write(to: URL(fileURLWithPath: broken))
        let bad = MofkitBinary.run(["eval", "--catalog", catalog, "--machine", machine, "--products", broken])
        #expect(bad.status == 2)
        #expect(bad.standardError.contains("EVAL1006"))
    }

    @Test func unknownUpdateAndMissingCatalogExitTwo() {
        let explain = MofkitBinary.run(["eval", "--catalog", Self.path("Corpus/catalogs/catalog-scup.xml"),
                                        "--machine", Self.path("Corpus/machines/win10-22h2-ws"), "--explain", "nope"])
        #expect(explain.status == 2)
        #expect(explain.standardError.contains("EVAL1003"))
        let missing = MofkitBinary.run(["eval", "--catalog", "/nonexistent/catalog.xml", "--machine", Self.path("Corpus/machines/win10-22h2-ws")])
        #expect(missing.status == 2)
        #expect(MofkitBinary.run(["eval", "--catalog", "x.xml"]).status == 2)
    }
}

@Suite struct ScanCommandTests {
    @Test func writesEveryReport() throws {
        let out = MofkitBinary.makeTemporaryDirectory().appendingPathComponent("report").path
        let result = MofkitBinary.run(["scan", "--catalog", EvalCommandTests.path("Corpus/catalogs/catalog-scup.xml"),
                                       "--machines", EvalCommandTests.path("Corpus/machines"), "--out", out, "--scan-time", "2024-05-03 00:00:00"])
        #expect(result.status == 0, "\(result.standardError)")
        for name in ["machine-status.csv", "compliance-by-update.csv", "scan.json", "mofkit.db", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name) missing")
        }
        let summary = try String(contentsOfFile: out + "/compliance-by-update.csv", encoding: .utf8)
        #expect(summary.contains("6f1d3c2a-0000-4000-8000-000000000002,sp1,,Small driver package,Driver,3,0,3,0,1,1,0.0"))  // TSSRV01: IsInstalled unknown (no file data) leaves it unknown
        let database = try Data(contentsOf: URL(fileURLWithPath: out + "/mofkit.db"))
        #expect(database.prefix(15) == Data("SQLite format 3".utf8))
    }

    @Test func badArgumentsExitTwo() {
        #expect(MofkitBinary.run(["scan", "--catalog", "c.xml", "--out", "x"]).status == 2)
        #expect(MofkitBinary.run(["scan", "--catalog", "c.xml", "--machines", "m", "--out", "x", "--scan-time", "yesterday"]).status == 2)
    }
}
