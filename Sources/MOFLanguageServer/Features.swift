import LSPCore
import MOFModel
import MOFSyntax
import MofkitSource

/// Everything a feature reads: one document version, its analysis and its tokens. Every feature is
/// a pure function of this snapshot.
public struct FeatureInput: Sendable {
    /// The analysis of the document (of exactly this version).
    public var analysis: DocumentAnalysis
    /// The document's tokens.
    public var tokens: TokenView
    /// The negotiated position encoding.
    public var encoding: PositionEncodingKind

    public init(analysis: DocumentAnalysis, tokens: TokenView, encoding: PositionEncodingKind) {
        self.analysis = analysis
        self.tokens = tokens
        self.encoding = encoding
    }

    var document: TextDocument { analysis.document }
    var mapper: RangeMapper { RangeMapper(analysis: analysis, encoding: encoding) }
    var queries: ModelQueries { ModelQueries(model: analysis.model, path: analysis.path) }

    func offset(_ position: Position) -> Int { document.offset(of: position, encoding: encoding) }
    func range(_ bytes: Range<Int>) -> LSPRange { document.range(bytes.lowerBound, bytes.upperBound, encoding: encoding) }
}

/// The explanation of every code `mofkit check` emits on MOF.
public enum DiagnosticExplanations {
    /// Descriptors of the source, syntax and semantic checks.
    public static let descriptors: [DiagnosticDescriptor] =
        SourceCode.descriptors + SyntaxCode.descriptors + SemanticCode.descriptors

    /// The descriptor of `code`.
    public static func descriptor(_ code: DiagnosticCode) -> DiagnosticDescriptor? {
        descriptors.first { $0.code == code }
    }

    /// `mofkit explain CODE` as Markdown.
    public static func markdown(_ descriptor: DiagnosticDescriptor) -> String {
        var text = "**\(descriptor.code.rawValue)** (\(descriptor.defaultSeverity.rawValue)): \(descriptor.title)\n\n\(descriptor.explanation)"
        if !descriptor.wrongExample.isEmpty { text += "\n\nWrong:\n```mof\n\(descriptor.wrongExample)\n```" }
        if !descriptor.rightExample.isEmpty { text += "\n\nRight:\n```mof\n\(descriptor.rightExample)\n```" }
        return text
    }
}
