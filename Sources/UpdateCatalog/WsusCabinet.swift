import MofkitSource

/// Reads a cabinet in the wsusscn2 layout: `package.cab` (holding `package.xml`, the update index),
/// `index.xml` (which `packageN.cab` holds which revision-id range) and `package2.cab …
/// packageN.cab` with one fragment per revision and part: `c/<RevisionId>` (core),
/// `x/<RevisionId>` (extended), `l/<language>/<RevisionId>` (localized).
///
/// Order: the `package.xml` records as they stream, then the `cabinetIndex` record, then one
/// `fragment` record per fragment member, cabinet by cabinet in the outer cabinet's member order and
/// member by member in each cabinet's order. A fragment names its revision; the update identity is
/// looked up in a revision index collected while `package.xml` streams (``RevisionIndex``, about 55
/// bytes a revision with the dictionary's free buckets). Memory: that index, one nested cabinet (as
/// stored) and one fragment at a time.
enum WsusCabinet {
    /// `index.xml` larger than this is not read.
    static let indexLimit = 16 << 20
    /// One fragment larger than this is not read (`CAT1008`).
    static let fragmentLimit = CatalogReader.recordByteLimit

    /// `package.cab` beside `index.xml` or a `packageN.cab`.
    static func isWsusLayout(_ members: [CabinetReader.Member]) -> Bool {
        members.contains { $0.baseName == "package.cab" }
            && members.contains { $0.baseName == "index.xml" || isFragmentCabinet($0.baseName) }
    }

