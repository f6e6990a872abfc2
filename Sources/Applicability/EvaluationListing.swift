import MofkitSource

/// What `mofkit eval` lists: for each machine, the status of every update (not-applicable ones left
/// out on request, but still counted), as text or JSON.
public struct EvaluationListing: Sendable {
    /// The catalog file as named on the command line.
    public var catalogPath: String
    /// The catalog evaluated.
    public var catalog: CompiledCatalog
    /// One result per machine, in the order listed.
    public var results: [MachineResult]
    /// Whether not-applicable updates are left out of the per-update lines.
    public var hideNotApplicable: Bool

    /// A listing of `results`.
    public init(catalogPath: String, catalog: CompiledCatalog, results: [MachineResult], hideNotApplicable: Bool) {
        self.catalogPath = catalogPath
        self.catalog = catalog
        self.results = results
        self.hideNotApplicable = hideNotApplicable
    }

    static func counts(_ result: MachineResult) -> [UpdateStatus: Int] {
        var counts: [UpdateStatus: Int] = [:]
        for r in result.results { counts[r.status, default: 0] += 1 }
        return counts
    }

    /// One block per machine: each update's status, id, first KB, title and reason, then the counts.
    public func text() -> String {
        var out = ""
        for result in results {
            out += "machine \(result.machineName)\n"
            for (i, r) in result.results.enumerated() where !(hideNotApplicable && r.status == .notApplicable) {
                let info = catalog.updates[i]
                let kb = info.kbArticles.first.map { " [\($0)]" } ?? ""
                out += "  \(r.status.rawValue.paddedRight(15)) \(info.id)\(kb) \(info.title) — \(r.reason)\n"
            }
            let c = Self.counts(result)
            out += "  " + UpdateStatus.allCases.map { "\($0.rawValue): \(c[$0] ?? 0)" }.joined(separator: ", ") + "\n"
        }
        if !catalog.unsupportedRules.isEmpty {
            out += "rules without an evaluator (always unknown): "
            out += catalog.unsupportedRules.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ") + "\n"
        }
        return out
    }

    /// The catalog's facts and, per machine, the counts and each update's id, KB, title, status and reason.
    public func json() -> String {
        var json = JSONWriter()
        json.object { json in
            json.object("catalog") { json in
                json.member("file", catalogPath)
                json.member("format", catalog.format.rawValue)
                json.member("updates", catalog.updates.count)
                json.member("rules", catalog.ruleCount)
                json.object("unsupportedRules") { json in
                    for (name, count) in catalog.unsupportedRules.sorted(by: { $0.key < $1.key }) { json.member(name, count) }
                }
            }
            json.array("machines") { json in
                for result in results {
                    json.object { json in
                        json.member("machineName", result.machineName)
                        let c = Self.counts(result)
                        json.object("summary") { json in
                            for status in UpdateStatus.allCases { json.member(status.rawValue, c[status] ?? 0) }
                        }
                        json.array("updates") { json in
                            for (i, r) in result.results.enumerated() where !(hideNotApplicable && r.status == .notApplicable) {
                                json.object { json in
                                    catalog.updates[i].writeIdentity(to: &json)
                                    json.member("status", r.status.rawValue)
                                    json.member("reason", r.reason)
                                }
                            }
                        }
                    }
                }
            }
        }
        return json.text + "\n"
    }
}

extension String {
    /// Pads with spaces on the right to `width` characters.
    fileprivate func paddedRight(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
