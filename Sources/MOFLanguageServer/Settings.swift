import LSPCore

/// The server's settings, from `initializationOptions` and `workspace/didChangeConfiguration`
/// (either the object itself or under a `mofkit` member):
///
/// ```json
/// { "strict": false, "includePaths": ["/path/to/includes"], "schemaFiles": ["/path/cim.mof"] }
/// ```
public struct ServerSettings: Sendable, Hashable {
    /// `--strict`: undeclared classes and qualifiers are errors.
    public var strict = false
    /// `-I DIR`: folders searched for `#pragma include` files.
    public var includePaths: [String] = []
    /// `--schema FILE|DIR`: more MOF loaded as context.
    public var schemaFiles: [String] = []

    /// Defaults (those of `mofkit check` with no flags).
    public init() {}

    /// Settings read from a JSON value; members that are absent or of the wrong type keep `base`'s value.
    public init(_ value: LSPAny?, base: ServerSettings = ServerSettings()) {
        self = base
        guard var value else { return }
        if let nested = value["mofkit"], case .object = nested { value = nested }
        if let strict = value["strict"]?.boolValue { self.strict = strict }
        if let paths = value["includePaths"]?.arrayValue { includePaths = paths.compactMap(\.stringValue) }
        if let files = value["schemaFiles"]?.arrayValue { schemaFiles = files.compactMap(\.stringValue) }
    }
}
