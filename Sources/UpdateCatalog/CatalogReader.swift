#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
            let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
            guard fd >= 0 else {
                reader.fail(.readFailed, "cannot open '\(path)': \(String(cString: strerror(errno)))")
                return reader.summary
            }
            defer { if fd != 0 { close(fd) } }
            var info = stat()
            if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                reader.fail(.readFailed, "cannot read '\(path)': is a directory")
                return reader.summary
            }
            var buffer = [UInt8](repeating: 0, count: 1 << 18)
            var first = true
            while true {
                let count = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    reader.fail(.readFailed, "cannot read '\(path)': \(String(cString: strerror(errno)))")
                    return reader.summary
                }
                if count == 0 { break }
                if first {
                    first = false
                    if count >= 4, buffer[0] == 0x4D, buffer[1] == 0x53, buffer[2] == 0x43, buffer[3] == 0x46, path != "-" {
                        // A cabinet: libmspack needs random access, so it reads the file itself.
                        CabinetReader.read(path: path, into: reader)
                        return reader.summary
                    }
                }
                if reader.isStopped { break }
                buffer.withUnsafeBufferPointer { reader.feed(UnsafeBufferPointer(rebasing: $0[0..<count])) }
            }
            reader.finish()
            return reader.summary
        }
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

    /// Reads everything into an array (convenient for small catalogs and tests).
    public static func readAll(path: String) -> (records: [CatalogRecord], summary: CatalogReadSummary) {
        var records: [CatalogRecord] = []
        let summary = read(path: path) { records.append($0) }
        return (records, summary)
    }
}

/// Splits the SAX stream into records and interprets each one.
final class CatalogStreamReader: XMLEventSink {
    let fileName: String
    private let onRecord: (CatalogRecord) -> Void
    private(set) var summary = CatalogReadSummary()
    private var parser: XMLStreamParser?
    private var started = false
    private var finished = false
    /// Local names of the open elements outside the current record.
    private var path: [String] = []
    private var containerText: [String] = []
    /// The record being built: a stack of open elements (the record element is `stack[0]`).
    private var stack: [XMLElement] = []
    private var recordKind = RecordKind.entry
    private var recordBytes = 0
    private var root = XMLName(local: "")

    enum RecordKind { case update, fileLocation, entry }

    static let fragmentWrapper = "MofkitFragment"
    private static let fragmentRoots: Set<String> = [
        "UpdateIdentity", "ExtendedProperties", "LocalizedProperties", "Properties", "Relationships",
        "ApplicabilityRules", "Files", "HandlerSpecificData",
    ]

    init(fileName: String, onRecord: @escaping (CatalogRecord) -> Void) {
        self.fileName = fileName
        self.onRecord = onRecord
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
            let parser = XMLStreamParser(fileName: fileName, sink: self)
            self.parser = parser
            if Self.looksLikeFragment(bytes) {
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

    // MARK: XMLEventSink

    func xmlDiagnostic(_ diagnostic: Diagnostic) { add(diagnostic) }

    func startElement(_ name: XMLName, attributes: [XMLAttribute], line: Int, column: Int) {
        if !stack.isEmpty {
            for attribute in attributes { recordBytes += attribute.value.utf8.count }
            stack.append(XMLElement(name: name, attributes: attributes, line: line, column: column))
            return
        }
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
            emit(.header(CatalogHeader(format: summary.format, root: name, attributes: rootIsRecord ? [] : attributes,
                                       cabinetMember: summary.cabinetMember)))
            switch summary.format {
            case .sdp, .wsusUpdate, .wsusFragment:
                begin(.update, name, attributes, line, column)
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
            begin(kind, name, attributes, line, column)
        } else {
            // A container: only its attributes (if any) become an entry; its children are records.
            if !attributes.isEmpty {
                emit(.entry(CatalogEntry(path: Array(path.dropFirst()), element: XMLElement(
                    name: name, attributes: attributes, line: line, column: column))))
            }
            path.append(name.local)
            containerText.append("")
        }
    }

    func endElement() {
        if stack.count > 1 {
            let element = stack.removeLast()
            stack[stack.count - 1].children.append(element)
            return
        }
        if stack.count == 1 {
            let element = stack.removeLast()
            complete(element)
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
        if stack.isEmpty {
            if !containerText.isEmpty {
                containerText[containerText.count - 1] += String(decoding: text, as: UTF8.self)
            }
            return
        }
        recordBytes += text.count
        if recordBytes > CatalogReader.recordByteLimit {
            let parser = self.parser
            add(Diagnostic(
                code: .recordTooLarge, severity: .error,
                message: "one update holds more than \(CatalogReader.recordByteLimit >> 20) MiB of text; reading stopped",
                range: point(parser?.currentLine ?? 1, parser?.currentColumn ?? 1)))
            stack.removeAll()
            parser?.stop()
            return
        }
        stack[stack.count - 1].text += String(decoding: text, as: UTF8.self)
    }

    // MARK: records

    private func begin(_ kind: RecordKind, _ name: XMLName, _ attributes: [XMLAttribute], _ line: Int, _ column: Int) {
        recordKind = kind
        recordBytes = 0
        stack.append(XMLElement(name: name, attributes: attributes, line: line, column: column))
    }

    private func complete(_ element: XMLElement) {
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

    private func emit(_ record: CatalogRecord) {
        summary.recordCount += 1
        onRecord(record)
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
}
