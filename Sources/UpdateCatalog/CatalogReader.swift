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
            let reader = CatalogStreamReader(fileName: path, onRecord: callback)
            read(path: path, into: reader)
            return reader.summary
        }
    }

    private static func read(path: String, into reader: CatalogStreamReader) {
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else {
            reader.fail(.readFailed, "cannot open '\(path)': \(String(cString: strerror(errno)))")
            return
        }
        defer { if fd != 0 { close(fd) } }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            reader.fail(.readFailed, "cannot read '\(path)': is a directory")
            return
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 18)
        var first = true
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                reader.fail(.readFailed, "cannot read '\(path)': \(String(cString: strerror(errno)))")
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
            let reader = CatalogStreamReader(fileName: fileName, onRecord: callback)
            if bytes.count >= 4, bytes[0] == 0x4D, bytes[1] == 0x53, bytes[2] == 0x43, bytes[3] == 0x46 {
                CabinetReader.read(memory: bytes, into: reader)
                return reader.summary
            }
            bytes.withUnsafeBufferPointer { reader.feed($0) }
            reader.finish()
            return reader.summary
        }
    }

    /// Converts a catalog (a file, `-` for standard input, XML or a cabinet) to JSON as it is read:
    /// JSON Lines (`lines`: one record per line) or the records of a JSON array separated by `,\n`.
    /// The bytes are those of ``JSONBuffer/write(_:)-(CatalogRecord)`` for each record of
    /// ``read(path:onRecord:)``; records whose typed members are plain lookups are written straight
    /// from the parser's events without building the model. Output accumulates in `json` and is handed
    /// to `flush` about every megabyte; what is left stays in `json` (the caller adds the trailer).
    public static func convert(
        path: String, lines: Bool, json: inout JSONBuffer, flush: ([UInt8]) -> Void
    ) -> CatalogReadSummary {
        withoutActuallyEscaping(flush) { flush in
            let reader = CatalogStreamReader(fileName: path, json: &json, lines: lines, flush: flush)
            defer { reader.takeJSON(into: &json) }
            read(path: path, into: reader)
            return reader.summary
        }
    }

    /// Reads everything into an array (convenient for small catalogs and tests).
    public static func readAll(path: String) -> (records: [CatalogRecord], summary: CatalogReadSummary) {
        var records: [CatalogRecord] = []
        let summary = read(path: path) { records.append($0) }
        return (records, summary)
    }
}

/// Splits the SAX stream into records and interprets each one.
final class CatalogStreamReader: XMLDiagnosticSink {
    let fileName: String
    /// Where records go: to a callback as typed records, or straight into JSON.
    private let output: Output
    /// Records that go through the typed model are written here first (JSON output only).
    private var scratch = JSONBuffer(capacity: 0)
    private var wroteRecord = false
    private(set) var summary = CatalogReadSummary()
    private var parser: XMLStreamParser?
    private var started = false
    private var finished = false
    /// Local names of the open elements outside the current record.
    private var path: [String] = []
    private var containerText: [String] = []
    /// What every SAX event reads and writes, behind a pointer: stored properties of a class would
    /// cost a dynamic exclusivity check on each access.
    private struct EventState {
        /// The record being read, its names, and the writer that turns it into JSON directly.
        var record = RecordJSONWriter()
        var recordBytes = 0
    }
    private let state: UnsafeMutablePointer<EventState> = {
        let pointer = UnsafeMutablePointer<EventState>.allocate(capacity: 1)
        pointer.initialize(to: EventState())
        return pointer
    }()
    private var recordKind = RecordKind.entry
    private var root = XMLName(local: "")

    enum RecordKind { case update, fileLocation, entry }

    enum Output {
        case records((CatalogRecord) -> Void)
        /// JSON Lines (`lines`) or the records of a JSON array (comma-separated), flushed to `flush`
        /// whenever a megabyte is buffered.
        case json(lines: Bool, flush: ([UInt8]) -> Void)
    }

