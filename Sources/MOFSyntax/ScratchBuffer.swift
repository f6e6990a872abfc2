/// A growable buffer of plain values for the parser's working sets (tokens lexed ahead, the nodes of
/// the declaration being built), written for every token.
///
/// A Swift array checks that its storage is uniquely referenced on every write (copy-on-write), and
/// the parser writes several times per token; this buffer is a reference type with no sharing, so a
/// write is a bounds check and a store. It never leaves the parser: trees get copies as arrays.
/// Elements must be plain data (no references): they are copied as bytes and never deinitialized.
final class ScratchBuffer<Element> {
    private var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 256) {
        precondition(_isPOD(Element.self), "ScratchBuffer holds plain data only")
        self.capacity = max(capacity, 16)
        self.base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get {
            // One unsigned comparison covers both bounds (a negative index becomes huge).
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "ScratchBuffer index out of range")
            return base[index]
        }
        set {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "ScratchBuffer index out of range")
            base[index] = newValue
        }
    }

    var isEmpty: Bool { count == 0 }

    /// The last element; the buffer must not be empty.
    var last: Element { self[count - 1] }

    @inline(__always)
    func append(_ element: Element) {
        if count == capacity { grow(toAtLeast: count + 1) }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Makes room for `extra` more elements and returns where they go; ``commit(_:)`` then counts
    /// those written.
    @inline(__always)
    func reserveTail(_ extra: Int) -> UnsafeMutablePointer<Element> {
        if count + extra > capacity { grow(toAtLeast: count + extra) }
        return base + count
    }

    /// Counts `written` elements stored at ``reserveTail(_:)``'s pointer.
    @inline(__always)
    func commit(_ written: Int) {
        precondition(written >= 0 && count + written <= capacity, "ScratchBuffer commit past its capacity")
        count += written
    }

    func removeLast() {
        precondition(count > 0, "removeLast on an empty ScratchBuffer")
        count -= 1
    }

    /// Drops the first `n` elements, moving the rest to the front.
    func removeFirst(_ n: Int) {
        precondition(n >= 0 && n <= count, "ScratchBuffer removeFirst past its end")
        let rest = count - n
        if rest > 0, n > 0 {
            UnsafeMutableRawPointer(base).copyMemory(  // overlapping: a memmove
                from: UnsafeRawPointer(base + n), byteCount: rest * MemoryLayout<Element>.stride)
        }
        count = rest
    }

    /// Keeps the storage for reuse.
    func removeAll() {
        count = 0
    }

    /// A copy of the elements in `range` as an array.
    func copy(_ range: Range<Int>) -> [Element] {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "ScratchBuffer range out of bounds")
        return Array(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    private func grow(toAtLeast needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
