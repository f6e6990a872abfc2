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
        ])
}
