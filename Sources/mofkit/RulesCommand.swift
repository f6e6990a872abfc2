import ArgumentParser
import DiagnosticRendering
import InventoryRules
import MOFModel
import MOFSyntax
import MofkitSource

/// `mofkit rules FILE… [--schema …] [--format json|text]`: the collection rules a client's
/// hardware inventory agent follows for the reported classes.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Compile MOF to the inventory collection rules a ConfigMgr client follows.",
        discussion: """
            The files are compiled as one compilation (configuration.mof + SMS_def.mof) on top of the \
            bundled client context and any --schema files. Diagnostics go to standard error; exit status \
            1 when there are errors (the rules are still written), 2 when a file cannot be read. The JSON \
            form is described in Docs/rules-json.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, text }

    @Argument(help: "MOF files (- for standard input).")
    var files: [String]

    @Option(name: .customLong("schema"), help: "More MOF loaded as context (a file, or a directory of .mof files); repeatable.")
    var schemas: [String] = []

    @Option(help: "Output format: json or text.")
    var format: Format = .json

    @Option(name: .customShort("I"), help: "Directory searched for #pragma include files; repeatable.")
    var includeDirectories: [String] = []

    @Flag(name: .customLong("no-includes"), help: "Do not follow #pragma include.")
    var noIncludes = false

    @OptionGroup var encoding: EncodingOption

    func run() throws {
        let load = MOFLoadOptions(includeSearchPaths: includeDirectories, followIncludes: !noIncludes, encoding: encoding.encoding)
        let result = InventoryRulesLoader.rules(paths: files, schemaPaths: schemas, load: load)
        for problem in result.unreadable { Output.error(problem) }
        let shown = Diagnostic.sortedForOutput(result.diagnostics.filter { $0.severity != .note })
        if !shown.isEmpty {
            var sources: [String: SourceFile] = [:]
            for diagnostic in shown where sources[diagnostic.range.file] == nil {
                sources[diagnostic.range.file] = try? SourceFile.read(path: diagnostic.range.file, encoding: encoding.encoding)
            }
            Output.standardError(TextDiagnosticRenderer(useColor: Output.wantsColor(.auto, descriptor: 2)).render(shown, sources: sources))
        }
        if !result.unreadable.isEmpty { throw ExitCode(2) }
        Output.standardOutput(format == .json ? result.rules.jsonText() : result.rules.text())
        if shown.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
