import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes behind a raw pointer, growing by doubling: appending costs a copy, not an `Array` append
/// with its uniqueness and capacity checks. One owner keeps it and calls ``deallocate()``; never copy it.
struct ByteArena {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// What ``removeAll(shrinkingAbove:)`` shrinks back to.
    private let initialCapacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        initialCapacity = self.capacity
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() { base.deallocate() }

    mutating func removeAll() { count = 0 }

    /// Forgets the bytes after the first `newCount`.
    mutating func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count, "ByteArena.truncate beyond the end")
        count = newCount
    }

    /// Empties the arena and, when it grew past `limit` bytes (one huge record), gives the memory back.
    mutating func removeAll(shrinkingAbove limit: Int) {
        count = 0
        guard capacity > limit else { return }
        base.deallocate()
        capacity = initialCapacity
        base = .allocate(capacity: capacity)
    }

    @inline(__always)
    mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let newCapacity = Swift.max(capacity * 2, count + extra)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
        guard let source = piece.baseAddress, piece.count > 0 else { return }
        reserve(piece.count)
        (base + count).update(from: source, count: piece.count)
        count += piece.count
    }

    /// Counts `written` bytes stored directly at `base + count` into room made by ``reserve(_:)``.
    @inline(__always)
    mutating func commit(_ written: Int) {
        precondition(written >= 0 && count + written <= capacity, "ByteArena.commit beyond the reserved room")
        count += written
    }

    subscript(index: Int) -> UInt8 { base[index] }

    func buffer(_ start: Int, _ length: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + start, count: length)
    }
}

/// Plain values (no references) behind a raw pointer, growing by doubling: reading or setting an
/// element costs a bounds check, not an `Array`'s uniqueness check, and fields are set in place.
/// Like ``ByteArena``: one owner keeps it and calls ``deallocate()``; never copy it.
struct PlainBuffer<Element: BitwiseCopyable> {
    private var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int
    /// What ``removeAll(shrinkingAbove:)`` shrinks back to.
    private let initialCapacity: Int

    init(capacity: Int = 64) {
        self.capacity = Swift.max(capacity, 4)
        initialCapacity = self.capacity
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() { base.deallocate() }

    var isEmpty: Bool { count == 0 }

    var last: Element? { count > 0 ? base[count - 1] : nil }

    subscript(index: Int) -> Element {
        unsafeAddress {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "PlainBuffer index out of range")
            return UnsafePointer(base + index)
        }
        nonmutating unsafeMutableAddress {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "PlainBuffer index out of range")
            return base + index
        }
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: element)
        count += 1
    }

    mutating func popLast() -> Element? {
        guard count > 0 else { return nil }
        count -= 1
        return base[count]
    }

    mutating func removeAll() { count = 0 }

    /// Forgets the elements after the first `newCount`.
    mutating func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count, "PlainBuffer.truncate beyond the end")
        count = newCount
    }

    /// Empties the buffer and, when it grew past `limit` elements, gives the memory back.
    mutating func removeAll(shrinkingAbove limit: Int) {
        count = 0
        guard capacity > limit else { return }
        base.deallocate()
        capacity = initialCapacity
        base = .allocate(capacity: capacity)
    }
}

