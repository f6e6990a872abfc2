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
    static let recordsPerBatch = 1024
    /// ... or once its tree holds about this many bytes (small enough to stay in the shared cache) ...
    static let bytesPerBatch = 1 << 18
    /// ... or once it holds this many events (records made without a tree, diagnostics): a
    /// wsusscn2.cab's hundreds of thousands of fragments are such records, read after the last update.
    static let eventsPerBatch = 256
    /// A batch this large (a huge record: up to ``CatalogReader/recordByteLimit``) is written before
    /// the parse side goes on, so at most one such record is in memory besides the one being read.
    static let bytesWrittenAlone = 1 << 23

    /// Reads `path` on a second thread and writes its records into `sink` on this one; returns what
    /// the parse side found out for the summary.
    static func run(path: String, into sink: RecordSink) -> (format: CatalogFormat, cabinetMember: String?) {
        let batches = BatchSlots(count: batchCount)
        defer { batches.deallocate() }
        let filled = BatchChannel()
        let free = BatchChannel()
        for index in 0..<batchCount { free.send(index) }
        let finished = DispatchSemaphore(value: 0)
        let parseThread = Thread {
            do {
                let producer = BatchProducer(batches: batches, filled: filled, free: free)
                let reader = CatalogStreamReader(fileName: path, producer: producer)
                CatalogReader.read(path: path, into: reader)
                reader.finishPipeline()
            }
            finished.signal()
        }
        // libxml2 and the cabinet reader run there: give it the main thread's usual stack.
        parseThread.stackSize = 8 << 20
        parseThread.start()

        var result: (format: CatalogFormat, cabinetMember: String?) = (.unknown, nil)
        while true {
            let index = filled.receive()
            let batch = batches[index]
            var nextEvent = 0
            for slot in 0..<batch.pointee.records.count {
                let record = batch.pointee.records[slot]
                while nextEvent < record.eventsBefore {
                    sink.handle(batch.pointee.events[nextEvent])
                    nextEvent += 1
                }
                var entryPath: [String] = [], newNames: [String] = []
                if record.details >= 0 { (entryPath, newNames) = batch.pointee.details[record.details] }
                sink.handleRecord(
                    record.kind, format: record.format, entryPath: entryPath, newNames: newNames,
                    tree: &batch.pointee.tree, root: record.root)
            }
            while nextEvent < batch.pointee.events.count {
                sink.handle(batch.pointee.events[nextEvent])
                nextEvent += 1
            }
            if batch.pointee.isLast {
                result = (batch.pointee.format, batch.pointee.cabinetMember)
                break
            }
            batch.pointee.clear()
            free.send(index)
        }
        // The batches are freed (by `defer`) only once the parse thread is done with them.
        finished.wait()
        return result
    }
}

/// Records and events of the parse side, handed to the writer in one piece.
struct RecordBatch {
    /// A completed record (the subtree of `tree` at node `root`); plain values, cheap to copy.
    struct Record {
        var kind: CatalogStreamReader.RecordKind
        var format: CatalogFormat
        var root: Int
        /// How many of `events` come before this record.
        var eventsBefore: Int
        /// Index in `details` of the record's entry path and new names, or -1 when both are empty.
        var details: Int
    }

    var records: [Record] = []
    /// The records' elements, one record after the other: written in order on one side and read in
    /// order on the other, rather than scattered over a tree per record. Kept, with its capacity,
    /// from one use of the batch to the next (the parse side swaps it with the one it fills).
    var tree: RecordTree
    /// Diagnostics and records made without a tree, in document order (placed among the records by
    /// `eventsBefore`).
    var events: [ReaderEvent] = []
    var details: [(entryPath: [String], newNames: [String])] = []
    var byteCount = 0
    /// Diagnostics among `events` (past ``CatalogReader/diagnosticLimit`` they are only counted).
    var diagnosticCount = 0
    /// The last batch of the read, with what the parse side found out.
    var isLast = false
    var format = CatalogFormat.unknown
    var cabinetMember: String?

    init(tree: RecordTree) { self.tree = tree }

    /// Empties the batch for reuse, keeping its tree (shrunk back if a huge record made it grow).
    mutating func clear() {
        tree.resetReleasingExcess(byteLimit: 1 << 20, elementLimit: 1 << 14)
        records.removeAll(keepingCapacity: true)
        events.removeAll(keepingCapacity: true)
        details.removeAll(keepingCapacity: true)
        byteCount = 0
        diagnosticCount = 0
    }
}

/// The pipeline's batches, made once and reused: the channels pass their indices, so handing a
/// batch over moves nothing and allocates nothing.
///
/// `@unchecked Sendable` because the batches sit behind a raw pointer that both threads hold. It is
/// safe because a batch has exactly one owner at a time: the side that received its index from a
/// ``BatchChannel`` and has not sent it on, and the channel's lock and semaphore order the sender's
/// last write before the receiver's first read.
struct BatchSlots: @unchecked Sendable {
    private let base: UnsafeMutablePointer<RecordBatch>
    let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        for index in 0..<count {
            let tree = RecordTree(byteCapacity: ConvertPipeline.bytesPerBatch + (1 << 16), elementCapacity: 1 << 10)
            (base + index).initialize(to: RecordBatch(tree: tree))
        }
    }

    subscript(index: Int) -> UnsafeMutablePointer<RecordBatch> { base + index }

    /// Frees the batches and their trees; only when neither thread uses them any more.
    func deallocate() {
        for index in 0..<count { base[index].tree.deallocate() }
        base.deinitialize(count: count)
        base.deallocate()
    }
}

