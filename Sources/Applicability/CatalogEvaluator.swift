import MachineState
import MofkitSource
import UpdateCatalog

/// The answer for one update on one machine.
public enum UpdateStatus: String, Sendable, Hashable, CaseIterable {
    /// The update is on the machine.
    case installed
    /// Applicable and not installed.
    case missing
    /// The update does not apply to the machine.
    case notApplicable = "not-applicable"
    /// Missing, but a newer update that is applicable (missing or installed) supersedes it.
    case superseded
    /// The snapshot lacks data a rule needs (the reason names it).
    case unknown

    /// The `Status0` word of `v_GS_PatchState`.
    public var smsStatus: String {
        switch self {
        case .installed: return "Installed"
        case .missing: return "Applicable"
        case .notApplicable: return "Not Applicable"
        case .superseded: return "Superseded"
        case .unknown: return "Unknown"
        }
    }
}

/// The status of an update with the reason for it.
public struct UpdateResult: Sendable, Hashable {
    /// The status.
    public var status: UpdateStatus
    /// Why, in a sentence naming the rule or relation that decided.
    public var reason: String

    /// A status with its reason.
    public init(_ status: UpdateStatus, _ reason: String) {
        self.status = status
        self.reason = reason
    }
}

/// What a report shows about an update.
public struct UpdateInfo: Sendable, Hashable {
    /// The update id (UpdateID, PackageID or BulletinID).
    public var id: String
    /// The English title, else the first; empty when there is none.
    public var title: String
    /// KB article (Q) numbers.
    public var kbArticles: [String]
    /// Security bulletin ids.
    public var bulletins: [String]
    /// The product, as reports show it.
    public var product: String
    /// The vendor.
    public var vendor: String
    /// Date posted and revised as in the catalog.
    public var created: String?
    /// The date revised, when the catalog has one.
    public var revised: String?
    /// The MSRC severity, when rated.
    public var severity: String?
    /// The update classification.
    public var classification: String?
    /// The line of the update in the catalog.
    public var line: Int
}

/// The evaluation plan of an update: compiled rule roots and resolved relations (indices of updates).
struct UpdatePlan: Sendable {
    struct Item: Sendable {
        var id: String
        var installed: Int32?
        var installable: Int32?
        var superseded: Int32?
        /// Reason texts made once at compile time: every machine answers most items with one of them.
        let label: String
        let installedReason: String
        let supersededReason: String
        let notInstallableReason: String
        let missingReason: String

        init(id: String, installed: Int32?, installable: Int32?, superseded: Int32?) {
            self.id = id
            self.installed = installed
            self.installable = installable
            self.superseded = superseded
            label = "item \(id)"
            installedReason = "\(label): IsInstalled is true"
            supersededReason = "\(label): IsSuperseded is true (a newer version is on the machine)"
            notInstallableReason = "\(label): IsInstallable is false"
            missingReason = installed == nil ? "\(label): IsInstallable is true (no IsInstalled rule)" : "\(label): IsInstallable is true, IsInstalled is false"
        }
    }

    var installed: Int32?
    var installable: Int32?
    var items: [Item] = []
    /// Each group is met when one of its updates is installed or applicable; `nil` entries are ids not in the catalog.
    var prerequisites: [[(id: String, index: Int?)]] = []
    var bundled: [(id: String, index: Int?)] = []
    var supersededBy: [Int] = []
    var mssecure: MssecurePlan?
}

/// A catalog compiled for evaluation: every update's rules in one ``RuleProgram``, relations resolved.
/// Compile once, evaluate on any number of machines (it is immutable and `Sendable`).
public struct CompiledCatalog: Sendable {
    /// What reports show about each update, in catalog order.
    public let updates: [UpdateInfo]
    let plans: [UpdatePlan]
    /// Every rule of the catalog, compiled.
    public let program: RuleProgram
    /// Rules without an evaluator (always `unknown`), by display name, with counts.
    public let unsupportedRules: [String: Int]
    /// Rule elements the catalog reader could not identify (counted in ``unsupportedRules`` too).
    public let unknownRuleElements: Int
    /// Total rule elements compiled.
    public let ruleCount: Int
    /// The format of the catalog.
    public let format: CatalogFormat
    /// The options the catalog was compiled with.
    public let options: EvaluationOptions