/// Local names the direct JSON writers look for, found once per interned name (a name is compared
/// as one small integer afterwards).
enum KnownName: String {
    case other = ""
    case updateId = "UpdateId"
    case revisionNumber = "RevisionNumber"
    case revisionId = "RevisionId"
    case creationDate = "CreationDate"
    case defaultLanguage = "DefaultLanguage"
    case isLeaf = "IsLeaf"
    case isBundle = "IsBundle"
    case categories = "Categories"
    case category = "Category"
    case type = "Type"
    case id = "Id"
    case prerequisites = "Prerequisites"
    case supersededBy = "SupersededBy"
    case revision = "Revision"
    case bundledBy = "BundledBy"
    case payloadFiles = "PayloadFiles"
    case file = "File"
    case url = "Url"
    case schemaVersion = "SchemaVersion"
    case properties = "Properties"
    case packageID = "PackageID"
    case vendorName = "VendorName"
    case publicationState = "PublicationState"
    case updateType = "UpdateType"
    case moreInfoUrl = "MoreInfoUrl"
    case supportUrl = "SupportUrl"
    case productName = "ProductName"
    case localizedProperties = "LocalizedProperties"
    case language = "Language"
    case title = "Title"
    case description = "Description"
    case updateSpecificData = "UpdateSpecificData"
    case applicationSpecificData = "ApplicationSpecificData"
    case msrcSeverity = "MsrcSeverity"
    case updateClassification = "UpdateClassification"
    case kbArticleID = "KBArticleID"
    case securityBulletinID = "SecurityBulletinID"
    case cveID = "CveID"
    case isInstalled = "IsInstalled"
    case isInstallable = "IsInstallable"
    case isSuperseded = "IsSuperseded"
    case metadata = "Metadata"
    case supersededPackages = "SupersededPackages"
    case atLeastOne = "AtLeastOne"
    case bundledPackages = "BundledPackages"
    case installableItem = "InstallableItem"
    case upperID = "ID"
    case applicabilityRules = "ApplicabilityRules"
    case installProperties = "InstallProperties"
    case uninstallProperties = "UninstallProperties"
    case originFile = "OriginFile"
    case fileName = "FileName"
    case digest = "Digest"
    case size = "Size"
    case modified = "Modified"
    case originUri = "OriginUri"
    case installHandlerSpecificData = "InstallHandlerSpecificData"
    // Record elements and their containers, recognised by the parse side.
    case updates = "Updates"
    case update = "Update"
    case fileLocations = "FileLocations"
    case fileLocation = "FileLocation"
    case softwareDistributionPackage = "SoftwareDistributionPackage"
    case bulletins = "Bulletins"
    case bulletin = "Bulletin"

    init(_ local: String) {
        self = KnownName(rawValue: local) ?? .other
    }
}

/// The names of one parse, numbered: libxml2 interns every name in its dictionary, so the pointer
/// identifies the name and each distinct name is decoded (and JSON-escaped) once. Id 0 is the empty
/// name (no namespace).
struct CatalogNames {
    private var keys: [UInt]
    private var ids: [Int32]
    private var mask: Int
    private(set) var strings: [String] = [""]
    private(set) var known: [KnownName] = [.other]
    /// Name ids by text (filled as names are added).
    private(set) var idsByText: [String: Int32] = ["": 0]
    /// Per local name id: the rule identity last computed for it, with the namespace it was for.
    var ruleCache: [CachedRule?] = [nil]
    /// Per name id: whether it is an Updates Publisher installer namespace (installer data elements).
    private var installerNamespaceFlags: [Bool] = [false]
    /// Every name JSON-escaped and quoted, back to back; `quotedStart[id]..<quotedStart[id + 1]`.
    private(set) var quoted: [UInt8] = [0x22, 0x22]
    private(set) var quotedStart: [Int] = [0, 2]
    /// Names added through ``id(_:)`` since the last ``takeNewNames()``: the parse side ships them
    /// with each record, so the writer's table (filled by ``add(_:)`` in the same order) gives every
    /// name the same id without sharing this one.
    private var newNames: [String] = []

    init() {
        keys = Array(repeating: 0, count: 256)
        ids = Array(repeating: 0, count: 256)
        mask = 255
    }

    var count: Int { strings.count }

