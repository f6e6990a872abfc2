import ArgumentParser

// Placeholder: replaced by the real `mofkit format` command.
struct FormatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "format", abstract: "(not built yet)")
    func run() throws { throw ExitCode(2) }
}
