import Applicability
import Foundation
import MachineState
import Reports
import Testing
import MofkitTestSupport

// The example of Sources/Reports/Reports.docc, verbatim (DocumentationCatalogTests checks that it
// stays so); the test below runs it.

/// Scans a fleet folder and writes the reports `mofkit scan` writes into `output`.
func writeReports(catalog path: String, fleet directory: String, output: String) throws {
    let (catalog, _) = CompiledCatalog.load(path: path)
    let machines = try MachineLoader.fleetSpecifications(directory: directory)
    let reports = ScanReports(FleetScan.run(catalog: catalog, specifications: machines), scanTime: "2024-05-03 00:00:00")
    try reports.summaryCSV().write(toFile: output + "/compliance-by-update.csv", atomically: true, encoding: .utf8)
    try reports.html().write(toFile: output + "/report.html", atomically: true, encoding: .utf8)
    try reports.writeSQLite(path: output + "/mofkit.db")
}

@Suite struct ReportsDocumentationExamples {
    static let root = URL(fileURLWithPath: TestPaths.packageRoot)

    @Test func writesTheScanReports() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("mofkit-docs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: output) }
        try writeReports(
            catalog: Self.root.appendingPathComponent("Corpus/catalogs/catalog-scup.xml").path,
            fleet: Self.root.appendingPathComponent("Corpus/machines").path, output: output)
        let csv = try String(contentsOfFile: output + "/compliance-by-update.csv", encoding: .utf8)
        print(csv)
        #expect(csv.split(separator: "\r\n").count > 1)
        let html = try String(contentsOfFile: output + "/report.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        let database = try SQLiteDatabase(opening: output + "/mofkit.db")
        let count = try database.query("SELECT COUNT(*) FROM v_GS_PatchState")
        #expect(Int(count.first?.first.flatMap { $0 } ?? "0") ?? 0 > 0)
    }
}
