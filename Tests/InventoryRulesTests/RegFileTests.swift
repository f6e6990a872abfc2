import Foundation
import InventoryRules
import MOFModel
import MOFSyntax
import MofkitSource
import RegistryExport
import Testing

func loadReg(_ path: String) throws -> RegFile {
    RegFile(source: try #require(try? SourceFile.read(path: path)))
}

@Suite("Reading .reg exports")
struct RegFileTests {
    func parse(_ text: String, utf16: Bool = false) -> RegFile {
        if utf16 {
            var bytes: [UInt8] = [0xFF, 0xFE]
            for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            return RegFile(source: SourceFile(path: "t.reg", bytes: bytes))
        }
        return RegFile(source: SourceFile(path: "t.reg", string: text))
    }

    @Test("version 5 UTF-16LE: every value type")
    func version5() throws {
        let reg = try loadReg(Paths.corpusSMS + "/contoso-app.reg")
        #expect(reg.version == 5)
        #expect(reg.diagnostics.isEmpty)
        let key = try #require(reg.key("HKLM\\SOFTWARE\\Contoso\\App"))
        let byName = Dictionary(uniqueKeysWithValues: key.values.map { ($0.name, $0) })
        #expect(byName["Version"]?.type == .string && byName["Version"]?.data == "4.2.1")
        #expect(byName["InstallCount"]?.type == .dword && byName["InstallCount"]?.data == "42")
        #expect(byName["InstallPath"]?.type == .expandString && byName["InstallPath"]?.data == "C:\\Program Files\\Contoso")
        #expect(byName["Channels"]?.type == .multiString && byName["Channels"]?.data == "Stable\nBeta")
        #expect(byName["LastCheck"]?.type == .qword && byName["LastCheck"]?.data == "132956189594935296")
        #expect(byName["Licence Key"]?.type == .binary && byName["Licence Key"]?.data == "de,ad,be,ef")
        #expect(byName[""]?.data == "Contoso App")
        #expect(reg.subkeys(of: "HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\App\\Plugins").map(\.keyPath)
                == ["SOFTWARE\\Contoso\\App\\Plugins\\Exporter", "SOFTWARE\\Contoso\\App\\Plugins\\Importer"])
    }

    @Test("REGEDIT4: ANSI multi-strings and dwords")
    func regedit4() throws {
        let reg = try loadReg(Paths.corpusSMS + "/northwind-agent-regedit4.reg")
        #expect(reg.version == 4)
        let key = try #require(reg.key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Northwind\\Agent"))
        #expect(key.values.map(\.name) == ["Server", "Port", "Tags"])
        #expect(key.values[1].data == "8080")
        #expect(key.values[2].data == "lab\neu")
    }

    @Test("escapes in names and data")
    func escapes() throws {
        let reg = parse("Windows Registry Editor Version 5.00\n[HKEY_LOCAL_MACHINE\\X]\n\"a\\\"b\"=\"c:\\\\d\"\n")
        let value = try #require(reg.key("HKEY_LOCAL_MACHINE\\X")?.values.first)
        #expect(value.name == "a\"b")
        #expect(value.data == "c:\\d")
    }

    @Test("problems are diagnosed with their line, and reading goes on")
    func problems() {
        let reg = parse("Windows Registry Editor Version 5.00\n\"early\"=\"x\"\n[HKEY_LOCAL_MACHINE\\X]\nbad line\n\"n\"=dword:zz\n\"ok\"=\"1\"\n", utf16: true)
        #expect(reg.diagnostics.map(\.code) == [RegCode.valueOutsideKey, RegCode.malformedLine, RegCode.badData])
        #expect(reg.diagnostics.map(\.range.start.line) == [2, 4, 5])
        #expect(reg.key("HKLM\\X")?.values.map(\.name) == ["ok"])
    }

    @Test("a file that is no export")
    func noHeader() {
        let reg = parse("[HKEY_LOCAL_MACHINE\\X]\n\"a\"=\"b\"\n")
        #expect(reg.diagnostics.first?.code == RegCode.badHeader)
    }
}

