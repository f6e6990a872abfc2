import ArgumentParser
import MOFSyntax
import MofkitSource

/// `mofkit check FILE...`: syntax-check MOF files and the files they include.
///
/// Diagnostics go to standard output in every format (text too, so `mofkit check x.mof | less`
/// shows them); only failures to read a named file go to standard error.
/// Exit status: 0 clean (warnings allowed), 1 errors (or warnings with `--warnings-as-errors`),
/// 2 usage error or a named file that cannot be read.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check MOF files for errors.",
        discussion: """
            Diagnostics are written to standard output, in every format. Exit status: 0 when there \
            are no errors, 1 when there are errors (or warnings with --warnings-as-errors), 2 for a \
            usage error or a file that cannot be read.
            """)

    @Argument(help: "MOF files to check; '-' reads standard input.")
    var files: [String]

    @Option(name: [.customShort("I", allowingJoined: true), .customLong("include-dir")],
            help: ArgumentHelp("Search DIR for '#pragma include' files (repeatable).", valueName: "DIR"))
    var includeDirectories: [String] = []

    @Flag(name: .customLong("no-includes"), help: "Do not follow '#pragma include'.")
    var noIncludes = false

    @Option(help: "Output format: text, json or sarif.")
    var format: DiagnosticFormat = .text

    @Flag(help: "Report warnings as errors (and exit 1 when there are any).")
    var warningsAsErrors = false

    @Option(help: "Colour text output: auto (on a terminal without NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one file to check ('-' for standard input).") }
    }

    func run() throws {
        let options = MOFLoadOptions(includeSearchPaths: includeDirectories, followIncludes: !noIncludes)
        let result = MOFSyntaxChecker.check(paths: files, options: options)
        for failure in result.unreadable {
            Output.error("cannot read '\(failure.path)': \(failure.reason)")
        }
        var diagnostics = result.diagnostics
        if warningsAsErrors {
            diagnostics = diagnostics.map { diagnostic in
                var diagnostic = diagnostic
                if diagnostic.severity == .warning { diagnostic.severity = .error }
                return diagnostic
            }
        }
        // JSON and SARIF always get a document (possibly empty) so pipelines can parse stdout.
        let color = format == .text && Output.wantsColor(color)
        Output.standardOutput(format.render(diagnostics, sources: result.sources, color: color))
        if !result.unreadable.isEmpty { throw ExitCode(2) }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
