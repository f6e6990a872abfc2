import MofkitSource

// CONTRACT STUB — the signatures the CLI builds against. The MOFSyntax owner replaces the bodies
// (and may move these declarations into their proper files), keeping the signatures source-compatible.

/// How `#pragma include` is handled while loading.
public struct MOFLoadOptions: Sendable, Hashable {
    /// Directories searched, in order, after the including file's own directory (`-I DIR`).
    public var includeSearchPaths: [String]
    /// `false` skips `#pragma include` entirely (`--no-includes`).
    public var followIncludes: Bool

    public init(includeSearchPaths: [String] = [], followIncludes: Bool = true) {
        self.includeSearchPaths = includeSearchPaths
        self.followIncludes = followIncludes
    }
}

/// The result of syntax-checking one or more files and everything they include.
public struct MOFSyntaxCheckResult: Sendable {
    /// Every file read (named and included), keyed by the path used in diagnostics.
    public var sources: [String: SourceFile]
    /// Every diagnostic, decoding and include problems included.
    public var diagnostics: [Diagnostic]
    /// Files named by the user that could not be read at all (the CLI exits with status 2).
    public var unreadable: [FileReadError]

    public init(sources: [String: SourceFile] = [:], diagnostics: [Diagnostic] = [], unreadable: [FileReadError] = []) {
        self.sources = sources
        self.diagnostics = diagnostics
        self.unreadable = unreadable
    }
}

public enum MOFSyntaxChecker {
    /// Reads, decodes and parses `paths` (`-` is standard input) and the files they include.
    public static func check(paths: [String], options: MOFLoadOptions) -> MOFSyntaxCheckResult {
        MOFSyntaxCheckResult()
    }

    /// The explanation of every code this module emits.
    public static let descriptors: [DiagnosticDescriptor] = []
}

/// A parsed file: a lossless syntax tree plus the diagnostics found while building it.
public struct SyntaxTree: Sendable {
    public let source: SourceFile
    public var diagnostics: [Diagnostic] { [] }

    /// The tree printed back: `source.encode(printedText())` equals the input bytes.
    public func printedText() -> [UInt8] { source.text }

    /// A stable, indented text dump of the tree, for debugging and golden tests.
    public func dump() -> String { "" }
}

public enum MOFParser {
    /// Parses one file. Never throws: problems become diagnostics and missing/unexpected nodes.
    public static func parse(_ source: SourceFile) -> SyntaxTree { SyntaxTree(source: source) }
}

/// The canonical pretty printer behind `mofkit format`.
public enum MOFFormatter {
    /// Formats a tree; the result is UTF-8 text. Idempotent; comments are kept.
    public static func format(_ tree: SyntaxTree) -> [UInt8] { tree.printedText() }
}
