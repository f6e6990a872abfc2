import MOFSyntax
import MofkitSource

/// A place between two top-level declarations of a document where a re-check can start again:
/// the parser can resume there, and the builder's state and the syntax diagnostics are those of
/// the declarations before it.
struct DocumentCheckpoint: Sendable {
    /// Where parsing resumes (the end of a declaration).
    var textOffset: Int
    /// The end of the text the parser may have looked at before reaching the point (the next few
    /// tokens after it): the checkpoint serves an edited text whose first change is after this.
    var safeEnd: Int
    /// The builder after the declarations before the point.
    var builder: ModelBuilder
    /// How many of the chunk (lexical and syntax) diagnostics come before the point.
    var chunkDiagnosticCount: Int
}

/// What a document check keeps so the next check of an edited text can skip the unchanged start.
struct DocumentAnalysisState: Sendable {
    /// The decoded text checked.
    var source: SourceFile
    /// Its lexical and syntax diagnostics, declaration by declaration (decoding ones apart).
    var chunkDiagnostics: [Diagnostic]
    /// Points to start again from, in text order.
    var checkpoints: [DocumentCheckpoint]

    /// Tokens after a resume point the parser may look at before it finishes the declaration
    /// before the point (it peeks a token or two): the checkpoint's `safeEnd` covers this many.
    static let lookaheadMargin = 8
    /// At most this many checkpoints per document: each costs a copy of the model's arrays on the
    /// builder's next change, and keeps that copy (together about 16 times the model's arrays).
    static func maximumCheckpoints(textSize: Int) -> Int { textSize > 8_000_000 ? 8 : 12 }
    /// Checkpoints are at least this many bytes apart.
    static let minimumSpacing = 8 * 1024

    /// The last checkpoint that is still valid for `text`, the decoded edited text: the text up
    /// to its `safeEnd` is unchanged.
    func lastUsableCheckpoint(for text: [UInt8]) -> Int? {
        guard let last = checkpoints.last else { return nil }
        // The first byte that differs, looked for only as far as the checkpoints reach.
        let limit = min(text.count, source.text.count, last.safeEnd + 3)
        let firstChange = text.withUnsafeBufferPointer { new in
            source.text.withUnsafeBufferPointer { old in
                var index = 0
                // Eight bytes at a time up to the first differing word, then byte by byte.
                if let a = UnsafeRawPointer(new.baseAddress), let b = UnsafeRawPointer(old.baseAddress) {
                    while index + 8 <= limit,
                        a.loadUnaligned(fromByteOffset: index, as: UInt64.self) == b.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    {
                        index += 8
                    }
                }
                while index < limit, new[index] == old[index] { index += 1 }
                return index
            }
        }
        var found: Int?
        // A byte or two past the end of a token decide where the lexer ends it: keep them unchanged too.
        for (index, checkpoint) in checkpoints.enumerated() where checkpoint.safeEnd + 2 < firstChange { found = index }
        return found
    }
}

