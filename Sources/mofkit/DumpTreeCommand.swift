import ArgumentParser
import DiagnosticRendering
import MOFSyntax
import MofkitSource

/// `mofkit dump-tree FILE`: print the lossless syntax tree, for debugging the parser.
struct DumpTreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump-tree",
        abstract: "Print the syntax tree of a MOF file.",
        discussion: """
            The tree goes to standard output; diagnostics found while parsing go to standard error. \
            Exit status 2 when the file cannot be read, otherwise 0.
            """)

    @Argument(help: "The MOF file; '-' reads standard input.")
    var file: String

    @OptionGroup var encoding: EncodingOption

    func run() throws {
        let source: SourceFile
        do {
            source = try SourceFile.read(path: file, encoding: encoding.encoding)
        } catch {
            Output.error("cannot read '\(error.path)': \(error.reason)")
            throw ExitCode(2)
        }
        let tree = MOFParser.parse(source)
        Output.standardOutput(tree.dump())
        var seen = Set<Diagnostic>()
        let diagnostics = (source.decodingDiagnostics + tree.diagnostics).filter { seen.insert($0).inserted }
        if !diagnostics.isEmpty {
            let renderer = TextDiagnosticRenderer(useColor: Output.wantsColor(.auto, descriptor: 2))
            Output.standardError(renderer.render(diagnostics, sources: [source.path: source]))
        }
    }
}
