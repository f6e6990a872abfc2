#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibMspack
import MofkitSource

/// Reads a catalog out of a Microsoft cabinet with libmspack, streaming the decompressed member
/// straight into the XML parser (nothing is written to disk). A cabinet inside the cabinet
/// (wsusscn2.cab's `package.cab`) is decompressed into memory first, because libmspack needs random
/// access to it. Cabinet signatures (Authenticode) are **not** checked.
enum CabinetReader {
    /// Nested cabinets larger than this are refused (`CAT3004`).
    static let nestedLimit = 512 << 20

    static func read(path: String, into reader: CatalogStreamReader) {
        readCabinet(name: path, memory: nil, into: reader, prefix: "")
    }

    static func read(memory: [UInt8], into reader: CatalogStreamReader) {
        readCabinet(name: "mofkit:memory", memory: memory, into: reader, prefix: "")
    }

    private struct Member {
        var name: String
        var file: UnsafeMutablePointer<mscabd_file>
    }

    /// Chooses the member to read: `package.cab` (wsusscn2), then `package.xml`, then the only
    /// `.xml`/`.sdp` member, else the first `.xml` member.
    private static func choose(_ members: [Member]) -> Member? {
        func base(_ name: String) -> String {
            String(name.split(whereSeparator: { $0 == "\\" || $0 == "/" }).last ?? Substring(name)).lowercased()
        }
        if let member = members.first(where: { base($0.name) == "package.cab" }) { return member }
        if let member = members.first(where: { base($0.name) == "package.xml" }) { return member }
        let xml = members.filter { base($0.name).hasSuffix(".xml") || base($0.name).hasSuffix(".sdp") }
        return xml.first
    }

    private static func readCabinet(name: String, memory: [UInt8]?, into reader: CatalogStreamReader, prefix: String) {
        func fail(_ code: DiagnosticCode, _ message: String) { reader.fail(code, message) }
        // libmspack keeps the name pointer inside the cabinet handle, so it must outlive the handle.
        guard let stableName = strdup(name) else { return }
        defer { free(stableName) }
        let run = { (bytes: UnsafeBufferPointer<UInt8>?) in
            guard let system = mofkit_cab_system_create(bytes?.baseAddress, bytes?.count ?? 0) else {
                fail(.cabUnreadable, "out of memory opening the cabinet")
                return
            }
            defer { free(system) }
            guard let decompressor = mofkit_cab_decompressor_create(system) else {
                fail(.cabUnreadable, "libmspack could not create a cabinet reader")
                return
            }
            defer { mspack_destroy_cab_decompressor(decompressor) }
            guard let cabinet = mofkit_cab_open_cabinet(decompressor, stableName) else {
                fail(.cabUnreadable, "'\(prefix.isEmpty ? reader.fileName : prefix)' is not a readable cabinet (libmspack error \(mofkit_cab_last_error(decompressor)))")
                return
            }
            defer { mofkit_cab_close_cabinet(decompressor, cabinet) }
            var members: [Member] = []
            var file = cabinet.pointee.files
            while let current = file {
                members.append(Member(name: current.pointee.filename.map { String(cString: $0) } ?? "", file: current))
                file = current.pointee.next
            }
            guard let member = choose(members) else {
                fail(.cabNoCatalog, "the cabinet holds no catalog member (\(members.count) members: \(members.prefix(5).map(\.name).joined(separator: ", ")))")
                return
            }
            let memberPath = prefix + member.name
            if member.name.lowercased().hasSuffix(".cab") {
                // Nested cabinet: decompress it into memory, then read it the same way.
                guard Int(member.file.pointee.length) <= nestedLimit else {
                    fail(.cabNestedTooLarge, "nested cabinet '\(memberPath)' is \(member.file.pointee.length) bytes; the limit is \(nestedLimit)")
                    return
                }
                let collector = ByteCollector(limit: nestedLimit)
                mofkit_cab_system_set_sink(system, collectBytes, Unmanaged.passUnretained(collector).toOpaque())
                let status = mofkit_cab_extract_to_sink(decompressor, member.file)
                guard status == MSPACK_ERR_OK else {
                    fail(.cabExtractFailed, "cannot extract '\(memberPath)' from the cabinet (libmspack error \(status)): damaged or truncated")
                    return
                }
                readCabinet(name: "mofkit:memory", memory: collector.bytes, into: reader, prefix: memberPath + "/")
                return
            }
            reader.setCabinetMember(memberPath)
            let feeder = CabinetFeeder(reader: reader)
            mofkit_cab_system_set_sink(system, feedBytes, Unmanaged.passUnretained(feeder).toOpaque())
            let status = mofkit_cab_extract_to_sink(decompressor, member.file)
            if status != MSPACK_ERR_OK && !reader.isStopped {
                fail(.cabExtractFailed, "cannot extract '\(memberPath)' from the cabinet (libmspack error \(status)): damaged or truncated")
                return
            }
            reader.finish()
        }
        if let memory {
            memory.withUnsafeBufferPointer { run($0) }
        } else {
            run(nil)
        }
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
