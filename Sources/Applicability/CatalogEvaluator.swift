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
    /// mssecure: the patch applies but its bulletin gives no registry or file check, so no scanner can
    /// tell whether it is installed (HFNetChk's "cannot determine", KB Q306460). Not "unknown": no
    /// snapshot data would answer it.
    case cannotDetermine = "cannot-determine"

    /// The `Status0` word of `v_GS_PatchState`.
    public var smsStatus: String {
        switch self {
        case .installed: return "Installed"
        case .missing: return "Applicable"
        case .notApplicable: return "Not Applicable"
        case .superseded: return "Superseded"
        case .unknown: return "Unknown"
        case .cannotDetermine: return "Cannot Determine"
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
    /// Package-level `IsSuperseded` (wsusscn2 core fragments have it beside `IsInstalled`/`IsInstallable`).
    var superseded: Int32?
    /// wsusscn2 / Updates Publisher `UpdateType`: detectoids and categories are judged as such.
    var kind: Kind = .other

    /// The update types evaluation tells apart.
    enum Kind: UInt8 {
        case detectoid, category, other

        init(_ updateType: String?) {
            switch updateType?.lowercased() {
            case "detectoid": self = .detectoid
            case "category": self = .category
            default: self = .other
            }
        }

        /// `detectoid`, `category`; nil for any other update.
        var name: String? {
            switch self {
            case .detectoid: return "detectoid"
            case .category: return "category"
            case .other: return nil
            }
        }
    }
    var items: [Item] = []
    /// Each group is met when one of its updates is **installed** (WUA: MS-WUSP §3.1.1, "Relationships
    /// Among Updates"); `nil` entries are ids not in the catalog, which can never be installed.
    /// `anyOf` marks an `AtLeastOne` group (with or without `IsCategory`).
    var prerequisites: [(anyOf: Bool, members: [(id: String, index: Int?)])] = []
    /// Bundled children, from `BundledUpdates/UpdateIdentity` and `BundledUpdates/AtLeastOne`.
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
    /// mssecure: `bulletin|patch name` (as written, and in lower case) → the bulletin's update index and the patch's index.
    let mssecurePatches: [MssecurePatchKey: (update: Int, patch: Int)]
    /// mssecure: the product table's service-pack series (for "at or above").
    let servicePackSeries: [ServicePackSeries]

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
        let mssecure = updates.contains { !$0.patches.isEmpty } ? MssecureDatabase(entries: entries, products: options.products ?? .builtIn) : nil
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
            plan.superseded = update.applicability.isSuperseded.map { compiler.compile($0, scope: scope) }
            plan.kind = UpdatePlan.Kind(update.updateType)
            for item in update.installableItems {
                scope.metadata = item.applicability.metadata
                plan.items.append(UpdatePlan.Item(
                    id: item.id ?? "",
                    installed: item.applicability.isInstalled.map { compiler.compile($0, scope: scope) },
                    installable: item.applicability.isInstallable.map { compiler.compile($0, scope: scope) },
                    superseded: item.applicability.isSuperseded.map { compiler.compile($0, scope: scope) }))
            }
            plan.prerequisites = update.prerequisites.map { prerequisite in
                let members = prerequisite.ids.map { ($0, indexByID[$0.lowercased()]) }
                if case .anyOf = prerequisite { return (true, members) }
                return (false, members)
            }
            plan.bundled = (update.bundledUpdates + update.bundledGroups.joined()).map { ($0, indexByID[$0.lowercased()]) }
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
            for id in update.supersedes {
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
        // mssecure supersedence is per patch: the SBID record names the newer bulletin and patch.
        var mssecurePatches: [MssecurePatchKey: (update: Int, patch: Int)] = [:]
        for (i, plan) in plans.enumerated() {
            guard let mssecure = plan.mssecure else { continue }
            // Keyed as written and in lower case: MS01-041 has both Q299444i.exe (NT4) and Q299444I.exe
            // (IIS 4), and MS01-026's SBID record names the latter.
            for (p, patch) in mssecure.patches.enumerated() {
                for key in [MssecurePatchKey(mssecure.bulletin, patch.name), MssecurePatchKey(lowercased: mssecure.bulletin, patch.name)]
                where mssecurePatches[key] == nil {
                    mssecurePatches[key] = (i, p)
                }
            }
        }
        return CompiledCatalog(
            updates: infos, plans: plans, program: compiler.program, unsupportedRules: compiler.unsupported,
            unknownRuleElements: unknownElements, ruleCount: ruleCount, format: format, options: options,
            mssecurePatches: mssecurePatches, servicePackSeries: mssecure.map { _ in (options.products ?? .builtIn).servicePackSeries } ?? [])
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
        traced("IsSuperseded", plan.superseded)
        traced("IsInstallable", plan.installable)
        for item in plan.items {
            traced("InstallableItem \(item.id) IsInstalled", item.installed)
            traced("InstallableItem \(item.id) IsSuperseded", item.superseded)
            traced("InstallableItem \(item.id) IsInstallable", item.installable)
        }
        var relations: [String] = []
        for group in plan.prerequisites {
            let parts = group.members.map { id, i in "\(run.describe(id, i)) = \(i.map { run.raw[$0]?.status.rawValue ?? "?" } ?? "never installed")" }
            relations.append((group.anyOf ? "prerequisite (AtLeastOne, one must be installed): " : "prerequisite (must be installed): ") + parts.joined(separator: ", "))
        }
        if !plan.prerequisites.isEmpty {
            let (met, why) = run.prerequisitesInstalled(plan)
            switch met {
            case .true: relations.append("prerequisites: all installed")
            case .false: relations.append("prerequisites: not applicable: " + why)
            case .unknown: relations.append("prerequisites: unknown: " + why)
            }
        }
        for (id, i) in plan.bundled {
            relations.append("bundles \(run.describe(id, i)) = \(i.map { run.raw[$0]?.status.rawValue ?? "?" } ?? "not in catalog")")
        }
        for i in plan.supersededBy {
            relations.append("superseded by \(catalog.updates[i].id) (\(catalog.updates[i].title)) = \(run.raw[i]?.status.rawValue ?? "?")")
        }
        if let mssecure = plan.mssecure {
            relations += mssecure.describe(view, series: catalog.servicePackSeries, statuses: run.patchFinal[index] ?? [])
        }
        return UpdateExplanation(update: catalog.updates[index], machineName: view.snapshot.machineName, result: results[index], sections: sections, relations: relations)
    }

    /// One machine's evaluation: raw statuses (before supersedence) computed on demand, with cycle guard.
    struct Run {
        let catalog: CompiledCatalog
        var evaluation: MachineEvaluation
        var raw: [UpdateResult?]
        var inProgress: Set<Int> = []
        /// mssecure: each bulletin's patch statuses before and after supersedence.
        var patchRaw: [Int: [UpdateResult]] = [:]
        var patchFinal: [Int: [UpdateResult]] = [:]

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

        mutating func patchStatuses(_ i: Int) -> [UpdateResult] {
            if let known = patchRaw[i] { return known }
            guard let plan = catalog.plans[i].mssecure else { return [] }
            let results = plan.patches.map { MssecurePlan.status($0, evaluation.view, series: catalog.servicePackSeries) }
            patchRaw[i] = results
            return results
        }

        /// The patches that supersede a patch, followed along their own `SBID` records: the first
        /// installed one, else the first applicable (missing) one, as "MS01-044's q301625i.exe, installed".
        mutating func superseder(_ links: [MssecureDetection.Superseder], visited: inout Set<MssecurePatchKey>, depth: Int) -> (UpdateStatus, String)? {
            guard depth < 32 else { return nil }
            var applicable: (UpdateStatus, String)?
            for link in links {
                for name in link.patches {
                    let key = MssecurePatchKey(lowercased: link.bulletin, name)
                    guard !visited.contains(key),
                          let (u, p) = catalog.mssecurePatches[MssecurePatchKey(link.bulletin, name)] ?? catalog.mssecurePatches[key] else { continue }
                    visited.insert(key)
                    let status = patchStatuses(u)[p].status
                    let here = "\(link.bulletin)'s \(name)"
                    if status == .installed { return (.installed, here + ", installed") }
                    let later = catalog.plans[u].mssecure.map { superseder($0.patches[p].supersededBy, visited: &visited, depth: depth + 1) } ?? nil
                    if let later, later.0 == .installed { return (.installed, here + ", which is superseded by " + later.1) }
                    if status == .missing { applicable = applicable ?? (.missing, here + ", missing") }
                    if applicable == nil, let later { applicable = (later.0, here + ", which is superseded by " + later.1) }
                }
            }
            return applicable
        }

        mutating func mssecureStatus(_ i: Int, _ plan: MssecurePlan) -> UpdateResult {
            var results = patchStatuses(i)
            for (p, patch) in plan.patches.enumerated() where results[p].status == .missing && !patch.supersededBy.isEmpty {
                var visited: Set<MssecurePatchKey> = [MssecurePatchKey(lowercased: plan.bulletin, patch.name)]
                if let (_, chain) = superseder(patch.supersededBy, visited: &visited, depth: 0) {
                    results[p] = UpdateResult(.superseded, "\(patch.name): superseded by \(chain)")
                }
            }
            patchFinal[i] = results
            return MssecurePlan.combine(results)
        }

        /// How reasons name an update: `'title' (detectoid)`, the id when it has no title.
        func describe(_ id: String, _ index: Int?) -> String {
            guard let index else { return "\(id) (not in the catalog)" }
            let info = catalog.updates[index]
            let name = "'" + (info.title.isEmpty ? info.id : info.title) + "'"
            if let kind = catalog.plans[index].kind.name { return "\(name) (\(kind))" }
            return name
        }

        /// Whether every prerequisite is installed: each plain `UpdateIdentity` and one member of each
        /// `AtLeastOne` group. An id not in the catalog can never be installed (WUA can only install
        /// what its catalog holds). `.unknown` with the first unknown member when nothing failed.
        mutating func prerequisitesInstalled(_ plan: UpdatePlan) -> (Truth, String) {
            var pending: String?
            for group in plan.prerequisites {
                var met = Truth.false
                var why = ""
                for (id, index) in group.members {
                    guard let index else { continue }
                    let result = rawStatus(index)
                    if result.status == .installed {
                        met = .true
                        break
                    }
                    if result.status == .unknown, met == .false {
                        met = .unknown
                        why = "prerequisite \(describe(id, index)) is unknown (\(result.reason))"
                    }
                }
                if met == .false {
                    let names = group.members.map { describe($0.id, $0.index) }
                    switch names.count {
                    case 0: return (.false, "an AtLeastOne prerequisite group names no update")
                    case 1: return (.false, "prerequisite \(names[0]) is not installed")
                    default: return (.false, "none of the prerequisites \(names.joined(separator: ", ")) is installed")
                    }
                }
                if met == .unknown, pending == nil { pending = why }
            }
            if let pending { return (.unknown, pending) }
            return (.true, "")
        }

        /// WUA's order: prerequisites must be installed (else not applicable, whatever the update's own
        /// rules); then `IsInstalled` (true → installed); otherwise the update is needed only when
        /// `IsSuperseded` is false and `IsInstallable` is true. Items, bundles and mssecure patches
        /// decide below that.
        mutating func status(_ i: Int) -> UpdateResult {
            // The plan is read in place (`catalog` is a constant): copying it out retains every array it holds.
            if let mssecure = catalog.plans[i].mssecure { return mssecureStatus(i, mssecure) }
            if catalog.plans[i].prerequisites.isEmpty { return ownStatus(catalog.plans[i]) }
            let plan = catalog.plans[i]
            let (prerequisites, why) = prerequisitesInstalled(plan)
            if prerequisites == .false { return UpdateResult(.notApplicable, why) }
            let own = ownStatus(plan)
            if prerequisites == .unknown && own.status != .notApplicable { return UpdateResult(.unknown, why) }
            return own
        }

        /// Whether an update or item is needed, and if not, which rule said so (no payload: the
        /// reason text is only made for the statuses that keep it).
        enum Need: UInt8 {
            case needed, superseded, notInstallable, supersededUnknown, installableUnknown

            var truth: Truth {
                switch self {
                case .needed: return .true
                case .superseded, .notInstallable: return .false
                case .supersededUnknown, .installableUnknown: return .unknown
                }
            }
        }

        /// "Needed" needs `IsSuperseded` false and `IsInstallable` true (absent rules: false and true).
        @inline(__always)
        mutating func need(superseded: Int32?, installable: Int32?) -> Need {
            var unsure = false
            if let node = superseded {
                switch evaluation.evaluate(node) {
                case .true: return .superseded
                case .unknown: unsure = true
                case .false: break
                }
            }
            if let node = installable {
                switch evaluation.evaluate(node) {
                case .false: return .notInstallable
                case .unknown: return unsure ? .supersededUnknown : .installableUnknown
                case .true: break
                }
            }
            return unsure ? .supersededUnknown : .needed
        }

        /// The status and reason a not-needed (or unsure) answer gives.
        mutating func result(_ need: Need, superseded: Int32?, installable: Int32?) -> UpdateResult {
            switch need {
            case .needed: return UpdateResult(.missing, "")
            case .superseded: return UpdateResult(.notApplicable, "IsSuperseded is true")
            case .notInstallable: return UpdateResult(.notApplicable, "IsInstallable is false")
            case .supersededUnknown: return UpdateResult(.unknown, "IsSuperseded: " + (superseded.map { reason($0) } ?? ""))
            case .installableUnknown: return UpdateResult(.unknown, "IsInstallable: " + (installable.map { reason($0) } ?? ""))
            }
        }

        mutating func ownStatus(_ plan: UpdatePlan) -> UpdateResult {
            var installed = Truth.false
            if let node = plan.installed {
                installed = evaluation.evaluate(node)
                if installed == .true { return UpdateResult(.installed, "IsInstalled is true") }
            }
            let need = need(superseded: plan.superseded, installable: plan.installable)
            var otherwise: UpdateResult
            if need == .notInstallable {
                otherwise = UpdateResult(.notApplicable, "IsInstallable is false")
            } else if need == .superseded {
                otherwise = UpdateResult(.notApplicable, "IsSuperseded is true")
            } else {
                var parts: [UpdateResult] = []
                for item in plan.items { parts.append(itemStatus(item)) }
                if !plan.bundled.isEmpty { parts.append(bundleStatus(plan)) }
                if parts.isEmpty {
                    if let kind = plan.kind.name {
                        otherwise = plan.installed == nil
                            ? UpdateResult(.unknown, "a \(kind) without an IsInstalled rule (whether it counts as installed is not documented)")
                            : UpdateResult(.notApplicable, "IsInstalled is false (a \(kind) is never offered for installation)")
                    } else if plan.installed == nil && plan.installable == nil && plan.superseded == nil {
                        otherwise = UpdateResult(.unknown, "the catalog gives no applicability rules for this update (wsusscn2 package.xml keeps them in the cab's fragments)")
                    } else {
                        otherwise = UpdateResult(.missing, plan.installed == nil ? "IsInstallable is true (no IsInstalled rule)" : "IsInstallable is true, IsInstalled is false")
                    }
                } else if let part = parts.first(where: { $0.status == .installed }) {
                    otherwise = part
                } else if let part = parts.first(where: { $0.status == .missing }) {
                    otherwise = part
                } else if let part = parts.first(where: { $0.status == .unknown }) {
                    otherwise = part
                } else {
                    otherwise = parts[0]
                }
                // Needed unknown: a missing part may not be needed; installed and not applicable stand.
                if need.truth == .unknown, otherwise.status == .missing {
                    otherwise = result(need, superseded: plan.superseded, installable: plan.installable)
                }
            }
            // IsInstalled unknown: installed or not, so unknown unless the rest says installed.
            if installed == .unknown, otherwise.status != .installed, let node = plan.installed {
                return UpdateResult(.unknown, "IsInstalled: " + reason(node))
            }
            return otherwise
        }

        mutating func itemStatus(_ item: UpdatePlan.Item) -> UpdateResult {
            var installed = Truth.false
            if let node = item.installed {
                installed = evaluation.evaluate(node)
                if installed == .true { return UpdateResult(.installed, item.installedReason) }
            }
            let otherwise: UpdateResult
            switch need(superseded: item.superseded, installable: item.installable) {
            case .needed: otherwise = UpdateResult(.missing, item.missingReason)
            case .superseded: otherwise = UpdateResult(.notApplicable, item.supersededReason)
            case .notInstallable: otherwise = UpdateResult(.notApplicable, item.notInstallableReason)
            case let unsure:
                let text = result(unsure, superseded: item.superseded, installable: item.installable).reason
                otherwise = UpdateResult(.unknown, "\(item.label) " + text)
            }
            if installed == .unknown, otherwise.status != .installed, let node = item.installed {
                return UpdateResult(.unknown, "\(item.label) IsInstalled: " + reason(node))
            }
            return otherwise
        }

        /// A bundle has no rules of its own (by design): it is missing when a child is, installed when
        /// every applicable child is installed, not applicable when no child applies.
        mutating func bundleStatus(_ plan: UpdatePlan) -> UpdateResult {
            var missing: UpdateResult?
            var unknown: UpdateResult?
            var installed: UpdateResult?
            for (id, index) in plan.bundled {
                guard let index else {
                    unknown = unknown ?? UpdateResult(.unknown, "bundled update \(id) is not in the catalog")
                    continue
                }
                let child = rawStatus(index)
                switch child.status {
                case .missing, .superseded:
                    if missing == nil { missing = UpdateResult(.missing, "bundled update \(describe(id, index)) is missing") }
                case .unknown, .cannotDetermine: unknown = unknown ?? UpdateResult(.unknown, "bundled update \(describe(id, index)) is \(child.status.rawValue) (\(child.reason))")
                case .installed: installed = installed ?? UpdateResult(.installed, "every applicable bundled update is installed")
                case .notApplicable: break
                }
            }
            return missing ?? unknown ?? installed ?? UpdateResult(.notApplicable, "no bundled update is applicable")
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

/// An mssecure patch by bulletin and file name (`MS01-041`, `Q299444i.exe`): supersedence records
/// name the newer patch this way.
struct MssecurePatchKey: Hashable, Sendable {
    var bulletin: String
    var patch: String

    /// The names as written.
    init(_ bulletin: String, _ patch: String) {
        self.bulletin = bulletin
        self.patch = patch
    }

    /// Both names in lower case, for a lookup that ignores case.
    init(lowercased bulletin: String, _ patch: String) {
        self.init(bulletin.lowercased(), patch.lowercased())
    }
}
