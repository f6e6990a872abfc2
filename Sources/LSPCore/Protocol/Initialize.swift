/// `initialize` params: only what the server reads.
public struct InitializeParams: Codable, Sendable {
    public var processId: Int?
    public var rootUri: String?
    public var capabilities: ClientCapabilities
    public var initializationOptions: LSPAny?
    public init(processId: Int? = nil, rootUri: String? = nil, capabilities: ClientCapabilities = ClientCapabilities(),
                initializationOptions: LSPAny? = nil) {
        self.processId = processId
        self.rootUri = rootUri
        self.capabilities = capabilities
        self.initializationOptions = initializationOptions
    }
}

/// The client capabilities the server looks at.
public struct ClientCapabilities: Codable, Sendable {
    public struct General: Codable, Sendable {
        public var positionEncodings: [String]?
        public init(positionEncodings: [String]? = nil) { self.positionEncodings = positionEncodings }
    }
    public var general: General?
    public init(general: General? = nil) { self.general = general }
}

/// `initialize` result.
public struct InitializeResult: Codable, Sendable {
    public struct ServerInfo: Codable, Sendable {
        public var name: String
        public var version: String?
    }
    public var capabilities: ServerCapabilities
    public var serverInfo: ServerInfo
    public init(capabilities: ServerCapabilities, name: String, version: String?) {
        self.capabilities = capabilities
        self.serverInfo = ServerInfo(name: name, version: version)
    }
}

/// What the server can do.
public struct ServerCapabilities: Codable, Sendable {
    public struct TextDocumentSyncOptions: Codable, Sendable {
        public var openClose: Bool
        /// 1 full, 2 incremental.
        public var change: Int
        public init(openClose: Bool, change: Int) { self.openClose = openClose; self.change = change }
    }
    public struct CompletionOptions: Codable, Sendable {
        public var triggerCharacters: [String]
        public init(triggerCharacters: [String]) { self.triggerCharacters = triggerCharacters }
    }
    public struct CodeActionOptions: Codable, Sendable {
        public var codeActionKinds: [String]
        public init(codeActionKinds: [String]) { self.codeActionKinds = codeActionKinds }
    }
    public struct SemanticTokensOptions: Codable, Sendable {
        public var legend: SemanticTokensLegend
        public var full: Bool
        public init(legend: SemanticTokensLegend, full: Bool) { self.legend = legend; self.full = full }
    }

    public var positionEncoding: PositionEncodingKind
    public var textDocumentSync: TextDocumentSyncOptions
    public var hoverProvider: Bool
    public var definitionProvider: Bool
    public var referencesProvider: Bool
    public var documentSymbolProvider: Bool
    public var completionProvider: CompletionOptions
    public var documentFormattingProvider: Bool
    public var documentRangeFormattingProvider: Bool
    public var codeActionProvider: CodeActionOptions
    public var semanticTokensProvider: SemanticTokensOptions

    public init(positionEncoding: PositionEncodingKind, textDocumentSync: TextDocumentSyncOptions, hoverProvider: Bool,
                definitionProvider: Bool, referencesProvider: Bool, documentSymbolProvider: Bool,
                completionProvider: CompletionOptions, documentFormattingProvider: Bool,
                documentRangeFormattingProvider: Bool, codeActionProvider: CodeActionOptions,
                semanticTokensProvider: SemanticTokensOptions) {
        self.positionEncoding = positionEncoding
        self.textDocumentSync = textDocumentSync
        self.hoverProvider = hoverProvider
        self.definitionProvider = definitionProvider
        self.referencesProvider = referencesProvider
        self.documentSymbolProvider = documentSymbolProvider
        self.completionProvider = completionProvider
        self.documentFormattingProvider = documentFormattingProvider
        self.documentRangeFormattingProvider = documentRangeFormattingProvider
        self.codeActionProvider = codeActionProvider
        self.semanticTokensProvider = semanticTokensProvider
    }
}

/// `workspace/didChangeConfiguration` params.
public struct DidChangeConfigurationParams: Codable, Sendable {
    public var settings: LSPAny?
    public init(settings: LSPAny?) { self.settings = settings }
}
