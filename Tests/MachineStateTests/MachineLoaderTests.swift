import Foundation
import MachineState
import MofkitSource
import Testing
import MofkitTestSupport

/// The package root, from this file's place (Tests/MachineStateTests/…).
let packageRoot = TestPaths.packageRoot
let machinesDirectory = packageRoot + "/Corpus/machines"

@Suite("Merging sources and deriving OS facts")
struct MachineLoaderTests {
    func load(_ files: [(String, String)], name: String = "fallback") -> LoadedMachine {
        MachineLoader.load(sources: files.map { SourceFile(path: $0.0, string: $0.1) }, defaultName: name, specification: "spec")
    }

    let osMOF = """
        instance of Win32_OperatingSystem { CSName = "SRV"; Version = "5.2.3790"; BuildNumber = "3790";
          ServicePackMajorVersion = 2; ServicePackMinorVersion = 0; ProductType = 3; OSLanguage = 1033; SuiteMask = 16; };
        instance of Win32_Processor { Architecture = 9; AddressWidth = 32; };
        """

    @Test func osFactsFromWMI() {
        let machine = load([("w.mof", osMOF)])
        let os = machine.snapshot.os
        #expect(os.version == "5.2.3790" && os.build == 3790 && os.servicePackMajor == 2 && os.servicePackMinor == 0)
        #expect(os.productType == .server && os.language == 1033 && os.suiteMask == 16)
        // A 32-bit OS on an x64 processor.
        #expect(os.architecture == .x86)
        #expect(machine.snapshot.machineName == "SRV")
        #expect(machine.diagnostics.isEmpty, "\(machine.diagnostics)")
    }

