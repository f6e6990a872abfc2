import Applicability

extension ScanReports {
    /// `text` escaped for HTML text and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// At most this many machine names are listed per update and status in the drill-down.
    public static let drillDownLimit = 200

    /// A single self-contained HTML page (inline CSS and JS, no network): fleet summary, the
    /// compliance-by-update table with per-update drill-down, and the per-machine table with its
    /// drill-down. Click a column header to sort.
    public func html(title: String = "mofkit compliance report") -> String {
        let e = Self.escape
        var total = UpdateSummary()
        for machine in result.machines { for status in machine.statuses { total.add(status) } }
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(e(title))</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
            table{border-collapse:collapse;margin:1em 0;font-size:0.9em}
            th,td{border:1px solid #ccc;padding:0.25em 0.5em;text-align:left;vertical-align:top}
            th{background:#eee;cursor:pointer;user-select:none}
            th.sorted-asc::after{content:" \\25B2"} th.sorted-desc::after{content:" \\25BC"}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            .missing{color:#b00020;font-weight:600} .installed{color:#1b5e20} .unknown{color:#8a6d00}
            details summary{cursor:pointer} ul{margin:0.2em 0 0.2em 1.2em;padding:0}
            </style></head><body>
            <h1>\(e(title))</h1>
            <p>Scanned \(e(scanTime)) UTC · catalog format \(e(result.catalog.format.rawValue)) · \(updates.count) updates · \(result.machines.count) machines</p>
            <table id="summary"><caption>Fleet summary (machine × update pairs)</caption>
            <tr><th>Installed</th><th>Missing</th><th>Superseded</th><th>Not applicable</th><th>Unknown</th><th>% compliant</th></tr>
            <tr><td class="n installed">\(total.installed)</td><td class="n missing">\(total.missing)</td><td class="n">\(total.superseded)</td><td class="n">\(total.notApplicable)</td><td class="n unknown">\(total.unknown)</td><td class="n">\(Self.percent(total.percentCompliant))</td></tr>
            </table>
            <h2>Compliance by update</h2>
            <table class="sortable" id="updates"><thead><tr><th>Update</th><th>KB</th><th>Title</th><th>Applicable</th><th>Installed</th><th>Missing</th><th>Superseded</th><th>Unknown</th><th>% compliant</th><th>Machines</th></tr></thead><tbody>

            """
        // Machines by update and status, for the drill-down.
        let interesting: [UpdateStatus] = [.missing, .installed, .superseded, .unknown, .cannotDetermine]
        // One pass over the fleet: the machines each update is not `not-applicable` on, in machine
        // order (walking every machine per update and status was quadratic in practice).
        var concerned = Array(repeating: [Int32](), count: updates.count)
        for (m, machine) in result.machines.enumerated() {
            for (u, status) in machine.statuses.enumerated() where status != .notApplicable { concerned[u].append(Int32(m)) }
        }
        for (u, info) in updates.enumerated() {
            let s = result.summaries[u]
            out += "<tr><td>\(e(info.id))</td><td>\(e(info.kbArticles.joined(separator: ", ")))</td><td>\(e(info.title))</td>"
            out += "<td class=\"n\">\(s.applicable)</td><td class=\"n installed\">\(s.installed)</td><td class=\"n missing\">\(s.missing)</td>"
            out += "<td class=\"n\">\(s.superseded)</td><td class=\"n unknown\">\(s.unknown)</td><td class=\"n\">\(Self.percent(s.percentCompliant))</td><td>"
            if s.applicable + s.superseded + s.unknown > 0 {
                out += "<details><summary>details</summary>"
                for status in interesting {
                    var names: [String] = []
                    var count = 0
                    for m in concerned[u] where result.machines[Int(m)].statuses[u] == status {
                        let machine = result.machines[Int(m)]
                        count += 1
                        if names.count < Self.drillDownLimit {
                            names.append(status == .installed || status == .missing ? e(machine.machineName) : "\(e(machine.machineName)): \(e(machine.reason(u)))")
                        }
                    }
                    guard count > 0 else { continue }
                    out += "<div class=\"\(status.rawValue)\">\(status.rawValue) (\(count))</div><ul>"
                    out += names.map { "<li>\($0)</li>" }.joined()
                    if count > names.count { out += "<li>… and \(count - names.count) more</li>" }
                    out += "</ul>"
                }
                out += "</details>"
            }
            out += "</td></tr>\n"
        }
        out += """
            </tbody></table>
            <h2>Machines</h2>
            <table class="sortable" id="machines"><thead><tr><th>Machine</th><th>Installed</th><th>Missing</th><th>Superseded</th><th>Not applicable</th><th>Unknown</th><th>Updates</th></tr></thead><tbody>

            """
        for machine in result.machines {
            var s = UpdateSummary()
            for status in machine.statuses { s.add(status) }
            out += "<tr><td>\(e(machine.machineName))</td><td class=\"n installed\">\(s.installed)</td><td class=\"n missing\">\(s.missing)</td>"
            out += "<td class=\"n\">\(s.superseded)</td><td class=\"n\">\(s.notApplicable)</td><td class=\"n unknown\">\(s.unknown)</td><td>"
            if s.applicable + s.superseded + s.unknown > 0 {
                out += "<details><summary>details</summary><ul>"
                var listed = 0
                for (u, status) in machine.statuses.enumerated() where status != .notApplicable {
                    listed += 1
                    if listed > Self.drillDownLimit { continue }
                    out += "<li class=\"\(status.rawValue)\">\(status.rawValue): \(e(updates[u].title.isEmpty ? updates[u].id : updates[u].title)) — \(e(machine.reason(u)))</li>"
                }
                if listed > Self.drillDownLimit { out += "<li>… and \(listed - Self.drillDownLimit) more</li>" }
                out += "</ul></details>"
            }
            out += "</td></tr>\n"
        }
        out += """
            </tbody></table>
            <script>
            document.querySelectorAll('table.sortable').forEach(function (table) {
              table.querySelectorAll('th').forEach(function (th, column) {
                th.addEventListener('click', function () {
                  var body = table.tBodies[0];
                  var ascending = !th.classList.contains('sorted-asc');
                  table.querySelectorAll('th').forEach(function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); });
                  th.classList.add(ascending ? 'sorted-asc' : 'sorted-desc');
                  var rows = Array.prototype.slice.call(body.rows);
                  function key(row) {
                    var text = row.cells[column].firstChild ? row.cells[column].firstChild.textContent : '';
                    var number = parseFloat(text);
                    return isNaN(number) || !/^[0-9.]+$/.test(text.trim()) ? text.toLowerCase() : number;
                  }
                  rows.sort(function (a, b) {
                    var x = key(a), y = key(b);
                    var order = (typeof x === typeof y) ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === 'number' ? -1 : 1);
                    return ascending ? order : -order;
                  });
                  rows.forEach(function (row) { body.appendChild(row); });
                });
              });
            });
            </script>
            </body></html>

            """
        return out
    }
}
