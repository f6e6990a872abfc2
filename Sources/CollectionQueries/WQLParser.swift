/// A problem found in a query, placed in the query text; ``CollectionRuleText/diagnostic(_:)`` turns it into a `Diagnostic`.
public struct WQLProblem: Sendable, Hashable, Error {
    /// The stable code (`COL1003`).
    public var code: String
    /// One sentence about this occurrence.
    public var message: String
    /// Where in the query text.
    public var span: WQLSpan
    /// More information (the names that exist, what to enable).
    public var notes: [String]
    /// Whether it is a warning (the query still runs).
    public var isWarning: Bool

    /// A problem.
    public init(_ code: String, _ message: String, _ span: WQLSpan, notes: [String] = [], warning: Bool = false) {
        self.code = code
        self.message = message
        self.span = span
        self.notes = notes
        self.isWarning = warning
    }
}

/// Splits WQL text into tokens.
public enum WQLLexer {
    /// The tokens of `text` (ending with an `.end` token), or the first lexical problem.
    public static func tokens(_ text: String) -> Result<[WQLToken], WQLProblem> {
        let bytes = Array(text.utf8)
        var tokens: [WQLToken] = []
        var i = 0
        func isNameStart(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 }
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        while i < bytes.count {
            let b = bytes[i]
            if b == 32 || b == 9 || b == 10 || b == 13 || b == 12 { i += 1; continue }
            let start = i
            if isNameStart(b) {
                while i < bytes.count && (isNameStart(bytes[i]) || isDigit(bytes[i])) { i += 1 }
                tokens.append(WQLToken(kind: .identifier, text: String(decoding: bytes[start..<i], as: UTF8.self), span: WQLSpan(start, i)))
            } else if isDigit(b) {
                while i < bytes.count && isDigit(bytes[i]) { i += 1 }
                if i + 1 < bytes.count && bytes[i] == 46 && isDigit(bytes[i + 1]) {
                    i += 1
                    while i < bytes.count && isDigit(bytes[i]) { i += 1 }
                }
                tokens.append(WQLToken(kind: .number, text: String(decoding: bytes[start..<i], as: UTF8.self), span: WQLSpan(start, i)))
            } else if b == 34 || b == 39 {
                // "…" or '…'; a backslash escapes the next character (WQL: \\ is one backslash, \" a quote).
                var value: [UInt8] = []
                i += 1
                var closed = false
                while i < bytes.count {
                    let c = bytes[i]
                    if c == 92 && i + 1 < bytes.count {
                        value.append(bytes[i + 1])
                        i += 2
                        continue
                    }
                    if c == b { closed = true; i += 1; break }
                    value.append(c)
                    i += 1
                }
                if !closed {
                    return .failure(WQLProblem("COL1002", "unterminated string: no closing \(b == 34 ? "\"" : "'")", WQLSpan(start, bytes.count)))
                }
                tokens.append(WQLToken(kind: .string, text: String(decoding: value, as: UTF8.self), span: WQLSpan(start, i)))
            } else {
                let two = i + 1 < bytes.count ? String(decoding: bytes[i...i + 1], as: UTF8.self) : ""
                if ["<>", "!=", "<=", ">="].contains(two) {
                    tokens.append(WQLToken(kind: .symbol, text: two == "!=" ? "<>" : two, span: WQLSpan(i, i + 2)))
                    i += 2
                } else if let scalar = Character(Unicode.Scalar(b)).asciiValue, ",.()*=<>-+/".utf8.contains(scalar) {
                    tokens.append(WQLToken(kind: .symbol, text: String(Character(Unicode.Scalar(b))), span: WQLSpan(i, i + 1)))
                    i += 1
                } else {
                    // One whole character (UTF-8 sequence), for the message.
                    var end = i + 1
                    while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
                    let character = String(decoding: bytes[i..<end], as: UTF8.self)
                    var notes: [String] = []
                    if ["\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", "\u{00B4}", "`"].contains(character) {
                        notes.append("a typographic quote (as word processors and web pages write them): WQL strings use \" or '")
                    } else if character == "\u{00A0}" {
                        notes.append("a non-breaking space: replace it with a plain space")
                    }
                    return .failure(WQLProblem("COL1001", "character '\(character)' cannot appear here in WQL", WQLSpan(i, end), notes: notes))
                }
            }
        }
        tokens.append(WQLToken(kind: .end, text: "", span: WQLSpan(bytes.count, bytes.count)))
        return .success(tokens)
    }
}

/// A recursive-descent parser for the `select` statements of collection rules.
public struct WQLParser {
    var tokens: [WQLToken]
    var position = 0
    /// Nesting of expressions and subqueries, bounded so that hostile input cannot exhaust the stack.
    var depth = 0
    static let maximumDepth = 200

