import Applicability
import MofkitSource
import Reports

/// Reports read back from the fleet database (either engine): the same CSV files as `mofkit scan
/// --out`, a JSON document, and an HTML page that leads with what needs action.
public struct DatabaseReport: Sendable {
    /// One update's counts from `v_UpdateCompliance`.
    public struct UpdateRow: Sendable, Hashable {
        public var updateID: String, kb: String, bulletin: String, title: String, product: String
        public var applicable: Int, installed: Int, missing: Int, superseded: Int, notApplicable: Int, unknown: Int
        public var percentCompliant: String
    }

    /// One machine's counts.
    public struct MachineRow: Sendable, Hashable {
        public var name: String, installed: Int, missing: Int, superseded: Int, unknown: Int
    }

    /// The catalog reported on.
    public var catalogID: Int
    /// Its path as recorded.
    public var catalogPath: String
    /// Machines evaluated against it.
    public var machineCount: Int
    /// The newest scan time of its rows.
    public var scanTime: String
    /// Per update, in catalog order.
    public var updates: [UpdateRow]
    /// Per machine with at least one stored row, by name.
    public var machines: [MachineRow]
    /// Rows of `machine-status.csv`: machine, update id, KB, bulletin, title, status, reason.
    public var statusRows: [[String]]

    /// Reads the report of `catalogID` (default: the catalog of the newest scan).
    public static func read(_ db: any FleetConnection, catalogID: Int? = nil) throws -> DatabaseReport {
        guard let catalog = try catalogID ?? db.integer("SELECT CatalogID FROM Scans ORDER BY ScanID DESC LIMIT 1") else {
            throw FleetDatabaseError("the database holds no scan yet")
        }
        let c = SQLValue.integer(Int64(catalog))
        let path = try db.query("SELECT Path FROM Catalogs WHERE CatalogID = $1", [c]).first?.first ?? nil
        let machineCount = try db.integer("SELECT COUNT(*) FROM MachineCatalog WHERE CatalogID = $1", [c]) ?? 0
        let time = try db.query("SELECT MAX(TimeDetected) FROM PatchStatus WHERE CatalogID = $1", [c]).first?.first ?? nil
        let updates = try db.query("""
            SELECT UpdateID, QNumbers, Bulletin, Title, Product, Applicable, Installed, Missing, Superseded, NotApplicable, Unknown, PercentCompliant
            FROM v_UpdateCompliance WHERE CatalogID = $1 ORDER BY UpdateIndex
            """, [c]).map { r in
            func int(_ i: Int) -> Int { r[i].flatMap { Int($0) } ?? 0 }
            return UpdateRow(updateID: r[0] ?? "", kb: r[1] ?? "", bulletin: r[2] ?? "", title: r[3] ?? "", product: r[4] ?? "",
                             applicable: int(5), installed: int(6), missing: int(7), superseded: int(8), notApplicable: int(9), unknown: int(10),
                             percentCompliant: r[11] ?? "")
        }
        let machines = try db.query("""
            SELECT m.MachineName, COUNT(CASE WHEN p.Status = 'installed' THEN 1 END), COUNT(CASE WHEN p.Status = 'missing' THEN 1 END),
                COUNT(CASE WHEN p.Status = 'superseded' THEN 1 END), COUNT(CASE WHEN p.Status = 'unknown' THEN 1 END)
            FROM MachineCatalog mc JOIN Machines m ON m.ResourceID = mc.ResourceID
            LEFT JOIN PatchStatus p ON p.ResourceID = mc.ResourceID AND p.CatalogID = mc.CatalogID
            WHERE mc.CatalogID = $1 GROUP BY m.ResourceID, m.MachineName ORDER BY m.MachineName, m.ResourceID
            """, [c]).map { r in
            MachineRow(name: r[0] ?? "", installed: r[1].flatMap { Int($0) } ?? 0, missing: r[2].flatMap { Int($0) } ?? 0,
                       superseded: r[3].flatMap { Int($0) } ?? 0, unknown: r[4].flatMap { Int($0) } ?? 0)
        }
        let statusRows = try db.query("""
            SELECT m.MachineName, u.UpdateID, u.QNumbers, u.Bulletin, u.Title, p.Status, p.Reason
            FROM PatchStatus p JOIN Machines m ON m.ResourceID = p.ResourceID
            JOIN Updates u ON u.CatalogID = p.CatalogID AND u.UpdateIndex = p.UpdateIndex
            WHERE p.CatalogID = $1 AND p.Status <> 'not-applicable' ORDER BY m.MachineName, p.ResourceID, p.UpdateIndex
            """, [c]).map { $0.map { $0 ?? "" } }
        return DatabaseReport(catalogID: catalog, catalogPath: path ?? "", machineCount: machineCount, scanTime: time ?? "",
                              updates: updates, machines: machines, statusRows: statusRows)
    }

