import FleetDatabase
import Foundation
import InventoryCollection
import InventoryRules
import MachineState
import Reports
import MofkitTestSupport
import Testing

/// The test fleet: Corpus/machines (ResourceID 1-5) then Corpus/collections/fleet (6-8), written into a
/// report database the way `mofkit scan` writes its site tables (default inventory groups + v_R_System).
enum Fleet {
    static let root = URL(fileURLWithPath: TestPaths.packageRoot)
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// ResourceIDs by machine name, as the fixtures give them (folder order).
    static let ids: [String: Int64] = [
        "TSSRV01": 1, "SQL2019-01": 2, "W10-FIN-017": 3, "W11-DEV-003": 4, "XPWS042": 5, "LAB-VM-07": 6, "PC-HQ-001": 7, "SRV-APP-02": 8,
    ]

    /// The fleet's inventory rows and `SMS_R_System` records, as `scan` / `inventory` compute them.
    struct Contents {
        var specifications: [String]
        var groups: [InventoryGroup]
        var rowMachines: [[Int]]
        var names: [String]
        var resources: [SystemResource]
    }

    /// Reads the snapshots and collects the default groups (plus `extraRules`).
    static func data(extraRules: CollectionRules? = nil) throws -> Contents {
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
        return Contents(specifications: specifications, groups: groups, rowMachines: rowMachines, names: names, resources: resources)
    }

    /// Builds the database once per call into a fresh temporary file and returns its path.
    static func database(extraRules: CollectionRules? = nil) throws -> String {
        let d = try data(extraRules: extraRules)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mofkit-collections-\(UUID().uuidString).db").path
        try InventoryDatabase.write(d.groups, machines: d.names, rowMachines: d.rowMachines, systemResources: d.resources, path: file)
        return file
    }

    /// The same fleet in a new database on the PostgreSQL test server, written as `inventory --db` writes
    /// it (`FleetInventory.write`: ResourceIDs 1-8 in the same order); an open connection to it.
    static func postgres(extraRules: CollectionRules? = nil) throws -> FleetCollectionDatabase {
        let d = try data(extraRules: extraRules)
        let url = try PostgresTestServer.freshDatabase()
        let db = try FleetDatabase.open(DatabaseURL(url))
        try FleetInventory.write(db, groups: d.groups, specifications: d.specifications, machineNames: d.names, rowMachines: d.rowMachines,
                                 systemResources: d.resources)
        return FleetCollectionDatabase(db)
    }
}

/// The PostgreSQL server of the tests: `MOFKIT_TEST_POSTGRES_URL` (`eval "$(Scripts/pg-test-cluster.sh start)"`).
/// Each use gets a database of its own.
enum PostgresTestServer {
    static let url: String? = ProcessInfo.processInfo.environment["MOFKIT_TEST_POSTGRES_URL"]

    static let skipReason: Comment = "no PostgreSQL test server: set MOFKIT_TEST_POSTGRES_URL (eval \"$(Scripts/pg-test-cluster.sh start)\") to run the PostgreSQL collection tests"

    /// Whether the server answers.
    static let available: Bool = {
        guard let url, let parsed = try? DatabaseURL(url), let db = try? FleetDatabase.open(parsed, migrate: false) else { return false }
        db.close()
        return true
    }()

    /// A new empty database on the test server; its URL.
    static func freshDatabase() throws -> String {
        guard let base = url, let slash = base.lastIndex(of: "/") else { throw FleetDatabaseError("no test server") }
        let name = "mofkit_c_" + UUID().uuidString.prefix(8).lowercased()
        let admin = try FleetDatabase.open(DatabaseURL(base), migrate: false)
        defer { admin.close() }
        try admin.execute("CREATE DATABASE \(name)")
        return String(base[...slash]) + name
    }
}
