import Dispatch
import Foundation
import LSPCore
import MOFModel
import MOFSyntax
import MofkitSource

/// What the server's loop handles: client traffic, and checks finished in the background.
public enum ServerEvent: Sendable {
    /// From the transport.
    case transport(TransportEvent)
    /// A background check finished.
    case checked(DocumentAnalysis)
}

/// The MOF language server: documents, settings, checks and features, behind the protocol.
///
/// One thread (``run(transport:)``'s caller) owns the state and handles events in order; checks of
/// changed documents run on a background thread against a snapshot, and their results come back as
/// events. A result for a version the document has left is dropped, never published.
public final class LanguageServer: @unchecked Sendable {
    /// Where checks run.
    public enum CheckScheduling: Sendable {
        /// On the background check thread (the server).
        case background
        /// At once, on the handling thread (tests: every notification's diagnostics are out when
        /// ``handle(_:)`` returns).
        case inline
    }

    enum Phase { case uninitialized, running, shutDown }

    private let send: @Sendable ([UInt8]) -> Void
    private let cancellations: CancellationTracker
    private let scheduling: CheckScheduling
    private let events = EventQueue<ServerEvent>()
    private let checkThread = CheckThread()
    private let latest = LatestVersions()
    private let running = RunningChecks()
    /// Each open document's last checkpoints: an edit is checked from its first change.
    private let checkStates = DocumentCheckStates()

    private var phase = Phase.uninitialized
    private var encoding = PositionEncodingKind.utf16
    private var settings = ServerSettings()
    private var base: (settings: ServerSettings, model: MOFSemanticModel, diagnostics: [Diagnostic])?
    private var documents: [String: TextDocument] = [:]
    /// The last check of each document, while it is still the document's version (dropped at the
    /// first edit: a request on a newer version never reads it, and keeping it would keep its model
    /// alive beside the one the next check builds).
    private var analyses: [String: DocumentAnalysis] = [:]
    /// The paths the last check of each document read, kept when its analysis is dropped: a change
    /// to one of them re-checks the document.
    private var readPaths: [String: Set<String>] = [:]
    private var tokenViews: [String: (version: Int, view: TokenView)] = [:]
    private var published: [String: Int] = [:]
    private var pendingChecks: Set<String> = []
    /// Set by `exit` (0 after `shutdown`, 1 otherwise) or the end of input.
    public private(set) var exitCode: Int32?

    /// A server writing messages with `send`.
    public init(send: @escaping @Sendable ([UInt8]) -> Void, cancellations: CancellationTracker = CancellationTracker(),
                scheduling: CheckScheduling = .background) {
        self.send = send
        self.cancellations = cancellations
        self.scheduling = scheduling
    }

    deinit { checkThread.stop() }

    /// Serves `transport` until `exit` or the end of input; returns the exit status.
    public func run(transport: StreamTransport) -> Int32 {
        let events = self.events
        transport.start { events.push(.transport($0)) }
        while exitCode == nil {
            handle(events.pop())
            if events.isEmpty { flushChecks() }
        }
        return exitCode ?? 1
    }

    /// Handles one event. With ``CheckScheduling/inline`` the checks it causes run before it returns.
    public func handle(_ event: ServerEvent) {
        switch event {
        case .transport(.endOfInput):
            exitCode = phase == .shutDown ? 0 : 1
        case .transport(.invalid(let failure)):
            send(OutgoingMessage.error(id: failure.id, failure.error))
        case .transport(.message(let message)):
            handle(message)
        case .checked(let analysis):
            accept(analysis)
        }
        if scheduling == .inline { flushChecks() }
    }

    /// Handles one framed body (tests and fuzzing drive the server with this).
    public func handle(body: [UInt8]) {
        StreamTransport.route(.message(body), cancellations: cancellations) { handle(.transport($0)) }
    }

    // MARK: Dispatch

    private func handle(_ message: IncomingMessage) {
        switch message.kind {
        case .response:
            return  // the server sends no requests that need an answer
        case .notification:
            handleNotification(message)
        case .request(let id):
            if cancellations.take(id) {
                send(OutgoingMessage.error(id: id, .cancelled))
                return
            }
            handleRequest(message, id: id)
        }
    }

