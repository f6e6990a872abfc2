/// The base protocol's framing: `Content-Length: N\r\n` (and optionally `Content-Type`) headers,
/// an empty line, then N bytes of JSON.
///
/// A pure value: feed it bytes with ``append(_:)`` and take complete messages with ``next()``.
/// Malformed headers are reported as ``Event/malformed(_:)`` and skipped, so one bad frame never
/// stops the stream.
public struct MessageFramer: Sendable {
    /// What the framer found next in the stream.
    public enum Event: Sendable, Equatable {
        /// The body of one message.
        case message([UInt8])
        /// A frame that could not be read (the reason); the framer has skipped it.
        case malformed(String)
    }

    /// The largest body accepted; bigger frames are skipped with an error (their bytes are read and dropped).
    public var maximumBodyLength: Int
    /// The largest header block accepted before its empty line.
    public static let maximumHeaderLength = 8192

    private var buffer: [UInt8] = []
    /// The buffer capacity kept between messages; a larger buffer is freed once emptied.
    static let retainedCapacity = 1 << 20
    private var start = 0
    /// Bytes of an oversized body still to drop.
    private var skipping = 0
    /// After a malformed header: skip to the next `Content-Length:`.
    private var resynchronising = false

    /// A framer; bodies up to `maximumBodyLength` bytes (default 1 GiB).
    public init(maximumBodyLength: Int = 1 << 30) {
        self.maximumBodyLength = maximumBodyLength
    }

    /// Adds bytes read from the stream.
    public mutating func append<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The capacity of the buffer (tests: a large message's buffer is freed once read).
    var bufferCapacity: Int { buffer.capacity }

    /// The number of bytes held and not yet returned.
    public var pendingByteCount: Int { buffer.count - start }

    /// The next complete message or error, or nil when more bytes are needed.
    public mutating func next() -> Event? {
        if skipping > 0 {
            let dropped = min(skipping, buffer.count - start)
            start += dropped
            skipping -= dropped
            if skipping > 0 { return nil }
        }
        if resynchronising {
            guard let next = find(MessageFramer.contentLength, from: start) else {
                // Keep a tail that may hold the start of the marker.
                start = max(start, buffer.count - MessageFramer.contentLength.count)
                return nil
            }
            start = next
            resynchronising = false
        }
        guard let headerEnd = findHeaderEnd() else {
            if buffer.count - start > MessageFramer.maximumHeaderLength {
                // No empty line in sight: drop what we have and try to resynchronise.
                start = buffer.count
                resynchronising = true
                return .malformed("header block longer than \(MessageFramer.maximumHeaderLength) bytes")
            }
            return nil
        }
        let headerBytes = buffer[start..<headerEnd]
        let bodyStart = headerEnd + 4
        var length: Int?
        var problem: String?
        let header = String(decoding: headerBytes, as: UTF8.self)
        for line in header.split(separator: "\r\n", omittingEmptySubsequences: false) {
            guard let colon = line.firstIndex(of: ":") else {
                problem = "header line without ':' (\(line.prefix(60)))"
                break
            }
            let name = line[..<colon].trimmingSpaces().lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            if name == "content-length" {
                guard !value.isEmpty, value.count <= 18, value.allSatisfy({ $0.isASCII && $0.isNumber }), let parsed = Int(value) else {
                    problem = "Content-Length is not a number: '\(value.prefix(40))'"
                    break
                }
                length = parsed
            }
        }
        if problem == nil && length == nil { problem = "no Content-Length header" }
        if let problem {
            start = bodyStart
            resynchronising = true
            return .malformed(problem)
        }
        let bodyLength = length ?? 0
        if bodyLength > maximumBodyLength {
            start = bodyStart
            skipping = bodyLength
            return .malformed("message of \(bodyLength) bytes is larger than the limit of \(maximumBodyLength)")
        }
        guard buffer.count - bodyStart >= bodyLength else { return nil }
        let body = Array(buffer[bodyStart..<(bodyStart + bodyLength)])
        start = bodyStart + bodyLength
        // A large message (a whole document in didOpen) left a buffer of its size, or twice it:
        // free it once read, rather than keep it for the small messages that follow.
        if start == buffer.count && buffer.capacity > MessageFramer.retainedCapacity {
            buffer = []
            start = 0
        }
        return .message(body)
    }

    static let contentLength = Array("Content-Length:".utf8)

    /// The index of `needle` at or after `from`.
    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard buffer.count - from >= needle.count else { return nil }
        var i = from
        while i + needle.count <= buffer.count {
            if buffer[i] == needle[0] && buffer[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// Index of the `\r\n\r\n` ending the header block at `start`.
    private func findHeaderEnd() -> Int? {
        var i = start
        let limit = min(buffer.count, start + MessageFramer.maximumHeaderLength + 4)
        while i + 3 < limit {
            if buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 { return i }
            i += 1
        }
        return nil
    }

    /// Frames `body` for sending.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
