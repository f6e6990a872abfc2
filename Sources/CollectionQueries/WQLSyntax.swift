/// A range of the query text, in UTF-8 byte offsets (`start..<end`).
public struct WQLSpan: Sendable, Hashable {
    /// The first byte.
    public var start: Int
    /// The byte after the last.
    public var end: Int

    /// A span from `start` up to `end`.
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    /// The smallest span covering both.
    public func union(_ other: WQLSpan) -> WQLSpan { WQLSpan(min(start, other.start), max(end, other.end)) }
}

/// A WQL token.
public struct WQLToken: Sendable, Hashable {
    /// What kind of token.
    public enum Kind: Sendable, Hashable {
        /// A name or keyword (keywords are recognised by the parser, without case).
        case identifier
        /// A decimal number, possibly with a fraction.
        case number
        /// A string in `'…'` or `"…"`, its escapes undone.
        case string
        /// Punctuation or an operator: `, . ( ) * = <> != < <= > >= -`.
        case symbol
        /// The end of the query.
        case end
    }

    /// The kind.
    public var kind: Kind
    /// The text: the name, the number, the string's value, the symbol.
    public var text: String
    /// Where it is.
    public var span: WQLSpan

    /// Whether this is the keyword `word` (any case).
    public func isKeyword(_ word: String) -> Bool { kind == .identifier && text.lowercased() == word }
    /// Whether this is the symbol `symbol`.
    public func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
}

/// A reference to a class in `from` or `join`, with its optional alias.
public struct WQLClassReference: Sendable, Hashable {
    /// The class name as written.
    public var name: String
    /// `as ALIAS` (or a bare alias).
    public var alias: String?
    /// Where the class name is.
    public var span: WQLSpan

    /// The name the query uses for this occurrence: the alias, else the class name.
    public var reference: String { alias ?? name }
}

/// `Class.Property` or a bare `Property`.
public struct WQLPropertyReference: Sendable, Hashable {
    /// The class name or alias before the dot, if any.
    public var qualifier: String?
    /// The property name.
    public var name: String
    /// Where the whole reference is.
    public var span: WQLSpan
    /// Where the qualifier is.
    public var qualifierSpan: WQLSpan?
    /// Where the property name is.
    public var nameSpan: WQLSpan
}

/// The comparison operators.
public enum WQLComparison: String, Sendable, Hashable {
    /// `=`.
    case equal = "="
    /// `<>` (also written `!=`).
    case notEqual = "<>"
    /// `<`.
    case less = "<"
    /// `<=`.
    case lessOrEqual = "<="
    /// `>`.
    case greater = ">"
    /// `>=`.
    case greaterOrEqual = ">="
}

/// A WQL expression.
public indirect enum WQLExpression: Sendable, Hashable {
    /// A property.
    case property(WQLPropertyReference)
    /// A string literal.
    case string(String, WQLSpan)
    /// A number (`-1`, `30720`, `1.5`).
    case number(String, WQLSpan)
    /// `NULL`.
    case null(WQLSpan)
    /// `TRUE` / `FALSE`.
    case boolean(Bool, WQLSpan)
    /// A bare word that is an argument of a date function (`dd`, `day`).
    case datePart(String, WQLSpan)
    /// `name(arguments)`.
    case function(name: String, arguments: [WQLExpression], span: WQLSpan)
    /// `left op right`.
    case comparison(WQLComparison, WQLExpression, WQLExpression, span: WQLSpan)
    /// `value [not] like pattern`.
    case like(WQLExpression, pattern: WQLExpression, negated: Bool, span: WQLSpan)
    /// `value [not] in (a, b, …)`.
    case inList(WQLExpression, [WQLExpression], negated: Bool, span: WQLSpan)
    /// `value [not] in (select …)`.
    case inQuery(WQLExpression, WQLQuery, negated: Bool, span: WQLSpan)
    /// `value is [not] null`.
    case isNull(WQLExpression, negated: Bool, span: WQLSpan)
    /// `a and b`.
    case and(WQLExpression, WQLExpression, span: WQLSpan)
    /// `a or b`.
    case or(WQLExpression, WQLExpression, span: WQLSpan)
    /// `not a`.
    case not(WQLExpression, span: WQLSpan)
    /// `( a )`: kept so that explanations show the parentheses as written.
    case parenthesized(WQLExpression, span: WQLSpan)

    /// Where the expression is in the query text.
    public var span: WQLSpan {
        switch self {
        case .property(let p): return p.span
        case .string(_, let s), .number(_, let s), .null(let s), .boolean(_, let s), .datePart(_, let s): return s
        case .function(_, _, let s), .comparison(_, _, _, let s), .like(_, _, _, let s), .inList(_, _, _, let s), .inQuery(_, _, _, let s),
             .isNull(_, _, let s), .and(_, _, let s), .or(_, _, let s), .not(_, let s), .parenthesized(_, let s):
            return s
        }
    }
}

/// One item of a select list.
public enum WQLSelectItem: Sendable, Hashable {
    /// `*`.
    case all(WQLSpan)
    /// `Class.*`.
    case allOf(String, WQLSpan)
    /// An expression (usually a property).
    case expression(WQLExpression)
}

/// `inner join` (also a bare `join`), `left [outer] join`, `right [outer] join`, `full [outer] join`.
public enum WQLJoinKind: String, Sendable, Hashable {
    /// `inner join`, `join`.
    case inner = "INNER JOIN"
    /// `left [outer] join`.
    case left = "LEFT JOIN"
    /// `right [outer] join`.
    case right = "RIGHT JOIN"
    /// `full [outer] join`.
    case full = "FULL JOIN"
}

/// `… join Class on condition`.
public struct WQLJoin: Sendable, Hashable {
    /// The kind of join.
    public var kind: WQLJoinKind
    /// The joined class.
    public var target: WQLClassReference
    /// The `on` condition.
    public var condition: WQLExpression
    /// Where the join is.
    public var span: WQLSpan
}

/// `order by` item.
public struct WQLOrderItem: Sendable, Hashable {
    /// The sorted expression.
    public var expression: WQLExpression
    /// `desc`.
    public var descending: Bool
}

/// A parsed `select` statement.
public struct WQLQuery: Sendable, Hashable {
    /// `select distinct`.
    public var distinct: Bool
    /// The select list.
    public var select: [WQLSelectItem]
    /// The `from` class.
    public var from: WQLClassReference
    /// The joins, in order.
    public var joins: [WQLJoin]
    /// The `where` condition.
    public var condition: WQLExpression?
    /// `order by`.
    public var orderBy: [WQLOrderItem]
    /// Where the statement is.
    public var span: WQLSpan
}
