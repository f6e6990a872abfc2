#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2
import MofkitSource

#if canImport(Glibc)
private let systemRead = Glibc.read
#else
private let systemRead = Darwin.read
#endif

/// What reading a catalog found, besides the records.
public struct CatalogReadSummary: Sendable {
    public var format: CatalogFormat = .unknown
    /// Updates read (packages, revisions, bulletins).
    public var updateCount = 0
    /// wsusscn2.cab fragments read (`c/`, `x/`, `l/` members of the `packageN.cab`s).
    public var fragmentCount = 0
    /// All records, including the header, file locations and entries.
    public var recordCount = 0
    /// Diagnostics in the order found (at most ``CatalogReader/diagnosticLimit``; see ``suppressedDiagnostics``).
    public var diagnostics: [Diagnostic] = []
    /// Diagnostics beyond the limit, counted but not kept.
    public var suppressedDiagnostics = 0
    /// For a cabinet, the member that was read (`package.cab/package.xml`).
    public var cabinetMember: String?

    /// True when no error was found (warnings allowed).
    public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
}

/// Reads any supported catalog as a stream of records, in constant memory (one update subtree at a time).
///
/// ```swift
/// let summary = CatalogReader.read(path: "HpCatalogForSms.xml") { record in
///     if case .update(let update) = record { print(update.id, update.title() ?? "") }
/// }
/// ```
public enum CatalogReader {
    /// At most this many diagnostics are kept in a summary.
    public static let diagnosticLimit = 1000
    /// Limit on one update's text and attribute bytes.
    public static let recordByteLimit = 64 << 20

    /// Reads a file (or standard input for `-`): XML of any supported format, or a `.cab` holding one
    /// (recognised by its `MSCF` signature). Records are delivered in document order as they complete.
    public static func read(path: String, onRecord: (CatalogRecord) -> Void) -> CatalogReadSummary {
        withoutActuallyEscaping(onRecord) { callback in
            let sink = RecordSink(fileName: path, onRecord: callback)
            let reader = CatalogStreamReader(fileName: path, sink: sink)
            read(path: path, into: reader)
            return sink.summary(format: reader.format, cabinetMember: reader.cabinetMember)
        }
    }

    /// Feeds a file (or standard input) to `reader`, through the cabinet reader when it is a `.cab`.
    static func read(path: String, into reader: CatalogStreamReader) {
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else {
            reader.fail(CatalogCode.readFailed, "cannot open '\(path)': \(String(cString: strerror(errno)))")
            return
        }
        defer { if fd != 0 { close(fd) } }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            reader.fail(CatalogCode.readFailed, "cannot read '\(path)': is a directory")
            return
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 18)
        var first = true
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                reader.fail(CatalogCode.readFailed, "cannot read '\(path)': \(String(cString: strerror(errno)))")
                return
            }
            if count == 0 { break }
            if first {
                first = false
                if count >= 4, buffer[0] == 0x4D, buffer[1] == 0x53, buffer[2] == 0x43, buffer[3] == 0x46, path != "-" {
                    // A cabinet: libmspack needs random access, so it reads the file itself.
                    CabinetReader.read(path: path, into: reader)
                    return
                }
            }
            if reader.isStopped { break }
            buffer.withUnsafeBufferPointer { reader.feed(UnsafeBufferPointer(rebasing: $0[0..<count])) }
        }
        reader.finish()
    }

    /// Reads a catalog held in memory (XML or a cabinet).
    public static func read(bytes: [UInt8], fileName: String, onRecord: (CatalogRecord) -> Void) -> CatalogReadSummary {
        withoutActuallyEscaping(onRecord) { callback in
            let sink = RecordSink(fileName: fileName, onRecord: callback)
            let reader = CatalogStreamReader(fileName: fileName, sink: sink)
            if bytes.count >= 4, bytes[0] == 0x4D, bytes[1] == 0x53, bytes[2] == 0x43, bytes[3] == 0x46 {
                CabinetReader.read(memory: bytes, into: reader)
            } else {
                bytes.withUnsafeBufferPointer { reader.feed($0) }
                reader.finish()
            }
            return sink.summary(format: reader.format, cabinetMember: reader.cabinetMember)
        }
    }

    /// Converts a catalog (a file, `-` for standard input, XML or a cabinet) to JSON as it is read:
    /// JSON Lines (`lines`: one record per line) or the records of a JSON array separated by `,\n`.
    /// The bytes are those of ``JSONBuffer/write(_:)-(CatalogRecord)`` for each record of
    /// ``read(path:onRecord:)``; records whose typed members are plain lookups are written straight
    /// from the parser's events without building the model. Output accumulates in `json` and is handed
    /// to `flush` about every megabyte (the bytes are valid during the call only: copy what you keep);
    /// what is left stays in `json` (the caller adds the trailer).
    ///
    /// With `threads` 2 or more, reading and parsing run on a second thread while the calling thread
    /// writes JSON (records are handed over in small batches; memory stays bounded, see
    /// `ConvertPipeline`); `flush` is still called on the calling thread, and the bytes, diagnostics
    /// and summary are exactly those of `threads: 1`.
    public static func convert(
        path: String, lines: Bool, threads: Int = 1, json: inout JSONBuffer,
        flush: (UnsafeBufferPointer<UInt8>) -> Void
    ) -> CatalogReadSummary {
        withoutActuallyEscaping(flush) { flush in
            let sink = RecordSink(fileName: path, json: &json, lines: lines, flush: flush)
            defer { sink.takeJSON(into: &json) }
            if threads >= 2 {
                let found = ConvertPipeline.run(path: path, into: sink)
                return sink.summary(format: found.format, cabinetMember: found.cabinetMember)
            }
            let reader = CatalogStreamReader(fileName: path, sink: sink)
            read(path: path, into: reader)
            return sink.summary(format: reader.format, cabinetMember: reader.cabinetMember)
        }
    }

    /// Reads everything into an array (convenient for small catalogs and tests).
    public static func readAll(path: String) -> (records: [CatalogRecord], summary: CatalogReadSummary) {
        var records: [CatalogRecord] = []
        let summary = read(path: path) { records.append($0) }
        return (records, summary)
    }
}

