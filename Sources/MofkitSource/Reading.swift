#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SourceFile {
    /// Reads and decodes a file; `-` reads standard input. `encoding` says how to decode it
    /// (detected by default).
    public static func read(path: String, encoding: EncodingChoice = .auto) throws(FileSystemError) -> SourceFile {
        SourceFile(path: path, bytes: try readBytes(path: path), encoding: encoding)
    }
}

/// Reads a whole file (or standard input for `-`) with POSIX calls, so that large files are read
/// without Foundation's copies.
public func readBytes(path: String) throws(FileSystemError) -> [UInt8] {
    let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
    if fd < 0 { throw FileSystemError(path: path, reason: String(cString: strerror(errno))) }
    defer { if fd != 0 { close(fd) } }
    var info = stat()
    if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
        throw FileSystemError(path: path, reason: "is a directory")
    }
    // Offsets are kept as 32-bit numbers to keep tables small; no MOF or catalog file comes near.
    let sizeLimit = Int(Int32.max)
    let isRegular = (info.st_mode & S_IFMT) == S_IFREG
    if isRegular, Int(info.st_size) > sizeLimit {
        throw FileSystemError(path: path, reason: "file is larger than 2 GiB, the most mofkit reads")
    }
    // A regular file is read straight into a buffer of its size (one copy, by the kernel). The extra
    // byte of capacity lets the first read see the end of the file; a file that grows while it is
    // read, and a pipe, continue in chunks.
    var failure: Int32 = 0
    var reachedEnd = false
    var bytes = [UInt8](unsafeUninitializedCapacity: isRegular ? Int(info.st_size) + 1 : 0) { buffer, count in
        count = 0
        adviseHugePages(buffer)
        while count < buffer.count {
            // input-unreachable: the loop runs only when the buffer has room, so it has an address
            let n = read(fd, buffer.baseAddress! + count, buffer.count - count)
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            if n == 0 {
                reachedEnd = true
                return
            }
            count += n
        }
    }
    if failure != 0 { throw FileSystemError(path: path, reason: String(cString: strerror(failure))) }
    if reachedEnd { return bytes }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            throw FileSystemError(path: path, reason: String(cString: strerror(errno)))
        }
        if n == 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
        if bytes.count > sizeLimit {
            throw FileSystemError(path: path, reason: "input is larger than 2 GiB, the most mofkit reads")
        }
    }
    return bytes
}

/// Asks the kernel to back a large buffer with huge pages where it can: reading a big file into
/// fresh memory then takes a few hundred page faults instead of tens of thousands. Only advice;
/// nothing changes when it is ignored.
func adviseHugePages(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
    #if os(Linux)
    let hugePage = 2 << 20
    guard buffer.count >= 4 * hugePage, let base = buffer.baseAddress else { return }
    let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
    let end = (Int(bitPattern: base) + buffer.count) & ~(hugePage - 1)
    guard end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(address, end - start, MADV_HUGEPAGE)
    #endif
}
