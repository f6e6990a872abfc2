import ArgumentParser
import FleetDatabase
import MofkitSource

#if canImport(Glibc)
import Glibc
#endif

/// `mofkit report --db URL --out DIR`: compliance reports read back from the fleet database.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write compliance reports (CSV, JSON, HTML) from a fleet database.",
        discussion: """
            Reads the views of a database written by `mofkit scan --db` (SQLite or PostgreSQL) for one \
            catalog (default: the catalog of the newest scan) and writes into --out: compliance-by-update.csv, \
            machine-status.csv, report.json and report.html (one self-contained page that leads with the \
            updates machines are missing, most machines first).

            Exit status: 0; 2 when the database cannot be read (DB2xxx) or a file cannot be written.
            """)

    @Option(help: "Fleet database: postgresql://user[:password]@host[:port]/db[?host=/socket/dir], sqlite:PATH or a path.")
    var db: String

    @Option(name: .customLong("out"), help: "Report directory (created).")
    var out: String

    @Option(name: .customLong("catalog-id"), help: "Report on this catalog (Catalogs.CatalogID).")
    var catalogID: Int?

    func run() throws {
        let report: DatabaseReport
        do {
            let connection = try FleetDatabase.open(DatabaseURL(db))
            defer { connection.close() }
            report = try DatabaseReport.read(connection, catalogID: catalogID)
        } catch let error as FleetDatabaseError {
            Output.error("\(error.code.rawValue): \(error.description)")
            throw ExitCode(2)
        }
        if mkdir(out, 0o755) != 0 && errno != EEXIST {
            Output.error("cannot create \(out): \(String(cString: strerror(errno)))")
            throw ExitCode(2)
        }
        for (name, text) in [("compliance-by-update.csv", report.summaryCSV()), ("machine-status.csv", report.machineStatusCSV()),
                             ("report.json", report.json()), ("report.html", report.html())] {
            let path = out + "/" + name
            do { try FileWriter.write(text, to: path) } catch {
                Output.error("cannot write \(path): \(error.reason)")
                throw ExitCode(2)
            }
        }
    }
}
