/// Any JSON value, for the parts of the protocol that are free-form (`initializationOptions`,
/// `settings`, `data`, a request's `id` echoed in an error).
public enum LSPAny: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([LSPAny])
    case object([String: LSPAny])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([LSPAny].self) { self = .array(value) }
        else { self = .object(try container.decode([String: LSPAny].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The member `key` of an object (nil otherwise).
    public subscript(key: String) -> LSPAny? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The value as a string, when it is one.
    public var stringValue: String? { if case .string(let value) = self { return value }; return nil }
    /// The value as a Boolean, when it is one.
    public var boolValue: Bool? { if case .bool(let value) = self { return value }; return nil }
    /// The value as an array, when it is one.
    public var arrayValue: [LSPAny]? { if case .array(let value) = self { return value }; return nil }
}
