import FleetDatabase
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL server of the tests: `MOFKIT_TEST_POSTGRES_URL` (set by `.ci/run` through
/// `Scripts/pg-test-cluster.sh start`). Each test works in a database of its own.
enum PostgresTestServer {
    static let url: String? = ProcessInfo.processInfo.environment["MOFKIT_TEST_POSTGRES_URL"]

    static let skipReason: Comment = "no PostgreSQL test server: set MOFKIT_TEST_POSTGRES_URL (eval \"$(Scripts/pg-test-cluster.sh start)\")"

    /// Whether the server answers.
    static let available: Bool = {
        guard let url, let parsed = try? DatabaseURL(url), let db = try? FleetDatabase.open(parsed, migrate: false) else { return false }
        db.close()
        return true
    }()

    /// A new empty database on the test server; its URL.
    static func freshDatabase(_ base: String? = url) throws -> String {
        guard let base, let slash = base.lastIndex(of: "/") else { throw FleetDatabaseError("no test server") }
        let name = "mofkit_t_" + UUID().uuidString.prefix(8).lowercased()
        let admin = try FleetDatabase.open(DatabaseURL(base), migrate: false)
        defer { admin.close() }
        try admin.execute("CREATE DATABASE \(name)")
        return String(base[...slash]) + name
    }
}

/// A fleet folder of copies of the corpus machines, optionally with one machine whose snapshot is a
/// named pipe: a worker reading it blocks until the test feeds it, which puts the worker reliably
/// in the middle of a batch.
struct TestFleet {
    let directory: URL
    var path: String { directory.path }
    var fifoPath: String { directory.appendingPathComponent("c0-zz-fifo.json").path }
    let machineCount: Int

    init(copies: Int, withPipe: Bool = false) throws {
        directory = MofkitBinary.makeTemporaryDirectory().appendingPathComponent("fleet")
        let corpus = MofkitBinary.packageRoot.appendingPathComponent("Corpus/machines")
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { !$0.hasSuffix(".md") }.sorted()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for copy in 0..<copies {
            for name in names {
                try FileManager.default.copyItem(at: corpus.appendingPathComponent(name), to: directory.appendingPathComponent("c\(copy)-\(name)"))
            }
        }
        var count = copies * names.count
        if withPipe {
            guard mkfifo(directory.appendingPathComponent("c0-zz-fifo.json").path, 0o644) == 0 else { throw FleetDatabaseError("mkfifo failed") }
            count += 1
        }
        machineCount = count
    }

    static let pipeContent = (try? Data(contentsOf: MofkitBinary.packageRoot.appendingPathComponent("Corpus/machines/winxp-sp2-ws/snapshot.json"))) ?? Data()

    /// Feeds the pipe to every reader that opens it until `stop()`.
    final class PipeFeeder: @unchecked Sendable {
        final class Flag: @unchecked Sendable {
            let lock = NSLock()
            var done = false
            var isDone: Bool { lock.withLock { done } }
        }

        private let flag = Flag()

        init(path: String) {
            let content = TestFleet.pipeContent
            let flag = self.flag
            Thread.detachNewThread {
                while !flag.isDone {
                    let fd = open(path, O_WRONLY | O_NONBLOCK)
                    if fd < 0 {
                        usleep(5_000)
                        continue
                    }
                    _ = fcntl(fd, F_SETFL, 0)
                    content.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
                    close(fd)
                    // Let the reader reach end of file and close before the pipe is fed again.
                    usleep(200_000)
                }
            }
        }

        func stop() { flag.lock.withLock { flag.done = true } }
    }
}

/// Runs `mofkit` in the background (for workers that are killed or run side by side).
final class BackgroundMofkit {
    let process = Process()
    let errorURL: URL

    init(_ arguments: [String]) throws {
        errorURL = MofkitBinary.makeTemporaryDirectory().appendingPathComponent("stderr")
        try Data().write(to: errorURL)
        process.executableURL = URL(fileURLWithPath: MofkitBinary.path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errorURL)
        try process.run()
    }

    func wait() -> (status: Int32, standardError: String) {
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "")
    }
}

@Suite(.serialized) struct FleetDatabaseCLITests {
    static let catalog = EvalCommandTests.path("Corpus/catalogs/catalog-scup.xml")
    static let time = "2024-05-03 00:00:00"

    static func query(_ url: String, _ sql: String) throws -> [[String?]] {
        let db = try FleetDatabase.open(DatabaseURL(url), migrate: false)
        defer { db.close() }
        return try db.query(sql, [])
    }

    static func scan(_ url: String, _ fleet: TestFleet, _ more: [String] = []) -> MofkitBinary.Result {
        MofkitBinary.run(["scan", "--db", url, "--catalog", catalog, "--machines", fleet.path, "--scan-time", time] + more)
    }

