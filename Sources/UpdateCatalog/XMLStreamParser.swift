import CLibXML2
import MofkitSource

/// A namespace-qualified XML name. Names are interned per parser, so equal names share storage.
public struct XMLName: Sendable, Hashable, CustomStringConvertible {
    /// The namespace URI, or `""` when the name is in no namespace.
    public var namespace: String
    /// The local name (for wsusscn2 core fragments this includes the `b.` / `m.` / `d.` prefix).
    public var local: String

    public init(namespace: String = "", local: String) {
        self.namespace = namespace
        self.local = local
    }

    /// `{namespace}local`, or just `local` without a namespace.
    public var description: String { namespace.isEmpty ? local : "{\(namespace)}\(local)" }
}

/// One attribute of a start tag, with entity and character references already replaced.
public struct XMLAttribute: Sendable, Hashable {
    public var name: XMLName
    public var value: String

    public init(name: XMLName, value: String) {
        self.name = name
        self.value = value
    }
}

/// Receives the diagnostics of an ``XMLStreamParser``.
public protocol XMLDiagnosticSink: AnyObject {
    /// A problem found by the parser or refused by its safety settings.
    func xmlDiagnostic(_ diagnostic: Diagnostic)
}

/// Receives the events of an ``XMLStreamParser``. All calls happen on the thread that feeds the parser.
public protocol XMLEventSink: XMLDiagnosticSink {
    /// A start tag. `line`/`column` are where the start tag ends (as libxml2 reports them).
    func startElement(_ name: XMLName, attributes: [XMLAttribute], line: Int, column: Int)
    /// The matching end tag.
    func endElement()
    /// Character data (text or CDATA) of the current element, in UTF-8; may arrive in pieces.
    func characters(_ text: UnsafeBufferPointer<UInt8>)
}

/// A streaming (SAX2, push) XML parser around libxml2 that never builds a document.
///
/// Safety settings: no network access, no external entities or external DTD subsets are ever loaded,
/// entities declared in a DTD are never substituted (a reference to one is a diagnostic), nesting
/// deeper than ``maximumDepth`` stops the parse, and line numbers past 65,535 are exact
/// (`XML_PARSE_BIG_LINES`). Every libxml2 error becomes a `Diagnostic` with file, line and column;
/// the byte offset in a diagnostic is `-1` because libxml2 does not report it reliably for pushed input.
///
/// Feed bytes with `feed(_:)` in chunks of any size and call ``finish()`` at the end of input.
public final class XMLStreamParser {
    /// The name used in diagnostics.
    public let fileName: String
    /// Elements nested deeper than this stop the parse with `CAT1005`.
    public let maximumDepth: Int
    /// Column correction for line 1 (when the caller prepends a synthetic wrapper tag).
    public var firstLineColumnShift = 0
    /// A start tag with more attributes than this stops the parse with `CAT1009`: libxml2 2.9 checks
    /// a start tag for duplicate attributes pair by pair, so n attributes cost n² comparisons
    /// (100,000 attributes take seconds, 1,000,000 minutes). Counted as `=` bytes since the last `<`,
    /// which bounds a start tag's attributes because attribute values cannot contain `<`.
    public static let maximumAttributes = 50_000
    /// `=` bytes pushed since the last `<`.
    private var assignmentsSinceLastTagOpen = 0

    private unowned let diagnosticSink: any XMLDiagnosticSink
    private unowned let sink: (any XMLEventSink)?
    /// When set, start tags go to the catalog reader as libxml2's own pointers (no `String` per name
    /// or value); ends and text go to it directly too. Held as `Unmanaged` and reached with
    /// `_withUnsafeGuaranteedRef`: an `unowned(unsafe)` optional is retained and released by each
    /// `if let`, on every SAX event. The reader owns this parser, so it outlives it.
    private let catalogSink: Unmanaged<CatalogStreamReader>?
    private var context: xmlParserCtxtPtr?
    private var handler = xmlSAXHandler()
    private var names = InternedNameCache()
    /// What every SAX event reads and writes, behind a pointer: stored properties of a class would
    /// cost a dynamic exclusivity check on each access.
    private struct EventState {
        var depth = 0
        var failed = false
        var stopped = false
    }
    private let state: UnsafeMutablePointer<EventState> = {
        let pointer = UnsafeMutablePointer<EventState>.allocate(capacity: 1)
        pointer.initialize(to: EventState())
        return pointer
    }()
    private var depth: Int {
        get { state.pointee.depth }
        set { state.pointee.depth = newValue }
    }
    private var sawDTD = false
    private var reportedEntities = 0
    /// Set once a fatal error was reported; later events are ignored.
    public private(set) var failed: Bool {
        get { state.pointee.failed }
        set { state.pointee.failed = newValue }
    }
    /// Set when the sink asked to stop (``stop()``).
    public private(set) var stopped: Bool {
        get { state.pointee.stopped }
        set { state.pointee.stopped = newValue }
    }