    /// Reads and compiles a catalog file. Reading diagnostics are returned with the catalog.
    public static func load(path: String, options: EvaluationOptions = EvaluationOptions()) -> (CompiledCatalog, CatalogReadSummary) {
        var entries: [CatalogRecord] = []
        // wsusscn2.cab fragments (rules, titles, KBs) are joined onto their package.xml updates.
        var joiner = FragmentJoiner()
        let summary = CatalogReader.read(path: path) { record in
            switch record {
            case .entry: entries.append(record)
            case .update, .fragment: joiner.add(record)
            default: break
            }
        }
        let records = joiner.updates.map(CatalogRecord.update) + entries
        return (compile(records: records, format: summary.format, options: options), summary)
    }

    /// Compiles records read by `CatalogReader`.
    public static func compile(records: [CatalogRecord], format: CatalogFormat, options: EvaluationOptions = EvaluationOptions()) -> CompiledCatalog {
        var compiler = RuleCompiler(options: options)
        var updates: [CatalogUpdate] = []
        var entries: [CatalogEntry] = []
        for record in records {
            switch record {
            case .update(let update): updates.append(update)
            case .entry(let entry): entries.append(entry)
            default: break
            }
        }
        var indexByID: [String: Int] = [:]
        for (i, update) in updates.enumerated() {
            if indexByID[update.id.lowercased()] == nil { indexByID[update.id.lowercased()] = i }
            if let revision = update.revisionID, indexByID[revision.lowercased()] == nil { indexByID[revision.lowercased()] = i }
        }
        let mssecure = updates.contains { !$0.patches.isEmpty } ? MssecureDatabase(entries: entries) : nil
        var ruleCount = 0
        var unknownElements = 0
        var plans: [UpdatePlan] = []
        var infos: [UpdateInfo] = []
        for update in updates {
            for rule in update.allRules {
                rule.forEach { r in
                    ruleCount += 1
                    if r.kind == nil { unknownElements += 1 }
                }
            }
            var plan = UpdatePlan()
            var scope = CompileScope(metadata: update.applicability.metadata, kbArticles: update.kbArticles)
            plan.installed = update.applicability.isInstalled.map { compiler.compile($0, scope: scope) }
            plan.installable = update.applicability.isInstallable.map { compiler.compile($0, scope: scope) }
            for item in update.installableItems {
                scope.metadata = item.applicability.metadata
                plan.items.append(UpdatePlan.Item(
                    id: item.id ?? "",
                    installed: item.applicability.isInstalled.map { compiler.compile($0, scope: scope) },
                    installable: item.applicability.isInstallable.map { compiler.compile($0, scope: scope) },
                    superseded: item.applicability.isSuperseded.map { compiler.compile($0, scope: scope) }))
            }
            plan.prerequisites = update.prerequisites.map { $0.ids.map { ($0, indexByID[$0.lowercased()]) } }
            plan.bundled = update.bundledUpdates.map { ($0, indexByID[$0.lowercased()]) }
            if let mssecure, !update.patches.isEmpty { plan.mssecure = mssecure.plan(for: update) }
            plans.append(plan)
            infos.append(UpdateInfo(
                id: update.id, title: update.title() ?? "", kbArticles: update.kbArticles, bulletins: update.bulletins,
                product: update.products.first ?? update.classification ?? "", vendor: update.vendor ?? "",
                created: update.created, revised: update.revised, severity: update.severity,
                classification: update.classification, line: update.line))
        }
        // Supersedence, from both directions the formats give.
        for (i, update) in updates.enumerated() {
            var superseded = update.supersedes
            if let plan = plans[i].mssecure { superseded += plan.supersedesBulletins }
            for id in superseded {
                if let target = indexByID[id.lowercased()], target != i, !plans[target].supersededBy.contains(i) {
                    plans[target].supersededBy.append(i)
                }
            }
            for id in update.supersededBy {
                if let by = indexByID[id.lowercased()], by != i, !plans[i].supersededBy.contains(by) {
                    plans[i].supersededBy.append(by)
                }
            }
        }
        return CompiledCatalog(
            updates: infos, plans: plans, program: compiler.program, unsupportedRules: compiler.unsupported,
            unknownRuleElements: unknownElements, ruleCount: ruleCount, format: format, options: options)
    }

