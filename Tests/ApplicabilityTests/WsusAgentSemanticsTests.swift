import Applicability
import MachineState
import Testing
import UpdateCatalog

/// Windows Update semantics on `Corpus/catalogs/wsusscn2-wua.cab` (written by
/// `Scripts/gen-wsusscn2-cab.py`) × the Corpus machines. Every expectation was worked out from the
/// cab's rules and the published procedures before the evaluator ran; the reasoning, with the
/// source of each rule, is in `Corpus/catalogs/wsusscn2-wua.md`.
@Suite struct WsusAgentSemanticsTests {
    static let catalog = GoldenTests.packageRoot + "/Corpus/catalogs/wsusscn2-wua.cab"
    static let machines = ["srv2003-tsappmode", "srv2019-sql", "win10-22h2-ws", "win11-ws", "winxp-sp2-ws"]

    /// Revision (the last group of the update id, hex) → expected status on each of ``machines``, in
    /// order: i installed, m missing, n not applicable, s superseded, u unknown.
    static let expected: [(revision: Int, statuses: String, why: String)] = [
        (0x201, "iiiii", "category: IsInstalled <True/>"),
        (0x202, "nnnnn", "detectoid Windows 11 arm64: no machine is ARM64 (a detectoid that is not installed is never offered)"),
        (0x203, "nnnin", "detectoid Windows 11 x64: build ≥ 22000 and x64"),
        (0x204, "nninn", "detectoid Windows 10 22H2 x64: build 19045 and x64"),
        (0x205, "ninnn", "detectoid Windows Server 2019: build 17763, ProductType 3"),
        (0x301, "nnnnn", "prerequisite 'Windows 11 arm64' not installed: not applicable although its own IsInstalled is unknown"),
        (0x302, "nnnmn", "servicing stack: applies on Windows 11, its CBS package is absent"),
        (0x303, "nnnnn", "LCU whose prerequisite is that servicing stack: missing is not installed"),
        (0x304, "nnnin", "LCU installed (CBS RollupFix 22621.2861)"),
        (0x305, "nnnsn", "older LCU missing, superseded by 0x304 (installed); its prerequisite id is upper case in the fragment"),
        (0x306, "nnnnn", "package-level IsSuperseded true on Windows 10 (KB5032907's CBS package installed)"),
        (0x307, "nninn", "IsInstalled true although IsInstallable (the vulnerable window) is false"),
        (0x401, "nninn", "bundle (BundledUpdates/UpdateIdentity): its only child is installed"),
        (0x402, "nninn", "bundled leaf: CBS RollupFix 19041.3803 installed"),
        (0x403, "nnmnn", "bundle (BundledUpdates/AtLeastOne): its child is missing"),
        (0x404, "nnmnn", "bundled leaf: servicing stack 3570 absent"),
        (0x501, "nnnnn", "WmiQuery on Win32_Service with zero rows (no WDSServer) is false: IsInstallable false"),
        (0x502, "nnnnn", "WmiQuery on Win32_ServerFeature, a class with no instance in a collected namespace: zero rows, false"),
        (0x503, "ninnn", "Server 2019 LCU installed (CBS RollupFix 17763.5206)"),
        (0x601, "uuuuu", "prerequisite detectoid unknown (SystemMetric), own rules say missing: unknown"),
        (0x602, "uuuuu", "detectoid with an unknown IsInstalled (SystemMetric)"),
    ]

    static func statuses(on machine: String) -> [Int: UpdateResult] {
        let (compiled, summary) = CompiledCatalog.load(path: catalog)
        #expect(summary.succeeded)
        let snapshot = MachineLoader.load(specification: GoldenTests.packageRoot + "/Corpus/machines/" + machine).snapshot
        let results = CatalogEvaluator(compiled).evaluate(snapshot).results
        var byRevision: [Int: UpdateResult] = [:]
        for (index, result) in results.enumerated() {
            guard let last = compiled.updates[index].id.split(separator: "-").last, let n = Int(last, radix: 16) else { continue }
            byRevision[n] = result
        }
        return byRevision
    }

    static let letters: [Character: UpdateStatus] = ["i": .installed, "m": .missing, "n": .notApplicable, "s": .superseded, "u": .unknown]

    @Test(arguments: Array(machines.enumerated()))
    func expectedStatuses(_ machine: (offset: Int, element: String)) {
        let actual = Self.statuses(on: machine.element)
        #expect(actual.count == Self.expected.count)
        for row in Self.expected {
            let letter = Array(row.statuses)[machine.offset]
            #expect(actual[row.revision]?.status == Self.letters[letter], "\(machine.element) 0x\(String(row.revision, radix: 16)): \(row.why) — got \(actual[row.revision]?.reason ?? "nothing")")
        }
    }

    @Test func reasonsNameTheDecidingRelation() {
        let w11 = Self.statuses(on: "win11-ws")
        #expect(w11[0x301]?.reason == "prerequisite 'Windows 11 arm64' (detectoid) is not installed")
        #expect(w11[0x303]?.reason == "prerequisite '2024-01 Servicing Stack Update for Windows 11 Version 23H2 for x64-based Systems (KB5034200)' is not installed")
        let w10 = Self.statuses(on: "win10-22h2-ws")
        #expect(w10[0x306]?.reason == "IsSuperseded is true")
        #expect(w10[0x403]?.reason == "bundled update 'Package_for_ServicingStack 3570' is missing")
    }

    @Test func explainShowsPrerequisites() {
        let (compiled, _) = CompiledCatalog.load(path: Self.catalog)
        let view = MachineView(MachineLoader.load(specification: GoldenTests.packageRoot + "/Corpus/machines/win11-ws").snapshot)
        let index = compiled.updates.firstIndex { $0.id.hasSuffix("000000000301") }
        let text = index.map { CatalogEvaluator(compiled).explain($0, on: view).text() } ?? ""
        #expect(text.contains("prerequisite (must be installed): 'Windows 11 arm64' (detectoid) = not-applicable"))
        #expect(text.contains("prerequisite (AtLeastOne, one must be installed): 'Windows 10, version 1903 and later' (category) = installed"))
        #expect(text.contains("prerequisites: not applicable: prerequisite 'Windows 11 arm64' (detectoid) is not installed"))
        #expect(text.hasSuffix("status: not-applicable — prerequisite 'Windows 11 arm64' (detectoid) is not installed\n"))
    }
}
