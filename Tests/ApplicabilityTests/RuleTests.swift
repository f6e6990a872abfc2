import Applicability
import MachineState
import Testing

/// Every rule type: true, false and missing-data outcomes (see Docs/evaluation.md for the semantics).
@Suite struct RuleTests {
    let pc = Fixture.win10()
    var bare: MachineSnapshot { MachineSnapshot(machineName: "EMPTY") }

    func t(_ rule: String, _ snapshot: MachineSnapshot? = nil) -> Truth { Fixture.truth(rule, on: snapshot ?? pc) }

    @Test func logicalConstants() {
        #expect(t("<lar:True/>") == .true)
        #expect(t("<lar:False/>") == .false)
        #expect(t("<lar:Not><lar:False/></lar:Not>") == .true)
    }

    @Test func windowsVersion() {
        #expect(t(#"<bar:WindowsVersion Comparison="GreaterThanOrEqualTo" MajorVersion="10" MinorVersion="0" BuildNumber="19041"/>"#) == .true)
        #expect(t(#"<bar:WindowsVersion Comparison="GreaterThanOrEqualTo" MajorVersion="10" MinorVersion="0" BuildNumber="22000"/>"#) == .false)
        // Omitted Comparison is EqualTo; hierarchical: 10.0 > 6.3 even though 0 < 3.
        #expect(t(#"<bar:WindowsVersion MajorVersion="10"/>"#) == .true)
        #expect(t(#"<bar:WindowsVersion Comparison="GreaterThan" MajorVersion="6" MinorVersion="3"/>"#) == .true)
        #expect(t(#"<bar:WindowsVersion ProductType="3"/>"#) == .false)
        #expect(t(#"<bar:WindowsVersion SuiteMask="272" AllSuitesMustBePresent="false"/>"#) == .true)
        #expect(t(#"<bar:WindowsVersion SuiteMask="272" AllSuitesMustBePresent="true"/>"#) == .false)
        #expect(t(#"<bar:WindowsVersion MajorVersion="10"/>"#, bare) == .unknown)
        #expect(Fixture.reason(#"<bar:WindowsVersion MajorVersion="10"/>"#, on: bare).contains("MajorVersion"))
    }

    @Test func languageAndMUI() {
        #expect(t(#"<bar:WindowsLanguage Language="en"/>"#) == .true)
        #expect(t(#"<bar:WindowsLanguage Language="de"/>"#) == .false)
        #expect(t(#"<bar:WindowsLanguage Language="en"/>"#, bare) == .unknown)
        var mui = pc
        for tag in ["en-US", "de-DE"] { mui.registry.addKey(physicalPath: "HKLM\\SYSTEM\\CurrentControlSet\\Control\\MUI\\UILanguages\\" + tag) }
        #expect(t("<bar:MuiInstalled/>", mui) == .true)
        #expect(t("<bar:MuiInstalled/>") == .false)
        #expect(t("<bar:MuiInstalled/>", bare) == .unknown)
        #expect(t(#"<bar:MuiLanguageInstalled Language="de-DE"/>"#, mui) == .true)
        #expect(t(#"<bar:MuiLanguageInstalled Language="fr-FR"/>"#, mui) == .false)
        // MUI installed makes WindowsLanguage false.
        #expect(t(#"<bar:WindowsLanguage Language="en"/>"#, mui) == .false)
    }

    @Test func processorAndCounts() {
        #expect(t(#"<bar:Processor Architecture="9"/>"#) == .true)
        #expect(t(#"<bar:Processor Architecture="0"/>"#) == .false)
        #expect(t(#"<bar:Processor Architecture="9" Level="6"/>"#) == .true)
        #expect(t(#"<bar:Processor Architecture="9"/>"#, bare) == .unknown)
        #expect(t(#"<bar:NumberOfProcessors Comparison="GreaterThan" Number="1"/>"#) == .true)
        #expect(t(#"<bar:NumberOfProcessors Comparison="GreaterThan" Number="4"/>"#) == .false)
        #expect(t(#"<bar:NumberOfProcessors Comparison="GreaterThan" Number="1"/>"#, bare) == .unknown)
    }

