import MachineState
import MofkitSource
import RegistryExport
import Testing

func utf16LE(_ text: String) -> [UInt8] {
    [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
}

@Suite(".reg exports and WMI instance MOF as snapshot sources")
struct SourceReaderTests {
    func registry(_ text: String, utf16: Bool = true) -> (MachineRegistry, RegFile) {
        let source = utf16 ? SourceFile(path: "m.reg", bytes: utf16LE(text)) : SourceFile(path: "m.reg", string: text)
        let reg = RegFile(source: source)
        var registry = MachineRegistry()
        registry.apply(reg)
        return (registry, reg)
    }

    @Test func version5TypesAndContinuations() {
        let (r, reg) = registry("""
            Windows Registry Editor Version 5.00\r
            \r
            [HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]\r
            @="default"\r
            "Path"=hex(2):25,00,41,00,25,00,00,00\r
            "List"=hex(7):61,00,00,00,62,00,63,00,00,00,\\\r
              00,00\r
            "Count"=dword:0000001f\r
            "Big"=hex(b):01,00,00,00,00,00,00,00\r
            "Blob"=hex:de,ad\r
            "Empty"=hex(0):\r
            "Quote"="say \\"hi\\" C:\\\\x"\r
            """)
        #expect(reg.diagnostics.isEmpty, "\(reg.diagnostics)")
        let key = r.key("HKLM\\SOFTWARE\\Contoso")
        #expect(key?.value(named: "") == .string("default"))
        #expect(key?.value(named: "Path") == .expandString("%A%"))
        #expect(key?.value(named: "List") == .multiString(["a", "bc"]))
        #expect(key?.value(named: "Count") == .dword(31))
        #expect(key?.value(named: "Big") == .qword(1))
        #expect(key?.value(named: "Blob") == .binary([0xDE, 0xAD]))
        #expect(key?.value(named: "Empty") == RegistryData.none([]))
        #expect(key?.value(named: "Quote") == .string("say \"hi\" C:\\x"))
        // Parents exist, as in a real registry.
        #expect(r.subkeyNames(of: "HKLM\\SOFTWARE") == ["Contoso"])
    }

    @Test func regedit4IsReadAsANSI() {
        let (r, reg) = registry("REGEDIT4\n\n[HKEY_CURRENT_USER\\Software\\A]\n\"P\"=hex(2):25,41,25,00\n", utf16: false)
        #expect(reg.version == 4)
        #expect(r.key("HKCU\\Software\\A")?.value(named: "P") == .expandString("%A%"))
    }

    @Test func deletionsApplyInOrder() {
        let (r, reg) = registry("""
            Windows Registry Editor Version 5.00

            [HKEY_LOCAL_MACHINE\\SOFTWARE\\Old\\Sub]
            "x"="1"

            [-HKEY_LOCAL_MACHINE\\SOFTWARE\\Old]

            [HKEY_LOCAL_MACHINE\\SOFTWARE\\Keep]
            "a"="1"
            "b"="2"
            "b"=-
            """)
        #expect(reg.deletions.count == 2)
        #expect(r.key("HKLM\\SOFTWARE\\Old") == nil && r.key("HKLM\\SOFTWARE\\Old\\Sub") == nil)
        #expect(r.key("HKLM\\SOFTWARE\\Keep")?.values.map(\.name) == ["a"])
        #expect(r.subkeyNames(of: "HKLM\\SOFTWARE") == ["Keep"])
    }

    @Test func wow6432NodeIsThe32BitView() {
        let (r, _) = registry("""
            Windows Registry Editor Version 5.00

            [HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Contoso]
            "Bits"=dword:00000020

            [HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]
            "Bits"=dword:00000040
            """)
        #expect(r.key("HKLM\\SOFTWARE\\Contoso", view: .bits32)?.value(named: "Bits") == .dword(32))
        #expect(r.key("HKLM\\SOFTWARE\\Contoso", view: .bits64)?.value(named: "Bits") == .dword(64))
        #expect(r.key("HKLM\\SOFTWARE\\Contoso", view: .native)?.value(named: "Bits") == .dword(64))
        // On 32-bit Windows there is one view.
        #expect(r.key("HKLM\\SOFTWARE\\Contoso", view: .bits32, wow64: false)?.value(named: "Bits") == .dword(64))
        #expect(r.subkeyNames(of: "HKLM\\SOFTWARE") == ["Contoso"])
        #expect(r.subkeyNames(of: "HKLM\\SOFTWARE", view: .bits32) == ["Contoso"])
        // Keys outside SOFTWARE are shared.
        #expect(MachineRegistry.physicalPath("HKLM\\SYSTEM\\X", view: .bits32, wow64: true) == "HKEY_LOCAL_MACHINE\\SYSTEM\\X")
        #expect(MachineRegistry.physicalPath("HKCR\\CLSID", view: .bits32, wow64: true) == "HKEY_CLASSES_ROOT\\Wow6432Node\\CLSID")
    }

    @Test func badRegLinesArePlaced() {
        let (r, reg) = registry("Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\n\"n\"=dword:xyz\n\"ok\"=\"1\"\n")
        #expect(reg.diagnostics.map(\.code) == [RegCode.badData])
        #expect(reg.diagnostics.first?.range.start.line == 4)
        #expect(r.key("HKLM\\SOFTWARE\\A")?.value(named: "ok") == .string("1"))
    }

    @Test func wmiInstanceMOF() throws {
        let source = SourceFile(path: "w.mof", string: """
            instance of Win32_OperatingSystem { Version = "10.0.1"; ProductType = 1; Big = 18446744073709551615;
              Neg = -5; Flag = TRUE; Ratio = 1.5; Nothing = NULL; Letters = {"a", "b"}; C = 'x'; };
            #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2\\\\sms")
            instance of SMS_Thing { Owner = $other; Name = "n"; };
            #pragma namespace("child")
            instance of Deep { };
            class NotAFact { };
            """)
        let (instances, diagnostics) = WMIInstanceMOFReader.read(source)
        #expect(instances.map(\.namespace) == ["root\\cimv2", "root\\cimv2\\sms", "root\\cimv2\\sms\\child"])
        let os = instances[0]
        #expect(os["version"] == .string("10.0.1") && os["ProductType"] == .integer(1))
        #expect(os["Big"] == .unsignedInteger(UInt64.max) && os["Neg"] == .integer(-5) && os["Flag"] == .boolean(true))
        #expect(os["Ratio"] == .real(1.5) && os["Nothing"] == .null && os["Letters"] == .array([.string("a"), .string("b")]))
        #expect(os["C"] == .string("x"))
        #expect(instances[1]["Owner"] == nil && instances[1]["Name"] == .string("n"))
        #expect(diagnostics.map(\.code) == [SnapshotCode.unsupportedWMIValue, SnapshotCode.unsupportedWMIValue])
        #expect(diagnostics.map(\.range.start.line) == [4, 7])
    }

    @Test func mofSyntaxErrorsPassThroughAndReadingGoesOn() {
        let source = SourceFile(path: "w.mof", string: "instance of A { X = \"unterminated;\n};\ninstance of B { Y = 1; };\n")
        let (instances, diagnostics) = WMIInstanceMOFReader.read(source)
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0.range.file == "w.mof" })
        #expect(diagnostics.first?.code.rawValue.hasPrefix("MOF") == true)
        #expect(instances.contains { $0.className == "B" && $0["Y"] == .integer(1) })
    }
}

