import Foundation
import MofkitSource
import Testing
@testable import UpdateCatalog

/// What the convert pipeline holds at once stays bounded whatever the input: records made without a
/// tree (wsusscn2 fragments) go over in batches, and a record that makes very many diagnostics does
/// not keep them all while it is read. And name tables kept from one fragment parse to the next keep
/// both sides numbering names alike.
struct PipelineBoundsTests {
    /// The parse side's end of a pipeline with nobody writing: what it sends waits in `filled`.
    static func parseSide() -> (BatchSlots, filled: BatchChannel, BatchProducer) {
        let batches = BatchSlots(count: ConvertPipeline.batchCount)
        let filled = BatchChannel(), free = BatchChannel()
        for index in 0..<ConvertPipeline.batchCount { free.send(index) }
        return (batches, filled, BatchProducer(batches: batches, filled: filled, free: free))
    }

    /// Events alone (no tree records at all) fill batches of `eventsPerBatch` and are handed over.
    @Test func eventsAloneAreHandedOverInBatches() {
        let (batches, filled, producer) = Self.parseSide()
        defer { batches.deallocate() }
        var tree = RecordTree()
        defer { tree.deallocate() }
        let entry = CatalogRecord.entry(CatalogEntry(path: [], element: XMLElement(name: XMLName(local: "x"))))
        for _ in 0..<(ConvertPipeline.eventsPerBatch * 2 + 5) {
            if producer.add(.model(entry)) { producer.handOver(tree: &tree) }
        }
        var sent: [Int] = []
        while let index = filled.tryReceive() { sent.append(batches[index].pointee.events.count) }
        #expect(sent == [ConvertPipeline.eventsPerBatch, ConvertPipeline.eventsPerBatch])
    }

    /// Past the diagnostic limit a batch only counts diagnostics; the summary is the one-thread one.
    @Test func diagnosticFloodInOneRecordIsCountedNotHeld() throws {
        let count = CatalogReader.diagnosticLimit * 3
        let xml = "<OfflineSyncPackage><Updates><Update UpdateId=\"a\">"
            + String(repeating: "<b z:w=\"1\"/>", count: count) + "</Update></Updates></OfflineSyncPackage>"
        let path = temporaryFile("namespace-flood.xml", Array(xml.utf8))
        let single = StreamingConvertTests.streamedJSON(path: path, lines: true)
        #expect(single.summary.diagnostics.count == CatalogReader.diagnosticLimit)
        #expect(single.summary.diagnostics.count + single.summary.suppressedDiagnostics >= count)
        StreamingConvertTests.expectSamePipelined(path, lines: true, as: single)

        // The batch being filled holds the first `diagnosticLimit` and one counter for the rest.
        let (batches, filled, producer) = Self.parseSide()
        defer { batches.deallocate() }
        let location = SourceLocation(line: 1, column: 1, offset: -1)
        let diagnostic = Diagnostic(code: CatalogCode.xmlMalformed, severity: .error, message: "m",
                                    range: SourceRange(file: "f", start: location, end: location))
        for _ in 0..<count { _ = producer.add(.diagnostic(diagnostic)) }
        var tree = RecordTree()
        defer { tree.deallocate() }
        producer.finish(format: .wsusPackage, cabinetMember: nil, tree: &tree)
        let index = try #require(filled.tryReceive())
        let events = batches[index].pointee.events
        #expect(events.count == CatalogReader.diagnosticLimit + 1)
        if case .suppressedDiagnostics(let suppressed)? = events.last {
            #expect(suppressed == count - CatalogReader.diagnosticLimit)
        } else {
            Issue.record("no counter event after the limit")
        }
    }

    /// Two reads sharing name tables (as wsusscn2 fragments do): the second parse has a new libxml2
    /// dictionary, names seen before keep their ids, new ones are numbered on both sides alike.
    @Test func nameTablesCarriedFromOneParseToTheNext() {
        let documents = [
            "<Update><Title>first</Title><Size>1</Size></Update>",
            "<Update><Size>2</Size><Fresh Name=\"n\">x</Fresh><Title>second</Title></Update>",
            "<Update><Fresh Name=\"m\"/><Title>third</Title></Update>",
        ]
        let names = WsusCabinet.FragmentNames()
        var elements: [XMLElement] = []
        for (number, text) in documents.enumerated() {
            let taken = names.take()
            let sink = RecordSink(fileName: "doc\(number)", names: taken.writer) { record in
                if case .entry(let entry) = record { elements.append(entry.element) }
            }
            let reader = CatalogStreamReader(fileName: "doc\(number)", sink: sink, names: taken.reader)
            Array(text.utf8).withUnsafeBufferPointer { reader.feed($0) }
            reader.finish()
            names.keep(reader: reader.takeNames(), writer: sink.takeNames())
        }
        // An unknown root: each child of it is a generic entry, read back through the writer's names.
        #expect(elements.map(\.name.local) == ["Title", "Size", "Size", "Fresh", "Title", "Fresh", "Title"])
        #expect(elements.map(\.text) == ["first", "1", "2", "x", "second", "", "third"])
        #expect(elements[3].attribute("Name") == "n")
        #expect(elements[5].attribute("Name") == "m")
        // Each name is numbered once across the three parses, on both sides: "", Update, Title,
        // Size, Fresh, Name.
        let tables = names.take()
        #expect(tables.reader.count == 6)
        #expect(tables.writer.count == 6)
    }
}