    @Test func osSectionWinsOverWMIAndGapsAreFilled() {
        let machine = load([("a.json", #"{"machineName": "SRV", "os": {"version": "6.0.6002", "productType": "workstation"}}"#), ("w.mof", osMOF)])
        #expect(machine.snapshot.os.version == "6.0.6002" && machine.snapshot.os.productType == .workstation)
        #expect(machine.snapshot.os.language == 1033 && machine.snapshot.os.architecture == .x86)
    }

    @Test func badDerivationValuesAreReported() {
        let machine = load([("w.mof", "instance of Win32_OperatingSystem { Version = \"ten\"; ProductType = 7; OSLanguage = \"x\"; };\ninstance of Win32_Processor { Architecture = 3; };")])
        #expect(machine.diagnostics.map(\.code).filter { $0 == SnapshotCode.osFactInvalid }.count == 4)
        #expect(machine.snapshot.os.version == nil && machine.snapshot.os.productType == nil && machine.snapshot.os.architecture == nil)
        #expect(machine.diagnostics.allSatisfy { $0.notes.contains { $0.message.contains("fallback") } })
    }

    @Test func noOSFactsIsAWarning() {
        let machine = load([("r.reg", "Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment]\n\"PROCESSOR_ARCHITECTURE\"=\"AMD64\"\n")])
        #expect(machine.diagnostics.map(\.code) == [SnapshotCode.osFactsUnknown])
        #expect(machine.snapshot.os.architecture == .x64)
        #expect(machine.snapshot.machineName == "fallback")
    }

    @Test func laterSourcesWinAndRegDeletionsApply() {
        let machine = load([
            ("a.json", #"""
             {"machineName": "PC", "registry": [{"path": "HKLM\\SOFTWARE\\A", "values": {"v": {"type": "REG_SZ", "data": "json"},
                                                                                      "gone": {"type": "REG_SZ", "data": "x"}}},
                                                {"path": "HKLM\\SOFTWARE\\B", "values": {"w": {"type": "REG_SZ", "data": "x"}}}],
              "installedUpdates": [{"id": "KB1"}], "files": [{"path": "C:\\f", "version": "1.0"}]}
             """#),
            ("b.reg", "Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\n\"v\"=\"reg\"\n\"gone\"=-\n\n[-HKEY_LOCAL_MACHINE\\SOFTWARE\\B]\n"),
            ("c.json", #"{"installedUpdates": [{"id": "kb1"}, {"id": "KB2"}], "files": [{"path": "c:\\F", "version": "2.0"}]}"#),
        ])
        let s = machine.snapshot
        #expect(s.registryValue("HKLM\\SOFTWARE\\A", name: "v") == .string("reg"))
        #expect(s.registryValue("HKLM\\SOFTWARE\\A", name: "gone") == nil)
        #expect(s.registryKey("HKLM\\SOFTWARE\\B") == nil)
        #expect(s.installedUpdates.map(\.id) == ["KB1", "KB2"])
        #expect(s.files.count == 1 && s.files[0].version == "2.0")
    }

    @Test func conflictingNamesWarn() {
        let machine = load([("a.json", #"{"machineName": "PC1"}"#), ("w.mof", "instance of Win32_ComputerSystem { Name = \"PC2\"; };")])
        #expect(machine.snapshot.machineName == "PC1")
        #expect(machine.diagnostics.contains { $0.code == SnapshotCode.conflictingMachineName && $0.range.file == "w.mof" })
    }

    @Test func quickFixEngineeringAndWin32ProductBecomeLists() {
        let machine = load([("w.mof", """
            instance of Win32_QuickFixEngineering { HotFixID = "KB925902"; Description = "Hotfix"; };
            instance of Win32_Product { IdentifyingNumber = "{90110409-6000-11D3-8CFE-0150048383C9}"; Name = "Office 2003"; Version = "11.0"; Language = "1033"; };
            """)])
        #expect(machine.snapshot.hasInstalledUpdate("KB925902"))
        #expect(machine.snapshot.msiProducts.first?.language == 1033)
    }

    @Test func unknownExtensionAndMissingFileAreReported() {
        let machine = MachineLoader.load(specification: "/nonexistent/a.json,notes.txt")
        #expect(machine.unreadable.count == 1)
        #expect(machine.diagnostics.contains { $0.code == SnapshotCode.unknownSourceKind })
        #expect(machine.hasErrors)
    }

    @Test func corpusRegAndMOFMachineDerivesEverything() throws {
        try #require(FileManager.default.fileExists(atPath: machinesDirectory + "/srv2003-tsappmode"),
                     "Corpus/machines/srv2003-tsappmode is in the repository but not found")
        let machine = MachineLoader.load(specification: machinesDirectory + "/srv2003-tsappmode")
        #expect(machine.diagnostics.isEmpty, "\(machine.diagnostics)")
        let s = machine.snapshot
        #expect(s.machineName == "TSSRV01")
        #expect(s.os.version == "5.2.3790" && s.os.build == 3790 && s.os.servicePackMajor == 2)
        #expect(s.os.productType == .server && s.os.architecture == .x86 && s.os.language == 1033 && s.os.suiteMask == 16)
        #expect(s.registryValue("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server", name: "TSAppCompat") == .dword(1))
        #expect(s.registryValue("HKLM\\SYSTEM\\CurrentControlSet\\Control\\ProductOptions", name: "ProductSuite") == .multiString(["Terminal Server"]))
        #expect(s.registryValue("HKLM\\SOFTWARE\\Contoso\\App", name: "InstallCount") == .dword(12))
        #expect(s.installedUpdates.map(\.id) == ["KB925902", "KB938127"])
    }

    @Test func everyCorpusMachineLoadsCleanlyAndRoundTrips() throws {
        let specs = try MachineLoader.fleetSpecifications(directory: machinesDirectory)
        #expect(specs.count >= 5)
        for spec in specs {
            let machine = MachineLoader.load(specification: spec)
            #expect(machine.diagnostics.isEmpty, "\(spec): \(machine.diagnostics)")
            #expect(machine.snapshot.os.version != nil && machine.snapshot.os.architecture != nil && machine.snapshot.os.productType != nil, "\(spec)")
            let text = machine.snapshot.jsonText()
            let again = SnapshotJSONReader.read(SourceFile(path: "again.json", string: text))
            #expect(again.diagnostics.isEmpty)
            #expect(again.snapshot?.jsonText() == text, "\(spec)")
        }
        let win11 = MachineLoader.load(specification: machinesDirectory + "/win11-ws")
        // policies.reg merged with snapshot.json; its Wow6432Node key is the 32-bit view.
        #expect(win11.snapshot.registryValue("HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU", name: "UseWUServer") == .dword(1))
        #expect(win11.snapshot.registrySubkeys(of: "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall", view: .bits32) == ["{5FCE6D76-F5DC-37AB-B2B8-22AB8CEDB1D4}"])
    }
}