    /// The index of the update with this id, revision id, KB number (`KB123`, `123`) or bulletin.
    public func updateIndex(_ key: String) -> Int? {
        let wanted = key.lowercased()
        if let i = updates.firstIndex(where: { $0.id.lowercased() == wanted }) { return i }
        let kb = wanted.hasPrefix("kb") ? String(wanted.dropFirst(2)) : wanted
        return updates.firstIndex { $0.kbArticles.contains { $0.lowercased() == kb || $0.lowercased() == wanted } || $0.bulletins.contains { $0.lowercased() == wanted } }
    }
}

/// The results of one machine.
public struct MachineResult: Sendable {
    /// The machine evaluated.
    public var machineName: String
    /// One result per catalog update, in catalog order.
    public var results: [UpdateResult]
    /// Rule nodes evaluated, answers reused from the memo included.
    public var ruleEvaluations: Int
    /// Leaf rules actually computed.
    public var leafComputations: Int
}

/// Evaluates a compiled catalog on machines.
public struct CatalogEvaluator: Sendable {
    /// The catalog evaluated.
    public let catalog: CompiledCatalog

    /// An evaluator of `catalog`.
    public init(_ catalog: CompiledCatalog) { self.catalog = catalog }

    /// Every update's status on one machine.
    public func evaluate(_ snapshot: MachineSnapshot) -> MachineResult {
        evaluate(MachineView(snapshot))
    }

    /// Every update's status on a machine already prepared for evaluation.
    public func evaluate(_ view: MachineView) -> MachineResult {
        var run = Run(catalog: catalog, evaluation: MachineEvaluation(program: catalog.program, view: view))
        let results = run.all()
        return MachineResult(
            machineName: view.snapshot.machineName, results: results,
            ruleEvaluations: run.evaluation.ruleEvaluations, leafComputations: run.evaluation.leafComputations)
    }

    /// The status of one update with its full evaluation trace (`mofkit eval --explain`).
    public func explain(_ index: Int, on view: MachineView) -> UpdateExplanation {
        var run = Run(catalog: catalog, evaluation: MachineEvaluation(program: catalog.program, view: view))
        let results = run.all()
        var sections: [UpdateExplanation.Section] = []
        let plan = catalog.plans[index]
        var evaluation = MachineEvaluation(program: catalog.program, view: view)
        func traced(_ title: String, _ node: Int32?) {
            guard let node else { return }
            var lines: [TraceLine] = []
            _ = withUnsafeMutablePointer(to: &lines) { evaluation.evaluateTraced(node, depth: 1, into: $0) }
            sections.append(UpdateExplanation.Section(title: title, lines: lines))
        }
        traced("IsInstalled", plan.installed)
        traced("IsInstallable", plan.installable)
        for item in plan.items {
            traced("InstallableItem \(item.id) IsInstalled", item.installed)
            traced("InstallableItem \(item.id) IsSuperseded", item.superseded)
            traced("InstallableItem \(item.id) IsInstallable", item.installable)
        }
        var relations: [String] = []
        for group in plan.prerequisites {
            let parts = group.map { id, i in "\(id) = \(i.map { results[$0].status.rawValue } ?? "not in catalog")" }
            relations.append("prerequisite (one of): " + parts.joined(separator: ", "))
        }
        for (id, i) in plan.bundled {
            relations.append("bundles \(id) = \(i.map { results[$0].status.rawValue } ?? "not in catalog")")
        }
        for i in plan.supersededBy {
            relations.append("superseded by \(catalog.updates[i].id) (\(catalog.updates[i].title)) = \(run.raw[i]?.status.rawValue ?? "?")")
        }
        if let mssecure = plan.mssecure { relations += mssecure.describe(view) }
        return UpdateExplanation(update: catalog.updates[index], machineName: view.snapshot.machineName, result: results[index], sections: sections, relations: relations)
    }

