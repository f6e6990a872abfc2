import MOFModel
import MOFSyntax
import MofkitSource

/// The standard hardware-inventory groups of a default ConfigMgr `SMS_def.mof`, bundled so that every
/// snapshot yields them (`mofkit scan` writes them; `mofkit collection` knows their classes without a
/// MOF). Written here from the documented default classes (group names, class ids, the WMI classes and
/// registry keys they collect from, the usual reported properties), not copied from a site's file.
public enum DefaultInventory {
    /// The path used in diagnostics and rule locations.
    public static let path = "<mofkit default SMS_def.mof>"

    /// The MOF text: the registry classes of `configuration.mof` (Add/Remove Programs and its 64-bit
    /// twin) and the reporting classes in `root\cimv2\sms`.
    public static let mof = #"""
        #pragma namespace("\\\\.\\root\\cimv2")
        [dynamic, provider("RegProv"), ClassContext("local|HKEY_LOCAL_MACHINE\\Software\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall")]
        class Win32Reg_AddRemovePrograms
        {
            [key] string ProdID;
            [PropertyContext("DisplayName")] string DisplayName;
            [PropertyContext("InstallDate")] string InstallDate;
            [PropertyContext("Publisher")] string Publisher;
            [PropertyContext("DisplayVersion")] string Version;
        };
        [dynamic, provider("RegProv"), ClassContext("local|HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall")]
        class Win32Reg_AddRemovePrograms64
        {
            [key] string ProdID;
            [PropertyContext("DisplayName")] string DisplayName;
            [PropertyContext("InstallDate")] string InstallDate;
            [PropertyContext("Publisher")] string Publisher;
            [PropertyContext("DisplayVersion")] string Version;
        };