extension MOFSemanticAnalyzer {
    /// The check of one document's text, as ``analyzeFiles(_:base:options:load:overlay:)`` makes it
    /// for the same text given as an overlay, keeping checkpoints: with the state of the check of an
    /// earlier version of the text, the declarations before the first change are not parsed or
    /// built again.
    ///
    /// `nil` when the text has a `#pragma include` to follow: the loader's path handles includes.
    static func analyzeDocument(
        path: String, source: SourceFile, base: MOFSemanticModel, options: MOFSemanticOptions,
        followIncludes: Bool, previous: DocumentAnalysisState?
    ) -> (MOFAnalysis, MOFSyntaxCheckResult, DocumentAnalysisState)? {
        var builder: ModelBuilder
        var chunkDiagnostics: [Diagnostic]
        var checkpoints: [DocumentCheckpoint]
        var resumeAt: Int?
        if let previous, let index = previous.lastUsableCheckpoint(for: source.text) {
            let checkpoint = previous.checkpoints[index]
            builder = checkpoint.builder
            chunkDiagnostics = Array(previous.chunkDiagnostics[..<checkpoint.chunkDiagnosticCount])
            checkpoints = Array(previous.checkpoints[...index])
            resumeAt = checkpoint.textOffset
        } else {
            builder = ModelBuilder(model: base, options: options, reporting: true)
            builder.origin = .compilation
            builder.process(.beginFile(path: path))
            chunkDiagnostics = []
            checkpoints = []
        }
        let spacing = max(DocumentAnalysisState.minimumSpacing, source.text.count / DocumentAnalysisState.maximumCheckpoints(textSize: source.text.count))
        var pending: (offset: Int, builder: ModelBuilder, diagnosticCount: Int, tokensSeen: Int)?
        var includes = false
        let spanSource = SpanSource(source)
        MOFParser.parseDeclarations(source, resumingAt: resumeAt) { tree, resumePoint in
            guard !includes else { return }
            if followIncludes && tree.hasIncludePragma {
                includes = true
                return
            }
            chunkDiagnostics.append(contentsOf: tree.diagnostics)
            let conversion = SyntaxConversion(tree: tree, source: spanSource, skipIncludes: true)
            for declaration in tree.root.declarations {
                if let converted = conversion.declaration(declaration) { builder.process(converted) }
            }
            if var waiting = pending {
                waiting.tokensSeen += tree.tokens.count
                if waiting.tokensSeen >= DocumentAnalysisState.lookaheadMargin {
                    checkpoints.append(DocumentCheckpoint(
                        textOffset: waiting.offset, safeEnd: tree.textRange.upperBound, builder: waiting.builder,
                        chunkDiagnosticCount: waiting.diagnosticCount))
                    pending = nil
                } else {
                    pending = waiting
                }
            }
            if pending == nil, let resumePoint, resumePoint - (checkpoints.last?.textOffset ?? 0) >= spacing {
                pending = (resumePoint, builder, chunkDiagnostics.count, 0)
            }
        }
        if includes { return nil }
        let sources = [path: source]
        let syntax = MOFSyntaxCheckResult(sources: sources, diagnostics: source.decodingDiagnostics + chunkDiagnostics, unreadable: [])
        builder.model.sources.merge(sources) { a, _ in a }
        builder.finish()
        var diagnostics = builder.diagnostics
        if options.inventoryChecks {
            var inventory = InventoryChecker(model: builder.model, options: options)
            diagnostics += inventory.run()
        }
        let state = DocumentAnalysisState(source: source, chunkDiagnostics: chunkDiagnostics, checkpoints: checkpoints)
        return (MOFAnalysis(model: builder.model, diagnostics: diagnostics), syntax, state)
    }
}

/// What the check of one document keeps for the check of its next version: the checkpoints of
/// ``MOFSemanticAnalyzer/analyzeDocument(path:text:base:options:load:overlay:previous:)``.
///
/// Hand it only to the next check of the same path with the same base model and options; the
/// checkpoints hold the model built on that base.
public struct MOFDocumentCheckState: Sendable {
    let state: DocumentAnalysisState
    /// The path the state's text was checked as.
    public var path: String { state.source.path }
}

extension MOFSemanticAnalyzer {
    /// The check of one document's text, as ``analyzeFiles(_:base:options:load:overlay:)`` makes it
    /// with `text` in the overlay, and the state for checking the next version of the text from
    /// the first change (the language server's edit loop).
    ///
    /// A text with a `#pragma include` is checked whole through the loader (its includes read from
    /// `overlay` or disk), and no state is returned.
    public static func analyzeDocument(
        path: String, text: [UInt8], base: MOFSemanticModel, options: MOFSemanticOptions = MOFSemanticOptions(),
        load: MOFLoadOptions = MOFLoadOptions(), overlay: MOFSourceOverlay = MOFSourceOverlay(),
        previous: MOFDocumentCheckState? = nil
    ) -> (MOFAnalysis, MOFSyntaxCheckResult, MOFDocumentCheckState?) {
        let reusable = previous?.path == path ? previous?.state : nil
        if let (analysis, syntax, state) = analyzeDocument(
            path: path, source: SourceFile(path: path, bytes: text), base: base, options: options,
            followIncludes: load.followIncludes, previous: reusable)
        {
            return (analysis, syntax, MOFDocumentCheckState(state: state))
        }
        var overlay = overlay
        overlay.set(path: path, text: text)
        let (analysis, syntax) = analyzeFiles([path], base: base, options: options, load: load, overlay: overlay)
        return (analysis, syntax, nil)
    }
}
