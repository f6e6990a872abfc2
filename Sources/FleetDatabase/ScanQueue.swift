import Applicability
import Reports

/// A planned scan as recorded in `Scans`.
public struct ScanRecord: Sendable, Hashable {
    /// Its id.
    public var scanID: Int
    /// The catalog's row in `Catalogs`.
    public var catalogID: Int
    /// Where the planner read the catalog (workers read it there unless told otherwise).
    public var catalogPath: String
    /// The catalog's identity (content hash and options): a worker refuses a different catalog.
    public var catalogIdentity: String
    /// `TimeDetected` of the scan's rows.
    public var scanTime: String
    /// Whether not-applicable rows are stored too.
    public var storeNotApplicable: Bool
    /// Whether unchanged machines are evaluated again.
    public var full: Bool
    /// The evaluation options the catalog was compiled with.
    public var options: EvaluationOptions
    /// Machines and batches planned.
    public var machineCount: Int
    /// Batches planned.
    public var batchCount: Int
}

/// One machine of a claimed batch, with what the database knows of it.
public struct BatchMachine: Sendable, Hashable {
    /// Its position in the scan's machine list.
    public var position: Int
    /// Its `ResourceID`.
    public var resourceID: Int
    /// How it was named (`--machines` entry).
    public var specification: String
    /// The content hash of its last completed evaluation against this catalog, if any.
    public var storedHash: String?
    /// The machine name stored for it.
    public var storedName: String?
}

/// A batch leased to a worker.
public struct ClaimedBatch: Sendable, Hashable {
    /// The scan.
    public var scanID: Int
    /// The batch number.
    public var batchNo: Int
    /// The claim's attempt number: with `worker`, what proves the lease is still this claim's.
    public var attempt: Int
    /// The worker holding the lease.
    public var worker: String
    /// Its machines, in order.
    public var machines: [BatchMachine]
}

/// One evaluated machine's results, ready to store.
public struct EvaluatedMachine: Sendable {
    /// Which machine.
    public var machine: BatchMachine
    /// The name from its snapshot.
    public var machineName: String
    /// Its content hash ("" when it could not be read, so that the next scan tries again).
    public var contentHash: String
    /// Whether reading it failed.
    public var readFailed: Bool
    /// (update index, status, reason) for every stored status.
    public var rows: [(Int, String, String?)]
    /// Its `SMS_R_System` record (`v_R_System` row), replacing the stored one; nil keeps it.
    public var systemResource: SystemResource?

    /// Results of `machine`.
    public init(machine: BatchMachine, machineName: String, contentHash: String, readFailed: Bool, rows: [(Int, String, String?)],
                systemResource: SystemResource? = nil) {
        self.machine = machine
        self.machineName = machineName
        self.contentHash = contentHash
        self.readFailed = readFailed
        self.rows = rows
        self.systemResource = systemResource
    }
}

/// Progress of one scan, for `mofkit scan --status`.
public struct ScanProgress: Sendable, Hashable {
    /// The scan.
    public var scanID: Int
    /// Its catalog path.
    public var catalogPath: String
    /// Batches done, running (leased) and waiting (never claimed, or lease run out).
    public var done: Int, running: Int, waiting: Int
    /// Machines planned, and in batches done: evaluated and skipped (unchanged).
    public var machines: Int, evaluated: Int, skipped: Int
    /// Rows written by batches done.
    public var rowsWritten: Int
    /// Distinct workers that claimed a batch.
    public var workersSeen: Int
    /// Machines of done batches per second, from the first claim to the last finish (0 if none).
    public var machinesPerSecond: Double
}

/// The work queue in the database: plans, claims with `FOR UPDATE SKIP LOCKED`, leases renewed by a
/// heartbeat, and commits that replace a batch's rows in the transaction that marks it done.
public enum ScanQueue {
    /// Machines per batch unless told otherwise.
    public static let defaultBatchSize = 250

    // MARK: Plan

