/// A place in a source file: 1-based line, 1-based column in Unicode scalars, and the byte offset
/// in the file as it is on disk (whatever its encoding).
public struct SourceLocation: Sendable, Hashable, Codable, Comparable {
    /// The line, from 1.
    public var line: Int
    /// The column, from 1, counted in Unicode scalars (a tab is one column).
    public var column: Int
    /// The byte offset from the start of the file on disk, byte-order mark and UTF-16 included.
    public var offset: Int

    /// A location from its three coordinates.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column, a.offset) < (b.line, b.column, b.offset)
    }
}

/// A half-open range of a file; `start == end` marks a point (a missing token, say).
public struct SourceRange: Sendable, Hashable, Codable {
    /// The path of the file, as given on the command line or as `#pragma include` resolved it.
    public var file: String
    /// The first place in the range.
    public var start: SourceLocation
    /// The place just after the range.
    public var end: SourceLocation

    /// A range of `file` from `start` up to (not including) `end`.
    public init(file: String, start: SourceLocation, end: SourceLocation) {
        self.file = file
        self.start = start
        self.end = end
    }
}

/// How bad a diagnostic is. Severities are ordered: `note` < `warning` < `error`.
public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    /// Information that needs no action, such as an undeclared qualifier `mofcomp` accepts.
    case note
    /// Probably wrong, or wrong on some clients; the input can still be used.
    case warning
    /// Wrong: the input does not mean what it says, or cannot be used (`mofkit check` exits 1).
    case error

    private var rank: Int {
        switch self {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A stable diagnostic code such as `MOF1003`. Codes never change meaning once published;
/// each code's ``DiagnosticDescriptor`` holds its title, default severity and explanation.
public struct DiagnosticCode: RawRepresentable, Sendable, Hashable, Codable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The code spelled `rawValue`, e.g. `DiagnosticCode("MOF1003")`.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue < b.rawValue }
}

/// A secondary message attached to a diagnostic, with its own optional place.
public struct DiagnosticNote: Sendable, Hashable, Codable {
    /// The note's text, e.g. "class declared here".
    public var message: String
    /// The place the note points at; `nil` for a note about the whole diagnostic.
    public var range: SourceRange?

    /// A note with an optional place.
    public init(message: String, range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

/// A suggested edit: replace the text of `range` with `replacement`.
public struct FixIt: Sendable, Hashable, Codable {
    /// What the edit does, e.g. "insert ';'".
    public var message: String
    /// The text to replace; an empty range inserts.
    public var range: SourceRange
    /// The new text; empty deletes.
    public var replacement: String

    /// An edit replacing `range` with `replacement`.
    public init(message: String, range: SourceRange, replacement: String) {
        self.message = message
        self.range = range
        self.replacement = replacement
    }
}

/// One finding about the input. Finding diagnostics and rendering them are separate: see the
/// `DiagnosticRendering` module for text, JSON and SARIF output.
public struct Diagnostic: Sendable, Hashable, Codable {
    /// The stable code; `mofkit explain CODE` prints what it means.
    public var code: DiagnosticCode
    /// How bad it is (usually the code's default severity; `--strict` raises some).
    public var severity: Severity
    /// One sentence about this occurrence, naming what was found.
    public var message: String
    /// Where the problem is.
    public var range: SourceRange
    /// Related places and extra information.
    public var notes: [DiagnosticNote]
    /// Suggested edits that would fix the problem.
    public var fixIts: [FixIt]
    /// Text offsets waiting to be turned into `range` once the line table exists.
    var pendingTextRange: Range<Int>?

    /// A diagnostic with its code, severity, message and place, and optionally notes and fix-its.
    public init(
        code: DiagnosticCode, severity: Severity, message: String, range: SourceRange,
        notes: [DiagnosticNote] = [], fixIts: [FixIt] = []
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
        self.fixIts = fixIts
    }

    enum CodingKeys: String, CodingKey {
        case code, severity, message, range, notes, fixIts
    }
}

extension Diagnostic {
    /// Orders diagnostics by file, then place, then code, so output is deterministic.
    public static func sortedForOutput(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let x = a.element
            let y = b.element
            if x.range.file != y.range.file { return x.range.file < y.range.file }
            if x.range.start != y.range.start { return x.range.start < y.range.start }
            if x.code != y.code { return x.code < y.code }
            return a.offset < b.offset
        }.map(\.element)
    }
}
