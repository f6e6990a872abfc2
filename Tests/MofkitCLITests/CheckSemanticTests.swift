import Foundation
import Testing

/// `mofkit check` runs the semantic and inventory checks by default; `--strict`, `--schema`,
/// `--together` and `--syntax-only` change what is checked.
@Suite("mofkit check: semantic checks")
struct CheckSemanticTests {
    let directory = MofkitBinary.makeTemporaryDirectory()

    static func corpus(_ path: String) -> String { MofkitBinary.packageRoot.appendingPathComponent("Corpus/" + path).path }

    /// `(line, severity, code)` of every `FILE:LINE:COL: severity[CODE]:` line about `file`.
    static func findings(_ output: String, file: String) -> [(line: Int, severity: String, code: String)] {
        output.split(separator: "\n").compactMap { text in
            guard text.hasPrefix(file + ":") else { return nil }
            let rest = text.dropFirst(file.count + 1)
            let parts = rest.split(separator: ":", maxSplits: 3)
            guard parts.count == 4, let line = Int(parts[0]),
                let match = parts[2].wholeMatch(of: /\s*(note|warning|error)\[(MOF[0-9]{4})\]/) else { return nil }
            return (line, String(match.1), String(match.2))
        }
    }

    /// A class whose superclass no file and no bundled class defines.
    static let unknownSuperclass = """
        #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2")
        class Contoso_Disk : Contoso_BaseDevice
        {
            [key] string DeviceID;
        };

        """
    /// The superclass, as a schema file would give it.
    static let superclassSchema = """
        #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2")
        class Contoso_BaseDevice
        {
            string Caption;
        };

        """

    @Test("the seed sample: errors at lines 14 and 17, semantic MOF4026 among them")
    func seedSample() {
        let file = Self.corpus("mof/tsappmode-seed.mof")
        let result = MofkitBinary.run(["check", file])
        #expect(result.status == 1)
        let errors = Self.findings(result.standardOutput, file: file).filter { $0.severity == "error" }
        #expect(Set(errors.map(\.line)) == [14, 17], "\(result.standardOutput)")
        #expect(errors.contains { $0.code == "MOF4026" && $0.line == 14 })
        #expect(errors.contains { $0.code == "MOF4026" && $0.line == 17 })
        // --syntax-only keeps the syntax errors and drops the inventory check.
        let syntax = MofkitBinary.run(["check", "--syntax-only", file])
        #expect(syntax.status == 1)
        let syntaxCodes = Set(Self.findings(syntax.standardOutput, file: file).map(\.code))
        #expect(syntaxCodes.contains("MOF1003"))
        #expect(!syntaxCodes.contains("MOF4026"))
    }