/// What the parse side of a read hands on to its ``RecordSink`` besides record trees, in document
/// order with them.
enum ReaderEvent: Sendable {
    /// A record made outside the record trees (the header, containers' attributes and text); boxed,
    /// so an event stays small to copy.
    indirect case model(CatalogRecord)
    case diagnostic(Diagnostic)
    /// Diagnostics the sink would only have counted (more than ``CatalogReader/diagnosticLimit`` in
    /// one pipeline batch): counted here instead of held, so a record that makes millions of them
    /// does not hold them all while it is read.
    case suppressedDiagnostics(Int)
}

/// The text directly inside a container element (`Updates`, `FileLocations` …): in practice the same
/// few bytes of white space between each two records, hundreds of thousands of times. Kept exactly,
/// in case some of it is not white space: the pieces' bytes one after the other, except that a piece
/// equal to the one before only counts a repeat. So the usual white space takes a few bytes whatever
/// the catalog's size, and any other text at most its own bytes plus a segment per change of repeat.
struct ContainerText {
    /// `bytes[start..<start + count]`, `repeats` times.
    private struct Segment {
        var start: Int
        var count: Int
        var repeats: Int
    }

    private var bytes: [UInt8] = []
    private var segments: [Segment] = []
    /// Where the last piece's bytes are (to recognise a repeat).
    private var lastPiece: Range<Int>?
    /// Whether some byte is not XML white space (the container then becomes an entry with its text).
    private(set) var isSignificant = false

