import Applicability
import ArgumentParser
import DiagnosticRendering
import MachineState
import MofkitSource
import UpdateCatalog

/// `mofkit eval --catalog CAT --machine SNAP… [--explain UPDATE] [--format text|json]`: per update,
/// installed / missing / not-applicable / superseded / unknown on each machine, and why.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a catalog's applicability rules on machine snapshots: installed, missing, not applicable, superseded or unknown.",
        discussion: """
            Every update of the catalog (Updates Publisher catalog or .sdp, wsusscn2 package.xml or fragments, \
            mssecure.xml, or a .cab holding one) is evaluated on each machine. Statuses: installed; missing \
            (applicable, not installed); not-applicable; superseded (missing, but a newer update that applies \
            supersedes it); unknown (the snapshot lacks data a rule needs; the reason names it). \
            Rules are three-valued: And(false, unknown) is false, Or(true, unknown) is true. \
            Semantics and every choice where the schemas are silent: Docs/evaluation.md.

            --explain UPDATE (an update id or KB number) prints the evaluation trace of that update on each \
            machine instead: every rule, what it saw, its result, '*' marking the rule that decided.

            Exit status: 0; 1 when the catalog or a snapshot has errors (results are still printed); \
            2 when a file cannot be read, the update to explain does not exist, or the arguments are wrong.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .customLong("catalog"), help: "The catalog file.")
    var catalog: String

    @OptionGroup var machineOptions: MachineOptions

    @Option(help: "Print the evaluation trace of this update (id or KB number).")
    var explain: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Flag(help: "Leave not-applicable updates out of the listing (they are still counted).")
    var hideNotApplicable = false

    @OptionGroup var evaluation: EvaluationOptionGroup

    @OptionGroup var color: ColorOption

    func validate() throws {
        if machineOptions.isEmpty { throw ValidationError("name at least one --machine or --machines folder") }
    }

    func run() throws {
        let options = try evaluation.evaluationOptions()
        let (compiled, summary) = CompiledCatalog.load(path: catalog, options: options)
        var diagnostics = summary.diagnostics
        let unreadableCatalog = summary.diagnostics.contains { $0.code == CatalogCode.readFailed }
        var failedToRead = false
        if compiled.updates.isEmpty {
            diagnostics.append(Self.diagnostic(EvalCode.catalogUnusable, .error, "catalog \(catalog) holds no updates", file: catalog))
        }
        let (specifications, unreadableFolder) = machineOptions.specifications()
        if unreadableFolder { failedToRead = true }
        var sources: [String: SourceFile] = [:]
        var views: [MachineView] = []
        for specification in specifications {
            let machine = MachineLoader.load(specification: specification)
            for problem in machine.unreadable { Output.error("machine \(specification): \(problem)") }
            failedToRead = failedToRead || !machine.unreadable.isEmpty
            diagnostics += machine.diagnostics
            sources.merge(machine.sources) { old, _ in old }
            views.append(MachineView(machine.snapshot))
        }
        report(diagnostics, sources: sources)
        if unreadableCatalog { throw ExitCode(2) }
        let evaluator = CatalogEvaluator(compiled)
        if let explain {
            guard let index = compiled.updateIndex(explain) else {
                Output.error("\(EvalCode.noSuchUpdate.rawValue): the catalog has no update '\(explain)'")
                throw ExitCode(2)
            }
            for view in views {
                let explanation = evaluator.explain(index, on: view)
                Output.standardOutput(format == .json ? explanation.json() : explanation.text())
            }
        } else {
            let results = views.map { evaluator.evaluate($0) }
            let listing = EvaluationListing(catalogPath: catalog, catalog: compiled, results: results, hideNotApplicable: hideNotApplicable)
            Output.standardOutput(format == .json ? listing.json() : listing.text())
        }
        if failedToRead { throw ExitCode(2) }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }

    static func diagnostic(_ code: DiagnosticCode, _ severity: Severity, _ message: String, file: String) -> Diagnostic {
        let location = SourceLocation(line: 1, column: 1, offset: 0)
        return Diagnostic(code: code, severity: severity, message: message, range: SourceRange(file: file, start: location, end: location))
    }

    func report(_ diagnostics: [Diagnostic], sources known: [String: SourceFile]) {
        let shown = Diagnostic.sortedForOutput(diagnostics)
        guard !shown.isEmpty else { return }
        Output.standardError(TextDiagnosticRenderer(useColor: color.wanted(descriptor: 2)).render(shown, sources: known))
    }
}
