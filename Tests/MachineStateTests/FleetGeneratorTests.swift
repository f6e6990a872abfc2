import Foundation
import MachineState
import MofkitSource
import Testing

let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite("Scripts/gen-fleet.py writes snapshots mofkit reads cleanly",
       .enabled(if: python != nil, "python3 not installed; gen-fleet.py not run"))
struct FleetGeneratorTests {
    func generate(_ count: Int, seed: Int = 1) throws -> URL {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mofkit-fleet-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(python))
        process.arguments = [packageRoot + "/Scripts/gen-fleet.py", String(count), directory.path, "--seed", String(seed)]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return directory
    }

    @Test func generatedMachinesLoadWithoutDiagnosticsAndRoundTrip() throws {
        let directory = try generate(12)
        defer { try? FileManager.default.removeItem(at: directory) }
        let specs = try MachineLoader.fleetSpecifications(directory: directory.path)
        #expect(specs.count == 12)
        var versions = Set<String>()
        for spec in specs {
            let machine = MachineLoader.load(specification: spec)
            #expect(machine.diagnostics.isEmpty, "\(spec): \(machine.diagnostics)")
            let s = machine.snapshot
            #expect(s.machineName.hasPrefix("FLEET-") && s.os.architecture != nil && s.os.productType != nil)
            versions.insert(s.os.version ?? "")
            let text = s.jsonText()
            let again = SnapshotJSONReader.read(SourceFile(path: "again.json", string: text))
            #expect(again.snapshot?.jsonText() == text)
        }
        #expect(versions.count > 3, "the fleet varies its OS: \(versions)")
    }

    @Test func generatorIsDeterministic() throws {
        let a = try generate(3, seed: 7)
        let b = try generate(3, seed: 7)
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        for name in ["fleet-00001.json", "fleet-00002.json", "fleet-00003.json"] {
            #expect(try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name)))
        }
    }
}