    /// Records a scan: the catalog (once per identity, with its updates), the machines (ResourceIDs
    /// kept across scans, keyed by specification), the machine list split into batches. Returns its id.
    public static func plan(
        _ db: any FleetConnection, catalog: CompiledCatalog, catalogPath: String, catalogIdentity: String,
        specifications: [String], batchSize: Int = defaultBatchSize, scanTime: String,
        storeNotApplicable: Bool = false, full: Bool = false, options: EvaluationOptions = EvaluationOptions()
    ) throws -> Int {
        let batchSize = max(1, batchSize)
        return try db.transaction {
            if db.dialect == .postgres { try db.execute("SELECT pg_advisory_xact_lock(\(Migrator.lockKey))") }
            let catalogID = try catalogRow(db, catalog: catalog, path: catalogPath, identity: catalogIdentity)
            // ResourceIDs: existing machines keep theirs; new ones get the next.
            var ids = try resourceIDs(db)
            var seen = Set<String>()
            let new = specifications.filter { ids[$0] == nil && seen.insert($0).inserted }
            if !new.isEmpty {
                let sourceOnly = TableDefinition("Machines", [ColumnDefinition("Source", .text)])
                try db.bulkInsert(sourceOnly, rows: new.map { [.text($0)] })
                ids = try resourceIDs(db)
            }
            let batchCount = (specifications.count + batchSize - 1) / batchSize
            guard let scanID = try db.integer("""
                INSERT INTO Scans (CatalogID, CatalogPath, CatalogIdentity, ScanTime, CreatedAt, BatchSize, MachineCount, BatchCount,
                    StoreNotApplicable, FullScan, CaseSensitiveStrings, MissingVersionIsZero)
                VALUES ($1, $2, $3, $4, \(db.dialect.nowSeconds), $5, $6, $7, $8, $9, $10, $11) RETURNING ScanID
                """, [.integer(Int64(catalogID)), .text(catalogPath), .text(catalogIdentity), .text(scanTime), .integer(Int64(batchSize)),
                      .integer(Int64(specifications.count)), .integer(Int64(batchCount)), flag(storeNotApplicable), flag(full),
                      flag(options.caseSensitiveStrings), flag(options.missingVersionIsZero)])
            else { throw FleetDatabaseError("the database did not return the new scan's id") }
            try db.bulkInsert(FleetSchema.scanMachines, rows: specifications.enumerated().map { i, spec in
                [.integer(Int64(scanID)), .integer(Int64(i)), .integer(Int64(i / batchSize)), .integer(Int64(ids[spec] ?? 0)), .text(spec)]
            })
            try db.bulkInsert(FleetSchema.batches, rows: (0..<batchCount).map { b in
                let count = min(batchSize, specifications.count - b * batchSize)
                return [.integer(Int64(scanID)), .integer(Int64(b)), .text("waiting"), .null, .integer(0), .null, .null, .null,
                        .integer(Int64(count)), .null, .null, .null]
            })
            return scanID
        }
    }

    static func flag(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }

    static func resourceIDs(_ db: any FleetConnection) throws -> [String: Int] {
        var ids: [String: Int] = [:]
        for row in try db.query("SELECT ResourceID, Source FROM Machines", []) {
            if let id = row[0].flatMap({ Int($0) }), let source = row[1] { ids[source] = id }
        }
        return ids
    }

    /// The catalog's id, inserting it and its updates the first time its identity is seen.
    static func catalogRow(_ db: any FleetConnection, catalog: CompiledCatalog, path: String, identity: String) throws -> Int {
        if let id = try db.integer("SELECT CatalogID FROM Catalogs WHERE Identity = $1", [.text(identity)]) { return id }
        guard let id = try db.integer("INSERT INTO Catalogs (Identity, Path, Format, UpdateCount) VALUES ($1, $2, $3, $4) RETURNING CatalogID",
                                      [.text(identity), .text(path), .text(catalog.format.rawValue), .integer(Int64(catalog.updates.count))])
        else { throw FleetDatabaseError("the database did not return the new catalog's id") }
        try db.bulkInsert(FleetSchema.updates, rows: catalog.updates.enumerated().map { u, info in
            let bulletin = info.bulletins.first ?? info.id
            return [.integer(Int64(id)), .integer(Int64(u)), .text(info.id), .text(info.kbArticles.joined(separator: ",")), .text(bulletin),
                    .text(info.title), .text(info.product), .text(info.vendor), info.severity.map { .text($0) } ?? .null,
                    ScanReports.sqlDate(info.created).map { .text($0) } ?? .null,
                    ScanReports.sqlDate(info.revised ?? info.created).map { .text($0) } ?? .null]
        })
        return id
    }

    // MARK: Scans

    /// The scan `id`, or nil.
    public static func scan(_ db: any FleetConnection, id: Int) throws -> ScanRecord? {
        let rows = try db.query("""
            SELECT ScanID, CatalogID, CatalogPath, CatalogIdentity, ScanTime, StoreNotApplicable, FullScan, CaseSensitiveStrings,
                MissingVersionIsZero, MachineCount, BatchCount FROM Scans WHERE ScanID = $1
            """, [.integer(Int64(id))])
        guard let row = rows.first else { return nil }
        func int(_ i: Int) -> Int { row[i].flatMap { Int($0) } ?? 0 }
        return ScanRecord(scanID: int(0), catalogID: int(1), catalogPath: row[2] ?? "", catalogIdentity: row[3] ?? "", scanTime: row[4] ?? "",
                          storeNotApplicable: int(5) != 0, full: int(6) != 0,
                          options: EvaluationOptions(caseSensitiveStrings: int(7) != 0, missingVersionIsZero: int(8) != 0),
                          machineCount: int(9), batchCount: int(10))
    }