    static let fragmentWrapper = "MofkitFragment"
    private static let fragmentRoots: Set<String> = [
        "UpdateIdentity", "ExtendedProperties", "LocalizedProperties", "Properties", "Relationships",
        "ApplicabilityRules", "Files", "HandlerSpecificData",
    ]

    /// The JSON output (JSON output only), apart from `state` so a record can be written from the
    /// state into it without overlapping accesses.
    private let json: UnsafeMutablePointer<RawJSONWriter> = {
        let pointer = UnsafeMutablePointer<RawJSONWriter>.allocate(capacity: 1)
        pointer.initialize(to: RawJSONWriter(capacity: 64))
        return pointer
    }()

    deinit {
        json.pointee.deallocate()
        json.deinitialize(count: 1)
        json.deallocate()
        state.pointee.record.tree.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    init(fileName: String, onRecord: @escaping (CatalogRecord) -> Void) {
        self.fileName = fileName
        self.output = .records(onRecord)
    }

    /// A reader that writes records as JSON into `json`, taken over until ``takeJSON()``.
    init(fileName: String, json buffer: inout JSONBuffer, lines: Bool, flush: @escaping ([UInt8]) -> Void) {
        self.fileName = fileName
        self.output = .json(lines: lines, flush: flush)
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

    var isStopped: Bool { parser?.stopped ?? false }

    func fail(_ code: DiagnosticCode, _ message: String) {
        add(Diagnostic(code: code, severity: .error, message: message, range: point(1, 1)))
    }

    private func point(_ line: Int, _ column: Int) -> SourceRange {
        let location = SourceLocation(line: line, column: column, offset: -1)
        return SourceRange(file: fileName, start: location, end: location)
    }

    private func add(_ diagnostic: Diagnostic) {
        if summary.diagnostics.count < CatalogReader.diagnosticLimit {
            summary.diagnostics.append(diagnostic)
        } else {
            summary.suppressedDiagnostics += 1
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
            fail(.xmlTruncated, "the input is empty: no XML document")
            return
        }
        if wrappedFragment && !parser.failed && !parser.stopped {
            parser.feed(Array("</\(Self.fragmentWrapper)>".utf8))
        }
        parser.finish()
    }

    /// True when the bytes start (after a BOM and white space) with an XML declaration.
    static func startsWithDeclaration(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return Array(bytes[index..<min(bytes.count, index + 5)]) == Array("<?xml".utf8)
    }

    /// A wsusscn2 fragment: no XML declaration, and the first element is one of the fragment elements.
    static func looksLikeFragment(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "<") else { return false }
        index += 1
        var name: [UInt8] = []
        while index < bytes.count, name.count < 40 {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "/")
            {
                break
            }
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
        let nameID = state.pointee.record.names.id(localName)
        let namespaceID = state.pointee.record.names.id(uri)
        if !state.pointee.record.tree.open.isEmpty {
            state.pointee.recordBytes += state.pointee.record.tree.startElement(
                name: nameID, namespace: namespaceID, line: line, column: column, names: &state.pointee.record.names,
                attributeCount: count, attributes: libxmlAttributes)
            return
        }
        let strings = state.pointee.record.names.strings
        let name = XMLName(namespace: strings[Int(namespaceID)], local: strings[Int(nameID)])
        if !started {
            started = true
            root = name
            summary.format = Self.detect(name)
            if summary.format == .unknown {
                add(Diagnostic(
                    code: .unknownFormat, severity: .error,
                    message: "root element '\(name)' is not an update catalog this reader knows; kept as generic elements",
                    range: point(line, column)))
            }
            // When the root is the update itself, its attributes belong to the update record only.
            let rootIsRecord = [.sdp, .wsusUpdate, .wsusFragment].contains(summary.format)
            emit(.header(CatalogHeader(
                format: summary.format, root: name,
                attributes: rootIsRecord ? [] : Self.attributes(count, libxmlAttributes, &state.pointee.record.names),
                cabinetMember: summary.cabinetMember)))
            switch summary.format {
            case .sdp, .wsusUpdate, .wsusFragment:
                begin(.update, nameID, namespaceID, count, libxmlAttributes, line, column)
            default:
                path.append(name.local)
                containerText.append("")
            }
            return
        }
        let parent = path.last ?? ""
        let depth = path.count
        var kind: RecordKind? = .entry
        switch summary.format {
        case .scupCatalog:
            if depth == 1 && name.local == "SoftwareDistributionPackage" { kind = .update }
        case .wsusPackage:
            if depth == 1 && (name.local == "Updates" || name.local == "FileLocations") { kind = nil }
            if depth == 2 && parent == "Updates" && name.local == "Update" { kind = .update }
            if depth == 2 && parent == "FileLocations" && name.local == "FileLocation" { kind = .fileLocation }
        case .mssecure:
            if depth == 1 { kind = nil }
            if depth == 2 && parent == "Bulletins" && name.local == "Bulletin" { kind = .update }
        default:
            break
        }
        if let kind {
            begin(kind, nameID, namespaceID, count, libxmlAttributes, line, column)
        } else {
            // A container: only its attributes (if any) become an entry; its children are records.
            if count > 0 {
                let attributes = Self.attributes(count, libxmlAttributes, &state.pointee.record.names)
                emit(.entry(CatalogEntry(path: Array(path.dropFirst()), element: XMLElement(
                    name: name, attributes: attributes, line: line, column: column))))
            }
            path.append(name.local)
            containerText.append("")
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
        if !state.pointee.record.tree.open.isEmpty {
            if state.pointee.record.tree.endElement() { complete() }
            return
        }
        // End of a container (or the root).
        if let text = containerText.popLast(), !text.isXMLWhitespace, let name = path.last {
            emit(.entry(CatalogEntry(path: Array(path.dropFirst().dropLast()), element: XMLElement(
                name: XMLName(local: name), text: text))))
        }
        path.removeLast()
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {
        if state.pointee.record.tree.open.isEmpty {
            if !containerText.isEmpty {
                containerText[containerText.count - 1] += String(decoding: text, as: UTF8.self)
            }
            return
        }
        state.pointee.recordBytes += text.count
        if state.pointee.recordBytes > CatalogReader.recordByteLimit {
            let parser = self.parser
            add(Diagnostic(
                code: .recordTooLarge, severity: .error,
                message: "one update holds more than \(CatalogReader.recordByteLimit >> 20) MiB of text; reading stopped",
                range: point(parser?.currentLine ?? 1, parser?.currentColumn ?? 1)))
            state.pointee.record.tree.reset()
            parser?.stop()
            return
        }
        state.pointee.record.tree.characters(text)
    }

    // MARK: records

    private func begin(
        _ kind: RecordKind, _ name: Int32, _ namespace: Int32, _ count: Int,
        _ libxmlAttributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ line: Int, _ column: Int
    ) {
        recordKind = kind
        state.pointee.record.tree.reset()
        state.pointee.recordBytes = state.pointee.record.tree.startElement(
            name: name, namespace: namespace, line: line, column: column, names: &state.pointee.record.names,
            attributeCount: count, attributes: libxmlAttributes)
    }

    private func complete() {
        if revisions != nil && recordKind == .update && summary.format == .wsusPackage { noteRevision() }
        if case .json = output, completeAsJSON() { return }
        let element = state.pointee.record.tree.element(0, names: state.pointee.record.names)
        var diagnostics: [Diagnostic] = []
        switch recordKind {
        case .update:
            let update: CatalogUpdate
            switch summary.format {
            case .scupCatalog, .sdp:
                update = Interpreter.softwareDistributionPackage(
                    element, format: summary.format, file: fileName, diagnostics: &diagnostics)
            case .wsusPackage:
                update = Interpreter.offlineSyncUpdate(element, file: fileName, diagnostics: &diagnostics)
            case .mssecure:
                update = Interpreter.bulletin(element, file: fileName, diagnostics: &diagnostics)
            default:
                update = Interpreter.updateDocument(element, format: summary.format, file: fileName, diagnostics: &diagnostics)
            }
            summary.updateCount += 1
            emit(.update(update))
        case .fileLocation:
            emit(.fileLocation(Interpreter.fileLocation(element)))
        case .entry:
            emit(.entry(CatalogEntry(path: Array(path.dropFirst()), element: element)))
        }
        for diagnostic in diagnostics { add(diagnostic) }
    }

    /// Writes the record straight from the tree when a direct writer covers it (all records but the
    /// updates of mssecure and Microsoft Update documents); false when the typed model must interpret it.
    private func completeAsJSON() -> Bool {
        let kind = recordKind
        let format = summary.format
        guard kind != .update || [.wsusPackage, .scupCatalog, .sdp].contains(format) else { return false }
        var diagnostics: [Diagnostic] = []
        let state = self.state
        let file = fileName
        writeJSONRecord { json in
            switch kind {
            case .update where format == .wsusPackage:
                if !state.pointee.record.writeOfflineSyncUpdate(&json) {
                    let root = state.pointee.record.tree.nodes[0]
                    let location = SourceLocation(line: root.line, column: root.column, offset: -1)
                    diagnostics.append(Diagnostic(
                        code: .missingIdentity, severity: .warning,
                        message: "\(state.pointee.record.names.strings[Int(root.name)]) has no identity attribute",
                        range: SourceRange(file: file, start: location, end: location)))
                }
            case .update:
                state.pointee.record.writeSoftwareDistributionPackage(
                    format: format, file: file, diagnostics: &diagnostics, &json)
            case .fileLocation: state.pointee.record.writeFileLocation(&json)
            case .entry: state.pointee.record.writeEntry(path: Array(path.dropFirst()), &json)
            }
        }
        if kind == .update { summary.updateCount += 1 }
        for diagnostic in diagnostics { add(diagnostic) }
        return true
    }

    private func emit(_ record: CatalogRecord) {
        switch output {
        case .records(let onRecord):
            summary.recordCount += 1
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
        summary.recordCount += 1
        if !lines && wroteRecord { json.pointee.append(",\n") }
        wroteRecord = true
        body(&json.pointee)
        if lines { json.pointee.newline() }
        if json.pointee.count >= 1 << 20 {
            flush(Array(json.pointee.bytes))
            json.pointee.removeAll()
        }
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
    func setCabinetMember(_ member: String) { summary.cabinetMember = member }

    // MARK: wsusscn2.cab members besides package.xml (see WsusCabinet.swift)

    /// Set by the wsusscn2 cabinet reader before `package.xml` is read: collects revision id →
    /// update identity from each `Update` (a few MB for a real catalog).
    var revisions: RevisionIndex?
    /// Wrap the input in the fragment element whatever it starts with (a cabinet's `c/`, `x/`, `l/` member).
    var forceFragment = false

    private func noteRevision() {
        let state = self.state
        func value(_ name: KnownName) -> String? {
            guard let index = state.pointee.record.tree.attribute(0, name, state.pointee.record.names) else { return nil }
            let attribute = state.pointee.record.tree.attributes[index]
            return state.pointee.record.tree.string(attribute.start, attribute.count)
        }
        guard let revision = value(.revisionId) else { return }
        let root = state.pointee.record.tree.nodes[0]
        if revisions?.add(revision: revision, updateID: value(.updateId) ?? "", revisionNumber: value(.revisionNumber)) == false {
            add(Diagnostic(
                code: .duplicateRevision, severity: .warning,
                message: "RevisionId \(revision) is listed twice in package.xml; fragments are attached to the first",
                range: point(root.line, root.column)))
        }
    }

    /// Emits a record read outside this reader's XML (index, fragments) into the same output.
    func emitMember(_ record: CatalogRecord) {
        if case .fragment = record { summary.fragmentCount += 1 }
        emit(record)
    }

    /// Adds a diagnostic found outside this reader's XML (a fragment member, the index).
    func addMemberDiagnostic(_ diagnostic: Diagnostic) { add(diagnostic) }
}
