import Foundation
import MofkitSource
@testable import UpdateCatalog
import MofkitTestSupport

/// Paths of the test inputs.
enum CatalogPaths {
    /// The package root (this file is Tests/UpdateCatalogTests/…).
    static let packageRoot = URL(fileURLWithPath: TestPaths.packageRoot)
    /// `Corpus/catalogs/` of this repository.
    static let corpus = packageRoot.appendingPathComponent("Corpus/catalogs")
    /// `../shared/corpus/catalogs/` (real-world files; absent in a plain clone).
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/catalogs")
    static var sharedAvailable: Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent("MANIFEST.tsv").path)
    }

    static func corpusFile(_ name: String) -> String { corpus.appendingPathComponent(name).path }
}

/// Reads XML text given in the test.
func readCatalog(_ xml: String, name: String = "test.xml") -> (records: [CatalogRecord], summary: CatalogReadSummary) {
    var records: [CatalogRecord] = []
    let summary = CatalogReader.read(bytes: Array(xml.utf8), fileName: name) { records.append($0) }
    return (records, summary)
}

extension CatalogRecord {
    var update: CatalogUpdate? {
        if case .update(let update) = self { return update }
        return nil
    }
}

/// Writes a temporary file and returns its path.
func temporaryFile(_ name: String, _ bytes: [UInt8]) -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mofkit-catalog-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
    return url.path
}

/// The JSON Lines of a catalog, as Foundation objects.
func jsonRecords(path: String) -> (records: [[String: Any]], summary: CatalogReadSummary) {
    var buffer = JSONBuffer()
    let summary = CatalogReader.read(path: path) { record in
        buffer.write(record)
        buffer.newline()
    }
    let records = buffer.bytes.split(separator: 0x0A).compactMap {
        (try? JSONSerialization.jsonObject(with: Data($0))) as? [String: Any]
    }
    return (records, summary)
}
