import Applicability
import MachineState
import Reports
import Testing
import UpdateCatalog

#if canImport(Glibc)
import Glibc
#endif

/// A small fleet: three machines × three updates with known statuses, written as reports.
@Suite struct ReportsTests {
    static let catalogXML = """
        <?xml version="1.0"?>
        <smc:SystemsManagementCatalog xmlns:smc="http://schemas.microsoft.com/sms/2005/04/CorporatePublishing/SystemsManagementCatalog.xsd" \
        xmlns:sdp="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/SoftwareDistributionPackage.xsd" \
        xmlns:bar="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/BaseApplicabilityRules.xsd">
        <sdp:SoftwareDistributionPackage><sdp:Properties PackageID="recent" CreationDate="2030-01-02T00:00:00Z"/>
        <sdp:LocalizedProperties><sdp:Language>en</sdp:Language><sdp:Title>Recent fix</sdp:Title></sdp:LocalizedProperties>
        <sdp:UpdateSpecificData><sdp:KBArticleID>900001</sdp:KBArticleID><sdp:SecurityBulletinID>MS30-001</sdp:SecurityBulletinID></sdp:UpdateSpecificData>
        <sdp:IsInstalled><bar:RegKeyExists Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\\Fix1"/></sdp:IsInstalled>
        <sdp:IsInstallable><bar:RegKeyExists Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\\App"/></sdp:IsInstallable>
        </sdp:SoftwareDistributionPackage>
        <sdp:SoftwareDistributionPackage><sdp:Properties PackageID="old" CreationDate="2001-01-01T00:00:00Z"/>
        <sdp:LocalizedProperties><sdp:Language>en</sdp:Language><sdp:Title>Old &lt;fix&gt;</sdp:Title></sdp:LocalizedProperties>
        <sdp:UpdateSpecificData><sdp:KBArticleID>100001</sdp:KBArticleID></sdp:UpdateSpecificData>
        <sdp:IsInstalled><bar:RegKeyExists Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\\Fix2"/></sdp:IsInstalled>
        </sdp:SoftwareDistributionPackage>
        </smc:SystemsManagementCatalog>
        """

    static func fleet() -> FleetResult {
        var records: [CatalogRecord] = []
        let summary = CatalogReader.read(bytes: Array(catalogXML.utf8), fileName: "c.xml") { records.append($0) }
        let catalog = CompiledCatalog.compile(records: records, format: summary.format)
        func machine(_ name: String, _ keys: [String]) -> MachineSnapshot {
            var s = MachineSnapshot(machineName: name)
            s.registry.addKey(physicalPath: "HKLM\\SOFTWARE\\Base")
            for key in keys { s.registry.addKey(physicalPath: "HKLM\\SOFTWARE\\" + key) }
            return s
        }
        // A: app, fix1 installed → recent installed; old missing.  B: app, no fix → recent missing; old installed.
        // C: no app → recent not applicable; old missing.
        return FleetScan.run(catalog: catalog, snapshots: [machine("A", ["App", "Fix1"]), machine("B", ["App", "Fix2"]), machine("C", [])], threads: 2)
    }

