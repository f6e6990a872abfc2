import ArgumentParser

// Placeholder: replaced by the real `mofkit explain` command.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "(not built yet)")
    func run() throws { throw ExitCode(2) }
}
