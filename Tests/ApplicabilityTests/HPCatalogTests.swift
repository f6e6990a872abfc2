import Applicability
import MachineState
import Testing

/// The HP catalog (../shared) against the Corpus machines and an HP workstation: no crash, every rule
/// element known and evaluable, and the `unknown` results counted and explained.
@Suite struct HPCatalogTests {
    static let path = GoldenTests.packageRoot + "/../shared/corpus/catalogs/scup/HpCatalogForSms.xml"
    static var available: Bool { (try? GoldenTests.readBytes(path: path).prefix(1)) != nil }

    // Skipped when ../shared is absent (a clone without the shared corpus).
    @Test(.enabled(if: available, "../shared/corpus/catalogs/scup/HpCatalogForSms.xml is absent"))
    func hpCatalog() {
        let (compiled, summary) = CompiledCatalog.load(path: Self.path)
        #expect(summary.succeeded)
        #expect(compiled.updates.count > 1500)
        #expect(compiled.unknownRuleElements == 0)
        #expect(compiled.unsupportedRules.isEmpty, "rules without an evaluator: \(compiled.unsupportedRules)")
        var snapshots = GoldenTests.machines().map { MachineLoader.load(specification: $0).snapshot }
        snapshots.append(Self.hpWin7())
        let evaluator = CatalogEvaluator(compiled)
        var unknownReasons: [String: Int] = [:]
        var installedOrMissing = 0
        for snapshot in snapshots {
            for result in evaluator.evaluate(snapshot).results {
                if result.status == .unknown { unknownReasons[result.reason, default: 0] += 1 }
                if result.status == .installed || result.status == .missing { installedOrMissing += 1 }
            }
        }
        let unknowns = unknownReasons.values.reduce(0, +)
        print("HP catalog: \(compiled.updates.count) updates × \(snapshots.count) machines: \(unknowns) unknown, \(installedOrMissing) installed or missing")
        for (reason, count) in unknownReasons.sorted(by: { $0.value > $1.value }).prefix(5) { print("  \(count) × \(reason)") }
        // The Corpus machines are not HP: the ComputerSystem query decides not-applicable there. The HP
        // fixture (baseboard 1905, Intel RST controller, iaStorA.sys 12.0.7.1002) has the RST package installed.
        #expect(installedOrMissing > 0)
        #expect(unknowns < compiled.updates.count)
        let rst = compiled.updateIndex("00004850-0000-0000-5350-000000065017")
        #expect(rst != nil)
        if let rst { #expect(evaluator.evaluate(Self.hpWin7()).results[rst].status == .installed) }
    }

    /// The fixture as a 32-bit Windows 7 SP1 HP workstation.
    static func hpWin7() -> MachineSnapshot {
        var s = Fixture.win10()
        s.os.version = "6.1.7601"
        s.os.build = 7601
        s.os.servicePackMajor = 1
        s.os.architecture = .x86
        return s
    }
}
