#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibMspack
import MofkitSource

/// Reads a catalog out of a Microsoft cabinet with libmspack, streaming the decompressed member
/// straight into the XML parser (nothing is written to disk). A cabinet inside the cabinet
/// (wsusscn2.cab's `package.cab`, `package2.cab`, …) is decompressed into memory first, because
/// libmspack needs random access to it. Cabinet signatures (Authenticode) are **not** checked.
///
/// A cabinet in the wsusscn2 layout (`package.cab` beside `index.xml` or `packageN.cab`s) is read
/// whole: `package.xml`, then `index.xml`, then every fragment of every `packageN.cab`
/// (see ``WsusCabinet``).
enum CabinetReader {
    /// Nested cabinets larger than this are refused (`CAT3004`).
    static let nestedLimit = 512 << 20

    static func read(path: String, into reader: CatalogStreamReader) {
        readCabinet(diskPath: path, memory: nil, into: reader, prefix: "")
    }

    static func read(memory: [UInt8], into reader: CatalogStreamReader) {
        readCabinet(diskPath: nil, memory: memory, into: reader, prefix: "")
    }

    struct Member {
        var name: String
        var file: UnsafeMutablePointer<mscabd_file>

        /// The last path component, lower-cased (cabinets separate folders with `\`).
        var baseName: String {
            String(name.split(whereSeparator: { $0 == "\\" || $0 == "/" }).last ?? Substring(name)).lowercased()
        }
        var length: Int { Int(file.pointee.length) }
    }

    /// An open cabinet: its members, and extraction into memory or into a reader. Valid only inside
    /// ``withCabinet(name:memory:fail:_:)``.
    struct OpenCabinet {
        let system: UnsafeMutablePointer<mofkit_cab_system>
        let decompressor: UnsafeMutablePointer<mscab_decompressor>
        let members: [Member]

        /// Decompresses a member into memory; nil (and the libmspack status) when it is damaged or
        /// larger than `limit`.
        func extract(_ member: Member, limit: Int) -> (bytes: [UInt8]?, status: Int32) {
            let collector = ByteCollector(limit: limit)
            // The sink holds the collector unretained: keep it alive until libmspack is done.
            let status = withExtendedLifetime(collector) {
                mofkit_cab_system_set_sink(system, collectBytes, Unmanaged.passUnretained(collector).toOpaque())
                defer { mofkit_cab_system_set_sink(system, nil, nil) }
                return mofkit_cab_extract_to_sink(decompressor, member.file)
            }
            return status == MSPACK_ERR_OK ? (collector.bytes, status) : (nil, status)
        }

        /// Decompresses a member straight into a reader's parser; returns libmspack's status.
        func stream(_ member: Member, into reader: CatalogStreamReader) -> Int32 {
            let feeder = CabinetFeeder(reader: reader)
            return withExtendedLifetime(feeder) {
                mofkit_cab_system_set_sink(system, feedBytes, Unmanaged.passUnretained(feeder).toOpaque())
                defer { mofkit_cab_system_set_sink(system, nil, nil) }
                return mofkit_cab_extract_to_sink(decompressor, member.file)
            }
        }
    }

    /// Opens a cabinet file (`memory` nil: `name` is its path) or a cabinet in memory (`name` is what
    /// messages call it) and runs `body` on it.
    static func withCabinet(
        name: String, memory: [UInt8]?, fail: (DiagnosticCode, String) -> Void, _ body: (OpenCabinet) -> Void
    ) {
        // libmspack keeps the name pointer inside the cabinet handle, so it must outlive the handle.
        guard let stableName = strdup(memory == nil ? name : "mofkit:memory") else { return }
        defer { free(stableName) }
        func run(_ bytes: UnsafeBufferPointer<UInt8>?) {
            guard let system = mofkit_cab_system_create(bytes?.baseAddress, bytes?.count ?? 0) else {
                fail(CatalogCode.cabUnreadable, "out of memory opening the cabinet")
                return
            }
            defer { free(system) }
            guard let decompressor = mofkit_cab_decompressor_create(system) else {
                fail(CatalogCode.cabUnreadable, "libmspack could not create a cabinet reader")
                return
            }
            defer { mspack_destroy_cab_decompressor(decompressor) }
            guard let cabinet = mofkit_cab_open_cabinet(decompressor, stableName) else {
                fail(CatalogCode.cabUnreadable, "'\(name)' is not a readable cabinet (libmspack error \(mofkit_cab_last_error(decompressor)))")
                return
            }
            defer { mofkit_cab_close_cabinet(decompressor, cabinet) }
            var members: [Member] = []
            var file = cabinet.pointee.files
            while let current = file {
                members.append(Member(name: current.pointee.filename.map { String(cString: $0) } ?? "", file: current))
                file = current.pointee.next
            }
            body(OpenCabinet(system: system, decompressor: decompressor, members: members))
        }
        if let memory {
            memory.withUnsafeBufferPointer { run($0) }
        } else {
            run(nil)
        }
    }

