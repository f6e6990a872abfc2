import Dispatch
import Synchronization

/// Runs `body` for indices `0..<count` on up to `threads` workers and returns the results in index
/// order, so that what a command prints does not depend on the thread count.
enum ParallelMap {
    static func run<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = IndexedSlots<T>(count: count)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                if i >= count { break }
                slots.set(i, body(i))
            }
        }
        return slots.take()
    }
}

/// Result slots written by worker threads, each index once (one short lock per item, not per rule).
final class IndexedSlots<T: Sendable>: Sendable {
    private let items: Mutex<[T?]>

    init(count: Int) { items = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ value: T) {
        items.withLock { $0[index] = value }
    }

    func take() -> [T] {
        items.withLock { $0.compactMap { $0 } }
    }
}
