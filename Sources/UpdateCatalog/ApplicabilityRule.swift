import MofkitSource

/// The rule namespaces: logical, base, MSI, CBS and driver rules.
public enum RuleFamily: String, Sendable, Hashable, CaseIterable {
    /// `lar:` True, False, And, Or, Not.
    case logical = "lar"
    /// `bar:` operating system, file, registry, WMI … rules.
    case base = "bar"
    /// `msiar:` Windows Installer rules and metadata.
    case msi = "msiar"
    /// `cbsar:` component-based servicing rules (Microsoft Update only).
    case cbs = "cbsar"
    /// `drv:` Windows driver rules and metadata.
    case driver = "drv"
}

/// How the rule element was spelled: which namespace family, or the wsusscn2 fragment form.
public enum RuleSpelling: String, Sendable, Hashable {
    /// `http://schemas.microsoft.com/msus/2002/12/…` (Microsoft Update).
    case microsoftUpdate = "msus-2002-12"
    /// `http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/…` (Updates Publisher).
    case corporatePublishing = "wsus-2005-04"
    /// Namespace-stripped wsusscn2 core fragment: `b.Name`, `m.Name`, `d.Name`, or a bare logical/CBS name.
    case fragment = "fragment"
}

/// Every rule element mofkit knows. The raw value is the element's local name.
public enum RuleKind: String, Sendable, Hashable, CaseIterable {
    // lar
    case `true` = "True", `false` = "False", and = "And", or = "Or", not = "Not"
    // bar: the 29 rules of the Updates Publisher schema
    case windowsVersion = "WindowsVersion", windowsLanguage = "WindowsLanguage", muiInstalled = "MuiInstalled"
    case muiLanguageInstalled = "MuiLanguageInstalled", systemMetric = "SystemMetric", processor = "Processor"
    case numberOfProcessors = "NumberOfProcessors", clusteredOS = "ClusteredOS"
    case clusterResourceOwner = "ClusterResourceOwner", fileExists = "FileExists"
    case fileExistsPrependRegSz = "FileExistsPrependRegSz", fileVersion = "FileVersion"
    case fileVersionPrependRegSz = "FileVersionPrependRegSz", fileCreated = "FileCreated"
    case fileCreatedPrependRegSz = "FileCreatedPrependRegSz", fileModified = "FileModified"
    case fileModifiedPrependRegSz = "FileModifiedPrependRegSz", fileSize = "FileSize"
    case fileSizePrependRegSz = "FileSizePrependRegSz", regKeyExists = "RegKeyExists"
    case regValueExists = "RegValueExists", regDword = "RegDword", regExpandSz = "RegExpandSz", regSz = "RegSz"
    case regSzToVersion = "RegSzToVersion", regKeyLoop = "RegKeyLoop", wmiQuery = "WmiQuery"
    case installedOnce = "InstalledOnce", genericQuery = "GenericQuery"
    // bar: Microsoft Update (msus/2002/12) additions listed in MS-WUSP
    case platform = "Platform", platformVersion = "PlatformVersion", platformLanguage = "PlatformLanguage"
    case wuv4RegKeyValue = "WUv4RegKeyValue", wuv4RegKeySubstring = "WUv4RegKeySubstring"
    case licenseValueExists = "LicenseValueExists", licenseDword = "LicenseDword"
    // bar: names met in Microsoft Update metadata but in no published schema (typed as far as known)
    case memory = "Memory", videoMemory = "VideoMemory", direct3D = "Direct3D", sensorById = "SensorById"
    case nfc = "NFC", camera = "Camera", productReleaseInstalled = "ProductReleaseInstalled"
    // msiar: 10 rules and 2 metadata elements
    case msiProductInstalled = "MsiProductInstalled", msiFeatureInstalledForProduct = "MsiFeatureInstalledForProduct"
    case msiComponentInstalledForProduct = "MsiComponentInstalledForProduct"
    case msiPatchInstalledForProduct = "MsiPatchInstalledForProduct", msiPatchInstalled = "MsiPatchInstalled"
    case msiPatchSuperseded = "MsiPatchSuperseded", msiPatchInstallable = "MsiPatchInstallable"
    case msiApplicationInstalled = "MsiApplicationInstalled", msiApplicationSuperseded = "MsiApplicationSuperseded"
    case msiApplicationInstallable = "MsiApplicationInstallable"
    case msiPatchMetadata = "MsiPatchMetadata", msiApplicationMetadata = "MsiApplicationMetadata"
    // cbsar
    case cbsPackageInstalled = "CbsPackageInstalled", cbsPackageInstallable = "CbsPackageInstallable"
    case cbsPackageInstalledByIdentity = "CbsPackageInstalledByIdentity"
    case cbsPackageApplicabilityMetadata = "CbsPackageApplicabilityMetadata"
    // drv
    case windowsDriverInstalled = "WindowsDriverInstalled", windowsDriverSuperseded = "WindowsDriverSuperseded"
    case windowsDriverInstallable = "WindowsDriverInstallable", windowsDriverMetaData = "WindowsDriverMetaData"
    case windowsDriver = "WindowsDriver", installedVersionRange = "InstalledVersionRange"
    case featureScore = "FeatureScore", distributionComputerHardwareId = "DistributionComputerHardwareId"
    case targetComputerHardwareId = "TargetComputerHardwareId"

