import Applicability
import MachineState
import Testing
import UpdateCatalog
import MofkitTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Corpus/machines × Corpus/catalogs, compared with golden files written by `MOFKIT_UPDATE_GOLDEN=1`.
@Suite struct GoldenTests {
    static let packageRoot = TestPaths.packageRoot
    static let golden = packageRoot + "/Tests/ApplicabilityTests/Golden/"
    static let catalogs = ["catalog-scup.xml", "all-rules-2005.sdp", "all-rules-msus.xml", "fragment-core.xml", "mssecure-small.xml", "package.xml", "wsusscn2-small.cab"]

    static func machines() -> [String] {
        ((try? MachineLoader.fleetSpecifications(directory: packageRoot + "/Corpus/machines")) ?? []).sorted()
    }

    static func check(_ actual: String, file name: String) {
        if let problem = Golden.problem(actual, path: golden + name) { Issue.record(Comment(rawValue: problem)) }
    }

    static func readBytes(path: String) throws -> [UInt8] {
        guard let file = fopen(path, "r") else { throw CancellationError() }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return bytes
    }

    @Test(arguments: catalogs) func corpusCatalogOnCorpusMachines(_ catalog: String) {
        let (compiled, _) = CompiledCatalog.load(path: Self.packageRoot + "/Corpus/catalogs/" + catalog)
        let evaluator = CatalogEvaluator(compiled)
        var text = ""
        let machines = Self.machines()
        #expect(machines.count >= 5)
        for specification in machines {
            let machine = MachineLoader.load(specification: specification)
            let result = evaluator.evaluate(machine.snapshot)
            for (i, r) in result.results.enumerated() {
                text += "\(machine.snapshot.machineName)\t\(compiled.updates[i].id)\t\(r.status.rawValue)\t\(r.reason)\n"
            }
        }
        Self.check(text, file: catalog + ".tsv")
    }

    @Test func explainGolden() {
        let (compiled, _) = CompiledCatalog.load(path: Self.packageRoot + "/Corpus/catalogs/catalog-scup.xml")
        let machine = MachineLoader.load(specification: Self.packageRoot + "/Corpus/machines/win10-22h2-ws")
        let view = MachineView(machine.snapshot)
        let evaluator = CatalogEvaluator(compiled)
        let text = compiled.updates.indices.map { evaluator.explain($0, on: view).text() }.joined(separator: "\n")
        Self.check(text, file: "explain-catalog-scup-win10.txt")
    }
}