    /// One machine's evaluation: raw statuses (before supersedence) computed on demand, with cycle guard.
    struct Run {
        let catalog: CompiledCatalog
        var evaluation: MachineEvaluation
        var raw: [UpdateResult?]
        var inProgress: Set<Int> = []

        init(catalog: CompiledCatalog, evaluation: MachineEvaluation) {
            self.catalog = catalog
            self.evaluation = evaluation
            raw = Array(repeating: nil, count: catalog.updates.count)
        }

        mutating func all() -> [UpdateResult] {
            for i in catalog.updates.indices where raw[i] == nil { raw[i] = status(i) }
            var results: [UpdateResult] = []
            results.reserveCapacity(raw.count)
            for i in catalog.updates.indices {
                let result = raw[i] ?? UpdateResult(.unknown, "not evaluated")  // input-unreachable: every index was filled above
                if result.status == .missing {
                    if let by = catalog.plans[i].supersededBy.first(where: { [.installed, .missing].contains(raw[$0]?.status) }) {
                        let info = catalog.updates[by]
                        results.append(UpdateResult(.superseded, "superseded by \(info.id)\(info.title.isEmpty ? "" : " (\(info.title))"), which is \(raw[by]?.status.rawValue ?? "?")"))
                        continue
                    }
                }
                results.append(result)
            }
            return results
        }

        mutating func rawStatus(_ i: Int) -> UpdateResult {
            if let known = raw[i] { return known }
            if inProgress.contains(i) { return UpdateResult(.unknown, "prerequisite or bundle cycle through \(catalog.updates[i].id)") }
            inProgress.insert(i)
            let result = status(i)
            inProgress.remove(i)
            raw[i] = result
            return result
        }

        mutating func reason(_ node: Int32) -> String {
            evaluation.unknownReason(node) ?? "a rule is unknown"
        }

        mutating func status(_ i: Int) -> UpdateResult {
            let plan = catalog.plans[i]
            if let mssecure = plan.mssecure { return mssecure.evaluate(evaluation.view) }
            // Prerequisites: every group needs one update that is installed or applicable.
            var pending: String?
            for group in plan.prerequisites {
                var met = Truth.false
                var why = ""
                for (id, index) in group {
                    guard let index else {
                        met = met || .unknown
                        why = "prerequisite \(id) is not in the catalog"
                        continue
                    }
                    let status = rawStatus(index).status
                    if status == .installed || status == .missing {
                        met = .true
                        break
                    }
                    if status == .unknown {
                        met = met || .unknown
                        why = "prerequisite \(id) is unknown"
                    }
                }
                if met == .false {
                    return UpdateResult(.notApplicable, "prerequisite not installed or applicable: \(group.map(\.id).joined(separator: " or "))")
                }
                if met == .unknown, pending == nil { pending = why }
            }
            if let node = plan.installed {
                switch evaluation.evaluate(node) {
                case .true: return UpdateResult(.installed, "IsInstalled is true")
                case .unknown: pending = pending ?? "IsInstalled: " + reason(node)
                case .false: break
                }
            }
            if let node = plan.installable {
                switch evaluation.evaluate(node) {
                case .false: return UpdateResult(.notApplicable, "IsInstallable is false")
                case .unknown: pending = pending ?? "IsInstallable: " + reason(node)
                case .true: break
                }
            }
            var parts: [UpdateResult] = []
            for item in plan.items { parts.append(itemStatus(item)) }
            if !plan.bundled.isEmpty { parts.append(bundleStatus(plan)) }
            if parts.isEmpty {
                if let pending { return UpdateResult(.unknown, pending) }
                if plan.installed == nil && plan.installable == nil { return UpdateResult(.unknown, "the catalog gives no applicability rules for this update (wsusscn2 package.xml keeps them in the cab's fragments)") }
                return UpdateResult(.missing, plan.installed == nil ? "IsInstallable is true (no IsInstalled rule)" : "IsInstallable is true, IsInstalled is false")
            }
            // Installed if any part is installed; else missing if any is; else unknown; else not applicable.
            if let installed = parts.first(where: { $0.status == .installed }) { return installed }
            if pending != nil {
                if parts.allSatisfy({ $0.status == .notApplicable }) { return parts[0] }
                return UpdateResult(.unknown, pending ?? "")
            }
            if let missing = parts.first(where: { $0.status == .missing }) { return missing }
            if let unknown = parts.first(where: { $0.status == .unknown }) { return unknown }
            return parts[0]
        }

