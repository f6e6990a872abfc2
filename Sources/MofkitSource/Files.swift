#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read or written, or a directory listed.
public struct FileSystemError: Error, Sendable, CustomStringConvertible {
    /// The path as given.
    public var path: String
    /// What went wrong, in the words of the system (`Permission denied`, …).
    public var reason: String
    public var description: String { "\(path): \(reason)" }

    static func last(_ path: String) -> FileSystemError { FileSystemError(path: path, reason: String(cString: strerror(errno))) }
}

/// Paths and directory listings: the one directory walk every module uses.
public enum FileSystem {
    /// The names in `directory` (not `.` and `..`), sorted by their bytes so that every listing is
    /// the same on every machine; names starting with a dot only when `hidden` is true.
    public static func entries(of directory: String, hidden: Bool = true) throws(FileSystemError) -> [String] {
        guard let handle = opendir(directory) else { throw .last(directory) }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." || (!hidden && name.hasPrefix(".")) { continue }
            names.append(name)
        }
        return names.sorted()
    }

    /// Whether `path` names a directory (following links).
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether `path` names a regular file (following links).
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// `name` inside `directory`, with one slash between them.
    public static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty ? name : directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

/// The one file writer: the bytes go to a temporary file beside the target, which is renamed over
/// it on ``commit()``, so a reader never sees a half-written file and a failure leaves the old one
/// untouched. A target that is not a regular file (`/dev/null`, a FIFO) is written directly, since
/// renaming over it would replace it; a symbolic link is followed so the file it names is replaced.
/// The file keeps the permission bits of the file it replaces (0644 less the umask when new).
public struct FileWriter: ~Copyable {
    /// The path as given.
    public let path: String
    private let target: String
    private let temporary: String?
    private let descriptor: Int32
    private let sync: Bool
    private var failure: Int32 = 0
    private var pending = true

    /// Opens the temporary file (or the device). `sync` flushes it to disk before the rename, for
    /// files a user edits in place.
    public init(path: String, sync: Bool = false) throws(FileSystemError) {
        self.path = path
        self.sync = sync
        var target = path
        if let resolved = realpath(path, nil) {
            target = String(cString: resolved)
            free(resolved)
        }
        self.target = target
        var information = stat()
        let exists = stat(target, &information) == 0
        if exists && (information.st_mode & S_IFMT) != S_IFREG {
            descriptor = systemOpen(target, O_WRONLY, 0)
            guard descriptor >= 0 else { throw .last(path) }
            temporary = nil
        } else {
            let temporary = "\(target).tmp-\(getpid())"
            let mode = exists ? information.st_mode & 0o7777 : 0o644
            descriptor = systemOpen(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode)
            guard descriptor >= 0 else { throw .last(temporary) }
            self.temporary = temporary
        }
    }

    /// A writer to standard output (not closed by ``commit()``).
    public static func standardOutput() -> FileWriter { FileWriter(standardOutput: ()) }

    private init(standardOutput: Void) {
        path = "-"
        target = "-"
        temporary = nil
        descriptor = 1
        sync = false
    }

    private var closes: Bool { descriptor != 1 }

    /// Whether a write has failed (a closed pipe, a full disk); later writes are skipped.
    public var failed: Bool { failure != 0 }

    /// Appends bytes; a failure is remembered and reported by ``commit()``.
    public mutating func write(_ bytes: some Collection<UInt8>) {
        guard failure == 0 else { return }
        let ok = bytes.withContiguousStorageIfAvailable { writeAll($0) } ?? Array(bytes).withUnsafeBufferPointer { writeAll($0) }
        if !ok { failure = errno == 0 ? EIO : errno }
    }

    /// Appends a string's UTF-8 bytes.
    public mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    private func writeAll(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        var done = 0
        while done < buffer.count {
            let n = systemWrite(descriptor, base + done, buffer.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            done += n
        }
        return true
    }

    /// Closes the file and renames it over the target; on any failure the temporary file is removed
    /// and the target left as it was.
    public consuming func commit() throws(FileSystemError) {
        pending = false
        if failure == 0 && sync && temporary != nil && fsync(descriptor) != 0 { failure = errno }
        if closes && close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure != 0 {
            if let temporary { unlink(temporary) }
            throw FileSystemError(path: path, reason: String(cString: strerror(failure)))
        }
        if let temporary, rename(temporary, target) != 0 {
            let error = FileSystemError.last(path)
            unlink(temporary)
            throw error
        }
    }

    /// Closes and removes the temporary file, leaving the target as it was.
    public consuming func discard() {
        pending = false
        if closes { close(descriptor) }
        if let temporary { unlink(temporary) }
    }

    deinit {
        if pending {
            if closes { close(descriptor) }
            if let temporary { unlink(temporary) }
        }
    }

    /// Writes `bytes` to `path` through a temporary file and a rename.
    public static func write(_ bytes: some Collection<UInt8>, to path: String, sync: Bool = false) throws(FileSystemError) {
        var writer = try FileWriter(path: path, sync: sync)
        writer.write(bytes)
        try writer.commit()
    }

    /// Writes `text` as UTF-8 to `path` through a temporary file and a rename.
    public static func write(_ text: String, to path: String, sync: Bool = false) throws(FileSystemError) {
        var writer = try FileWriter(path: path, sync: sync)
        writer.write(text)
        try writer.commit()
    }
}

private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
