import Applicability
import MachineState
import UpdateCatalog

/// `mofkit catalog convert` and `mofkit eval` on one in-memory catalog: read every record, write it
/// as JSON, compile the applicability rules and evaluate them on an empty machine.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCatalogXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // Cabinets have their own target; keep this one on XML.
    if bytes.starts(with: Array("MSCF".utf8)) { return -1 }
    var json = JSONBuffer()
    var records: [CatalogRecord] = []
    let summary = CatalogReader.read(bytes: bytes, fileName: "fuzz.xml") { record in
        json.write(record)
        json.removeAll()
        records.append(record)
    }
    json.writeTrailer(summary)
    let catalog = CompiledCatalog.compile(records: records, format: summary.format)
    _ = CatalogEvaluator(catalog).evaluate(MachineSnapshot())
    return 0
}