    private static func slot(_ key: UInt, _ mask: Int) -> Int {
        // Fibonacci hashing of the pointer: its low bits are mostly alignment.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// The id of a libxml2 dictionary name (0 for a null pointer).
    mutating func id(_ pointer: UnsafePointer<xmlChar>?) -> Int32 {
        guard let pointer else { return 0 }
        let key = UInt(bitPattern: pointer)
        var index = Self.slot(key, mask)
        while true {
            let found = keys[index]
            if found == key { return ids[index] }
            if found == 0 { break }
            index = (index + 1) & mask
        }
        let text = String(cString: pointer)
        // A name seen in an earlier parse (another dictionary: see forgetPointers()) keeps its id.
        let id: Int32
        if let known = idsByText[text] {
            id = known
        } else {
            id = add(text)
            newNames.append(text)
        }
        keys[index] = key
        ids[index] = id
        if (strings.count - 1) * 2 > keys.count { grow() }
        return id
    }

    /// Forgets which libxml2 name pointers stand for which ids, keeping the names: for a new parse,
    /// whose dictionary hands out new pointers. Its names are then found by text, keeping their ids,
    /// rather than numbered, classified and escaped again (wsusscn2 fragments: one parse each).
    mutating func forgetPointers() {
        for index in keys.indices { keys[index] = 0 }
    }

    /// Adds a name that is not in the pointer table (also used for names known only as text).
    mutating func add(_ text: String) -> Int32 {
        let id = Int32(strings.count)
        strings.append(text)
        known.append(KnownName(text))
        idsByText[text] = id
        ruleCache.append(nil)
        installerNamespaceFlags.append(RecordJSONWriter.installerNamespaces.contains(text))
        var json = JSONBuffer(capacity: text.utf8.count + 2)
        json.string(text)
        quoted.append(contentsOf: json.bytes)
        quotedStart.append(quoted.count)
        return id
    }

    /// The names added by ``id(_:)`` since the last call, in id order.
    mutating func takeNewNames() -> [String] {
        guard !newNames.isEmpty else { return [] }
        defer { newNames.removeAll() }
        return newNames
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldIDs = ids
        let capacity = keys.count * 2
        keys = Array(repeating: 0, count: capacity)
        ids = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        for index in oldKeys.indices where oldKeys[index] != 0 {
            var slot = Self.slot(oldKeys[index], mask)
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = oldKeys[index]
            ids[slot] = oldIDs[index]
        }
    }

    func isInstallerNamespace(_ id: Int32) -> Bool { installerNamespaceFlags[Int(id)] }

    /// The id of a name seen so far, by its text.
    func id(text: String) -> Int32? { idsByText[text] }

    /// Calls `body` with the quoted JSON form of a name.
    @inline(__always)
    func withQuoted<R>(_ id: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let index = Int(id)
        return quoted.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[quotedStart[index]..<quotedStart[index + 1]]))
        }
    }
}

/// One record's elements (an update, a file location, an entry) in flat arrays: nodes, attributes
/// and text pieces refer to byte ranges of one buffer, so reading a record creates no `String`, no
/// array per element and no reference-counted object per SAX event. The buffers keep their capacity
/// from record to record.
///
/// The typed JSON writer marks what it takes (`taken` attributes, `consumed` children); what is left
/// is the record's `extra`, with the same rules as ``XMLElement``'s residue.
struct RecordTree {
    struct Node {
        var name: Int32
        var namespace: Int32
        var firstAttribute: Int
        var attributeCount: Int
        var firstChild = -1
        var lastChild = -1
        var next = -1
        var firstText = -1
        var lastText = -1
        /// Whether some text byte is not XML whitespace (found as the text arrives, so the many
        /// residue checks need not scan it again).
        var hasSignificantText = false
        var line: Int
        var column: Int
        /// A child the typed writer looked into: left out of the residue when nothing of it is left.
        var consumed = false
    }

    struct Attribute {
        var name: Int32
        var namespace: Int32
        var start: Int
        var count: Int
        var taken = false
    }

    struct TextPiece {
        var start: Int
        var count: Int
        var next = -1
    }