    static func temporaryDirectory() -> String {
        var template = Array("/tmp/mofkit-reports-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }  // input-unreachable: /tmp is writable in tests
    }

    static func run(_ command: String) -> (status: Int32, output: String) {
        guard let pipe = popen(command + " 2>/dev/null", "r") else { return (-1, "") }
        var output = ""
        var buffer = [CChar](repeating: 0, count: 4096)
        while fgets(&buffer, Int32(buffer.count), pipe) != nil { output += String(cString: buffer) }
        let status = pclose(pipe)
        return (status, output)
    }

    static func which(_ tool: String) -> Bool { run("command -v \(tool)").status == 0 }

    @Test func summaryCounts() {
        let fleet = Self.fleet()
        #expect(fleet.machines.map(\.statuses) == [[.installed, .missing], [.missing, .installed], [.notApplicable, .missing]])
        #expect(fleet.summaries[0].applicable == 2)
        #expect(fleet.summaries[0].percentCompliant == 50)
        let csv = ScanReports(fleet, scanTime: "2030-01-05 00:00:00").summaryCSV()
        #expect(csv.contains("recent,900001,MS30-001,Recent fix,,2,1,1,0,1,0,50.0"))
        #expect(csv.contains("old,100001,,Old <fix>,,3,1,2,0,0,0,33.3"))
    }

    @Test func deterministicAcrossThreadCounts() {
        var records: [CatalogRecord] = []
        _ = CatalogReader.read(bytes: Array(Self.catalogXML.utf8), fileName: "c.xml") { records.append($0) }
        let catalog = CompiledCatalog.compile(records: records, format: .scupCatalog)
        let snapshots = (0..<40).map { i -> MachineSnapshot in
            var s = MachineSnapshot(machineName: "M\(i)")
            if i % 3 == 0 { s.registry.addKey(physicalPath: "HKLM\\SOFTWARE\\App") }
            if i % 2 == 0 { s.registry.addKey(physicalPath: "HKLM\\SOFTWARE\\Fix2") }
            return s
        }
        let one = ScanReports(FleetScan.run(catalog: catalog, snapshots: snapshots, threads: 1), scanTime: "2030-01-05 00:00:00")
        let four = ScanReports(FleetScan.run(catalog: catalog, snapshots: snapshots, threads: 4), scanTime: "2030-01-05 00:00:00")
        #expect(one.json() == four.json())
        #expect(one.machineStatusCSV() == four.machineStatusCSV())
    }

    // Needs the sqlite3 shell (apt sqlite3); skipped without it.
    @Test(.enabled(if: which("sqlite3"), "the sqlite3 shell is not installed"))
    func sqliteDatabaseAnswersTheSMSQuery() throws {
        let directory = Self.temporaryDirectory()
        let path = directory + "/mofkit.db"
        // Scan time a week after "now" is impossible; use now-ish so TimeDetected0 counts as recent.
        let reports = ScanReports(Self.fleet(), scanTime: "2999-01-01 00:00:00")
        try reports.writeSQLite(path: path)
        let schema = Self.run("sqlite3 \(path) '.tables'").output
        #expect(schema.contains("v_GS_PatchState"))
        let rows = Self.run("sqlite3 -separator '|' \(path) \"select MachineName, QNumbers0, Status0 from v_gs_patchstate order by MachineName, QNumbers0\"").output
        #expect(rows == "A|100001|Applicable\nA|900001|Installed\nB|100001|Installed\nB|900001|Applicable\nC|100001|Applicable\n")
        // The SMS 2003 report query, date functions translated (Docs/reports.md): rows not installed, grouped.
        let query = ScanReports.recentVulnerabilitiesQuery.replacing("\n", with: " ")
        let result = Self.run("sqlite3 -separator '|' \(path) \"\(query)\"")
        #expect(result.status == 0)
        #expect(result.output == "100001|old||Old <fix>|2001-01-01 00:00:00|2001-01-01 00:00:00|2999-01-01 00:00:00\n900001|MS30-001||Recent fix|2030-01-02 00:00:00|2030-01-02 00:00:00|2999-01-01 00:00:00\n")
        // With an old scan time, only the update posted recently (2030 is in the future of 'now') stays.
        let old = ScanReports(Self.fleet(), scanTime: "2001-02-01 00:00:00")
        try old.writeSQLite(path: path)
        #expect(Self.run("sqlite3 -separator '|' \(path) \"\(query)\"").output == "900001|MS30-001||Recent fix|2030-01-02 00:00:00|2030-01-02 00:00:00|2001-02-01 00:00:00\n")
        let compliance = Self.run("sqlite3 -separator '|' \(path) 'select UpdateID, Applicable, Installed, PercentCompliant from v_UpdateCompliance'").output
        #expect(compliance == "recent|2|1|50.0\nold|3|1|33.3\n")
    }

    // Needs headless Chromium (apt chromium); skipped without it.
    @Test(.enabled(if: which("chromium"), "chromium is not installed"))
    func htmlRendersInHeadlessChromium() throws {
        let directory = Self.temporaryDirectory()
        let path = directory + "/report.html"
        let html = ScanReports(Self.fleet(), scanTime: "2030-01-05 00:00:00").html()
        #expect(!html.contains("http://") && !html.contains("https://"))
        guard let file = fopen(path, "w") else { Issue.record("cannot write \(path)"); return }
        fputs(html, file)
        fclose(file)
        let dom = Self.run("timeout 60 chromium --headless --no-sandbox --disable-gpu --user-data-dir=\(directory)/profile --dump-dom file://\(path)")
        #expect(dom.output.contains("<table id=\"summary\">"))
        #expect(dom.output.contains("Compliance by update"))
        #expect(dom.output.contains("Old &lt;fix&gt;"))
        #expect(dom.output.contains("<td class=\"n missing\">3</td>"))
    }
}