    /// Creates a parser that sends its events to `sink` (held unowned: keep the sink alive).
    public init(fileName: String, sink: any XMLEventSink, maximumDepth: Int = 200) {
        self.fileName = fileName
        self.diagnosticSink = sink
        self.sink = sink
        self.catalogSink = nil
        self.maximumDepth = maximumDepth
        installCallbacks()
    }

    /// A parser for the catalog reader, which takes start tags as libxml2 pointers.
    init(fileName: String, catalogSink: CatalogStreamReader, maximumDepth: Int = 200) {
        self.fileName = fileName
        self.diagnosticSink = catalogSink
        self.sink = nil
        self.catalogSink = Unmanaged.passUnretained(catalogSink)
        self.maximumDepth = maximumDepth
        installCallbacks()
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Parses the next piece of input.
    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !stopped, bytes.count > 0 else { return }
        if context == nil { createContext(firstBytes: bytes) ; return }
        push(bytes, terminate: false)
    }

    /// Parses the next piece of input.
    public func feed(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { feed($0) }
    }

    /// Ends the input: reports a truncated document, if it is one.
    public func finish() {
        guard !stopped else { return }
        if context == nil {
            report(code: CatalogCode.xmlTruncated, message: "the input is empty: no XML document", line: 1, column: 1)
            return
        }
        finishing = true
        push(UnsafeBufferPointer(start: nil, count: 0), terminate: true)
        if !failed && depth > 0 {
            report(code: CatalogCode.xmlTruncated, message: "the document is truncated: \(depth) element(s) still open at the end of input",
                   line: currentLine, column: currentColumn)
        }
    }

    /// True during the last, terminating push: errors then are about the end of input.
    private var finishing = false

    /// Stops parsing; further input is ignored (used after a fatal problem found by the sink).
    public func stop() {
        stopped = true
        if let context { xmlStopParser(context) }
    }

    /// The line the parser is at (1-based).
    public var currentLine: Int {
        guard let input = context?.pointee.input else { return 1 }
        return Int(input.pointee.line)
    }

    /// The column the parser is at (1-based).
    public var currentColumn: Int {
        guard let input = context?.pointee.input else { return 1 }
        let column = Int(input.pointee.col)
        return currentLine == 1 ? max(1, column - firstLineColumnShift) : column
    }

    // MARK: - libxml2 plumbing

