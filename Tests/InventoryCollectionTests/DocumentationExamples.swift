import Foundation
import InventoryCollection
import InventoryRules
import MachineState
import Testing
import MofkitTestSupport

// The example of Sources/InventoryCollection/InventoryCollection.docc, verbatim
// (DocumentationCatalogTests checks that it stays so); the test below runs it.

/// The `v_GS_` tables hardware inventory would fill from `mof` on `machines`, as CSV text per table.
func inventoryTables(mof: String, machines: [String]) -> [String: String] {
    let (rules, _, _) = InventoryRulesLoader.rules(paths: [mof])
    let snapshots = machines.map { MachineLoader.load(specification: $0).snapshot }
    let (groups, _) = InventoryCollector(rules: rules).collect(snapshots)
    var tables: [String: String] = [:]
    for group in groups {
        tables[group.tableName] = InventoryOutput.csv(group)
    }
    return tables
}

@Suite struct InventoryCollectionDocumentationExamples {
    static let root = URL(fileURLWithPath: TestPaths.packageRoot)

    @Test func collectsTheTerminalServerTable() throws {
        let tables = inventoryTables(
            mof: Self.root.appendingPathComponent("Corpus/mof/tsappmode-fixed.mof").path,
            machines: [Self.root.appendingPathComponent("Corpus/machines/srv2003-tsappmode").path])
        let csv = try #require(tables["v_GS_TSAPPMode"])
        print(csv)
        #expect(csv.contains("TSSRV01"))
        #expect(tables.count == 1)
    }
}