    /// `compliance-by-update.csv`, with the columns of `mofkit scan --out`.
    public func summaryCSV() -> String {
        var out = ScanReports.csvLine(["UpdateID", "KB", "Bulletin", "Title", "Product", "Applicable", "Installed", "Missing", "Superseded",
                                       "NotApplicable", "Unknown", "PercentCompliant"])
        for u in updates {
            out += ScanReports.csvLine([u.updateID, u.kb.replacing(",", with: ";"), u.bulletin, u.title, u.product, String(u.applicable),
                                        String(u.installed), String(u.missing), String(u.superseded), String(u.notApplicable),
                                        String(u.unknown), u.percentCompliant])
        }
        return out
    }

    /// `machine-status.csv`: machine × update rows other than not-applicable.
    public func machineStatusCSV() -> String {
        var out = ScanReports.csvLine(["MachineName", "UpdateID", "KB", "Bulletin", "Title", "Status", "Reason"])
        for row in statusRows { out += ScanReports.csvLine(row.enumerated().map { $0 == 2 ? $1.replacing(",", with: ";") : $1 }) }
        return out
    }

    /// `report.json`: catalog facts and per-update counts.
    public func json() -> String {
        var json = JSONWriter()
        json.object { json in
            json.member("catalog", catalogPath)
            json.member("scanTime", scanTime)
            json.member("machines", machineCount)
            json.array("updates", lines: true) { json in
                for u in updates {
                    json.object { json in
                        json.member("id", u.updateID)
                        json.member("kb", u.kb)
                        json.member("title", u.title)
                        ScanReports.writeCounts(&json, applicable: u.applicable, installed: u.installed, missing: u.missing,
                                                superseded: u.superseded, notApplicable: u.notApplicable, unknown: u.unknown)
                        json.key("percentCompliant")
                        json.raw(u.percentCompliant.isEmpty ? "null" : u.percentCompliant)
                    }
                }
            }
        }
        return json.text + "\n"
    }

