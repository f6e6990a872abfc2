import Applicability
import MachineState
import Testing
import UpdateCatalog

/// A wsusscn2.cab is evaluated with the rules, titles and KBs of its fragments (Corpus/catalogs/
/// wsusscn2-small.cab, written by Scripts/gen-wsusscn2-cab.py; statuses checked by hand against the
/// Corpus machines, see Corpus/catalogs/README.md).
@Suite struct WsusCabinetEvalTests {
    static let catalog = GoldenTests.packageRoot + "/Corpus/catalogs/wsusscn2-small.cab"

    static func statuses(on machine: String) -> [String: String] {
        let (compiled, summary) = CompiledCatalog.load(path: catalog)
        #expect(summary.succeeded)
        let snapshot = MachineLoader.load(specification: GoldenTests.packageRoot + "/Corpus/machines/" + machine).snapshot
        let results = CatalogEvaluator(compiled).evaluate(snapshot).results
        var byRevision: [String: String] = [:]
        for (index, result) in results.enumerated() {
            byRevision[compiled.updates[index].title] = result.status.rawValue
        }
        return byRevision
    }

    @Test func windows10() {
        #expect(Self.statuses(on: "win10-22h2-ws") == [
            "Windows 10 Version 22H2 detectoid": "installed",  // b.WindowsVersion build 19045
            // ntoskrnl.exe 10.0.19041.3803 in CSIDL 37 (system32) ≥ the rule's version
            "2023-12 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5033372)": "installed",
            // UBR is 3803, not 3693; superseded by the installed KB5033372
            "2023-11 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5032189)": "superseded",
            "Update for 7-Zip 23.01 (x64 edition)": "missing",  // 7-Zip MSI 22.01 < VersionMin 23.1
            "Security Update for Contoso App 4.2 (KB900302)": "missing",  // Contoso App 4.2.1, not 4.3.0
        ])
    }

    @Test func windows11() {
        #expect(Self.statuses(on: "win11-ws") == [
            "Windows 10 Version 22H2 detectoid": "not-applicable",
            "2023-12 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5033372)": "not-applicable",  // prerequisite
            "2023-11 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5032189)": "not-applicable",
            "Update for 7-Zip 23.01 (x64 edition)": "not-applicable",  // no 7-Zip MSI product
            "Security Update for Contoso App 4.2 (KB900302)": "not-applicable",  // no Contoso key
        ])
    }

    @Test func kbNumbersComeFromTheExtendedFragments() {
        let (compiled, _) = CompiledCatalog.load(path: Self.catalog)
        #expect(compiled.updates.map(\.kbArticles) == [[], ["5033372"], ["5032189"], [], ["900302"]])
        #expect(compiled.ruleCount > 10)
    }
}
