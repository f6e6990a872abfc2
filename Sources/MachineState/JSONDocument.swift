import MofkitSource

/// A parsed JSON value that remembers where it is in the text, so that a snapshot reader can put
/// a diagnostic on the exact member. Numbers keep their text (64-bit integers stay exact).
struct JSONNode: Sendable {
    indirect enum Value: Sendable {
        case object([(key: String, keyStart: Int, value: JSONNode)])
        case array([JSONNode])
        case string(String)
        case number(String)
        case bool(Bool)
        case null
    }

    var value: Value
    /// UTF-8 text offsets of the value.
    var start: Int
    var end: Int

    var typeName: String {
        switch value {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}

/// A JSON syntax error at a text offset.
struct JSONSyntaxError: Error {
    var message: String
    var offset: Int
}

/// A small strict JSON (RFC 8259) parser over UTF-8 text. Nesting is limited so that hostile
/// input cannot exhaust the stack.
struct JSONParser {
    static let maximumDepth = 256

    let text: [UInt8]
    var index = 0

    init(text: [UInt8]) { self.text = text }

    static func parse(_ text: [UInt8]) -> Result<JSONNode, JSONSyntaxError> {
        var parser = JSONParser(text: text)
        do {
            parser.skipWhitespace()
            let node = try parser.parseValue(depth: 0)
            parser.skipWhitespace()
            if parser.index < text.count {
                throw JSONSyntaxError(message: "unexpected text after the JSON value", offset: parser.index)
            }
            return .success(node)
        } catch let error as JSONSyntaxError {
            return .failure(error)
        } catch {
            return .failure(JSONSyntaxError(message: "\(error)", offset: parser.index))  // input-unreachable: only JSONSyntaxError is thrown
        }
    }

    mutating func skipWhitespace() {
        while index < text.count {
            switch text[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    func fail(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(message: message, offset: offset ?? index)
    }

    mutating func parseValue(depth: Int) throws -> JSONNode {
        guard depth < Self.maximumDepth else { throw fail("JSON nested deeper than \(Self.maximumDepth) levels") }
        guard index < text.count else { throw fail("unexpected end of the file; expected a value") }
        let start = index
        switch text[index] {
        case UInt8(ascii: "{"):
            index += 1
            var members: [(key: String, keyStart: Int, value: JSONNode)] = []
            skipWhitespace()
            if index < text.count, text[index] == UInt8(ascii: "}") {
                index += 1
                return JSONNode(value: .object(members), start: start, end: index)
            }
            while true {
                skipWhitespace()
                guard index < text.count, text[index] == UInt8(ascii: "\"") else {
                    throw fail("expected a member name in quotes")
                }
                let keyStart = index
                let key = try parseString()
                skipWhitespace()
                guard index < text.count, text[index] == UInt8(ascii: ":") else { throw fail("expected ':' after the member name") }
                index += 1
                skipWhitespace()
                let value = try parseValue(depth: depth + 1)
                members.append((key, keyStart, value))
                skipWhitespace()
                guard index < text.count else { throw fail("unexpected end of the file; expected ',' or '}'") }
                if text[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if text[index] == UInt8(ascii: "}") {
                    index += 1
                    return JSONNode(value: .object(members), start: start, end: index)
                }
                throw fail("expected ',' or '}' after a member")
            }
        case UInt8(ascii: "["):
            index += 1
            var elements: [JSONNode] = []
            skipWhitespace()
            if index < text.count, text[index] == UInt8(ascii: "]") {
                index += 1
                return JSONNode(value: .array(elements), start: start, end: index)
            }
            while true {
                skipWhitespace()
                elements.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard index < text.count else { throw fail("unexpected end of the file; expected ',' or ']'") }
                if text[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if text[index] == UInt8(ascii: "]") {
                    index += 1
                    return JSONNode(value: .array(elements), start: start, end: index)
                }
                throw fail("expected ',' or ']' after an array element")
            }
        case UInt8(ascii: "\""):
            let s = try parseString()
            return JSONNode(value: .string(s), start: start, end: index)
        case UInt8(ascii: "t"):
            try expectWord("true")
            return JSONNode(value: .bool(true), start: start, end: index)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return JSONNode(value: .bool(false), start: start, end: index)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return JSONNode(value: .null, start: start, end: index)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            throw fail("unexpected character; expected a JSON value")
        }
    }

    mutating func expectWord(_ word: String) throws {
        let bytes = Array(word.utf8)
        guard index + bytes.count <= text.count, Array(text[index..<index + bytes.count]) == bytes else {
            throw fail("unexpected word; expected \(word)")
        }
        index += bytes.count
    }

    mutating func parseNumber() throws -> JSONNode {
        let start = index
        if text[index] == UInt8(ascii: "-") { index += 1 }
        func digits() -> Int {
            let s = index
            while index < text.count, text[index] >= 0x30, text[index] <= 0x39 { index += 1 }
            return index - s
        }
        let intStart = index
        let n = digits()
        guard n > 0 else { throw fail("expected digits in the number") }
        if n > 1, text[intStart] == UInt8(ascii: "0") { throw fail("a JSON number has no leading zeros", at: intStart) }
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw fail("expected digits after '.'") }
        }
        if index < text.count, text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") {
            index += 1
            if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw fail("expected digits in the exponent") }
        }
        return JSONNode(value: .number(String(decoding: text[start..<index], as: UTF8.self)), start: start, end: index)
    }

    mutating func parseString() throws -> String {
        let start = index
        index += 1
        var bytes: [UInt8] = []
        while true {
            guard index < text.count else { throw fail("unterminated string", at: start) }
            let b = text[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: bytes, as: UTF8.self)
            }
            if b < 0x20 { throw fail("control character in a string (escape it as \\u00\(b < 16 ? "0" : "")\(String(b, radix: 16)))") }
            if b != UInt8(ascii: "\\") {
                bytes.append(b)
                index += 1
                continue
            }
            index += 1
            guard index < text.count else { throw fail("unterminated string", at: start) }
            let e = text[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""): bytes.append(0x22)
            case UInt8(ascii: "\\"): bytes.append(0x5C)
            case UInt8(ascii: "/"): bytes.append(0x2F)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var unit = try hex4()
                var scalar: Unicode.Scalar?
                if unit >= 0xD800 && unit < 0xDC00 {
                    // A high surrogate must be followed by \uDC00…\uDFFF.
                    if index + 1 < text.count, text[index] == UInt8(ascii: "\\"), text[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        let low = try hex4()
                        if low >= 0xDC00 && low < 0xE000 {
                            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                            scalar = Unicode.Scalar(unit)
                        }
                    }
                } else {
                    scalar = Unicode.Scalar(unit)
                }
                bytes.append(contentsOf: Array(String(Character(scalar ?? "\u{FFFD}")).utf8))
            default:
                throw fail("invalid escape \\\(Character(Unicode.Scalar(e)))", at: index - 2)
            }
        }
    }

    mutating func hex4() throws -> UInt32 {
        guard index + 4 <= text.count, let n = UInt32(String(decoding: text[index..<index + 4], as: UTF8.self), radix: 16) else {
            throw fail("\\u needs four hex digits")
        }
        index += 4
        return n
    }
}
