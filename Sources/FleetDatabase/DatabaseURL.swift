#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `--db` argument: `postgresql://user[:password]@host[:port]/database[?host=/socket/dir]`
/// (also `postgres://`) for PostgreSQL, `sqlite:PATH` or a plain path for SQLite.
public struct DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    /// Where PostgreSQL is and who connects.
    public struct PostgresSettings: Sendable, Hashable {
        /// The TCP host, when not a socket.
        public var host: String
        /// The port (also names the socket file `.s.PGSQL.PORT`).
        public var port: Int
        /// The Unix socket directory (`?host=/dir`, or a host that starts with `/`).
        public var socketDirectory: String?
        /// The role.
        public var user: String
        /// The password: from the URL, else `PGPASSWORD`.
        public var password: String?
        /// The database (default: the user name).
        public var database: String

        /// Settings as given.
        public init(host: String, port: Int, socketDirectory: String?, user: String, password: String?, database: String) {
            self.host = host
            self.port = port
            self.socketDirectory = socketDirectory
            self.user = user
            self.password = password
            self.database = database
        }

        /// The socket file when connecting through a Unix socket.
        public var socketPath: String? { socketDirectory.map { $0 + "/.s.PGSQL.\(port)" } }
    }

    /// The engine and its location.
    public enum Kind: Sendable, Hashable {
        /// An SQLite file.
        case sqlite(String)
        /// A PostgreSQL server.
        case postgres(PostgresSettings)
    }

    /// What the URL names.
    public var kind: Kind

    /// The URL without its password, for messages.
    public var description: String {
        switch kind {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let s):
            let place = s.socketDirectory.map { "?host=\($0)" } ?? ""
            return "postgresql://\(s.user)@\(s.socketDirectory == nil ? s.host : "localhost"):\(s.port)/\(s.database)\(place)"
        }
    }

    /// Parses `text`; throws with the reason when it is not a database this build can open.
    public init(_ text: String, environment: [String: String] = DatabaseURL.processEnvironment()) throws {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw FleetDatabaseError("--db sqlite: needs a path (sqlite:PATH)", code: FleetCode.badURL) }
            kind = .sqlite(path)
            return
        }
        let schemes = ["postgresql://", "postgres://"]
        guard let scheme = schemes.first(where: { text.hasPrefix($0) }) else {
            if text.contains("://") {
                throw FleetDatabaseError("--db \(text): unknown scheme; use postgresql://user@host:port/database, sqlite:PATH or a file path", code: FleetCode.badURL)
            }
            guard !text.isEmpty else { throw FleetDatabaseError("--db needs a URL or a path", code: FleetCode.badURL) }
            kind = .sqlite(text)
            return
        }
        var rest = Substring(text.dropFirst(scheme.count))
        var query: Substring = ""
        if let q = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        var authority = rest
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[rest.index(after: slash)...]
        }
        var user: String?
        var password: String?
        if let at = authority.lastIndex(of: "@") {
            let credentials = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                user = try Self.percentDecoded(credentials[..<colon])
                password = try Self.percentDecoded(credentials[credentials.index(after: colon)...])
            } else {
                user = try Self.percentDecoded(credentials)
            }
        }
        var host = "localhost"
        var port = 5432
        if !authority.isEmpty {
            if let colon = authority.lastIndex(of: ":") {
                host = String(authority[..<colon])
                guard let p = Int(authority[authority.index(after: colon)...]), (1...65535).contains(p) else {
                    throw FleetDatabaseError("--db \(Self.redacted(text)): the port must be a number from 1 to 65535", code: FleetCode.badURL)
                }
                port = p
            } else {
                host = String(authority)
            }
        }
        if host.isEmpty { host = "localhost" }
        var socketDirectory: String?
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let key = String(parts[0])
            let value = parts.count > 1 ? try Self.percentDecoded(parts[1]) : ""
            switch key {
            case "host":
                if value.hasPrefix("/") { socketDirectory = value } else { host = value }
            case "port":
                guard let p = Int(value), (1...65535).contains(p) else {
                    throw FleetDatabaseError("--db \(Self.redacted(text)): port=\(value) is not a port", code: FleetCode.badURL)
                }
                port = p
            case "user": user = value
            case "password": password = value
            case "dbname": path = Substring(value)
            case "sslmode":
                if value != "disable" && value != "prefer" && value != "allow" {
                    throw FleetDatabaseError("--db \(Self.redacted(text)): sslmode=\(value) is not supported (this build connects without TLS)", code: FleetCode.badURL)
                }
            case "application_name", "connect_timeout": break
            default:
                throw FleetDatabaseError("--db \(Self.redacted(text)): unknown parameter \(key)", code: FleetCode.badURL)
            }
        }
        if host.hasPrefix("/") {
            socketDirectory = host
            host = "localhost"
        }
        let role = user ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        let database = path.isEmpty ? role : try Self.percentDecoded(path)
        kind = .postgres(PostgresSettings(host: host, port: port, socketDirectory: socketDirectory, user: role,
                                          password: password ?? environment["PGPASSWORD"], database: database))
    }

    /// `text` with any password replaced by `***`.
    public static func redacted(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"), let at = text[schemeEnd.upperBound...].firstIndex(of: "@") else { return text }
        let credentials = text[schemeEnd.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }

    static func percentDecoded(_ text: Substring) throws -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw FleetDatabaseError("--db: bad %-escape in \(redacted(String(text)))", code: FleetCode.badURL)
                }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    /// The process environment (`PGPASSWORD`, `PGUSER`).
    public static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        for key in ["PGPASSWORD", "PGUSER", "USER"] {
            if let value = getenv(key) { result[key] = String(cString: value) }
        }
        return result
    }
}