    /// Attribute values and text (owned here: ``deallocate()`` when done).
    var bytes: ByteArena
    var nodes: PlainBuffer<Node>
    var attributes: PlainBuffer<Attribute>
    var texts: PlainBuffer<TextPiece>
    /// Indices of the open elements; empty when no record is being read.
    var open = PlainBuffer<Int>()

    /// An empty tree; the capacities are what its buffers start with and shrink back to.
    init(byteCapacity: Int = 1 << 16, elementCapacity: Int = 64) {
        bytes = ByteArena(capacity: byteCapacity)
        nodes = PlainBuffer(capacity: elementCapacity)
        attributes = PlainBuffer(capacity: elementCapacity)
        texts = PlainBuffer(capacity: elementCapacity)
    }

    func deallocate() {
        bytes.deallocate()
        nodes.deallocate()
        attributes.deallocate()
        texts.deallocate()
        open.deallocate()
    }

    mutating func reset() {
        bytes.removeAll()
        nodes.removeAll()
        attributes.removeAll()
        texts.removeAll()
        open.removeAll()
    }

    /// Empties the tree and gives back what an unusually large record made it grow to: buffers that
    /// hold more than `byteLimit` bytes or `elementLimit` elements go back to their first capacity.
    mutating func resetReleasingExcess(byteLimit: Int, elementLimit: Int) {
        bytes.removeAll(shrinkingAbove: byteLimit)
        nodes.removeAll(shrinkingAbove: elementLimit)
        attributes.removeAll(shrinkingAbove: elementLimit)
        texts.removeAll(shrinkingAbove: elementLimit)
        open.removeAll(shrinkingAbove: elementLimit)
    }

    /// Where a record starts in a tree that holds several (a pipeline batch: records one after the
    /// other, each rooted at its first node): what ``truncate(to:)`` goes back to.
    struct Mark {
        var nodes: Int
        var attributes: Int
        var texts: Int
        var bytes: Int
    }

    var mark: Mark { Mark(nodes: nodes.count, attributes: attributes.count, texts: texts.count, bytes: bytes.count) }

    /// Drops everything added since `mark` (a record given up half-read), keeping the records before it.
    mutating func truncate(to mark: Mark) {
        nodes.truncate(to: mark.nodes)
        attributes.truncate(to: mark.attributes)
        texts.truncate(to: mark.texts)
        bytes.truncate(to: mark.bytes)
        open.removeAll()
    }

    /// Opens an element (the first one is the record); returns the attribute value bytes added.
    mutating func startElement(
        name: Int32, namespace: Int32, line: Int, column: Int, names: inout CatalogNames,
        attributeCount: Int, attributes libxmlAttributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) -> Int {
        let index = nodes.count
        let before = bytes.count
        let firstAttribute = attributes.count
        if attributeCount > 0, let libxmlAttributes {
            for number in 0..<attributeCount {
                let base = libxmlAttributes + number * 5
                let start = bytes.count
                if let valueStart = base[3], let valueEnd = base[4] {
                    appendAttributeValue(UnsafeBufferPointer(start: valueStart, count: valueEnd - valueStart))
                }
                attributes.append(Attribute(
                    name: names.id(base[0]), namespace: names.id(base[2]), start: start, count: bytes.count - start))
            }
        }
        nodes.append(Node(
            name: name, namespace: namespace, firstAttribute: firstAttribute, attributeCount: attributes.count - firstAttribute,
            line: line, column: column))
        if let parent = open.last {
            if nodes[parent].lastChild >= 0 { nodes[nodes[parent].lastChild].next = index } else { nodes[parent].firstChild = index }
            nodes[parent].lastChild = index
        }
        open.append(index)
        return bytes.count - before
    }