/// A first-in first-out hand-over of batch indices between two threads; `receive` waits for one.
final class BatchChannel: Sendable {
    private let queue = Mutex<[Int]>([])
    private let available = DispatchSemaphore(value: 0)

    func send(_ index: Int) {
        queue.withLock { $0.append(index) }
        available.signal()
    }

    /// The oldest index, or nil without waiting.
    func tryReceive() -> Int? {
        guard available.wait(timeout: .now()) == .success else { return nil }
        return queue.withLock { $0.removeFirst() }
    }

    /// The oldest index, waiting for one if there is none.
    func receive() -> Int {
        available.wait()
        return queue.withLock { $0.removeFirst() }
    }
}

/// The parse side's end of the pipeline: collects events and records into the current batch and
/// hands it over when it is full. Used only on the parse thread.
final class BatchProducer {
    private let batches: BatchSlots
    private let filled: BatchChannel
    private let free: BatchChannel
    /// The batch being filled (a pointer: a class's stored property would cost a dynamic
    /// exclusivity check on each access) and its index.
    private var current: UnsafeMutablePointer<RecordBatch>
    private var currentIndex: Int

    init(batches: BatchSlots, filled: BatchChannel, free: BatchChannel) {
        self.batches = batches
        self.filled = filled
        self.free = free
        currentIndex = free.receive()
        current = batches[currentIndex]
    }

    /// A diagnostic or a record made without a tree. True when the batch is full: the caller hands it
    /// over (``handOver(tree:)``) as soon as no record is half-read in its tree.
    func add(_ event: ReaderEvent) -> Bool {
        let batch = current
        if case .diagnostic = event {
            // With this many in the batch, the sink keeps at most `diagnosticLimit` of them whatever
            // it kept before (its limit is the same): the rest only count. Until the record being
            // read completes the batch cannot go, so holding them all could take gigabytes.
            if batch.pointee.diagnosticCount >= CatalogReader.diagnosticLimit {
                let last = batch.pointee.events.count - 1
                if last >= 0, case .suppressedDiagnostics(let count) = batch.pointee.events[last] {
                    batch.pointee.events[last] = .suppressedDiagnostics(count + 1)
                } else {
                    batch.pointee.events.append(.suppressedDiagnostics(1))
                }
                return false
            }
            batch.pointee.diagnosticCount += 1
        }
        batch.pointee.events.append(event)
        return batch.pointee.events.count >= ConvertPipeline.eventsPerBatch
    }

    /// A completed record, rooted at node `root` of `tree`, which holds the batch's records so far.
    /// When the batch is full, `tree` goes over with it and gets the empty one of the next batch.
    func addRecord(
        _ kind: CatalogStreamReader.RecordKind, format: CatalogFormat, entryPath: [String], newNames: [String],
        root: Int, tree: inout RecordTree
    ) {
        let batch = current
        let slot = batch.pointee.records.count
        batch.pointee.byteCount = tree.bytes.count + 64 * tree.nodes.count
        var details = -1
        if !entryPath.isEmpty || !newNames.isEmpty {
            details = batch.pointee.details.count
            batch.pointee.details.append((entryPath, newNames))
        }
        batch.pointee.records.append(RecordBatch.Record(
            kind: kind, format: format, root: root, eventsBefore: batch.pointee.events.count, details: details))
        guard slot + 1 >= ConvertPipeline.recordsPerBatch || batch.pointee.byteCount >= ConvertPipeline.bytesPerBatch
            || batch.pointee.events.count >= ConvertPipeline.eventsPerBatch
        else { return }
        handOver(tree: &tree)
    }

    /// Sends the batch being filled, with `tree` (its records, none of them half-read), and takes the
    /// next free one, whose empty tree `tree` becomes.
    func handOver(tree: inout RecordTree) {
        let large = current.pointee.byteCount >= ConvertPipeline.bytesWrittenAlone
        swap(&tree, &current.pointee.tree)
        filled.send(currentIndex)
        currentIndex = free.receive()
        current = batches[currentIndex]
        swap(&tree, &current.pointee.tree)
        if large {
            // Wait until the writer has given back every batch (the large one, its tree shrunk, too).
            var others: [Int] = [currentIndex]
            while others.count < ConvertPipeline.batchCount { others.append(free.receive()) }
            for index in others.dropFirst() { free.send(index) }
        }
    }

    /// Sends what is left (the records in `tree`) as the last batch.
    func finish(format: CatalogFormat, cabinetMember: String?, tree: inout RecordTree) {
        swap(&tree, &current.pointee.tree)
        current.pointee.isLast = true
        current.pointee.format = format
        current.pointee.cabinetMember = cabinetMember
        filled.send(currentIndex)
    }
}
