import Dispatch
import Synchronization
import class Foundation.Thread

/// `catalog convert` on two threads: a second thread reads the input, runs libxml2 and builds each
/// record's ``RecordTree`` (the parse side, ``CatalogStreamReader``); the calling thread types the
/// records, escapes and writes the JSON (the ``RecordSink``). Records go over in batches through two
/// channels: `filled` (parse side to writer) and `free` (empty batches back), so at most
/// ``batchCount`` batches exist and memory stays bounded. Events keep document order, so output,
/// diagnostics and summary are those of the single-thread path.
enum ConvertPipeline {
    /// Batches in circulation: one being filled, one being written, one waiting.
    static let batchCount = 3
    /// A batch is handed over after this many records ...
    static let recordsPerBatch = 256
    /// ... or once its trees hold about this many bytes (small enough to stay in the shared cache).
    static let bytesPerBatch = 1 << 18
    /// A batch this large (a huge record: up to ``CatalogReader/recordByteLimit``) is written before
    /// the parse side goes on, so at most one such record is in memory besides the one being read.
    static let bytesWrittenAlone = 1 << 23

    /// Reads `path` on a second thread and writes its records into `sink` on this one; returns what
    /// the parse side found out for the summary.
    static func run(path: String, into sink: RecordSink) -> (format: CatalogFormat, cabinetMember: String?) {
        let filled = BatchChannel()
        let free = BatchChannel()
        for _ in 0..<batchCount {
            var batch = RecordBatch()
            free.send(&batch)
        }
        let finished = DispatchSemaphore(value: 0)
        let parseThread = Thread {
            do {
                let producer = BatchProducer(filled: filled, free: free)
                let reader = CatalogStreamReader(fileName: path, producer: producer)
                CatalogReader.read(path: path, into: reader)
                producer.finish(format: reader.format, cabinetMember: reader.cabinetMember)
            }
            finished.signal()
        }
        // libxml2 and the cabinet reader run there: give it the main thread's usual stack.
        parseThread.stackSize = 8 << 20
        parseThread.start()

        var result: (format: CatalogFormat, cabinetMember: String?) = (.unknown, nil)
        while true {
            var batch = filled.receive()
            var nextEvent = 0
            for slot in 0..<batch.records.count {
                let record = batch.records[slot]
                while nextEvent < record.eventsBefore {
                    sink.handle(batch.events[nextEvent])
                    nextEvent += 1
                }
                var entryPath: [String] = [], newNames: [String] = []
                if record.details >= 0 { (entryPath, newNames) = batch.details[record.details] }
                sink.handleRecord(
                    record.kind, format: record.format, entryPath: entryPath, newNames: newNames, tree: &batch.trees[slot])
                batch.trees[slot].resetReleasingExcess()
            }
            while nextEvent < batch.events.count {
                sink.handle(batch.events[nextEvent])
                nextEvent += 1
            }
            if batch.isLast {
                result = (batch.format, batch.cabinetMember)
                batch.deallocate()
                break
            }
            batch.clear()
            free.send(&batch)
        }
        finished.wait()
        // The parse thread has ended: every other batch is back in `free`.
        while var batch = free.tryReceive() { batch.deallocate() }
        return result
    }
}

/// Records and events of the parse side, handed to the writer in one piece.
///
/// `@unchecked Sendable` because the trees' buffers are raw pointers, which the compiler cannot
/// follow. It is safe because a batch has exactly one owner at a time: it only moves through a
/// ``BatchChannel``, whose `send(_:)` swaps it out of the sender's variable (the sender keeps an empty
/// batch, sharing nothing), and the channel's lock and semaphore order the sender's last write before
/// the receiver's first read.
struct RecordBatch: @unchecked Sendable {
    /// A completed record (its tree is `trees` at the same index); plain values, cheap to copy.
    struct Record {
        var kind: CatalogStreamReader.RecordKind
        var format: CatalogFormat
        /// How many of `events` come before this record.
        var eventsBefore: Int
        /// Index in `details` of the record's entry path and new names, or -1 when both are empty.
        var details: Int
    }

    var records: [Record] = []
    /// Record trees, kept (with their capacity) from one use of the batch to the next.
    var trees: [RecordTree] = []
    /// Diagnostics and records made without a tree, in document order (placed among the records by
    /// `eventsBefore`).
    var events: [ReaderEvent] = []
    var details: [(entryPath: [String], newNames: [String])] = []
    var byteCount = 0
    /// The last batch of the read, with what the parse side found out.
    var isLast = false
    var format = CatalogFormat.unknown
    var cabinetMember: String?

