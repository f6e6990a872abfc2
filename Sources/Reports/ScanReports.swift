import Applicability
import MachineState
import MofkitSource

/// Writes a fleet scan's reports: per machine per update status (CSV, JSON), per update summary (CSV —
/// the "compliance by software ID" report), an SQLite database shaped like the SMS site views, and a
/// single-file HTML report.
public struct ScanReports {
    /// The scan reported on.
    public let result: FleetResult
    /// When the scan ran, `YYYY-MM-DD HH:MM:SS` (UTC): `TimeDetected0` of every row.
    public let scanTime: String

    /// Reports of `result`, stamped with `scanTime`.
    public init(_ result: FleetResult, scanTime: String) {
        self.result = result
        self.scanTime = scanTime
    }

    var updates: [UpdateInfo] { result.catalog.updates }

    // MARK: CSV

    /// One CSV line (RFC 4180 quoting, CRLF): ``CSV/line(_:)``.
    public static func csvLine(_ fields: [String]) -> String { CSV.line(fields) }

    /// `machine-status.csv`: one row per machine and update that is not `not-applicable`
    /// (not-applicable pairs are the vast majority and are implied).
    public func machineStatusCSV(includeNotApplicable: Bool = false) -> String {
        var out = Self.csvLine(["MachineName", "UpdateID", "KB", "Bulletin", "Title", "Status", "Reason"])
        for machine in result.machines {
            for (u, status) in machine.statuses.enumerated() where includeNotApplicable || status != .notApplicable {
                let info = updates[u]
                out += Self.csvLine([machine.machineName, info.id, info.kbArticles.joined(separator: ";"), info.bulletins.joined(separator: ";"),
                                     info.title, status.rawValue, machine.reason(u)])
            }
        }
        return out
    }

    /// `compliance-by-update.csv`: applicable, installed, missing, % compliant per update.
    public func summaryCSV() -> String {
        var out = Self.csvLine(["UpdateID", "KB", "Bulletin", "Title", "Product", "Applicable", "Installed", "Missing", "Superseded",
                                "NotApplicable", "Unknown", "PercentCompliant"])
        for (u, info) in updates.enumerated() {
            let s = result.summaries[u]
            out += Self.csvLine([info.id, info.kbArticles.joined(separator: ";"), info.bulletins.joined(separator: ";"), info.title, info.product,
                                 String(s.applicable), String(s.installed), String(s.missing), String(s.superseded),
                                 String(s.notApplicable), String(s.unknown), Self.percent(s.percentCompliant)])
        }
        return out
    }

