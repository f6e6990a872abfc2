#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Applicability
import Dispatch
import class Foundation.Thread
import MachineState
import MofkitSource
import Reports
import Synchronization
import UpdateCatalog

/// What a run of workers did.
public struct WorkerSummary: Sendable, Hashable {
    /// Batches committed.
    public var batches = 0
    /// Machines evaluated and skipped (unchanged).
    public var evaluated = 0, skipped = 0
    /// Result rows written.
    public var rowsWritten = 0
    /// Batches whose lease had passed to another worker before the commit (their work was dropped).
    public var lost = 0
    /// Machines whose snapshot had errors.
    public var machinesWithErrors = 0
    /// The first few error messages from snapshots, `file:line:column: message [CODE]`.
    public var errorMessages: [String] = []

    /// Nothing done yet.
    public init() {}

    mutating func merge(_ other: WorkerSummary) {
        batches += other.batches
        evaluated += other.evaluated
        skipped += other.skipped
        rowsWritten += other.rowsWritten
        lost += other.lost
        machinesWithErrors += other.machinesWithErrors
        errorMessages += other.errorMessages.prefix(max(0, 20 - errorMessages.count))
    }
}

/// Workers in this process: each claims batches on its own connection, evaluates them on its own
/// thread and commits; one more connection renews this process's leases every third of a lease.
public struct ScanWorkers: Sendable {
    /// The database.
    public var url: DatabaseURL
    /// Worker threads (connections) in this process.
    public var count: Int
    /// Only this scan (default: any scan with work, oldest first).
    public var scanID: Int?
    /// Lease length in seconds: a batch whose worker stops renewing is taken again after this.
    public var leaseSeconds: Int
    /// Read the catalog here instead of the path the planner recorded (the content must match).
    public var catalogPath: String?

    /// Workers with their settings.
    public init(url: DatabaseURL, count: Int, scanID: Int? = nil, leaseSeconds: Int = 60, catalogPath: String? = nil) {
        self.url = url
        self.count = max(1, count)
        self.scanID = scanID
        self.leaseSeconds = max(1, leaseSeconds)
        self.catalogPath = catalogPath
    }

