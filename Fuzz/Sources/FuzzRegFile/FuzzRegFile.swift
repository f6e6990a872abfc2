import MachineState
import MofkitSource

/// A registry export (.reg) as a machine source, loaded as `mofkit eval --machine` loads it (OS facts derived,
/// sources merged), then written back as snapshot JSON.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let machine = MachineLoader.load(sources: [SourceFile(path: "fuzz.reg", bytes: bytes)], defaultName: "fuzz")
    _ = machine.snapshot.jsonText()
    return 0
}
