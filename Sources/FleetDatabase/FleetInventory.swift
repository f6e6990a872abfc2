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
    /// specification), and each group's table replaced by this run's rows. `rowMachines` gives, per
    /// group and row, the index of its machine in `specifications`/`machineNames`.
    public static func write(_ db: any FleetConnection, groups: [InventoryGroup], specifications: [String], machineNames: [String],
                             rowMachines: [[Int]]) throws {
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
            for (g, (group, name)) in zip(groups, InventoryDatabase.uniqueTableNames(groups)).enumerated() {
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
