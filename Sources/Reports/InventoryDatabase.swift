import InventoryCollection

/// Inventory rows as an SQLite database shaped like a ConfigMgr site's hardware-inventory views:
/// one table per group, named `InventoryGroup/tableName` (`v_GS_<InvClassName>`), with
/// `ResourceID`, `MachineName` and one column per reported property named `<Property>0`, typed from
/// the MOF property's CIM type. A table `Machines(ResourceID, MachineName)` lists every machine.
public enum InventoryDatabase {
    /// The SQLite column type of a CIM type: integers, booleans (0/1) and char16 → INTEGER, reals →
    /// REAL, everything else (string, datetime, arrays, references) → TEXT.
    public static func sqlType(cimType: String) -> String {
        let type = cimType.lowercased()
        if type.hasSuffix("[]") { return "TEXT" }
        switch type {
        case "uint8", "uint16", "uint32", "uint64", "sint8", "sint16", "sint32", "sint64", "char16", "boolean": return "INTEGER"
        case "real32", "real64": return "REAL"
        default: return "TEXT"
        }
    }

    /// The column of a reported property: the site appends `0` to property names (`Name0`).
    public static func columnName(property: String) -> String { property + "0" }

    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacing("\"", with: "\"\"") + "\""
    }

    /// A value as SQLite stores it in a column of `cimType`.
    public static func value(_ value: InventoryValue) -> SQLiteDatabase.Value {
        switch value {
        case .string(let s): return .text(s)
        case .integer(let n): return .integer(n)
        // Above Int64.max (uint64 only): kept exact as decimal text.
        case .unsignedInteger(let n): return .text(String(n))
        case .real(let d): return .real(d)
        case .boolean(let b): return .integer(b ? 1 : 0)
        case .array: return value.text.map { .text($0) } ?? .null
        case .null: return .null
        }
    }

    /// Writes `path` (replacing it). `machines` are the machine names in order. A row's `ResourceID` is
    /// the 1-based position of its machine: from `rowMachines` (per group, per row, the 0-based machine
    /// index) when given, else the first machine with the row's `MachineName`. Groups whose table names
    /// collide (compared without case, as SQL Server does) get `_2`, `_3`… as the CSV files do.
    /// `systemResources`, when given, fill `v_R_System` and its array tables (see ``SiteTables``).
    public static func write(_ groups: [InventoryGroup], machines: [String], rowMachines: [[Int]]? = nil,
                             systemResources: [SystemResource] = [], path: String) throws {
        let db = try SQLiteDatabase(creating: path)
        try db.execute("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;")
        try db.execute("CREATE TABLE Machines (ResourceID INTEGER PRIMARY KEY, MachineName TEXT NOT NULL);")
        try db.insert("INSERT INTO Machines VALUES (?, ?)", rows: machines.enumerated().lazy.map { i, name in
            [.integer(Int64(i + 1)), .text(name)]
        })
        try writeTables(groups, machines: machines, rowMachines: rowMachines, systemResources: systemResources, into: db)
        try db.execute("COMMIT;")
    }

    /// Writes the group tables, `v_R_System` and the inventory-class map into `db` (which already has
    /// its `Machines` table), inside the caller's transaction: `mofkit scan` adds them to its database.
    public static func writeTables(_ groups: [InventoryGroup], machines: [String], rowMachines: [[Int]]?,
                                   systemResources: [SystemResource], into db: SQLiteDatabase) throws {
        var resourceIDs: [String: Int64] = [:]
        for (i, name) in machines.enumerated() where resourceIDs[name] == nil { resourceIDs[name] = Int64(i + 1) }
        try SiteTables.create(in: db)
        try SiteTables.insert(systemResources, in: db)
        var siteColumns: [[(String, String, String)]] = []
        for (g, (group, table)) in zip(groups, uniqueTableNames(groups)).enumerated() {
            let rowIndices = rowMachines.flatMap { g < $0.count && $0[g].count == group.rows.count ? $0[g] : nil }
            // The first column of every row is MachineName; the others are the reported properties.
            let properties = group.columns.dropFirst()
            var definitions = ["ResourceID INTEGER NOT NULL REFERENCES Machines", "MachineName TEXT NOT NULL"]
            siteColumns.append([])
            for (column, name) in zip(properties, uniqueColumnNames(group)) {
                definitions.append("\(quotedIdentifier(name)) \(sqlType(cimType: column.cimType))")
                siteColumns[g].append((column.name, name, column.cimType))
            }
            try db.execute("CREATE TABLE \(quotedIdentifier(table)) (\(definitions.joined(separator: ", ")));")
            let placeholders = Array(repeating: "?", count: definitions.count).joined(separator: ", ")
            try db.insert("INSERT INTO \(quotedIdentifier(table)) VALUES (\(placeholders))", rows: group.rows.enumerated().lazy.map { r, row in
                let machine: String
                if case .string(let name)? = row.first { machine = name } else { machine = "" }
                let resourceID = rowIndices.map { Int64($0[r] + 1) } ?? resourceIDs[machine] ?? 0
                return [.integer(resourceID), .text(machine)] + row.dropFirst().map(value)
            })
        }
        try SiteTables.recordInventory(groups, tables: uniqueTableNames(groups), columns: siteColumns, in: db)
    }

    /// The columns of `group`'s reported properties (`<Property>0`), made unique without case beside
    /// `ResourceID` and `MachineName`: one name per column after the first (MachineName).
    public static func uniqueColumnNames(_ group: InventoryGroup) -> [String] {
        var used: Set<String> = ["resourceid", "machinename"]
        return group.columns.dropFirst().map { column in
            var name = columnName(property: column.name)
            var n = 2
            while !used.insert(name.lowercased()).inserted {
                name = columnName(property: column.name) + "_\(n)"
                n += 1
            }
            return name
        }
    }

    /// Table names, made unique without case.
    public static func uniqueTableNames(_ groups: [InventoryGroup]) -> [String] {
        var used = Set<String>()
        return groups.map { group in
            var name = group.tableName
            var n = 2
            while !used.insert(name.lowercased()).inserted {
                name = group.tableName + "_\(n)"
                n += 1
            }
            return name
        }
    }
}