    @Test("the SMS_def example checks clean: exit 0, no output")
    func smsDefExample() {
        let result = MofkitBinary.run(["check", Self.corpus("mof/SMS_def-example.mof")])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.isEmpty)
    }

    @Test("an unknown superclass warns by default and fails --strict; --schema resolves it")
    func unknownSuperclassAndSchema() {
        let file = MofkitBinary.write(Self.unknownSuperclass, to: "disk.mof", in: directory)
        let lenient = MofkitBinary.run(["check", file])
        #expect(lenient.status == 0, "\(lenient.standardOutput)")
        #expect(Self.findings(lenient.standardOutput, file: file).map { "\($0.line) \($0.severity) \($0.code)" } == ["2 warning MOF3001"])

        let strict = MofkitBinary.run(["check", "--strict", file])
        #expect(strict.status == 1)
        #expect(Self.findings(strict.standardOutput, file: file).contains { $0.line == 2 && $0.severity == "error" && $0.code == "MOF3001" })

        let schema = MofkitBinary.write(Self.superclassSchema, to: "schema/base.mof", in: directory)
        for given in [schema, directory.appendingPathComponent("schema").path] {
            let resolved = MofkitBinary.run(["check", "--strict", "--schema", given, file])
            #expect(resolved.status == 0, "--schema \(given): \(resolved.standardOutput)")
            #expect(resolved.standardOutput.isEmpty, "--schema \(given): \(resolved.standardOutput)")
        }
    }

    @Test("--schema with a stock SMS_def.mof: a reused class ID and group name fail at the extension, with notes at the stock file")
    func stockContextDuplicates() {
        let extensionFile = Self.corpus("sms/context/extension-reuses-stock.mof")
        let stock = Self.corpus("sms/context/stock-SMS_def.mof")
        let result = MofkitBinary.run(["check", "--schema", stock, extensionFile])
        #expect(result.status == 1, "\(result.standardOutput)")
        let errors = Self.findings(result.standardOutput, file: extensionFile).filter { $0.severity == "error" }
        #expect(errors.map { "\($0.line) \($0.code)" } == ["8 MOF4006", "15 MOF4008"])
        // The notes name the stock file's lines.
        #expect(result.standardOutput.contains(stock + ":6:"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains(stock + ":15:"), "\(result.standardOutput)")
        // Alone, the extension has nothing to collide with.
        #expect(MofkitBinary.run(["check", extensionFile]).status == 0)
        // The stock class defined again with its own ID and group is no duplicate.
        #expect(MofkitBinary.run(["check", "--schema", stock, Self.corpus("sms/context/extension-redefines-stock.mof")]).status == 0)
    }

    @Test("#pragma instanceflags: createonly on an instance given twice fails; explain describes MOF3028")
    func instanceFlags() {
        let file = MofkitBinary.write("""
            class Contoso_Setting { [key] string Name; uint32 Value; };
            instance of Contoso_Setting { Name = "a"; Value = 1; };
            #pragma instanceflags("createonly")
            instance of Contoso_Setting { Name = "a"; Value = 2; };

            """, to: "flags.mof", in: directory)
        let result = MofkitBinary.run(["check", file])
        #expect(result.status == 1)
        #expect(Self.findings(result.standardOutput, file: file).map { "\($0.line) \($0.severity) \($0.code)" } == ["4 error MOF3028"])
        let explain = MofkitBinary.run(["explain", "MOF3028"])
        #expect(explain.status == 0)
        #expect(explain.standardOutput.contains("instanceflags"))
    }

    @Test("--together: the data class in one file satisfies the reporting class in the other")
    func together() {
        let data = MofkitBinary.write("""
            #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2")
            [dynamic, provider("RegProv"), ClassContext("local|HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Contoso\\\\Apps")]
            class Contoso_App
            {
                [key] string Name;
                [PropertyContext("Version")] string Version;
            };

            """, to: "configuration.mof", in: directory)
        let reporting = MofkitBinary.write("""
            #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2\\\\sms")
            [SMS_Report(TRUE), SMS_Group_Name("Contoso App"), SMS_Class_ID("CONTOSO|APP|1.0")]
            class Contoso_App : SMS_Class_Template
            {
                [SMS_Report(TRUE), key] string Name;
                [SMS_Report(TRUE)] uint32 Version;
            };

            """, to: "sms_def.mof", in: directory)
        // Separately, the reporting file cannot see the data class: only a note that a provider must supply it.
        let separate = MofkitBinary.run(["check", data, reporting])
        #expect(separate.status == 0, "\(separate.standardOutput)")
        #expect(Self.findings(separate.standardOutput, file: reporting).map(\.code) == ["MOF4003"])
        // Together, the reported property's type is compared with the data class's: uint32 vs string.
        let joined = MofkitBinary.run(["check", "--together", data, reporting])
        #expect(joined.status == 1, "\(joined.standardOutput)")
        let found = Self.findings(joined.standardOutput, file: reporting)
        #expect(found.contains { $0.line == 6 && $0.severity == "error" && $0.code == "MOF4002" }, "\(joined.standardOutput)")
        #expect(!found.contains { $0.code == "MOF4003" })
    }

    @Test("a broken SMS corpus file reports its code; its clean twin passes", arguments: [
        "MOF4024-unknown-hive", "MOF4004-class-id-missing", "MOF4030-regprov-without-classcontext",
    ])
    func smsCorpus(name: String) {
        let broken = Self.corpus("sms/\(name).mof")
        let result = MofkitBinary.run(["check", broken])
        #expect(result.status == 1, "\(result.standardOutput)")
        let code = String(name.prefix(7))
        #expect(Self.findings(result.standardOutput, file: broken).contains { $0.code == code && $0.severity == "error" },
                "\(result.standardOutput)")
        let clean = MofkitBinary.run(["check", Self.corpus("sms/\(name).clean.mof")])
        #expect(clean.status == 0, "\(clean.standardOutput)")
        #expect(!Self.findings(clean.standardOutput, file: Self.corpus("sms/\(name).clean.mof")).contains { $0.code == code })
    }

    @Test("--syntax-only skips the semantic pass; combining it with semantic options is a usage error")
    func syntaxOnly() {
        let file = MofkitBinary.write(Self.unknownSuperclass, to: "disk.mof", in: directory)
        let result = MofkitBinary.run(["check", "--syntax-only", "--warnings-as-errors", file])
        #expect(result.status == 0, "\(result.standardOutput)")
        #expect(result.standardOutput.isEmpty)
        for option in [["--strict"], ["--together"], ["--schema", file]] {
            let misuse = MofkitBinary.run(["check", "--syntax-only"] + option + [file])
            #expect(misuse.status == 2, "\(option)")
            #expect(misuse.standardError.contains("--syntax-only"))
        }
    }

    @Test("semantic findings in JSON, and --warnings-as-errors turns the warning into a failure")
    func jsonAndWarningsAsErrors() throws {
        let file = MofkitBinary.write(Self.unknownSuperclass, to: "disk.mof", in: directory)
        let result = MofkitBinary.run(["check", "--format", "json", file])
        #expect(result.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let diagnostics = try #require(root["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["code"] as? String } == ["MOF3001"])
        #expect((diagnostics.first?["start"] as? [String: Int])?["line"] == 2)
        let failing = MofkitBinary.run(["check", "--warnings-as-errors", file])
        #expect(failing.status == 1)
        #expect(failing.standardOutput.contains("error[MOF3001]"))
    }

    @Test("--help describes the semantic options")
    func help() {
        let result = MofkitBinary.run(["check", "--help"])
        for option in ["--strict", "--schema", "--together", "--syntax-only"] {
            #expect(result.standardOutput.contains(option), "\(option)")
        }
    }
}