    /// The patch rows and counts a plain SQLite scan of `fleet` gives: the reference totals.
    static func reference(_ fleet: TestFleet) throws -> (rows: Int, byStatus: [[String?]]) {
        let path = MofkitBinary.makeTemporaryDirectory().appendingPathComponent("ref.db").path
        let result = scan(path, fleet, ["--threads", "1"])
        guard result.status == 0 else { throw FleetDatabaseError("reference scan failed: \(result.standardError)") }
        let rows = try query(path, "SELECT COUNT(*) FROM PatchStatus")[0][0].flatMap { Int($0) } ?? -1
        return (rows, try query(path, "SELECT Status, COUNT(*) FROM PatchStatus GROUP BY Status ORDER BY Status"))
    }

    static func waitFor(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(50_000)
        }
        return false
    }

    @Test(.enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    func sqliteAndPostgresGiveIdenticalViews() throws {
        let fleet = try TestFleet(copies: 2)
        let sqlite = "sqlite:" + fleet.directory.deletingLastPathComponent().appendingPathComponent("fleet.db").path
        let postgres = try PostgresTestServer.freshDatabase()
        for url in [sqlite, postgres] {
            let result = Self.scan(url, fleet, ["--batch-size", "3"])
            #expect(result.status == 0, "\(url): \(result.standardError)")
        }
        for view in ["SELECT * FROM v_GS_PatchState ORDER BY ResourceID, UpdateID",
                     "SELECT * FROM v_UpdateCompliance ORDER BY CatalogID, UpdateIndex"] {
            let a = try Self.query(sqlite, view)
            let b = try Self.query(postgres, view)
            #expect(!a.isEmpty)
            #expect(a == b, "\(view)")
        }
        // The same numbers as the single-file report of `mofkit scan --out`.
        let out = fleet.directory.deletingLastPathComponent().appendingPathComponent("out").path
        #expect(MofkitBinary.run(["scan", "--catalog", Self.catalog, "--machines", fleet.path, "--out", out, "--scan-time", Self.time]).status == 0)
        let counts = "SELECT UpdateID, Applicable, Installed, Missing, Superseded, NotApplicable, Unknown, PercentCompliant FROM v_UpdateCompliance ORDER BY UpdateID"
        #expect(try Self.query(out + "/mofkit.db", counts) == Self.query(postgres, counts))
        // The SMS 2003 report query runs on the PostgreSQL views with only its date function changed.
        let sms = """
            select QNumbers0 as Knowledgebase, ID0 as Bulletin, Product0 as "Affected Product",
                   Title0 as "Vulnerability", MAX(DatePosted0) as "Release Date", MAX(DateRevised0) as Revised,
                   MIN(TimeDetected0) as "First Detected on Clients"
            from v_gs_patchstate
            where (TimeDetected0 >= timestamp '2024-05-03 00:00:00' - interval '7 days' or DatePosted0 >= timestamp '2024-05-03 00:00:00' - interval '7 days'
                   or DateRevised0 >= timestamp '2024-05-03 00:00:00' - interval '7 days')
              and Status0 != 'Installed'
            group by QNumbers0, ID0, Product0, Title0 order by 1, 2
            """
        let report = try Self.query(postgres, sms)
        #expect(!report.isEmpty)
        #expect(report.allSatisfy { $0[6] == Self.time })
    }

    @Test(.enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    func twoWorkersInParallelStoreEachRowOnce() throws {
        let fleet = try TestFleet(copies: 6)
        let reference = try Self.reference(fleet)
        let url = try PostgresTestServer.freshDatabase()
        let plan = Self.scan(url, fleet, ["--plan", "--batch-size", "2"])
        #expect(plan.status == 0, "\(plan.standardError)")
        let scanID = plan.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Int(scanID) != nil)
        let workers = try (0..<2).map { _ in try BackgroundMofkit(["scan", "--db", url, "--worker", "--scan", scanID, "--threads", "1"]) }
        for worker in workers {
            let (status, error) = worker.wait()
            #expect(status == 0, "\(error)")
        }
        #expect(try Self.query(url, "SELECT COUNT(*), SUM(Evaluated), MIN(State), MAX(State) FROM Batches")[0] == ["15", "30", "done", "done"])
        #expect(try Self.query(url, "SELECT COUNT(*) FROM PatchStatus")[0][0].flatMap { Int($0) } == reference.rows)
        #expect(try Self.query(url, "SELECT Status, COUNT(*) FROM PatchStatus GROUP BY Status ORDER BY Status") == reference.byStatus)
        let status = MofkitBinary.run(["scan", "--db", url, "--status"])
        #expect(status.standardOutput.contains("\(scanID)  15/0/0  30+0/30"), "\(status.standardOutput)")
    }

    @Test(.enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    func killedWorkerMidBatchIsTakenOverExactlyOnce() throws {
        let fleet = try TestFleet(copies: 2, withPipe: true)
        let url = try PostgresTestServer.freshDatabase()
        let plan = Self.scan(url, fleet, ["--plan", "--batch-size", "3"])
        #expect(plan.status == 0, "\(plan.standardError)")
        let pipeBatch = try #require(try Self.query(url, "SELECT BatchNo FROM ScanMachines WHERE Specification LIKE '%fifo%'").first?[0] ?? nil)
        let first = try BackgroundMofkit(["scan", "--db", url, "--worker", "--threads", "1", "--lease", "3"])
        // The worker blocks reading the pipe, in the middle of its batch.
        let stuck = try Self.waitFor(60) {
            try Self.query(url, "SELECT State FROM Batches WHERE BatchNo = \(pipeBatch)")[0][0] == "running"
        }
        #expect(stuck)
        usleep(300_000)
        kill(first.process.processIdentifier, SIGKILL)
        _ = first.wait()
        let feeder = TestFleet.PipeFeeder(path: fleet.fifoPath)
        defer { feeder.stop() }
        let second = MofkitBinary.run(["scan", "--db", url, "--worker", "--threads", "1", "--lease", "3"])
        #expect(second.status == 0, "\(second.standardError)")
        let rows = try Self.query(url, "SELECT COUNT(*), SUM(Evaluated), MIN(State), MAX(State) FROM Batches")[0]
        #expect(rows[1] == String(fleet.machineCount))
        #expect(rows[2] == "done" && rows[3] == "done")
        #expect(try Self.query(url, "SELECT Attempts FROM Batches WHERE BatchNo = \(pipeBatch)")[0][0] == "2")
        let patchRows = try Self.query(url, "SELECT COUNT(*), COUNT(DISTINCT CAST(ResourceID AS TEXT) || ':' || CAST(UpdateIndex AS TEXT)) FROM PatchStatus")[0]
        #expect(patchRows[0] == patchRows[1])
        feeder.stop()
        // The same totals as an uninterrupted scan of the same fleet (the pipe read as a file).
        try FileManager.default.removeItem(atPath: fleet.fifoPath)
        try TestFleet.pipeContent.write(to: URL(fileURLWithPath: fleet.fifoPath))
        let reference = try Self.reference(fleet)
        #expect(patchRows[0].flatMap { Int($0) } == reference.rows)
    }

    @Test(.enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    func rerunWithNothingChangedWritesNothing() throws {
        let fleet = try TestFleet(copies: 1)
        let url = try PostgresTestServer.freshDatabase()
        #expect(Self.scan(url, fleet).status == 0)
        let dump = "SELECT ResourceID, UpdateIndex, Status, Reason, TimeDetected, ScanID FROM PatchStatus ORDER BY ResourceID, UpdateIndex"
        let before = try Self.query(url, dump)
        #expect(!before.isEmpty)
        #expect(Self.scan(url, fleet).status == 0)
        #expect(try Self.query(url, "SELECT SUM(Evaluated), SUM(Skipped), SUM(RowsWritten) FROM Batches WHERE ScanID = 2")[0] == ["0", "5", "0"])
        #expect(try Self.query(url, dump) == before)
        // --full evaluates everything again (same results, rows now from scan 3).
        #expect(Self.scan(url, fleet, ["--full"]).status == 0)
        #expect(try Self.query(url, "SELECT SUM(Evaluated), SUM(Skipped) FROM Batches WHERE ScanID = 3")[0] == ["5", "0"])
        #expect(try Self.query(url, dump).map { Array($0.prefix(5)) } == before.map { Array($0.prefix(5)) })
        // Reports from the database.
        let out = fleet.directory.deletingLastPathComponent().appendingPathComponent("report").path
        let report = MofkitBinary.run(["report", "--db", url, "--out", out])
        #expect(report.status == 0, "\(report.standardError)")
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("Needs action: updates by machines missing them"))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test func badURLExitsTwo() {
        let result = MofkitBinary.run(["scan", "--db", "mysql://host/db", "--status"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("DB2005"))
    }

    @Test(.enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    func wrongPasswordAndNoServerExitTwo() throws {
        let url = try #require(PostgresTestServer.url)
        let wrong = url.replacingOccurrences(of: "mofkit:mofkit@", with: "mofkit:wrong@")
        let result = MofkitBinary.run(["scan", "--db", wrong, "--status"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("DB2001"))
        #expect(result.standardError.contains("password authentication failed"), "\(result.standardError)")
        #expect(!result.standardError.contains("wrong"))
        let nowhere = MofkitBinary.run(["scan", "--db", "postgresql://mofkit@127.0.0.1:1/mofkit", "--status"])
        #expect(nowhere.status == 2)
        #expect(nowhere.standardError.contains("DB2001"))
    }

    /// The server drops the worker's connections in the middle of a batch (as when it stops or the
    /// network goes): the worker fails with DB2003 and exit 2; another worker finishes the scan with
    /// exact totals. (`Scripts/pg-test-cluster.sh pause|resume` does the same by stopping the server.)
    @Test(.enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    func serverGoneMidScanFailsCleanlyAndResumes() throws {
        let url = try PostgresTestServer.freshDatabase()
        let fleet = try TestFleet(copies: 1, withPipe: true)
        #expect(Self.scan(url, fleet, ["--plan", "--batch-size", "2"]).status == 0)
        let worker = try BackgroundMofkit(["scan", "--db", url, "--worker", "--threads", "1", "--lease", "3"])
        let stuck = try Self.waitFor(60) {
            try Self.query(url, """
                SELECT COUNT(*) FROM Batches b JOIN ScanMachines s ON s.ScanID = b.ScanID AND s.BatchNo = b.BatchNo
                WHERE b.State = 'running' AND s.Specification LIKE '%fifo%'
                """)[0][0] == "1"
        }
        #expect(stuck)
        let database = try #require(url.split(separator: "/").last.map(String.init))
        _ = try Self.query(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()")
        let feeder = TestFleet.PipeFeeder(path: fleet.fifoPath)
        defer { feeder.stop() }
        let (status, error) = worker.wait()
        #expect(status == 2)
        #expect(error.contains("DB2003"), "\(error)")
        let resumed = MofkitBinary.run(["scan", "--db", url, "--worker", "--threads", "1", "--lease", "3"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let batches = try Self.query(url, "SELECT COUNT(*), SUM(Evaluated), MIN(State) FROM Batches")[0]
        #expect(batches == ["3", "6", "done"])
    }

    @Test(.enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    func inventoryTablesAreTheSameInBothEngines() throws {
        let directory = MofkitBinary.makeTemporaryDirectory()
        let mof = EvalCommandTests.path("Corpus/mof/SMS_def-example.mof")
        let machines = EvalCommandTests.path("Corpus/machines")
        let sqlite = directory.appendingPathComponent("inv.db").path
        let file = directory.appendingPathComponent("file.db").path
        let postgres = try PostgresTestServer.freshDatabase()
        for url in [sqlite, postgres] {
            let result = MofkitBinary.run(["inventory", "--mof", mof, "--machines", machines, "--db", url])
            #expect(result.status == 0, "\(result.standardError)")
        }
        #expect(MofkitBinary.run(["inventory", "--mof", mof, "--machines", machines, "--format", "sqlite", "-o", file]).status == 0)
        for table in ["v_GS_AppInfo", "v_GS_Plugins"] {
            let sql = "SELECT * FROM \(table) ORDER BY 1, 2, 3, 4"
            let rows = try Self.query(sqlite, sql)
            #expect(!rows.isEmpty)
            #expect(try Self.query(postgres, sql) == rows)
            #expect(try Self.query(file, sql) == rows)
        }
    }

    // Needs headless Chromium (apt chromium); skipped without it.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "chromium is not installed"))
    func databaseReportRendersInHeadlessChromium() throws {
        let fleet = try TestFleet(copies: 2)
        let db = fleet.directory.deletingLastPathComponent().appendingPathComponent("r.db").path
        #expect(Self.scan(db, fleet).status == 0)
        let out = fleet.directory.deletingLastPathComponent().appendingPathComponent("report").path
        let report = MofkitBinary.run(["report", "--db", db, "--out", out])
        #expect(report.status == 0, "\(report.standardError)")
        let summary = try String(contentsOfFile: out + "/compliance-by-update.csv", encoding: .utf8)
        #expect(summary.contains("6f1d3c2a-0000-4000-8000-000000000002,sp1,6f1d3c2a-0000-4000-8000-000000000002,Small driver package,Driver,6,0,6,0,2,2,0.0"), "\(summary)")
        let profile = fleet.directory.deletingLastPathComponent().appendingPathComponent("profile").path
        let dom = MofkitBinary.runTool("/usr/bin/timeout", ["60", "/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                                                            "--user-data-dir=" + profile, "--dump-dom", "file://" + out + "/report.html"])
        #expect(dom.output.contains("<table id=\"needs-action\">"))
        // The update missing on most machines leads; the update that applies nowhere is folded away.
        #expect(dom.output.contains("<td class=\"n missing\">6</td>"))
        #expect(dom.output.contains("<details id=\"not-applicable\"><summary>1 updates apply to no machine</summary>")
                || dom.output.contains("apply to no machine"))
        #expect(dom.output.contains("<table id=\"machine-groups\">"))
    }
}
