import ArgumentParser
import DiagnosticRendering
import MOFModel
import MOFSyntax
import MofkitSource

/// `mofkit check FILE...`: check MOF files and the files they include — syntax, then the semantic
/// model (classes, qualifiers, instances against the bundled client context and any `--schema`
/// files) and the ConfigMgr/SMS inventory checks. `--syntax-only` stops after the syntax check.
///
/// Diagnostics go to standard output in every format (text too, so `mofkit check x.mof | less`
/// shows them); only failures to read a named file go to standard error, and — when standard error
/// is a terminal and `--quiet` is not given — one line saying a successful check succeeded.
/// Exit status: 0 clean (warnings allowed), 1 errors (or warnings with `--warnings-as-errors`),
/// 2 usage error or a named file that cannot be read.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check MOF files for errors.",
        discussion: """
            Checks syntax, then semantics: classes, superclasses, qualifiers, types, values and \
            instances against a bundled picture of a Windows client's WMI repository (and any --schema \
            files), plus the ConfigMgr/SMS hardware inventory rules (SMS_Report classes, RegProv and \
            RegPropProv contexts). By default a class mofkit cannot see may exist on the client (a \
            warning) and undeclared qualifiers are accepted (a note); --strict makes both errors, as \
            DSP0004 compilers do. Each file is checked on its own unless --together is given.

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

    @Flag(help: "Require everything to be declared (DSP0004): unknown classes and qualifiers become errors.")
    var strict = false

    @Option(name: .customLong("schema"),
            help: ArgumentHelp("More MOF loaded as context before the checked files: a file, or a directory of .mof files (repeatable).",
                               valueName: "FILE|DIR"))
    var schemaPaths: [String] = []

    @Flag(help: "Check the files as one compilation (e.g. configuration.mof + SMS_def.mof) instead of each on its own.")
    var together = false

    @Flag(name: .customLong("syntax-only"), help: "Check syntax only; skip the semantic and inventory checks.")
    var syntaxOnly = false

    @Option(help: "Output format: text, json or sarif.")
    var format: DiagnosticFormat = .text

    @Flag(help: "Report warnings as errors (and exit 1 when there are any).")
    var warningsAsErrors = false

    @OptionGroup var color: ColorOption

    @OptionGroup var encoding: EncodingOption

    @Flag(name: [.short, .long], help: "Do not print the 'checked N files' line on standard error after a successful check.")
    var quiet = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one file to check ('-' for standard input).") }
        if syntaxOnly && (strict || together || !schemaPaths.isEmpty) {
            throw ValidationError("--syntax-only skips the semantic checks; --strict, --schema and --together need them.")
        }
    }

    func run() throws {
        let load = MOFLoadOptions(includeSearchPaths: includeDirectories, followIncludes: !noIncludes,
                                  encoding: encoding.encoding)
        let result: MOFSyntaxCheckResult
        var models: [MOFSemanticModel] = []
        if syntaxOnly {
            result = MOFSyntaxChecker.check(paths: files, options: load)
        } else {
            (result, models) = MOFChecker.checkKeepingModels(paths: files, options: MOFCheckOptions(
                strict: strict, schemaPaths: schemaPaths, together: together, load: load))
        }
        // The models stay alive until the process exits: freeing them element by element would
        // only delay the exit (as compilers do, the process ends straight after printing).
        withExtendedLifetime(models) {
            Output.exitNow(status: report(result))
        }
    }

    /// Prints the diagnostics; returns the exit status.
    func report(_ result: MOFSyntaxCheckResult) -> Int32 {
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
        let color = format == .text && self.color.wanted()
        Output.standardOutput(format.render(diagnostics, sources: result.sources, color: color))
        if !result.unreadable.isEmpty { return 2 }
        let summary = DiagnosticSummary(diagnostics)
        if summary.errors > 0 { return 1 }
        // Success is said in one line, to a person only: not into a pipe or a file, nor with --quiet.
        if !quiet && isTerminal(2) {
            Output.standardError(summary.checkedLine(files: files.count) + "\n")
        }
        return 0
    }
}
