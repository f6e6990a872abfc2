import Foundation
import UpdateCatalog

/// Differential target: `mofkit catalog convert` writes JSON straight from the parser's events
/// (`CatalogReader.convert`, on one thread and as the two-thread pipeline), and must give exactly the bytes, diagnostics and counts of the typed
/// model path (`CatalogReader.read` + `JSONBuffer.write`). Any difference is a crash here.
/// The streaming path reads files, so each input is written to a per-process file (in /dev/shm
/// when it exists) first.
let scratchPath: String = {
    let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return directory + "/mofkit-fuzz-convert-\(getpid()).xml"
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCatalogConvert(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // Cabinets have their own target; keep this one on XML.
    if bytes.starts(with: Array("MSCF".utf8)) { return -1 }
    guard FileManager.default.createFile(atPath: scratchPath, contents: Data(bytes)) else { return -1 }
    for lines in [true, false] {
        var model = JSONBuffer()
        var first = true
        let modelSummary = CatalogReader.read(path: scratchPath) { record in
            if !lines && !first { model.bytes.append(contentsOf: [0x2C, 0x0A]) }
            first = false
            model.write(record)
            if lines { model.newline() }
        }
        for threads in [1, 2] {
            var streamed = JSONBuffer()
            var flushed: [UInt8] = []
            let streamedSummary = CatalogReader.convert(path: scratchPath, lines: lines, threads: threads, json: &streamed) {
                flushed.append(contentsOf: $0)
            }
            flushed += streamed.bytes
            if flushed != model.bytes {
                let at = zip(flushed, model.bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(flushed.count, model.bytes.count)
                let context = { (b: [UInt8]) in String(decoding: b[max(0, at - 200)..<min(b.count, at + 200)], as: UTF8.self) }
                fatalError("convert differs from the model at byte \(at) (lines: \(lines), threads: \(threads))\nstreamed: \(context(flushed))\nmodel:    \(context(model.bytes))")
            }
            if streamedSummary.diagnostics != modelSummary.diagnostics || streamedSummary.updateCount != modelSummary.updateCount
                || streamedSummary.recordCount != modelSummary.recordCount || streamedSummary.format != modelSummary.format {
                fatalError("convert's summary differs from the model's (lines: \(lines), threads: \(threads)):\n\(streamedSummary.diagnostics)\n\(modelSummary.diagnostics)")
            }
        }
    }
    return 0
}
