import Foundation
import InventoryCollection
import InventoryRules
import MachineState
import MofkitSource
import Testing
import MofkitTestSupport

let packageRoot = TestPaths.packageRoot

func rules(_ mof: String) throws -> (CollectionRules, [Diagnostic]) {
    let result = InventoryRulesLoader.rules(paths: [packageRoot + "/" + mof])
    try #require(result.unreadable.isEmpty)
    return (result.rules, result.diagnostics)
}

func rules(text: String) throws -> CollectionRules {
    let path = NSTemporaryDirectory() + "mofkit-inv-\(UUID().uuidString).mof"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return InventoryRulesLoader.rules(paths: [path]).rules
}

/// A machine from the repository's Corpus/machines: it is required, so a missing or unreadable one fails the test.
func machine(_ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> MachineSnapshot {
    let path = packageRoot + "/Corpus/machines/" + name
    if !FileManager.default.fileExists(atPath: path) {
        Issue.record("Corpus/machines/\(name) is in the repository but not found at \(path)", sourceLocation: sourceLocation)
    }
    let loaded = MachineLoader.load(specification: path)
    if !loaded.unreadable.isEmpty {
        Issue.record("Corpus/machines/\(name): unreadable \(loaded.unreadable)", sourceLocation: sourceLocation)
    }
    return loaded.snapshot
}

func machine(json: String) -> MachineSnapshot {
    MachineLoader.load(sources: [SourceFile(path: "m.json", string: json)], defaultName: "M").snapshot
}

/// Rows as text, without the machine name column.
func cells(_ group: InventoryGroup) -> [[String]] {
    group.rows.map { $0.dropFirst().map { $0.text ?? "NULL" } }
}

@Suite("Inventory collection on the Corpus machines")
struct CorpusInventoryTests {
    @Test func tsAppModeServerReportsItsRegistryValues() throws {
        let (compiled, diagnostics) = try rules("Corpus/mof/tsappmode-fixed.mof")
        #expect(!diagnostics.contains { $0.severity == .error })
        let collector = InventoryCollector(rules: compiled)
        let (groups, found) = collector.collect([machine("srv2003-tsappmode"), machine("winxp-sp2-ws"), machine("win11-ws")])
        #expect(found.isEmpty, "\(found)")
        let group = try #require(groups.first)
        #expect(group.groupName == "TS Application Mode" && group.tableName == "v_GS_TSAPPMode")
        #expect(group.columns.map(\.name) == ["MachineName", "keyname", "TSEnabled", "TSAppCompat"])
        #expect(group.rows.map { $0[0] } == [.string("TSSRV01"), .string("XPWS042"), .string("W11-DEV-003")])
        // REG_DWORD into string properties: decimal text, as RegPropProv gives it.
        #expect(group.rows[0] == [.string("TSSRV01"), .string("TSAPPMode"), .string("1"), .string("1")])
        #expect(cells(group)[1] == ["TSAPPMode", "0", "0"])
        // The key exists without the values: a row of NULLs.
        #expect(cells(group)[2] == ["TSAPPMode", "NULL", "NULL"])
    }

    @Test func brokenSeedContextFindsNothing() throws {
        let (compiled, diagnostics) = try rules("Corpus/mof/tsappmode-seed.mof")
        #expect(diagnostics.contains { $0.code.rawValue == "MOF1003" })
        let (groups, _) = InventoryCollector(rules: compiled).collect([machine("srv2003-tsappmode")])
        // The registry path holds a line break and the next line's spaces: no such key, no row.
        #expect(groups.first?.rows.isEmpty == true)
    }

    @Test func smsDefExampleRegistryValuesAndSubkeys() throws {
        let (compiled, _) = try rules("Corpus/mof/SMS_def-example.mof")
        let names = ["srv2003-tsappmode", "win10-22h2-ws", "win11-ws", "winxp-sp2-ws"]
        let (groups, found) = InventoryCollector(rules: compiled).collect(names.map { machine($0) })
        #expect(found.isEmpty, "\(found)")
        let app = try #require(groups.first { $0.className == "Contoso_AppInfo" })
        // Licensed is SMS_Report(FALSE): not a column.
        #expect(app.columns.map(\.name) == ["MachineName", "KeyName", "Version", "InstallCount", "LastUpdated"])
        #expect(app.rows == [
            [.string("TSSRV01"), .string("Contoso"), .string("3.9.0"), .integer(12), .string("20070901083000.000000+000")],
            [.string("W10-FIN-017"), .string("Contoso"), .string("4.2.1"), .integer(3), .string("20231114101200.000000+000")],
        ])
        let plugins = try #require(groups.first { $0.className == "Contoso_Plugins" })
        #expect(plugins.sourceKind == "registry-keys")
        #expect(plugins.rows.map { $0[0] } == [.string("W10-FIN-017"), .string("W10-FIN-017")])
        #expect(cells(plugins) == [["Exporter", "PDF Exporter", "1"], ["Sync", "Cloud Sync", "0"]])
    }
}

