import InventoryCollection
import Reports

/// Hardware-inventory rows in the fleet database: one `v_GS_<group>` table per inventory group,
/// declared as `TableDefinition`s (ResourceID, MachineName, `<Property>0` typed from the MOF) and
/// rendered to the engine's DDL like the rest of the schema.
public enum FleetInventory {
    /// The table of `group`, named `tableName`.
    public static func table(_ group: InventoryGroup, named tableName: String) -> TableDefinition {
        var columns = [ColumnDefinition("ResourceID", .integer, nullable: false), ColumnDefinition("MachineName", .text, nullable: false)]
        for (column, name) in zip(group.columns.dropFirst(), InventoryDatabase.uniqueColumnNames(group)) {
            columns.append(ColumnDefinition(name, ColumnType.cim(column.cimType)))
        }
        return TableDefinition(tableName, columns, indexes: [["ResourceID"]])
    }

    /// Writes one inventory run in one transaction: the machines (ResourceIDs kept across runs, by
    /// specification), each group's table replaced by this run's rows, the inventory-class map
    /// (`mofkit_InventoryClasses` / `mofkit_InventoryColumns`, this run's groups) and, when given, the
    /// `v_R_System` rows of the machines (`systemResources`, in `specifications` order). `rowMachines`
    /// gives, per group and row, the index of its machine in `specifications`/`machineNames`.
    public static func write(_ db: any FleetConnection, groups: [InventoryGroup], specifications: [String], machineNames: [String],
                             rowMachines: [[Int]], systemResources: [SystemResource] = []) throws {
        try db.transaction {
            if db.dialect == .postgres { try db.execute("SELECT pg_advisory_xact_lock(\(Migrator.lockKey))") }
            var ids = try ScanQueue.resourceIDs(db)
            var seen = Set<String>()
            let new = specifications.filter { ids[$0] == nil && seen.insert($0).inserted }
            if !new.isEmpty {
                try db.bulkInsert(TableDefinition("Machines", [ColumnDefinition("Source", .text)]), rows: new.map { [.text($0)] })
                ids = try ScanQueue.resourceIDs(db)
            }
            let known = Dictionary(try db.query("SELECT ResourceID, MachineName FROM Machines", []).compactMap { row -> (Int, String?)? in
                row[0].flatMap { Int($0) }.map { ($0, row[1]) }
            }, uniquingKeysWith: { a, _ in a })
            var renamed: [Int: (String, String)] = [:]
            for (spec, name) in zip(specifications, machineNames) {
                if let id = ids[spec], known[id] ?? nil != name { renamed[id] = (spec, name) }
            }
            if !renamed.isEmpty {
                try db.execute("DELETE FROM Machines WHERE ResourceID IN (\(renamed.keys.map(String.init).joined(separator: ",")))")
                try db.bulkInsert(FleetSchema.machines, rows: renamed.sorted { $0.key < $1.key }.map { id, value in
                    [.integer(Int64(id)), .text(value.0), .text(value.1)]
                })
            }
            try FleetSiteTables.replaceSystem(db, zip(specifications, systemResources).compactMap { spec, resource -> (Int64, SystemResource)? in
                ids[spec].map { (Int64($0), resource) }
            })
            let tableNames = InventoryDatabase.uniqueTableNames(groups)
            try db.execute("DELETE FROM mofkit_InventoryClasses")
            try db.execute("DELETE FROM mofkit_InventoryColumns")
            try db.bulkInsert(FleetSchema.inventoryClasses, rows: zip(groups, tableNames).enumerated().map { i, pair -> [SQLValue] in
                let (group, table) = pair
                return [.integer(Int64(i)), .text("SMS_G_System_" + table.dropFirst("v_GS_".count).uppercased()), .text(table), .text(group.groupName),
                        .text(group.className), group.classID.map { .text($0) } ?? .null]
            })
            var columnRows: [[SQLValue]] = []
            for (group, table) in zip(groups, tableNames) {
                for (column, name) in zip(group.columns.dropFirst(), InventoryDatabase.uniqueColumnNames(group)) {
                    columnRows.append([.integer(Int64(columnRows.count)), .text(table), .text(column.name), .text(name), .text(column.cimType)])
                }
            }
            try db.bulkInsert(FleetSchema.inventoryColumns, rows: columnRows)
            for (g, (group, name)) in zip(groups, tableNames).enumerated() {
                let table = table(group, named: name)
                try db.executeScript("DROP TABLE IF EXISTS \(SQLText.identifier(name))")
                for statement in table.ddl(db.dialect) { try db.executeScript(statement) }
                let machinesOfRows = g < rowMachines.count && rowMachines[g].count == group.rows.count ? rowMachines[g] : nil
                try db.bulkInsert(table, rows: group.rows.enumerated().map { r, row in
                    let machine = machinesOfRows.map { $0[r] } ?? 0
                    let id = machine < specifications.count ? ids[specifications[machine]] ?? 0 : 0
                    let machineName: String
                    if case .string(let text)? = row.first { machineName = text } else { machineName = "" }
                    return [.integer(Int64(id)), .text(machineName)] + row.dropFirst().map(InventoryDatabase.value)
                })
            }
        }
    }
}
