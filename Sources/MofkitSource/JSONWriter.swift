/// The one JSON writer of mofkit: values are written as they come (no tree in memory), object
/// members in the order they are written, strings escaped by ``JSONString``, so output bytes are
/// deterministic. `compact` writes no white space; `indented` puts each member and element on a
/// line of its own, two spaces deeper than its container, except in containers begun with
/// `inline: true`, which stay on one line with `", "` between items. An array begun with
/// `lines: true` in `compact` style puts a line break after each comma (one record a line).
public struct JSONWriter: Sendable {
    /// How the text is laid out.
    public enum Style: Sendable { case compact, indented }

    /// The text written so far.
    public var text: String = ""
    /// The layout.
    public let style: Style
    /// The indentation the outermost value starts at (`indented` only).
    private let baseDepth: Int
    /// One entry per open container: items written, whether it is on one line, whether its items
    /// are separated by line breaks in `compact` style.
    private var open: [(count: Int, inline: Bool, lines: Bool)] = []
    /// A key was just written: the value follows it on the same line.
    private var afterKey = false

    public init(style: Style = .compact, depth: Int = 0) {
        self.style = style
        self.baseDepth = depth
    }

    private var pretty: Bool { style == .indented }

    /// Separator and line break before an item of the innermost container.
    private mutating func beforeValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = open.indices.last else { return }
        let inline = open[last].inline
        if open[last].count > 0 { text += pretty && inline ? ", " : !pretty && open[last].lines ? ",\n" : "," }
        open[last].count += 1
        if pretty && !inline { newline(depth: open.count) }
    }

    private mutating func newline(depth: Int) {
        text += "\n"
        text += String(repeating: "  ", count: baseDepth + depth)
    }

    // MARK: containers

    /// Begins an object (as a value: after ``key(_:)``, in an array, or at the top).
    public mutating func beginObject(inline: Bool = false) {
        beforeValue()
        text += "{"
        open.append((0, inline, false))
    }

    /// Ends the innermost object.
    public mutating func endObject() { close("}") }

    /// Begins an array.
    public mutating func beginArray(inline: Bool = false, lines: Bool = false) {
        beforeValue()
        text += "["
        open.append((0, inline, lines))
    }

    /// Ends the innermost array.
    public mutating func endArray() { close("]") }

    private mutating func close(_ bracket: String) {
        let container = open.removeLast()
        if pretty && !container.inline && container.count > 0 { newline(depth: open.count) }
        text += bracket
    }

    /// Writes a member name; the next value written is its value.
    public mutating func key(_ name: String) {
        beforeValue()
        JSONString.append(name, to: &text)
        text += pretty ? ": " : ":"
        afterKey = true
    }

    /// An object whose members `body` writes.
    public mutating func object(inline: Bool = false, _ body: (inout JSONWriter) -> Void) {
        beginObject(inline: inline)
        body(&self)
        endObject()
    }

    /// An array whose elements `body` writes (`lines`: one element a line in `compact` style).
    public mutating func array(inline: Bool = false, lines: Bool = false, _ body: (inout JSONWriter) -> Void) {
        beginArray(inline: inline, lines: lines)
        body(&self)
        endArray()
    }

    // MARK: scalars

    /// A string value.
    public mutating func string(_ value: String) {
        beforeValue()
        JSONString.append(value, to: &text)
    }

    /// An integer value.
    public mutating func int(_ value: some BinaryInteger) {
        beforeValue()
        text += String(value)
    }

    /// `true` or `false`.
    public mutating func bool(_ value: Bool) {
        beforeValue()
        text += value ? "true" : "false"
    }

    /// `null`.
    public mutating func null() {
        beforeValue()
        text += "null"
    }

    /// A real number as Swift spells it (always with a fraction or an exponent, so that reading it
    /// back gives a real again); `null` for infinities and NaN, which JSON cannot hold.
    public mutating func real(_ value: Double) {
        beforeValue()
        text += value.isFinite ? "\(value)" : "null"
    }

    /// Text that is already JSON (a number spelled by the caller, a value written by another writer).
    public mutating func raw(_ json: String) {
        beforeValue()
        text += json
    }

    // MARK: members

    /// A string member.
    public mutating func member(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    /// A string member, left out when `value` is nil.
    public mutating func member(_ name: String, ifPresent value: String?) {
        if let value { member(name, value) }
    }

    /// An integer member.
    public mutating func member(_ name: String, _ value: some BinaryInteger) {
        key(name)
        int(value)
    }

    /// A Boolean member.
    public mutating func member(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// A member whose value is an object that `body` writes.
    public mutating func object(_ name: String, _ body: (inout JSONWriter) -> Void) {
        key(name)
        object(body)
    }

    /// A member whose value is an array that `body` writes.
    public mutating func array(_ name: String, lines: Bool = false, _ body: (inout JSONWriter) -> Void) {
        key(name)
        array(lines: lines, body)
    }

    /// A member whose value is an array of strings.
    public mutating func member(_ name: String, strings values: [String]) {
        key(name)
        strings(values)
    }

    /// An array of strings.
    public mutating func strings(_ values: [String], inline: Bool = false) {
        beginArray(inline: inline)
        for value in values { string(value) }
        endArray()
    }
}

/// A JSON value held in memory, for output whose layout depends on what a container holds (see
/// ``JSONWriter``, which writes it). Object members keep their order.
public indirect enum JSONValue: Sendable {
    case string(String)
    /// A number or literal already spelled as JSON (see ``int(_:)``, ``bool(_:)``, ``real(_:)``).
    case raw(String)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// An integer.
    public static func int(_ value: some BinaryInteger) -> JSONValue { .raw(String(value)) }
    /// `true` or `false`.
    public static func bool(_ value: Bool) -> JSONValue { .raw(value ? "true" : "false") }
    /// A real, spelled as ``JSONWriter/real(_:)`` spells it.
    public static func real(_ value: Double) -> JSONValue { .raw(value.isFinite ? "\(value)" : "null") }

    /// How a value is laid out in `indented` style.
    public enum Layout: Sendable {
        /// Every member and element on a line of its own.
        case block
        /// As `block`, but arrays of scalars, and objects of at most three members whose values are
        /// scalars or arrays of scalars, on one line (short records, such as registry values).
        case flatOnOneLine
    }

    /// Whether the value is a string, number, literal or null.
    public var isScalar: Bool {
        switch self {
        case .object, .array: return false
        default: return true
        }
    }

    private var isFlat: Bool {
        if case .array(let items) = self { return items.allSatisfy(\.isScalar) }
        return isScalar
    }

    /// Writes the value to `writer`.
    public func write(to writer: inout JSONWriter, layout: Layout = .block, inline: Bool = false) {
        switch self {
        case .string(let value): writer.string(value)
        case .raw(let value): writer.raw(value)
        case .null: writer.null()
        case .array(let items):
            writer.beginArray(inline: inline || (layout == .flatOnOneLine && isFlat))
            for item in items { item.write(to: &writer, layout: layout, inline: inline) }
            writer.endArray()
        case .object(let members):
            let oneLine = inline || (layout == .flatOnOneLine && members.count <= 3 && members.allSatisfy { $0.1.isFlat })
            writer.beginObject(inline: oneLine)
            for (name, value) in members {
                writer.key(name)
                value.write(to: &writer, layout: layout, inline: oneLine)
            }
            writer.endObject()
        }
    }

    /// The value as JSON text (no final line break).
    public func text(style: JSONWriter.Style = .compact, layout: Layout = .block) -> String {
        var writer = JSONWriter(style: style)
        write(to: &writer, layout: layout)
        return writer.text
    }
}