    private func handleNotification(_ message: IncomingMessage) {
        if message.method == "exit" {
            exitCode = phase == .shutDown ? 0 : 1
            return
        }
        guard phase == .running else { return }  // notifications before initialize are dropped
        do {
            switch message.method {
            case "initialized": break
            case "textDocument/didOpen":
                let params = try message.params(DidOpenTextDocumentParams.self)
                let item = params.textDocument
                documents[item.uri] = TextDocument(uri: item.uri, version: item.version, text: Array(item.text.utf8))
                changed(item.uri)
            case "textDocument/didChange":
                let params = try message.params(DidChangeTextDocumentParams.self)
                let uri = params.textDocument.uri
                guard documents[uri] != nil else { return }
                // Drop the old version's analysis and tokens first: they share the text's buffer,
                // which the edit would otherwise copy whole.
                analyses[uri] = nil
                tokenViews[uri] = nil
                guard var document = documents.removeValue(forKey: uri) else { return }
                for change in params.contentChanges { document.apply(change, encoding: encoding) }
                document.version = params.textDocument.version
                documents[document.uri] = document
                changed(document.uri)
            case "textDocument/didClose":
                let params = try message.params(DidCloseTextDocumentParams.self)
                let uri = params.textDocument.uri
                documents[uri] = nil
                analyses[uri] = nil
                readPaths[uri] = nil
                tokenViews[uri] = nil
                published[uri] = nil
                pendingChecks.remove(uri)
                latest.set(uri, nil)
                running.reset(uri)
                checkStates.remove(uri)
                send(DiagnosticsJSON.notification(PublishDiagnosticsParams(uri: uri, version: nil, diagnostics: [])))
                // Files that included it read the disk again.
                let path = DocumentURI.path(of: uri)
                for (other, paths) in readPaths where paths.contains(path) { pendingChecks.insert(other) }
            case "textDocument/didSave":
                break
            case "workspace/didChangeConfiguration":
                let params = try message.params(DidChangeConfigurationParams.self)
                settings = ServerSettings(params.settings, base: settings)
                analyses.removeAll()
                for uri in documents.keys { running.reset(uri) }
                pendingChecks.formUnion(documents.keys)
            default:
                break  // unknown notifications (`$/…` included) are ignored, as the protocol asks
            }
        } catch {
            // A notification cannot be answered; bad params are ignored.
        }
    }

    private func handleRequest(_ message: IncomingMessage, id: RequestID) {
        switch phase {
        case .uninitialized:
            guard message.method == "initialize" else {
                send(OutgoingMessage.error(id: id, ResponseError(code: ResponseError.serverNotInitialized, message: "server not initialized")))
                return
            }
            respond(id) { () throws(ResponseError) in try initialize(message.params(InitializeParams.self)) }
            return
        case .shutDown:
            send(OutgoingMessage.error(id: id, ResponseError(code: ResponseError.invalidRequest, message: "the server is shut down")))
            return
        case .running:
            break
        }
        switch message.method {
        case "initialize":
            send(OutgoingMessage.error(id: id, ResponseError(code: ResponseError.invalidRequest, message: "initialize was already called")))
        case "shutdown":
            phase = .shutDown
            send(OutgoingMessage.response(id: id, result: LSPAny?.none))
        case "textDocument/hover":
            respond(id) { () throws(ResponseError) in
                let params = try message.params(TextDocumentPositionParams.self)
                return try input(params.textDocument.uri).hover(at: params.position)
            }
        case "textDocument/definition":
            respond(id) { () throws(ResponseError) in
                let params = try message.params(TextDocumentPositionParams.self)
                return try input(params.textDocument.uri).definition(at: params.position)
            }
        case "textDocument/references":
            respond(id) { () throws(ResponseError) in
                let params = try message.params(ReferenceParams.self)
                return try input(params.textDocument.uri).references(at: params.position, includeDeclaration: params.context?.includeDeclaration ?? true)
            }
        case "textDocument/documentSymbol":
            respond(id) { () throws(ResponseError) in
                try input(message.params(DocumentParams.self).textDocument.uri).documentSymbols()
            }
        case "textDocument/completion":
            respond(id) { () throws(ResponseError) in
                let params = try message.params(TextDocumentPositionParams.self)
                return try input(params.textDocument.uri).completion(at: params.position)
            }
        case "textDocument/formatting":
            respond(id) { () throws(ResponseError) in
                try input(message.params(DocumentFormattingParams.self).textDocument.uri).formatting()
            }
        case "textDocument/rangeFormatting":
            respond(id) { () throws(ResponseError) in
                let params = try message.params(DocumentRangeFormattingParams.self)
                return try input(params.textDocument.uri).rangeFormatting(params.range)
            }
        case "textDocument/codeAction":
            respond(id) { () throws(ResponseError) in
                let params = try message.params(CodeActionParams.self)
                return try input(params.textDocument.uri).codeActions(in: params.range)
            }
        case "textDocument/semanticTokens/full":
            respond(id) { () throws(ResponseError) in
                try input(message.params(DocumentParams.self).textDocument.uri).semanticTokens()
            }
        default:
            send(OutgoingMessage.error(id: id, .methodNotFound(message.method)))
        }
    }

