import Applicability
import Foundation
import MachineState
import Testing
import MofkitTestSupport

// The examples of Sources/Applicability/Applicability.docc, verbatim (DocumentationCatalogTests checks
// that they stay so); the tests below run them.

/// The status of every update of a catalog on one machine folder, with the reason for it.
func statuses(catalog path: String, machine folder: String) -> [String] {
    let (catalog, summary) = CompiledCatalog.load(path: path)
    guard summary.succeeded else { return [] }
    let snapshot = MachineLoader.load(specification: folder).snapshot
    let result = CatalogEvaluator(catalog).evaluate(snapshot)
    return zip(catalog.updates, result.results).map { update, result in
        "\(update.id) \(result.status.rawValue): \(result.reason)"
    }
}

/// Why an update has its status on a machine: the rule trace `mofkit eval --explain` prints.
func explanation(catalog path: String, machine folder: String, update id: String) -> String? {
    let (catalog, _) = CompiledCatalog.load(path: path)
    guard let index = catalog.updateIndex(id) else { return nil }
    let view = MachineView(MachineLoader.load(specification: folder).snapshot)
    return CatalogEvaluator(catalog).explain(index, on: view).text()
}

/// Compliance per update across every machine folder of a fleet directory, evaluated in parallel.
func compliance(catalog path: String, fleet directory: String) throws(MachineDirectoryError) -> [String] {
    let (catalog, _) = CompiledCatalog.load(path: path)
    let machines = try MachineLoader.fleetSpecifications(directory: directory)
    let fleet = FleetScan.run(catalog: catalog, specifications: machines)
    return zip(catalog.updates, fleet.summaries).map { update, summary in
        "\(update.id): \(summary.installed) installed, \(summary.missing) missing, \(summary.percentCompliant)%"
    }
}

@Suite struct ApplicabilityDocumentationExamples {
    static let root = URL(fileURLWithPath: TestPaths.packageRoot)
    static let catalog = root.appendingPathComponent("Corpus/catalogs/catalog-scup.xml").path

    @Test func evaluatesOneMachine() {
        let lines = statuses(catalog: Self.catalog, machine: Self.root.appendingPathComponent("Corpus/machines/win10-22h2-ws").path)
        print(lines)
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { line in UpdateStatus.allCases.contains { line.contains(" \($0.rawValue): ") } })
    }

    @Test func explainsOneUpdate() {
        let machine = Self.root.appendingPathComponent("Corpus/machines/win10-22h2-ws").path
        let text = explanation(catalog: Self.catalog, machine: machine, update: "6f1d3c2a-0000-4000-8000-000000000002")
        print(text ?? "nil")
        #expect(text?.hasPrefix("update 6f1d3c2a-0000-4000-8000-000000000002") == true)
        #expect(explanation(catalog: Self.catalog, machine: machine, update: "nope") == nil)
    }

    @Test func summarisesAFleet() throws {
        let lines = try compliance(catalog: Self.catalog, fleet: Self.root.appendingPathComponent("Corpus/machines").path)
        print(lines)
        #expect(!lines.isEmpty)
        #expect(throws: MachineDirectoryError.self) { try compliance(catalog: Self.catalog, fleet: "/nonexistent/fleet") }
    }
}
