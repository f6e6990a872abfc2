import UpdateCatalog

/// A cabinet holding a catalog, read from memory with libmspack as `mofkit catalog` reads a `.cab`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCabinet(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // Only cabinets: anything else would be read as XML, which the XML target covers.
    guard bytes.starts(with: Array("MSCF".utf8)) else { return -1 }
    var json = JSONBuffer()
    let summary = CatalogReader.read(bytes: bytes, fileName: "fuzz.cab") { record in
        json.write(record)
        json.removeAll()
    }
    json.writeTrailer(summary)
    return 0
}
