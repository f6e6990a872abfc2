import MachineState
import MofkitSource

/// Reads and collects a fleet of machines in parallel, a batch at a time, and hands each machine
/// back in the order of the specifications: what a command writes is the same for any thread count,
/// and memory holds one batch of snapshots plus what the caller keeps.
public enum FleetCollection {
    /// One machine as a worker leaves it.
    public struct Machine<Extra: Sendable>: Sendable {
        /// The machine as loaded; its sources are dropped when no diagnostic needs them.
        public var loaded: LoadedMachine
        /// Per group of the collector (rule order), the machine's rows; empty without a collector.
        public var rows: [[[InventoryValue]]]
        /// What collecting the machine reported.
        public var collectionDiagnostics: [Diagnostic]
        /// What `prepare` made of the machine.
        public var extra: Extra
    }

    /// Loads every specification on up to `threads` workers; `prepare` runs on the worker first
    /// (it may replace the snapshot that is then collected) and its result travels as
    /// ``Machine/extra``; `collector`, when given, collects the snapshot. `deliver` is called on
    /// this thread, once per machine, in specification order.
    public static func run<Extra: Sendable>(
        specifications: [String], collector: InventoryCollector?, threads: Int = Host.availableCores, batchSize: Int = 256,
        prepare: @Sendable (inout LoadedMachine) -> Extra,
        deliver: (Machine<Extra>) throws -> Void
    ) rethrows {
        var start = 0
        while start < specifications.count {
            let batch = Array(specifications[start..<min(specifications.count, start + max(1, batchSize))])
            start += batch.count
            let machines = ParallelMap.run(count: batch.count, threads: threads) { i -> Machine<Extra> in
                var loaded = MachineLoader.load(specification: batch[i])
                let extra = prepare(&loaded)
                let collected = collector?.collect([loaded.snapshot])
                if loaded.diagnostics.isEmpty { loaded.sources = [:] }
                return Machine(loaded: loaded, rows: collected?.groups.map(\.rows) ?? [], collectionDiagnostics: collected?.diagnostics ?? [],
                               extra: extra)
            }
            for machine in machines { try deliver(machine) }
        }
    }
}

/// The rows of a fleet gathered group by group, with the machine each row came from.
public struct FleetRows: Sendable {
    /// One group per reporting class, rows in machine order.
    public var groups: [InventoryGroup]
    /// Per group and row, the index of its machine in ``machineNames`` (the SQLite ResourceID - 1).
    public var rowMachines: [[Int]]
    /// The machine names in the order they were added.
    public var machineNames: [String] = []

    /// Empty groups of `collector`'s reporting classes.
    public init(collector: InventoryCollector) {
        groups = collector.emptyGroups()
        rowMachines = Array(repeating: [], count: groups.count)
    }

    /// Appends a machine and its rows (per group, as ``FleetCollection/Machine/rows``).
    public mutating func append(machineName: String, rows: [[[InventoryValue]]]) {
        machineNames.append(machineName)
        for index in groups.indices where index < rows.count {
            groups[index].rows += rows[index]
            rowMachines[index] += Array(repeating: machineNames.count - 1, count: rows[index].count)
        }
    }
}
