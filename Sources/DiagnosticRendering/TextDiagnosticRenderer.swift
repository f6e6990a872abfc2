import MofkitSource

/// Renders diagnostics as clang-style text:
///
/// ```text
/// inventory.mof:3:14: error[MOF1003]: unterminated string literal
///     Name = "abc;
///            ^~~~~
/// inventory.mof:1:1: note: class declared here
/// inventory.mof:3:18: fix-it: replace with "\""
/// 1 error generated.
/// ```
///
/// Columns are Unicode scalars, as in `SourceLocation`; the underline keeps the line's tabs so it
/// lines up, and widens under East Asian wide characters. A multi-line range is underlined to the
/// end of its first line. A line longer than ``maxLineColumns`` is shown as a window of
/// ``contextColumns`` each side of the range, marked with `…`, so a 20 MB single-line file prints a
/// short excerpt. Control characters and bidirectional overrides in the source are shown as `�`.
public struct TextDiagnosticRenderer: Sendable {
    /// Adds ANSI colour and bold. Callers decide; the CLI asks for it only on a terminal without `NO_COLOR`.
    public var useColor: Bool
    /// Scalars shown each side of the range when a long line is cut.
    public var contextColumns: Int
    /// Lines with more scalars than this are cut to a window around the range.
    public var maxLineColumns: Int
    /// Ends `render(_:sources:)` with `N errors and M warnings generated.` when there are any.
    public var showsSummary: Bool

    /// A renderer; the defaults print plain text, cut lines longer than 160 scalars and end with the summary.
    public init(useColor: Bool = false, contextColumns: Int = 60, maxLineColumns: Int = 160, showsSummary: Bool = true) {
        self.useColor = useColor
        self.contextColumns = max(1, contextColumns)
        self.maxLineColumns = max(1, maxLineColumns)
        self.showsSummary = showsSummary
    }

    /// All `diagnostics` in `Diagnostic/sortedForOutput(_:)` order, then the summary line.
    /// `sources` is keyed by `SourceRange/file`; a diagnostic whose file is missing is printed
    /// without an excerpt.
    public func render(_ diagnostics: [Diagnostic], sources: [String: SourceFile]) -> String {
        var out = ""
        for diagnostic in Diagnostic.sortedForOutput(diagnostics) {
            out += render(diagnostic, sources: sources)
        }
        if showsSummary, let sentence = DiagnosticSummary(diagnostics).sentence {
            out += sentence + "\n"
        }
        return out
    }

    /// One diagnostic with its excerpt, notes and fix-its; every line ends with a line break.
    public func render(_ diagnostic: Diagnostic, sources: [String: SourceFile]) -> String {
        var out = ""
        out += paint(location(diagnostic.range), Style.bold)
        out += paint("\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]:", Style.severity(diagnostic.severity))
        out += " " + paint(TextDiagnosticRenderer.sanitized(diagnostic.message), Style.bold) + "\n"
        out += excerpt(diagnostic.range, sources: sources)
        for note in diagnostic.notes {
            if let range = note.range {
                out += paint(location(range), Style.bold)
            }
            out += paint("note:", Style.severity(.note)) + " " + TextDiagnosticRenderer.sanitized(note.message) + "\n"
            if let range = note.range { out += excerpt(range, sources: sources) }
        }
        for fixIt in diagnostic.fixIts {
            out += paint(location(fixIt.range), Style.bold)
            out += paint("fix-it:", Style.fixIt) + " replace with "
            out += paint(TextDiagnosticRenderer.quoted(fixIt.replacement), Style.fixIt)
            if !fixIt.message.isEmpty { out += " (" + TextDiagnosticRenderer.sanitized(fixIt.message) + ")" }
            out += "\n"
        }
        return out
    }

    // MARK: Pieces

    private func location(_ range: SourceRange) -> String {
        guard range.start.line >= 1 else { return "\(range.file): " }
        return "\(range.file):\(range.start.line):\(range.start.column): "
    }

    private func excerpt(_ range: SourceRange, sources: [String: SourceFile]) -> String {
        guard let file = sources[range.file] else { return "" }
        let builder = ExcerptBuilder(contextColumns: contextColumns, maxLineColumns: maxLineColumns)
        guard let excerpt = builder.excerpt(of: range, in: file) else { return "" }
        return excerpt.line + "\n" + paint(excerpt.underline, Style.underline) + "\n"
    }

    private func paint(_ text: String, _ style: String) -> String {
        useColor ? style + text + Style.reset : text
    }

    /// ANSI escape sequences, clang's palette.
    enum Style {
        static let reset = "\u{1B}[0m"
        static let bold = "\u{1B}[1m"
        static let underline = "\u{1B}[1;32m"
        static let fixIt = "\u{1B}[32m"
        static func severity(_ severity: Severity) -> String {
            switch severity {
            case .error: return "\u{1B}[1;31m"
            case .warning: return "\u{1B}[1;35m"
            case .note: return "\u{1B}[1;36m"
            }
        }
    }

    /// A message with control characters (which may come from the input) made visible.
    static func sanitized(_ message: String) -> String {
        guard message.unicodeScalars.contains(where: { Glyph.isHidden($0.value) && $0 != "\n" }) else { return message }
        var result = ""
        for scalar in message.unicodeScalars {
            result.unicodeScalars.append(Glyph.isHidden(scalar.value) && scalar != "\n" ? "\u{FFFD}" : scalar)
        }
        return result
    }

    /// A fix-it replacement in double quotes, with quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if Glyph.isHidden(scalar.value) {
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