    /// Runs `body` and answers `id` with its result or error; a request cancelled meanwhile gets
    /// `RequestCancelled` instead.
    private func respond<R: Encodable>(_ id: RequestID, _ body: () throws(ResponseError) -> R?) {
        do {
            let result = try body()
            if cancellations.take(id) {
                send(OutgoingMessage.error(id: id, .cancelled))
            } else {
                send(OutgoingMessage.response(id: id, result: result))
            }
        } catch {
            _ = cancellations.take(id)
            send(OutgoingMessage.error(id: id, error))
        }
    }

    private func initialize(_ params: InitializeParams) -> InitializeResult {
        let offered = params.capabilities.general?.positionEncodings ?? []
        encoding = offered.contains(PositionEncodingKind.utf8.rawValue) ? .utf8 : .utf16
        settings = ServerSettings(params.initializationOptions)
        phase = .running
        let capabilities = ServerCapabilities(
            positionEncoding: encoding,
            textDocumentSync: .init(openClose: true, change: 2),
            hoverProvider: true, definitionProvider: true, referencesProvider: true, documentSymbolProvider: true,
            completionProvider: .init(triggerCharacters: ["[", ",", ":", "\"", "\\", " "]),
            documentFormattingProvider: true, documentRangeFormattingProvider: true,
            codeActionProvider: .init(codeActionKinds: ["quickfix", "refactor"]),
            semanticTokensProvider: .init(legend: FeatureInput.semanticTokenLegend, full: true))
        return InitializeResult(capabilities: capabilities, name: "mofkit", version: "0.1.0")
    }

    // MARK: Documents and checks

    /// A document changed: check it, and every open document whose last check read it.
    private func changed(_ uri: String) {
        pendingChecks.insert(uri)
        let path = DocumentURI.path(of: uri)
        for (other, paths) in readPaths where other != uri && paths.contains(path) { pendingChecks.insert(other) }
    }

    private func baseModel() -> (MOFSemanticModel, [Diagnostic]) {
        if let base, base.settings == settings { return (base.model, base.diagnostics) }
        let (model, diagnostics) = CheckEngine.baseModel(for: settings)
        base = (settings, model, diagnostics)
        return (model, diagnostics)
    }

    private func snapshot(of document: TextDocument) -> CheckSnapshot {
        let (model, diagnostics) = baseModel()
        var open: [String: TextDocument] = [:]
        for (uri, other) in documents { open[DocumentURI.path(of: uri)] = other }
        return CheckSnapshot(document: document, openDocuments: open, settings: settings, base: model, schemaDiagnostics: diagnostics)
    }

    /// Starts (or, inline, runs) the checks of changed documents.
    private func flushChecks() {
        guard !pendingChecks.isEmpty else { return }
        let uris = pendingChecks.sorted()
        pendingChecks.removeAll()
        for uri in uris {
            guard let document = documents[uri] else { continue }
            // A re-check of the same version (an include or the settings changed) is published too.
            published[uri] = nil
            let snapshot = self.snapshot(of: document)
            switch scheduling {
            case .inline:
                accept(CheckEngine.check(snapshot, states: checkStates))
            case .background:
                latest.set(uri, document.version)
                running.start(uri, version: document.version)
                let latest = self.latest
                let events = self.events
                let running = self.running
                let states = self.checkStates
                let version = document.version
                checkThread.async {
                    // A newer version is queued: this one would only be dropped.
                    guard latest.get(uri) == version else {
                        running.finish(uri, version: version, nil)
                        return
                    }
                    let analysis = CheckEngine.check(snapshot, states: states)
                    running.finish(uri, version: version, analysis)
                    events.push(.checked(analysis))
                    // The whole-file tree hover, completion and the other requests read is parsed
                    // by the first of them (``input(_:)``), not here: parsing it after every check
                    // cost as much again as a fifth of the check, and its tree and the parser's
                    // buffers about 8 times the text, for edits nobody hovers between.
                }
            }
        }
    }

    /// Stores a finished check and publishes its diagnostics, unless the document moved on.
    private func accept(_ analysis: DocumentAnalysis) {
        running.forget(analysis.uri, version: analysis.version)
        guard let document = documents[analysis.uri], document.version == analysis.version,
              document.text.count == analysis.document.text.count else { return }
        analyses[analysis.uri] = analysis
        readPaths[analysis.uri] = Set(analysis.sources.keys)
        publish(analysis)
    }

    private func publish(_ analysis: DocumentAnalysis) {
        if published[analysis.uri] == analysis.version { return }
        published[analysis.uri] = analysis.version
        let mapper = RangeMapper(analysis: analysis, encoding: encoding)
        let diagnostics = Diagnostic.sortedForOutput(analysis.ownDiagnostics).map(mapper.diagnostic)
        send(DiagnosticsJSON.notification(PublishDiagnosticsParams(uri: analysis.uri, version: analysis.version, diagnostics: diagnostics)))
    }

