import Foundation
import MOFSyntax
import MofkitSource

/// Options of the full (syntax + semantic) check behind `mofkit check`.
public struct MOFCheckOptions: Sendable {
    /// `--strict`: everything must be declared, as DSP0004 compilers require.
    public var strict: Bool
    /// `--schema FILE|DIR` (repeatable): more MOF loaded as context before the checked files. A
    /// directory contributes the `.mof` files directly inside it, in name order.
    public var schemaPaths: [String]
    /// `--together`: the files are one compilation (configuration.mof + SMS_def.mof); otherwise
    /// each is checked on its own against the context.
    public var together: Bool
    /// Include handling (`-I`, `--no-includes`).
    public var load: MOFLoadOptions
    /// Run the ConfigMgr/SMS inventory checks.
    public var inventoryChecks: Bool

    /// Options; the defaults are those of `mofkit check` with no flags.
    public init(strict: Bool = false, schemaPaths: [String] = [], together: Bool = false,
                load: MOFLoadOptions = MOFLoadOptions(), inventoryChecks: Bool = true) {
        self.strict = strict
        self.schemaPaths = schemaPaths
        self.together = together
        self.load = load
        self.inventoryChecks = inventoryChecks
    }
}

/// The full check: the syntax check of MOFSyntax, then the semantic model and its checks.
public enum MOFChecker {
    /// Reads, parses and checks `paths`; the result has the same shape as the syntax check's
    /// (sources, every diagnostic, unreadable files).
    public static func check(paths: [String], options: MOFCheckOptions) -> MOFSyntaxCheckResult {
        checkKeepingModels(paths: paths, options: options).result
    }

    /// ``check(paths:options:)`` that also hands back the models it built. A command-line tool
    /// that exits right after printing keeps them alive until then: tearing down millions of
    /// model elements one by one costs as much as a tenth of the check, for nothing.
    public static func checkKeepingModels(paths: [String], options: MOFCheckOptions) -> (result: MOFSyntaxCheckResult, models: [MOFSemanticModel]) {
        var (context, result) = loadContext(schemaPaths: options.schemaPaths, load: options.load)
        let base = MOFSemanticAnalyzer.baseModel(context: context)
        let groups = options.together ? [paths] : paths.map { [$0] }
        let semanticOptions = MOFSemanticOptions(strict: options.strict, inventoryChecks: options.inventoryChecks)
        var models: [MOFSemanticModel] = [base]
        for group in groups where !group.isEmpty {
            let (analysis, syntax) = MOFSemanticAnalyzer.analyzeFiles(group, base: base, options: semanticOptions, load: options.load)
            result.sources.merge(syntax.sources) { a, _ in a }
            result.diagnostics += syntax.diagnostics
            result.unreadable += syntax.unreadable
            result.diagnostics += analysis.diagnostics
            models.append(analysis.model)
        }
        return (result, models)
    }

    /// The bundled context plus the `--schema` files, with the syntax check of those files.
    public static func loadContext(schemaPaths: [String], load: MOFLoadOptions = MOFLoadOptions()) -> (MOFContext, MOFSyntaxCheckResult) {
        var context = MOFContext.bundled
        var result = MOFSyntaxCheckResult()
        for schemaPath in schemaPaths {
            let (compilation, syntax) = MOFDeclarationLoader.load(paths: expandSchemaPath(schemaPath), options: load)
            result.diagnostics += syntax.diagnostics
            result.unreadable += syntax.unreadable
            result.sources.merge(syntax.sources) { a, _ in a }
            context.addSchema(compilation)
        }
        return (context, result)
    }

    /// A file as itself; a directory as the `.mof` files directly inside it, sorted.
    static func expandSchemaPath(_ path: String) -> [String] {
        guard FileSystem.isDirectory(path) else { return [path] }
        let names = (try? FileSystem.entries(of: path)) ?? []
        // An empty directory stays as itself, so reading it reports the problem.
        guard names.contains(where: { $0.lowercased().hasSuffix(".mof") }) else { return [path] }
        return names.filter { $0.lowercased().hasSuffix(".mof") }.sorted().map { path.hasSuffix("/") ? path + $0 : path + "/" + $0 }
    }
}
