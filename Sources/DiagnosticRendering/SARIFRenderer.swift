import MofkitSource

/// Renders diagnostics as a SARIF 2.1.0 log that GitHub code scanning accepts: one run whose
/// `tool.driver.rules` come from `DiagnosticDescriptor`s, one result per diagnostic, notes as
/// `relatedLocations`, fix-its as `fixes`, and `columnKind` `unicodeCodePoints` (columns are Unicode
/// scalars, `endColumn` exclusive). Paths become relative URIs with forward slashes, percent-encoded.
/// Rules, artifacts and results are sorted, so equal input gives equal bytes.
public struct SARIFRenderer: Sendable {
    /// `tool.driver.version` of the log.
    public var toolVersion: String
    /// The tool's home page (`tool.driver.informationUri`); left out of the log when nil.
    public var informationURI: String?
    /// Every rule the tool knows; codes used by diagnostics but missing here get a bare rule.
    public var descriptors: [DiagnosticDescriptor]
    /// Absolute paths under this directory are written relative to it; other absolute paths become
    /// `file://` URIs.
    public var baseDirectory: String?
    /// Indents the log by two spaces; otherwise it is one line.
    public var pretty: Bool

    /// A renderer for `toolVersion` that knows the rules in `descriptors`.
    public init(
        toolVersion: String, informationURI: String? = nil, descriptors: [DiagnosticDescriptor],
        baseDirectory: String? = nil, pretty: Bool = true
    ) {
        self.toolVersion = toolVersion
        self.informationURI = informationURI
        self.descriptors = descriptors
        self.baseDirectory = baseDirectory
        self.pretty = pretty
    }

