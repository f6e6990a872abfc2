import MachineState
import MofkitSource
import Testing

func readJSON(_ text: String, path: String = "m.json") -> (MachineSnapshot?, [Diagnostic]) {
    let result = SnapshotJSONReader.read(SourceFile(path: path, string: text))
    return (result.snapshot, result.diagnostics)
}

/// Line and column of the first diagnostic with `code`.
func place(_ diagnostics: [Diagnostic], _ code: DiagnosticCode) -> (Int, Int)? {
    diagnostics.first { $0.code == code }.map { ($0.range.start.line, $0.range.start.column) }
}

@Suite("JSON snapshot reader and writer")
struct SnapshotJSONTests {
    @Test func readsEverySection() throws {
        let (snapshot, diagnostics) = readJSON(#"""
            {
              "formatVersion": 1,
              "machineName": "PC1",
              "os": {"version": "10.0.19045", "build": 19045, "servicePackMajor": 0, "productType": "server",
                     "architecture": "x64", "language": 1031, "suiteMask": 272},
              "registry": [
                {"path": "HKLM\\SOFTWARE\\Contoso", "values": {
                  "": {"type": "REG_SZ", "data": "default"},
                  "Path": {"type": "REG_EXPAND_SZ", "data": "%ProgramFiles%\\Contoso"},
                  "Channels": {"type": "REG_MULTI_SZ", "data": ["a", "b"]},
                  "Count": {"type": "REG_DWORD", "data": 4294967295},
                  "Big": {"type": "REG_QWORD", "data": 18446744073709551615},
                  "Blob": {"type": "REG_BINARY", "data": "00ff10"},
                  "Nothing": {"type": "REG_NONE", "data": ""}}},
                {"path": "HKLM\\SOFTWARE\\Contoso", "view": "32", "values": {"Bits": {"type": "REG_DWORD", "data": 32}}}
              ],
              "files": [{"path": "C:\\a.dll", "version": "1.2.3.4", "size": 10, "created": "2020-01-02T03:04:05Z",
                         "hashes": {"SHA256": "ABCD"}}],
              "specialFolders": {"37": "C:\\Windows\\System32"},
              "wmi": {"\\\\.\\ROOT\\cimv2": {"Win32_Service": [{"Name": "Spooler", "ProcessId": 1044, "Started": true,
                                                           "Tags": ["a", "b"], "Load": 0.5, "Path": null}]}},
              "msi": {"products": [{"productCode": "{90160000-0011-0000-0000-0000000FF1CE}", "version": "16.0", "language": 1033, "name": "Office"}],
                      "patches": [{"patchCode": "{4E0B1A52-8C0B-4F5F-A2D5-6B9A1B0F2E71}", "productCode": "{90160000-0011-0000-0000-0000000FF1CE}"}],
                      "components": [{"componentCode": "{0638C49D-BB8B-4CD1-B191-054E8F325736}", "productCode": "{90160000-0011-0000-0000-0000000FF1CE}"}]},
              "installedUpdates": [{"id": "KB5032907"}],
              "cbsPackages": [{"identity": "Package_for_KB5032907~31bf3856ad364e35~amd64~~19041.3684.1.1", "state": "Installed"}]
            }
            """#)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let s = try #require(snapshot)
        #expect(s.machineName == "PC1")
        #expect(s.os.majorVersion == 10 && s.os.minorVersion == 0 && s.os.build == 19045)
        #expect(s.os.productType == .server && s.os.architecture == .x64 && s.os.language == 1031 && s.os.suiteMask == 272)
        #expect(s.registryValue("HKEY_LOCAL_MACHINE\\Software\\contoso", name: "") == .string("default"))
        #expect(s.registryValue("HKLM\\SOFTWARE\\Contoso", name: "path") == .expandString("%ProgramFiles%\\Contoso"))
        #expect(s.registryValue("HKLM\\SOFTWARE\\Contoso", name: "Channels") == .multiString(["a", "b"]))
        #expect(s.registryValue("HKLM\\SOFTWARE\\Contoso", name: "Count") == .dword(UInt32.max))
        #expect(s.registryValue("HKLM\\SOFTWARE\\Contoso", name: "Big") == .qword(UInt64.max))
        #expect(s.registryValue("HKLM\\SOFTWARE\\Contoso", name: "Blob") == .binary([0, 255, 16]))
        #expect(s.registryValue("HKLM\\SOFTWARE\\Contoso", name: "Nothing") == RegistryData.none([]))
        // The 32-bit view lives under Wow6432Node and is not visible in the 64-bit view.
        #expect(s.registryValue("HKLM\\SOFTWARE\\Contoso", name: "Bits", view: .bits32) == .dword(32))
        #expect(s.registryValue("HKLM\\SOFTWARE\\Contoso", name: "Bits") == nil)
        #expect(s.registry.key(physicalPath: "HKLM\\SOFTWARE\\Wow6432Node\\Contoso") != nil)
        #expect(s.file(atPath: "c:/A.DLL")?.hashes == ["sha256": "abcd"])
        #expect(s.specialFolders[37] == "C:\\Windows\\System32")
        let service = try #require(s.wmiInstances(namespace: "root\\CIMV2", className: "win32_service").first)
        #expect(service.namespace == "root\\cimv2")
        #expect(service["processid"] == .integer(1044) && service["Started"] == .boolean(true))
        #expect(service["Tags"] == .array([.string("a"), .string("b")]) && service["Load"] == .real(0.5) && service["Path"] == .null)
        #expect(s.msiProduct(code: "90160000-0011-0000-0000-0000000ff1ce")?.name == "Office")
        #expect(s.msiPatches.count == 1 && s.msiComponents.count == 1)
        #expect(s.hasInstalledUpdate("5032907") && s.hasInstalledUpdate("kb5032907") && !s.hasInstalledUpdate("KB1"))
        #expect(s.cbsPackages.first?.state == "Installed")
    }

    @Test func writerRoundTripsAndIsDeterministic() throws {
        let (first, d1) = readJSON(#"""
            {"machineName": "PC1", "os": {"version": "5.1.2600", "architecture": "x86"},
             "registry": [{"path": "HKLM\\SOFTWARE\\A\\B", "values": {"x": {"type": "REG_MULTI_SZ", "data": []},
                                                                   "q": {"type": "REG_QWORD", "data": 5}}},
                          {"path": "HKCU\\Empty"}],
             "wmi": {"root\\cimv2": {"Win32_Foo": [{"R": 2.0, "U": 18446744073709551615, "S": "a\"b\\c\n"}]}}}
            """#)
        #expect(d1.isEmpty, "\(d1)")
        let text = try #require(first).jsonText()
        let (second, d2) = readJSON(text)
        #expect(d2.isEmpty, "\(d2)")
        #expect(second == first)
        #expect(try #require(second).jsonText() == text)
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\"HKEY_CURRENT_USER\\\\Empty\""))
    }

    @Test func syntaxErrorIsPlaced() {
        let (snapshot, diagnostics) = readJSON("{\n  \"machineName\": \"PC1\",\n}\n")
        #expect(snapshot == nil)
        #expect(place(diagnostics, SnapshotCode.jsonSyntax)! == (3, 1))
    }

    @Test func unterminatedAndDeepInputsDoNotCrash() {
        #expect(readJSON("{\"a\": \"x").1.first?.code == SnapshotCode.jsonSyntax)
        #expect(readJSON(String(repeating: "[", count: 100_000)).1.first?.code == SnapshotCode.jsonSyntax)
        #expect(readJSON("").1.first?.code == SnapshotCode.jsonSyntax)
        #expect(readJSON("[1]").1.first?.code == SnapshotCode.wrongType)
        #expect(readJSON("{\"machineName\": \"\\ud800\"}").0?.machineName == "\u{FFFD}")
    }

    @Test func badMembersGetDiagnosticsAndReadingGoesOn() throws {
        let text = """
            {"machineName": "PC1",
             "registy": [],
             "os": {"productType": "kiosk", "architecture": "mips", "version": "ten", "language": 70000},
             "registry": [
               {"path": "HKLM\\\\A", "values": {"n": {"type": "REG_DWORD", "data": "1"}}},
               {"path": "HKLM\\\\A", "values": {"n": {"type": "REG_DWORD", "data": 4294967296}}},
               {"path": "HKLM\\\\A", "values": {"n": {"type": "REG_WORD", "data": 1}}},
               {"path": "HKLM\\\\A", "values": {"b": {"type": "REG_BINARY", "data": "0g"}}},
               {"path": "NOTAHIVE\\\\A"},
               {"values": {}},
               {"path": "HKLM\\\\Good", "values": {"ok": {"type": "REG_SZ", "data": "yes"}}}
             ],
             "files": [{"version": "1.0"}, {"path": "C:\\\\x", "created": "yesterday"}],
             "msi": {"products": [{"productCode": "not-a-guid"}]},
             "formatVersion": 9
            }
            """
        let (snapshot, diagnostics) = readJSON(text)
        let s = try #require(snapshot)
        let codes = diagnostics.map(\.code)
        #expect(place(diagnostics, SnapshotCode.unknownMember)! == (2, 2))
        #expect(diagnostics.first { $0.code == SnapshotCode.unknownMember }?.severity == .warning)
        #expect(codes.filter { $0 == SnapshotCode.invalidValue }.count == 10)
        #expect(codes.filter { $0 == SnapshotCode.wrongType }.count == 1)
        #expect(codes.filter { $0 == SnapshotCode.missingMember }.count == 2)
        #expect(codes.contains(SnapshotCode.unsupportedVersion))
        // REG_DWORD data as a string: placed on the data.
        let wrong = try #require(diagnostics.first { $0.code == SnapshotCode.wrongType })
        #expect(wrong.range.start.line == 5)
        #expect(s.registryValue("HKLM\\Good", name: "ok") == .string("yes"))
        #expect(s.registryValue("HKLM\\A", name: "n") == nil)
        #expect(s.os.productType == nil && s.os.architecture == nil && s.os.version == nil)
        #expect(s.files.count == 1 && s.files[0].created == nil)
    }

    @Test func duplicateMemberKeepsFirst() {
        let (snapshot, diagnostics) = readJSON(#"{"machineName": "A", "machineName": "B"}"#)
        #expect(snapshot?.machineName == "A")
        #expect(diagnostics.map(\.code) == [SnapshotCode.invalidValue])
    }
}