    /// Empties the batch for reuse, keeping its trees.
    mutating func clear() {
        records.removeAll(keepingCapacity: true)
        events.removeAll(keepingCapacity: true)
        details.removeAll(keepingCapacity: true)
        byteCount = 0
    }

    mutating func deallocate() {
        for tree in trees { tree.deallocate() }
        trees.removeAll()
    }
}

/// A first-in first-out hand-over of batches between two threads; `receive` waits for one.
final class BatchChannel: Sendable {
    private let queue = Mutex<[RecordBatch]>([])
    private let available = DispatchSemaphore(value: 0)

    /// Moves `batch` into the channel; `batch` is left empty.
    func send(_ batch: inout RecordBatch) {
        queue.withLock { queue in
            queue.append(RecordBatch())
            swap(&queue[queue.count - 1], &batch)
        }
        available.signal()
    }

    /// The oldest batch, waiting for one if there is none.
    func receive() -> RecordBatch {
        available.wait()
        return queue.withLock { $0.removeFirst() }
    }

    /// The oldest batch, or nil without waiting.
    func tryReceive() -> RecordBatch? {
        guard available.wait(timeout: .now()) == .success else { return nil }
        return queue.withLock { $0.removeFirst() }
    }
}

/// The parse side's end of the pipeline: collects events and record trees into the current batch
/// and hands it over when it is full. Used only on the parse thread.
final class BatchProducer {
    private let filled: BatchChannel
    private let free: BatchChannel
    /// The batch being filled, behind a pointer: a class's stored property would cost a dynamic
    /// exclusivity check on each access.
    private let current: UnsafeMutablePointer<RecordBatch>

    init(filled: BatchChannel, free: BatchChannel) {
        self.filled = filled
        self.free = free
        current = .allocate(capacity: 1)
        current.initialize(to: free.receive())
    }

    deinit {
        // Empty after finish(); trees are freed here only if the batch was never sent.
        current.pointee.deallocate()
        current.deinitialize(count: 1)
        current.deallocate()
    }

    /// A diagnostic or a record made without a tree.
    func add(_ event: ReaderEvent) {
        current.pointee.events.append(event)
    }

    /// A completed record: its tree goes into the batch; `tree` gets an empty one to build the next record in.
    func addRecord(
        _ kind: CatalogStreamReader.RecordKind, format: CatalogFormat, entryPath: [String], newNames: [String],
        tree: inout RecordTree
    ) {
        let batch = current
        let slot = batch.pointee.records.count
        if slot == batch.pointee.trees.count { batch.pointee.trees.append(RecordTree()) }
        let added = batch.pointee.trees.withUnsafeMutableBufferPointer { trees in
            swap(&tree, &trees[slot])
            return trees[slot].bytes.count + 64 * trees[slot].nodes.count
        }
        batch.pointee.byteCount += added
        // `tree` is now one the writer emptied (or a new one); the next record's begin resets it anyway.
        var details = -1
        if !entryPath.isEmpty || !newNames.isEmpty {
            details = batch.pointee.details.count
            batch.pointee.details.append((entryPath, newNames))
        }
        batch.pointee.records.append(RecordBatch.Record(
            kind: kind, format: format, eventsBefore: batch.pointee.events.count, details: details))
        guard slot + 1 >= ConvertPipeline.recordsPerBatch || batch.pointee.byteCount >= ConvertPipeline.bytesPerBatch else {
            return
        }
        let large = batch.pointee.byteCount >= ConvertPipeline.bytesWrittenAlone
        filled.send(&batch.pointee)
        batch.pointee = free.receive()
        if large {
            // Wait until the writer has given back every batch (the large one, its trees shrunk, too).
            var others: [RecordBatch] = []
            while others.count < ConvertPipeline.batchCount - 1 { others.append(free.receive()) }
            for index in others.indices { free.send(&others[index]) }
        }
    }

    /// Sends what is left as the last batch.
    func finish(format: CatalogFormat, cabinetMember: String?) {
        current.pointee.isLast = true
        current.pointee.format = format
        current.pointee.cabinetMember = cabinetMember
        filled.send(&current.pointee)
    }
}
