import Applicability
import ArgumentParser
import DiagnosticRendering
import FleetDatabase
import Foundation
import InventoryCollection
import InventoryRules
import MOFSyntax
import MachineState
import MofkitSource
import Reports

/// `mofkit inventory --mof SMS_def.mof --machine SNAP… [--format json|csv] [-o OUT]`: the rows
/// hardware inventory would report for each machine snapshot.
struct InventoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "Apply MOF inventory collection rules to machine snapshots and print the rows a client would report.",
        discussion: """
            The MOF files are compiled as one compilation (configuration.mof + SMS_def.mof) on top of the \
            bundled client context and any --schema files, as `mofkit rules` does. Each --machine is a folder \
            (every .json, .reg and .mof file in it, merged in name order) or comma-separated files \
            (a.reg,b.mof,c.json, merged in that order); --machines DIR takes every subfolder and every \
            snapshot file of DIR as one machine. The snapshot format is described in Docs/snapshot.md.

            Output: JSON (all groups in one document), CSV (one file per group, v_GS_<Group>.csv, in the \
            -o directory; without -o, each group is printed after a "# v_GS_<Group>" line) or SQLite (-o FILE: \
            one table per group named as the site's view, v_GS_<InvClassName> from SMS_Class_ID, with \
            ResourceID, MachineName and <Property>0 columns typed from the MOF; see Docs/inventory.md). \
            Missing registry keys and WMI classes give no row, as on a client. Machines are read and \
            collected on --threads workers (default every core); the output does not depend on the count.

            Diagnostics go to standard error, each naming its machine; a broken machine does not stop the \
            others. Exit status: 0, 1 when there are errors in the MOF or a snapshot (rows are still \
            written), 2 when a file cannot be read or the arguments are wrong.

            --print-snapshot prints the merged snapshot of each machine as JSON instead (no --mof needed): \
            one machine to standard output, or one <MachineName>.json per machine in the -o directory.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv, sqlite }

    @Option(name: .customLong("mof"), help: "MOF file with the collection rules (SMS_def.mof, configuration.mof); repeatable.")
    var mofFiles: [String] = []

    @Option(name: .customLong("schema"), help: "More MOF loaded as context (a file, or a directory of .mof files); repeatable.")
    var schemas: [String] = []

    @Option(name: .customShort("I"), help: "Directory searched for #pragma include files; repeatable.")
    var includeDirectories: [String] = []

    @OptionGroup var machineOptions: MachineOptions

    @Option(help: "Output format: json, csv or sqlite (-o FILE).")
    var format: Format = .json

    @Option(name: .customShort("o"), help: "Output file (json, sqlite) or directory (csv, --print-snapshot).")
    var output: String?

    @Option(help: "Worker threads (default: every core).")
    var threads: Int?

    @Option(help: "Also write the rows to a fleet database (postgresql://user@host:port/db, sqlite:PATH or a path): v_GS_<Group> tables, replaced each run, and the machines' v_R_System rows (for mofkit collection --db).")
    var db: String?

    @Flag(name: .customLong("print-snapshot"), help: "Print the merged machine snapshots as JSON instead of inventory rows.")
    var printSnapshot = false

    @OptionGroup var color: ColorOption

    /// How the --mof files (and what they include) are decoded; machine files are always detected.
    @OptionGroup var encoding: EncodingOption

    func validate() throws {
        if machineOptions.isEmpty { throw ValidationError("name at least one --machine or --machines folder") }
        if !printSnapshot && mofFiles.isEmpty { throw ValidationError("--mof is required (the MOF with the collection rules)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if db != nil && printSnapshot { throw ValidationError("--db and --print-snapshot exclude each other") }
        if format == .sqlite && output == nil && !printSnapshot && db == nil { throw ValidationError("--format sqlite needs -o FILE (the database to write)") }
    }

    func run() throws {
        var (specifications, failedToRead) = machineOptions.specifications()
        if printSnapshot && output == nil && specifications.count != 1 {
            Output.error("--print-snapshot with several machines needs -o DIR")
            throw ExitCode(2)
        }
        var diagnostics: [Diagnostic] = []
        var collector: InventoryCollector?
        if !printSnapshot {
            let load = MOFLoadOptions(includeSearchPaths: includeDirectories, followIncludes: true,
                                      encoding: encoding.encoding)
            let compiled = InventoryRulesLoader.rules(paths: mofFiles, schemaPaths: schemas, load: load)
            for problem in compiled.unreadable { Output.error(problem) }
            if !compiled.unreadable.isEmpty {
                report(compiled.diagnostics.filter { $0.severity != .note }, sources: [:])
                throw ExitCode(2)
            }
            diagnostics += compiled.diagnostics.filter { $0.severity != .note }
            collector = InventoryCollector(rules: compiled.rules)
        }

        // Machines are read and collected in parallel, a batch at a time (FleetCollection), and
        // merged here in machine order.
        var sources: [String: SourceFile] = [:]
        var fleet = collector.map(FleetRows.init)
        var names: [String] = []
        var resources: [SystemResource] = []
        var usedFileNames = Set<String>()
        if printSnapshot, let output { try makeDirectory(output) }
        let workers = threads ?? Host.availableCores
        let printing = printSnapshot
        let wantsResources = (format == .sqlite || db != nil) && !printSnapshot
        try FleetCollection.run(
            specifications: specifications, collector: collector, threads: workers, batchSize: max(64, workers * 16),
            prepare: { machine -> (resource: SystemResource?, snapshotJSON: String) in
                (wantsResources ? SystemResource(resourceID: 0, snapshot: machine.snapshot) : nil,
                 printing ? machine.snapshot.jsonText() : "")
            }
        ) { work in
            let machine = work.loaded
            for problem in machine.unreadable { Output.error("machine \(machine.specification): \(problem)") }
            failedToRead = failedToRead || !machine.unreadable.isEmpty
            if !machine.diagnostics.isEmpty {
                diagnostics += machine.diagnostics
                sources.merge(machine.sources) { old, _ in old }
            }
            names.append(machine.snapshot.machineName)
            if var resource = work.extra.resource {
                resource.renumber(Int64(names.count))
                resources.append(resource)
            }
            if fleet != nil {
                fleet?.append(machineName: machine.snapshot.machineName, rows: work.rows)
                diagnostics += work.collectionDiagnostics
            } else if let output {
                try write(work.extra.snapshotJSON, to: output + "/" + snapshotFileName(machine.snapshot.machineName, used: &usedFileNames))
            } else {
                Output.standardOutput(work.extra.snapshotJSON)
            }
        }
        report(diagnostics, sources: sources)
        if let fleet {
            if let db {
                try writeDatabase(db, groups: fleet.groups, specifications: specifications, machines: names, rowMachines: fleet.rowMachines, resources: resources)
            } else {
                try writeRows(fleet.groups, machines: names, rowMachines: fleet.rowMachines, resources: resources)
            }
        }
        try finish(diagnostics, failedToRead: failedToRead)
    }

    /// `<MachineName>.json`, made safe for a file name and unique.
    func snapshotFileName(_ machineName: String, used: inout Set<String>) -> String {
        var base = String(machineName.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        if base.isEmpty { base = "machine" }
        var name = base
        var n = 2
        while !used.insert(name.lowercased()).inserted {
            name = base + "_\(n)"
            n += 1
        }
        return name + ".json"
    }

    func finish(_ diagnostics: [Diagnostic], failedToRead: Bool) throws {
        if failedToRead { throw ExitCode(2) }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }

    func report(_ diagnostics: [Diagnostic], sources known: [String: SourceFile]) {
        let shown = Diagnostic.sortedForOutput(diagnostics)
        guard !shown.isEmpty else { return }
        var sources = known
        // Machine files are in `known`; what is left is MOF read with --encoding.
        for diagnostic in shown where sources[diagnostic.range.file] == nil {
            sources[diagnostic.range.file] = try? SourceFile.read(path: diagnostic.range.file, encoding: encoding.encoding)
        }
        Output.standardError(TextDiagnosticRenderer(useColor: color.wanted(descriptor: 2)).render(shown, sources: sources))
    }

    func writeRows(_ groups: [InventoryGroup], machines: [String], rowMachines: [[Int]], resources: [SystemResource]) throws {
        switch format {
        case .json:
            let text = InventoryOutput.json(groups, machines: machines)
            if let output { try write(text, to: output) } else { Output.standardOutput(text) }
        case .sqlite:
            guard let output else { return }  // validate() requires -o for sqlite
            do {
                try InventoryDatabase.write(groups, machines: machines, rowMachines: rowMachines, systemResources: resources, path: output)
            } catch {
                Output.error("cannot write \(output): \(error)")
                throw ExitCode(2)
            }
        case .csv:
            var usedNames = Set<String>()
            for group in groups {
                var name = InventoryOutput.csvFileName(group)
                var n = 2
                while !usedNames.insert(name.lowercased()).inserted {
                    name = group.tableName + "_\(n).csv"
                    n += 1
                }
                if let output {
                    try makeDirectory(output)
                    try write(InventoryOutput.csv(group), to: output + "/" + name)
                } else {
                    Output.standardOutput("# \(group.tableName)\n" + InventoryOutput.csv(group) + "\n")
                }
            }
        }
    }

    func writeDatabase(_ text: String, groups: [InventoryGroup], specifications: [String], machines: [String], rowMachines: [[Int]],
                       resources: [SystemResource]) throws {
        do {
            let db = try FleetDatabase.open(DatabaseURL(text))
            defer { db.close() }
            try FleetInventory.write(db, groups: groups, specifications: specifications.map(FleetPaths.absolute), machineNames: machines,
                                     rowMachines: rowMachines, systemResources: resources)
        } catch let error as FleetDatabaseError {
            Output.error("\(error.code.rawValue): \(error.description)")
            throw ExitCode(2)
        }
    }

    func makeDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            Output.error("cannot create directory \(path): \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }

    func write(_ text: String, to path: String) throws {
        do { try FileWriter.write(text, to: path) } catch {
            Output.error("cannot write \(path): \(error.reason)")
            throw ExitCode(2)
        }
    }
}