    /// The log for `diagnostics` found in `files` (every file read).
    public func render(_ diagnostics: [Diagnostic], files: [String]) -> String {
        let sorted = Diagnostic.sortedForOutput(diagnostics)

        var rulesByCode: [DiagnosticCode: JSONValue] = [:]
        for descriptor in descriptors where rulesByCode[descriptor.code] == nil {
            rulesByCode[descriptor.code] = SARIFRenderer.rule(descriptor)
        }
        for diagnostic in sorted where rulesByCode[diagnostic.code] == nil {
            rulesByCode[diagnostic.code] = .object([
                ("id", .string(diagnostic.code.rawValue)),
                ("shortDescription", .object([("text", .string(diagnostic.code.rawValue))])),
                ("defaultConfiguration", .object([("level", .string(SARIFRenderer.level(diagnostic.severity)))])),
            ])
        }
        let ruleCodes = rulesByCode.keys.sorted()
        var ruleIndex: [DiagnosticCode: Int] = [:]
        for (index, code) in ruleCodes.enumerated() { ruleIndex[code] = index }

        var paths = Set(files)
        for diagnostic in sorted {
            paths.insert(diagnostic.range.file)
            for note in diagnostic.notes { if let range = note.range { paths.insert(range.file) } }
            for fixIt in diagnostic.fixIts { paths.insert(fixIt.range.file) }
        }
        let artifactPaths = paths.sorted()
        var artifactIndex: [String: Int] = [:]
        for (index, path) in artifactPaths.enumerated() { artifactIndex[path] = index }

        func artifactLocation(_ path: String) -> JSONValue {
            .object([
                ("uri", .string(SARIFRenderer.uri(forPath: path, baseDirectory: baseDirectory))),
                ("index", .int(artifactIndex[path] ?? 0)),
            ])
        }
        func physicalLocation(_ range: SourceRange) -> JSONValue {
            var members: [(String, JSONValue)] = [("artifactLocation", artifactLocation(range.file))]
            if let region = SARIFRenderer.region(range) { members.append(("region", region)) }
            return .object(members)
        }

        let results: [JSONValue] = sorted.map { diagnostic in
            var members: [(String, JSONValue)] = [
                ("ruleId", .string(diagnostic.code.rawValue)),
                ("ruleIndex", .int(ruleIndex[diagnostic.code] ?? 0)),
                ("level", .string(SARIFRenderer.level(diagnostic.severity))),
                ("message", .object([("text", .string(diagnostic.message))])),
                ("locations", .array([.object([("physicalLocation", physicalLocation(diagnostic.range))])])),
            ]
            if !diagnostic.notes.isEmpty {
                members.append(("relatedLocations", .array(diagnostic.notes.enumerated().map { index, note in
                    var location: [(String, JSONValue)] = [("id", .int(index))]
                    if let range = note.range { location.append(("physicalLocation", physicalLocation(range))) }
                    location.append(("message", .object([("text", .string(note.message))])))
                    return .object(location)
                })))
            }
            if !diagnostic.fixIts.isEmpty {
                members.append(("fixes", .array(diagnostic.fixIts.map { fixIt in
                    .object([
                        ("description", .object([("text", .string(fixIt.message.isEmpty ? "replace" : fixIt.message))])),
                        ("artifactChanges", .array([.object([
                            ("artifactLocation", artifactLocation(fixIt.range.file)),
                            ("replacements", .array([.object([
                                ("deletedRegion", SARIFRenderer.region(fixIt.range) ?? .object([
                                    ("startLine", .int(1)), ("startColumn", .int(1)),
                                    ("endLine", .int(1)), ("endColumn", .int(1)),
                                ])),
                                ("insertedContent", .object([("text", .string(fixIt.replacement))])),
                            ])])),
                        ])])),
                    ])
                })))
            }
            return .object(members)
        }

        var driverMembers: [(String, JSONValue)] = [("name", .string("mofkit")), ("version", .string(toolVersion))]
        if let informationURI { driverMembers.append(("informationUri", .string(informationURI))) }
        driverMembers.append(("rules", .array(ruleCodes.compactMap { rulesByCode[$0] })))
        let driver = JSONValue.object(driverMembers)
        let run = JSONValue.object([
            ("tool", .object([("driver", driver)])),
            ("artifacts", .array(artifactPaths.map { path in
                .object([("location", .object([("uri", .string(SARIFRenderer.uri(forPath: path, baseDirectory: baseDirectory)))]))])
            })),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(results)),
        ])
        let log = JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
        return log.text(style: pretty ? .indented : .compact) + "\n"
    }

    // MARK: Pieces

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    /// A region with 1-based lines and columns, `endColumn` exclusive; `nil` for a range without a line.
    static func region(_ range: SourceRange) -> JSONValue? {
        guard range.start.line >= 1 else { return nil }
        let startColumn = max(1, range.start.column)
        var endLine = range.end.line
        var endColumn = max(1, range.end.column)
        if endLine < range.start.line || (endLine == range.start.line && endColumn < startColumn) {
            endLine = range.start.line
            endColumn = startColumn
        }
        return .object([
            ("startLine", .int(range.start.line)),
            ("startColumn", .int(startColumn)),
            ("endLine", .int(endLine)),
            ("endColumn", .int(endColumn)),
        ])
    }

    static func rule(_ descriptor: DiagnosticDescriptor) -> JSONValue {
        let helpText = """
            \(descriptor.explanation)

            Wrong:
            \(descriptor.wrongExample)

            Right:
            \(descriptor.rightExample)
            """
        let helpMarkdown = """
            \(descriptor.explanation)

            Wrong:
            ```
            \(descriptor.wrongExample)
            ```

            Right:
            ```
            \(descriptor.rightExample)
            ```
            """
        return .object([
            ("id", .string(descriptor.code.rawValue)),
            ("name", .string(ruleName(descriptor.title))),
            ("shortDescription", .object([("text", .string(descriptor.title))])),
            ("fullDescription", .object([("text", .string(descriptor.explanation))])),
            ("help", .object([("text", .string(helpText)), ("markdown", .string(helpMarkdown))])),
            ("defaultConfiguration", .object([("level", .string(level(descriptor.defaultSeverity)))])),
        ])
    }

    /// A title as an identifier: "unterminated string literal" → "UnterminatedStringLiteral".
    static func ruleName(_ title: String) -> String {
        var name = ""
        var upperNext = true
        for character in title {
            if character.isLetter || character.isNumber {
                name += upperNext ? character.uppercased() : String(character)
                upperNext = false
            } else {
                upperNext = true
            }
        }
        return name
    }

    /// A path as a URI reference: forward slashes, `./` dropped, percent-encoded; relative to
    /// `baseDirectory` when under it; other absolute paths as `file://` URIs.
    public static func uri(forPath path: String, baseDirectory: String? = nil) -> String {
        var path = String(path.map { $0 == "\\" ? "/" : $0 })
        if path.hasPrefix("/") {
            if let baseDirectory, !baseDirectory.isEmpty {
                let base = baseDirectory.hasSuffix("/") ? baseDirectory : baseDirectory + "/"
                if path.hasPrefix(base) {
                    path.removeFirst(base.count)
                    return percentEncoded(path)
                }
            }
            return "file://" + percentEncoded(path)
        }
        while path.hasPrefix("./") { path.removeFirst(2) }
        return percentEncoded(path)
    }

    static func percentEncoded(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = String(byte, radix: 16, uppercase: true)
                result += "%" + (digits.count == 1 ? "0" : "") + digits
            }
        }
        return result
    }
}
