import Foundation
import Testing

/// `mofkit rules` and `mofkit gen from-reg`, run end to end.
@Suite("mofkit rules and gen")
struct ModelCommandTests {
    static func corpus(_ name: String) -> String { MofkitBinary.packageRoot.appendingPathComponent("Corpus/sms/" + name).path }

    @Test("rules writes deterministic JSON with every data source kind")
    func rulesJSON() throws {
        let result = MofkitBinary.run(["rules", Self.corpus("SMS_def-sample.mof")])
        #expect(result.status == 0, "\(result.standardError)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let classes = try #require(document["reportedClasses"] as? [[String: Any]])
        let kinds = classes.compactMap { ($0["source"] as? [String: Any])?["kind"] as? String }
        #expect(kinds == ["registry-values", "registry-keys", "wmi-class", "wmi-class"])
        #expect(MofkitBinary.run(["rules", Self.corpus("SMS_def-sample.mof")]).standardOutput == result.standardOutput)
    }

    @Test("rules --format text names the registry values")
    func rulesText() {
        let result = MofkitBinary.run(["rules", "--format", "text", Self.corpus("SMS_def-sample.mof")])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("PollInterval:uint32 <- HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Agent [PollInterval]"))
        #expect(result.standardOutput.contains("each subkey of HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Agent\\Plugins -> PluginName"))
    }

    @Test("rules reports errors on standard error and exits 1")
    func rulesWithErrors() {
        let result = MofkitBinary.run(["rules", Self.corpus("MOF4024-unknown-hive.mof")])
        #expect(result.status == 1)
        #expect(result.standardError.contains("error[MOF4024]"))
    }

    @Test("rules of a missing file exits 2")
    func rulesMissingFile() {
        #expect(MofkitBinary.run(["rules", "/nonexistent/x.mof"]).status == 2)
    }

    @Test("gen from-reg writes MOF that compiles to rules for the exported key")
    func genFromReg() throws {
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("contoso.mof").path
        let gen = MofkitBinary.run([
            "gen", "from-reg", Self.corpus("contoso-app.reg"), "--key", "HKLM\\SOFTWARE\\Contoso\\App",
            "--class", "Contoso_App", "--group", "Contoso App", "--class-id", "CONTOSO|App|1.0", "-o", output,
        ])
        #expect(gen.status == 0, "\(gen.standardError)")
        let rules = MofkitBinary.run(["rules", "--format", "text", output])
        #expect(rules.status == 0 && rules.standardError.isEmpty, "\(rules.standardError)")
        #expect(rules.standardOutput.contains("Version:string <- HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\App [Version]"))
        #expect(rules.standardOutput.contains("LastCheck:uint64 <- HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\App [LastCheck]"))
    }

    @Test("gen from-reg with a key not in the export exits 1 with MOF4105")
    func genMissingKey() {
        let result = MofkitBinary.run([
            "gen", "from-reg", Self.corpus("contoso-app.reg"), "--key", "HKLM\\SOFTWARE\\Nope",
            "--class", "A", "--group", "A", "--class-id", "X|A|1.0",
        ])
        #expect(result.status == 1)
        #expect(result.standardError.contains("MOF4105"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test("explain knows the semantic and inventory codes")
    func explain() {
        let result = MofkitBinary.run(["explain", "MOF4026"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("line break"))
    }
}