    @Test func factsNoSnapshotHolds() {
        #expect(t(#"<bar:SystemMetric Comparison="EqualTo" Index="86" Value="0"/>"#) == .unknown)
        #expect(t(#"<bar:GenericQuery Namespace="urn:x" Type="T" Parameter="p"/>"#) == .unknown)
        #expect(t(#"<bar:ClusterResourceOwner Key="HKEY_LOCAL_MACHINE" Subkey="Cluster" Value="Name"/>"#) == .unknown)
        #expect(t("<bar:ClusteredOS/>") == .false)
        #expect(t("<bar:ClusteredOS/>", bare) == .unknown)
        // InstalledOnce: true when the update's KB is installed, else unknown (no history).
        let installedOnce = Fixture.catalog([Fixture.package(id: "u1", installable: "<bar:InstalledOnce/>", extra: "<sdp:UpdateSpecificData><sdp:KBArticleID>5000001</sdp:KBArticleID></sdp:UpdateSpecificData>")])
        #expect(CatalogEvaluator(installedOnce).evaluate(pc).results[0].status == .missing)
        #expect(t("<bar:InstalledOnce/>") == .unknown)
    }

    @Test func fileVersionWithCsidl() {
        let rule = #"<bar:FileVersion Csidl="37" Path="drivers\iaStorA.sys" Comparison="GreaterThanOrEqualTo" Version="12.0.7.1002"/>"#
        #expect(t(rule) == .true)
        #expect(t(#"<bar:FileVersion Csidl="37" Path="\\drivers\iaStorA.sys" Comparison="GreaterThan" Version="12.0.7.1002"/>"#) == .false)
        // Missing file: false; no file data at all or no CSIDL folder: unknown.
        #expect(t(#"<bar:FileVersion Csidl="37" Path="drivers\none.sys" Comparison="GreaterThanOrEqualTo" Version="1.0.0.0"/>"#) == .false)
        var noFiles = pc
        noFiles.files = []
        #expect(t(rule, noFiles) == .unknown)
        var noFolders = pc
        noFolders.os.windowsDirectory = nil
        noFolders.os.systemDirectory = nil
        #expect(t(rule, noFolders) == .unknown)
        #expect(Fixture.reason(rule, on: noFolders).contains("CSIDL 37"))
    }

    @Test func fileExistsCreatedModifiedSize() {
        #expect(t(#"<bar:FileExists Path="C:\Windows\system32\drivers\iaStorA.sys"/>"#) == .true)
        #expect(t(#"<bar:FileExists Path="C:\Windows\system32\drivers\iaStorA.sys" Size="999"/>"#) == .false)
        #expect(t(#"<bar:FileExists Path="C:\nothing.txt"/>"#) == .false)
        #expect(t(#"<bar:FileExists Path="C:\nothing.txt"/>"#, bare) == .unknown)
        #expect(t(#"<bar:FileCreated Csidl="37" Path="drivers\iaStorA.sys" Comparison="LessThan" Created="2020-06-01T00:00:00"/>"#) == .true)
        #expect(t(#"<bar:FileModified Csidl="37" Path="drivers\iaStorA.sys" Comparison="GreaterThan" Modified="2022-01-01T00:00:00"/>"#) == .false)
        #expect(t(#"<bar:FileSize Csidl="37" Path="drivers\iaStorA.sys" Comparison="EqualTo" Size="1000"/>"#) == .true)
        #expect(t(#"<bar:FileSize Path="C:\Program Files\Vendor\app.exe" Comparison="LessThan" Size="10"/>"#) == .false)
        // The snapshot has the file but not its dates: unknown.
        #expect(t(#"<bar:FileCreated Path="C:\Program Files\Vendor\app.exe" Comparison="LessThan" Created="2020-06-01T00:00:00"/>"#) == .unknown)
    }

