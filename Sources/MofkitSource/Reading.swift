#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read.
public struct FileReadError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

extension SourceFile {
    /// Reads and decodes a file; `-` reads standard input.
    public static func read(path: String) throws(FileReadError) -> SourceFile {
        SourceFile(path: path, bytes: try readBytes(path: path))
    }
}

/// Reads a whole file (or standard input for `-`) with POSIX calls, so that large files are read
/// without Foundation's copies.
public func readBytes(path: String) throws(FileReadError) -> [UInt8] {
    let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
    if fd < 0 { throw FileReadError(path: path, reason: String(cString: strerror(errno))) }
    defer { if fd != 0 { close(fd) } }
    var info = stat()
    if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
        throw FileReadError(path: path, reason: "is a directory")
    }
    // Offsets are kept as 32-bit numbers to keep tables small; no MOF or catalog file comes near.
    let sizeLimit = Int(Int32.max)
    if (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > sizeLimit {
        throw FileReadError(path: path, reason: "file is larger than 2 GiB, the most mofkit reads")
    }
    var bytes: [UInt8] = []
    let expected = (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
    bytes.reserveCapacity(expected + 1)
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            throw FileReadError(path: path, reason: String(cString: strerror(errno)))
        }
        if n == 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
        if bytes.count > sizeLimit {
            throw FileReadError(path: path, reason: "input is larger than 2 GiB, the most mofkit reads")
        }
    }
    return bytes
}
