import Applicability
import MachineState
import UpdateCatalog

/// Wraps rule XML into an Updates Publisher package and compiles it.
enum Fixture {
    static let namespaces = """
        xmlns:sdp="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/SoftwareDistributionPackage.xsd" \
        xmlns:bar="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/BaseApplicabilityRules.xsd" \
        xmlns:lar="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/LogicalApplicabilityRules.xsd" \
        xmlns:msiar="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/MsiApplicabilityRules.xsd" \
        xmlns:drv="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/Installers/WindowsDriver.xsd" \
        xmlns:mspblob="http://www.microsoft.com/msi/patch_applicability.xsd"
        """

    static func package(id: String, installable: String? = nil, installed: String? = nil, extra: String = "", items: String = "") -> String {
        var text = "<sdp:SoftwareDistributionPackage \(namespaces)><sdp:Properties PackageID=\"\(id)\" CreationDate=\"2024-05-01T10:00:00Z\"/>"
        text += "<sdp:LocalizedProperties><sdp:Language>en</sdp:Language><sdp:Title>Update \(id)</sdp:Title></sdp:LocalizedProperties>"
        if let installed { text += "<sdp:IsInstalled>\(installed)</sdp:IsInstalled>" }
        if let installable { text += "<sdp:IsInstallable>\(installable)</sdp:IsInstallable>" }
        return text + extra + items + "</sdp:SoftwareDistributionPackage>"
    }

    static func catalog(_ packages: [String], options: EvaluationOptions = EvaluationOptions()) -> CompiledCatalog {
        let xml = "<?xml version=\"1.0\"?><smc:SystemsManagementCatalog xmlns:smc=\"http://schemas.microsoft.com/sms/2005/04/CorporatePublishing/SystemsManagementCatalog.xsd\">"
            + packages.joined() + "</smc:SystemsManagementCatalog>"
        var records: [CatalogRecord] = []
        let summary = CatalogReader.read(bytes: Array(xml.utf8), fileName: "test.xml") { records.append($0) }
        return CompiledCatalog.compile(records: records, format: summary.format, options: options)
    }

    /// The truth of one rule: compiled as a package's IsInstallable (true → missing, false →
    /// not-applicable, unknown → unknown).
    static func truth(_ rule: String, on snapshot: MachineSnapshot, options: EvaluationOptions = EvaluationOptions()) -> Truth {
        let compiled = catalog([package(id: "u1", installable: rule)], options: options)
        let result = CatalogEvaluator(compiled).evaluate(snapshot).results[0]
        switch result.status {
        case .missing: return .true
        case .notApplicable: return .false
        default: return .unknown
        }
    }

    static func reason(_ rule: String, on snapshot: MachineSnapshot) -> String {
        let compiled = catalog([package(id: "u1", installable: rule)])
        return CatalogEvaluator(compiled).evaluate(snapshot).results[0].reason
    }

    /// A 64-bit Windows 10 workstation with a little of everything.
    static func win10() -> MachineSnapshot {
        var s = MachineSnapshot(machineName: "PC1")
        s.os = OperatingSystemFacts(
            caption: "Microsoft Windows 10 Enterprise", version: "10.0.19045", build: 19045, servicePackMajor: 0, servicePackMinor: 0,
            productType: .workstation, suiteMask: 256, architecture: .x64, language: 1033,
            windowsDirectory: "C:\\Windows", systemDirectory: "C:\\Windows\\system32")
        s.registry.setValue(physicalPath: "HKLM\\SOFTWARE\\Vendor", name: "Version", data: .string("4.2.1"))
        s.registry.setValue(physicalPath: "HKLM\\SOFTWARE\\Vendor", name: "Edition", data: .string("Professional"))
        s.registry.setValue(physicalPath: "HKLM\\SOFTWARE\\Vendor", name: "Flags", data: .dword(7))
        s.registry.setValue(physicalPath: "HKLM\\SOFTWARE\\Vendor", name: "Path", data: .expandString("%ProgramFiles%\\Vendor"))
        s.registry.setValue(physicalPath: "HKLM\\SOFTWARE\\Vendor", name: "InstallDir", data: .string("C:\\Program Files\\Vendor"))
        s.registry.setValue(physicalPath: "HKLM\\SOFTWARE\\Wow6432Node\\Vendor", name: "Edition", data: .string("Home"))
        s.registry.setValue(physicalPath: "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion", name: "ProgramFilesDir", data: .string("C:\\Program Files"))
        s.registry.setValue(physicalPath: "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\A", name: "DisplayName", data: .string("Alpha Tool"))
        s.registry.setValue(physicalPath: "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\B", name: "DisplayName", data: .string("Beta Suite"))
        s.files = [
            FileFact(path: "C:\\Windows\\system32\\drivers\\iaStorA.sys", version: "12.0.7.1002", size: 1000,
                     created: "2020-01-01T00:00:00Z", modified: "2021-03-04T05:06:07Z"),
            FileFact(path: "C:\\Program Files\\Vendor\\app.exe", version: "1.5.0.0", size: 2048),
        ]
        s.wmi = [
            WMIInstance(namespace: "root\\cimv2", className: "Win32_ComputerSystem", properties: [
                ("Manufacturer", .string("Hewlett-Packard")), ("Model", .string("HP EliteBook 8460p")),
                ("NumberOfLogicalProcessors", .integer(4)), ("TotalPhysicalMemory", .string("8589934592")),
            ]),
            WMIInstance(namespace: "root\\cimv2", className: "Win32_BaseBoard", properties: [("Product", .string("1905")), ("Version", .null)]),
            WMIInstance(namespace: "root\\cimv2", className: "Win32_PnPEntity", properties: [("DeviceID", .string("PCI\\VEN_8086&DEV_3B29&SUBSYS_1"))]),
            WMIInstance(namespace: "root\\cimv2", className: "Win32_PnPEntity", properties: [("DeviceID", .string("USB\\VID_03F0&PID_0024\\5"))]),
            WMIInstance(namespace: "root\\cimv2", className: "Win32_BIOS", properties: [("ReleaseDate", .string("20151020000000.000000+000"))]),
            WMIInstance(namespace: "root\\cimv2", className: "Win32_Processor", properties: [("Level", .integer(6)), ("Revision", .integer(10759))]),
        ]
        s.msiProducts = [MSIProduct(productCode: "{FB2B7CC0-8307-47E6-A065-11015CC96B99}", version: "1.8.0.0", language: 1033, name: "Vendor App")]
        s.msiPatches = [MSIPatch(patchCode: "{22222222-2222-3333-4444-555555555555}", productCode: "{FB2B7CC0-8307-47E6-A065-11015CC96B99}", state: "applied")]
        s.msiComponents = [MSIComponent(componentCode: "{11111111-2222-3333-4444-555555555555}", productCode: "{FB2B7CC0-8307-47E6-A065-11015CC96B99}")]
        s.cbsPackages = [CBSPackage(identity: "Package_for_KB5000001~31bf3856ad364e35~amd64~~10.0.1.0", state: "Installed")]
        s.installedUpdates = [InstalledUpdate(id: "KB5000001")]
        return s
    }
}