@Suite("Collection semantics")
struct CollectionSemanticsTests {
    let processorMOF = """
        #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2\\\\sms")
        [SMS_Report(TRUE), SMS_Group_Name("Processor"), SMS_Class_ID("MICROSOFT|PROCESSOR|1.0"), Namespace("\\\\\\\\\\\\\\\\.\\\\\\\\root\\\\\\\\cimv2")]
        class Win32_Processor : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] string DeviceID;
            [SMS_Report(TRUE)] uint32 MaxClockSpeed;
            [SMS_Report(TRUE)] uint64 L2CacheSize;
            [SMS_Report(FALSE)] string Name;
        };
        """

    @Test func wmiClassGivesOneRowPerInstanceAndChecksTypes() throws {
        let compiled = try rules(text: processorMOF)
        #expect(compiled.reportedClasses.first?.source.kind == "wmi-class")
        let m = machine(json: #"""
            {"machineName": "PC", "wmi": {"root\\cimv2": {"Win32_Processor": [
              {"DeviceID": "CPU0", "MaxClockSpeed": 2400, "L2CacheSize": "18446744073709551615", "Name": "x"},
              {"DeviceID": "CPU1", "MaxClockSpeed": "fast"},
              {"DeviceID": "CPU2", "MaxClockSpeed": -1}]},
             "root\\other": {"Win32_Processor": [{"DeviceID": "elsewhere"}]}}}
            """#)
        let (groups, found) = InventoryCollector(rules: compiled).collect([m])
        let group = try #require(groups.first)
        #expect(group.columns.map(\.name) == ["MachineName", "DeviceID", "MaxClockSpeed", "L2CacheSize"])
        #expect(group.rows == [
            [.string("PC"), .string("CPU0"), .integer(2400), .unsignedInteger(UInt64.max)],
            [.string("PC"), .string("CPU1"), .null, .null],
            [.string("PC"), .string("CPU2"), .null, .null],
        ])
        #expect(found.map(\.code) == [InventoryCode.wmiTypeMismatch, InventoryCode.wmiTypeMismatch])
        #expect(found.allSatisfy { $0.notes.contains { $0.message.contains("\"PC\"") } })
    }

    @Test func missingClassGivesNoRow() throws {
        let compiled = try rules(text: processorMOF)
        let (groups, found) = InventoryCollector(rules: compiled).collect([machine(json: #"{"machineName": "PC"}"#)])
        #expect(groups.first?.rows.isEmpty == true && found.isEmpty)
    }

    @Test func registryTypeMismatchIsNullWithDiagnostic() throws {
        let compiled = try rules(text: """
            #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2")
            [DYNPROPS] class Contoso_Counts { [key] string K; uint32 Count; string Text; string[] List; boolean Flag; };
            [DYNPROPS] instance of Contoso_Counts {
              K = "k";
              [PropertyContext("local|HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Contoso|Count"), Dynamic, Provider("RegPropProv")] Count;
              [PropertyContext("local|HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Contoso|Text"), Dynamic, Provider("RegPropProv")] Text;
              [PropertyContext("local|HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Contoso|List"), Dynamic, Provider("RegPropProv")] List;
              [PropertyContext("local|HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Contoso|Flag"), Dynamic, Provider("RegPropProv")] Flag;
            };
            #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2\\\\sms")
            [SMS_Report(TRUE), SMS_Group_Name("Contoso Counts"), SMS_Class_ID("CONTOSO|Counts|1.0")]
            class Contoso_Counts : SMS_Class_Template {
              [SMS_Report(TRUE), key] string K; [SMS_Report(TRUE)] uint32 Count; [SMS_Report(TRUE)] string Text;
              [SMS_Report(TRUE)] string List[]; [SMS_Report(TRUE)] boolean Flag; };
            """)
        let m = machine(json: #"""
            {"machineName": "PC", "registry": [{"path": "HKLM\\SOFTWARE\\Contoso", "values": {
              "Count": {"type": "REG_SZ", "data": "12"}, "Text": {"type": "REG_SZ", "data": "0042"},
              "List": {"type": "REG_MULTI_SZ", "data": ["a", "b"]}, "Flag": {"type": "REG_DWORD", "data": 2}}}]}
            """#)
        let (groups, found) = InventoryCollector(rules: compiled).collect([m])
        #expect(groups.first?.rows == [[.string("PC"), .string("k"), .null, .string("0042"),
                                        .array([.string("a"), .string("b")]), .boolean(true)]])
        #expect(found.map(\.code) == [InventoryCode.registryTypeMismatch])
        #expect(found.first?.range.start.line == 5)
        // No key at all: no row.
        let (none, _) = InventoryCollector(rules: compiled).collect([machine(json: #"{"machineName": "Q"}"#)])
        #expect(none.first?.rows.isEmpty == true)
    }

    @Test func registryConversions() {
        func r(_ d: RegistryData, _ t: String) -> InventoryValue? { CIMConversion.fromRegistry(d, cimType: t) }
        #expect(r(.dword(7), "string") == .string("7"))
        #expect(r(.string("7"), "string") == .string("7"))
        #expect(r(.expandString("%A%"), "string") == .string("%A%"))
        #expect(r(.string("7"), "uint32") == nil)
        #expect(r(.dword(300), "uint8") == nil && r(.dword(255), "uint8") == .integer(255))
        #expect(r(.dword(UInt32.max), "sint32") == nil && r(.dword(5), "sint32") == .integer(5))
        #expect(r(.qword(UInt64.max), "uint64") == .unsignedInteger(UInt64.max))
        #expect(r(.qword(1 << 40), "uint32") == nil)
        #expect(r(.multiString(["a"]), "string") == nil && r(.multiString(["a", "b"]), "string[]") == .array([.string("a"), .string("b")]))
        #expect(r(.string("x"), "string[]") == .array([.string("x")]))
        #expect(r(.binary([1, 2]), "uint8[]") == .array([.integer(1), .integer(2)]) && r(.binary([1]), "string") == nil)
        #expect(r(.dword(0), "boolean") == .boolean(false))
        #expect(r(.string("20231114101200.000000+000"), "datetime") != nil && r(.string("2023-11-14"), "datetime") == nil)
        #expect(r(.dword(3), "real64") == .real(3))
    }

    @Test func wmiConversions() {
        func w(_ v: WMIValue, _ t: String) -> InventoryValue? { CIMConversion.fromWMI(v, cimType: t) }
        #expect(w(.string("123"), "uint64") == .integer(123))
        #expect(w(.string("x"), "uint64") == nil)
        #expect(w(.integer(-1), "uint32") == nil && w(.integer(-1), "sint8") == .integer(-1) && w(.integer(-129), "sint8") == nil)
        #expect(w(.integer(1), "boolean") == .boolean(true) && w(.integer(2), "boolean") == nil)
        #expect(w(.integer(5), "string") == .string("5"))
        #expect(w(.array([.integer(1), .null]), "uint16[]") == .array([.integer(1), .null]))
        #expect(w(.array([.integer(1)]), "uint16") == nil)
        #expect(w(.real(1.5), "real32") == .real(1.5) && w(.real(1.5), "uint32") == nil)
    }

    @Test func outputs() {
        let group = InventoryGroup(groupName: "Disk, Logical", className: "Win32_LogicalDisk", classID: nil, sourceKind: "wmi-class",
                                   columns: [InventoryColumn(name: "MachineName", cimType: "string", isKey: true),
                                             InventoryColumn(name: "Label", cimType: "string", isKey: false),
                                             InventoryColumn(name: "Tags", cimType: "string[]", isKey: false)],
                                   rows: [[.string("PC"), .string("a \"b\", c"), .array([.string("x"), .string("y")])],
                                          [.string("PC"), .null, .array([])]])
        #expect(group.tableName == "v_GS_Disk__Logical")
        #expect(InventoryOutput.csv(group) == "MachineName,Label,Tags\r\nPC,\"a \"\"b\"\", c\",x;y\r\nPC,,\r\n")
        let json = InventoryOutput.json([group], machines: ["PC"])
        #expect(json.contains(#"{"MachineName": "PC", "Label": "a \"b\", c", "Tags": ["x", "y"]}"#))
        #expect(json.contains(#"{"MachineName": "PC", "Label": null, "Tags": []}"#))
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil)
    }
}