    private func createContext(firstBytes: UnsafeBufferPointer<UInt8>) {
        // The first bytes let libxml2 detect the encoding (BOM, UTF-16) before parsing.
        let head = min(4, firstBytes.count)
        let selfPointer = Unmanaged.passUnretained(self).toOpaque()
        context = firstBytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: head) { start in  // input-unreachable: count > 0 checked by feed
            xmlCreatePushParserCtxt(&handler, selfPointer, start, Int32(head), fileName)
        }
        guard let context else {
            report(code: CatalogCode.xmlMalformed, message: "libxml2 could not create a parser", line: 1, column: 1)
            stopped = true
            return
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)
        xmlCtxtUseOptions(context, options)
        // Never substitute entities, never load external subsets or entities, never validate.
        context.pointee.replaceEntities = 0
        context.pointee.loadsubset = 0
        context.pointee.validate = 0
        if firstBytes.count > head {
            push(UnsafeBufferPointer(rebasing: firstBytes[head...]), terminate: false)
        }
    }

    private func push(_ bytes: UnsafeBufferPointer<UInt8>, terminate: Bool) {
        guard let context else { return }
        var offset = 0
        // xmlParseChunk takes an Int32 size: hand over large buffers in pieces.
        repeat {
            let size = min(bytes.count - offset, 1 << 20)
            let start = bytes.baseAddress.map { UnsafeRawPointer($0 + offset).assumingMemoryBound(to: CChar.self) }
            let last = terminate && offset + size == bytes.count
            if size > 0, let base = bytes.baseAddress,
               let flood = attributeFlood(UnsafeBufferPointer(start: base + offset, count: size)) {
                // Let libxml2 parse up to the flooded tag, so the diagnostic's position is near it.
                _ = xmlParseChunk(context, start, Int32(flood), 0)
                guard !stopped && !failed else { return }
                report(code: CatalogCode.xmlTooManyAttributes,
                       message: "a start tag at or after this point has more than \(XMLStreamParser.maximumAttributes) attributes",
                       line: currentLine, column: currentColumn)
                stop()
                return
            }
            _ = xmlParseChunk(context, start, Int32(size), last ? 1 : 0)
            offset += size
            if stopped || failed { return }
        } while offset < bytes.count
    }

    /// Where in `bytes` the `=` count since the last `<` passes ``maximumAttributes``, if it does
    /// (the offset of the last `<` before that point). Nearly every piece takes the quick test
    /// (``assignmentsAfterLastTagOpen(_:carried:limit:)``); then one counting pass (eight bytes at a
    /// time) may still show no tag can pass the limit; only then is the piece counted byte by byte.
    private func attributeFlood(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let limit = XMLStreamParser.maximumAttributes
        if let carried = Self.assignmentsAfterLastTagOpen(bytes, carried: assignmentsSinceLastTagOpen, limit: limit) {
            assignmentsSinceLastTagOpen = carried
            return nil
        }
        let equals = XMLStreamParser.count(0x3D, in: bytes)
        if assignmentsSinceLastTagOpen + equals <= limit {
            if let lastOpen = bytes.lastIndex(of: 0x3C) {
                assignmentsSinceLastTagOpen = XMLStreamParser.count(0x3D, in: UnsafeBufferPointer(rebasing: bytes[(lastOpen + 1)...]))
            } else {
                assignmentsSinceLastTagOpen += equals
            }
            return nil
        }
        var run = assignmentsSinceLastTagOpen
        var lastOpen = 0
        for index in bytes.indices {
            if bytes[index] == 0x3C {
                run = 0
                lastOpen = index
            } else if bytes[index] == 0x3D {
                run += 1
                if run > limit { return lastOpen }
            }
        }
        assignmentsSinceLastTagOpen = run
        return nil
    }

    /// The quickest test, which nearly every piece passes: an `=` is one byte, so a start tag can only
    /// pass `limit` if some stretch without `<` is longer than that. Looks back from `limit` bytes
    /// ahead for a `<` (found within a few dozen bytes in markup), so a piece costs a few short
    /// scans. Returns the `=` count after the last `<` (the carry for the next piece), or nil when a
    /// long stretch without `<` needs the exact count.
    static func assignmentsAfterLastTagOpen(_ bytes: UnsafeBufferPointer<UInt8>, carried: Int, limit: Int) -> Int? {
        guard let base = bytes.baseAddress else { return carried }
        var position = 0
        // Bytes that may follow `position` before a `<` must appear.
        var allowed = limit - carried
        while bytes.count - position > allowed {
            var index = position + allowed
            while index >= position && base[index] != 0x3C { index -= 1 }
            if index < position { return nil }
            position = index + 1
            allowed = limit
        }
        // The rest is short enough; the carry is the count after its last `<`, if it has one.
        var last = bytes.count - 1
        while last >= position && base[last] != 0x3C { last -= 1 }
        if last >= position {
            return count(0x3D, in: UnsafeBufferPointer(rebasing: bytes[(last + 1)...]))
        }
        let rest = count(0x3D, in: UnsafeBufferPointer(rebasing: bytes[position...]))
        return position == 0 ? carried + rest : rest
    }

    /// How many bytes of `bytes` equal `target`, eight at a time (SWAR: a byte of `word ^ pattern` is
    /// zero exactly where the byte matched; this zero-byte test is exact, with no borrow between bytes).
    static func count(_ target: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let pattern = UInt64(target) &* 0x0101_0101_0101_0101
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var total = 0
        var index = 0
        let raw = UnsafeRawPointer(base)
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ pattern
            let zeroBytes = ~(((word & low7) &+ low7) | word | low7)
            // Each byte of zeroBytes >> 7 is 0 or 1; the multiply sums them into the top byte
            // (no popcnt instruction in the x86-64 baseline).
            total &+= Int(((zeroBytes >> 7) &* 0x0101_0101_0101_0101) >> 56)
            index += 8
        }
        while index < bytes.count {
            if base[index] == target { total &+= 1 }
            index += 1
        }
        return total
    }

    fileprivate func name(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        // libxml2 interns names in the parser's dictionary, so the pointer identifies the name.
        let key = UInt(bitPattern: pointer)
        if let known = names.lookup(key) { return known }
        let text = String(cString: pointer)
        names.insert(key, text)
        return text
    }

    fileprivate func handleStart(
        _ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard !failed, !stopped else { return }
        depth += 1
        if depth > maximumDepth {
            report(
                code: CatalogCode.xmlTooDeep,
                message: "elements are nested more than \(maximumDepth) deep; parsing stopped",
                line: currentLine, column: currentColumn)
            failed = true
            stop()
            return
        }
        if let catalogSink {
            let line = currentLine, column = currentColumn
            catalogSink._withUnsafeGuaranteedRef { $0.rawStartElement(localName, uri, count, attributes, line: line, column: column) }
            return
        }
        guard let sink else { return }
        let elementName = XMLName(namespace: name(uri), local: name(localName))
        var list: [XMLAttribute] = []
        if count > 0, let attributes {
            list.reserveCapacity(count)
            for index in 0..<count {
                let base = attributes + index * 5
                let attributeName = XMLName(namespace: name(base[2]), local: name(base[0]))
                var value = ""
                if let start = base[3], let end = base[4] {
                    value = Self.attributeValue(UnsafeBufferPointer(start: start, count: end - start))
                }
                list.append(XMLAttribute(name: attributeName, value: value))
            }
        }
        sink.startElement(elementName, attributes: list, line: currentLine, column: currentColumn)
    }

    /// An attribute value as text. Without entity substitution (which stays off: it would expand
    /// external and bomb entities), libxml2 hands every `&amp;` in an attribute value over as the
    /// character reference `&#38;`; turn those back into `&` so values read as written.
    static func attributeValue(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        let reference = Array("&#38;".utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "&"), i + reference.count <= bytes.count,
                bytes[i..<(i + reference.count)].elementsEqual(reference)
            {
                decoded.append(UInt8(ascii: "&"))
                i += reference.count
            } else {
                decoded.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    fileprivate func handleEnd() {
        guard !failed, !stopped else { return }
        depth -= 1
        if let catalogSink { catalogSink._withUnsafeGuaranteedRef { $0.endElement() } } else { sink?.endElement() }
    }

    fileprivate func handleCharacters(_ start: UnsafePointer<xmlChar>?, _ length: Int) {
        guard !failed, !stopped, let start, length > 0 else { return }
        if let catalogSink {
            catalogSink._withUnsafeGuaranteedRef { $0.characters(UnsafeBufferPointer(start: start, count: length)) }
            return
        }
        sink?.characters(UnsafeBufferPointer(start: start, count: length))
    }

    fileprivate func handleDTD() {
        guard !sawDTD else { return }
        sawDTD = true
        report(
            code: CatalogCode.xmlDTDIgnored,
            message: "document type declaration ignored: catalogs need no DTD, and its entities are never expanded",
            line: currentLine, column: currentColumn, severity: .warning)
    }

    fileprivate func handleEntityReference(_ entityName: String) {
        // Only the first few are reported: a hostile file may reference thousands.
        reportedEntities += 1
        guard reportedEntities <= 3 else { return }
        report(
            code: CatalogCode.xmlEntityRefused,
            message: "entity '&\(entityName);' is not expanded (entities declared in a DTD are refused)",
            line: currentLine, column: currentColumn)
    }

    fileprivate func handleError(_ error: UnsafePointer<xmlError>) {
        let level = error.pointee.level
        let rawMessage = error.pointee.message.map { String(cString: $0) } ?? "XML error"
        let message = rawMessage.hasSuffix("\n") ? String(rawMessage.dropLast()) : rawMessage
        let line = max(1, Int(error.pointee.line))
        var column = max(1, Int(error.pointee.int2))
        if line == 1 { column = max(1, column - firstLineColumnShift) }
        let code: DiagnosticCode
        switch Int(error.pointee.code) {
        case Int(XML_ERR_DOCUMENT_END.rawValue), Int(XML_ERR_TAG_NOT_FINISHED.rawValue),
            Int(XML_ERR_DOCUMENT_EMPTY.rawValue), Int(XML_ERR_LTSLASH_REQUIRED.rawValue):
            code = CatalogCode.xmlTruncated
        case Int(XML_ERR_UNDECLARED_ENTITY.rawValue), Int(XML_WAR_UNDECLARED_ENTITY.rawValue),
            Int(XML_ERR_ENTITY_LOOP.rawValue), Int(XML_ERR_ENTITY_BOUNDARY.rawValue):
            code = CatalogCode.xmlEntityRefused
        default:
            // At the end of input with elements still open, the error is the truncation.
            code = level == XML_ERR_WARNING ? CatalogCode.xmlWarning : (finishing && depth > 0 ? CatalogCode.xmlTruncated : CatalogCode.xmlMalformed)
        }
        var finalMessage = message
        if code == CatalogCode.xmlTruncated && !message.contains("truncated") {
            finalMessage = "the document is truncated or incomplete: " + message
        }
        let severity: Severity = level == XML_ERR_WARNING ? .warning : .error
        report(code: code, message: finalMessage, line: line, column: column, severity: severity)
        if level == XML_ERR_FATAL { failed = true }
    }

    private func report(code: DiagnosticCode, message: String, line: Int, column: Int, severity: Severity = .error) {
        let location = SourceLocation(line: line, column: column, offset: -1)
        diagnosticSink.xmlDiagnostic(
            Diagnostic(
                code: code, severity: severity, message: message,
                range: SourceRange(file: fileName, start: location, end: location)))
        if severity == .error { failed = true }
    }

    private func installCallbacks() {
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { context, localName, _, uri, _, _, attributeCount, _, attributes in
            guard let context else { return }
            Unmanaged<XMLStreamParser>.fromOpaque(context)._withUnsafeGuaranteedRef {
                $0.handleStart(localName, uri, Int(attributeCount), attributes)
            }
        }
        handler.endElementNs = { context, _, _, _ in
            guard let context else { return }
            Unmanaged<XMLStreamParser>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.handleEnd() }
        }
        handler.characters = { context, start, length in
            guard let context else { return }
            Unmanaged<XMLStreamParser>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.handleCharacters(start, Int(length)) }
        }
        handler.cdataBlock = handler.characters
        handler.serror = { context, error in
            guard let context, let error else { return }
            Unmanaged<XMLStreamParser>.fromOpaque(context).takeUnretainedValue().handleError(UnsafePointer(error))
        }
        handler.internalSubset = { context, _, _, _ in
            guard let context else { return }
            Unmanaged<XMLStreamParser>.fromOpaque(context).takeUnretainedValue().handleDTD()
        }
        // No entity is ever defined: references to DTD entities are reported and never expanded.
        handler.getEntity = { context, entityName in
            guard let context else { return nil }
            let parser = Unmanaged<XMLStreamParser>.fromOpaque(context).takeUnretainedValue()
            parser.handleEntityReference(entityName.map { String(cString: $0) } ?? "")
            return nil
        }
        handler.getParameterEntity = { _, _ in nil }
        // External resources (entities, DTD subsets) are never resolved.
        handler.resolveEntity = { _, _, _ in nil }
        handler.externalSubset = { _, _, _, _ in }
    }
}


