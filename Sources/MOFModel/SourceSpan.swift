import MOFSyntax
import MofkitSource

/// The source file a set of spans points into, shared by reference so a span stays small.
final class SpanSource: Sendable {
    let file: SourceFile

    init(_ file: SourceFile) { self.file = file }
}

/// A resolved range kept behind a reference (for ranges given by callers, not by the parser).
final class ResolvedRange: Sendable {
    let range: SourceRange

    init(_ range: SourceRange) { self.range = range }
}

/// Where a model element was written, as UTF-8 text offsets into its file.
///
/// Computing a ``SourceRange`` needs a line-table search and a column count; a large file has
/// millions of elements and only a few ever appear in a diagnostic, so the model keeps offsets
/// (16 bytes) and resolves them on demand.
enum ModelSpan: Sendable {
    case offsets(SpanSource, start: UInt32, end: UInt32)
    case resolved(ResolvedRange)

    init(_ range: SourceRange) { self = .resolved(ResolvedRange(range)) }

    init(_ source: SpanSource, _ textRange: Range<Int>) {
        self = .offsets(source, start: UInt32(truncatingIfNeeded: textRange.lowerBound),
                        end: UInt32(truncatingIfNeeded: textRange.upperBound))
    }

    /// The range with line and column, computed now.
    var range: SourceRange {
        switch self {
        case .offsets(let source, let start, let end): return source.file.range(Int(start), Int(end))
        case .resolved(let box): return box.range
        }
    }
}

extension Optional where Wrapped == ModelSpan {
    /// The range, when there is a span.
    var range: SourceRange? { self?.range }
}