    // MARK: Claims and leases

    /// Claims the first batch that is waiting or whose lease ran out (of scan `scanID`, or of any
    /// scan, oldest first), leasing it to `worker` for `leaseSeconds`. Nil when there is none.
    public static func claim(_ db: any FleetConnection, scanID: Int?, worker: String, leaseSeconds: Int) throws -> ClaimedBatch? {
        let now = db.dialect.nowSeconds
        let claimed: (Int, Int, Int)? = try db.transaction {
            var bindings: [SQLValue] = []
            var filter = ""
            if let scanID {
                filter = "ScanID = $1 AND "
                bindings.append(.integer(Int64(scanID)))
            }
            let rows = try db.query("""
                SELECT ScanID, BatchNo, Attempts FROM Batches
                WHERE \(filter)(State = 'waiting' OR (State = 'running' AND LeaseUntil < \(now)))
                ORDER BY ScanID, BatchNo LIMIT 1\(db.dialect.skipLocked)
                """, bindings)
            guard let row = rows.first, let scan = row[0].flatMap({ Int($0) }), let batch = row[1].flatMap({ Int($0) }),
                  let attempts = row[2].flatMap({ Int($0) }) else { return nil }
            try db.execute("""
                UPDATE Batches SET State = 'running', Worker = $3, Attempts = $4, LeaseUntil = \(now) + $5, ClaimedAt = \(now)
                WHERE ScanID = $1 AND BatchNo = $2
                """, [.integer(Int64(scan)), .integer(Int64(batch)), .text(worker), .integer(Int64(attempts + 1)), .integer(Int64(leaseSeconds))])
            return (scan, batch, attempts + 1)
        }
        guard let (scan, batch, attempt) = claimed else { return nil }
        let rows = try db.query("""
            SELECT sm.Position, sm.ResourceID, sm.Specification, mc.ContentHash, m.MachineName
            FROM ScanMachines sm JOIN Scans s ON s.ScanID = sm.ScanID
            LEFT JOIN MachineCatalog mc ON mc.ResourceID = sm.ResourceID AND mc.CatalogID = s.CatalogID
            LEFT JOIN Machines m ON m.ResourceID = sm.ResourceID
            WHERE sm.ScanID = $1 AND sm.BatchNo = $2 ORDER BY sm.Position
            """, [.integer(Int64(scan)), .integer(Int64(batch))])
        let machines = rows.map { row in
            BatchMachine(position: row[0].flatMap { Int($0) } ?? 0, resourceID: row[1].flatMap { Int($0) } ?? 0, specification: row[2] ?? "",
                         storedHash: row[3], storedName: row[4])
        }
        return ClaimedBatch(scanID: scan, batchNo: batch, attempt: attempt, worker: worker, machines: machines)
    }

    /// Batches leased now (of `scanID`, or of every scan).
    public static func runningBatches(_ db: any FleetConnection, scanID: Int?) throws -> Int {
        if let scanID {
            return try db.integer("SELECT COUNT(*) FROM Batches WHERE State = 'running' AND ScanID = $1", [.integer(Int64(scanID))]) ?? 0
        }
        return try db.integer("SELECT COUNT(*) FROM Batches WHERE State = 'running'") ?? 0
    }

    /// Extends the leases of every batch running under a worker id that starts with `workerPrefix`.
    public static func renewLeases(_ db: any FleetConnection, workerPrefix: String, leaseSeconds: Int) throws {
        let now = db.dialect.nowSeconds
        try db.execute("UPDATE Batches SET LeaseUntil = \(now) + $1 WHERE State = 'running' AND Worker LIKE $2",
                       [.integer(Int64(leaseSeconds)), .text(workerPrefix + "%")])
    }

    /// What `commit` did.
    public enum CommitOutcome: Sendable, Hashable {
        /// The batch is done; this many result rows were written.
        case committed(rows: Int)
        /// The lease had passed to another worker (this one was too slow): nothing written.
        case lost
    }

