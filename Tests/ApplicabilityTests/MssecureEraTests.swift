import Applicability
import MachineState
import Testing
import UpdateCatalog

#if canImport(Glibc)
import Glibc
#endif

/// The shared 2001 `mssecure.xml` × the 2001-era Corpus machines (`Corpus/machines-2001`: NT4 Server
/// SP6a with IIS 4, Windows 2000 Server SP2 with IIS 5, Windows 98 SE) and the XP machine. Every
/// expectation was worked out from the catalog's lines before the evaluator ran; each one's catalog
/// lines and sources are in `Corpus/machines-2001/README.md`.
@Suite struct MssecureEraTests {
    static let catalogPath = GoldenTests.packageRoot + "/../shared/corpus/catalogs/mssecure/mssecure.xml"
    static let available = access(catalogPath, R_OK) == 0
    static let machines = ["machines-2001/nt4-sp6a-iis4", "machines-2001/w2k-sp2-iis5", "machines-2001/win98se-ws", "machines/winxp-sp2-ws"]

    /// Bulletin → expected status on each of ``machines`` (NT4, W2K, 98 SE, XP) with the reason's
    /// deciding words; `nil` skips a machine's reason check.
    static let expected: [(bulletin: String, statuses: [UpdateStatus], reasons: [String?])] = [
        ("MS00-091", [.superseded, .notApplicable, .missing, .notApplicable],
         ["q275567i.exe: superseded by MS01-041's Q299444i.exe, installed", nil,
          "registry value HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Hotfix\\Q275567\\Installed is absent", nil]),
        ("MS01-041", [.installed, .installed, .notApplicable, .notApplicable], ["Q299444i.exe for Windows NT Server 4.0", nil, nil, nil]),
        ("MS00-086", [.superseded, .notApplicable, .notApplicable, .notApplicable],
         ["arbexei.exe: superseded by MS01-026's Q295534i.exe, which is superseded by MS01-041's Q299444I.exe, installed",
          "Q277873_W2K_SP2_x86_en.EXE: Internet Information Services 5.0 is on the machine but not at an affected service pack", nil, nil]),
        ("MS01-026", [.superseded, .superseded, .notApplicable, .notApplicable],
         ["Q295534i.exe: superseded by MS01-041's Q299444I.exe, installed",
          "Q293826_W2K_SP3_x86_en.EXE: superseded by MS01-044's q301625_w2k_sp3_x86_en.exe, installed", nil, nil]),
        ("MS01-044", [.missing, .installed, .notApplicable, .notApplicable],
         ["registry value HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Hotfix\\Q301625\\Installed is absent",
          "q301625_w2k_sp3_x86_en.exe for Internet Information Services 5.0", nil, nil]),
        ("MS00-005", [.superseded, .notApplicable, .cannotDetermine, .notApplicable],
         ["Q249973i.EXE: superseded by MS01-041's Q299444i.exe, installed", nil, "249973USA8.exe for Windows 98 SE", nil]),
        ("MS01-022", [.cannotDetermine, .cannotDetermine, .cannotDetermine, .notApplicable],
         ["Rbupdate.exe for Windows NT Server 4.0", "Rbupdate.exe for Windows 2000 Server", "rbupdate.exe for Windows 98 SE", nil]),
        ("MS99-015", [.notApplicable, .notApplicable, .notApplicable, .notApplicable],
         ["Windows NT Server 4.0 is on the machine but not at an affected service pack", nil, nil, nil]),
        ("MS98-012", [.notApplicable, .notApplicable, .notApplicable, .notApplicable],
         [nil, nil, "dun40.exe: Windows 98 not recognised (OS version 4.10.1998 [4.10.2222])", nil]),
    ]

    static func results() -> [[String: UpdateResult]] {
        let (compiled, summary) = CompiledCatalog.load(path: catalogPath)
        #expect(summary.succeeded)
        let evaluator = CatalogEvaluator(compiled)
        return machines.map { machine in
            let snapshot = MachineLoader.load(specification: GoldenTests.packageRoot + "/Corpus/" + machine).snapshot
            var byBulletin: [String: UpdateResult] = [:]
            for (i, result) in evaluator.evaluate(snapshot).results.enumerated() { byBulletin[compiled.updates[i].id] = result }
            return byBulletin
        }
    }

    @Test(.enabled(if: available, "../shared/corpus/catalogs/mssecure/mssecure.xml is absent")) func expectedStatuses() {
        let results = Self.results()
        for row in Self.expected {
            for (m, machine) in Self.machines.enumerated() {
                let actual = results[m][row.bulletin]
                #expect(actual?.status == row.statuses[m], "\(row.bulletin) on \(machine): \(actual?.reason ?? "no result")")
                if let words = row.reasons[m] {
                    #expect(actual?.reason.contains(words) == true, "\(row.bulletin) on \(machine): '\(actual?.reason ?? "")' lacks '\(words)'")
                }
            }
        }
    }

    /// The XP machine runs no product of a 2001 catalog; nothing is unknown on the 2001 machines
    /// (their snapshots hold every fact the product table asks for).
    @Test(.enabled(if: available, "../shared/corpus/catalogs/mssecure/mssecure.xml is absent")) func wholeCatalogShape() {
        let results = Self.results()
        #expect(results[3].values.allSatisfy { $0.status == .notApplicable })
        for m in 0..<3 {
            #expect(!results[m].values.contains { $0.status == .unknown }, "\(Self.machines[m])")
        }
    }

    @Test(.enabled(if: available, "../shared/corpus/catalogs/mssecure/mssecure.xml is absent")) func explainShowsProductDetectionAndTheChain() {
        let (compiled, _) = CompiledCatalog.load(path: Self.catalogPath)
        let view = MachineView(MachineLoader.load(specification: GoldenTests.packageRoot + "/Corpus/machines-2001/nt4-sp6a-iis4").snapshot)
        guard let index = compiled.updateIndex("MS00-086") else {
            Issue.record("no MS00-086")
            return
        }
        let text = CatalogEvaluator(compiled).explain(index, on: view).text()
        #expect(text.contains("mssecure patch arbexei.exe: applies to Internet Information Server 4.0 (HKLM\\SOFTWARE\\Microsoft\\InetStp\\MajorVersion = 4 [4]"))
        #expect(text.contains("Windows NT4 Service Pack 6a: OS version 4.0.1381 [4.0.1381], OS service pack 6 [6], HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Hotfix\\Q246009 [key present]"))
        #expect(text.contains("status: superseded — arbexei.exe: superseded by MS01-026's Q295534i.exe, which is superseded by MS01-041's Q299444I.exe, installed"))
    }
}
