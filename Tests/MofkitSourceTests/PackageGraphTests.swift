import Foundation
import Testing

/// The module graph follows the pipeline: a step never depends on a step further down it.
@Suite struct PackageGraphTests {
    /// The `dependencies` list of `.target(name: "<name>", dependencies: [...])` in Package.swift.
    static func dependencies(of target: String) throws -> [String] {
        let manifest = try String(contentsOf: DocumentationCatalogTests.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let marker = ".target(name: \"\(target)\", dependencies: ["
        let start = try #require(manifest.range(of: marker), "no target \(target) in Package.swift")
        let rest = manifest[start.upperBound...]
        let end = try #require(rest.firstIndex(of: "]"))
        return rest[..<end].split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
    }

    @Test func inventoryRulesDoesNotReachDownToMachines() throws {
        let dependencies = try Self.dependencies(of: "InventoryRules")
        #expect(!dependencies.contains("MachineState"), "\(dependencies)")
        #expect(dependencies.contains("RegistryExport"))
    }

    @Test func theRegFileReaderSitsJustAboveTheSource() throws {
        #expect(try Self.dependencies(of: "RegistryExport") == ["MofkitSource"])
        #expect(try Self.dependencies(of: "MachineState").contains("RegistryExport"))
    }
}
