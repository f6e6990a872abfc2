import Foundation
import InventoryCollection
import InventoryRules
import MachineState
import Reports
import MofkitTestSupport

/// The test fleet: Corpus/machines (ResourceID 1-5) then Corpus/collections/fleet (6-8), written into a
/// report database the way `mofkit scan` writes its site tables (default inventory groups + v_R_System).
enum Fleet {
    static let root = URL(fileURLWithPath: TestPaths.packageRoot)
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// ResourceIDs by machine name, as the fixtures give them (folder order).
    static let ids: [String: Int64] = [
        "TSSRV01": 1, "SQL2019-01": 2, "W10-FIN-017": 3, "W11-DEV-003": 4, "XPWS042": 5, "LAB-VM-07": 6, "PC-HQ-001": 7, "SRV-APP-02": 8,
    ]

    /// Builds the database once per call into a fresh temporary file and returns its path.
    static func database(extraRules: CollectionRules? = nil) throws -> String {
        let specifications = try MachineLoader.fleetSpecifications(directory: path("Corpus/machines"))
            + MachineLoader.fleetSpecifications(directory: path("Corpus/collections/fleet"))
        var rules = DefaultInventory.rules
        if let extraRules { rules.reportedClasses += extraRules.reportedClasses }
        let collector = InventoryCollector(rules: rules)
        var groups = collector.emptyGroups()
        var rowMachines = Array(repeating: [Int](), count: groups.count)
        var names: [String] = []
        var resources: [SystemResource] = []
        for (i, specification) in specifications.enumerated() {
            let snapshot = SystemResource.withOperatingSystemInstance(MachineLoader.load(specification: specification).snapshot)
            names.append(snapshot.machineName)
            resources.append(SystemResource(resourceID: Int64(i + 1), snapshot: snapshot))
            let rows = collector.collect([snapshot]).groups
            for g in groups.indices {
                groups[g].rows += rows[g].rows
                rowMachines[g] += Array(repeating: i, count: rows[g].rows.count)
            }
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mofkit-collections-\(UUID().uuidString).db").path
        try InventoryDatabase.write(groups, machines: names, rowMachines: rowMachines, systemResources: resources, path: file)
        return file
    }
}
