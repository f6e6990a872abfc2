/// `textDocument/hover` result.
public struct Hover: Codable, Sendable {
    public var contents: MarkupContent
    public var range: LSPRange?
    public init(contents: MarkupContent, range: LSPRange?) { self.contents = contents; self.range = range }
}

/// `textDocument/references` params.
public struct ReferenceParams: Codable, Sendable {
    public struct Context: Codable, Sendable { public var includeDeclaration: Bool }
    public var textDocument: TextDocumentIdentifier
    public var position: Position
    public var context: Context?
}

/// `textDocument/documentSymbol` params (and every request that names only a document).
public struct DocumentParams: Codable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public init(textDocument: TextDocumentIdentifier) { self.textDocument = textDocument }
}

/// A hierarchical symbol.
public struct DocumentSymbol: Codable, Sendable {
    public var name: String
    public var detail: String?
    /// LSP `SymbolKind`: 3 namespace, 5 class, 6 method, 7 property, 13 variable, 19 object.
    public var kind: Int
    public var range: LSPRange
    public var selectionRange: LSPRange
    public var children: [DocumentSymbol]?
    public init(name: String, detail: String?, kind: Int, range: LSPRange, selectionRange: LSPRange, children: [DocumentSymbol]?) {
        self.name = name; self.detail = detail; self.kind = kind; self.range = range
        self.selectionRange = selectionRange; self.children = children
    }
}

/// A completion item.
public struct CompletionItem: Codable, Sendable, Hashable {
    public var label: String
    /// LSP `CompletionItemKind`: 7 class, 10 property, 14 keyword, 12 value, 15 snippet, 25 type parameter.
    public var kind: Int
    public var detail: String?
    public var insertText: String?
    /// 1 plain text, 2 snippet.
    public var insertTextFormat: Int?
    public init(label: String, kind: Int, detail: String? = nil, insertText: String? = nil, insertTextFormat: Int? = nil) {
        self.label = label; self.kind = kind; self.detail = detail; self.insertText = insertText
        self.insertTextFormat = insertTextFormat
    }
}

/// `textDocument/completion` result.
public struct CompletionList: Codable, Sendable {
    public var isIncomplete: Bool
    public var items: [CompletionItem]
    public init(isIncomplete: Bool, items: [CompletionItem]) { self.isIncomplete = isIncomplete; self.items = items }
}

/// `textDocument/formatting` params.
public struct DocumentFormattingParams: Codable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var options: LSPAny?
}

/// `textDocument/rangeFormatting` params.
public struct DocumentRangeFormattingParams: Codable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var range: LSPRange
    public var options: LSPAny?
}

/// `textDocument/codeAction` params.
public struct CodeActionParams: Codable, Sendable {
    public struct Context: Codable, Sendable {
        public var diagnostics: [LSPDiagnostic]
        public var only: [String]?
    }
    public var textDocument: TextDocumentIdentifier
    public var range: LSPRange
    public var context: Context
}

/// Edits to documents.
public struct WorkspaceEdit: Codable, Sendable {
    public var changes: [String: [TextEdit]]
    public init(changes: [String: [TextEdit]]) { self.changes = changes }
}

/// A code action.
public struct CodeAction: Codable, Sendable {
    public var title: String
    public var kind: String
    public var diagnostics: [LSPDiagnostic]?
    public var isPreferred: Bool?
    public var edit: WorkspaceEdit
    public init(title: String, kind: String, diagnostics: [LSPDiagnostic]?, isPreferred: Bool?, edit: WorkspaceEdit) {
        self.title = title; self.kind = kind; self.diagnostics = diagnostics; self.isPreferred = isPreferred; self.edit = edit
    }
}

/// The token types and modifiers `semanticTokens` data indexes.
public struct SemanticTokensLegend: Codable, Sendable {
    public var tokenTypes: [String]
    public var tokenModifiers: [String]
    public init(tokenTypes: [String], tokenModifiers: [String]) { self.tokenTypes = tokenTypes; self.tokenModifiers = tokenModifiers }
}

/// `textDocument/semanticTokens/full` result: five integers a token, relative to the previous one.
public struct SemanticTokens: Codable, Sendable {
    public var data: [Int]
    public init(data: [Int]) { self.data = data }
}