    /// Bytes held, for the reader's memory bound.
    var footprint: Int { bytes.count + segments.count * MemoryLayout<Segment>.stride }

    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        guard !text.isEmpty else { return }
        if !isSignificant, text.contains(where: { !$0.isXMLWhitespace }) { isSignificant = true }
        if let lastPiece, bytes[lastPiece].elementsEqual(text) {
            let last = segments.count - 1
            if segments[last].start == lastPiece.lowerBound && segments[last].count == lastPiece.count {
                segments[last].repeats += 1
            } else {
                // The last segment ends with that piece once: take it off and count it twice.
                segments[last].count -= lastPiece.count
                if segments[last].count == 0 { segments.removeLast() }
                segments.append(Segment(start: lastPiece.lowerBound, count: lastPiece.count, repeats: 2))
            }
            return
        }
        let start = bytes.count
        bytes.append(contentsOf: text)
        lastPiece = start..<bytes.count
        if let last = segments.last, last.repeats == 1, last.start + last.count == start {
            segments[segments.count - 1].count += text.count
        } else {
            segments.append(Segment(start: start, count: text.count, repeats: 1))
        }
    }

    /// All of the text, in document order.
    var joined: String {
        var text: [UInt8] = []
        for segment in segments {
            for _ in 0..<segment.repeats { text.append(contentsOf: bytes[segment.start..<(segment.start + segment.count)]) }
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// The parse side of a read: splits the SAX stream into records, each built as a ``RecordTree``,
/// and hands records and diagnostics on in document order, to a ``RecordSink`` on the same thread or
/// through a ``BatchProducer`` to one on another thread (`catalog convert --threads 2`).
final class CatalogStreamReader: XMLDiagnosticSink {
    let fileName: String
    private let destination: Destination
    /// The format, detected from the root element.
    var format: CatalogFormat { state.pointee.format }
    /// For a cabinet, the member that was read (`package.cab/package.xml`).
    private(set) var cabinetMember: String?
    private var parser: XMLStreamParser?
    /// What every SAX event reads and writes, behind a pointer: stored properties of a class would
    /// cost a dynamic exclusivity check on each access.
    private struct EventState {
        /// The record being read (no record is open when `tree.open` is empty) and the parse side's names.
        /// Read into a ``RecordSink``, the tree holds one record at a time; into a ``BatchProducer``, it
        /// holds the records of the batch being filled, one after the other.
        var tree = RecordTree()
        var names = CatalogNames()
        var recordBytes = 0
        /// Where the record being read starts in `tree`: its root node, and what to truncate to.
        var recordStart = RecordTree.Mark(nodes: 0, attributes: 0, texts: 0, bytes: 0)
        var recordKind = RecordKind.entry
        /// From a record's start tag until it is handed on (or given up): its tree must stay.
        var inRecord = false
        var started = false
        var format = CatalogFormat.unknown
        /// Local names of the open elements outside the current record, as text and as known names
        /// (so a record's start is recognised by comparing small integers).
        var path: [String] = []
        var pathKnown: [KnownName] = []
        /// The text of each open container (mostly the whitespace between records).
        var containerText: [ContainerText] = []
    }
    private let state: UnsafeMutablePointer<EventState>
    enum RecordKind: Sendable { case update, fileLocation, entry }

    private enum Destination {
        case sink(RecordSink)
        case pipeline(BatchProducer)
    }

    static let fragmentWrapper = "MofkitFragment"
    private static let fragmentRoots: Set<String> = [
        "UpdateIdentity", "ExtendedProperties", "LocalizedProperties", "Properties", "Relationships",
        "ApplicabilityRules", "Files", "HandlerSpecificData",
    ]

    deinit {
        state.pointee.tree.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    private init(fileName: String, destination: Destination, names: CatalogNames) {
        self.fileName = fileName
        self.destination = destination
        state = .allocate(capacity: 1)
        state.initialize(to: EventState(names: names))
    }

    /// A reader whose records and diagnostics go to `sink` as they complete.
    convenience init(fileName: String, sink: RecordSink) {
        self.init(fileName: fileName, destination: .sink(sink), names: CatalogNames())
    }

    /// A reader that starts with the parse-side name table of an earlier read (``takeNames()``); its
    /// sink must start with the writer's table of the same read, so both keep numbering names alike.
    convenience init(fileName: String, sink: RecordSink, names: consuming CatalogNames) {
        names.forgetPointers()
        self.init(fileName: fileName, destination: .sink(sink), names: names)
    }

    /// The parse-side name table, for the next read (this reader is done).
    func takeNames() -> CatalogNames {
        var names = CatalogNames()
        swap(&names, &state.pointee.names)
        return names
    }

    /// A reader whose records and diagnostics go, in batches, to a sink on another thread.
    convenience init(fileName: String, producer: BatchProducer) {
        self.init(fileName: fileName, destination: .pipeline(producer), names: CatalogNames())
    }

    var isStopped: Bool { parser?.stopped ?? false }

    func fail(_ code: DiagnosticCode, _ message: String) {
        add(Diagnostic(code: code, severity: .error, message: message, range: point(1, 1)))
    }

    private func point(_ line: Int, _ column: Int) -> SourceRange {
        let location = SourceLocation(line: line, column: column, offset: -1)
        return SourceRange(file: fileName, start: location, end: location)
    }

    private func add(_ diagnostic: Diagnostic) { deliver(.diagnostic(diagnostic)) }

    private func emit(_ record: CatalogRecord) { deliver(.model(record)) }

    private func deliver(_ event: ReaderEvent) {
        switch destination {
        case .sink(let sink): sink.handle(event)
        case .pipeline(let producer):
            // A full batch waits for the record being read, if any, to be added (addRecord sends it).
            if producer.add(event) && !state.pointee.inRecord { producer.handOver(tree: &state.pointee.tree) }
        }
    }

    func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        if parser == nil {
            let parser = XMLStreamParser(fileName: fileName, catalogSink: self)
            self.parser = parser
            if Self.looksLikeFragment(bytes) || (forceFragment && !Self.startsWithDeclaration(bytes)) {
                let wrapper = Array("<\(Self.fragmentWrapper)>".utf8)
                parser.firstLineColumnShift = wrapper.count
                parser.feed(wrapper)
                wrappedFragment = true
            }
        }
        parser?.feed(bytes)
    }

    private var wrappedFragment = false

    func finish() {
        guard let parser else {
            fail(CatalogCode.xmlTruncated, "the input is empty: no XML document")
            return
        }
        if wrappedFragment && !parser.failed && !parser.stopped {
            parser.feed(Array("</\(Self.fragmentWrapper)>".utf8))
        }
        parser.finish()
    }

    /// True when the bytes start (after a BOM and white space) with an XML declaration.
    static func startsWithDeclaration(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let index = firstMarkup(bytes)
        return Array(bytes[index..<min(bytes.count, index + 5)]) == Array("<?xml".utf8)
    }

    /// Where the markup starts: after a UTF-8 BOM and XML white space.
    private static func firstMarkup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count, bytes[index].isXMLWhitespace { index += 1 }
        return index
    }

    /// A wsusscn2 fragment: no XML declaration, and the first element is one of the fragment elements.
    static func looksLikeFragment(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = firstMarkup(bytes)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "<") else { return false }
        index += 1
        var name: [UInt8] = []
        while index < bytes.count, name.count < 40 {
            let byte = bytes[index]
            if byte.isXMLWhitespace || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") { break }
            name.append(byte)
            index += 1
        }
        return fragmentRoots.contains(String(decoding: name, as: UTF8.self))
    }

    // MARK: parser events

    func xmlDiagnostic(_ diagnostic: Diagnostic) { add(diagnostic) }

    /// A start tag, with libxml2's name pointers and attribute array (five pointers per attribute:
    /// local name, prefix, URI, value start, value end).
    func rawStartElement(
        _ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ count: Int,
        _ libxmlAttributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, line: Int, column: Int
    ) {
        let nameID = state.pointee.names.id(localName)
        let namespaceID = state.pointee.names.id(uri)
        if !state.pointee.tree.open.isEmpty {
            state.pointee.recordBytes += state.pointee.tree.startElement(
                name: nameID, namespace: namespaceID, line: line, column: column, names: &state.pointee.names,
                attributeCount: count, attributes: libxmlAttributes)
            return
        }
        let state = self.state
        if !state.pointee.started {
            let strings = state.pointee.names.strings
            let name = XMLName(namespace: strings[Int(namespaceID)], local: strings[Int(nameID)])
            state.pointee.started = true
            state.pointee.format = Self.detect(name)
            let format = state.pointee.format
            if format == .unknown {
                add(Diagnostic(
                    code: CatalogCode.unknownFormat, severity: .error,
                    message: "root element '\(name)' is not an update catalog this reader knows; kept as generic elements",
                    range: point(line, column)))
            }
            // When the root is the update itself, its attributes belong to the update record only.
            let rootIsRecord = [.sdp, .wsusUpdate, .wsusFragment].contains(format)
            emit(.header(CatalogHeader(
                format: format, root: name,
                attributes: rootIsRecord ? [] : Self.attributes(count, libxmlAttributes, &state.pointee.names),
                cabinetMember: cabinetMember)))
            switch format {
            case .sdp, .wsusUpdate, .wsusFragment:
                begin(.update, nameID, namespaceID, count, libxmlAttributes, line, column)
            default:
                state.pointee.path.append(name.local)
                state.pointee.pathKnown.append(state.pointee.names.known[Int(nameID)])
                state.pointee.containerText.append(ContainerText())
            }
            return
        }
        let local = state.pointee.names.known[Int(nameID)]
        let parent = state.pointee.pathKnown.last ?? .other
        let depth = state.pointee.path.count
        var kind: RecordKind? = .entry
        switch state.pointee.format {
        case .scupCatalog:
            if depth == 1 && local == .softwareDistributionPackage { kind = .update }
        case .wsusPackage:
            if depth == 1 && (local == .updates || local == .fileLocations) { kind = nil }
            if depth == 2 && parent == .updates && local == .update { kind = .update }
            if depth == 2 && parent == .fileLocations && local == .fileLocation { kind = .fileLocation }
        case .mssecure:
            if depth == 1 { kind = nil }
            if depth == 2 && parent == .bulletins && local == .bulletin { kind = .update }
        default:
            break
        }
        if let kind {
            begin(kind, nameID, namespaceID, count, libxmlAttributes, line, column)
        } else {
            let strings = state.pointee.names.strings
            let name = XMLName(namespace: strings[Int(namespaceID)], local: strings[Int(nameID)])
            // A container: only its attributes (if any) become an entry; its children are records.
            if count > 0 {
                let attributes = Self.attributes(count, libxmlAttributes, &state.pointee.names)
                emit(.entry(CatalogEntry(path: Array(state.pointee.path.dropFirst()), element: XMLElement(
                    name: name, attributes: attributes, line: line, column: column))))
            }
            state.pointee.path.append(name.local)
            state.pointee.pathKnown.append(local)
            state.pointee.containerText.append(ContainerText())
        }
    }

    /// Attributes outside records (root and containers) as values.
    private static func attributes(
        _ count: Int, _ libxmlAttributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ names: inout CatalogNames
    ) -> [XMLAttribute] {
        guard count > 0, let libxmlAttributes else { return [] }
        var list: [XMLAttribute] = []
        for index in 0..<count {
            let base = libxmlAttributes + index * 5
            let namespaceID = names.id(base[2])
            let localID = names.id(base[0])
            let name = XMLName(namespace: names.strings[Int(namespaceID)], local: names.strings[Int(localID)])
            var value = ""
            if let start = base[3], let end = base[4] {
                value = XMLStreamParser.attributeValue(UnsafeBufferPointer(start: start, count: end - start))
            }
            list.append(XMLAttribute(name: name, value: value))
        }
        return list
    }

    func endElement() {
        if !state.pointee.tree.open.isEmpty {
            if state.pointee.tree.endElement() { complete() }
            return
        }
        // End of a container (or the root).
        let state = self.state
        if let container = state.pointee.containerText.popLast(), let name = state.pointee.path.last,
            container.isSignificant
        {
            emit(.entry(CatalogEntry(path: Array(state.pointee.path.dropFirst().dropLast()), element: XMLElement(
                name: XMLName(local: name), text: container.joined))))
        }
        _ = state.pointee.path.popLast()
        _ = state.pointee.pathKnown.popLast()
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {
        if state.pointee.tree.open.isEmpty {
            let containers = state.pointee.containerText.count
            guard containers > 0 else { return }
            state.pointee.containerText[containers - 1].append(text)
            if state.pointee.containerText[containers - 1].footprint > CatalogReader.recordByteLimit {
                state.pointee.containerText[containers - 1] = ContainerText()
                stopTooLarge("the text between records holds more than \(CatalogReader.recordByteLimit >> 20) MiB")
            }
            return
        }
        state.pointee.recordBytes += text.count
        if state.pointee.recordBytes > CatalogReader.recordByteLimit {
            state.pointee.tree.truncate(to: state.pointee.recordStart)
            state.pointee.inRecord = false
            stopTooLarge("one update holds more than \(CatalogReader.recordByteLimit >> 20) MiB of text")
            return
        }
        state.pointee.tree.characters(text)
    }

    /// Reports `CAT1008` where the parser is and stops reading: memory stays bounded.
    private func stopTooLarge(_ what: String) {
        let parser = self.parser
        add(Diagnostic(
            code: CatalogCode.recordTooLarge, severity: .error, message: "\(what); reading stopped",
            range: point(parser?.currentLine ?? 1, parser?.currentColumn ?? 1)))
        parser?.stop()
    }

    // MARK: records

    private func begin(
        _ kind: RecordKind, _ name: Int32, _ namespace: Int32, _ count: Int,
        _ libxmlAttributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ line: Int, _ column: Int
    ) {
        state.pointee.recordKind = kind
        state.pointee.inRecord = true
        if case .sink = destination { state.pointee.tree.reset() }
        state.pointee.recordStart = state.pointee.tree.mark
        state.pointee.recordBytes = state.pointee.tree.startElement(
            name: name, namespace: namespace, line: line, column: column, names: &state.pointee.names,
            attributeCount: count, attributes: libxmlAttributes)
    }

    /// The record element closed: hand the record on (the tree is swapped out or reused by `begin`),
    /// with the names numbered since the previous record (``CatalogNames/takeNewNames()``).
    private func complete() {
        let state = self.state
        let recordKind = state.pointee.recordKind, format = state.pointee.format
        if recordKind == .update && format == .wsusPackage && revisions != nil { noteRevision() }
        let entryPath = recordKind == .entry ? Array(state.pointee.path.dropFirst()) : []
        let newNames = state.pointee.names.takeNewNames()
        switch destination {
        case .sink(let sink):
            sink.handleRecord(
                recordKind, format: format, entryPath: entryPath, newNames: newNames, tree: &state.pointee.tree, root: 0)
        case .pipeline(let producer):
            producer.addRecord(
                recordKind, format: format, entryPath: entryPath, newNames: newNames,
                root: state.pointee.recordStart.nodes, tree: &state.pointee.tree)
        }
        state.pointee.inRecord = false
    }

    /// Hands the records read since the last batch went over to the pipeline, as its last batch.
    func finishPipeline() {
        guard case .pipeline(let producer) = destination else { return }
        // A record left open (the input ended inside it) is not a record: only whole ones go over.
        if !state.pointee.tree.open.isEmpty { state.pointee.tree.truncate(to: state.pointee.recordStart) }
        producer.finish(format: format, cabinetMember: cabinetMember, tree: &state.pointee.tree)
    }

    static let updateNamespace = "http://schemas.microsoft.com/msus/2002/12/Update"
    static let offlineSyncNamespace = "http://schemas.microsoft.com/msus/2004/02/OfflineSync"

    /// The format, from the root element's name and namespace.
    static func detect(_ root: XMLName) -> CatalogFormat {
        switch (root.local, root.namespace) {
        case ("BulletinDatastore", ""): return .mssecure
        case ("OfflineSyncPackage", ""), ("OfflineSyncPackage", offlineSyncNamespace): return .wsusPackage
        case ("Update", updateNamespace): return .wsusUpdate
        case (fragmentWrapper, ""): return .wsusFragment
        case ("SystemsManagementCatalog", let uri) where uri.hasSuffix("/SystemsManagementCatalog.xsd"):
            return .scupCatalog
        case ("SoftwareDistributionPackage", let uri) where uri.hasSuffix("/SoftwareDistributionPackage.xsd"):
            return .sdp
        default: return .unknown
        }
    }

    /// Used by the cabinet reader to name the member in the header.
    func setCabinetMember(_ member: String) { cabinetMember = member }

    // MARK: wsusscn2.cab members besides package.xml (see WsusCabinet.swift)

    /// Set by the wsusscn2 cabinet reader before `package.xml` is read: collects revision id →
    /// update identity from each `Update` (a few MB for a real catalog).
    var revisions: RevisionIndex?
    /// Wrap the input in the fragment element whatever it starts with (a cabinet's `c/`, `x/`, `l/` member).
    var forceFragment = false

    private func noteRevision() {
        let state = self.state
        func value(_ name: KnownName) -> String? {
            guard let index = state.pointee.tree.attribute(state.pointee.recordStart.nodes, name, state.pointee.names)
            else { return nil }
            let attribute = state.pointee.tree.attributes[index]
            return state.pointee.tree.string(attribute.start, attribute.count)
        }
        guard let revision = value(.revisionId) else { return }
        let root = state.pointee.tree.nodes[state.pointee.recordStart.nodes]
        if revisions?.add(revision: revision, updateID: value(.updateId) ?? "", revisionNumber: value(.revisionNumber)) == false {
            add(Diagnostic(
                code: CatalogCode.duplicateRevision, severity: .warning,
                message: "RevisionId \(revision) is listed twice in package.xml; fragments are attached to the first",
                range: point(root.line, root.column)))
        }
    }

    /// Emits a record read outside this reader's XML (index, fragments) into the same output, in order.
    func emitMember(_ record: CatalogRecord) { emit(record) }

    /// Adds a diagnostic found outside this reader's XML (a fragment member, the index).
    func addMemberDiagnostic(_ diagnostic: Diagnostic) { add(diagnostic) }
}

/// The writing side of a read: turns completed records into typed records (``CatalogReader/read(path:onRecord:)``)
/// or JSON (``CatalogReader/convert(path:lines:threads:json:flush:)``), and keeps the summary's counts
/// and diagnostics. Events arrive in document order, on one thread.
final class RecordSink {
    let fileName: String
    /// Where records go: to a callback as typed records, or straight into JSON.
    private let output: Output
    /// Records that go through the typed model are written here first (JSON output only).
    private var scratch = JSONBuffer(capacity: 0)
    private var wroteRecord = false
    /// Counts and diagnostics (format and cabinet member come from the parse side).
    private var counts = CatalogReadSummary()
    /// The writer with the record being written (swapped in from the parse side) and the writer's
    /// names, behind a pointer like the JSON output, so the two are written without overlapping accesses.
    private let writer: UnsafeMutablePointer<RecordJSONWriter>
    /// The JSON output (JSON output only).
    private let json: UnsafeMutablePointer<RawJSONWriter> = {
        let pointer = UnsafeMutablePointer<RawJSONWriter>.allocate(capacity: 1)
        pointer.initialize(to: RawJSONWriter(capacity: 64))
        return pointer
    }()

    enum Output {
        case records((CatalogRecord) -> Void)
        /// JSON Lines (`lines`) or the records of a JSON array (comma-separated), flushed to `flush`
        /// whenever a megabyte is buffered.
        case json(lines: Bool, flush: (UnsafeBufferPointer<UInt8>) -> Void)
    }

    deinit {
        json.pointee.deallocate()
        json.deinitialize(count: 1)
        json.deallocate()
        writer.pointee.tree.deallocate()
        writer.deinitialize(count: 1)
        writer.deallocate()
    }

    private init(fileName: String, output: Output, names: CatalogNames) {
        self.fileName = fileName
        self.output = output
        writer = .allocate(capacity: 1)
        writer.initialize(to: RecordJSONWriter(names: names))
    }

    convenience init(fileName: String, onRecord: @escaping (CatalogRecord) -> Void) {
        self.init(fileName: fileName, output: .records(onRecord), names: CatalogNames())
    }

    /// A sink that starts with the writer's name table of an earlier read (``takeNames()``), to pair
    /// with a reader given that read's parse-side table.
    convenience init(fileName: String, names: CatalogNames, onRecord: @escaping (CatalogRecord) -> Void) {
        self.init(fileName: fileName, output: .records(onRecord), names: names)
    }

    /// The writer's name table, for the next read (this sink is done).
    func takeNames() -> CatalogNames {
        var names = CatalogNames()
        swap(&names, &writer.pointee.names)
        return names
    }

    /// A sink that writes records as JSON after what `buffer` holds, taken over until ``takeJSON(into:)``.
    convenience init(
        fileName: String, json buffer: inout JSONBuffer, lines: Bool, flush: @escaping (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        self.init(fileName: fileName, output: .json(lines: lines, flush: flush), names: CatalogNames())
        json.pointee.deallocate()
        json.pointee = RawJSONWriter(capacity: 1 << 21)
        buffer.bytes.withUnsafeBufferPointer { json.pointee.append($0) }
        buffer.removeAll()
    }

    /// Appends what was not flushed yet to `buffer`.
    func takeJSON(into buffer: inout JSONBuffer) {
        buffer.bytes.append(contentsOf: json.pointee.bytes)
        json.pointee.removeAll()
    }

    /// The summary of the read, with what the parse side found out.
    func summary(format: CatalogFormat, cabinetMember: String?) -> CatalogReadSummary {
        var summary = counts
        summary.format = format
        summary.cabinetMember = cabinetMember
        return summary
    }

    private func add(_ diagnostic: Diagnostic) {
        if counts.diagnostics.count < CatalogReader.diagnosticLimit {
            counts.diagnostics.append(diagnostic)
        } else {
            counts.suppressedDiagnostics += 1
        }
    }

    /// A diagnostic or a record made without a tree.
    func handle(_ event: ReaderEvent) {
        switch event {
        case .diagnostic(let diagnostic): add(diagnostic)
        case .suppressedDiagnostics(let count): counts.suppressedDiagnostics += count
        case .model(let record): emit(record)
        }
    }

    /// A completed record: the subtree of `tree` at node `root` (a tree may hold several records), which
    /// is swapped in for the writing and back out afterwards (the caller resets or reuses it).
    /// `entryPath`: the container path of an `entry`; `newNames`: the names the parse side numbered
    /// since the previous record, added here in the same order.
    func handleRecord(
        _ kind: CatalogStreamReader.RecordKind, format: CatalogFormat, entryPath: [String], newNames: [String],
        tree: inout RecordTree, root: Int
    ) {
        for name in newNames { _ = writer.pointee.names.add(name) }
        swap(&tree, &writer.pointee.tree)
        writer.pointee.root = root
        complete(kind, format: format, entryPath: entryPath)
        swap(&tree, &writer.pointee.tree)
    }

    private func complete(_ kind: CatalogStreamReader.RecordKind, format: CatalogFormat, entryPath: [String]) {
        if case .json = output, completeAsJSON(kind, format: format, entryPath: entryPath) { return }
        let element = writer.pointee.tree.element(writer.pointee.root, names: writer.pointee.names)
        var diagnostics: [Diagnostic] = []
        switch kind {
        case .update:
            let update: CatalogUpdate
            switch format {
            case .scupCatalog, .sdp:
                update = Interpreter.softwareDistributionPackage(
                    element, format: format, file: fileName, diagnostics: &diagnostics)
            case .wsusPackage:
                update = Interpreter.offlineSyncUpdate(element, file: fileName, diagnostics: &diagnostics)
            case .mssecure:
                update = Interpreter.bulletin(element, file: fileName, diagnostics: &diagnostics)
            default:
                update = Interpreter.updateDocument(element, format: format, file: fileName, diagnostics: &diagnostics)
            }
            counts.updateCount += 1
            emit(.update(update))
        case .fileLocation:
            emit(.fileLocation(Interpreter.fileLocation(element)))
        case .entry:
            emit(.entry(CatalogEntry(path: entryPath, element: element)))
        }
        for diagnostic in diagnostics { add(diagnostic) }
    }

    /// Writes the record straight from the tree when a direct writer covers it (all records but the
    /// updates of mssecure and Microsoft Update documents); false when the typed model must interpret it.
    private func completeAsJSON(_ kind: CatalogStreamReader.RecordKind, format: CatalogFormat, entryPath: [String]) -> Bool {
        guard kind != .update || [.wsusPackage, .scupCatalog, .sdp].contains(format) else { return false }
        var diagnostics: [Diagnostic] = []
        let writer = self.writer
        let file = fileName
        writeJSONRecord { json in
            switch kind {
            case .update where format == .wsusPackage:
                if !writer.pointee.writeOfflineSyncUpdate(&json) {
                    let root = writer.pointee.tree.nodes[writer.pointee.root]
                    let location = SourceLocation(line: root.line, column: root.column, offset: -1)
                    diagnostics.append(Diagnostic(
                        code: CatalogCode.missingIdentity, severity: .warning,
                        message: "\(writer.pointee.names.strings[Int(root.name)]) has no identity attribute",
                        range: SourceRange(file: file, start: location, end: location)))
                }
            case .update:
                writer.pointee.writeSoftwareDistributionPackage(
                    format: format, file: file, diagnostics: &diagnostics, &json)
            case .fileLocation: writer.pointee.writeFileLocation(&json)
            case .entry: writer.pointee.writeEntry(path: entryPath, &json)
            }
        }
        if kind == .update { counts.updateCount += 1 }
        for diagnostic in diagnostics { add(diagnostic) }
        return true
    }

    private func emit(_ record: CatalogRecord) {
        if case .fragment = record { counts.fragmentCount += 1 }
        switch output {
        case .records(let onRecord):
            counts.recordCount += 1
            onRecord(record)
        case .json:
            var buffer = JSONBuffer(capacity: 0)
            swap(&buffer, &scratch)
            buffer.removeAll()
            buffer.write(record)
            buffer.bytes.withUnsafeBufferPointer { bytes in writeJSONRecord { $0.append(bytes) } }
            swap(&buffer, &scratch)
        }
    }

    /// Writes one record into the JSON output: separator, record, line feed; flushes each megabyte.
    private func writeJSONRecord(_ body: (inout RawJSONWriter) -> Void) {
        guard case .json(let lines, let flush) = output else { return }
        counts.recordCount += 1
        if !lines && wroteRecord { json.pointee.append(",\n") }
        wroteRecord = true
        body(&json.pointee)
        if lines { json.pointee.newline() }
        if json.pointee.count >= 1 << 20 {
            // Handed over in place: a fresh megabyte array per flush costs a page fault per 4 KiB.
            flush(json.pointee.bytes)
            json.pointee.removeAll()
        }
    }
}
