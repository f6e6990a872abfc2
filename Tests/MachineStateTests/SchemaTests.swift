import Foundation
import MachineState
import MofkitSource
import Testing

let schemaPath = packageRoot + "/Docs/snapshot-schema.json"
let collectorPath = packageRoot + "/Scripts/collect-snapshot.ps1"

func schemaProperties(_ node: [String: Any]?) -> Set<String> {
    Set(((node?["properties"] as? [String: Any]) ?? [:]).keys)
}

@Suite("Published schema, reader, writer and collector script agree",
       .enabled(if: FileManager.default.fileExists(atPath: schemaPath), "Docs/snapshot-schema.json not found"))
struct SchemaTests {
    func schema() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: schemaPath))) as? [String: Any])
    }

    @Test func topLevelMembersMatchTheReader() throws {
        #expect(schemaProperties(try schema()) == Set(SnapshotJSONReader.topLevelMembers))
    }

    @Test func collectorWritesExactlyTheSchemaMembers() throws {
        let script = try String(contentsOfFile: collectorPath, encoding: .utf8)
        // Top-level members are set with $snapshot['member'] = … (see the script's header).
        var written = Set<String>()
        var rest = Substring(script)
        while let start = rest.range(of: "$snapshot['") {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "'") else { break }
            written.insert(String(after[..<end]))
            rest = after[end...]
        }
        #expect(!written.isEmpty)
        let members = schemaProperties(try schema())
        #expect(written.subtracting(members).isEmpty, "written but not in the schema: \(written.subtracting(members))")
        #expect(members.subtracting(written).isEmpty, "in the schema but not written: \(members.subtracting(written))")
    }

    @Test func writerOutputUsesOnlySchemaMembers() throws {
        var s = MachineSnapshot(machineName: "PC")
        s.os = OperatingSystemFacts(caption: "c", version: "10.0.1", build: 1, revision: 2, servicePackMajor: 0, servicePackMinor: 0,
                                    productType: .server, suiteMask: 16, architecture: .x64, language: 1033,
                                    windowsDirectory: "C:\\W", systemDirectory: "C:\\W\\S")
        s.registry.setValue(physicalPath: "HKLM\\SOFTWARE\\A", name: "v", data: .dword(1))
        s.files = [FileFact(path: "C:\\f", version: "1", size: 1, created: "2020-01-01", modified: "2020-01-01", hashes: ["sha1": "ab"])]
        s.specialFolders = [37: "C:\\W\\S"]
        s.wmi = [WMIInstance(namespace: "root\\cimv2", className: "X", properties: [("P", .integer(1))])]
        s.msiProducts = [MSIProduct(productCode: "{90160000-0011-0000-0000-0000000FF1CE}", version: "1", language: 0, name: "n", publisher: "p")]
        s.msiPatches = [MSIPatch(patchCode: "{90160000-0011-0000-0000-0000000FF1CE}", productCode: "{90160000-0011-0000-0000-0000000FF1CE}", displayName: "d", state: "applied")]
        s.msiComponents = [MSIComponent(componentCode: "{90160000-0011-0000-0000-0000000FF1CE}", productCode: "{90160000-0011-0000-0000-0000000FF1CE}", path: "p")]
        s.installedUpdates = [InstalledUpdate(id: "KB1", description: "d", installedOn: "2020-01-01")]
        s.cbsPackages = [CBSPackage(identity: "i", state: "Installed")]
        let written = try #require(try JSONSerialization.jsonObject(with: Data(s.jsonText().utf8)) as? [String: Any])
        let schema = try schema()
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(Set(written.keys) == schemaProperties(schema))
        func check(_ member: String, _ object: Any?) {
            let node = properties[member] as? [String: Any]
            let itemNode = (node?["items"] as? [String: Any]) ?? node
            let objects = (object as? [[String: Any]]) ?? [(object as? [String: Any]) ?? [:]]
            for o in objects {
                #expect(Set(o.keys).isSubset(of: schemaProperties(itemNode)), "\(member): \(o.keys)")
            }
        }
        for member in ["os", "files", "installedUpdates", "cbsPackages", "registry"] { check(member, written[member]) }
        let msi = try #require(written["msi"] as? [String: Any])
        let msiNode = properties["msi"] as? [String: Any]
        #expect(Set(msi.keys) == schemaProperties(msiNode))
        // Every os fact the model has is written and in the schema.
        #expect(Set((written["os"] as? [String: Any] ?? [:]).keys) == schemaProperties(properties["os"] as? [String: Any]))
    }
}