@Suite("gen from-reg")
struct GeneratorTests {
    func generate(_ key: String, className: String, mode: RegExtensionRequest.Mode? = nil) throws -> (String, RegFile) {
        let reg = try loadReg(Paths.corpusSMS + "/contoso-app.reg")
        let (mof, diagnostics) = RegExtensionGenerator.generate(
            reg, request: RegExtensionRequest(keyPath: key, className: className, groupName: "Contoso \(className)",
                                              classID: "CONTOSO|\(className)|1.0", mode: mode))
        #expect(diagnostics.isEmpty)
        return (try #require(mof), reg)
    }

    /// Writes `mof` to a temporary file, checks it and compiles its rules.
    func roundTrip(_ mof: String, name: String) throws -> (diagnostics: [Diagnostic], rules: CollectionRules) {
        let path = NSTemporaryDirectory() + "mofkit-gen-\(name)-\(getpid()).mof"
        try mof.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let check = MOFChecker.check(paths: [path], options: MOFCheckOptions())
        let rules = InventoryRulesLoader.rules(paths: [path]).rules
        return (check.diagnostics, rules)
    }

    @Test("a key with values: DYNPROPS round trip names exactly the exported key and values")
    func singleKeyRoundTrip() throws {
        let (mof, reg) = try generate("HKLM\\SOFTWARE\\Contoso\\App", className: "Contoso_App")
        let (diagnostics, rules) = try roundTrip(mof, name: "single")
        #expect(diagnostics.isEmpty, "\(diagnostics.map { "\($0.code)@\($0.range.start.line): \($0.message)" })")
        let rule = try #require(rules.reportedClasses.first)
        #expect(rules.reportedClasses.count == 1)
        #expect(rule.source.kind == "registry-values")
        let values = try #require(rule.source.instances?.first?.values)
        let exported = try #require(reg.key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\App"))
        #expect(Set(values.map { $0.hive + "\\" + $0.key }) == [exported.path])
        #expect(values.map(\.valueName) == exported.values.map(\.name))
        #expect(values.map(\.cimType) == exported.values.map(\.type.cimType))
    }

    @Test("a key with subkeys: RegProv round trip enumerates the exported key")
    func subkeyRoundTrip() throws {
        let (mof, reg) = try generate("HKLM\\SOFTWARE\\Contoso\\App\\Plugins", className: "Contoso_Plugin")
        let (diagnostics, rules) = try roundTrip(mof, name: "subkeys")
        #expect(diagnostics.isEmpty, "\(diagnostics.map { "\($0.code)@\($0.range.start.line): \($0.message)" })")
        let rule = try #require(rules.reportedClasses.first)
        #expect(rule.source.kind == "registry-keys")
        #expect(rule.source.hive == "HKEY_LOCAL_MACHINE" && rule.source.key == "SOFTWARE\\Contoso\\App\\Plugins")
        let exportedNames = reg.subkeys(of: "HKLM\\SOFTWARE\\Contoso\\App\\Plugins").flatMap(\.values).map(\.name)
        var unique: [String] = []
        for name in exportedNames where !unique.contains(name) { unique.append(name) }
        #expect(rule.source.subkeyValues?.map(\.valueName) == unique)
    }

    @Test("value names that are not identifiers become valid, unique property names")
    func propertyNames() throws {
        let (mof, _) = try generate("HKLM\\SOFTWARE\\Contoso\\App", className: "Contoso_App")
        #expect(mof.contains("uint8 Licence_Key[];"))
        #expect(mof.contains("|Licence Key\"), Dynamic"))
        #expect(mof.contains("string DefaultValue;"))
    }

    @Test("a missing key and a bad class name are errors, no MOF")
    func failures() throws {
        let reg = try loadReg(Paths.corpusSMS + "/contoso-app.reg")
        let missing = RegExtensionGenerator.generate(reg, request: RegExtensionRequest(keyPath: "HKLM\\SOFTWARE\\Nope", className: "A", groupName: "A", classID: "X|A|1.0"))
        #expect(missing.mof == nil && missing.diagnostics.map(\.code) == [RegCode.keyNotFound])
        let badName = RegExtensionGenerator.generate(reg, request: RegExtensionRequest(keyPath: "HKLM\\SOFTWARE\\Contoso\\App", className: "Contoso App", groupName: "A", classID: "X|A|1.0"))
        #expect(badName.mof == nil && badName.diagnostics.map(\.code) == [RegCode.badClassName])
    }
}

// The example of Sources/RegistryExport/RegistryExport.docc, verbatim (DocumentationCatalogTests checks
// that it stays so); the test below runs it.

/// The values of one exported key, as `name = data (type)` lines; nil when the export has errors.
func exportedValues(of keyPath: String, in path: String) -> [String]? {
    guard let source = try? SourceFile.read(path: path) else { return nil }
    let reg = RegFile(source: source)
    guard !reg.diagnostics.contains(where: { $0.severity == .error }) else { return nil }
    return reg.key(keyPath)?.values.map { "\($0.name) = \($0.data) (\($0.type.rawValue))" }
}

@Suite struct RegistryExportDocumentationExamples {
    @Test func listsTheValuesOfAnExportedKey() throws {
        let lines = try #require(exportedValues(of: "HKLM\\SOFTWARE\\Northwind\\Agent", in: Paths.corpusSMS + "/northwind-agent-regedit4.reg"))
        #expect(lines.count == 3)
        #expect(lines[1] == "Port = 8080 (REG_DWORD)")
        #expect(exportedValues(of: "HKLM\\SOFTWARE\\Northwind\\Agent", in: Paths.corpusSMS + "/no-such.reg") == nil)
    }
}
