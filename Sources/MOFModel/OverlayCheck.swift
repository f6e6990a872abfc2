import MOFSyntax
import MofkitSource

extension MOFSemanticAnalyzer {
    /// ``analyzeFiles(_:base:options:load:)`` with unsaved editor text: files in `overlay` (named
    /// or included) are read from it instead of the disk. What a language server checks.
    public static func analyzeFiles(
        _ paths: [String], base: MOFSemanticModel, options: MOFSemanticOptions = MOFSemanticOptions(),
        load: MOFLoadOptions = MOFLoadOptions(), overlay: MOFSourceOverlay
    ) -> (MOFAnalysis, MOFSyntaxCheckResult) {
        var builder = ModelBuilder(model: base, options: options, reporting: true)
        builder.origin = .compilation
        var syntax = MOFSyntaxCheckResult()
        var spans = SpanSourceCache()
        for path in paths {
            builder.process(.beginFile(path: path))
            let summary = MOFLoader.forEachDeclaration(paths: [path], options: load, overlay: overlay) { source, tree in
                let conversion = SyntaxConversion(tree: tree, source: spans.source(for: source), skipIncludes: true)
                for declaration in tree.root.declarations {
                    if let converted = conversion.declaration(declaration) { builder.process(converted) }
                }
            }
            syntax.sources.merge(summary.sources) { a, _ in a }
            syntax.diagnostics += summary.diagnostics
            syntax.unreadable += summary.unreadable
        }
        builder.model.sources.merge(syntax.sources) { a, _ in a }
        builder.finish()
        var diagnostics = builder.diagnostics
        if options.inventoryChecks {
            var inventory = InventoryChecker(model: builder.model, options: options)
            diagnostics += inventory.run()
        }
        return (MOFAnalysis(model: builder.model, diagnostics: diagnostics), syntax)
    }
}