    @Test func filePrependRegSz() {
        let base = #"Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\Vendor" Value="InstallDir""#
        #expect(t("<bar:FileVersionPrependRegSz \(base) Path=\"app.exe\" Comparison=\"LessThan\" Version=\"2.0.0.0\"/>") == .true)
        #expect(t("<bar:FileExistsPrependRegSz \(base) Path=\"other.exe\"/>") == .false)
        // Prefix value missing: false (the file cannot be located).
        #expect(t(#"<bar:FileSizePrependRegSz Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\Vendor" Value="Nope" Path="app.exe" Comparison="EqualTo" Size="1"/>"#) == .false)
        #expect(t("<bar:FileExistsPrependRegSz \(base) Path=\"app.exe\"/>", bare) == .unknown)
        #expect(t("<bar:FileModifiedPrependRegSz \(base) Path=\"app.exe\" Comparison=\"EqualTo\" Modified=\"2021-03-04T05:06:07\"/>") == .unknown)
        #expect(t("<bar:FileCreatedPrependRegSz \(base) Path=\"gone.exe\" Comparison=\"EqualTo\" Created=\"2021-03-04T05:06:07\"/>") == .false)
    }

    @Test func registryKeyAndValueExists() {
        #expect(t(#"<bar:RegKeyExists Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\Vendor"/>"#) == .true)
        #expect(t(#"<bar:RegKeyExists Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\Other"/>"#) == .false)
        #expect(t(#"<bar:RegKeyExists Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\Vendor"/>"#, bare) == .unknown)
        #expect(t(#"<bar:RegValueExists Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\Vendor" Value="Flags" Type="REG_DWORD"/>"#) == .true)
        #expect(t(#"<bar:RegValueExists Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\Vendor" Value="Flags" Type="REG_SZ"/>"#) == .false)
        // No Value = the default value, which this key does not have.
        #expect(t(#"<bar:RegValueExists Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\Vendor"/>"#) == .false)
    }

    @Test func registryDword() {
        let key = #"Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\Vendor""#
        #expect(t("<bar:RegDword \(key) Value=\"Flags\" Comparison=\"EqualTo\" Data=\"7\"/>") == .true)
        #expect(t("<bar:RegDword \(key) Value=\"Flags\" Comparison=\"LessThan\" Data=\"7\"/>") == .false)
        #expect(t("<bar:RegDword \(key) Value=\"Flags\" Comparison=\"LessThanOrEqualTo\" Data=\"7\"/>") == .true)
        #expect(t("<bar:RegDword \(key) Value=\"Flags\" Comparison=\"GreaterThan\" Data=\"6\"/>") == .true)
        #expect(t("<bar:RegDword \(key) Value=\"Flags\" Comparison=\"GreaterThanOrEqualTo\" Data=\"8\"/>") == .false)
        // Missing value and wrong type: false.
        #expect(t("<bar:RegDword \(key) Value=\"None\" Comparison=\"EqualTo\" Data=\"0\"/>") == .false)
        #expect(t("<bar:RegDword \(key) Value=\"Edition\" Comparison=\"EqualTo\" Data=\"0\"/>") == .false)
        #expect(t("<bar:RegDword \(key) Value=\"Flags\" Comparison=\"EqualTo\" Data=\"7\"/>", bare) == .unknown)
    }

