import Foundation
import MofkitSource
import Testing
@testable import UpdateCatalog

struct RuleTests {
    static func rules(of path: String) -> [ApplicabilityRule] {
        let (records, _) = CatalogReader.readAll(path: path)
        var all: [ApplicabilityRule] = []
        for update in records.compactMap(\.update) {
            for root in update.allRules { root.forEach { all.append($0) } }
        }
        return all
    }

    @Test func corpusCoversEveryRuleKind() {
        var seen: Set<RuleKind> = []
        for name in ["all-rules-2005.sdp", "all-rules-msus.xml", "fragment-core.xml"] {
            for rule in Self.rules(of: CatalogPaths.corpusFile(name)) {
                #expect(rule.kind != nil, "unknown \(rule.displayName) in \(name)")
                if let kind = rule.kind { seen.insert(kind) }
            }
        }
        // Driver names known only from Microsoft Update metadata are not in the corpus files.
        let notCovered: Set<RuleKind> = [.windowsDriver, .installedVersionRange, .featureScore,
                                         .distributionComputerHardwareId, .targetComputerHardwareId]
        #expect(Set(RuleKind.allCases).subtracting(seen) == notCovered)
    }

    @Test func the2005SchemaHas29BaseRules() {
        let rules = Self.rules(of: CatalogPaths.corpusFile("all-rules-2005.sdp"))
        let base = Set(rules.filter { $0.family == .base && $0.spelling == .corporatePublishing }.compactMap(\.kind))
        #expect(base.count == 29)
        let msi = Set(rules.filter { $0.family == .msi }.compactMap(\.kind))
        #expect(msi.count == 12)  // 10 rules + 2 metadata elements
        #expect(Set(rules.filter { $0.family == .logical }.compactMap(\.kind)) == [.and, .or, .not, .true, .false])
    }

    @Test func attributesAreTyped() {
        let rules = Self.rules(of: CatalogPaths.corpusFile("all-rules-2005.sdp"))
        func rule(_ kind: RuleKind) -> ApplicabilityRule? { rules.first { $0.kind == kind } }
        let fileVersion = rule(.fileVersion)
        #expect(fileVersion?.value("Comparison") == .scalarComparison(.greaterThanOrEqualTo))
        #expect(fileVersion?.value("Version") == .version([6, 1, 7601, 22045]))
        #expect(fileVersion?.value("Csidl") == .csidl(37))
        #expect(fileVersion?.value("Path") == .text("\\conhost.exe"))
        #expect(rule(.regSz)?.value("Comparison") == .stringComparison(.contains))
        #expect(rule(.regKeyLoop)?.value("TrueIf") == .loopLogic(.any))
        #expect(rule(.regKeyLoop)?.children.first?.value("Key") == .registryKey(.loopTarget))
        #expect(rule(.regValueExists)?.value("Type") == .registryValueType(.sz))
        #expect(rule(.regDword)?.value("Data") == .integer(4_294_967_295))
        #expect(rule(.clusterResourceOwner)?.registryView == .bits32)
        #expect(rule(.regKeyExists)?.registryView == .native)
        let prepend = rule(.fileVersionPrependRegSz)
        #expect(prepend?.registryView == .bits32)  // RegType32="1"
        #expect(prepend?.attribute("RegType32")?.raw == "1")
        let msi = rule(.msiProductInstalled)
        #expect(msi?.value("Language") == .languageIDs([1033, 1041]))
        #expect(msi?.value("VersionMin") == .version([1, 6]))
        #expect(msi?.value("ExcludeVersionMax") == .boolean(true))
        #expect(rule(.windowsVersion)?.value("MajorVersion") == .integer(10))
        #expect(rule(.muiLanguageInstalled)?.value("Language") == .text("de-DE"))
        #expect(rule(.msiFeatureInstalledForProduct)?.content.map(\.name.local) == ["Feature", "Product"])
        #expect(rule(.windowsDriverMetaData)?.value("WhqlDriverID") == .integer(12345))
    }

    @Test func fragmentSpellingsMapToTheSameKinds() {
        let rules = Self.rules(of: CatalogPaths.corpusFile("fragment-core.xml"))
        let fileVersion = rules.first { $0.kind == .fileVersion }
        #expect(fileVersion?.name.local == "b.FileVersion")
        #expect(fileVersion?.spelling == .fragment)
        #expect(fileVersion?.family == .base)
        #expect(rules.first { $0.kind == .msiProductInstalled }?.name.local == "m.MsiProductInstalled")
        #expect(rules.first { $0.kind == .windowsDriverMetaData }?.name.local == "d.WindowsDriverMetaData")
        #expect(rules.first { $0.kind == .cbsPackageInstalledByIdentity }?.family == .cbs)
        #expect(rules.first { $0.kind == .not }?.spelling == .fragment)
    }

    @Test func microsoftUpdateNamespacesAreRecognised() {
        let rules = Self.rules(of: CatalogPaths.corpusFile("all-rules-msus.xml"))
        #expect(rules.allSatisfy { $0.spelling == .microsoftUpdate })
        #expect(rules.contains { $0.kind == .licenseDword && $0.value("Data") == .integer(48) })
        #expect(rules.contains { $0.kind == .platform && $0.value("PlatformID") == .integer(2) })
        #expect(rules.contains { $0.kind == .memory && $0.kind?.isUnpublished == true })
    }

