import MOFSyntax
import MofkitSource

/// The full check of one document, kept so the document can be checked again after an edit: what
/// an editor or language server holds per open file.
///
/// The context (the bundled client picture and the `--schema` files) is loaded and turned into a
/// model once, when the first check is made; ``rechecked(newText:)`` hands it on. A check also
/// keeps checkpoints between top-level declarations (the parser's resume point, the model
/// builder's state and the syntax diagnostics so far, about every 1/32 of the text): a re-check
/// starts from the last checkpoint before the first changed byte, so only the declarations from
/// there on are parsed and built again; the checks over the whole model (aliases, the inventory
/// checks) run whole. A re-check gives exactly what a first check of the same text gives
/// (`Benchmarks/mof-recheck.sh` measures it). A text with a `#pragma include` is checked whole
/// each time, through the loader that follows the include.
///
/// ```swift
/// var check = MOFDocumentCheck(path: "/site/SMS_def.mof", text: savedText)
/// check = check.rechecked(newText: editedText)   // on every change
/// for diagnostic in check.diagnostics { … }
/// ```
///
/// The diagnostics are those `mofkit check PATH` prints for the same text, in the same order
/// (the `--schema` files' syntax problems first). Includes are read from disk, relative to `path`.
public struct MOFDocumentCheck: Sendable {
    /// The path the text is checked as (in diagnostics, and the folder includes are found from).
    public let path: String
    /// The options of the check; `together` and `schemaPaths` apply to the context, loaded once.
    public let options: MOFCheckOptions
    /// The result of checking ``text``: the sources, every diagnostic, unreadable includes.
    public let result: MOFSyntaxCheckResult
    /// The model built from ``text`` on top of the context.
    public let model: MOFSemanticModel
    /// The text last checked.
    public let text: String

    /// The context model and the syntax check of the context files, shared by every re-check.
    let context: Context

    struct Context: Sendable {
        var base: MOFSemanticModel
        var syntax: MOFSyntaxCheckResult
    }

    /// Checks `text` as the contents of `path`, loading the context `options` names.
    public init(path: String, text: String, options: MOFCheckOptions = MOFCheckOptions()) {
        let (loaded, syntax) = MOFChecker.loadContext(schemaPaths: options.schemaPaths, load: options.load)
        let context = Context(base: MOFSemanticAnalyzer.baseModel(context: loaded), syntax: syntax)
        self.init(path: path, text: text, options: options, context: context)
    }

    /// What the next check of an edited text reuses (`nil` for a text with includes).
    let incremental: MOFDocumentCheckState?

    init(path: String, text: String, options: MOFCheckOptions, context: Context, previous: MOFDocumentCheckState? = nil) {
        self.path = path
        self.options = options
        self.text = text
        self.context = context
        let semanticOptions = MOFSemanticOptions(strict: options.strict, inventoryChecks: options.inventoryChecks)
        // A text without includes is checked with checkpoints, so the next check can start at the
        // first change; one with includes goes through the loader, which follows them.
        let (analysis, syntax, state) = MOFSemanticAnalyzer.analyzeDocument(
            path: path, text: Array(text.utf8), base: context.base, options: semanticOptions, load: options.load,
            previous: previous)
        incremental = state
        var result = context.syntax
        result.sources.merge(syntax.sources) { a, _ in a }
        result.diagnostics += syntax.diagnostics
        result.unreadable += syntax.unreadable
        result.diagnostics += analysis.diagnostics
        self.result = result
        self.model = analysis.model
    }

    /// The check of `newText`, the document after an edit, reusing this check's context (the
    /// bundled and `--schema` model is not rebuilt). `self` is left as it was.
    public func rechecked(newText: String) -> MOFDocumentCheck {
        MOFDocumentCheck(path: path, text: newText, options: options, context: context, previous: incremental)
    }

    /// Every diagnostic of the last check (shorthand for `result.diagnostics`).
    public var diagnostics: [Diagnostic] { result.diagnostics }
}