    /// The namespace family the rule belongs to.
    public var family: RuleFamily { RuleSchema.family[self] ?? .base }  // input-unreachable: every case is in the table

    /// True for the metadata elements (they hold data for other rules and are not true/false themselves).
    public var isMetadata: Bool {
        switch self {
        case .msiPatchMetadata, .msiApplicationMetadata, .cbsPackageApplicabilityMetadata, .windowsDriverMetaData:
            return true
        default:
            return false
        }
    }

    /// True for rules that appear in no published schema (known from Microsoft Update metadata only).
    public var isUnpublished: Bool { RuleSchema.unpublished.contains(self) }
}

/// `bt:ScalarComparison`.
public enum ScalarComparison: String, Sendable, Hashable, CaseIterable {
    /// The schema's comparison operators, by their schema spelling.
    case lessThan = "LessThan", lessThanOrEqualTo = "LessThanOrEqualTo", equalTo = "EqualTo"
    /// The schema's comparison operators, by their schema spelling.
    case greaterThanOrEqualTo = "GreaterThanOrEqualTo", greaterThan = "GreaterThan"
}

/// `bt:StringComparison`.
public enum StringComparison: String, Sendable, Hashable, CaseIterable {
    /// The schema's string comparisons, by their schema spelling.
    case equalTo = "EqualTo", beginsWith = "BeginsWith", contains = "Contains", endsWith = "EndsWith"
}

/// `bt:LoopLogic` (`RegKeyLoop/@TrueIf`).
public enum LoopLogic: String, Sendable, Hashable, CaseIterable {
    /// True if the rule is true for any, all or none of the subkeys.
    case any = "Any", all = "All", none = "None"
}

/// `bt:RegistryKey`.
public enum RegistryKey: String, Sendable, Hashable, CaseIterable {
    /// `HKEY_LOCAL_MACHINE`.
    case localMachine = "HKEY_LOCAL_MACHINE"
    /// The subkey a `RegKeyLoop` is iterating.
    case loopTarget = "HKEY_LOOP_TARGET"
    /// `HKEY_CURRENT_USER`.
    case currentUser = "HKEY_CURRENT_USER"
    /// `HKEY_CLASSES_ROOT`.
    case classesRoot = "HKEY_CLASSES_ROOT"
    /// `HKEY_USERS`.
    case users = "HKEY_USERS"
}