    static let header = """
        <sdp:SoftwareDistributionPackage xmlns:sdp="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/SoftwareDistributionPackage.xsd" \
        xmlns:bar="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/BaseApplicabilityRules.xsd" \
        xmlns:lar="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/LogicalApplicabilityRules.xsd" \
        xmlns:v="urn:vendor"><sdp:Properties PackageID="11111111-1111-1111-1111-111111111111"/>
        """

    @Test func unknownRuleIsKeptWholeAndFlagged() {
        let xml = Self.header + """
            <sdp:IsInstalled><lar:And><bar:FileChecksum Path="a.dll" Algorithm="SHA1"><v:Hash>abc</v:Hash></bar:FileChecksum>\
            <v:Custom X="1"/></lar:And></sdp:IsInstalled></sdp:SoftwareDistributionPackage>
            """
        let (records, summary) = readCatalog(xml)
        let and = records.compactMap(\.update).first?.applicability.isInstalled
        let checksum = and?.children.first
        #expect(checksum?.kind == nil)
        #expect(checksum?.family == .base)
        #expect(checksum?.displayName == "bar:FileChecksum")
        #expect(checksum?.attributes.map(\.raw) == ["a.dll", "SHA1"])
        #expect(checksum?.content.first?.name == XMLName(namespace: "urn:vendor", local: "Hash"))
        #expect(checksum?.content.first?.text == "abc")
        let custom = and?.children.last
        #expect(custom?.kind == nil && custom?.family == nil)
        #expect(custom?.name.namespace == "urn:vendor")
        #expect(summary.diagnostics.filter { $0.code == CatalogCode.unknownRule }.count == 2)
        #expect(summary.succeeded)  // warnings only
    }

    @Test func invalidAndUnknownAttributesAreFlaggedAndKept() {
        let xml = Self.header + """
            <sdp:IsInstalled><bar:FileVersion Path="a.dll" Comparison="Greater" Version="1.0" Csidl="x" Wow="1"/></sdp:IsInstalled>
            <sdp:IsInstallable><bar:RegSz Key="HKEY_LOCAL_MACHINE" Subkey="S" Comparison="EqualTo" Data="d"/></sdp:IsInstallable>
            </sdp:SoftwareDistributionPackage>
            """
        let (records, summary) = readCatalog(xml)
        let rule = records.compactMap(\.update).first?.applicability.isInstalled
        #expect(rule?.kind == .fileVersion)
        #expect(rule?.attribute("Comparison")?.value == nil)
        #expect(rule?.attribute("Comparison")?.raw == "Greater")
        #expect(rule?.attribute("Version")?.value == nil)
        #expect(rule?.attribute("Csidl")?.value == nil)
        #expect(rule?.attribute("Wow")?.isKnown == false)
        #expect(summary.diagnostics.filter { $0.code == CatalogCode.invalidRuleAttribute }.count == 3)
        #expect(summary.diagnostics.filter { $0.code == CatalogCode.unknownRuleAttribute }.count == 1)
        // RegSz without Value: the schema requires it.
        #expect(summary.diagnostics.contains { $0.code == CatalogCode.missingRuleAttribute && $0.message.contains("Value") })
    }

    @Test(arguments: [
        ("1.2.3.4", RuleAttributeType.version, RuleValue?.some(.version([1, 2, 3, 4]))),
        ("1.2.3", .version, nil), ("1.2.3.4.5", .msiVersion, nil), ("1.2", .msiVersion, .version([1, 2])),
        ("123456.1.1.1", .version, nil), ("1..2.3", .version, nil), ("", .version, nil),
        ("true", .boolean, .boolean(true)), ("0", .boolean, .boolean(false)), ("yes", .boolean, nil),
        ("65535", .unsignedShort, .integer(65535)), ("65536", .unsignedShort, nil), ("-1", .unsignedInt, nil),
        ("-5", .int, .integer(-5)), ("{FB2B7CC0-8307-47e6-A065-11015CC96B99}", .bracedGuid, .text("{FB2B7CC0-8307-47e6-A065-11015CC96B99}")),
        ("FB2B7CC0-8307-47e6-A065-11015CC96B99", .bracedGuid, nil), ("1033, 1041", .languageIDs, .languageIDs([1033, 1041])),
        ("1033,", .languageIDs, nil), ("en-US", .language, .text("en-US")), ("en US", .language, nil),
        ("2020-01-01T00:00:00", .dateTime, .text("2020-01-01T00:00:00")), ("yesterday", .dateTime, nil),
        ("HKEY_LOCAL_MACHINE", .registryKey, .registryKey(.localMachine)), ("HKLM", .registryKey, nil),
    ] as [(String, RuleAttributeType, RuleValue?)])
    func typedValues(_ text: String, _ type: RuleAttributeType, _ expected: RuleValue?) {
        #expect(RuleSchema.typedValue(text, type) == expected)
    }
}
