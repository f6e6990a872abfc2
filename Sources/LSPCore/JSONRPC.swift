import Foundation

/// A request id: JSON-RPC allows an integer or a string.
public enum RequestID: Sendable, Hashable, Codable, CustomStringConvertible {
    case int(Int)
    case string(String)

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) { self = .int(value) }
        else { self = .string(try container.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        }
    }

    public var description: String {
        switch self {
        case .int(let value): return String(value)
        case .string(let value): return "\"\(value)\""
        }
    }
}

/// A JSON-RPC error object.
public struct ResponseError: Error, Sendable, Hashable, Codable {
    public var code: Int
    public var message: String
    public var data: LSPAny?

    public init(code: Int, message: String, data: LSPAny? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603
    public static let serverNotInitialized = -32002
    public static let requestCancelled = -32800
    public static let contentModified = -32801

    public static func methodNotFound(_ method: String) -> ResponseError {
        ResponseError(code: methodNotFound, message: "method not found: \(method)")
    }
    public static func invalidParams(_ detail: String) -> ResponseError {
        ResponseError(code: invalidParams, message: "invalid params: \(detail)")
    }
    public static let cancelled = ResponseError(code: requestCancelled, message: "request cancelled")
}

/// One message read from the client, classified but with its params still undecoded.
public struct IncomingMessage: Sendable {
    public enum Kind: Sendable, Hashable {
        /// A request, to be answered with the same id.
        case request(RequestID)
        /// A notification: no answer.
        case notification
        /// A response to one of the server's own requests.
        case response(RequestID?)
    }

    public var kind: Kind
    /// The method (empty for a response).
    public var method: String
    /// The message's JSON text.
    public var body: Data

    /// Classifies a message body. Throws a ``ResponseError`` (parse error or invalid request) with
    /// the id when one could be read, for the error response.
    public static func parse(_ body: [UInt8]) -> Result<IncomingMessage, ParseFailure> {
        let data = Data(body)
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: data)
        } catch {
            // Not an object with the right member types: is it JSON at all?
            if (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) == nil {
                return .failure(ParseFailure(id: nil, error: ResponseError(code: ResponseError.parseError, message: "parse error: the message is not JSON")))
            }
            return .failure(ParseFailure(id: nil, error: ResponseError(code: ResponseError.invalidRequest, message: "invalid request: \(IncomingMessage.describe(error))")))
        }
        guard envelope.jsonrpc == "2.0" else {
            return .failure(ParseFailure(id: envelope.id, error: ResponseError(code: ResponseError.invalidRequest, message: "invalid request: jsonrpc must be \"2.0\"")))
        }
        if let method = envelope.method {
            let kind: Kind = envelope.id.map { .request($0) } ?? .notification
            return .success(IncomingMessage(kind: kind, method: method, body: data))
        }
        if envelope.hasResult || envelope.hasError {
            return .success(IncomingMessage(kind: .response(envelope.id), method: "", body: data))
        }
        return .failure(ParseFailure(id: envelope.id, error: ResponseError(code: ResponseError.invalidRequest, message: "invalid request: no method")))
    }

    /// Why a body is not a message, and the id to answer when there is one.
    public struct ParseFailure: Error, Sendable {
        public var id: RequestID?
        public var error: ResponseError
    }

    /// The `params` member decoded as `T` (an absent member decodes as JSON null).
    public func params<T: Decodable>(_ type: T.Type) throws(ResponseError) -> T {
        do {
            return try JSONDecoder().decode(ParamsEnvelope<T>.self, from: body).params
        } catch {
            throw ResponseError.invalidParams(IncomingMessage.describe(error))
        }
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing '\(key.stringValue)' at \(path(context.codingPath))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(path(context.codingPath + []))"
        case DecodingError.dataCorrupted(let context):
            return "bad value at \(path(context.codingPath))"
        default:
            return "\(error)"
        }
    }

    static func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    private struct Envelope: Decodable {
        var jsonrpc: String
        var id: RequestID?
        var method: String?
        var hasResult: Bool
        var hasError: Bool

        enum CodingKeys: String, CodingKey { case jsonrpc, id, method, result, error }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            jsonrpc = try container.decode(String.self, forKey: .jsonrpc)
            // A null id (as sent with some errors) is no id.
            id = try container.decodeIfPresent(RequestID.self, forKey: .id)
            method = try container.decodeIfPresent(String.self, forKey: .method)
            hasResult = container.contains(.result)
            hasError = container.contains(.error)
        }
    }

    private struct ParamsEnvelope<T: Decodable>: Decodable {
        var params: T
        enum CodingKeys: String, CodingKey { case params }
        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if container.contains(.params) {
                params = try container.decode(T.self, forKey: .params)
            } else {
                // `params` may be omitted: decode from null (optionals and `VoidParams` accept it).
                params = try T(from: NullDecoder(codingPath: decoder.codingPath))
            }
        }
    }
}

/// Decodes `null` only: what an absent `params` means.
private struct NullDecoder: Decoder, SingleValueDecodingContainer {
    var codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "params missing"))
    }
    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        throw DecodingError.valueNotFound([Any].self, .init(codingPath: codingPath, debugDescription: "params missing"))
    }
    func singleValueContainer() throws -> SingleValueDecodingContainer { self }
    func decodeNil() -> Bool { true }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "params missing"))
    }
}

/// Params of a request or notification that has none.
public struct VoidParams: Codable, Sendable {
    public init() {}
    public init(from decoder: Decoder) throws {}
    public func encode(to encoder: Encoder) throws {}
}

/// Builds the JSON of outgoing messages.
public enum OutgoingMessage {
    /// A success response; a nil `result` is sent as `null`.
    public static func response<R: Encodable>(id: RequestID, result: R?) -> [UInt8] {
        encode(ResponseEnvelope(id: id, result: result, error: nil))
    }

    /// An error response; `id` is null when the request's id could not be read.
    public static func error(id: RequestID?, _ error: ResponseError) -> [UInt8] {
        encode(ResponseEnvelope<LSPAny>(id: id, result: nil, error: error))
    }

    /// A notification.
    public static func notification<P: Encodable>(method: String, params: P) -> [UInt8] {
        encode(NotificationEnvelope(method: method, params: params))
    }

    /// A request from the server to the client.
    public static func request<P: Encodable>(id: RequestID, method: String, params: P) -> [UInt8] {
        encode(RequestEnvelope(id: id, method: method, params: params))
    }

    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        if let data = try? encoder.encode(value) { return Array(data) }
        // Only non-finite doubles could fail; the protocol types hold none.
        return Array(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"internal error: unencodable result"}}"#.utf8)
    }

    private struct ResponseEnvelope<R: Encodable>: Encodable {
        var id: RequestID?
        var result: R?
        var error: ResponseError?
        enum CodingKeys: String, CodingKey { case jsonrpc, id, result, error }
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("2.0", forKey: .jsonrpc)
            if let id { try container.encode(id, forKey: .id) } else { try container.encodeNil(forKey: .id) }
            if let error { try container.encode(error, forKey: .error) }
            else if let result { try container.encode(result, forKey: .result) }
            else { try container.encodeNil(forKey: .result) }
        }
    }

    private struct NotificationEnvelope<P: Encodable>: Encodable {
        var jsonrpc = "2.0"
        var method: String
        var params: P
    }

    private struct RequestEnvelope<P: Encodable>: Encodable {
        var jsonrpc = "2.0"
        var id: RequestID
        var method: String
        var params: P
    }
}