    /// `package2.cab`, `package75.cab`, …
    static func isFragmentCabinet(_ baseName: String) -> Bool {
        guard baseName.hasPrefix("package"), baseName.hasSuffix(".cab") else { return false }
        let digits = baseName.dropFirst("package".count).dropLast(".cab".count)
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func read(_ cabinet: CabinetReader.OpenCabinet, into reader: CatalogStreamReader) {
        let cabinetPath = reader.fileName
        func fail(_ code: DiagnosticCode, _ message: String) { reader.fail(code, message) }

        // 1. package.xml, streamed as for any catalog, collecting the revision index on the way.
        reader.revisions = RevisionIndex()
        let package = cabinet.members.first { $0.baseName == "package.cab" }
        if let package, let bytes = CabinetReader.extractNested(package, path: package.name, from: cabinet, fail: fail) {
            CabinetReader.readNested(bytes, prefix: package.name + "/", into: reader)
        }
        let revisions = reader.revisions ?? RevisionIndex()
        reader.revisions = nil

        // 2. index.xml.
        var index: CabinetIndex?
        let indexMember = cabinet.members.first { $0.baseName == "index.xml" }
        if let member = indexMember {
            let (bytes, status) = cabinet.extract(member, limit: indexLimit)
            if let bytes {
                let parsed = readIndex(bytes, member: member.name, file: "\(cabinetPath)!\(member.name)", reader: reader)
                index = parsed
                reader.emitMember(.cabinetIndex(parsed))
            } else {
                fail(CatalogCode.cabExtractFailed, "cannot extract '\(member.name)' from the cabinet (libmspack error \(status)): damaged, truncated or over \(indexLimit >> 20) MiB")
            }
        }

        // 3. The fragments of every other cabinet.
        let context = FragmentContext(cabinetPath: cabinetPath, revisions: revisions, index: index)
        for member in cabinet.members where member.file != package?.file && member.file != indexMember?.file {
            // Everything else, a second package.cab or index.xml too, is a fragment cabinet or reported.
            guard member.baseName.hasSuffix(".cab") else {
                skipped(reader, file: cabinetPath, "member '\(member.name)' is not part of the wsusscn2 layout (index.xml, package.cab, packageN.cab); not read")
                continue
            }
            guard let bytes = CabinetReader.extractNested(member, path: member.name, from: cabinet, fail: fail) else { continue }
            CabinetReader.withCabinet(name: "\(cabinetPath)!\(member.name)", memory: bytes, fail: fail) { nested in
                for fragment in nested.members {
                    readFragment(fragment, in: nested, cabinetName: member.name, context: context, reader: reader)
                }
            }
        }
    }

    private static func skipped(_ reader: CatalogStreamReader, file: String, _ message: String) {
        let location = SourceLocation(line: 1, column: 1, offset: -1)
        reader.addMemberDiagnostic(Diagnostic(
            code: CatalogCode.cabMemberSkipped, severity: .warning, message: message,
            range: SourceRange(file: file, start: location, end: location)))
    }

    // MARK: index.xml

    /// Parses `index.xml`: `INDEX/CABLIST/CAB @NAME @RANGESTART` typed, everything else in `extra`.
    static func readIndex(_ bytes: [UInt8], member: String, file: String, reader: CatalogStreamReader) -> CabinetIndex {
        let builder = ElementBuilder()
        let parser = XMLStreamParser(fileName: file, sink: builder)
        parser.feed(bytes)
        parser.finish()
        for diagnostic in builder.diagnostics { reader.addMemberDiagnostic(diagnostic) }
        var index = CabinetIndex(member: member, cabinets: [], extra: nil)
        guard var root = builder.root else { return index }
        root.consumeChildren("CABLIST") { list in
            list.consumeChildren("CAB") { cab in
                index.cabinets.append(CabinetIndex.Cabinet(name: cab.take("NAME"), rangeStart: cab.take("RANGESTART"), line: cab.line))
            }
        }
        index.extra = root.residue ?? (root.name.local == "INDEX" ? nil : root)
        if root.name.local != "INDEX" || index.cabinets.isEmpty {
            let location = SourceLocation(line: root.line, column: root.column, offset: -1)
            reader.addMemberDiagnostic(Diagnostic(
                code: CatalogCode.cabMemberSkipped, severity: .warning,
                message: "'\(member)' is not a wsusscn2 cabinet index (INDEX/CABLIST/CAB); kept, but fragments are not checked against it",
                range: SourceRange(file: file, start: location, end: location)))
        }
        return index
    }

    // MARK: fragments

    struct FragmentContext {
        var cabinetPath: String
        var revisions: RevisionIndex
        var index: CabinetIndex?
        let names = FragmentNames()
    }

    /// The name tables of the fragment reads, kept from one fragment to the next: the same few dozen
    /// names recur in every fragment, and numbering, classifying and escaping them again for each of
    /// hundreds of thousands of one-update parses cost about a fifth of the work.
    final class FragmentNames {
        /// Moved out while a fragment is read, so the reader and sink hold the only copies (no
        /// copy-on-write of the tables as they grow).
        private var tables: (reader: CatalogNames, writer: CatalogNames)?
        /// Past this many names (fragments full of names never seen before), start afresh: each
        /// fragment clears the pointer table, whose size follows the number of names.
        static let limit = 4096

        /// The tables for the next fragment's reader and sink (until ``keep(reader:writer:)``).
        func take() -> (reader: CatalogNames, writer: CatalogNames) {
            guard let taken = tables.take(), taken.reader.count <= Self.limit else { return (CatalogNames(), CatalogNames()) }
            return taken
        }

        func keep(reader: CatalogNames, writer: CatalogNames) {
            tables = (reader, writer)
        }
    }

    /// Reads one member of a `packageN.cab` as a fragment and emits it with its update identity.
    static func readFragment(
        _ member: CabinetReader.Member, in cabinet: CabinetReader.OpenCabinet, cabinetName: String,
        context: FragmentContext, reader: CatalogStreamReader
    ) {
        let components = member.name.split(whereSeparator: { $0 == "\\" || $0 == "/" }).map(String.init)
        let memberPath = ([cabinetName] + components).joined(separator: "/")
        let file = "\(context.cabinetPath)!\(memberPath)"
        guard let folder = components.first, let part = FragmentPart(folder: folder),
              components.count == (part == .localized ? 3 : 2), let revision = components.last
        else {
            skipped(reader, file: context.cabinetPath, "member '\(memberPath)' is not a c/, x/ or l/<language>/ fragment; not read")
            return
        }
        let (extracted, status) = cabinet.extract(member, limit: fragmentLimit)
        guard var bytes = extracted else {
            let location = SourceLocation(line: 1, column: 1, offset: -1)
            reader.addMemberDiagnostic(Diagnostic(
                code: member.length > fragmentLimit ? CatalogCode.recordTooLarge : CatalogCode.cabExtractFailed, severity: .error,
                message: member.length > fragmentLimit
                    ? "fragment '\(memberPath)' is \(member.length) bytes; the limit is \(fragmentLimit >> 20) MiB"
                    : "cannot extract '\(memberPath)' from the cabinet (libmspack error \(status)): damaged or truncated",
                range: SourceRange(file: file, start: location, end: location)))
            return
        }
        blankDeclaration(&bytes)
        var content: CatalogUpdate?
        let (readerNames, writerNames) = context.names.take()
        let fragmentSink = RecordSink(fileName: file, names: consume writerNames) { record in
            if case .update(let update) = record { content = update }
        }
        // Handed over, not copied: the reader clears their pointer table without copying it first.
        let fragmentReader = CatalogStreamReader(fileName: file, sink: fragmentSink, names: consume readerNames)
        fragmentReader.forceFragment = true
        bytes.withUnsafeBufferPointer { fragmentReader.feed($0) }
        fragmentReader.finish()
        context.names.keep(reader: fragmentReader.takeNames(), writer: fragmentSink.takeNames())
        let fragmentSummary = fragmentSink.summary(format: fragmentReader.format, cabinetMember: nil)
        for diagnostic in fragmentSummary.diagnostics { reader.addMemberDiagnostic(diagnostic) }
        guard let content else { return }  // malformed: its diagnostics say where

        func warn(_ code: DiagnosticCode, _ message: String) {
            let location = SourceLocation(line: content.line, column: content.column, offset: -1)
            reader.addMemberDiagnostic(Diagnostic(
                code: code, severity: .warning, message: message, range: SourceRange(file: file, start: location, end: location)))
        }
        let entry = context.revisions.lookup(revision)
        var updateID = entry?.updateID
        if entry == nil {
            if part == .core && !content.id.isEmpty { updateID = content.id }
            warn(CatalogCode.orphanFragment, "\(part.rawValue) fragment of revision \(revision), which package.xml does not list: not attached to any update")
        } else if let entry, part == .core {
            if !content.id.isEmpty && content.id.lowercased() != entry.updateID.lowercased() {
                warn(CatalogCode.fragmentIdentityMismatch, "core fragment names UpdateID \(content.id), but package.xml gives revision \(revision) to \(entry.updateID)")
            } else if let number = content.revisionNumber, number != entry.revisionNumber {
                warn(CatalogCode.fragmentIdentityMismatch, "core fragment names RevisionNumber \(number), but package.xml gives revision \(revision) number \(entry.revisionNumber ?? "(none)")")
            }
        }
        if let index = context.index, let number = Int(revision), let holder = index.cabinet(holding: number),
           holder.lowercased() != cabinetName.lowercased()
        {
            warn(CatalogCode.fragmentMisplaced, "revision \(revision) belongs in \(holder) by index.xml, but is in \(cabinetName)")
        }
        reader.emitMember(.fragment(CatalogFragment(
            member: memberPath, part: part, language: part == .localized ? components[1] : nil, revisionID: revision,
            updateID: updateID, revisionNumber: entry?.revisionNumber, attached: entry != nil, content: content)))
    }
}

extension WsusCabinet {
    /// Fragments have no XML declaration, but one written with a UTF-8 BOM or a UTF-8 declaration
    /// would stop the fragment being wrapped: the BOM is dropped and the declaration turned into
    /// spaces (line and column numbers stay right). A declaration naming another encoding is left
    /// alone; such a member is then read as a document (`CAT2001`), never silently dropped.
    static func blankDeclaration(_ bytes: inout [UInt8]) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard bytes.starts(with: Array("<?xml".utf8)), let end = bytes.firstRange(of: Array("?>".utf8))?.upperBound else { return }
        let declaration = String(decoding: bytes[0..<end], as: UTF8.self).lowercased()
        if let range = declaration.firstRange(of: "encoding") {
            let rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
            guard rest.hasPrefix("utf-8") || rest.hasPrefix("utf8") || rest.hasPrefix("us-ascii") else { return }
        }
        for index in 0..<end where bytes[index] != 0x0A && bytes[index] != 0x0D { bytes[index] = 0x20 }
    }
}

