import CollectionQueries
import MofkitSource

/// A collection query (or a MOF collection export): parsed, checked and translated to SQL against the
/// standard classes, as `mofkit collection --check` does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWQL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let source = SourceFile(path: "fuzz.wql", bytes: bytes)
    let rules = CollectionQueryFile.rules(in: source).rules
    _ = CollectionEvaluator(schema: CollectionSchema.standard).translate(rules)
    return 0
}
