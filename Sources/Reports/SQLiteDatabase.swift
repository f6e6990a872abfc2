import CSQLite

/// A small wrapper over the system SQLite: open, execute, prepared inserts in a transaction.
public final class SQLiteDatabase {
    private var handle: OpaquePointer?

    /// An SQLite error, with SQLite's message.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Creates (replacing) the database file at `path`.
    public init(creating path: String) throws {
        _ = unlink(path)
        handle = try Self.open(path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, sayingWhy: true)
    }

    /// Opens an existing database.
    public init(opening path: String) throws {
        handle = try Self.open(path, flags: SQLITE_OPEN_READONLY, sayingWhy: false)
    }

    /// Opens an existing database for reading and writing (to add tables to it).
    public init(updating path: String) throws {
        handle = try Self.open(path, flags: SQLITE_OPEN_READWRITE, sayingWhy: false)
    }

    /// Opens `path` for reading and writing, creating it when missing (never replacing it), with a busy
    /// timeout so that several processes can share it (`mofkit scan --db sqlite:PATH` workers).
    public init(openingOrCreating path: String, busyTimeoutMilliseconds: Int32 = 60_000) throws {
        handle = try Self.open(path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, sayingWhy: true)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
    }

    /// The connection `sqlite3_open_v2` makes with `flags`; on failure it is closed and the error
    /// names the path, and SQLite's message when `sayingWhy`.
    private static func open(_ path: String, flags: Int32, sayingWhy: Bool) throws -> OpaquePointer? {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, flags, nil) != SQLITE_OK else { return handle }
        let message = sayingWhy ? handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open" : "cannot open"
        sqlite3_close(handle)
        throw Failure(description: "\(path): \(message)")
    }

    deinit { sqlite3_close(handle) }

    /// Runs one statement with `bindings` for its parameters `$1`, `$2`… (PostgreSQL's spelling, so
    /// that one SQL text serves both engines) and returns its rows as text (NULL as nil).
    public func query(_ sql: String, bindings: [Value]) throws -> [[String?]] {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        for (i, value) in bindings.enumerated() {
            let index = sqlite3_bind_parameter_index(statement, "$\(i + 1)")
            guard index > 0 else { continue }
            Self.bind(value, at: index, in: statement)
        }
        var rows: [[String?]] = []
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw Failure(description: String(cString: sqlite3_errmsg(handle))) }
            let columns = sqlite3_column_count(statement)
            rows.append((0..<columns).map { c in sqlite3_column_text(statement, c).map { String(cString: $0) } })
        }
        return rows
    }

    /// Runs a query and returns every row as text (NULL as nil).
    public func query(_ sql: String) throws -> [[String?]] {
        try query(sql, bindings: [])
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Runs one or more SQL statements that return no rows (DDL, pragmas, plain inserts).
    public func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &error) != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "error"
            sqlite3_free(error)
            throw Failure(description: message)
        }
    }

    /// A value to bind.
    public enum Value: Sendable, Hashable {
        /// `TEXT`.
        case text(String)
        /// `INTEGER`.
        case integer(Int64)
        /// `REAL`.
        case real(Double)
        /// `NULL`.
        case null
    }

    /// Runs `sql` once per row of `rows` (bound in order), in one prepared statement.
    public func insert(_ sql: String, rows: some Sequence<[Value]>) throws {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        for row in rows {
            sqlite3_reset(statement)
            for (i, value) in row.enumerated() { Self.bind(value, at: Int32(i + 1), in: statement) }
            guard sqlite3_step(statement) == SQLITE_DONE else {
                throw Failure(description: String(cString: sqlite3_errmsg(handle)))
            }
        }
    }

    private func prepare(_ sql: String) throws -> OpaquePointer? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            throw Failure(description: String(cString: sqlite3_errmsg(handle)))
        }
        return statement
    }

    private static func bind(_ value: Value, at index: Int32, in statement: OpaquePointer?) {
        // SQLITE_TRANSIENT: SQLite copies the text before the Swift string's buffer goes away.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        switch value {
        case .text(let s): sqlite3_bind_text(statement, index, s, -1, transient)
        case .integer(let n): sqlite3_bind_int64(statement, index, n)
        case .real(let d): sqlite3_bind_double(statement, index, d)
        case .null: sqlite3_bind_null(statement, index)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
