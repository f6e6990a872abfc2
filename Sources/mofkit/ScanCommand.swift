import Applicability
import InventoryCollection
import InventoryRules
import ArgumentParser
import MachineState
import MofkitSource
import UpdateCatalog
import Reports
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `mofkit scan --catalog CAT --machines DIR --out REPORT_DIR`: a fleet's compliance reports.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Evaluate a catalog on a fleet of machine snapshots and write compliance reports.",
        discussion: """
            Rules are compiled once; machines are read and evaluated in parallel (--threads, default all \
            cores). Results are in machine order whatever the thread count. Progress goes to standard error \
            when it is a terminal.

            Writes into --out: machine-status.csv (machine × update, statuses other than not-applicable, \
            with reasons), compliance-by-update.csv (applicable, installed, missing, % compliant: the \
            "compliance by software ID" report), scan.json (both), mofkit.db (SQLite: Machines, Updates, \
            PatchStatus, and the views v_GS_PatchState and v_UpdateCompliance; see Docs/reports.md for the \
            SMS 2003 query translated), report.html (one self-contained page).

            With --db URL (postgresql://user@host:port/db, ?host=/socket/dir, sqlite:PATH or a path) the \
            results go to a database instead (Docs/fleet-database.md): --plan records the scan (catalog, \
            machine list in batches of --batch-size) and returns its id; --worker claims batches (SELECT … \
            FOR UPDATE SKIP LOCKED), keeps a --lease renewed while it works, and commits each batch whole; \
            --status prints progress per scan. Without --plan/--worker/--status it plans and runs one \
            worker per core (--threads). Machines whose snapshot files and catalog are unchanged since \
            their last evaluation are skipped unless --full.

            Exit status: 0; 1 when a snapshot or the catalog has errors (reports are still written); 2 when \
            the catalog or fleet folder cannot be read, a report cannot be written, the database fails \
            (DB2xxx; a planned scan stays resumable), or the arguments are wrong.
            """)

    @Option(name: .customLong("catalog"), help: "The catalog file (with --worker: read it here instead of the planned path).")
    var catalog: String?

    @OptionGroup var machineOptions: MachineOptions

    @Option(name: .customLong("out"), help: "Report directory (created).")
    var out: String?

    @Option(help: "Fleet database: postgresql://user[:password]@host[:port]/db[?host=/socket/dir], sqlite:PATH or a path.")
    var db: String?

    @Flag(help: "With --db: record the scan and its batches, print its id, and return.")
    var plan = false

    @Flag(help: "With --db: claim and evaluate batches until none is left.")
    var worker = false

    @Flag(help: "With --db: print progress per scan.")
    var status = false

    @Option(name: .customLong("scan"), help: "With --worker or --status: only this scan id.")
    var scanID: Int?

    @Option(help: "With --db: machines per batch (one transaction each).")
    var batchSize: Int = 250

    @Option(help: "With --db: seconds a batch stays leased without a heartbeat before another worker takes it.")
    var lease: Int = 60

    @Flag(help: "With --db: evaluate every machine, even unchanged ones.")
    var full = false

    @Flag(help: "With --db: store not-applicable rows too (by default they are only counted).")
    var storeNotApplicable = false

    @Option(help: "Worker threads (default: every core).")
    var threads: Int?

    @Option(help: "TimeDetected0 of every row, 'YYYY-MM-DD HH:MM:SS' UTC (default: now).")
    var scanTime: String?

    @Flag(help: "Print timing and rule-evaluation figures to standard error.")
    var timing = false

    @OptionGroup var evaluation: EvaluationOptionGroup

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if db != nil {
            // Workers rebuild the evaluation options from the planned scan's row, which has no product table yet.
            if evaluation.productTable != nil { throw ValidationError("--products does not work with --db yet: database workers use the bundled product table") }
            try validateDatabase()
            return
        }
        if plan || worker || status { throw ValidationError("--plan, --worker and --status need --db") }
        if catalog == nil { throw ValidationError("--catalog is required") }
        if out == nil { throw ValidationError("--out is required (or --db)") }
        if machineOptions.isEmpty { throw ValidationError("name a --machines folder or at least one --machine") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let scanTime, ScanReportsTime.valid(scanTime) == false { throw ValidationError("--scan-time must look like 2024-05-01 10:00:00") }
    }

    func run() throws {
        if let db {
            try runDatabase(db)
            return
        }
        guard let catalog, let out else { throw ExitCode(2) }  // validate() requires both without --db
        let start = ScanReportsTime.monotonic()
        let startCPU = ScanReportsTime.processCPU()
        let options = try evaluation.evaluationOptions()
        let (compiled, summary) = CompiledCatalog.load(path: catalog, options: options)
        let compiledAt = ScanReportsTime.monotonic()
        let compiledCPU = ScanReportsTime.processCPU()
        var errors = summary.diagnostics.contains { $0.severity == .error }
        for diagnostic in summary.diagnostics.prefix(20) where diagnostic.severity == .error {
            Output.standardError("\(diagnostic.range.file):\(diagnostic.range.start.line):\(diagnostic.range.start.column): error: \(diagnostic.message) [\(diagnostic.code.rawValue)]\n")
        }
        if summary.diagnostics.contains(where: { $0.code == CatalogCode.readFailed }) { throw ExitCode(2) }
        let specifications = try machineSpecifications()
        let total = specifications.count
        let showProgress = isatty(2) == 1
        let lastShown = Mutex(0)
        let result = FleetScan.run(catalog: compiled, specifications: specifications, threads: threads ?? Host.availableCores) { done in
            guard showProgress else { return }
            let show = lastShown.withLock { last -> Bool in
                guard done == total || done - last >= max(1, total / 100) else { return false }
                last = done
                return true
            }
            if show { Output.standardError("\rscanned \(done)/\(total) machines") }
        }
        if showProgress { Output.standardError("\n") }
        let evaluatedAt = ScanReportsTime.monotonic()
        let evaluatedCPU = ScanReportsTime.processCPU()
        for machine in result.machines {
            for diagnostic in machine.diagnostics where diagnostic.severity == .error {
                errors = true
                Output.standardError("\(diagnostic.range.file):\(diagnostic.range.start.line):\(diagnostic.range.start.column): error: \(diagnostic.message) [\(diagnostic.code.rawValue)]\n")
            }
        }
        let reports = ScanReports(result, scanTime: scanTime ?? ScanReportsTime.nowUTC())
        if mkdir(out, 0o755) != 0 && errno != EEXIST {
            Output.error("\(EvalCode.reportWriteFailed.rawValue): cannot create \(out): \(String(cString: strerror(errno)))")
            throw ExitCode(2)
        }
        try write(reports.machineStatusCSV(), "machine-status.csv")
        try write(reports.summaryCSV(), "compliance-by-update.csv")
        try write(reports.json(), "scan.json")
        try write(reports.html(), "report.html")
        var siteSeconds = 0.0
        do {
            try reports.writeSQLite(path: out + "/mofkit.db")
            let siteStart = ScanReportsTime.monotonic()
            try writeSiteTables(specifications, path: out + "/mofkit.db")
            siteSeconds = ScanReportsTime.monotonic() - siteStart
        } catch {
            Output.error("\(EvalCode.reportWriteFailed.rawValue): cannot write \(out)/mofkit.db: \(error)")
            throw ExitCode(2)
        }
        let end = ScanReportsTime.monotonic()
        let endCPU = ScanReportsTime.processCPU()
        if timing {
            let evaluations = result.ruleEvaluations
            let seconds = evaluatedAt - compiledAt
            let workers = min(threads ?? Host.availableCores, max(1, total))
            Output.standardError("""
                catalog: \(compiled.updates.count) updates, \(compiled.ruleCount) rule elements, \(compiled.program.leafCount) distinct leaf rules; read+compiled in \(fmt(compiledAt - start)) s
                fleet: \(total) machines read and evaluated in \(fmt(seconds)) s on \(workers) thread(s)
                rule evaluations: \(evaluations) (\(result.leafComputations) leaf rules computed, the rest answered from the per-machine memo or logic nodes)
                rule evaluations per second per thread (including snapshot reading): \(Int(Double(evaluations) / max(seconds, 1e-9) / Double(workers)))
                reports written in \(fmt(end - evaluatedAt)) s (of which site tables for mofkit collection: \(fmt(siteSeconds)) s); total \(fmt(end - start)) s
                CPU time (all threads; wall time above is distorted when the machine is shared): catalog \(fmt(compiledCPU - startCPU)) s, \
                fleet \(fmt(evaluatedCPU - compiledCPU)) s, reports \(fmt(endCPU - evaluatedCPU)) s; \
                rule evaluations per CPU second (including snapshot reading): \(Int(Double(evaluations) / max(evaluatedCPU - compiledCPU, 1e-9)))

                """)
        }
        if errors { throw ExitCode(1) }
    }

    /// The `--machine` specifications followed by every machine of each `--machines` folder; an
    /// unreadable folder is reported and exits with status 2.
    func machineSpecifications() throws -> [String] {
        let (specifications, unreadableFolder) = machineOptions.specifications()
        if unreadableFolder { throw ExitCode(2) }
        return specifications
    }

    /// Adds `v_R_System` and the default inventory groups (`v_GS_<group>`) of every machine to the scan
    /// database, for `mofkit collection`. The snapshots are read again, a batch at a time, so the scan
    /// itself keeps only statuses in memory.
    func writeSiteTables(_ specifications: [String], path: String) throws {
        let collector = InventoryCollector(rules: DefaultInventory.rules)
        var fleet = FleetRows(collector: collector)
        var resources: [SystemResource] = []
        FleetCollection.run(specifications: specifications, collector: collector, threads: threads ?? Host.availableCores,
                            prepare: { machine in
                                machine.snapshot = SystemResource.withOperatingSystemInstance(machine.snapshot)
                                return SystemResource(resourceID: 0, snapshot: machine.snapshot)
                            }
        ) { machine in
            var resource = machine.extra
            resource.renumber(Int64(resources.count + 1))
            resources.append(resource)
            fleet.append(machineName: machine.loaded.snapshot.machineName, rows: machine.rows)
        }
        let db = try SQLiteDatabase(updating: path)
        try db.execute("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;")
        try InventoryDatabase.writeTables(fleet.groups, machines: fleet.machineNames, rowMachines: fleet.rowMachines, systemResources: resources, into: db)
        try db.execute("COMMIT;")
    }

    func fmt(_ seconds: Double) -> String {
        let ms = Int((seconds * 1000).rounded())
        return "\(ms / 1000).\(String(ms % 1000).leftPadded(3))"
    }

    func write(_ text: String, _ name: String) throws {
        let path = (out ?? ".") + "/" + name
        do { try FileWriter.write(text, to: path) } catch {
            Output.error("\(EvalCode.reportWriteFailed.rawValue): cannot write \(path): \(error.reason)")
            throw ExitCode(2)
        }
    }
}

/// Clock helpers for the scan command.
enum ScanReportsTime {
    static func monotonic() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// CPU time of the whole process (user + system, every thread), in seconds.
    static func processCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func nowUTC() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func two(_ n: Int32) -> String { String(n).leftPadded(2) }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }

    static func valid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 19 else { return false }
        for (i, b) in bytes.enumerated() {
            switch i {
            case 4, 7: if b != UInt8(ascii: "-") { return false }
            case 10: if b != UInt8(ascii: " ") { return false }
            case 13, 16: if b != UInt8(ascii: ":") { return false }
            default: if b < 0x30 || b > 0x39 { return false }
            }
        }
        return true
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
