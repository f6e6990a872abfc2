#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Applicability
import MachineState
import MofkitSource

/// Content hashes for incremental scans: a machine whose snapshot files hash the same as at its
/// last completed evaluation against the same catalog identity is skipped. FNV-1a (64-bit) over
/// each file's name, length and bytes: change detection, not a defence against forgery.
public enum ContentHash {
    /// The hash of a machine's snapshot files (a folder's `.json`/`.reg`/`.mof` files in name
    /// order, or the comma-separated files), or nil when one cannot be read (the machine is then
    /// evaluated, and its read errors reported, as without a hash).
    public static func machine(specification: String) -> String? {
        var hash = FNV()
        if FileSystem.isDirectory(specification) {
            guard let names = try? FileSystem.entries(of: specification, hidden: false) else { return nil }
            let files = names.filter { MachineSourceKind(path: $0) != nil }
            if files.isEmpty { return nil }
            for name in files {
                guard hash.addFile(specification + "/" + name, label: name) else { return nil }
            }
        } else {
            let paths = specification.split(separator: ",").map { String($0) }.filter { !$0.isEmpty }
            if paths.isEmpty { return nil }
            for path in paths {
                guard hash.addFile(path, label: path) else { return nil }
            }
        }
        return hash.hex
    }

    /// A catalog's identity: the hash of its file and the evaluation options (which change results).
    public static func catalog(path: String, options: EvaluationOptions) -> String? {
        var hash = FNV()
        guard hash.addFile(path, label: "catalog") else { return nil }
        return "fnv1a64:\(hash.hex):cs\(options.caseSensitiveStrings ? 1 : 0):mvz\(options.missingVersionIsZero ? 1 : 0)"
    }

    struct FNV {
        var state: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            for byte in bytes {
                state ^= UInt64(byte)
                state &*= 0x100_0000_01b3
            }
        }

        mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
            add(0)
        }

        mutating func add(_ byte: UInt8) {
            state ^= UInt64(byte)
            state &*= 0x100_0000_01b3
        }

        mutating func addFile(_ path: String, label: String) -> Bool {
            guard let file = fopen(path, "rb") else { return false }
            defer { fclose(file) }
            add(label)
            var buffer = [UInt8](repeating: 0, count: 65_536)
            var total = 0
            while true {
                let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
                if count > 0 {
                    buffer.withUnsafeBytes { add(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
                    total += count
                }
                if count < buffer.count { break }
            }
            if ferror(file) != 0 { return false }
            add(String(total))
            return true
        }

        var hex: String {
            let digits = String(state, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
    }
}

/// Machine and catalog paths as stored in the database.
public enum FleetPaths {
    /// `path` (or each of its comma-separated files) made absolute against the working directory, so
    /// that a machine keeps its ResourceID whichever directory a command runs in, and workers started
    /// elsewhere find the same files.
    public static func absolute(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let directory = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return path.split(separator: ",", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("/") || part.isEmpty ? String(part) : directory + "/" + part
        }.joined(separator: ",")
    }
}