/// Strings of libxml2 dictionary names, keyed by their interned pointer: an open-addressing table
/// with linear probing (the standard `Dictionary` hashes with SipHash, too slow for every SAX event).
struct InternedNameCache {
    private var keys: [UInt]
    private var values: [String]
    private var count = 0
    private var mask: Int

    init() {
        keys = Array(repeating: 0, count: 256)
        values = Array(repeating: "", count: 256)
        mask = 255
    }

    private static func slot(_ key: UInt, _ mask: Int) -> Int {
        // Fibonacci hashing of the pointer: its low bits are mostly alignment.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    func lookup(_ key: UInt) -> String? {
        var index = Self.slot(key, mask)
        while true {
            let found = keys[index]
            if found == key { return values[index] }
            if found == 0 { return nil }
            index = (index + 1) & mask
        }
    }

    /// Adds a key that is not in the table (`key` is a non-null pointer, never 0).
    mutating func insert(_ key: UInt, _ value: String) {
        if (count + 1) * 2 > keys.count { grow() }
        var index = Self.slot(key, mask)
        while keys[index] != 0 { index = (index + 1) & mask }
        keys[index] = key
        values[index] = value
        count += 1
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let capacity = keys.count * 2
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: "", count: capacity)
        mask = capacity - 1
        count = 0
        for index in oldKeys.indices where oldKeys[index] != 0 { insert(oldKeys[index], oldValues[index]) }
    }
}
