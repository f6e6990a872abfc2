import MofkitSource

// The signatures the CLI builds against. The syntax tree and parser live in SyntaxTree.swift,
// loading and checking in Loader.swift.

/// How `#pragma include` is handled while loading.
public struct MOFLoadOptions: Sendable, Hashable {
    /// Directories searched, in order, after the including file's own directory (`-I DIR`).
    public var includeSearchPaths: [String]
    /// `false` skips `#pragma include` entirely (`--no-includes`).
    public var followIncludes: Bool
    /// How the named and included files are decoded (`--encoding`); detected by default.
    public var encoding: EncodingChoice

    /// Options; the defaults follow includes, search no extra directories and detect encodings.
    public init(includeSearchPaths: [String] = [], followIncludes: Bool = true, encoding: EncodingChoice = .auto) {
        self.includeSearchPaths = includeSearchPaths
        self.followIncludes = followIncludes
        self.encoding = encoding
    }
}

/// The result of syntax-checking one or more files and everything they include.
public struct MOFSyntaxCheckResult: Sendable {
    /// Every file read (named and included), keyed by the path used in diagnostics.
    public var sources: [String: SourceFile]
    /// Every diagnostic, decoding and include problems included.
    public var diagnostics: [Diagnostic]
    /// Files named by the user that could not be read at all (the CLI exits with status 2).
    public var unreadable: [FileSystemError]

    /// A result; empty by default.
    public init(sources: [String: SourceFile] = [:], diagnostics: [Diagnostic] = [], unreadable: [FileSystemError] = []) {
        self.sources = sources
        self.diagnostics = diagnostics
        self.unreadable = unreadable
    }
}
