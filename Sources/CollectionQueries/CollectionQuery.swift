import MOFModel
import MOFSyntax
import MofkitSource

/// One query of a collection: its text and where the text is.
public struct CollectionRuleText: Sendable {
    /// The query text.
    public var text: String
    /// The rule's name (`RuleName` of an `SMS_CollectionRuleQuery`), if any.
    public var ruleName: String?
    /// The source diagnostics point into: the query file, or a file holding just the text.
    public var source: SourceFile
    /// Text offset in ``source`` of each byte of ``text`` (plus one past the end); nil when the text is
    /// the whole source.
    public var offsets: [Int]?

    /// A query that is the whole of `source`.
    public init(source: SourceFile) {
        self.text = String(decoding: source.text, as: UTF8.self)
        self.source = source
    }

    /// A query inside `source` (a MOF string), with the source offset of each of its bytes.
    public init(text: String, ruleName: String?, source: SourceFile, offsets: [Int]) {
        self.text = text
        self.ruleName = ruleName
        self.source = source
        self.offsets = offsets
    }

    /// The source range of `span` of the query text.
    public func range(_ span: WQLSpan) -> SourceRange {
        guard let offsets, !offsets.isEmpty else {
            return source.range(min(span.start, source.text.count), min(span.end, source.text.count))
        }
        let start = offsets[min(span.start, offsets.count - 1)]
        let end = offsets[min(span.end, offsets.count - 1)]
        return source.range(start, max(start, end))
    }

    /// `problem` as a diagnostic.
    public func diagnostic(_ problem: WQLProblem) -> Diagnostic {
        Diagnostic(
            code: DiagnosticCode(problem.code), severity: problem.isWarning ? .warning : .error,
            message: problem.message, range: range(problem.span), notes: problem.notes.map { DiagnosticNote(message: $0) })
    }
}

/// Reads the queries of a `--query-file`: the file is one WQL query, or a MOF collection export whose
/// `instance of SMS_CollectionRuleQuery` blocks each give one (`QueryExpression`).
public enum CollectionQueryFile {
    /// The queries of `source`, or a diagnostic when a MOF file holds none.
    public static func rules(in source: SourceFile) -> (rules: [CollectionRuleText], diagnostics: [Diagnostic]) {
        let text = String(decoding: source.text, as: UTF8.self)
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.lowercased().hasPrefix("select") { return ([CollectionRuleText(source: source)], []) }
        // A MOF export: parse it with the MOF parser and take every QueryExpression.
        let compilation = MOFDeclarationLoader.load(source: source)
        var rules: [CollectionRuleText] = []
        var diagnostics: [Diagnostic] = []
        for declaration in compilation.declarations {
            guard case .instance(let instance) = declaration else { continue }
            guard instance.className.lowercased() == "sms_collectionrulequery" else { continue }
            var ruleName: String?
            var expression: ModelValue?
            for assignment in instance.values {
                switch assignment.name.lowercased() {
                case "rulename": ruleName = assignment.value?.stringValue
                case "queryexpression": expression = assignment.value
                default: break
                }
            }
            guard let expression, let query = expression.stringValue else {
                diagnostics.append(Diagnostic(code: CollectionCode.noQuery, severity: .error,
                                              message: "SMS_CollectionRuleQuery has no QueryExpression string", range: instance.classNameRange))
                continue
            }
            rules.append(CollectionRuleText(text: query, ruleName: ruleName, source: source, offsets: offsets(of: query, literal: expression.range, in: source)))
        }
        if rules.isEmpty && diagnostics.isEmpty {
            diagnostics.append(Diagnostic(code: CollectionCode.noQuery, severity: .error,
                                          message: "no query: the file is neither a WQL 'select' nor MOF with 'instance of SMS_CollectionRuleQuery'",
                                          range: source.range(0, 0)))
        }
        return (rules, diagnostics)
    }

    /// The source offset of each byte of `query`, decoded from the MOF string literal at `literal`:
    /// escapes (`\"`, `\\`) take two source bytes for one; the literal's opening quote is skipped.
    /// Literals split in pieces (`"a" "b"`) map from the first piece on as far as they match.
    static func offsets(of query: String, literal: SourceRange, in source: SourceFile) -> [Int] {
        let bytes = source.text
        let queryBytes = Array(query.utf8)
        // Find the text offset of the literal's start (its line and column locate it in the decoded text).
        var position = source.textOffset(ofLine: literal.start.line)
        var column = 1
        while column < literal.start.column && position < bytes.count {
            position += SourceFile.length(of: bytes, at: position)
            column += 1
        }
        if position < bytes.count && bytes[position] == 34 { position += 1 }
        var result: [Int] = []
        result.reserveCapacity(queryBytes.count + 1)
        for _ in queryBytes {
            if position < bytes.count && bytes[position] == 92 {
                result.append(position)
                position += 2
            } else if position < bytes.count && bytes[position] == 34 {
                // The end of one piece: skip to the next piece's opening quote.
                var next = position + 1
                while next < bytes.count && bytes[next] != 34 { next += 1 }
                position = min(next + 1, bytes.count)
                result.append(position)
                position += 1
            } else {
                result.append(min(position, bytes.count))
                position += 1
            }
        }
        result.append(min(position, bytes.count))
        return result
    }
}

extension SourceFile {
    /// The length of the UTF-8 character starting at `offset` of `bytes`.
    static func length(of bytes: [UInt8], at offset: Int) -> Int {
        let b = bytes[offset]
        if b < 0x80 { return 1 }
        if b >> 5 == 0b110 { return 2 }
        if b >> 4 == 0b1110 { return 3 }
        return 4
    }
}
