import MachineState

/// The WQL subset mofkit evaluates against a snapshot's WMI instances:
///
/// `SELECT * | prop[, prop…] FROM Class [WHERE condition]`, where a condition combines, with `AND`,
/// `OR`, `NOT` and parentheses, comparisons `prop OP literal` (or `literal OP prop`) with `=`, `<>`,
/// `!=`, `<`, `>`, `<=`, `>=`; `prop [NOT] LIKE 'pattern'` (`%`, `_`, `[abc]`, `[a-z]`, `[^abc]`);
/// `prop IS [NOT] NULL`. Literals: single- or double-quoted strings (`\\` and `\'` escapes), integers,
/// decimals, `TRUE`, `FALSE`, `NULL`. String comparisons ignore case, as WMI's do.
///
/// Not supported (the rule is then `unknown`, naming the construct): `ASSOCIATORS OF`, `REFERENCES OF`,
/// `ISA`, system properties (`__CLASS`, `__PATH`, …), embedded-object paths (`a.b`), event queries
/// (`WITHIN`, `GROUP`, `HAVING`, `__InstanceCreationEvent`), comparing two properties, and array
/// properties in conditions.
public struct WQLQuery: Sendable, Hashable {
    /// The class after `FROM`.
    public var className: String
    /// The selected properties; empty for `*`.
    public var properties: [String]
    /// The `WHERE` condition, if any.
    public var condition: WQLCondition?

    /// Parses a query; the error says what is not supported or where the syntax is wrong.
    public static func parse(_ text: String) -> Result<WQLQuery, WQLError> {
        var parser = WQLParser(text)
        return parser.parseQuery()
    }
}

/// Why a query cannot be evaluated.
public struct WQLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based character position in the query text.
    public var position: Int
    /// What is wrong or not supported.
    public var message: String
    public var description: String { "WQL at character \(position): \(message)" }
}

/// A `WHERE` condition.
public indirect enum WQLCondition: Sendable, Hashable {
    /// Both conditions.
    case and(WQLCondition, WQLCondition)
    /// Either condition.
    case or(WQLCondition, WQLCondition)
    /// The negation.
    case not(WQLCondition)
    /// `property OP literal`.
    case compare(property: String, op: WQLOperator, literal: WQLLiteral)
    /// `property [NOT] LIKE 'pattern'`.
    case like(property: String, pattern: LikePattern, negated: Bool)
    /// `property IS [NOT] NULL`.
    case isNull(property: String, negated: Bool)
    /// A bare literal (`WHERE TRUE`).
    case constant(Bool)
}

/// A comparison operator of a `WHERE` condition.
public enum WQLOperator: String, Sendable, Hashable {
    /// The comparison operators; `!=` is read as `<>`.
    case equal = "=", notEqual = "<>", less = "<", greater = ">", lessOrEqual = "<=", greaterOrEqual = ">="

    /// The operator with its operands swapped (`5 < x` is `x > 5`).
    var swapped: WQLOperator {
        switch self {
        case .less: return .greater
        case .greater: return .less
        case .lessOrEqual: return .greaterOrEqual
        case .greaterOrEqual: return .lessOrEqual
        default: return self
        }
    }
}

/// A literal of a `WHERE` condition.
public enum WQLLiteral: Sendable, Hashable {
    /// Text and its lower-case UTF-8 bytes (compared without case).
    case string(String)
    /// An integer.
    case integer(Int64)
    /// A decimal number.
    case real(Double)
    /// `TRUE` or `FALSE`.
    case boolean(Bool)
    /// `NULL`.
    case null
}

/// A compiled `LIKE` pattern (lower case; matched against lower-cased values).
public enum LikePattern: Sendable, Hashable {
    /// No wildcards: the whole value.
    case exact([UInt8])
    /// `text%`.
    case prefix([UInt8])
    /// `%text`.
    case suffix([UInt8])
    /// `%text%`.
    case contains([UInt8])
    /// `%…%` around literal text and `_`: bytes to match, `-1` for `_` (one Unicode scalar).
    case containsSegment([Int16])
    /// Any other pattern, token by token.
    case general([LikeToken])