    /// Stores a batch's results and marks it done, in one transaction, if `batch` still holds the
    /// lease: the previous rows of each evaluated machine for this catalog are replaced, so a batch
    /// run twice leaves its rows once. Skipped (unchanged) machines are not touched.
    public static func commit(_ db: any FleetConnection, batch: ClaimedBatch, scan: ScanRecord, results: [EvaluatedMachine],
                              skipped: Int) throws -> CommitOutcome {
        let now = db.dialect.nowSeconds
        return try db.transaction {
            let owned = try db.query("""
                SELECT Attempts FROM Batches WHERE ScanID = $1 AND BatchNo = $2 AND State = 'running' AND Worker = $3 AND Attempts = $4\(db.dialect.forUpdate)
                """, [.integer(Int64(batch.scanID)), .integer(Int64(batch.batchNo)), .text(batch.worker), .integer(Int64(batch.attempt))])
            guard !owned.isEmpty else { return .lost }
            var written = 0
            if !results.isEmpty {
                let ids = results.map { String($0.machine.resourceID) }.joined(separator: ",")
                let catalog = SQLValue.integer(Int64(scan.catalogID))
                try db.execute("DELETE FROM PatchStatus WHERE CatalogID = $1 AND ResourceID IN (\(ids))", [catalog])
                try db.execute("DELETE FROM MachineCatalog WHERE CatalogID = $1 AND ResourceID IN (\(ids))", [catalog])
                let renamed = results.filter { $0.machine.storedName != $0.machineName }
                if !renamed.isEmpty {
                    try db.execute("DELETE FROM Machines WHERE ResourceID IN (\(renamed.map { String($0.machine.resourceID) }.joined(separator: ",")))")
                    try db.bulkInsert(FleetSchema.machines, rows: renamed.map {
                        [.integer(Int64($0.machine.resourceID)), .text($0.machine.specification), .text($0.machineName)]
                    })
                }
                var rows: [[SQLValue]] = []
                let scanID = SQLValue.integer(Int64(scan.scanID))
                let time = SQLValue.text(scan.scanTime)
                for result in results {
                    let resource = SQLValue.integer(Int64(result.machine.resourceID))
                    for (update, status, reason) in result.rows {
                        rows.append([resource, catalog, .integer(Int64(update)), .text(status), reason.map { .text($0) } ?? .null, time, scanID])
                    }
                }
                written = try db.bulkInsert(FleetSchema.patchStatus, rows: rows)
                try FleetSiteTables.replaceSystem(db, results.compactMap { result -> (Int64, SystemResource)? in
                    result.systemResource.map { (Int64(result.machine.resourceID), $0) }
                })
                try db.bulkInsert(FleetSchema.machineCatalog, rows: results.map {
                    [.integer(Int64($0.machine.resourceID)), catalog, .text($0.contentHash), scanID, .integer($0.readFailed ? 1 : 0)]
                })
            }
            try db.execute("""
                UPDATE Batches SET State = 'done', LeaseUntil = NULL, FinishedAt = \(now), Evaluated = $3, Skipped = $4, RowsWritten = $5
                WHERE ScanID = $1 AND BatchNo = $2
                """, [.integer(Int64(batch.scanID)), .integer(Int64(batch.batchNo)), .integer(Int64(results.count)), .integer(Int64(skipped)),
                      .integer(Int64(written))])
            return .committed(rows: written)
        }
    }

    // MARK: Status

    /// Progress of every scan (or of `scanID`), newest first.
    public static func progress(_ db: any FleetConnection, scanID: Int? = nil) throws -> [ScanProgress] {
        let filter = scanID.map { "WHERE s.ScanID = \($0)" } ?? ""
        let rows = try db.query("""
            SELECT s.ScanID, s.CatalogPath, s.MachineCount,
                COUNT(CASE WHEN b.State = 'done' THEN 1 END),
                COUNT(CASE WHEN b.State = 'running' AND b.LeaseUntil >= \(db.dialect.nowSeconds) THEN 1 END),
                COUNT(CASE WHEN b.State = 'waiting' OR (b.State = 'running' AND b.LeaseUntil < \(db.dialect.nowSeconds)) THEN 1 END),
                COALESCE(SUM(CASE WHEN b.State = 'done' THEN b.Evaluated END), 0),
                COALESCE(SUM(CASE WHEN b.State = 'done' THEN b.Skipped END), 0),
                COALESCE(SUM(CASE WHEN b.State = 'done' THEN b.RowsWritten END), 0),
                COUNT(DISTINCT b.Worker),
                MIN(b.ClaimedAt), MAX(b.FinishedAt)
            FROM Scans s LEFT JOIN Batches b ON b.ScanID = s.ScanID \(filter)
            GROUP BY s.ScanID, s.CatalogPath, s.MachineCount ORDER BY s.ScanID DESC
            """, [])
        return rows.map { row in
            func int(_ i: Int) -> Int { row[i].flatMap { Int($0) } ?? 0 }
            let machinesDone = int(6) + int(7)
            let seconds = Double(int(11) - int(10))
            return ScanProgress(scanID: int(0), catalogPath: row[1] ?? "", done: int(3), running: int(4), waiting: int(5), machines: int(2),
                                evaluated: int(6), skipped: int(7), rowsWritten: int(8), workersSeen: int(9),
                                machinesPerSecond: row[11] == nil ? 0 : Double(machinesDone) / max(seconds, 1))
        }
    }
}
