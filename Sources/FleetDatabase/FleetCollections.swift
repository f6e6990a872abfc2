import CollectionQueries
import Reports

/// A fleet database (PostgreSQL or SQLite) as the database `mofkit collection` runs its queries on:
/// the tables of migration 2 (`v_R_System`, its array tables, the site-only classes, the
/// inventory-class map), the `v_GS_` tables of `inventory --db` and the `v_GS_PatchState` view of
/// `scan --db`. The SQL is written in ``CollectionQueries/PostgreSQLDialect`` or
/// ``CollectionQueries/SQLiteDialect``, by the connection's engine.
public struct FleetCollectionDatabase: CollectionDatabase {
    /// The connection.
    public let connection: any FleetConnection

    /// Queries through `connection`.
    public init(_ connection: any FleetConnection) { self.connection = connection }

    public var dialect: any CollectionQueries.SQLDialect {
        connection.dialect == .postgres ? PostgreSQLDialect() : SQLiteDialect()
    }

    /// The map's `Position` column.
    public var insertionOrder: String { "Position" }

    public func rows(_ sql: String) throws -> [[String?]] { try connection.query(sql, []) }

    public func tableNames() throws -> Set<String> {
        let sql = connection.dialect == .postgres
            ? "SELECT lower(table_name) FROM information_schema.tables WHERE table_schema = current_schema()"
            : "SELECT lower(name) FROM sqlite_master WHERE type IN ('table', 'view')"
        return Set(try connection.query(sql, []).compactMap { $0.first ?? nil })
    }
}

/// Writes the site tables of migration 2.
public enum FleetSiteTables {
    /// Replaces the `v_R_System` rows (and array rows) of `resources`, each with its fleet ResourceID
    /// (the `resourceID` of the `SystemResource` is ignored), inside the caller's transaction.
    public static func replaceSystem(_ db: any FleetConnection, _ resources: [(Int64, SystemResource)]) throws {
        guard !resources.isEmpty else { return }
        let ids = resources.map { String($0.0) }.joined(separator: ",")
        let tables = FleetSchema.siteTables(SiteTables.system)
        for table in tables {
            try db.execute("DELETE FROM \(SQLText.identifier(table.name)) WHERE ResourceID IN (\(ids))")
        }
        let scalar = SiteTables.system.properties.filter { !$0.isArray }
        try db.bulkInsert(tables[0], rows: resources.map { id, resource -> [SQLValue] in
            scalar.map { property -> SQLValue in
                property.column == SiteTables.system.resourceColumn ? .integer(id) : resource.values[property.name] ?? .null
            }
        })
        for property in SiteTables.system.properties {
            guard let child = property.arrayTable, let table = tables.first(where: { $0.name == child }) else { continue }
            try db.bulkInsert(table, rows: resources.flatMap { id, resource -> [[SQLValue]] in
                (resource.arrays[property.name] ?? []).map { [SQLValue.integer(id), .text($0)] }
            })
        }
    }
}

extension FleetCollectionDatabase {
    /// The database a `mofkit collection --db` argument names: a PostgreSQL URL (`postgresql://…`) as a
    /// fleet database, opened without migrating (collection only reads); anything else (a path,
    /// `sqlite:PATH`) as an SQLite file: the report database of `scan --out` / `inventory --format sqlite`,
    /// or a fleet database.
    public static func open(_ text: String) throws -> any CollectionDatabase {
        let url = try DatabaseURL(text)
        switch url.kind {
        case .postgres:
            return FleetCollectionDatabase(try FleetDatabase.open(url, migrate: false))
        case .sqlite(let path):
            return try SQLiteDatabase(opening: path)
        }
    }
}