    /// One element of a general pattern.
    public enum LikeToken: Sendable, Hashable {
        /// `%`: any run of characters, empty included.
        case anyRun
        /// `_`: any one character.
        case anyOne
        /// A literal character.
        case scalar(Unicode.Scalar)
        /// `[abc]`, `[a-z]`, or with `negated`, `[^abc]`.
        case set([ClosedRange<Unicode.Scalar>], negated: Bool)
    }

    /// Compiles a pattern; plain `%text%`, `text%`, `%text`, `text` get fast byte matchers.
    public static func compile(_ pattern: String) -> LikePattern {
        let lower = pattern.lowercased()
        var tokens: [LikeToken] = []
        var scalars = Array(lower.unicodeScalars)[...]
        while let s = scalars.popFirst() {
            switch s {
            case "%":
                if tokens.last != .anyRun { tokens.append(.anyRun) }
            case "_":
                tokens.append(.anyOne)
            case "[":
                guard let close = scalars.firstIndex(of: "]") else {
                    tokens.append(.scalar(s))
                    continue
                }
                var body = Array(scalars[scalars.startIndex..<close])
                scalars = scalars[(close + 1)...]
                var negated = false
                if body.first == "^" {
                    negated = true
                    body.removeFirst()
                }
                var ranges: [ClosedRange<Unicode.Scalar>] = []
                var i = 0
                while i < body.count {
                    if i + 2 < body.count, body[i + 1] == "-", body[i] <= body[i + 2] {
                        ranges.append(body[i]...body[i + 2])
                        i += 3
                    } else {
                        ranges.append(body[i]...body[i])
                        i += 1
                    }
                }
                tokens.append(.set(ranges, negated: negated))
            default:
                tokens.append(.scalar(s))
            }
        }
        let literalOnly = { (slice: ArraySlice<LikeToken>) -> [UInt8]? in
            var text = String.UnicodeScalarView()
            for token in slice {
                guard case .scalar(let s) = token else { return nil }
                text.append(s)
            }
            return Array(String(text).utf8)
        }
        let inner = tokens[...]
        if let bytes = literalOnly(inner) { return .exact(bytes) }
        if tokens.count >= 2, tokens.first == .anyRun, tokens.last == .anyRun, let bytes = literalOnly(inner.dropFirst().dropLast()) {
            return .contains(bytes)
        }
        if tokens.last == .anyRun, let bytes = literalOnly(inner.dropLast()) { return .prefix(bytes) }
        if tokens.first == .anyRun, let bytes = literalOnly(inner.dropFirst()) { return .suffix(bytes) }
        // `%USB\VID_8087&PID_0AA7%`: the HP catalog's device patterns, where `_` is a wildcard.
        if tokens.count >= 3, tokens.first == .anyRun, tokens.last == .anyRun {
            var segment: [Int16] = []
            for token in tokens.dropFirst().dropLast() {
                switch token {
                case .anyOne: segment.append(-1)
                case .scalar(let s): segment += String(Character(s)).utf8.map { Int16($0) }
                case .anyRun, .set: return .general(tokens)
                }
            }
            return .containsSegment(segment)
        }
        return .general(tokens)
    }

