/// Brings a database to `FleetSchema.currentVersion`: each missing migration in one transaction with
/// its row in `MofkitSchema`; a database already at a newer version is refused.
public enum Migrator {
    /// The advisory lock key that serialises migrations and plans on PostgreSQL.
    static let lockKey = 7_262_737

    /// The version recorded in the database (0 when it has no `MofkitSchema`).
    public static func version(_ connection: any FleetConnection) throws -> Int {
        try connection.integer("SELECT MAX(Version) FROM MofkitSchema") ?? 0
    }

    /// Applies what is missing. Throws when the database was written by a newer mofkit.
    public static func migrate(_ connection: any FleetConnection) throws {
        try connection.transaction {
            if connection.dialect == .postgres { try connection.execute("SELECT pg_advisory_xact_lock(\(lockKey))") }
            let create = FleetSchema.versionTable.ddl(connection.dialect)[0].replacing("CREATE TABLE", with: "CREATE TABLE IF NOT EXISTS")
            try connection.executeScript(create)
            let current = try version(connection)
            if current > FleetSchema.currentVersion {
                throw FleetDatabaseError(
                    "the database schema is version \(current), newer than this mofkit understands (\(FleetSchema.currentVersion)): "
                        + "use the mofkit that wrote it, or a newer one", code: FleetCode.schemaTooNew)
            }
            for migration in FleetSchema.migrations where migration.version > current {
                for statement in migration.statements(connection.dialect) { try connection.executeScript(statement) }
                // Whole statements (a function body holds ';'): not split as scripts are.
                if connection.dialect == .postgres { for statement in migration.postgresStatements { try connection.execute(statement) } }
                try connection.execute("INSERT INTO MofkitSchema (Version, Summary, AppliedAt) VALUES ($1, $2, \(connection.dialect.nowSeconds))",
                                       [.integer(Int64(migration.version)), .text(migration.summary)])
            }
        }
    }
}
