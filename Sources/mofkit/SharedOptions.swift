import ArgumentParser
import MachineState

/// `--machine` and `--machines`, which every command that reads machine snapshots takes.
struct MachineOptions: ParsableArguments {
    @Option(name: .customLong("machine"), help: "A machine: a folder, or comma-separated .json/.reg/.mof files; repeatable.")
    var machines: [String] = []

    @Option(name: .customLong("machines"), help: "A fleet folder: each subfolder or snapshot file is one machine; repeatable.")
    var fleets: [String] = []

    /// Whether neither option was given.
    var isEmpty: Bool { machines.isEmpty && fleets.isEmpty }

    /// The `--machine` specifications followed by every machine of each `--machines` folder, and
    /// whether a folder could not be read (each such folder is reported on standard error).
    func specifications() -> (specifications: [String], unreadableFolder: Bool) {
        var specifications = machines
        var unreadable = false
        for fleet in fleets {
            do {
                specifications += try MachineLoader.fleetSpecifications(directory: fleet)
            } catch {
                Output.error(error.description)
                unreadable = true
            }
        }
        return (specifications, unreadable)
    }
}

/// `--color`, which every command that prints diagnostics takes.
struct ColorOption: ParsableArguments {
    @Option(help: "Colour diagnostics: auto (on a terminal without NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    /// Whether to colour what goes to `descriptor` (1: standard output, 2: standard error).
    func wanted(descriptor: Int32 = 1) -> Bool { Output.wantsColor(color, descriptor: descriptor) }
}
