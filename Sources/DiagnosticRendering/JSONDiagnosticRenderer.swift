import MofkitSource

/// Renders diagnostics as one JSON document (described in `Docs/diagnostics-json.md`):
///
/// ```json
/// {"mofkit": "0.1.0", "files": ["a.mof"],
///  "diagnostics": [{"code": "MOF1003", "severity": "error", "message": "…", "file": "a.mof",
///                   "start": {"line": 3, "column": 14, "offset": 40}, "end": {…},
///                   "notes": [{"message": "…", "file": "a.mof", "start": {…}, "end": {…}}],
///                   "fixIts": [{"message": "…", "file": "a.mof", "start": {…}, "end": {…}, "replacement": "…"}]}],
///  "summary": {"errors": 1, "warnings": 0, "notes": 0}}
/// ```
///
/// Members are always written in the order above and diagnostics in
/// `Diagnostic/sortedForOutput(_:)` order, so equal input gives equal bytes.
public struct JSONDiagnosticRenderer: Sendable {
    /// The value of the `"mofkit"` member: the version of the tool that wrote the document.
    public var toolVersion: String
    /// Indents by two spaces; otherwise everything is on one line. Either way the text ends in a line break.
    public var pretty: Bool

    /// A renderer writing `toolVersion` into each document.
    public init(toolVersion: String, pretty: Bool = true) {
        self.toolVersion = toolVersion
        self.pretty = pretty
    }

    /// The document for `diagnostics` found in `files` (every file read; sorted and de-duplicated
    /// together with the files the diagnostics name).
    public func render(_ diagnostics: [Diagnostic], files: [String]) -> String {
        let sorted = Diagnostic.sortedForOutput(diagnostics)
        let allFiles = Set(files).union(sorted.map(\.range.file)).sorted()
        let summary = DiagnosticSummary(diagnostics)
        let document = JSONValue.object([
            ("mofkit", .string(toolVersion)),
            ("files", .array(allFiles.map { .string($0) })),
            ("diagnostics", .array(sorted.map(JSONDiagnosticRenderer.value(of:)))),
            ("summary", .object([
                ("errors", .int(summary.errors)),
                ("warnings", .int(summary.warnings)),
                ("notes", .int(summary.notes)),
            ])),
        ])
        return document.text(style: pretty ? .indented : .compact) + "\n"
    }

    static func value(of diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("code", .string(diagnostic.code.rawValue)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(diagnostic.message)),
            ("file", .string(diagnostic.range.file)),
            ("start", value(of: diagnostic.range.start)),
            ("end", value(of: diagnostic.range.end)),
            ("notes", .array(diagnostic.notes.map { note in
                .object([
                    ("message", .string(note.message)),
                    ("file", note.range.map { .string($0.file) } ?? .null),
                    ("start", note.range.map { value(of: $0.start) } ?? .null),
                    ("end", note.range.map { value(of: $0.end) } ?? .null),
                ])
            })),
            ("fixIts", .array(diagnostic.fixIts.map { fixIt in
                .object([
                    ("message", .string(fixIt.message)),
                    ("file", .string(fixIt.range.file)),
                    ("start", value(of: fixIt.range.start)),
                    ("end", value(of: fixIt.range.end)),
                    ("replacement", .string(fixIt.replacement)),
                ])
            })),
        ])
    }

    static func value(of location: SourceLocation) -> JSONValue {
        .object([
            ("line", .int(location.line)),
            ("column", .int(location.column)),
            ("offset", .int(location.offset)),
        ])
    }
}
