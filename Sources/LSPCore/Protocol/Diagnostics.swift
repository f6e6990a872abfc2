/// An LSP diagnostic.
public struct LSPDiagnostic: Codable, Sendable, Hashable {
    public struct RelatedInformation: Codable, Sendable, Hashable {
        public var location: Location
        public var message: String
        public init(location: Location, message: String) { self.location = location; self.message = message }
    }
    public struct CodeDescription: Codable, Sendable, Hashable {
        public var href: String
    }
    public var range: LSPRange
    /// 1 error, 2 warning, 3 information, 4 hint.
    public var severity: Int
    public var code: String
    public var source: String
    public var message: String
    public var relatedInformation: [RelatedInformation]?
    public init(range: LSPRange, severity: Int, code: String, source: String, message: String,
                relatedInformation: [RelatedInformation]?) {
        self.range = range; self.severity = severity; self.code = code; self.source = source
        self.message = message; self.relatedInformation = relatedInformation
    }
}

/// `textDocument/publishDiagnostics`.
public struct PublishDiagnosticsParams: Codable, Sendable {
    public var uri: String
    public var version: Int?
    public var diagnostics: [LSPDiagnostic]
    public init(uri: String, version: Int?, diagnostics: [LSPDiagnostic]) {
        self.uri = uri; self.version = version; self.diagnostics = diagnostics
    }
}