    /// Words that end an expression or a class reference: never aliases or bare properties.
    static let reserved: Set<String> = [
        "select", "from", "where", "and", "or", "not", "like", "in", "is", "null", "join", "inner", "left", "right", "full", "outer",
        "on", "as", "order", "by", "distinct", "asc", "desc", "group", "having", "union", "between", "true", "false", "cross",
    ]

    /// Parses one statement; the whole text must be consumed.
    public static func parse(_ text: String) -> Result<WQLQuery, WQLProblem> {
        switch WQLLexer.tokens(text) {
        case .failure(let problem): return .failure(problem)
        case .success(let tokens):
            var parser = WQLParser(tokens: tokens)
            do {
                let query = try parser.statement()
                let next = parser.peek
                if next.kind != .end {
                    if next.isSymbol(".") {
                        throw WQLProblem("COL1004", "a stray '.' after the end of the query", next.span,
                                         notes: ["the query is complete before it; delete the '.' (a site rejects the query as written)"])
                    }
                    throw WQLProblem("COL1004", "unexpected \(describe(next)) after the end of the query", next.span)
                }
                return .success(query)
            } catch let problem as WQLProblem {
                return .failure(problem)
            } catch {
                return .failure(WQLProblem("COL1003", "\(error)", WQLSpan(0, 0)))
            }
        }
    }

    static func describe(_ token: WQLToken) -> String {
        switch token.kind {
        case .end: return "end of query"
        case .string: return "string '\(token.text)'"
        case .number: return "number \(token.text)"
        case .identifier: return "'\(token.text)'"
        case .symbol: return "'\(token.text)'"
        }
    }

    var peek: WQLToken { tokens[min(position, tokens.count - 1)] }
    func peek(_ ahead: Int) -> WQLToken { tokens[min(position + ahead, tokens.count - 1)] }

