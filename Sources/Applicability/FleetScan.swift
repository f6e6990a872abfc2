import MachineState
import MofkitSource
import Synchronization

/// One machine of a fleet scan: its statuses (one byte per update) and the reasons kept for reports.
public struct ScannedMachine: Sendable {
    /// The machine as named (a folder or a list of files).
    public var specification: String
    /// The machine name from its snapshot.
    public var machineName: String
    /// `UpdateStatus` per catalog update, in catalog order.
    public var statuses: [UpdateStatus]
    /// Reasons for every status other than `not-applicable` (which is the common case), by update index.
    public var reasons: [Int: String]
    /// Diagnostics from reading the machine (each names the machine).
    public var diagnostics: [Diagnostic]
    /// Whether the machine could not be read: errors, and not one fact in its snapshot.
    public var readFailed: Bool
    /// Rule nodes evaluated, answers reused from the memo included.
    public var ruleEvaluations: Int
    /// Leaf rules actually computed.
    public var leafComputations: Int

    /// The reason for the status of update `update` (an index into the catalog); empty for `not-applicable`.
    public func reason(_ update: Int) -> String { reasons[update] ?? "" }
}

/// Per-update counts across a fleet: the "compliance by software ID" numbers.
public struct UpdateSummary: Sendable, Hashable {
    /// Machines where the update is installed.
    public var installed = 0
    /// Machines where it applies and is not installed.
    public var missing = 0
    /// Machines where it is missing but superseded by an applicable update.
    public var superseded = 0
    /// Machines it does not apply to.
    public var notApplicable = 0
    /// Machines whose snapshot lacks data a rule needs.
    public var unknown = 0
    /// mssecure: machines where the patch applies but its bulletin gives nothing to check.
    public var cannotDetermine = 0

    /// All counts zero.
    public init() {}

    /// Machines the update applies to (installed or missing).
    public var applicable: Int { installed + missing }

    /// Installed / applicable × 100; 100 when it applies nowhere.
    public var percentCompliant: Double { applicable == 0 ? 100 : Double(installed) * 100 / Double(applicable) }

    /// Counts one machine's status.
    public mutating func add(_ status: UpdateStatus) {
        switch status {
        case .installed: installed += 1
        case .missing: missing += 1
        case .superseded: superseded += 1
        case .notApplicable: notApplicable += 1
        case .unknown: unknown += 1
        case .cannotDetermine: cannotDetermine += 1
        }
    }
}

/// The results of a fleet scan, machines in the order given (independent of thread count).
public struct FleetResult: Sendable {
    /// The catalog evaluated.
    public var catalog: CompiledCatalog
    /// Every machine, in the order given.
    public var machines: [ScannedMachine]
    /// Per-update counts, in catalog order.
    public var summaries: [UpdateSummary]
    /// Rule nodes evaluated across the fleet.
    public var ruleEvaluations: Int { machines.reduce(0) { $0 + $1.ruleEvaluations } }
    /// Leaf rules computed across the fleet.
    public var leafComputations: Int { machines.reduce(0) { $0 + $1.leafComputations } }
}

/// Evaluates a compiled catalog on many machines in parallel.
public enum FleetScan {
    /// Loads every machine (`MachineLoader.load(specification:)`) and evaluates it, `threads` at a
    /// time. `progress` is called with the number of machines done (from worker threads).
    public static func run(
        catalog: CompiledCatalog, specifications: [String], threads: Int = Host.availableCores,
        progress: (@Sendable (Int) -> Void)? = nil
    ) -> FleetResult {
        scan(catalog: catalog, count: specifications.count, threads: threads, progress: progress) { i in
            let loaded = MachineLoader.load(specification: specifications[i])
            return (specifications[i], loaded.snapshot, loaded.diagnostics, loaded.hasErrors && loaded.snapshot == MachineSnapshot(machineName: loaded.snapshot.machineName))
        }
    }

    /// Evaluates snapshots already in memory.
    public static func run(catalog: CompiledCatalog, snapshots: [MachineSnapshot], threads: Int = Host.availableCores) -> FleetResult {
        scan(catalog: catalog, count: snapshots.count, threads: threads, progress: nil) { i in
            (snapshots[i].machineName, snapshots[i], [], false)
        }
    }

    static func scan(
        catalog: CompiledCatalog, count: Int, threads: Int, progress: (@Sendable (Int) -> Void)?,
        load: @Sendable (Int) -> (String, MachineSnapshot, [Diagnostic], Bool)
    ) -> FleetResult {
        let evaluator = CatalogEvaluator(catalog)
        let done = Atomic<Int>(0)
        let machines = ParallelMap.run(count: count, threads: threads) { i in
            let (specification, snapshot, diagnostics, failed) = load(i)
            let result = evaluator.evaluate(snapshot)
            var reasons: [Int: String] = [:]
            for (u, r) in result.results.enumerated() where r.status != .notApplicable { reasons[u] = r.reason }
            let machine = ScannedMachine(
                specification: specification, machineName: snapshot.machineName, statuses: result.results.map(\.status),
                reasons: reasons, diagnostics: diagnostics, readFailed: failed,
                ruleEvaluations: result.ruleEvaluations, leafComputations: result.leafComputations)
            let finished = done.add(1, ordering: .relaxed).newValue
            progress?(finished)
            return machine
        }
        var summaries = Array(repeating: UpdateSummary(), count: catalog.updates.count)
        for machine in machines {
            for (u, status) in machine.statuses.enumerated() { summaries[u].add(status) }
        }
        return FleetResult(catalog: catalog, machines: machines, summaries: summaries)
    }
}

