import LSPCore
import MOFModel
import MofkitSource

/// Turns mofkit's ranges (line, column in Unicode scalars, byte offset in the file on disk) into
/// protocol ranges in the negotiated encoding.
public struct RangeMapper: Sendable {
    /// The analysis whose files the ranges point into.
    public var analysis: DocumentAnalysis
    /// The negotiated position encoding.
    public var encoding: PositionEncodingKind

    public init(analysis: DocumentAnalysis, encoding: PositionEncodingKind) {
        self.analysis = analysis
        self.encoding = encoding
    }

    /// The protocol range of `range`.
    public func lspRange(_ range: SourceRange) -> LSPRange {
        if range.file == analysis.path {
            // The checked text is the document's own bytes: the byte offsets are exact.
            return analysis.document.range(range.start.offset, range.end.offset, encoding: encoding)
        }
        return LSPRange(start: position(range.start, in: range.file), end: position(range.end, in: range.file))
    }

    /// The location of `range` (its file's URI and protocol range).
    public func location(_ range: SourceRange) -> Location {
        Location(uri: DocumentURI.uri(of: range.file), range: lspRange(range))
    }

    /// A location in a file that is not the document: line and scalar column, counted in the
    /// decoded text of that file (UTF-16 files included).
    func position(_ location: SourceLocation, in file: String) -> Position {
        let line = max(0, location.line - 1)
        guard let source = analysis.sources[file] ?? analysis.model.sources[file] else {
            return Position(line: line, character: max(0, location.column - 1))
        }
        let bytes = source.lineBytes(location.line)
        var units = 0
        var scalars = 0
        var i = bytes.startIndex
        while i < bytes.endIndex && scalars < location.column - 1 {
            let length = TextDocument.scalarLength(bytes[i])
            switch encoding {
            case .utf8: units += min(length, bytes.endIndex - i)
            case .utf16: units += length == 4 ? 2 : 1
            case .utf32: units += 1
            }
            scalars += 1
            i += length
        }
        // Columns past the line's end (a range ending after the line break) keep counting.
        units += max(0, location.column - 1 - scalars)
        return Position(line: line, character: units)
    }

    /// A mofkit diagnostic as the protocol's, notes as related information.
    public func diagnostic(_ diagnostic: Diagnostic) -> LSPDiagnostic {
        let related = diagnostic.notes.map { note in
            LSPDiagnostic.RelatedInformation(location: location(note.range ?? diagnostic.range), message: note.message)
        }
        return LSPDiagnostic(range: lspRange(diagnostic.range), severity: RangeMapper.severity(diagnostic.severity),
                             code: diagnostic.code.rawValue, source: "mofkit", message: diagnostic.message,
                             relatedInformation: related.isEmpty ? nil : related)
    }

    /// LSP `DiagnosticSeverity` of a mofkit severity.
    public static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: return 1
        case .warning: return 2
        case .note: return 3
        }
    }
}