/// `bt:RegistryValueType`.
public enum RegistryValueType: String, Sendable, Hashable, CaseIterable {
    /// The registry value types, by their `REG_*` names.
    case binary = "REG_BINARY", dword = "REG_DWORD", expandSz = "REG_EXPAND_SZ", multiSz = "REG_MULTI_SZ"
    /// The registry value types, by their `REG_*` names.
    case qword = "REG_QWORD", sz = "REG_SZ", fullResourceDescriptor = "REG_FULL_RESOURCE_DESCRIPTOR"
}

/// The schema type of a rule attribute.
public enum RuleAttributeType: String, Sendable, Hashable {
    /// `xs:string`, `xs:unsignedInt`, `xs:int`, `xs:unsignedShort`, `bt:FileSize`, `xs:boolean`.
    case string, unsignedInt, int, unsignedShort, fileSize, boolean
    /// `bt:Version`: exactly four dot-separated numbers.
    case version
    /// `mspblob:Version`: one to four dot-separated numbers.
    case msiVersion
    /// The enumerations of the base types schema (`bt:ScalarComparison` …).
    case scalarComparison, stringComparison, loopLogic, registryKey, registryValueType
    /// `bt:Csidl`: an integer folder id as passed to SHGetFolderPath.
    case csidl
    /// `xs:language`: a language tag such as `en` or `zh-TW`.
    case language
    /// A comma-separated list of Windows language ids (MSI `Language`), e.g. `1033,1041`.
    case languageIDs
    /// A GUID without braces (`bt:Guid`).
    case guid
    /// A GUID in braces (`mspblob:GUID`).
    case bracedGuid
    /// `xs:dateTime`, `xs:date`.
    case dateTime, date
}

/// A typed attribute value.
public enum RuleValue: Sendable, Hashable {
    /// Strings, GUIDs, languages and dates, as written.
    case text(String)
    /// Integer types and file sizes.
    case integer(Int64)
    /// `xs:boolean` (`true`/`false`/`1`/`0`).
    case boolean(Bool)
    /// Version parts, most significant first.
    case version([UInt32])
    /// A `bt:ScalarComparison`.
    case scalarComparison(ScalarComparison)
    /// A `bt:StringComparison`.
    case stringComparison(StringComparison)
    /// A `bt:LoopLogic`.
    case loopLogic(LoopLogic)
    /// A `bt:RegistryKey`.
    case registryKey(RegistryKey)
    /// A `bt:RegistryValueType`.
    case registryValueType(RegistryValueType)
    /// A CSIDL folder id.
    case csidl(Int)
    /// Windows language ids (MSI `Language`).
    case languageIDs([Int])

    /// The canonical spelling; when it differs from the input, the input text is kept as `raw`.
    public var canonicalText: String {
        switch self {
        case .text(let value): return value
        case .integer(let value): return String(value)
        case .boolean(let value): return value ? "true" : "false"
        case .version(let parts): return parts.map(String.init).joined(separator: ".")
        case .scalarComparison(let value): return value.rawValue
        case .stringComparison(let value): return value.rawValue
        case .loopLogic(let value): return value.rawValue
        case .registryKey(let value): return value.rawValue
        case .registryValueType(let value): return value.rawValue
        case .csidl(let value): return String(value)
        case .languageIDs(let values): return values.map(String.init).joined(separator: ",")
        }
    }
}

/// One attribute of a rule: its text as written and, when it has the schema's type, its typed value.
public struct RuleAttribute: Sendable, Hashable {
    /// The attribute name.
    public var name: XMLName
    /// The attribute text exactly as in the input.
    public var raw: String
    /// The typed value; `nil` when the text does not have the schema type (`CAT2003`) or the schema
    /// defines no such attribute (then ``isKnown`` is false and the text is all there is).
    public var value: RuleValue?
    /// The schema type, `nil` for an attribute the schema does not define.
    public var type: RuleAttributeType?

    /// Whether the schema defines the attribute.
    public var isKnown: Bool { type != nil }

