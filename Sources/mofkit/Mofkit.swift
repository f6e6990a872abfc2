import ArgumentParser

/// The `mofkit` command: each subcommand is one small type in its own file; all real work is done
/// by the libraries.
@main
struct Mofkit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mofkit",
        abstract: "Check, format and compile MOF files; read software-update catalogs.",
        version: "0.1.0",
        subcommands: [
            CheckCommand.self,
            FormatCommand.self,
            DumpTreeCommand.self,
            ExplainCommand.self,
            CatalogCommand.self,
            RulesCommand.self,
            GenCommand.self,
            InventoryCommand.self,
            EvalCommand.self,
            ScanCommand.self,
            CollectionCommand.self,
            LSPCommand.self,
            ReportCommand.self,
        ])

    /// Runs the command; usage errors exit with status 2 (as every subcommand documents) instead
    /// of ArgumentParser's default 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                Output.standardError(fullMessage(for: error) + "\n")
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
