import MofkitSource
import Reports

/// A value bound to a statement or bulk-loaded (the SQLite wrapper's value type, shared).
public typealias SQLValue = SQLiteDatabase.Value

/// A fleet database error: the message says what failed and why (server message, SQLSTATE, or the
/// connection problem); the CLI prints it and exits 2.
public struct FleetDatabaseError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var description: String
    /// Its `FleetCode`.
    public var code: DiagnosticCode

    /// An error with `description`.
    public init(_ description: String, code: DiagnosticCode = FleetCode.statementFailed) {
        self.description = description
        self.code = code
    }
}

/// One connection to the fleet database, in the dialect of its engine. Statements spell their
/// parameters `$1`, `$2`… for both engines. Not shared between threads: each worker opens its own.
public protocol FleetConnection: AnyObject {
    /// The engine's dialect.
    var dialect: SQLDialect { get }
    /// Runs one statement and returns its rows as text (NULL as nil; integers in decimal, times as
    /// `YYYY-MM-DD HH:MM:SS`, numerics as the server prints them).
    func query(_ sql: String, _ bindings: [SQLValue]) throws -> [[String?]]
    /// Runs statements without parameters and results (DDL; several separated by `;` allowed).
    func executeScript(_ sql: String) throws
    /// Appends `rows` (values in `table`'s column order) to `table`: `COPY … FROM STDIN` on
    /// PostgreSQL, one prepared `INSERT` on SQLite. Returns the number of rows.
    @discardableResult
    func bulkInsert(_ table: TableDefinition, rows: [[SQLValue]]) throws -> Int
    /// Starts a transaction that writes (SQLite: `BEGIN IMMEDIATE`, so writers queue instead of deadlocking).
    func begin() throws
    /// Commits.
    func commit() throws
    /// Rolls back, ignoring errors (the connection may be gone).
    func rollback()
    /// Closes the connection.
    func close()
}

extension FleetConnection {
    /// Runs a statement, ignoring rows.
    public func execute(_ sql: String, _ bindings: [SQLValue] = []) throws {
        _ = try query(sql, bindings)
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try begin()
        do {
            let value = try body()
            try commit()
            return value
        } catch {
            rollback()
            throw error
        }
    }

    /// The first column of the first row as an integer.
    public func integer(_ sql: String, _ bindings: [SQLValue] = []) throws -> Int? {
        guard let text = try query(sql, bindings).first?.first ?? nil else { return nil }
        return Int(text)
    }
}

/// Opens the database a `--db` argument names.
public enum FleetDatabase {
    /// Connects to `url` (see `DatabaseURL`) and brings its schema up to date (`Migrator`).
    public static func open(_ url: DatabaseURL, migrate: Bool = true) throws -> any FleetConnection {
        let connection: any FleetConnection
        switch url.kind {
        case .sqlite(let path): connection = try SQLiteFleetConnection(path: path)
        case .postgres(let settings): connection = try PostgresFleetConnection(settings)
        }
        if migrate {
            do {
                try Migrator.migrate(connection)
            } catch {
                connection.close()
                throw error
            }
        }
        return connection
    }
}

/// The SQLite engine, through the Reports module's wrapper.
public final class SQLiteFleetConnection: FleetConnection {
    let database: SQLiteDatabase
    /// The file.
    public let path: String
    public var dialect: SQLDialect { .sqlite }

    /// Opens (creating when missing) `path`.
    public init(path: String) throws {
        self.path = path
        do {
            database = try SQLiteDatabase(openingOrCreating: path)
            try database.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;")
        } catch {
            throw FleetDatabaseError("cannot open SQLite database \(path): \(error)", code: FleetCode.connectionFailed)
        }
    }

    public func query(_ sql: String, _ bindings: [SQLValue]) throws -> [[String?]] {
        do {
            return try database.query(sql, bindings: bindings)
        } catch {
            throw FleetDatabaseError("SQLite \(path): \(error)")
        }
    }

    public func executeScript(_ sql: String) throws {
        do { try database.execute(sql) } catch { throw FleetDatabaseError("SQLite \(path): \(error)") }
    }

    public func bulkInsert(_ table: TableDefinition, rows: [[SQLValue]]) throws -> Int {
        let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        let columns = table.columnNames.map(SQLText.identifier).joined(separator: ", ")
        do {
            try database.insert("INSERT INTO \(SQLText.identifier(table.name)) (\(columns)) VALUES (\(placeholders))", rows: rows)
        } catch {
            throw FleetDatabaseError("SQLite \(path): \(table.name): \(error)")
        }
        return rows.count
    }

    public func begin() throws { try executeScript("BEGIN IMMEDIATE") }
    public func commit() throws { try executeScript("COMMIT") }
    public func rollback() { try? database.execute("ROLLBACK") }
    public func close() {}
}
