import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking first-in first-out queue between threads.
public final class EventQueue<Event: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Taken events are cleared at once (a check result holds a whole model).
    private var events: [Event?] = []
    private var head = 0

    public init() {}

    /// Adds an event and wakes a waiting ``pop()``.
    public func push(_ event: Event) {
        condition.lock()
        events.append(event)
        condition.signal()
        condition.unlock()
    }

    /// Waits for and removes the oldest event.
    public func pop() -> Event {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if head < events.count, let event = events[head] {
                events[head] = nil
                head += 1
                if head > 64 && head * 2 > events.count {
                    events.removeSubrange(0..<head)
                    head = 0
                }
                return event
            }
            condition.wait()
        }
    }

    /// Whether an event is waiting.
    public var isEmpty: Bool {
        condition.lock()
        defer { condition.unlock() }
        return head == events.count
    }

    /// Whether a waiting event satisfies `predicate` (events are not removed).
    public func containsPending(where predicate: (Event) -> Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return events[head...].contains { $0.map(predicate) ?? false }
    }
}

/// The ids of requests the client cancelled (`$/cancelRequest`), shared between the reading thread,
/// which records them as they arrive, and whoever answers the requests.
public final class CancellationTracker: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled: Set<RequestID> = []

    public init() {}

    /// Records that the client cancelled `id`.
    public func cancel(_ id: RequestID) {
        lock.lock(); cancelled.insert(id); lock.unlock()
    }

    /// Whether `id` was cancelled; forgets it (a request is answered once).
    public func take(_ id: RequestID) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled.remove(id) != nil
    }

    /// Whether `id` was cancelled, without forgetting it.
    public func isCancelled(_ id: RequestID) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled.contains(id)
    }
}

/// What the reading side delivers.
public enum TransportEvent: Sendable {
    /// A well-formed message.
    case message(IncomingMessage)
    /// A frame or body that is not a message: answer with this error.
    case invalid(IncomingMessage.ParseFailure)
    /// The input ended.
    case endOfInput
}

/// JSON-RPC over a pair of file descriptors (stdin/stdout for `mofkit lsp`): a reading thread
/// frames and classifies messages and records `$/cancelRequest` at once; ``send(_:)`` writes framed
/// messages from any thread.
public final class StreamTransport: @unchecked Sendable {
    private let input: Int32
    private let output: Int32
    private let writeLock = NSLock()
    /// Cancellations seen by the reading thread.
    public let cancellations = CancellationTracker()

    public init(input: Int32 = 0, output: Int32 = 1) {
        self.input = input
        self.output = output
    }

    /// Starts the reading thread; every event goes to `deliver`, `.endOfInput` last.
    public func start(_ deliver: @escaping @Sendable (TransportEvent) -> Void) {
        let input = self.input
        let cancellations = self.cancellations
        let thread = Thread {
            var framer = MessageFramer()
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                framer.append(chunk[0..<count])
                while let event = framer.next() {
                    StreamTransport.route(event, cancellations: cancellations, deliver)
                }
            }
            deliver(.endOfInput)
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// Classifies a framed body: `$/cancelRequest` is recorded, everything else delivered.
    public static func route(_ event: MessageFramer.Event, cancellations: CancellationTracker,
                             _ deliver: (TransportEvent) -> Void) {
        switch event {
        case .malformed(let reason):
            deliver(.invalid(IncomingMessage.ParseFailure(id: nil, error: ResponseError(code: ResponseError.parseError, message: "malformed message header: \(reason)"))))
        case .message(let body):
            switch IncomingMessage.parse(body) {
            case .failure(let failure):
                deliver(.invalid(failure))
            case .success(let message):
                if message.method == "$/cancelRequest", message.kind == .notification {
                    if let params = try? message.params(CancelParams.self) { cancellations.cancel(params.id) }
                    return
                }
                deliver(.message(message))
            }
        }
    }

    /// Frames and writes one message body.
    public func send(_ body: [UInt8]) {
        let framed = MessageFramer.frame(body)
        writeLock.lock()
        defer { writeLock.unlock() }
        var written = 0
        framed.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while written < buffer.count {
                let count = write(output, base + written, buffer.count - written)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return }  // the client is gone; nothing to do
                written += count
            }
        }
    }
}

/// `$/cancelRequest` params.
public struct CancelParams: Codable, Sendable {
    public var id: RequestID
    public init(id: RequestID) { self.id = id }
}
