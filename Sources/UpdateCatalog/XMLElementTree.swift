import MofkitSource

/// A small element tree: one update's subtree, or content the model keeps as it is.
///
/// Character data is kept per element (concatenated); whitespace-only text is not kept, and the
/// order of text relative to child elements is not kept (catalogs have no mixed content). Comments
/// and processing instructions are not kept.
public struct XMLElement: Sendable, Hashable {
    /// The element name.
    public var name: XMLName
    /// The attributes, in document order.
    public var attributes: [XMLAttribute]
    /// The child elements, in document order.
    public var children: [XMLElement]
    /// The element's own character data (not its children's).
    public var text: String
    /// Where the start tag ends (`offset` is -1: not tracked).
    public var line: Int
    /// The column where the start tag ends.
    public var column: Int

    /// An element with its parts.
    public init(
        name: XMLName, attributes: [XMLAttribute] = [], children: [XMLElement] = [], text: String = "",
        line: Int = 0, column: Int = 0
    ) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
        self.line = line
        self.column = column
    }

    /// The value of the attribute with this local name (attributes of catalogs are unqualified).
    public func attribute(_ local: String) -> String? {
        for attribute in attributes where attribute.name.local == local { return attribute.value }
        return nil
    }

    /// The first child with this local name.
    public func child(_ local: String) -> XMLElement? {
        children.first { $0.name.local == local }
    }

    /// Text, or `nil` when it is only whitespace.
    public var significantText: String? { text.isXMLWhitespace ? nil : text }

    /// True when nothing of the input is left in this element (used for the `extra` residue).
    var isEmptyResidue: Bool { attributes.isEmpty && children.isEmpty && text.isXMLWhitespace }

    // MARK: consuming: the typed model takes what it knows; what is left is the residue.

    /// Removes and returns the attribute with this local name.
    mutating func take(_ local: String) -> String? {
        guard let index = attributes.firstIndex(where: { $0.name.local == local }) else { return nil }
        return attributes.remove(at: index).value
    }

    /// Removes and returns every child with this local name.
    mutating func takeChildren(_ local: String) -> [XMLElement] {
        var taken: [XMLElement] = []
        var kept: [XMLElement] = []
        for child in children {
            if child.name.local == local { taken.append(child) } else { kept.append(child) }
        }
        if !taken.isEmpty { children = kept }
        return taken
    }

    /// Removes and returns the first child with this local name.
    mutating func takeChild(_ local: String) -> XMLElement? {
        guard let index = children.firstIndex(where: { $0.name.local == local }) else { return nil }
        return children.remove(at: index)
    }

    /// Removes and returns the text (nil when only whitespace).
    mutating func takeText() -> String? {
        let value = significantText
        text = ""
        return value
    }

    /// Lets `body` consume every child with this local name, in place (no copies); children left
    /// empty are removed, the others stay where they were as residue.
    mutating func consumeChildren(_ local: String, first: Bool = false, _ body: (inout XMLElement) -> Void) {
        guard children.contains(where: { $0.name.local == local }) else { return }
        var all: [XMLElement] = []
        swap(&all, &children)  // `all` is now uniquely referenced: mutations happen in place
        var touched = false
        for index in all.indices where all[index].name.local == local {
            if first && touched { break }
            body(&all[index])
            touched = true
        }
        all.removeAll { $0.name.local == local && $0.isEmptyResidue }
        swap(&all, &children)
    }

    /// Puts a partly consumed child back when something of it is left.
    mutating func keepResidue(_ child: XMLElement) {
        if !child.isEmptyResidue { children.append(child) }
    }

    /// This element without attributes and text; `nil` when nothing but the name is left.
    var residue: XMLElement? { isEmptyResidue ? nil : self }
}

extension UInt8 {
    /// True for an XML white-space byte: space, tab, CR or LF.
    @inline(__always)
    var isXMLWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}

extension String {
    /// True when the string has only XML whitespace (space, tab, CR, LF) or is empty.
    var isXMLWhitespace: Bool { utf8.allSatisfy(\.isXMLWhitespace) }
}
