import MachineState
import MofkitSource

/// A snapshot JSON file as a machine source, loaded as `mofkit eval --machine` loads it (OS facts derived,
/// sources merged), then written back as snapshot JSON.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshotJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let machine = MachineLoader.load(sources: [SourceFile(path: "fuzz.json", bytes: bytes)], defaultName: "fuzz")
    _ = machine.snapshot.jsonText()
    return 0
}