/// Revision id → update identity of a wsusscn2 `package.xml`, compact enough for the ~136,000
/// revisions of a real catalog (about 30 bytes each for the usual decimal revision ids, lower-case
/// GUIDs and decimal revision numbers; anything else is kept as strings).
struct RevisionIndex: Sendable {
    struct Entry: Sendable, Equatable {
        var updateID: String
        var revisionNumber: String?
    }

    private struct Packed: Sendable {
        var high: UInt64
        var low: UInt64
        /// -1 when absent.
        var revisionNumber: Int32
    }

    private var packed: [Int32: Packed] = [:]
    private var other: [String: Entry] = [:]

    var count: Int { packed.count + other.count }

    /// Adds a revision; false when it is already there (the first one stays).
    mutating func add(revision: String, updateID: String, revisionNumber: String?) -> Bool {
        guard lookup(revision) == nil else { return false }
        if let key = Self.canonicalInt32(revision), let guid = Self.packGUID(updateID) {
            let number: Int32? = revisionNumber.map { Self.canonicalInt32($0) } ?? -1
            if let number {
                packed[key] = Packed(high: guid.0, low: guid.1, revisionNumber: number)
                return true
            }
        }
        other[revision] = Entry(updateID: updateID, revisionNumber: revisionNumber)
        return true
    }