    /// True when ``raw`` is exactly the canonical spelling of ``value`` (so JSON needs no `raw`).
    public var isCanonical: Bool { value?.canonicalText == raw }

    /// An attribute with its text and, when known, its typed value.
    public init(name: XMLName, raw: String, value: RuleValue?, type: RuleAttributeType?) {
        self.name = name
        self.raw = raw
        self.value = value
        self.type = type
    }
}

/// One applicability rule element and its subtree.
///
/// Known rules have a ``kind``; a rule the reader does not know has `kind == nil` and is kept whole:
/// its attributes as text and its children as ``content``.
public struct ApplicabilityRule: Sendable, Hashable {
    /// The element name as written (namespace URI and local name).
    public var name: XMLName
    /// The rule, or `nil` for an unknown element.
    public var kind: RuleKind?
    /// The family, from the namespace or fragment prefix (`nil` when neither identifies one).
    public var family: RuleFamily?
    /// How the element was spelled; `nil` for an unknown namespace.
    public var spelling: RuleSpelling?
    /// The attributes in document order.
    public var attributes: [RuleAttribute]
    /// Child rules (And, Or, Not, RegKeyLoop).
    public var children: [ApplicabilityRule]
    /// Child elements that are data, not rules (MSI feature lists, metadata blobs, children of unknown rules).
    public var content: [XMLElement]
    /// The line of the element.
    public var line: Int
    /// The column of the element.
    public var column: Int

    /// The rule's name for display and statistics: `bar:FileVersion`, or `{uri}Name` when unknown.
    public var displayName: String {
        if let kind, let family { return "\(family.rawValue):\(kind.rawValue)" }
        if let family { return "\(family.rawValue):\(name.local)" }
        return name.description
    }

    /// The attribute with this name.
    public func attribute(_ local: String) -> RuleAttribute? {
        attributes.first { $0.name.local == local }
    }

    /// The typed value of an attribute.
    public func value(_ local: String) -> RuleValue? { attribute(local)?.value }

    /// The registry view a registry rule reads.
    public var registryView: RegistryView {
        if case .boolean(true) = value("RegType32") { return .bits32 }
        return .native
    }

    /// Visits this rule and every descendant, depth first.
    public func forEach(_ body: (ApplicabilityRule) -> Void) {
        body(self)
        for child in children { child.forEach(body) }
    }
}

/// The rule holders of an update or installable item.
public struct ApplicabilityRules: Sendable, Hashable {
    /// `IsInstalled`: true when the update is on the machine.
    public var isInstalled: ApplicabilityRule?
    /// `IsInstallable`: true when the update applies to the machine.
    public var isInstallable: ApplicabilityRule?
    /// `IsSuperseded`: true when the update is superseded on the machine.
    public var isSuperseded: ApplicabilityRule?
    /// `Metadata` (MSI patch/application, CBS or driver metadata).
    public var metadata: ApplicabilityRule?

    /// Rule holders; all absent by default.
    public init(
        isInstalled: ApplicabilityRule? = nil, isInstallable: ApplicabilityRule? = nil,
        isSuperseded: ApplicabilityRule? = nil, metadata: ApplicabilityRule? = nil
    ) {
        self.isInstalled = isInstalled
        self.isInstallable = isInstallable
        self.isSuperseded = isSuperseded
        self.metadata = metadata
    }

    /// Whether there are no rules at all.
    public var isEmpty: Bool { isInstalled == nil && isInstallable == nil && isSuperseded == nil && metadata == nil }

    /// The holders that are present, in document-independent order.
    public var all: [(holder: String, rule: ApplicabilityRule)] {
        var list: [(String, ApplicabilityRule)] = []
        if let isInstalled { list.append(("IsInstalled", isInstalled)) }
        if let isInstallable { list.append(("IsInstallable", isInstallable)) }
        if let isSuperseded { list.append(("IsSuperseded", isSuperseded)) }
        if let metadata { list.append(("Metadata", metadata)) }
        return list
    }
}