        #pragma namespace("\\\\.\\root\\cimv2\\sms")
        [SMS_Report(TRUE), SMS_Group_Name("Add Remove Programs"), SMS_Class_ID("MICROSOFT|ADD_REMOVE_PROGRAMS|1.0"), Namespace("\\\\\\\\.\\\\root\\\\cimv2")]
        class Win32Reg_AddRemovePrograms : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] string ProdID;
            [SMS_Report(TRUE)] string DisplayName;
            [SMS_Report(TRUE)] string InstallDate;
            [SMS_Report(TRUE)] string Publisher;
            [SMS_Report(TRUE)] string Version;
        };
        [SMS_Report(TRUE), SMS_Group_Name("Add Remove Programs (64)"), SMS_Class_ID("MICROSOFT|ADD_REMOVE_PROGRAMS_64|1.0"), Namespace("\\\\\\\\.\\\\root\\\\cimv2")]
        class Win32Reg_AddRemovePrograms64 : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] string ProdID;
            [SMS_Report(TRUE)] string DisplayName;
            [SMS_Report(TRUE)] string InstallDate;
            [SMS_Report(TRUE)] string Publisher;
            [SMS_Report(TRUE)] string Version;
        };
        [SMS_Report(TRUE), SMS_Group_Name("Operating System"), SMS_Class_ID("MICROSOFT|OPERATING_SYSTEM|1.0"), Namespace("\\\\\\\\.\\\\root\\\\cimv2")]
        class Win32_OperatingSystem : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] string Name;
            [SMS_Report(TRUE)] string Caption;
            [SMS_Report(TRUE)] string Version;
            [SMS_Report(TRUE)] string BuildNumber;
            [SMS_Report(TRUE)] string CSDVersion;
            [SMS_Report(TRUE)] uint32 ProductType;
            [SMS_Report(TRUE)] string OSArchitecture;
            [SMS_Report(TRUE)] uint32 OSLanguage;
            [SMS_Report(TRUE)] datetime InstallDate;
            [SMS_Report(TRUE)] datetime LastBootUpTime;
            [SMS_Report(TRUE)] string SystemDirectory;
            [SMS_Report(TRUE)] string WindowsDirectory;
            [SMS_Report(TRUE)] uint64 TotalVisibleMemorySize;
            [SMS_Report(TRUE)] uint64 FreePhysicalMemory;
        };
        [SMS_Report(TRUE), SMS_Group_Name("Computer System"), SMS_Class_ID("MICROSOFT|COMPUTER_SYSTEM|1.0"), Namespace("\\\\\\\\.\\\\root\\\\cimv2")]
        class Win32_ComputerSystem : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] string Name;
            [SMS_Report(TRUE)] string Domain;
            [SMS_Report(TRUE)] uint16 DomainRole;
            [SMS_Report(TRUE)] string Manufacturer;
            [SMS_Report(TRUE)] string Model;
            [SMS_Report(TRUE)] uint32 NumberOfProcessors;
            [SMS_Report(TRUE)] string SystemType;
            [SMS_Report(TRUE)] uint64 TotalPhysicalMemory;
            [SMS_Report(TRUE)] string UserName;
        };
        [SMS_Report(TRUE), SMS_Group_Name("Computer System Product"), SMS_Class_ID("MICROSOFT|COMPUTER_SYSTEM_PRODUCT|1.0"), Namespace("\\\\\\\\.\\\\root\\\\cimv2")]
        class Win32_ComputerSystemProduct : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] string IdentifyingNumber;
            [SMS_Report(TRUE), key] string Name;
            [SMS_Report(TRUE), key] string Version;
            [SMS_Report(TRUE)] string UUID;
            [SMS_Report(TRUE)] string Vendor;
        };
        [SMS_Report(TRUE), SMS_Group_Name("Quick Fix Engineering"), SMS_Class_ID("MICROSOFT|QUICK_FIX_ENGINEERING|1.0"), Namespace("\\\\\\\\.\\\\root\\\\cimv2")]
        class Win32_QuickFixEngineering : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] string HotFixID;
            [SMS_Report(TRUE)] string Description;
            [SMS_Report(TRUE)] string InstalledBy;
            [SMS_Report(TRUE)] string InstalledOn;
        };
        [SMS_Report(TRUE), SMS_Group_Name("Processor"), SMS_Class_ID("MICROSOFT|PROCESSOR|1.0"), Namespace("\\\\\\\\.\\\\root\\\\cimv2")]
        class Win32_Processor : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] string DeviceID;
            [SMS_Report(TRUE)] string Name;
            [SMS_Report(TRUE)] string Manufacturer;
            [SMS_Report(TRUE)] uint16 Architecture;
            [SMS_Report(TRUE)] uint16 AddressWidth;
            [SMS_Report(TRUE)] uint32 MaxClockSpeed;
            [SMS_Report(TRUE)] uint32 NumberOfCores;
            [SMS_Report(TRUE)] uint32 NumberOfLogicalProcessors;
        };
        [SMS_Report(TRUE), SMS_Group_Name("Logical Disk"), SMS_Class_ID("MICROSOFT|LOGICAL_DISK|1.0"), Namespace("\\\\\\\\.\\\\root\\\\cimv2")]
        class Win32_LogicalDisk : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] string DeviceID;
            [SMS_Report(TRUE)] string Name;
            [SMS_Report(TRUE)] uint32 DriveType;
            [SMS_Report(TRUE)] string FileSystem;
            [SMS_Report(TRUE), SMS_Units("Megabytes")] uint64 Size;
            [SMS_Report(TRUE), SMS_Units("Megabytes")] uint64 FreeSpace;
            [SMS_Report(TRUE)] string VolumeName;
        };
        [SMS_Report(TRUE), SMS_Group_Name("Network Adapter Configuration"), SMS_Class_ID("MICROSOFT|NETWORK_ADAPTER_CONFIGURATION|1.0"), Namespace("\\\\\\\\.\\\\root\\\\cimv2")]
        class Win32_NetworkAdapterConfiguration : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] uint32 Index;
            [SMS_Report(TRUE)] string Description;
            [SMS_Report(TRUE)] boolean IPEnabled;
            [SMS_Report(TRUE)] string IPAddress[];
            [SMS_Report(TRUE)] string IPSubnet[];
            [SMS_Report(TRUE)] string DefaultIPGateway[];
            [SMS_Report(TRUE)] string MACAddress;
            [SMS_Report(TRUE)] boolean DHCPEnabled;
            [SMS_Report(TRUE)] string DNSDomain;
        };
        [SMS_Report(TRUE), SMS_Group_Name("System Enclosure"), SMS_Class_ID("MICROSOFT|SYSTEM_ENCLOSURE|1.0"), Namespace("\\\\\\\\.\\\\root\\\\cimv2")]
        class Win32_SystemEnclosure : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] string Tag;
            [SMS_Report(TRUE)] uint16 ChassisTypes[];
            [SMS_Report(TRUE)] string Manufacturer;
            [SMS_Report(TRUE)] string SerialNumber;
            [SMS_Report(TRUE)] string SMBIOSAssetTag;
        };
        [SMS_Report(TRUE), SMS_Group_Name("PC BIOS"), SMS_Class_ID("MICROSOFT|PC_BIOS|1.0"), Namespace("\\\\\\\\.\\\\root\\\\cimv2")]
        class Win32_BIOS : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] string SoftwareElementID;
            [SMS_Report(TRUE)] string Manufacturer;
            [SMS_Report(TRUE)] string Name;
            [SMS_Report(TRUE)] string SerialNumber;
            [SMS_Report(TRUE)] string SMBIOSBIOSVersion;
            [SMS_Report(TRUE)] datetime ReleaseDate;
            [SMS_Report(TRUE)] string Version;
        };
        [SMS_Report(TRUE), SMS_Group_Name("Installed Software"), SMS_Class_ID("MICROSOFT|INSTALLED_SOFTWARE|1.0"), Namespace("\\\\\\\\.\\\\root\\\\cimv2\\\\sms")]
        class SMS_InstalledSoftware : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] string SoftwareCode;
            [SMS_Report(TRUE)] string ARPDisplayName;
            [SMS_Report(TRUE)] string ProductName;
            [SMS_Report(TRUE)] string ProductVersion;
            [SMS_Report(TRUE)] string Publisher;
            [SMS_Report(TRUE)] string ProductCode;
            [SMS_Report(TRUE)] string InstallDate;
            [SMS_Report(TRUE)] string InstalledLocation;
        };
        [SMS_Report(TRUE), SMS_Group_Name("Services"), SMS_Class_ID("MICROSOFT|SERVICE|1.0"), Namespace("\\\\\\\\.\\\\root\\\\cimv2")]
        class Win32_Service : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] string Name;
            [SMS_Report(TRUE)] string DisplayName;
            [SMS_Report(TRUE)] string PathName;
            [SMS_Report(TRUE)] string StartMode;
            [SMS_Report(TRUE)] string StartName;
            [SMS_Report(TRUE)] string State;
        };
        [SMS_Report(TRUE), SMS_Group_Name("Optional Feature"), SMS_Class_ID("MICROSOFT|OPTIONAL_FEATURE|1.0"), Namespace("\\\\\\\\.\\\\root\\\\cimv2")]
        class Win32_OptionalFeature : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] string Name;
            [SMS_Report(TRUE)] string Caption;
            [SMS_Report(TRUE)] uint32 InstallState;
        };
        [SMS_Report(TRUE), SMS_Group_Name("TPM"), SMS_Class_ID("MICROSOFT|TPM|1.0"), Namespace("\\\\\\\\.\\\\root\\\\cimv2\\\\Security\\\\MicrosoftTpm")]
        class Win32_Tpm : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] uint32 ManufacturerId;
            [SMS_Report(TRUE)] string ManufacturerVersion;
            [SMS_Report(TRUE)] string SpecVersion;
            [SMS_Report(TRUE)] boolean IsActivated_InitialValue;
            [SMS_Report(TRUE)] boolean IsEnabled_InitialValue;
            [SMS_Report(TRUE)] boolean IsOwned_InitialValue;
        };
        [SMS_Report(TRUE), SMS_Group_Name("Firmware"), SMS_Class_ID("MICROSOFT|FIRMWARE|1.0"), Namespace("\\\\\\\\.\\\\root\\\\cimv2\\\\sms")]
        class SMS_Firmware : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] string InstanceKey;
            [SMS_Report(TRUE)] boolean SecureBoot;
            [SMS_Report(TRUE)] boolean UEFI;
        };
        [SMS_Report(TRUE), SMS_Group_Name("Office365ProPlusConfigurations"), SMS_Class_ID("MICROSOFT|OFFICE365PROPLUSCONFIGURATIONS|1.0"), Namespace("\\\\\\\\.\\\\root\\\\cimv2\\\\sms")]
        class SMS_Office365ProPlusConfigurations : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] string KeyName;
            [SMS_Report(TRUE)] string CDNBaseUrl;
            [SMS_Report(TRUE)] string Platform;
            [SMS_Report(TRUE)] string VersionToReport;
            [SMS_Report(TRUE)] string UpdateChannel;
        };
        """#

    /// The compiled rules of ``mof`` on the bundled client context.
    public static let rules: CollectionRules = {
        let compilation = MOFDeclarationLoader.load(source: SourceFile(path: path, string: mof))
        return RulesCompiler.compile(MOFSemanticAnalyzer.analyze(compilation).model)
    }()

    /// The diagnostics of compiling ``mof`` (none expected; tested).
    public static var diagnostics: [Diagnostic] {
        let compilation = MOFDeclarationLoader.load(source: SourceFile(path: path, string: mof))
        return MOFSemanticAnalyzer.analyze(compilation).diagnostics
    }
}
