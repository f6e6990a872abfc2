#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import class Foundation.Thread
import PostgresNIO
import Synchronization

/// A PostgreSQL connection (postgres-nio) used from ordinary threads: each call blocks its thread
/// until the server answers. Bulk rows go in with `COPY … FROM STDIN` in text format.
public final class PostgresFleetConnection: FleetConnection, @unchecked Sendable {
    let connection: PostgresConnection
    let logger = Logger(label: "mofkit.fleet-database")
    /// Where it is connected (no password).
    public let place: String
    public var dialect: SQLDialect { .postgres }

    /// Connects; throws with the server's or the network's reason.
    public init(_ settings: DatabaseURL.PostgresSettings) throws {
        var configuration: PostgresConnection.Configuration
        if let socket = settings.socketPath {
            configuration = .init(unixSocketPath: socket, username: settings.user, password: settings.password, database: settings.database)
            place = "PostgreSQL at \(socket)"
        } else {
            configuration = .init(host: settings.host, port: settings.port, username: settings.user, password: settings.password,
                                  database: settings.database, tls: .disable)
            place = "PostgreSQL at \(settings.host):\(settings.port)"
        }
        configuration.options.connectTimeout = .seconds(10)
        let logger = self.logger
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        do {
            connection = try PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 1, logger: logger).wait()
        } catch {
            throw FleetDatabaseError("cannot connect to \(place) as \(settings.user), database \(settings.database): \(Self.describe(error))", code: FleetCode.connectionFailed)
        }
    }

    deinit { close() }

    /// A readable reason: the server's message and SQLSTATE, or the connection problem.
    public static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let info = error.serverInfo, let message = info[.message] {
                var text = message
                if let detail = info[.detail] { text += " (\(detail))" }
                if let state = info[.sqlState] { text += " [SQLSTATE \(state)]" }
                return text
            }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        if let error = error as? FleetDatabaseError { return error.description }
        return "\(error)"
    }

    func run<T: Sendable>(_ what: String, _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T) throws -> T {
        // postgres-nio 1.33 drops a request written to a channel that is already closed without
        // failing it: ask first, so that a lost server is an error and not a hang.
        if connection.isClosed {
            throw FleetDatabaseError("\(place): \(what): the connection to the server was lost")
        }
        let box = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let connection = self.connection
        let logger = self.logger
        Task(executorPreference: BridgeExecutor.shared) {
            let result: Result<T, any Error>
            do { result = .success(try await body(connection, logger)) } catch { result = .failure(error) }
            box.withLock { $0 = result }
            done.signal()
        }
        // A bound, too, for a request lost in the same way while the connection closes under it.
        if done.wait(timeout: .now() + .seconds(600)) == .timedOut {
            throw FleetDatabaseError("\(place): \(what): no answer in 10 minutes (connection lost?)")
        }
        switch box.withLock({ $0 }) {
        case .success(let value)?: return value
        case .failure(let error)?: throw FleetDatabaseError("\(place): \(what): \(Self.describe(error))")
        case nil: throw FleetDatabaseError("\(place): \(what): no answer")
        }
    }

    public func query(_ sql: String, _ bindings: [SQLValue]) throws -> [[String?]] {
        var binds = PostgresBindings(capacity: bindings.count)
        for value in bindings {
            switch value {
            case .text(let s): binds.append(s)
            case .integer(let n): binds.append(n)
            case .real(let d): binds.append(d)
            case .null: binds.appendNull()
            }
        }
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        let what = String(sql.prefix(60))
        return try run(what) { connection, logger in
            var rows: [[String?]] = []
            for try await row in try await connection.query(query, logger: logger) {
                rows.append(row.map(Self.text))
            }
            return rows
        }
    }

    public func executeScript(_ sql: String) throws {
        let statements = sql.split(separator: ";").map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
        for statement in statements { _ = try query(statement, []) }
    }

    public func bulkInsert(_ table: TableDefinition, rows: [[SQLValue]]) throws -> Int {
        guard !rows.isEmpty else { return 0 }
        let name = SQLText.storedName(table.name, .postgres)
        let columns = table.columnNames.map { SQLText.storedName($0, .postgres) }
        // Text format: tab-separated, \N for NULL, backslash escapes; sent in chunks of about 1 MiB.
        var chunks: [String] = []
        var chunk = ""
        chunk.reserveCapacity(1 << 20)
        for row in rows {
            for (i, value) in row.enumerated() {
                if i > 0 { chunk += "\t" }
                Self.appendCopyText(value, to: &chunk)
            }
            chunk += "\n"
            if chunk.utf8.count >= 1 << 20 {
                chunks.append(chunk)
                chunk = ""
            }
        }
        if !chunk.isEmpty { chunks.append(chunk) }
        let data = chunks
        try run("COPY \(name)") { connection, logger in
            try await connection.copyFrom(table: name, columns: columns, format: .text(.init()), logger: logger) { writer in
                for text in data { try await writer.write(ByteBuffer(string: text)) }
            }
        }
        return rows.count
    }

    static func appendCopyText(_ value: SQLValue, to out: inout String) {
        switch value {
        case .null: out += "\\N"
        case .integer(let n): out += String(n)
        case .real(let d): out += String(d)
        case .text(let s):
            if !s.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                out += s
                return
            }
            for c in s.unicodeScalars {
                switch c {
                case "\\": out += "\\\\"
                case "\t": out += "\\t"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                default: out.unicodeScalars.append(c)
                }
            }
        }
    }

    public func begin() throws { try execute("BEGIN") }
    public func commit() throws { try execute("COMMIT") }
    public func rollback() { try? execute("ROLLBACK") }

    private let closed = Mutex(false)
    public func close() {
        guard !closed.withLock({ let was = $0; $0 = true; return was }) else { return }
        let connection = self.connection
        _ = try? connection.close().wait()
    }

    /// A cell as text, as the server would print it: integers, numerics, doubles, timestamps
    /// (`YYYY-MM-DD HH:MM:SS`), booleans (`t`/`f`), text.
    static func text(_ cell: PostgresCell) -> String? {
        guard var bytes = cell.bytes else { return nil }
        if cell.format == .text { return bytes.readString(length: bytes.readableBytes) }
        switch cell.dataType {
        case .int2: return bytes.readInteger(as: Int16.self).map { String($0) }
        case .int4: return bytes.readInteger(as: Int32.self).map { String($0) }
        case .int8: return bytes.readInteger(as: Int64.self).map { String($0) }
        case .float4: return bytes.readInteger(as: UInt32.self).map { String(Float(bitPattern: $0)) }
        case .float8: return bytes.readInteger(as: UInt64.self).map { String(Double(bitPattern: $0)) }
        case .bool: return bytes.readInteger(as: UInt8.self).map { $0 != 0 ? "t" : "f" }
        case .numeric: return numericText(&bytes)
        case .timestamp, .timestamptz:
            guard let micros = bytes.readInteger(as: Int64.self) else { return nil }
            return timestampText(microsecondsSince2000: micros)
        default: return bytes.readString(length: bytes.readableBytes)
        }
    }

    /// PostgreSQL's binary `numeric` (base-10000 digits, weight, sign, display scale) as its text.
    static func numericText(_ bytes: inout ByteBuffer) -> String? {
        guard let count = bytes.readInteger(as: Int16.self), let weight = bytes.readInteger(as: Int16.self),
              let sign = bytes.readInteger(as: UInt16.self), let scale = bytes.readInteger(as: Int16.self) else { return nil }
        if sign == 0xC000 { return "NaN" }
        var digits: [Int] = []
        for _ in 0..<max(0, Int(count)) {
            guard let d = bytes.readInteger(as: Int16.self) else { return nil }
            digits.append(Int(d))
        }
        func group(_ i: Int) -> Int { i >= 0 && i < digits.count ? digits[i] : 0 }
        var integer = ""
        if weight < 0 {
            integer = "0"
        } else {
            for i in 0...Int(weight) {
                let d = String(group(i))
                integer += i == 0 ? d : String(repeating: "0", count: 4 - d.count) + d
            }
        }
        var fraction = ""
        var i = Int(weight) + 1
        while fraction.count < Int(scale) {
            let d = String(group(i))
            fraction += String(repeating: "0", count: 4 - d.count) + d
            i += 1
        }
        fraction = String(fraction.prefix(Int(scale)))
        return (sign == 0x4000 ? "-" : "") + integer + (scale > 0 ? "." + fraction : "")
    }

    static func timestampText(microsecondsSince2000 micros: Int64) -> String {
        var seconds = time_t(micros / 1_000_000 + 946_684_800)
        if micros % 1_000_000 < 0 { seconds -= 1 }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        var s = self
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}

/// The executor of the tasks that blocking callers wait for: one thread of its own, so that a caller
/// blocked on a semaphore (a worker thread, a test running in the cooperative pool) never waits for a
/// task that needs the thread it is blocking.
final class BridgeExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = BridgeExecutor()

    private let jobs = Mutex<[UnownedJob]>([])
    private let ready = DispatchSemaphore(value: 0)

    private init() {
        Thread.detachNewThread { [self] in
            while true {
                ready.wait()
                let job = jobs.withLock { $0.isEmpty ? nil : $0.removeFirst() }
                job?.runSynchronously(on: asUnownedTaskExecutor())
            }
        }
    }

    func enqueue(_ job: UnownedJob) {
        jobs.withLock { $0.append(job) }
        ready.signal()
    }
}
