import ArgumentParser

// Placeholder: replaced by the real `mofkit check` command.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "(not built yet)")
    func run() throws { throw ExitCode(2) }
}
