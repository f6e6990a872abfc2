import MofkitSource

/// Diagnostic codes of the fleet database (`DB2xxx`): every one ends the command with exit status 2,
/// and a planned scan stays resumable (`mofkit scan --db URL --worker`).
public enum FleetCode: DiagnosticCodeSet {
    /// The database cannot be reached or refuses the login.
    public static let connectionFailed: DiagnosticCode = "DB2001"
    /// The database was written by a newer mofkit (a schema version this build does not know).
    public static let schemaTooNew: DiagnosticCode = "DB2002"
    /// A statement failed, or the connection was lost during the scan.
    public static let statementFailed: DiagnosticCode = "DB2003"
    /// A worker's catalog is missing or is not the one the scan was planned with.
    public static let catalogMismatch: DiagnosticCode = "DB2004"
    /// The `--db` argument is not a database URL or path.
    public static let badURL: DiagnosticCode = "DB2005"

    /// `mofkit explain` texts.
    public static let descriptors: [DiagnosticDescriptor] = [
        DiagnosticDescriptor(
            code: connectionFailed, title: "database unreachable", defaultSeverity: .error,
            explanation: "mofkit could not connect to the --db database: the server is not running or not listening there, the role or password is wrong, or the database does not exist. The message gives the server's reason.",
            wrongExample: "mofkit scan --db postgresql://mofkit:wrong@127.0.0.1:5432/mofkit --status",
            rightExample: "mofkit scan --db postgresql://mofkit:secret@127.0.0.1:5432/mofkit --status"),
        DiagnosticDescriptor(
            code: schemaTooNew, title: "database schema newer than mofkit", defaultSeverity: .error,
            explanation: "The database's MofkitSchema table records a migration this build does not know: a newer mofkit wrote it. Older binaries refuse to write to it rather than guess; use the newer mofkit.",
            wrongExample: "mofkit-0.1 scan --db postgresql://… --worker   (database migrated by a newer mofkit)",
            rightExample: "mofkit scan --db postgresql://… --worker   (the same or a newer version)"),
        DiagnosticDescriptor(
            code: statementFailed, title: "database statement failed", defaultSeverity: .error,
            explanation: "A statement failed or the connection was lost during a scan. The batch being written is rolled back whole; its lease runs out and any worker takes it again (mofkit scan --db URL --worker), so no result is lost or stored twice.",
            wrongExample: "(the server stopped in the middle of a scan)",
            rightExample: "mofkit scan --db URL --worker --scan 3"),
        DiagnosticDescriptor(
            code: catalogMismatch, title: "catalog not the planned one", defaultSeverity: .error,
            explanation: "A worker reads the catalog at the path the planner recorded (or --catalog) and checks its content hash against the scan's: a missing or changed file would mix results of two catalogs in one scan.",
            wrongExample: "mofkit scan --db URL --worker --catalog other.xml",
            rightExample: "mofkit scan --db URL --worker --catalog /share/HpCatalogForSms.xml"),
        DiagnosticDescriptor(
            code: badURL, title: "bad --db argument", defaultSeverity: .error,
            explanation: "--db takes postgresql://user[:password]@host[:port]/database (optionally ?host=/socket/dir), sqlite:PATH, or a file path (SQLite).",
            wrongExample: "mofkit scan --db mysql://host/db --status",
            rightExample: "mofkit scan --db postgresql://mofkit@127.0.0.1:5432/mofkit --status"),
    ]
}