    /// The feature input of `uri` at its current version (checked now if the last check is older).
    private func input(_ uri: String) throws(ResponseError) -> FeatureInput {
        guard let document = documents[uri] else {
            throw ResponseError(code: ResponseError.invalidParams, message: "document not open: \(uri)")
        }
        var analysis = analyses[uri]
        if analysis?.version != document.version {
            // The background check of this version, when one is running or queued, rather than a
            // second check of the same text.
            if let checked = running.wait(uri, version: document.version) {
                accept(checked)
                analysis = analyses[uri]
            }
        }
        if analysis?.version != document.version {
            let fresh = CheckEngine.check(snapshot(of: document), states: checkStates)
            // Checked against the current state: a check still pending for it is done.
            pendingChecks.remove(uri)
            accept(fresh)
            analysis = fresh
        }
        guard let analysis else { throw ResponseError(code: ResponseError.internalError, message: "no analysis") }
        let view: TokenView
        if let cached = tokenViews[uri], cached.version == document.version {
            view = cached.view
        } else {
            view = TokenView(tree: MOFParser.parse(SourceFile(path: analysis.path, bytes: document.text)))
            tokenViews[uri] = (document.version, view)
        }
        return FeatureInput(analysis: analysis, tokens: view, encoding: encoding)
    }

    // MARK: Inspection (tests, fuzzing)

    /// The text the server holds for `uri`.
    public func text(of uri: String) -> [UInt8]? { documents[uri]?.text }
}

/// Where background checks run: one long-lived thread, in order.
///
/// One thread rather than a dispatch queue, whose blocks may run on any worker thread: glibc's
/// malloc gives each thread its own arena, and a model freed in one arena is not reused by a check
/// building the next model in another. With the checks on worker threads, the 64 MB benchmark
/// document made the server peak at 1.5 GB; with every model built in one arena, the memory the
/// previous model freed is what the next one reuses.
final class CheckThread: @unchecked Sendable {
    private enum Job: Sendable {
        case run(@Sendable () -> Void)
        case stop
    }

    private let jobs = EventQueue<Job>()
    private let lock = NSLock()
    private var started = false

    /// Runs `body` on the check thread, after the jobs queued before it (the thread starts with the first job).
    func async(_ body: @escaping @Sendable () -> Void) {
        lock.lock()
        if !started {
            started = true
            let jobs = self.jobs
            let thread = Thread {
                while case .run(let job) = jobs.pop() { job() }
            }
            thread.stackSize = 1 << 23
            thread.start()
        }
        lock.unlock()
        jobs.push(.run(body))
    }

    /// Ends the thread once the queued jobs have run.
    func stop() {
        lock.lock(); defer { lock.unlock() }
        if started { jobs.push(.stop) }
    }
}

/// The background checks started and not yet accepted, per document, shared with the check
/// queue: a request on a version whose check is under way waits for it instead of checking the
/// same text again.
final class RunningChecks: @unchecked Sendable {
    private let condition = NSCondition()
    private var checks: [String: (version: Int, done: Bool, analysis: DocumentAnalysis?)] = [:]

    /// A check of `uri` at `version` was queued.
    func start(_ uri: String, version: Int) {
        condition.lock(); checks[uri] = (version, false, nil); condition.unlock()
    }

    /// The check of `uri` at `version` ended with `analysis` (nil: skipped, a newer version came).
    func finish(_ uri: String, version: Int, _ analysis: DocumentAnalysis?) {
        condition.lock()
        if checks[uri]?.version == version { checks[uri] = (version, true, analysis) }
        condition.broadcast()
        condition.unlock()
    }

    /// Forgets the check of `uri`: its document closed, or the settings it ran with changed.
    func reset(_ uri: String) {
        condition.lock(); checks[uri] = nil; condition.unlock()
    }

    /// The server took the result: the entry no longer holds the analysis alive.
    func forget(_ uri: String, version: Int) {
        condition.lock()
        if checks[uri]?.version == version, checks[uri]?.done == true { checks[uri] = nil }
        condition.unlock()
    }

    /// Waits for the check of `uri` at `version`, when one was started; nil when none was or it was skipped.
    func wait(_ uri: String, version: Int) -> DocumentAnalysis? {
        condition.lock()
        defer { condition.unlock() }
        while let check = checks[uri], check.version == version, !check.done { condition.wait() }
        guard let check = checks[uri], check.version == version else { return nil }
        checks[uri] = nil
        return check.analysis
    }
}

/// The newest version asked to be checked, per document, shared with the check queue.
final class LatestVersions: @unchecked Sendable {
    private let lock = NSLock()
    private var versions: [String: Int] = [:]
    func set(_ uri: String, _ version: Int?) { lock.lock(); versions[uri] = version; lock.unlock() }
    func get(_ uri: String) -> Int? { lock.lock(); defer { lock.unlock() }; return versions[uri] }
}
