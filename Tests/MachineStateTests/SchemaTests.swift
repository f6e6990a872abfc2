import Foundation
import MachineState
import MofkitSource
import Testing

let schemaPath = packageRoot + "/Docs/snapshot-schema.json"
let collectorPath = packageRoot + "/Scripts/collect-snapshot.ps1"

func schemaProperties(_ node: [String: Any]?) -> Set<String> {
    Set(((node?["properties"] as? [String: Any]) ?? [:]).keys)
}

/// Docs/snapshot-schema.json is in the repository: a missing one fails `schema()` instead of skipping the suite.
@Suite("Published schema, reader, writer and collector script agree")
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

    /// Top-level keys of the first PowerShell hashtable literal (`@{ a = …; b = … }`) after `marker`.
    static func hashtableKeys(after marker: String, in script: String) -> Set<String>? {
        guard let found = script.range(of: marker), let open = script[found.upperBound...].range(of: "@{") else { return nil }
        var keys = Set<String>()
        var depth = 1
        var entry = ""
        var atEntryStart = true
        for c in script[open.upperBound...] {
            if c == "{" { depth += 1 }
            if c == "}" { depth -= 1; if depth == 0 { break } }
            guard depth == 1 else { continue }
            if c == ";" || c == "\n" { entry = ""; atEntryStart = true; continue }
            guard atEntryStart else { continue }
            if c == "=" {
                let key = entry.trimmingCharacters(in: .whitespaces)
                if !key.isEmpty { keys.insert(key) }
                atEntryStart = false
            } else {
                entry.append(c)
            }
        }
        return keys
    }

    /// Keys added later with `$variable['key'] = …`.
    static func assignedKeys(_ variable: String, in script: String) -> Set<String> {
        var keys = Set<String>()
        var rest = Substring(script)
        while let start = rest.range(of: "$\(variable)['") {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "'") else { break }
            keys.insert(String(after[..<end]))
            rest = after[end...]
        }
        return keys
    }

    /// The script has never run on Windows here (no PowerShell on the build machine), so its nested
    /// members are checked statically against the schema: each section writes exactly the members the
    /// schema names, and only registry types the reader knows.
    @Test func collectorSectionsMatchTheSchema() throws {
        let script = try String(contentsOfFile: collectorPath, encoding: .utf8)
        let properties = try #require(try schema()["properties"] as? [String: Any])
        func item(_ member: String) -> [String: Any]? {
            let node = properties[member] as? [String: Any]
            return (node?["items"] as? [String: Any]) ?? node
        }
        func msiItem(_ member: String) -> [String: Any]? {
            ((item("msi")?["properties"] as? [String: Any])?[member] as? [String: Any])?["items"] as? [String: Any]
        }
        let os = try #require(Self.hashtableKeys(after: "$osSection =", in: script)).union(Self.assignedKeys("osSection", in: script))
        #expect(os == schemaProperties(item("os")))
        let file = try #require(Self.hashtableKeys(after: "foreach ($path in $File)", in: script)).union(Self.assignedKeys("entry", in: script))
        #expect(file == schemaProperties(item("files")))
        let key = try #require(Self.hashtableKeys(after: "$registry.Add(", in: script))
        #expect(key == schemaProperties(item("registry")))
        let update = try #require(Self.hashtableKeys(after: "$update =", in: script)).union(Self.assignedKeys("update", in: script))
        #expect(update == schemaProperties(item("installedUpdates")))
        let cbs = try #require(Self.hashtableKeys(after: "$cbs.Add(", in: script))
        #expect(cbs == schemaProperties(item("cbsPackages")))
        let msi = try #require(Self.hashtableKeys(after: "$snapshot['msi'] =", in: script))
        #expect(msi == schemaProperties(item("msi")))
        var product = try #require(Self.hashtableKeys(after: "$product =", in: script))
        for name in ["version", "language", "name", "publisher"] where script.contains("@('\(name)', ") { product.insert(name) }
        #expect(product == schemaProperties(msiItem("products")))
        let patch = try #require(Self.hashtableKeys(after: "$patches.Add(", in: script))
        #expect(patch.isSubset(of: schemaProperties(msiItem("patches"))) && patch.contains("patchCode") && patch.contains("productCode"))
        let component = try #require(Self.hashtableKeys(after: "$components.Add(", in: script))
        #expect(component == schemaProperties(msiItem("components")))
        // Registry value objects: {type, data} with the reader's type names only.
        let value = try #require(Self.hashtableKeys(after: "'String'", in: script))
        #expect(value == ["type", "data"])
        var types = Set<String>()
        var rest = Substring(script)
        while let start = rest.range(of: "type = 'REG_") {
            let after = rest[rest.index(start.upperBound, offsetBy: -4)...]
            guard let end = after.firstIndex(of: "'") else { break }
            types.insert(String(after[..<end]))
            rest = after[end...]
        }
        #expect(!types.isEmpty && types.isSubset(of: Set(RegistryData.typeNames)), "\(types)")
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