    /// Whether the lower-cased UTF-8 `value` matches.
    public func matches(lowercased value: [UInt8]) -> Bool {
        switch self {
        case .exact(let p): return value == p
        case .prefix(let p): return value.count >= p.count && value[0..<p.count].elementsEqual(p)
        case .suffix(let p): return value.count >= p.count && value[(value.count - p.count)...].elementsEqual(p)
        case .contains(let p): return LikePattern.contains(value, p)
        case .containsSegment(let segment): return LikePattern.contains(value, segment: segment)
        case .general(let tokens):
            return LikePattern.match(tokens, value)
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        if needle.count > haystack.count { return false }
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                let first = n[0]
                let last = h.count - n.count
                var i = 0
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count && h[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// Whether `segment` (bytes, `-1` = any one scalar) matches somewhere in `haystack`, starting at
    /// a scalar boundary: what the general matcher answers for `%segment%`, without its token switch.
    static func contains(_ haystack: [UInt8], segment: [Int16]) -> Bool {
        haystack.withUnsafeBufferPointer { h in
            segment.withUnsafeBufferPointer { n in
                var start = 0
                while start < h.count {
                    if h[start] & 0xC0 != 0x80 {
                        var i = start
                        var j = 0
                        while j < n.count, i < h.count {
                            let wanted = n[j]
                            if wanted < 0 {
                                i += 1
                                while i < h.count, h[i] & 0xC0 == 0x80 { i += 1 }
                            } else if h[i] == UInt8(truncatingIfNeeded: wanted) {
                                i += 1
                            } else {
                                break
                            }
                            j += 1
                        }
                        if j == n.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }

    /// Wildcard matching over UTF-8 bytes with backtracking to the last `%` (linear for the
    /// patterns catalogs use); `_` and sets consume one Unicode scalar.
    static func match(_ tokens: [LikeToken], _ text: [UInt8]) -> Bool {
        var t = 0
        var i = 0
        var starToken = -1
        var starText = 0
        while i < text.count {
            if t < tokens.count {
                switch tokens[t] {
                case .anyRun:
                    starToken = t
                    starText = i
                    t += 1
                    continue
                case .anyOne:
                    i = nextScalar(text, i)
                    t += 1
                    continue
                case .scalar(let s):
                    if s.value < 0x80 {
                        if text[i] == UInt8(s.value) {
                            i += 1
                            t += 1
                            continue
                        }
                    } else if let (scalar, next) = decode(text, i), scalar == s {
                        i = next
                        t += 1
                        continue
                    }
                case .set(let ranges, let negated):
                    if let (scalar, next) = decode(text, i), ranges.contains(where: { $0.contains(scalar) }) != negated {
                        i = next
                        t += 1
                        continue
                    }
                }
            }
            // Mismatch: let the last % swallow one more scalar, or fail.
            guard starToken >= 0 else { return false }
            starText = nextScalar(text, starText)
            i = starText
            t = starToken + 1
        }
        while t < tokens.count, tokens[t] == .anyRun { t += 1 }
        return t == tokens.count
    }

    static func nextScalar(_ text: [UInt8], _ i: Int) -> Int {
        var j = i + 1
        while j < text.count, text[j] & 0xC0 == 0x80 { j += 1 }
        return j
    }

    static func decode(_ text: [UInt8], _ i: Int) -> (Unicode.Scalar, Int)? {
        if text[i] < 0x80 { return (Unicode.Scalar(text[i]), i + 1) }
        let end = nextScalar(text, i)
        let scalars = String(decoding: text[i..<end], as: UTF8.self).unicodeScalars
        guard let first = scalars.first else { return nil }
        return (first, end)
    }
}

struct WQLParser {
    enum Token: Equatable {
        case word(String)
        case string(String)
        case number(String)
        case symbol(String)
        case end
    }

    let scalars: [Unicode.Scalar]
    var index = 0
    var tokenStart = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    mutating func parseQuery() -> Result<WQLQuery, WQLError> {
        do {
            try expectKeyword("SELECT")
            var properties: [String] = []
            if try peek() == .symbol("*") {
                _ = try next()
            } else {
                repeat {
                    properties.append(try propertyName())
                } while try consumeSymbol(",")
            }
            try expectKeyword("FROM")
            guard case .word(let className) = try next() else { throw failure("expected a class name after FROM") }
            if className.hasPrefix("__") { throw failure("system or event class '\(className)' is not supported") }
            var condition: WQLCondition?
            if try isKeyword(peek(), "WHERE") {
                _ = try next()
                condition = try parseOr()
            }
            let trailing = try next()
            if trailing != .end {
                if case .word(let w) = trailing, ["WITHIN", "GROUP", "HAVING"].contains(w.uppercased()) {
                    throw failure("event query clause '\(w.uppercased())' is not supported")
                }
                throw failure("unexpected text after the query")
            }
            return .success(WQLQuery(className: className, properties: properties, condition: condition))
        } catch let error as WQLError {
            return .failure(error)
        } catch {
            return .failure(WQLError(position: tokenStart + 1, message: "\(error)"))
        }
    }

    mutating func parseOr() throws -> WQLCondition {
        var left = try parseAnd()
        while try isKeyword(peek(), "OR") {
            _ = try next()
            left = .or(left, try parseAnd())
        }
        return left
    }

    mutating func parseAnd() throws -> WQLCondition {
        var left = try parseNot()
        while try isKeyword(peek(), "AND") {
            _ = try next()
            left = .and(left, try parseNot())
        }
        return left
    }

    mutating func parseNot() throws -> WQLCondition {
        if try isKeyword(peek(), "NOT") {
            _ = try next()
            return .not(try parseNot())
        }
        return try parsePrimary()
    }

    mutating func parsePrimary() throws -> WQLCondition {
        let token = try next()
        switch token {
        case .symbol("("):
            let inner = try parseOr()
            guard try consumeSymbol(")") else { throw failure("expected ')'") }
            return inner
        case .word(let word):
            let upper = word.uppercased()
            if upper == "TRUE" || upper == "FALSE" {
                if case .symbol = try peek() {} else { return .constant(upper == "TRUE") }
                return try comparison(literal: .boolean(upper == "TRUE"))
            }
            if upper == "NULL" { return try comparison(literal: .null) }
            try checkProperty(word)
            let after = try peek()
            if isKeyword(after, "IS") {
                _ = try next()
                var negated = false
                if try isKeyword(peek(), "NOT") {
                    _ = try next()
                    negated = true
                }
                guard try isKeyword(next(), "NULL") else { throw failure("expected NULL after IS") }
                return .isNull(property: word, negated: negated)
            }
            if isKeyword(after, "ISA") { throw failure("ISA is not supported") }
            var negatedLike = false
            if isKeyword(after, "NOT") {
                _ = try next()
                negatedLike = true
                guard try isKeyword(peek(), "LIKE") else { throw failure("expected LIKE after NOT") }
            }
            if try isKeyword(peek(), "LIKE") {
                _ = try next()
                guard case .string(let pattern) = try next() else { throw failure("LIKE needs a quoted pattern") }
                return .like(property: word, pattern: LikePattern.compile(pattern), negated: negatedLike)
            }
            let op = try comparisonOperator()
            let literal = try literalValue()
            return .compare(property: word, op: op, literal: literal)
        case .string, .number:
            let literal = try literal(from: token)
            return try comparison(literal: literal)
        case .end:
            throw failure("the condition ends too early")
        case .symbol(let s):
            throw failure("unexpected '\(s)'")
        }
    }

    /// `literal OP property`.
    mutating func comparison(literal: WQLLiteral) throws -> WQLCondition {
        let op = try comparisonOperator()
        guard case .word(let property) = try next() else { throw failure("comparing two literals is not supported") }
        try checkProperty(property)
        return .compare(property: property, op: op.swapped, literal: literal)
    }

    mutating func comparisonOperator() throws -> WQLOperator {
        let token = try next()
        switch token {
        case .symbol("="): return .equal
        case .symbol("<>"), .symbol("!="): return .notEqual
        case .symbol("<"): return .less
        case .symbol(">"): return .greater
        case .symbol("<="): return .lessOrEqual
        case .symbol(">="): return .greaterOrEqual
        default: throw failure("expected a comparison operator (=, <>, <, >, <=, >=, LIKE, IS)")
        }
    }

    mutating func literalValue() throws -> WQLLiteral {
        let token = try next()
        if case .word(let w) = token {
            switch w.uppercased() {
            case "TRUE": return .boolean(true)
            case "FALSE": return .boolean(false)
            case "NULL": return .null
            default: throw failure("comparing two properties ('\(w)') is not supported")
            }
        }
        return try literal(from: token)
    }

    func literal(from token: Token) throws -> WQLLiteral {
        switch token {
        case .string(let s): return .string(s)
        case .number(let n):
            if let i = Int64(n) { return .integer(i) }
            if let d = Double(n) { return .real(d) }
            throw failure("bad number '\(n)'")
        default: throw failure("expected a literal")
        }
    }

    func checkProperty(_ name: String) throws {
        if name.hasPrefix("__") { throw failure("system property '\(name)' is not supported") }
        if name.contains(".") { throw failure("embedded-object path '\(name)' is not supported") }
    }

    mutating func propertyName() throws -> String {
        guard case .word(let name) = try next() else { throw failure("expected a property name") }
        try checkProperty(name)
        return name
    }

    mutating func expectKeyword(_ keyword: String) throws {
        let token = try next()
        guard isKeyword(token, keyword) else {
            if case .word(let w) = token, ["ASSOCIATORS", "REFERENCES"].contains(w.uppercased()) {
                throw failure("'\(w.uppercased()) OF' queries are not supported")
            }
            throw failure("expected \(keyword)")
        }
    }

    func isKeyword(_ token: Token, _ keyword: String) -> Bool {
        if case .word(let w) = token { return w.uppercased() == keyword }
        return false
    }

    mutating func consumeSymbol(_ symbol: String) throws -> Bool {
        if try peek() == .symbol(symbol) {
            _ = try next()
            return true
        }
        return false
    }

    func failure(_ message: String) -> WQLError { WQLError(position: tokenStart + 1, message: message) }

    mutating func peek() throws -> Token {
        let saved = (index, tokenStart)
        let token = try next()
        (index, tokenStart) = saved
        return token
    }

    mutating func next() throws -> Token {
        while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
        tokenStart = index
        guard index < scalars.count else { return .end }
        let c = scalars[index]
        if c == "'" || c == "\"" {
            index += 1
            var text = String.UnicodeScalarView()
            while index < scalars.count {
                let s = scalars[index]
                if s == "\\", index + 1 < scalars.count {
                    text.append(scalars[index + 1])
                    index += 2
                    continue
                }
                if s == c {
                    index += 1
                    return .string(String(text))
                }
                text.append(s)
                index += 1
            }
            throw failure("unterminated string")
        }
        if isWordStart(c) {
            var text = String.UnicodeScalarView()
            while index < scalars.count, isWordStart(scalars[index]) || isDigit(scalars[index]) || scalars[index] == "." {
                text.append(scalars[index])
                index += 1
            }
            return .word(String(text))
        }
        if isDigit(c) || (c == "-" && index + 1 < scalars.count && isDigit(scalars[index + 1])) {
            var text = String.UnicodeScalarView([c])
            index += 1
            while index < scalars.count, isDigit(scalars[index]) || scalars[index] == "." {
                text.append(scalars[index])
                index += 1
            }
            return .number(String(text))
        }
        for symbol in ["<>", "!=", "<=", ">="] {
            let s = Array(symbol.unicodeScalars)
            if index + 1 < scalars.count, scalars[index] == s[0], scalars[index + 1] == s[1] {
                index += 2
                return .symbol(symbol)
            }
        }
        if "=<>(),*".unicodeScalars.contains(c) {
            index += 1
            return .symbol(String(c))
        }
        throw failure("unexpected character '\(c)'")
    }

    func isWordStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }
    func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
}
