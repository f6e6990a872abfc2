import Dispatch
import Synchronization

/// The one parallel map: runs `body` for the indices `0..<count` on up to `threads` workers (each
/// takes the next index when it is free) and returns the results in index order, so that what a
/// command prints does not depend on the thread count.
public enum ParallelMap {
    public static func run<T: Sendable>(count: Int, threads: Int = Host.availableCores, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let slots = Mutex<[T?]>(Array(repeating: nil, count: count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                if i >= count { break }
                let result = body(i)
                slots.withLock { $0[i] = result }
            }
        }
        return slots.withLock { $0.compactMap { $0 } }
    }
}