        mutating func itemStatus(_ item: UpdatePlan.Item) -> UpdateResult {
            let label = item.label
            var unknownReason: String?
            if let node = item.installed {
                switch evaluation.evaluate(node) {
                case .true: return UpdateResult(.installed, item.installedReason)
                case .unknown: unknownReason = "\(label) IsInstalled: " + reason(node)
                case .false: break
                }
            }
            if let node = item.superseded {
                switch evaluation.evaluate(node) {
                case .true: return UpdateResult(.notApplicable, item.supersededReason)
                case .unknown: unknownReason = unknownReason ?? "\(label) IsSuperseded: " + reason(node)
                case .false: break
                }
            }
            if let node = item.installable {
                switch evaluation.evaluate(node) {
                case .false: return UpdateResult(.notApplicable, item.notInstallableReason)
                case .unknown: return UpdateResult(.unknown, unknownReason ?? "\(label) IsInstallable: " + reason(node))
                case .true: break
                }
            }
            if let unknownReason { return UpdateResult(.unknown, unknownReason) }
            return UpdateResult(.missing, item.missingReason)
        }

        mutating func bundleStatus(_ plan: UpdatePlan) -> UpdateResult {
            var statuses: [UpdateStatus] = []
            for (id, index) in plan.bundled {
                guard let index else { return UpdateResult(.unknown, "bundled update \(id) is not in the catalog") }
                statuses.append(rawStatus(index).status)
            }
            if statuses.contains(.missing) { return UpdateResult(.missing, "a bundled update is missing") }
            if statuses.contains(.unknown) { return UpdateResult(.unknown, "a bundled update is unknown") }
            if statuses.contains(.installed) { return UpdateResult(.installed, "every applicable bundled update is installed") }
            return UpdateResult(.notApplicable, "no bundled update is applicable")
        }
    }
}

/// `--explain` output for one update on one machine.
public struct UpdateExplanation: Sendable {
    /// The trace of one rule holder (`IsInstalled`, `IsInstallable` …).
    public struct Section: Sendable {
        /// The rule holder, e.g. `IsInstallable` or an installable item's.
        public var title: String
        /// The rules evaluated, in order, indented by depth.
        public var lines: [TraceLine]
    }

    /// The update explained.
    public var update: UpdateInfo
    /// The machine.
    public var machineName: String
    /// The update's status and reason.
    public var result: UpdateResult
    /// The trace of each rule holder evaluated.
    public var sections: [Section]
    /// Prerequisites, bundles, supersedence and mssecure checks, one line each.
    public var relations: [String]

    /// The trace as indented text: `rule [observed] → result`, `*` marking the rule that decided.
    public func text() -> String {
        var out = "update \(update.id)\(update.title.isEmpty ? "" : " — \(update.title)")\nmachine \(machineName)\n"
        for section in sections {
            out += "\(section.title):\n"
            for line in section.lines {
                let indent = String(repeating: "  ", count: line.depth)
                out += "\(indent)\(line.decisive ? "* " : "- ")\(line.rule)"
                if let observed = line.observed { out += "  [\(observed)]" }
                out += " → \(line.result)"
                if line.skipped > 0 { out += " (\(line.skipped) later rule(s) not evaluated)" }
                out += "\n"
            }
        }
        for relation in relations { out += relation + "\n" }
        out += "status: \(result.status.rawValue) — \(result.reason)\n"
        return out
    }
}
