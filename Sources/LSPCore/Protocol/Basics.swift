/// A position: zero-based line and character, the character counted in the negotiated
/// ``PositionEncodingKind`` units.
public struct Position: Codable, Sendable, Hashable, Comparable {
    public var line: Int
    public var character: Int
    public init(line: Int, character: Int) { self.line = line; self.character = character }
    public static func < (a: Position, b: Position) -> Bool { (a.line, a.character) < (b.line, b.character) }
}

/// A half-open range of positions.
public struct LSPRange: Codable, Sendable, Hashable {
    public var start: Position
    public var end: Position
    public init(start: Position, end: Position) { self.start = start; self.end = end }
    public func contains(_ position: Position) -> Bool { start <= position && position <= end }
}

/// A range in a document.
public struct Location: Codable, Sendable, Hashable {
    public var uri: String
    public var range: LSPRange
    public init(uri: String, range: LSPRange) { self.uri = uri; self.range = range }
}

/// A replacement of a range by new text.
public struct TextEdit: Codable, Sendable, Hashable {
    public var range: LSPRange
    public var newText: String
    public init(range: LSPRange, newText: String) { self.range = range; self.newText = newText }
}

/// How `Position.character` counts (LSP 3.17 `PositionEncodingKind`).
public enum PositionEncodingKind: String, Codable, Sendable, Hashable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case utf32 = "utf-32"
}

/// Identifies a document.
public struct TextDocumentIdentifier: Codable, Sendable, Hashable {
    public var uri: String
    public init(uri: String) { self.uri = uri }
}

/// A document at a version.
public struct VersionedTextDocumentIdentifier: Codable, Sendable, Hashable {
    public var uri: String
    public var version: Int
    public init(uri: String, version: Int) { self.uri = uri; self.version = version }
}

/// Params of every request that names a position in a document.
public struct TextDocumentPositionParams: Codable, Sendable, Hashable {
    public var textDocument: TextDocumentIdentifier
    public var position: Position
    public init(textDocument: TextDocumentIdentifier, position: Position) {
        self.textDocument = textDocument
        self.position = position
    }
}

/// Markup for hovers and documentation.
public struct MarkupContent: Codable, Sendable, Hashable {
    public var kind: String
    public var value: String
    public init(markdown: String) { kind = "markdown"; value = markdown }
}