    mutating func advance() -> WQLToken {
        let token = peek
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    mutating func accept(keyword: String) -> WQLToken? {
        peek.isKeyword(keyword) ? advance() : nil
    }

    mutating func accept(symbol: String) -> WQLToken? {
        peek.isSymbol(symbol) ? advance() : nil
    }

    func expected(_ what: String) -> WQLProblem {
        WQLProblem("COL1003", "expected \(what), found \(Self.describe(peek))", peek.span)
    }

    mutating func expect(keyword: String) throws -> WQLToken {
        guard let token = accept(keyword: keyword) else { throw expected("'\(keyword)'") }
        return token
    }

    mutating func expect(symbol: String) throws -> WQLToken {
        guard let token = accept(symbol: symbol) else { throw expected("'\(symbol)'") }
        return token
    }

    mutating func identifier(_ what: String) throws -> WQLToken {
        guard peek.kind == .identifier, !Self.reserved.contains(peek.text.lowercased()) else { throw expected(what) }
        return advance()
    }

    mutating func statement() throws -> WQLQuery {
        let first = try expect(keyword: "select")
        let distinct = accept(keyword: "distinct") != nil
        var select: [WQLSelectItem] = []
        repeat {
            if let star = accept(symbol: "*") {
                select.append(.all(star.span))
            } else if peek.kind == .identifier && peek(1).isSymbol(".") && peek(2).isSymbol("*") {
                let name = advance()
                _ = advance()
                let star = advance()
                select.append(.allOf(name.text, name.span.union(star.span)))
            } else {
                select.append(.expression(try expression()))
                if accept(keyword: "as") != nil { _ = try identifier("a column alias") }
            }
        } while accept(symbol: ",") != nil
        _ = try expect(keyword: "from")
        let from = try classReference()
        if peek.isSymbol(",") {
            throw WQLProblem("COL3001", "not supported: several classes in 'from' (a comma join)", peek.span, notes: ["write 'inner join … on …'"])
        }
        var joins: [WQLJoin] = []
        while true {
            let start = peek.span
            var kind: WQLJoinKind
            if accept(keyword: "join") != nil {
                kind = .inner
            } else if accept(keyword: "inner") != nil {
                kind = .inner
                _ = try expect(keyword: "join")
            } else if peek.isKeyword("left") || peek.isKeyword("right") || peek.isKeyword("full") {
                let word = advance().text.lowercased()
                kind = word == "left" ? .left : word == "right" ? .right : .full
                _ = accept(keyword: "outer")
                _ = try expect(keyword: "join")
            } else if peek.isKeyword("cross") {
                throw WQLProblem("COL3001", "not supported: 'cross join'", peek.span, notes: ["write 'inner join … on …'"])
            } else {
                break
            }
            let target = try classReference()
            _ = try expect(keyword: "on")
            let condition = try expression()
            joins.append(WQLJoin(kind: kind, target: target, condition: condition, span: start.union(condition.span)))
        }
        var condition: WQLExpression?
        if accept(keyword: "where") != nil { condition = try expression() }
        if peek.isKeyword("group") || peek.isKeyword("having") || peek.isKeyword("union") {
            throw WQLProblem("COL3001", "not supported: '\(peek.text.lowercased())' (a collection rule lists resources, it does not aggregate)", peek.span)
        }
        var orderBy: [WQLOrderItem] = []
        if accept(keyword: "order") != nil {
            _ = try expect(keyword: "by")
            repeat {
                let e = try expression()
                var descending = false
                if accept(keyword: "desc") != nil { descending = true } else { _ = accept(keyword: "asc") }
                orderBy.append(WQLOrderItem(expression: e, descending: descending))
            } while accept(symbol: ",") != nil
        }
        let last = tokens[max(0, position - 1)].span
        return WQLQuery(distinct: distinct, select: select, from: from, joins: joins, condition: condition, orderBy: orderBy, span: first.span.union(last))
    }

    mutating func classReference() throws -> WQLClassReference {
        let name = try identifier("a class name")
        var alias: String?
        if accept(keyword: "as") != nil {
            alias = try identifier("an alias after 'as'").text
        } else if peek.kind == .identifier && !Self.reserved.contains(peek.text.lowercased()) {
            alias = advance().text
        }
        return WQLClassReference(name: name.text, alias: alias, span: name.span)
    }

    // MARK: Expressions: or → and → not → predicate → operand

    mutating func enter() throws {
        depth += 1
        if depth > Self.maximumDepth {
            throw WQLProblem("COL3001", "not supported: conditions nested more than \(Self.maximumDepth) levels deep", peek.span)
        }
    }

    mutating func expression() throws -> WQLExpression {
        try enter()
        defer { depth -= 1 }
        var left = try conjunction()
        while accept(keyword: "or") != nil {
            let right = try conjunction()
            left = .or(left, right, span: left.span.union(right.span))
        }
        return left
    }

    mutating func conjunction() throws -> WQLExpression {
        var left = try negation()
        while accept(keyword: "and") != nil {
            let right = try negation()
            left = .and(left, right, span: left.span.union(right.span))
        }
        return left
    }

    mutating func negation() throws -> WQLExpression {
        if let not = accept(keyword: "not") {
            try enter()
            defer { depth -= 1 }
            let operand = try negation()
            return .not(operand, span: not.span.union(operand.span))
        }
        return try predicate()
    }

    /// Arithmetic between values is not part of the collection dialect mofkit translates.
    func refuseArithmetic() throws {
        if peek.kind == .symbol && ["+", "-", "*", "/"].contains(peek.text) {
            throw WQLProblem("COL3001", "not supported: arithmetic ('\(peek.text)')", peek.span)
        }
    }

    mutating func predicate() throws -> WQLExpression {
        let left = try operand()
        try refuseArithmetic()
        if peek.kind == .symbol, let op = WQLComparison(rawValue: peek.text) {
            _ = advance()
            let right = try operand()
            try refuseArithmetic()
            return .comparison(op, left, right, span: left.span.union(right.span))
        }
        if let isToken = accept(keyword: "is") {
            let negated = accept(keyword: "not") != nil
            guard let null = accept(keyword: "null") else {
                throw WQLProblem("COL1003", "expected 'null' after 'is\(negated ? " not" : "")', found \(Self.describe(peek))", peek.span.union(isToken.span))
            }
            return .isNull(left, negated: negated, span: left.span.union(null.span))
        }
        var negated = false
        if peek.isKeyword("not") && (peek(1).isKeyword("like") || peek(1).isKeyword("in") || peek(1).isKeyword("between")) {
            _ = advance()
            negated = true
        }
        if accept(keyword: "like") != nil {
            let pattern = try operand()
            return .like(left, pattern: pattern, negated: negated, span: left.span.union(pattern.span))
        }
        if peek.isKeyword("between") {
            throw WQLProblem("COL3001", "not supported: 'between'", peek.span, notes: ["write 'x >= low and x <= high'"])
        }
        if accept(keyword: "in") != nil {
            _ = try expect(symbol: "(")
            if peek.isKeyword("select") {
                let query = try statement()
                let close = try expect(symbol: ")")
                return .inQuery(left, query, negated: negated, span: left.span.union(close.span))
            }
            var items: [WQLExpression] = []
            repeat { items.append(try operand()) } while accept(symbol: ",") != nil
            let close = try expect(symbol: ")")
            return .inList(left, items, negated: negated, span: left.span.union(close.span))
        }
        if negated { throw expected("'like' or 'in' after 'not'") }
        return left
    }

    mutating func operand() throws -> WQLExpression {
        let token = peek
        switch token.kind {
        case .string:
            _ = advance()
            return .string(token.text, token.span)
        case .number:
            _ = advance()
            return .number(token.text, token.span)
        case .symbol:
            if token.text == "-", peek(1).kind == .number {
                _ = advance()
                let number = advance()
                return .number("-" + number.text, token.span.union(number.span))
            }
            if token.text == "(" {
                _ = advance()
                if peek.isKeyword("select") {
                    throw WQLProblem("COL3001", "not supported: a subquery used as a value", peek.span, notes: ["use 'x in (select …)'"])
                }
                let inner = try expression()
                let close = try expect(symbol: ")")
                return .parenthesized(inner, span: token.span.union(close.span))
            }
            if ["+", "-", "*", "/"].contains(token.text) {
                throw WQLProblem("COL3001", "not supported: arithmetic ('\(token.text)')", token.span)
            }
            throw expected("a value, a property or '('")
        case .end:
            throw expected("a value, a property or '('")
        case .identifier:
            let word = token.text.lowercased()
            if word == "null" { _ = advance(); return .null(token.span) }
            if word == "true" || word == "false" { _ = advance(); return .boolean(word == "true", token.span) }
            if Self.reserved.contains(word) { throw expected("a value, a property or '('") }
            _ = advance()
            if accept(symbol: "(") != nil {
                var arguments: [WQLExpression] = []
                if !peek.isSymbol(")") {
                    repeat {
                        // Date parts (`dd`, `day`) are bare words: read them as such in date functions.
                        if ["datediff", "dateadd", "datepart", "datename"].contains(word), arguments.isEmpty, peek.kind == .identifier, peek(1).isSymbol(",") {
                            let part = advance()
                            arguments.append(.datePart(part.text.lowercased(), part.span))
                        } else {
                            arguments.append(try expression())
                        }
                    } while accept(symbol: ",") != nil
                }
                let close = try expect(symbol: ")")
                return .function(name: token.text, arguments: arguments, span: token.span.union(close.span))
            }
            if accept(symbol: ".") != nil {
                guard peek.kind == .identifier else { throw expected("a property name after '.'") }
                let name = advance()
                return .property(WQLPropertyReference(qualifier: token.text, name: name.text, span: token.span.union(name.span),
                                                      qualifierSpan: token.span, nameSpan: name.span))
            }
            return .property(WQLPropertyReference(qualifier: nil, name: token.text, span: token.span, qualifierSpan: nil, nameSpan: token.span))
        }
    }
}
