import UpdateCatalog

/// The rule attributes the evaluator reads, by their schema names (`bar:`, `lar:`, `msiar:`,
/// `cbsar:`): a misspelt name is a compile error instead of a rule that is silently unknown.
enum RuleAttributeName: String, CaseIterable, Sendable {
    case allComponentsRequired = "AllComponentsRequired"
    case allProductsRequired = "AllProductsRequired"
    case allSuitesMustBePresent = "AllSuitesMustBePresent"
    case architecture = "Architecture"
    case buildNumber = "BuildNumber"
    case comparison = "Comparison"
    case created = "Created"
    case csidl = "Csidl"
    case data = "Data"
    case driverVerVersion = "DriverVerVersion"
    case excludeVersionMax = "ExcludeVersionMax"
    case excludeVersionMin = "ExcludeVersionMin"
    case hardwareID = "HardwareID"
    case key = "Key"
    case language = "Language"
    case level = "Level"
    case majorVersion = "MajorVersion"
    case minSizeInMB = "MinSizeInMB"
    case minorVersion = "MinorVersion"
    case modified = "Modified"
    case namespace = "Namespace"
    case number = "Number"
    case packageIdentity = "PackageIdentity"
    case patchCode = "PatchCode"
    case path = "Path"
    case platformID = "PlatformID"
    case productCode = "ProductCode"
    case productType = "ProductType"
    case revision = "Revision"
    case servicePackMajor = "ServicePackMajor"
    case servicePackMinor = "ServicePackMinor"
    case size = "Size"
    case subkey = "Subkey"
    case suiteMask = "SuiteMask"
    case trueIf = "TrueIf"
    case type = "Type"
    case value = "Value"
    case version = "Version"
    case versionMax = "VersionMax"
    case versionMin = "VersionMin"
    case wqlQuery = "WqlQuery"
}

extension ApplicabilityRule {
    /// The typed value of an attribute (nil when absent or invalid).
    func value(_ name: RuleAttributeName) -> RuleValue? { value(name.rawValue) }

    /// An attribute as written.
    func attribute(_ name: RuleAttributeName) -> RuleAttribute? { attribute(name.rawValue) }
}