@Suite("Prepared lookups")
struct SnapshotIndexTests {
    @Test func indexAgreesWithLinearLookups() throws {
        let (snapshot, diagnostics) = readJSON(#"""
            {"os": {"architecture": "x64"},
             "registry": [{"path": "HKLM\\SOFTWARE\\A", "view": "32", "values": {"v": {"type": "REG_SZ", "data": "32"}}},
                          {"path": "HKLM\\SOFTWARE\\A", "values": {"v": {"type": "REG_SZ", "data": "64"}}}],
             "files": [{"path": "C:\\Windows\\a.dll", "version": "1.0"}],
             "wmi": {"\\\\.\\root\\cimv2": {"Win32_BIOS": [{"Version": "1"}, {"Version": "2"}]}},
             "msi": {"products": [{"productCode": "90160000-0011-0000-0000-0000000FF1CE"}]},
             "installedUpdates": [{"id": "123"}],
             "cbsPackages": [{"identity": "Package_A", "state": "Installed"}]}
            """#)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let s = try #require(snapshot)
        let index = SnapshotIndex(s)
        #expect(index.file(atPath: "c:/windows/A.DLL")?.version == "1.0" && index.file(atPath: "C:\\b") == nil)
        #expect(index.wmiInstances(namespace: "ROOT\\CIMV2", className: "win32_bios").count == 2)
        #expect(index.msiProduct(code: "{90160000-0011-0000-0000-0000000ff1ce}") != nil)
        #expect(index.hasInstalledUpdate("KB123") && !index.hasInstalledUpdate("KB124"))
        #expect(index.cbsPackage(identity: "package_a")?.state == "Installed")
        let path = RegistryPath("HKLM\\Software\\a")
        #expect(s.registry.key(at: path)?.value(named: "v") == .string("64"))
        #expect(s.registry.key(at: path, view: .bits32)?.value(named: "v") == .string("32"))
        #expect(s.registry.key(at: path, view: .bits32, wow64: false)?.value(named: "v") == .string("64"))
    }
}

@Suite("Registry path normalization")
struct RegistryPathTests {
    @Test(arguments: ["HKLM\\A", "hklm\\A", "HKEY_LOCAL_MACHINE\\\\A\\", "\\HKLM\\A", "HKLM", "HKEY_LOCAL_MACHINE", "Foo\\Bar",
                      "HKEY_local_machine\\X", "HKCU\\Software\\Ä", "HKU\\S-1-5-18\\x", "", "\\\\", "HKCC\\\\"])
    func fastPathAgreesWithTheRegFileRule(path: String) {
        #expect(MachineRegistry.normalizePath(path) == RegFile.normalizeKeyPath(path))
    }

    @Test func nonASCIIKeysKeepTheirParents() {
        var registry = MachineRegistry()
        registry.setValue(physicalPath: "HKCU\\Software\\ÄÖÜ\\İx\\Sub", name: "v", data: .dword(1))
        #expect(registry.subkeyNames(of: "HKCU\\Software\\äöü\\İx") == ["Sub"])
        #expect(registry.key("hkcu\\software\\ÄÖÜ\\İX\\SUB")?.value(named: "V") == .dword(1))
    }
}
