import ArgumentParser

// Placeholder: replaced by the real `mofkit catalog` command.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "catalog", abstract: "(not built yet)")
    func run() throws { throw ExitCode(2) }
}
