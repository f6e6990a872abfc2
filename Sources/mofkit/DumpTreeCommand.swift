import ArgumentParser

// Placeholder: replaced by the real `mofkit dump-tree` command.
struct DumpTreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dump-tree", abstract: "(not built yet)")
    func run() throws { throw ExitCode(2) }
}
