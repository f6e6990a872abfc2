import MofkitSource

/// How many diagnostics of each severity a run produced.
public struct DiagnosticSummary: Sendable, Hashable, Codable {
    /// Diagnostics whose severity is `error`.
    public var errors: Int
    /// Diagnostics whose severity is `warning`.
    public var warnings: Int
    /// Diagnostics whose own severity is `note` (notes attached to other diagnostics are not counted).
    public var notes: Int

    /// A summary with the given counts.
    public init(errors: Int = 0, warnings: Int = 0, notes: Int = 0) {
        self.errors = errors
        self.warnings = warnings
        self.notes = notes
    }

    /// Counts `diagnostics` by severity.
    public init(_ diagnostics: [Diagnostic]) {
        self.init()
        for diagnostic in diagnostics {
            switch diagnostic.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .note: notes += 1
            }
        }
    }

    /// The clang-style closing line, e.g. `1 error and 2 warnings generated.`; `nil` when there are
    /// neither errors nor warnings.
    public var sentence: String? {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        switch (errors, warnings) {
        case (0, 0): return nil
        case (_, 0): return "\(count(errors, "error")) generated."
        case (0, _): return "\(count(warnings, "warning")) generated."
        default: return "\(count(errors, "error")) and \(count(warnings, "warning")) generated."
        }
    }

    /// The one line `mofkit check` prints on standard error when it succeeds on a terminal, e.g.
    /// `checked 1 file: no errors, 2 warnings`.
    public func checkedLine(files: Int) -> String {
        func count(_ n: Int, _ word: String) -> String { n == 0 ? "no \(word)s" : "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "checked \(files) file\(files == 1 ? "" : "s"): \(count(errors, "error")), \(count(warnings, "warning"))"
    }
}