    /// This process's worker id prefix: `host:pid:`.
    public static var processPrefix: String {
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count - 1)
        let host = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "\(host):\(getpid()):"
    }

    /// Runs until no batch is waiting or expired; `progress` gets the machines finished so far
    /// (from worker threads). Throws the first database or catalog error (the batches in flight
    /// keep their leases until they run out, and are then taken again).
    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> WorkerSummary {
        let prefix = Self.processPrefix
        let catalogs = CatalogCache(override: catalogPath)
        let failure = Mutex<FleetDatabaseError?>(nil)
        let summaries = Mutex(WorkerSummary())
        let finished = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
        let heartbeatDone = DispatchSemaphore(value: 0)
        let url = self.url
        let lease = leaseSeconds
        let scanID = self.scanID
        // The heartbeat: its own connection, so that a long evaluation never delays it.
        let heartbeat = try FleetDatabase.open(url, migrate: false)
        let beat = HeartbeatConnection(heartbeat)
        // Real threads, never Dispatch's: a thread blocked on the database waits for a Swift task that
        // needs the cooperative pool, and Dispatch's global threads are that pool on Linux.
        Thread.detachNewThread {
            let interval = max(1, lease / 3)
            while !stop.load(ordering: .relaxed) {
                for _ in 0..<(interval * 10) where !stop.load(ordering: .relaxed) { usleep(100_000) }
                if stop.load(ordering: .relaxed) { break }
                try? ScanQueue.renewLeases(beat.connection, workerPrefix: prefix, leaseSeconds: lease)
            }
            heartbeatDone.signal()
        }
        let workersDone = DispatchSemaphore(value: 0)
        for index in 0..<count {
            Thread.detachNewThread {
            defer { workersDone.signal() }
            do {
                let db = try FleetDatabase.open(url, migrate: false)
                defer { db.close() }
                var summary = WorkerSummary()
                defer { summaries.withLock { $0.merge(summary) } }
                while failure.withLock({ $0 == nil }) {
                    guard let batch = try ScanQueue.claim(db, scanID: scanID, worker: prefix + String(index), leaseSeconds: lease) else {
                        // Batches still leased elsewhere: wait, and take any whose lease runs out.
                        if try ScanQueue.runningBatches(db, scanID: scanID) > 0 {
                            usleep(250_000)
                            continue
                        }
                        break
                    }
                    guard let scan = try ScanQueue.scan(db, id: batch.scanID) else { throw FleetDatabaseError("scan \(batch.scanID) vanished") }
                    let evaluator = try catalogs.evaluator(for: scan)
                    var results: [EvaluatedMachine] = []
                    var skipped = 0
                    for machine in batch.machines {
                        let hash = ContentHash.machine(specification: machine.specification)
                        if !scan.full, let hash, hash == machine.storedHash {
                            skipped += 1
                            continue
                        }
                        let loaded = MachineLoader.load(specification: machine.specification)
                        let result = evaluator.evaluate(loaded.snapshot)
                        var rows: [(Int, String, String?)] = []
                        for (u, r) in result.results.enumerated() where scan.storeNotApplicable || r.status != .notApplicable {
                            rows.append((u, r.status.rawValue, r.reason.isEmpty ? nil : r.reason))
                        }
                        let errors = loaded.diagnostics.filter { $0.severity == .error }
                        if !errors.isEmpty || !loaded.unreadable.isEmpty {
                            summary.machinesWithErrors += 1
                            for d in errors where summary.errorMessages.count < 20 {
                                summary.errorMessages.append("\(d.range.file):\(d.range.start.line):\(d.range.start.column): error: \(d.message) [\(d.code.rawValue)]")
                            }
                            for problem in loaded.unreadable where summary.errorMessages.count < 20 {
                                summary.errorMessages.append("machine \(machine.specification): \(problem)")
                            }
                        }
                        let failed = loaded.hasErrors && loaded.snapshot == MachineSnapshot(machineName: loaded.snapshot.machineName)
                        // SMS_R_System for collection queries, from the same snapshot (kept as it was when reading failed).
                        let resource = failed ? nil : SystemResource(resourceID: Int64(machine.resourceID), snapshot: loaded.snapshot)
                        results.append(EvaluatedMachine(machine: machine, machineName: loaded.snapshot.machineName,
                                                        contentHash: failed ? "" : (hash ?? ""), readFailed: failed, rows: rows,
                                                        systemResource: resource))
                    }
                    switch try ScanQueue.commit(db, batch: batch, scan: scan, results: results, skipped: skipped) {
                    case .committed(let rows):
                        summary.batches += 1
                        summary.evaluated += results.count
                        summary.skipped += skipped
                        summary.rowsWritten += rows
                    case .lost:
                        summary.lost += 1
                    }
                    let total = finished.add(batch.machines.count, ordering: .relaxed).newValue
                    progress?(total)
                }
            } catch let error as FleetDatabaseError {
                failure.withLock { if $0 == nil { $0 = error } }
            } catch {
                failure.withLock { if $0 == nil { $0 = FleetDatabaseError("\(error)") } }
            }
            }
        }
        for _ in 0..<count { workersDone.wait() }
        stop.store(true, ordering: .relaxed)
        heartbeatDone.wait()
        heartbeat.close()
        if let error = failure.withLock({ $0 }) { throw error }
        return summaries.withLock { $0 }
    }
}

/// The heartbeat's connection, handed to its thread (used by that thread only).
final class HeartbeatConnection: @unchecked Sendable {
    let connection: any FleetConnection
    init(_ connection: any FleetConnection) { self.connection = connection }
}

/// Compiled catalogs by scan, shared by the worker threads: read once, checked against the identity
/// the planner recorded.
final class CatalogCache: Sendable {
    let override: String?
    let entries = Mutex<[Int: CatalogEvaluator]>([:])
    let loading = Mutex(())

    init(override: String?) { self.override = override }

    func evaluator(for scan: ScanRecord) throws -> CatalogEvaluator {
        if let known = entries.withLock({ $0[scan.scanID] }) { return known }
        return try loading.withLock { _ in
            if let known = entries.withLock({ $0[scan.scanID] }) { return known }
            let path = override ?? scan.catalogPath
            guard let identity = ContentHash.catalog(path: path, options: scan.options) else {
                throw FleetDatabaseError("scan \(scan.scanID): cannot read the catalog \(path) (pass --catalog with its path on this host)", code: FleetCode.catalogMismatch)
            }
            guard identity == scan.catalogIdentity else {
                throw FleetDatabaseError("scan \(scan.scanID): the catalog at \(path) is not the one the scan was planned with (its content changed)", code: FleetCode.catalogMismatch)
            }
            let (compiled, summary) = CompiledCatalog.load(path: path, options: scan.options)
            if summary.diagnostics.contains(where: { $0.code == CatalogCode.readFailed }) {
                throw FleetDatabaseError("scan \(scan.scanID): cannot read the catalog \(path)", code: FleetCode.catalogMismatch)
            }
            let evaluator = CatalogEvaluator(compiled)
            entries.withLock { $0[scan.scanID] = evaluator }
            return evaluator
        }
    }
}