    /// Chooses the member to read: `package.cab` (wsusscn2), then `package.xml`, then the only
    /// `.xml`/`.sdp` member, else the first `.xml` member.
    private static func choose(_ members: [Member]) -> Member? {
        if let member = members.first(where: { $0.baseName == "package.cab" }) { return member }
        if let member = members.first(where: { $0.baseName == "package.xml" }) { return member }
        let xml = members.filter { $0.baseName.hasSuffix(".xml") || $0.baseName.hasSuffix(".sdp") }
        return xml.first
    }

    private static func readCabinet(diskPath: String?, memory: [UInt8]?, into reader: CatalogStreamReader, prefix: String) {
        func fail(_ code: DiagnosticCode, _ message: String) { reader.fail(code, message) }
        let name = diskPath ?? (prefix.isEmpty ? reader.fileName : String(prefix.dropLast()))
        withCabinet(name: name, memory: memory, fail: fail) { cabinet in
            if prefix.isEmpty, WsusCabinet.isWsusLayout(cabinet.members) {
                WsusCabinet.read(cabinet, into: reader)
                return
            }
            let members = cabinet.members
            guard let member = choose(members) else {
                fail(CatalogCode.cabNoCatalog, "the cabinet holds no catalog member (\(members.count) members: \(members.prefix(5).map(\.name).joined(separator: ", ")))")
                return
            }
            let memberPath = prefix + member.name
            if member.baseName.hasSuffix(".cab") {
                // Nested cabinet: decompress it into memory, then read it the same way.
                guard let bytes = extractNested(member, path: memberPath, from: cabinet, fail: fail) else { return }
                readCabinet(diskPath: nil, memory: bytes, into: reader, prefix: memberPath + "/")
                return
            }
            reader.setCabinetMember(memberPath)
            let status = cabinet.stream(member, into: reader)
            if status != MSPACK_ERR_OK && !reader.isStopped {
                fail(CatalogCode.cabExtractFailed, "cannot extract '\(memberPath)' from the cabinet (libmspack error \(status)): damaged or truncated")
                return
            }
            reader.finish()
        }
    }

    /// Decompresses a nested cabinet into memory (at most ``nestedLimit`` bytes).
    static func extractNested(
        _ member: Member, path: String, from cabinet: OpenCabinet, fail: (DiagnosticCode, String) -> Void
    ) -> [UInt8]? {
        guard member.length <= nestedLimit else {
            fail(CatalogCode.cabNestedTooLarge, "nested cabinet '\(path)' is \(member.length) bytes; the limit is \(nestedLimit)")
            return nil
        }
        let (bytes, status) = cabinet.extract(member, limit: nestedLimit)
        guard let bytes else {
            fail(CatalogCode.cabExtractFailed, "cannot extract '\(path)' from the cabinet (libmspack error \(status)): damaged or truncated")
            return nil
        }
        return bytes
    }

    /// Reads a nested cabinet held in memory: used for wsusscn2's `package.cab`.
    static func readNested(_ bytes: [UInt8], prefix: String, into reader: CatalogStreamReader) {
        readCabinet(diskPath: nil, memory: bytes, into: reader, prefix: prefix)
    }
}

private final class ByteCollector {
    var bytes: [UInt8] = []
    let limit: Int
    init(limit: Int) { self.limit = limit }
}

private final class CabinetFeeder {
    let reader: CatalogStreamReader
    init(reader: CatalogStreamReader) { self.reader = reader }
}

private let collectBytes: mofkit_cab_sink_fn = { context, bytes, length in
    guard let context, let bytes, length >= 0 else { return 1 }
    let collector = Unmanaged<ByteCollector>.fromOpaque(context).takeUnretainedValue()
    guard collector.bytes.count + Int(length) <= collector.limit else { return 1 }
    collector.bytes.append(contentsOf: UnsafeRawBufferPointer(start: bytes, count: Int(length)))
    return 0
}

private let feedBytes: mofkit_cab_sink_fn = { context, bytes, length in
    guard let context, let bytes, length >= 0 else { return 1 }
    let feeder = Unmanaged<CabinetFeeder>.fromOpaque(context).takeUnretainedValue()
    feeder.reader.feed(UnsafeBufferPointer(start: bytes.assumingMemoryBound(to: UInt8.self), count: Int(length)))
    return feeder.reader.isStopped ? 1 : 0
}