    func lookup(_ revision: String) -> Entry? {
        if let entry = other[revision] { return entry }
        guard let key = Self.canonicalInt32(revision), let value = packed[key] else { return nil }
        return Entry(
            updateID: Self.unpackGUID(value.high, value.low),
            revisionNumber: value.revisionNumber < 0 ? nil : String(value.revisionNumber))
    }

    /// Decimal digits without a sign or leading zero that fit an `Int32` (so the text is `String(value)`).
    static func canonicalInt32(_ text: String) -> Int32? {
        guard let first = text.utf8.first, first != UInt8(ascii: "0") || text.utf8.count == 1,
              text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int32(text)
        else { return nil }
        return value
    }

    private static let dashes: Set<Int> = [8, 13, 18, 23]

    /// A lower-case `8-4-4-4-12` GUID as 128 bits (so the text is `unpackGUID` of it).
    static func packGUID(_ text: String) -> (UInt64, UInt64)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        var digits = 0
        for (position, byte) in bytes.enumerated() {
            if dashes.contains(position) {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            let nibble: UInt64
            switch byte {
            case 0x30...0x39: nibble = UInt64(byte - 0x30)
            case 0x61...0x66: nibble = UInt64(byte - 0x61 + 10)
            default: return nil
            }
            if digits < 16 { high = high << 4 | nibble } else { low = low << 4 | nibble }
            digits += 1
        }
        return (high, low)
    }

    static func unpackGUID(_ high: UInt64, _ low: UInt64) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        for digit in 0..<32 {
            if [8, 12, 16, 20].contains(digit) { bytes.append(UInt8(ascii: "-")) }
            let word = digit < 16 ? high : low
            let shift = UInt64(60 - 4 * (digit % 16))
            bytes.append(hex[Int((word >> shift) & 0xF)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Builds a small element tree from SAX events (for `index.xml`, a few hundred bytes).
final class ElementBuilder: XMLEventSink {
    private var stack: [XMLElement] = []
    private(set) var root: XMLElement?
    private(set) var diagnostics: [Diagnostic] = []

    func startElement(_ name: XMLName, attributes: [XMLAttribute], line: Int, column: Int) {
        stack.append(XMLElement(name: name, attributes: attributes, line: line, column: column))
    }

    func endElement() {
        guard let element = stack.popLast() else { return }
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: text, as: UTF8.self)
    }

    func xmlDiagnostic(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
}