    @Test func registryStrings() {
        let key = #"Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\Vendor""#
        #expect(t("<bar:RegSz \(key) Value=\"Edition\" Comparison=\"EqualTo\" Data=\"professional\"/>") == .true)
        #expect(Fixture.truth("<bar:RegSz \(key) Value=\"Edition\" Comparison=\"EqualTo\" Data=\"professional\"/>", on: pc,
                              options: EvaluationOptions(caseSensitiveStrings: true)) == .false)
        #expect(t("<bar:RegSz \(key) Value=\"Edition\" Comparison=\"BeginsWith\" Data=\"Pro\"/>") == .true)
        #expect(t("<bar:RegSz \(key) Value=\"Edition\" Comparison=\"EndsWith\" Data=\"nal\"/>") == .true)
        #expect(t("<bar:RegSz \(key) Value=\"Edition\" Comparison=\"Contains\" Data=\"Home\"/>") == .false)
        #expect(t("<bar:RegSz \(key) Value=\"Missing\" Comparison=\"Contains\" Data=\"x\"/>") == .false)
        #expect(t("<bar:RegSz \(key) Value=\"Edition\" Comparison=\"Contains\" Data=\"x\"/>", bare) == .unknown)
        // RegExpandSz compares the unexpanded REG_EXPAND_SZ text; a REG_SZ is the wrong type.
        #expect(t("<bar:RegExpandSz \(key) Value=\"Path\" Comparison=\"BeginsWith\" Data=\"%ProgramFiles%\"/>") == .true)
        #expect(t("<bar:RegExpandSz \(key) Value=\"Edition\" Comparison=\"BeginsWith\" Data=\"Pro\"/>") == .false)
    }

    @Test func registry32BitView() {
        let rule = #"<bar:RegSz Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\Vendor" Value="Edition" Comparison="EqualTo" Data="Home" RegType32="true"/>"#
        #expect(t(rule) == .true)
        #expect(t(#"<bar:RegSz Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\Vendor" Value="Edition" Comparison="EqualTo" Data="Home"/>"#) == .false)
    }

    @Test func regSzToVersion() {
        let key = #"Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\Vendor""#
        #expect(t("<bar:RegSzToVersion \(key) Value=\"Version\" Comparison=\"LessThan\" Data=\"4.10.0.0\"/>") == .true)
        #expect(t("<bar:RegSzToVersion \(key) Value=\"Version\" Comparison=\"EqualTo\" Data=\"4.2.1.0\"/>") == .true)
        #expect(t("<bar:RegSzToVersion \(key) Value=\"Edition\" Comparison=\"LessThan\" Data=\"1.0.0.0\"/>") == .false)
        let missing = "<bar:RegSzToVersion \(key) Value=\"Nope\" Comparison=\"LessThan\" Data=\"1.0.0.0\"/>"
        #expect(t(missing) == .false)
        #expect(Fixture.truth(missing, on: pc, options: EvaluationOptions(missingVersionIsZero: true)) == .true)
    }

    @Test func regKeyLoop() {
        let any = #"<bar:RegKeyLoop Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall" TrueIf="Any"><bar:RegSz Key="HKEY_LOOP_TARGET" Subkey="\" Value="DisplayName" Comparison="EndsWith" Data="Tool"/></bar:RegKeyLoop>"#
        #expect(t(any) == .true)
        #expect(t(any.replacing("TrueIf=\"Any\"", with: "TrueIf=\"All\"")) == .false)
        #expect(t(any.replacing("TrueIf=\"Any\"", with: "TrueIf=\"None\"")) == .false)
        #expect(t(any.replacing("Data=\"Tool\"", with: "Data=\"Zzz\"").replacing("TrueIf=\"Any\"", with: "TrueIf=\"None\"")) == .true)
        #expect(t(any, bare) == .unknown)
    }

    @Test func wmiQuery() {
        func q(_ wql: String) -> String { "<bar:WmiQuery Namespace=\"Root\\cimv2\" WqlQuery=\"\(wql)\"/>" }
        #expect(t(q("select * from Win32_ComputerSystem where (Manufacturer='Hewlett-Packard' and not (Model like '%Proliant%')) or (Manufacturer='HP')")) == .true)
        #expect(t(q("select * from Win32_ComputerSystem where Manufacturer='Dell Inc.'")) == .false)
        #expect(t(q("select * from Win32_BaseBoard where Product LIKE '%1905%' or Product LIKE '%1906%'")) == .true)
        #expect(t(q(#"select * from Win32_PnpEntity where DeviceID LIKE '%PCI\\VEN_8086&amp;DEV_3B29%'"#)) == .true)
        #expect(t(q("select * from Win32_BIOS where ReleaseDate&gt;='20151014' ")) == .true)
        #expect(t(q("select * from Win32_BIOS where ReleaseDate&gt;='20160101' ")) == .false)
        // No instances of the class: unknown, naming it; unknown property: unknown.
        #expect(t(q("select * from Win32_BaseBoard where Product = 'x'"), bare) == .unknown)
        #expect(Fixture.reason(q("select * from Win32_BaseBoard where Product = 'x'"), on: bare).contains("Win32_BaseBoard"))
        #expect(t(q("select * from Win32_BaseBoard where SerialNumber = 'x'")) == .unknown)
        // Unsupported WQL: unknown with the construct named.
        #expect(t(q("ASSOCIATORS OF {Win32_ComputerSystem.Name='x'}")) == .unknown)
        #expect(t(q("select * from Win32_BaseBoard where Version IS NULL")) == .true)
    }

    @Test func platformRules() {
        #expect(t(#"<bar:Platform PlatformID="2"/>"#) == .true)
        #expect(t(#"<bar:Platform PlatformID="1"/>"#) == .false)
        #expect(t(#"<bar:Platform PlatformID="2"/>"#, bare) == .unknown)
    }

    @Test func msiRules() {
        let code = "{FB2B7CC0-8307-47e6-A065-11015CC96B99}"
        #expect(t("<msiar:MsiProductInstalled ProductCode=\"\(code)\"/>") == .true)
        #expect(t("<msiar:MsiProductInstalled ProductCode=\"\(code)\" VersionMin=\"1.6\" VersionMax=\"2.0\" ExcludeVersionMax=\"true\" Language=\"1033,1041\"/>") == .true)
        #expect(t("<msiar:MsiProductInstalled ProductCode=\"\(code)\" VersionMax=\"1.8\" ExcludeVersionMax=\"true\"/>") == .false)
        #expect(t("<msiar:MsiProductInstalled ProductCode=\"\(code)\" VersionMax=\"1.8\"/>") == .true)
        #expect(t("<msiar:MsiProductInstalled ProductCode=\"\(code)\" Language=\"1031\"/>") == .false)
        #expect(t("<msiar:MsiProductInstalled ProductCode=\"{00000000-0000-0000-0000-000000000000}\"/>") == .false)
        #expect(t("<msiar:MsiProductInstalled ProductCode=\"\(code)\"/>", bare) == .unknown)
        #expect(t("<msiar:MsiPatchInstalledForProduct PatchCode=\"{22222222-2222-3333-4444-555555555555}\" ProductCode=\"\(code)\"/>") == .true)
        #expect(t("<msiar:MsiPatchInstalledForProduct PatchCode=\"{99999999-2222-3333-4444-555555555555}\" ProductCode=\"\(code)\"/>") == .false)
        let component = "<msiar:MsiComponentInstalledForProduct><msiar:Component>{11111111-2222-3333-4444-555555555555}</msiar:Component><msiar:Product>\(code)</msiar:Product></msiar:MsiComponentInstalledForProduct>"
        #expect(t(component) == .true)
        #expect(t(component.replacing("11111111", with: "11111112")) == .false)
        #expect(t(component, bare) == .unknown)
        #expect(t("<msiar:MsiFeatureInstalledForProduct><msiar:Feature>Main</msiar:Feature><msiar:Product>\(code)</msiar:Product></msiar:MsiFeatureInstalledForProduct>") == .unknown)
    }

    @Test func msiMetadataRules() {
        let metadata = """
            <sdp:Metadata><msiar:MsiPatchMetadata><mspblob:MsiPatch PatchGUID="{22222222-2222-3333-4444-555555555555}">\
            <mspblob:TargetProduct><mspblob:TargetProductCode>{FB2B7CC0-8307-47E6-A065-11015CC96B99}</mspblob:TargetProductCode></mspblob:TargetProduct>\
            </mspblob:MsiPatch></msiar:MsiPatchMetadata></sdp:Metadata>
            """
        func item(_ installed: String, _ installable: String) -> String {
            "<sdp:InstallableItem ID=\"i1\"><sdp:ApplicabilityRules><sdp:IsInstalled>\(installed)</sdp:IsInstalled><sdp:IsInstallable>\(installable)</sdp:IsInstallable>\(metadata)</sdp:ApplicabilityRules></sdp:InstallableItem>"
        }
        let compiled = Fixture.catalog([Fixture.package(id: "u1", items: item("<msiar:MsiPatchInstalled/>", "<msiar:MsiPatchInstallable/>"))])
        #expect(CatalogEvaluator(compiled).evaluate(pc).results[0].status == .installed)
        var unpatched = pc
        unpatched.msiPatches = []
        #expect(CatalogEvaluator(compiled).evaluate(unpatched).results[0].status == .missing)
        unpatched.msiProducts = [MSIProduct(productCode: "{00000000-0000-0000-0000-000000000001}")]
        #expect(CatalogEvaluator(compiled).evaluate(unpatched).results[0].status == .notApplicable)
        #expect(CatalogEvaluator(compiled).evaluate(bare).results[0].status == .unknown)
    }

    @Test func cbsAndDrivers() {
        #expect(t(#"<cbsar:CbsPackageInstalledByIdentity xmlns:cbsar="http://schemas.microsoft.com/msus/2002/12/CbsApplicabilityRules" PackageIdentity="Package_for_KB5000001~31bf3856ad364e35~amd64~~10.0.1.0"/>"#) == .true)
        #expect(t(#"<cbsar:CbsPackageInstalledByIdentity xmlns:cbsar="http://schemas.microsoft.com/msus/2002/12/CbsApplicabilityRules" PackageIdentity="Package_for_KB1"/>"#) == .false)
        #expect(t(#"<cbsar:CbsPackageInstalledByIdentity xmlns:cbsar="http://schemas.microsoft.com/msus/2002/12/CbsApplicabilityRules" PackageIdentity="P"/>"#, bare) == .unknown)
        let metadata = #"<sdp:Metadata><drv:WindowsDriverMetaData HardwareID="PCI\VEN_8086&amp;DEV_1234" DriverVerDate="2023-02-03" DriverVerVersion="1.2.3.4" WhqlDriverID="1" Class="Net" Company="V" Provider="V" Manufacturer="V" Model="NIC"/></sdp:Metadata>"#
        let item = "<sdp:InstallableItem ID=\"i1\"><sdp:ApplicabilityRules><sdp:IsInstalled><drv:WindowsDriverInstalled/></sdp:IsInstalled><sdp:IsInstallable><drv:WindowsDriverInstallable/></sdp:IsInstallable>\(metadata)</sdp:ApplicabilityRules></sdp:InstallableItem>"
        let compiled = Fixture.catalog([Fixture.package(id: "d1", items: item)])
        func machine(_ version: String) -> MachineSnapshot {
            var s = pc
            s.wmi.append(WMIInstance(namespace: "root\\cimv2", className: "Win32_PnPSignedDriver", properties: [
                ("HardwareID", .string("PCI\\VEN_8086&DEV_1234")), ("DriverVersion", .string(version))]))
            return s
        }
        #expect(CatalogEvaluator(compiled).evaluate(machine("1.2.3.4")).results[0].status == .installed)
        #expect(CatalogEvaluator(compiled).evaluate(machine("1.0.0.0")).results[0].status == .missing)
        #expect(CatalogEvaluator(compiled).evaluate(machine("2.0.0.0")).results[0].status == .notApplicable)
        #expect(CatalogEvaluator(compiled).evaluate(pc).results[0].status == .unknown)
    }

    @Test func unknownRuleElementIsUnknown() {
        let rule = #"<x:Thing xmlns:x="urn:nobody"/>"#
        #expect(t("<lar:And><lar:True/>\(rule)</lar:And>") == .unknown)
        #expect(t("<lar:Or><lar:True/>\(rule)</lar:Or>") == .true)
    }
}