    static func percent(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    // MARK: JSON

    /// `scan.json`: catalog facts, per-update summaries and per-machine statuses (not-applicable left out).
    public func json() -> String {
        var json = JSONWriter()
        json.object { json in
            json.member("scanTime", scanTime)
            json.member("format", result.catalog.format.rawValue)
            json.member("machines", result.machines.count)
            json.array("updates", lines: true) { json in
                for (u, info) in updates.enumerated() {
                    let s = result.summaries[u]
                    json.object { json in
                        info.writeIdentity(to: &json)
                        Self.writeCounts(&json, applicable: s.applicable, installed: s.installed, missing: s.missing,
                                         superseded: s.superseded, notApplicable: s.notApplicable, unknown: s.unknown)
                        json.member("cannotDetermine", s.cannotDetermine)
                        json.key("percentCompliant")
                        json.raw(Self.percent(s.percentCompliant))
                    }
                }
            }
            json.array("results", lines: true) { json in
                for machine in result.machines {
                    json.object { json in
                        json.member("machineName", machine.machineName)
                        json.member("source", machine.specification)
                        json.array("updates") { json in
                            for (u, status) in machine.statuses.enumerated() where status != .notApplicable {
                                json.object { json in
                                    json.member("id", updates[u].id)
                                    json.member("status", status.rawValue)
                                    json.member("reason", machine.reason(u))
                                }
                            }
                        }
                    }
                }
            }
        }
        return json.text + "\n"
    }

    /// The per-update count members of `scan.json` and `report.json`, in their order.
    public static func writeCounts(
        _ json: inout JSONWriter, applicable: Int, installed: Int, missing: Int, superseded: Int, notApplicable: Int, unknown: Int
    ) {
        json.member("applicable", applicable)
        json.member("installed", installed)
        json.member("missing", missing)
        json.member("superseded", superseded)
        json.member("notApplicable", notApplicable)
        json.member("unknown", unknown)
    }

    // MARK: SQLite

    /// A catalog date as `YYYY-MM-DD HH:MM:SS` (SQLite's `datetime()` form), or nil.
    public static func sqlDate(_ text: String?) -> String? {
        guard let text, let parts = RuleComparison.parseDate(text) else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(parts[0])-\(two(parts[1]))-\(two(parts[2])) \(two(parts[3])):\(two(parts[4])):\(two(parts[5]))"
    }

    /// The schema: base tables and the SMS-shaped views.
    public static let schema = """
        CREATE TABLE Machines (ResourceID INTEGER PRIMARY KEY, MachineName TEXT NOT NULL, Source TEXT);
        CREATE TABLE Updates (UpdateIndex INTEGER PRIMARY KEY, UpdateID TEXT NOT NULL, QNumbers TEXT, Bulletin TEXT,
            Title TEXT, Product TEXT, Vendor TEXT, Severity TEXT, DatePosted TEXT, DateRevised TEXT);
        CREATE TABLE PatchStatus (ResourceID INTEGER NOT NULL REFERENCES Machines, UpdateIndex INTEGER NOT NULL REFERENCES Updates,
            Status TEXT NOT NULL, Reason TEXT, TimeDetected TEXT NOT NULL, PRIMARY KEY (ResourceID, UpdateIndex)) WITHOUT ROWID;
        CREATE VIEW v_GS_PatchState AS
            SELECT p.ResourceID AS ResourceID, m.MachineName AS MachineName, u.QNumbers AS QNumbers0, u.Bulletin AS ID0,
                u.Product AS Product0, u.Title AS Title0, u.DatePosted AS DatePosted0, u.DateRevised AS DateRevised0,
                p.TimeDetected AS TimeDetected0,
                CASE p.Status WHEN 'installed' THEN 'Installed' ELSE 'Applicable' END AS Status0,
                u.UpdateID AS UpdateID, p.Status AS MofkitStatus, p.Reason AS Reason
            FROM PatchStatus p JOIN Machines m USING (ResourceID) JOIN Updates u USING (UpdateIndex)
            WHERE p.Status IN ('installed', 'missing');
        CREATE VIEW v_UpdateCompliance AS
            SELECT u.UpdateID, u.QNumbers, u.Bulletin, u.Title, u.Product,
                COUNT(p.Status IN ('installed','missing') OR NULL) AS Applicable, COUNT(p.Status = 'installed' OR NULL) AS Installed,
                COUNT(p.Status = 'missing' OR NULL) AS Missing, COUNT(p.Status = 'superseded' OR NULL) AS Superseded,
                (SELECT COUNT(*) FROM Machines) - COUNT(p.Status) AS NotApplicable, COUNT(p.Status = 'unknown' OR NULL) AS Unknown,
                ROUND(CASE WHEN COUNT(p.Status IN ('installed','missing') OR NULL) = 0 THEN 100.0
                      ELSE 100.0 * COUNT(p.Status = 'installed' OR NULL) / COUNT(p.Status IN ('installed','missing') OR NULL) END, 1) AS PercentCompliant,
                COUNT(p.Status = 'cannot-determine' OR NULL) AS CannotDetermine
            FROM Updates u LEFT JOIN PatchStatus p USING (UpdateIndex) GROUP BY u.UpdateIndex;
        """

    /// Writes `path` (replacing it): `Machines`, `Updates`, `PatchStatus` (every machine × update
    /// whose status is not `not-applicable`: a missing row means not applicable), the view `v_GS_PatchState` (installed and applicable rows, SMS column
    /// names) and `v_UpdateCompliance` (the per-update summary).
    public func writeSQLite(path: String) throws {
        let db = try SQLiteDatabase(creating: path)
        try db.execute("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;")
        try db.execute(Self.schema)
        try db.insert("INSERT INTO Machines VALUES (?, ?, ?)", rows: result.machines.enumerated().lazy.map { i, m in
            [.integer(Int64(i + 1)), .text(m.machineName), .text(m.specification)]
        })
        try db.insert("INSERT INTO Updates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows: updates.enumerated().lazy.map { u, info in
            let bulletin = info.bulletins.first ?? info.id
            return [.integer(Int64(u)), .text(info.id), .text(info.kbArticles.joined(separator: ",")), .text(bulletin), .text(info.title),
                    .text(info.product), .text(info.vendor), info.severity.map { .text($0) } ?? .null,
                    Self.sqlDate(info.created).map { .text($0) } ?? .null, Self.sqlDate(info.revised ?? info.created).map { .text($0) } ?? .null]
        })
        let time = scanTime
        try db.insert("INSERT INTO PatchStatus VALUES (?, ?, ?, ?, ?)", rows: result.machines.enumerated().lazy.flatMap { i, m in
            m.statuses.enumerated().lazy.filter { $0.element != .notApplicable }.map { u, status -> [SQLiteDatabase.Value] in
                [.integer(Int64(i + 1)), .integer(Int64(u)), .text(status.rawValue), m.reasons[u].map { .text($0) } ?? .null, .text(time)]
            }
        })
        try db.execute("COMMIT;")
    }

    /// The SMS 2003 guide's "recently released or detected, not installed" query with its SQL Server
    /// date functions translated to SQLite (`DATEADD(day,-7,getdate())` → `datetime('now','-7 days')`).
    public static let recentVulnerabilitiesQuery = """
        select QNumbers0 as Knowledgebase, ID0 as Bulletin, Product0 as 'Affected Product',
               Title0 as 'Vulnerability', MAX(DatePosted0) as 'Release Date', MAX(DateRevised0) as Revised,
               MIN(TimeDetected0) as 'First Detected on Clients'
        from v_gs_patchstate
        where (TimeDetected0 >= datetime('now','-7 days') or DatePosted0 >= datetime('now','-7 days')
               or DateRevised0 >= datetime('now','-7 days'))
          and Status0 != 'Installed'
        group by QNumbers0, ID0, Product0, Title0
        """
}
