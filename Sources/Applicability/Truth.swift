/// A three-valued truth: rules answer `true`, `false`, or `unknown` when the snapshot lacks data the
/// rule needs (Kleene logic: `false` dominates `And`, `true` dominates `Or`).
public enum Truth: UInt8, Sendable, Hashable, CustomStringConvertible {
    /// The rule is false on the machine.
    case `false` = 0
    /// The rule is true on the machine.
    case `true` = 1
    /// The snapshot lacks data the rule needs.
    case unknown = 2

    /// The truth of a Boolean.
    public init(_ value: Bool) { self = value ? .true : .false }

    public var description: String {
        switch self {
        case .false: return "false"
        case .true: return "true"
        case .unknown: return "unknown"
        }
    }

    /// Kleene negation: `!unknown` is `unknown`.
    public static prefix func ! (value: Truth) -> Truth {
        switch value {
        case .false: return .true
        case .true: return .false
        case .unknown: return .unknown
        }
    }

    /// Kleene conjunction.
    public static func && (a: Truth, b: Truth) -> Truth {
        if a == .false || b == .false { return .false }
        if a == .unknown || b == .unknown { return .unknown }
        return .true
    }

    /// Kleene disjunction.
    public static func || (a: Truth, b: Truth) -> Truth {
        if a == .true || b == .true { return .true }
        if a == .unknown || b == .unknown { return .unknown }
        return .false
    }
}
