#if canImport(Glibc)
import Glibc
#endif
import Applicability
import ArgumentParser
import FleetDatabase
import MachineState
import MofkitSource
import Synchronization
import UpdateCatalog

/// `mofkit scan --db URL …`: plan, work and report progress through the fleet database.
extension ScanCommand {
    func validateDatabase() throws {
        if [plan, worker, status].filter({ $0 }).count > 1 { throw ValidationError("--plan, --worker and --status exclude each other") }
        if batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
        if lease < 3 { throw ValidationError("--lease must be at least 3 seconds") }
        if out != nil { throw ValidationError("--out and --db exclude each other (mofkit report --db URL --out DIR writes the reports)") }
        if !worker && !status {
            if catalog == nil { throw ValidationError("--catalog is required to plan a scan") }
            if machineOptions.isEmpty { throw ValidationError("name a --machines folder or at least one --machine") }
        }
        if let scanTime, ScanReportsTime.valid(scanTime) == false { throw ValidationError("--scan-time must look like 2024-05-01 10:00:00") }
    }

    func runDatabase(_ text: String) throws {
        do {
            let url = try DatabaseURL(text)
            if status {
                let db = try FleetDatabase.open(url)
                defer { db.close() }
                Output.standardOutput(ScanStatusText.render(try ScanQueue.progress(db, scanID: scanID)))
                return
            }
            var scan = scanID
            var errors = false
            if !worker {
                let (id, catalogErrors) = try planScan(url)
                errors = catalogErrors
                scan = id
                if plan {
                    Output.standardOutput("\(id)\n")
                    if errors { throw ExitCode(1) }
                    return
                }
            }
            let workers = ScanWorkers(url: url, count: threads ?? (worker ? 1 : Host.availableCores), scanID: scan, leaseSeconds: lease,
                                      catalogPath: worker ? catalog : nil)
            let total = try scan.flatMap { id -> Int? in
                let db = try FleetDatabase.open(url)
                defer { db.close() }
                return try ScanQueue.scan(db, id: id)?.machineCount
            }
            let showProgress = isatty(2) == 1
            let lastShown = Mutex(0)
            let start = ScanReportsTime.monotonic()
            let summary = try workers.run { done in
                guard showProgress else { return }
                let show = lastShown.withLock { last -> Bool in
                    guard done - last >= max(1, (total ?? 1000) / 100) || done == total else { return false }
                    last = done
                    return true
                }
                if show { Output.standardError("\rscanned \(done)" + (total.map { "/\($0)" } ?? "") + " machines") }
            }
            if showProgress { Output.standardError("\n") }
            for message in summary.errorMessages { Output.standardError(message + "\n") }
            if summary.machinesWithErrors > summary.errorMessages.count {
                Output.standardError("… \(summary.machinesWithErrors) machines with errors in all\n")
            }
            if timing {
                let seconds = ScanReportsTime.monotonic() - start
                Output.standardError("""
                    workers: \(workers.count); batches \(summary.batches); machines evaluated \(summary.evaluated), skipped (unchanged) \(summary.skipped); \
                    rows written \(summary.rowsWritten); lost leases \(summary.lost); \(fmt(seconds)) s

                    """)
            }
            if errors || summary.machinesWithErrors > 0 { throw ExitCode(1) }
        } catch let error as FleetDatabaseError {
            Output.error("\(error.code.rawValue): \(error.description)")
            throw ExitCode(2)
        }
    }

    /// Reads the catalog and the machine list and records the scan. Returns its id and whether the
    /// catalog had errors.
    func planScan(_ url: DatabaseURL) throws -> (Int, Bool) {
        guard let catalog else { throw ExitCode(2) }
        let options = EvaluationOptions(caseSensitiveStrings: evaluation.caseSensitiveStrings, missingVersionIsZero: evaluation.missingVersionIsZero)
        let (compiled, summary) = CompiledCatalog.load(path: catalog, options: options)
        let errors = summary.diagnostics.contains { $0.severity == .error }
        for diagnostic in summary.diagnostics.prefix(20) where diagnostic.severity == .error {
            Output.standardError("\(diagnostic.range.file):\(diagnostic.range.start.line):\(diagnostic.range.start.column): error: \(diagnostic.message) [\(diagnostic.code.rawValue)]\n")
        }
        if summary.diagnostics.contains(where: { $0.code == CatalogCode.readFailed }) { throw ExitCode(2) }
        guard let identity = ContentHash.catalog(path: catalog, options: options) else {
            Output.error("\(EvalCode.catalogUnusable.rawValue): cannot read \(catalog)")
            throw ExitCode(2)
        }
        let specifications = try machineSpecifications()
        let db = try FleetDatabase.open(url)
        defer { db.close() }
        let id = try ScanQueue.plan(db, catalog: compiled, catalogPath: FleetPaths.absolute(catalog), catalogIdentity: identity,
                                    specifications: specifications.map(FleetPaths.absolute), batchSize: batchSize,
                                    scanTime: scanTime ?? ScanReportsTime.nowUTC(), storeNotApplicable: storeNotApplicable, full: full,
                                    options: options)
        return (id, errors)
    }
}

/// `--status` text: one line per scan.
enum ScanStatusText {
    static func render(_ scans: [ScanProgress]) -> String {
        if scans.isEmpty { return "no scans\n" }
        var out = "scan  batches done/running/waiting  machines evaluated+skipped/planned  rows  workers  machines/s  catalog\n"
        for s in scans {
            let rate = Int(s.machinesPerSecond.rounded())
            out += "\(s.scanID)  \(s.done)/\(s.running)/\(s.waiting)  \(s.evaluated)+\(s.skipped)/\(s.machines)  \(s.rowsWritten)  \(s.workersSeen)  \(rate)  \(s.catalogPath)\n"
        }
        return out
    }
}