    /// Copies an attribute value. Without entity substitution libxml2 hands `&amp;` over as `&#38;`:
    /// turned back into `&` so values read as written (as ``XMLStreamParser/attributeValue(_:)`` does).
    private mutating func appendAttributeValue(_ value: UnsafeBufferPointer<UInt8>) {
        guard let start = value.baseAddress, memchr(start, 0x26, value.count) != nil else {
            bytes.append(value)
            return
        }
        var index = 0
        while index < value.count {
            if value[index] == UInt8(ascii: "&"), index + 5 <= value.count, value[index + 1] == UInt8(ascii: "#"),
                value[index + 2] == UInt8(ascii: "3"), value[index + 3] == UInt8(ascii: "8"), value[index + 4] == UInt8(ascii: ";")
            {
                bytes.append(UInt8(ascii: "&"))
                index += 5
            } else {
                bytes.append(value[index])
                index += 1
            }
        }
    }

    /// Closes the innermost element; true when that was the record element.
    mutating func endElement() -> Bool {
        _ = open.popLast()
        return open.isEmpty
    }

    /// Character data of the innermost open element.
    mutating func characters(_ text: UnsafeBufferPointer<UInt8>) {
        guard let current = open.last else { return }
        if !nodes[current].hasSignificantText {
            for byte in text where !byte.isXMLWhitespace {
                nodes[current].hasSignificantText = true
                break
            }
        }
        let start = bytes.count
        bytes.append(text)
        let last = nodes[current].lastText
        if last >= 0 && texts[last].start + texts[last].count == start {
            texts[last].count += text.count  // contiguous with the previous piece: one piece
            return
        }
        let piece = texts.count
        texts.append(TextPiece(start: start, count: text.count))
        if last >= 0 { texts[last].next = piece } else { nodes[current].firstText = piece }
        nodes[current].lastText = piece
    }

    // MARK: reading

    func isWhitespaceText(_ node: Int) -> Bool { !nodes[node].hasSignificantText }

    /// The text of an element (its pieces joined).
    func text(_ node: Int) -> String {
        var piece = nodes[node].firstText
        guard piece >= 0 else { return "" }
        if texts[piece].next < 0 { return string(texts[piece].start, texts[piece].count) }
        var joined: [UInt8] = []
        while piece >= 0 {
            joined.append(contentsOf: bytes.buffer(texts[piece].start, texts[piece].count))
            piece = texts[piece].next
        }
        return String(decoding: joined, as: UTF8.self)
    }

    func string(_ start: Int, _ count: Int) -> String {
        String(decoding: bytes.buffer(start, count), as: UTF8.self)
    }

    /// The first attribute with this local name that is not taken yet.
    func attribute(_ node: Int, _ name: KnownName, _ names: CatalogNames) -> Int? {
        let first = nodes[node].firstAttribute
        for index in first..<(first + nodes[node].attributeCount)
        where !attributes[index].taken && names.known[Int(attributes[index].name)] == name {
            return index
        }
        return nil
    }

    /// True when the attribute's value is exactly `text` (ASCII).
    func attributeEquals(_ index: Int, _ text: StaticString) -> Bool {
        let attribute = attributes[index]
        guard attribute.count == text.utf8CodeUnitCount else { return false }
        return text.withUTF8Buffer { expected in
            for offset in 0..<attribute.count where bytes[attribute.start + offset] != expected[offset] { return false }
            return true
        }
    }

    /// True when nothing of the element is left for the residue (no attribute, kept child or text).
    func isEmptyResidue(_ node: Int) -> Bool {
        let first = nodes[node].firstAttribute
        for index in first..<(first + nodes[node].attributeCount) where !attributes[index].taken { return false }
        var child = nodes[node].firstChild
        while child >= 0 {
            if !isRemoved(child) { return false }
            child = nodes[child].next
        }
        return isWhitespaceText(node)
    }

    /// A consumed child with nothing left is not part of the residue.
    func isRemoved(_ node: Int) -> Bool { nodes[node].consumed && isEmptyResidue(node) }

