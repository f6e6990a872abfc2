import LSPCore
import MOFModel
import MOFSyntax
import MofkitSource
import Synchronization

/// The check of one open document against a snapshot of every open document: the same check
/// `mofkit check FILE` runs (syntax, semantics, inventory), with the editors' unsaved text standing
/// in for the files on disk.
public struct DocumentAnalysis: Sendable {
    /// The document checked.
    public var uri: String
    /// Its path (diagnostics name it in `SourceRange.file`).
    public var path: String
    /// The version checked.
    public var version: Int
    /// The text checked.
    public var document: TextDocument
    /// Every diagnostic of the compilation (this file and the files it includes), as `check` gives them.
    public var diagnostics: [Diagnostic]
    /// The model of the compilation (context included).
    public var model: MOFSemanticModel
    /// Every file read, by path.
    public var sources: [String: SourceFile]

    /// Diagnostics located in the document itself.
    public var ownDiagnostics: [Diagnostic] { diagnostics.filter { $0.range.file == path } }

    /// Whether the compilation read `path` (the document itself or an include).
    public func reads(_ path: String) -> Bool { sources[path] != nil }
}

/// What a check needs: the settings' base model and the open documents.
public struct CheckSnapshot: Sendable {
    /// The document to check.
    public var document: TextDocument
    /// Every open document (the checked one included), by path.
    public var openDocuments: [String: TextDocument]
    /// The settings.
    public var settings: ServerSettings
    /// The context model for these settings.
    public var base: MOFSemanticModel
    /// The syntax diagnostics of the `schemaFiles`.
    public var schemaDiagnostics: [Diagnostic]
}

/// Runs checks.
public enum CheckEngine {
    /// The context model for `settings` (bundled context plus schema files) and the schema files' diagnostics.
    public static func baseModel(for settings: ServerSettings) -> (MOFSemanticModel, [Diagnostic]) {
        let load = MOFLoadOptions(includeSearchPaths: settings.includePaths)
        let (context, result) = MOFChecker.loadContext(schemaPaths: settings.schemaFiles, load: load)
        return (MOFSemanticAnalyzer.baseModel(context: context), result.diagnostics)
    }

    /// Checks `snapshot.document`. With `states`, a document without includes is checked from the
    /// first change since its last check (the checkpoints of that check are kept in `states`).
    public static func check(_ snapshot: CheckSnapshot, states: DocumentCheckStates? = nil) -> DocumentAnalysis {
        let path = DocumentURI.path(of: snapshot.document.uri)
        var overlay = MOFSourceOverlay()
        for (openPath, document) in snapshot.openDocuments where openPath != path { overlay.set(path: openPath, text: document.text) }
        let load = MOFLoadOptions(includeSearchPaths: snapshot.settings.includePaths)
        let options = MOFSemanticOptions(strict: snapshot.settings.strict)
        let analysis: MOFAnalysis
        let syntax: MOFSyntaxCheckResult
        if let states, snapshot.document.text.count <= DocumentCheckStates.largestDocument {
            let previous = states.take(snapshot.document.uri, settings: snapshot.settings)
            let state: MOFDocumentCheckState?
            (analysis, syntax, state) = MOFSemanticAnalyzer.analyzeDocument(
                path: path, text: snapshot.document.text, base: snapshot.base, options: options, load: load,
                overlay: overlay, previous: previous)
            if let state { states.store(snapshot.document.uri, settings: snapshot.settings, state) }
        } else {
            // Checked whole, without checkpoints: making them costs a larger document more memory
            // while the check runs (each one's copy of the builder's arrays) than the server may use.
            overlay.set(path: path, text: snapshot.document.text)
            (analysis, syntax) = MOFSemanticAnalyzer.analyzeFiles([path], base: snapshot.base, options: options,
                                                                   load: load, overlay: overlay)
        }
        return DocumentAnalysis(uri: snapshot.document.uri, path: path, version: snapshot.document.version,
                                document: snapshot.document,
                                diagnostics: snapshot.schemaDiagnostics + syntax.diagnostics + analysis.diagnostics,
                                model: analysis.model, sources: syntax.sources)
    }
}

/// The checkpoints of each open document's last check, for checking its next version from the first
/// change. Shared by the handling thread and the check thread.
public final class DocumentCheckStates: Sendable {
    /// Documents larger than this are checked whole each time: their checkpoints (copies of the
    /// model builder's arrays) would cost more memory than the server may use (10 times the
    /// documents; the 64 MB benchmark document went from 9.5 to 10.5 times with them).
    public static let largestDocument = 16 * 1024 * 1024

    private struct Entry: Sendable {
        var settings: ServerSettings
        var state: MOFDocumentCheckState
    }

    private let states = Mutex<[String: Entry]>([:])

    /// An empty store.
    public init() {}

    /// The state of `uri`'s last check under `settings`, taken out of the store (a state checked
    /// under other settings was built on another base model, and is dropped).
    func take(_ uri: String, settings: ServerSettings) -> MOFDocumentCheckState? {
        states.withLock { states in
            guard let entry = states.removeValue(forKey: uri), entry.settings == settings else { return nil }
            return entry.state
        }
    }

    func store(_ uri: String, settings: ServerSettings, _ state: MOFDocumentCheckState) {
        states.withLock { $0[uri] = Entry(settings: settings, state: state) }
    }

    /// Forgets `uri` (the document was closed).
    func remove(_ uri: String) {
        states.withLock { $0[uri] = nil }
    }
}