    /// One self-contained page (inline CSS, no script, no network) that leads with what needs action:
    /// updates missing somewhere, most machines first, each with a compliance bar; then machines
    /// grouped by how many updates they miss; then the machines missing most; compliant updates and
    /// updates that apply to no machine are folded away with their counts.
    public func html(title: String = "mofkit compliance report") -> String {
        let e = ScanReports.escape
        let needed = updates.filter { $0.missing > 0 }.sorted { ($0.missing, $1.title) > ($1.missing, $0.title) }
        let compliant = updates.filter { $0.missing == 0 && $0.applicable + $0.superseded + $0.unknown > 0 }
        let nowhere = updates.filter { $0.applicable + $0.superseded + $0.unknown == 0 }
        let missingTotal = needed.reduce(0) { $0 + $1.missing }
        func bar(_ installed: Int, _ applicable: Int) -> String {
            let percent = applicable == 0 ? 100 : installed * 100 / applicable
            return "<div class=\"bar\" role=\"img\" aria-label=\"\(percent)% compliant\"><span style=\"width:\(percent)%\"></span></div>"
        }
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(e(title))</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
            table{border-collapse:collapse;margin:0.5em 0 1.5em;font-size:0.9em}
            th,td{border:1px solid #ccc;padding:0.25em 0.5em;text-align:left;vertical-align:middle}
            th{background:#eee} td.n{text-align:right;font-variant-numeric:tabular-nums}
            .missing{color:#b00020;font-weight:600}
            .bar{width:12em;height:0.9em;background:#f3c4c4;border-radius:2px;overflow:hidden}
            .bar span{display:block;height:100%;background:#2e7d32}
            .lead{font-size:1.1em}
            details{margin:0.5em 0} summary{cursor:pointer;font-weight:600}
            </style></head><body>
            <h1>\(e(title))</h1>
            <p>Catalog \(e(catalogPath)) · \(machineCount) machines · last scanned \(e(scanTime)) UTC</p>
            <p class="lead" id="action"><span class="missing">\(needed.count)</span> updates are missing on at least one machine \
            (\(missingTotal) machine × update pairs); \(compliant.count) applicable updates are installed everywhere they apply; \
            \(nowhere.count) apply to no machine.</p>
            <h2>Needs action: updates by machines missing them</h2>
            <table id="needs-action"><thead><tr><th>Update</th><th>KB</th><th>Title</th><th>Missing</th><th>Installed</th><th>Applicable</th><th>Compliance</th><th>%</th></tr></thead><tbody>

            """
        for u in needed {
            out += "<tr><td>\(e(u.updateID))</td><td>\(e(u.kb))</td><td>\(e(u.title))</td><td class=\"n missing\">\(u.missing)</td>"
            out += "<td class=\"n\">\(u.installed)</td><td class=\"n\">\(u.applicable)</td><td>\(bar(u.installed, u.applicable))</td><td class=\"n\">\(e(u.percentCompliant))</td></tr>\n"
        }
        out += "</tbody></table>\n"
        // Machines grouped by how many updates they miss.
        let groups: [(String, ClosedRange<Int>)] = [("compliant (0 missing)", 0...0), ("1–2 missing", 1...2), ("3–9 missing", 3...9),
                                                    ("10 or more missing", 10...Int.max)]
        let inGroup = groups.map { _, range in machines.filter { range.contains($0.missing) } }
        let notStored = max(0, machineCount - machines.count)
        out += "<h2>Machines by updates missing</h2>\n<table id=\"machine-groups\"><thead><tr><th>Group</th><th>Machines</th><th>Share</th></tr></thead><tbody>\n"
        for (i, (name, _)) in groups.enumerated() {
            let count = inGroup[i].count + (i == 0 ? notStored : 0)
            out += "<tr><td>\(e(name))</td><td class=\"n\">\(count)</td><td>\(bar(count, max(1, machineCount)))</td></tr>\n"
        }
        out += "</tbody></table>\n"
        let worst = machines.filter { $0.missing > 0 }.sorted { ($0.missing, $1.name) > ($1.missing, $0.name) }.prefix(50)
        out += "<h2>Machines missing most</h2>\n<table id=\"machines\"><thead><tr><th>Machine</th><th>Missing</th><th>Installed</th><th>Unknown</th></tr></thead><tbody>\n"
        for m in worst {
            out += "<tr><td>\(e(m.name))</td><td class=\"n missing\">\(m.missing)</td><td class=\"n\">\(m.installed)</td><td class=\"n\">\(m.unknown)</td></tr>\n"
        }
        out += "</tbody></table>\n"
        out += "<details id=\"compliant\"><summary>\(compliant.count) updates installed everywhere they apply</summary><table><thead><tr><th>Update</th><th>KB</th><th>Title</th><th>Installed</th><th>Superseded</th><th>Unknown</th></tr></thead><tbody>\n"
        for u in compliant {
            out += "<tr><td>\(e(u.updateID))</td><td>\(e(u.kb))</td><td>\(e(u.title))</td><td class=\"n\">\(u.installed)</td><td class=\"n\">\(u.superseded)</td><td class=\"n\">\(u.unknown)</td></tr>\n"
        }
        out += "</tbody></table></details>\n"
        out += "<details id=\"not-applicable\"><summary>\(nowhere.count) updates apply to no machine</summary><table><thead><tr><th>Update</th><th>KB</th><th>Title</th></tr></thead><tbody>\n"
        for u in nowhere { out += "<tr><td>\(e(u.updateID))</td><td>\(e(u.kb))</td><td>\(e(u.title))</td></tr>\n" }
        out += "</tbody></table></details>\n</body></html>\n"
        return out
    }
}