    /// The element and its subtree as an ``XMLElement``, for the typed model (nothing taken yet).
    func element(_ node: Int, names: CatalogNames) -> XMLElement {
        let current = nodes[node]
        var element = XMLElement(
            name: XMLName(namespace: names.strings[Int(current.namespace)], local: names.strings[Int(current.name)]),
            line: current.line, column: current.column)
        if current.attributeCount > 0 {
            element.attributes.reserveCapacity(current.attributeCount)
            for index in current.firstAttribute..<(current.firstAttribute + current.attributeCount) {
                let attribute = attributes[index]
                element.attributes.append(XMLAttribute(
                    name: XMLName(namespace: names.strings[Int(attribute.namespace)], local: names.strings[Int(attribute.name)]),
                    value: string(attribute.start, attribute.count)))
            }
        }
        element.text = text(node)
        var child = current.firstChild
        while child >= 0 {
            element.children.append(self.element(child, names: names))
            child = nodes[child].next
        }
        return element
    }
}

/// What ``RuleSchema`` says about one rule element name, computed once per name (not per element).
/// A class, so handing it out per rule element costs one retain, not a copy of its arrays and string.
final class CachedRule {
    let namespace: Int32
    let kind: RuleKind?
    let family: RuleFamily?
    let spelling: RuleSpelling?
    let displayName: String
    let specs: [RuleSchema.AttributeSpec]
    let isContainer: Bool
    /// The name id of each spec's attribute, or -1 when no such name was seen when this was computed
    /// (resolved again when new names have appeared since: see `namesSeen`).
    let specNameIDs: [Int32]
    let namesSeen: Int

    init(
        namespace: Int32, kind: RuleKind?, family: RuleFamily?, spelling: RuleSpelling?, displayName: String,
        specs: [RuleSchema.AttributeSpec], isContainer: Bool, specNameIDs: [Int32], namesSeen: Int
    ) {
        self.namespace = namespace
        self.kind = kind
        self.family = family
        self.spelling = spelling
        self.displayName = displayName
        self.specs = specs
        self.isContainer = isContainer
        self.specNameIDs = specNameIDs
        self.namesSeen = namesSeen
    }

    /// The same rule with its spec names resolved again.
    func resolved(specNameIDs: [Int32], namesSeen: Int) -> CachedRule {
        CachedRule(
            namespace: namespace, kind: kind, family: family, spelling: spelling, displayName: displayName, specs: specs,
            isContainer: isContainer, specNameIDs: specNameIDs, namesSeen: namesSeen)
    }
}

extension CatalogNames {
    /// The rule identity of an element name (cached per local name id and namespace id).
    mutating func rule(name: Int32, namespace: Int32) -> CachedRule {
        if let cached = ruleCache[Int(name)], cached.namespace == namespace {
            if cached.namesSeen != count && cached.specNameIDs.contains(-1) {
                let updated = cached.resolved(specNameIDs: cached.specs.map { id(text: $0.name) ?? -1 }, namesSeen: count)
                ruleCache[Int(name)] = updated
                return updated
            }
            return cached
        }
        let local = strings[Int(name)]
        let element = XMLName(namespace: strings[Int(namespace)], local: local)
        let (kind, family, spelling) = RuleSchema.identify(element)
        let displayName: String
        if let kind, let family {
            displayName = "\(family.rawValue):\(kind.rawValue)"
        } else if let family {
            displayName = "\(family.rawValue):\(local)"
        } else {
            displayName = element.description
        }
        let specs = kind.flatMap { RuleSchema.attributes[$0] } ?? []
        let cached = CachedRule(
            namespace: namespace, kind: kind, family: family, spelling: spelling, displayName: displayName, specs: specs,
            isContainer: kind.map { RuleSchema.ruleContainers.contains($0) } ?? false,
            specNameIDs: specs.map { id(text: $0.name) ?? -1 }, namesSeen: count)
        ruleCache[Int(name)] = cached
        return cached
    }
}
