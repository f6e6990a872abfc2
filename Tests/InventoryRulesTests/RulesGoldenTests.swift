import Foundation
import InventoryRules
import MOFModel
import MOFSyntax
import MofkitSource
import Testing
import MofkitTestSupport

enum Paths {
    static let packageRoot = TestPaths.packageRoot
    static let corpusSMS = packageRoot + "/Corpus/sms"
    static let shared = packageRoot + "/../shared/corpus/mof"
    static var sharedIsPresent: Bool { FileManager.default.fileExists(atPath: shared + "/MANIFEST.tsv") }
    static let golden = packageRoot + "/Tests/InventoryRulesTests/Golden"
}

/// Compares `actual` with the golden file; `MOFKIT_UPDATE_GOLDEN=1` rewrites the file instead.
func expectGolden(_ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    if let problem = Golden.problem(actual, path: Paths.golden + "/" + name) {
        Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
    }
}

/// The rules of `paths` (one compilation), with file paths made relative to `base`.
func rulesJSON(_ paths: [String], base: String) -> (json: String, rules: CollectionRules, model: MOFSemanticModel) {
    let (compilation, _) = MOFDeclarationLoader.load(paths: paths)
    let analysis = MOFSemanticAnalyzer.analyze(compilation)
    let rules = RulesCompiler.compile(analysis.model)
    let json = rules.jsonText().replacingOccurrences(of: base + "/", with: "")
    return (json, rules, analysis.model)
}

/// Every `PropertyContext` of the compilation (RegPropProv instance values and RegProv class
/// properties) and every registry rule, as (file, line) pairs.
func propertyContextPlaces(_ model: MOFSemanticModel) -> [String] {
    var places: [String] = []
    for instance in model.instances where instance.origin == .compilation {
        for value in instance.values {
            if let q = value.qualifiers.first(named: "PropertyContext") { places.append("\(q.range.file):\(q.range.start.line)") }
        }
    }
    for definition in model.compiledClasses where definition.qualifiers.string("Provider")?.lowercased() == "regprov" {
        for property in definition.localProperties where property.qualifiers.first(named: "PropertyContext") != nil {
            places.append("\(property.nameRange.file):\(property.nameRange.start.line)")
        }
    }
    return places.sorted()
}

func registryRulePlaces(_ rules: CollectionRules) -> [String] {
    let sources = rules.reportedClasses.map(\.source) + rules.unreportedDataClasses.map(\.source)
    var places: [String] = []
    for source in sources {
        for instance in source.instances ?? [] {
            places += instance.values.map { "\($0.location.file):\($0.location.line)" }
        }
        places += (source.subkeyValues ?? []).map { "\($0.location.file):\($0.location.line)" }
    }
    return places.sorted()
}

@Suite("Collection rules golden files")
struct RulesGoldenTests {
    @Test("the Corpus SMS_def-style sample")
    func corpusSample() {
        let (json, rules, model) = rulesJSON([Paths.corpusSMS + "/SMS_def-sample.mof"], base: Paths.packageRoot)
        expectGolden(json, named: "SMS_def-sample.json")
        #expect(rules.reportedClasses.map(\.source.kind) == ["registry-values", "registry-keys", "wmi-class", "wmi-class"])
        #expect(rules.unreportedDataClasses.map(\.className) == ["Contoso_Licensing"])
        let contexts = propertyContextPlaces(model)
        #expect(contexts.count == 9)
        #expect(registryRulePlaces(rules) == contexts)
    }

    @Test("the syntax layer's Corpus SMS_def-example.mof (with its include)")
    func corpusSyntaxExample() throws {
        let path = Paths.packageRoot + "/Corpus/mof/SMS_def-example.mof"
        try #require(FileManager.default.fileExists(atPath: path), "Corpus/mof/SMS_def-example.mof is in the repository but not found at \(path)")
        let (json, rules, model) = rulesJSON([path], base: Paths.packageRoot)
        expectGolden(json, named: "SMS_def-example.json")
        #expect(rules.reportedClasses.map(\.source.kind) == ["registry-values", "registry-keys"])
        #expect(registryRulePlaces(rules) == propertyContextPlaces(model))
    }

    static let vendorExtensions: [(name: String, files: [String])] = [
        ("mem-zone-bitlocker-policy.json", [
            "sms/MEM-Zone__SCCM-Zone/Reporting__Security__SEC BitLocker Compliance and Policy__HWI EXT Win32Reg_BitlockerPolicy.mof",
            "sms/MEM-Zone__SCCM-Zone/Reporting__Security__SEC BitLocker Compliance and Policy__HWI DEF Win32Reg_BitlockerPolicy.mof",
        ]),
        ("mdop-mbam.json", [
            "sms/mdop-docs/edit-the-configurationmof-file__block1.mof",
            "sms/mdop-docs/create-or-edit-the-sms-defmof-file__block1.mof",
        ]),
        ("smsagent-win11-22h2.json", [
            "sms/SMSAgentSoftware__ConfigMgr/Windows 11 22H2 Compatibility__configuration_additions.mof",
            "sms/SMSAgentSoftware__ConfigMgr/Windows 11 22H2 Compatibility__NI22H2_AppCompatCM.mof",
        ]),
    ]

    @Test("real vendor extensions from the shared corpus", .enabled(if: Paths.sharedIsPresent, "needs ../shared/corpus/mof"),
          arguments: RulesGoldenTests.vendorExtensions.map(\.name))
    func vendorExtension(name: String) throws {
        let entry = try #require(RulesGoldenTests.vendorExtensions.first { $0.name == name })
        let (json, rules, model) = rulesJSON(entry.files.map { Paths.shared + "/" + $0 }, base: Paths.shared)
        expectGolden(json, named: name)
        #expect(!rules.reportedClasses.isEmpty)
        let contexts = propertyContextPlaces(model)
        #expect(!contexts.isEmpty)
        #expect(registryRulePlaces(rules) == contexts, "every PropertyContext is one registry rule")
    }

    @Test("the JSON is deterministic")
    func deterministic() {
        let a = rulesJSON([Paths.corpusSMS + "/SMS_def-sample.mof"], base: Paths.packageRoot).json
        let b = rulesJSON([Paths.corpusSMS + "/SMS_def-sample.mof"], base: Paths.packageRoot).json
        #expect(a == b)
    }
}
