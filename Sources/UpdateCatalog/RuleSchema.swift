import MofkitSource

/// The rule schemas as data: which namespace means which family, and each rule's attributes.
///
/// Sources: the Updates Publisher XSDs (BaseApplicabilityRules, LogicalApplicabilityRules,
/// MsiApplicabilityRules, WindowsDriver, BaseTypes; 2005/04 CorporatePublishing) and the msus/2002/12
/// schemas printed in MS-WUSP (Platform, PlatformVersion, PlatformLanguage, WUv4RegKeyValue,
/// WUv4RegKeySubstring, LicenseValueExists, LicenseDword). CBS rules and the unpublished names come
/// from Microsoft Update metadata as read by other tools (no schema is public).
enum RuleSchema {
    struct AttributeSpec {
        var name: String
        var type: RuleAttributeType
        var required: Bool
    }

    static let microsoftUpdatePrefix = "http://schemas.microsoft.com/msus/2002/12/"
    static let corporatePublishingPrefix = "http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/"

    /// Family and spelling of a rule namespace URI; `nil` when it is no rule namespace.
    static func family(ofNamespace uri: String) -> (RuleFamily, RuleSpelling)? {
        namespaces[uri]
    }

    /// Every rule namespace URI (with and without the `.xsd` suffix, tolerated in both families).
    private static let namespaces: [String: (RuleFamily, RuleSpelling)] = {
        var table: [String: (RuleFamily, RuleSpelling)] = [:]
        let names: [(String, RuleFamily)] = [
            ("LogicalApplicabilityRules", .logical), ("BaseApplicabilityRules", .base),
            ("MsiApplicabilityRules", .msi), ("CbsApplicabilityRules", .cbs),
            ("UpdateHandlers/WindowsDriver", .driver), ("Installers/WindowsDriver", .driver),
        ]
        for (prefix, spelling) in [(microsoftUpdatePrefix, RuleSpelling.microsoftUpdate),
                                   (corporatePublishingPrefix, .corporatePublishing)] {
            for (name, family) in names {
                table[prefix + name] = (family, spelling)
                table[prefix + name + ".xsd"] = (family, spelling)
            }
        }
        return table
    }()

    /// True when the element name is a rule element (known or not) of some rule namespace or fragment form.
    static func isRuleNamespace(_ name: XMLName) -> Bool {
        family(ofNamespace: name.namespace) != nil
    }

    static let family: [RuleKind: RuleFamily] = {
        var table: [RuleKind: RuleFamily] = [:]
        for kind in RuleKind.allCases {
            switch kind {
            case .true, .false, .and, .or, .not: table[kind] = .logical
            case .msiProductInstalled, .msiFeatureInstalledForProduct, .msiComponentInstalledForProduct,
                .msiPatchInstalledForProduct, .msiPatchInstalled, .msiPatchSuperseded, .msiPatchInstallable,
                .msiApplicationInstalled, .msiApplicationSuperseded, .msiApplicationInstallable,
                .msiPatchMetadata, .msiApplicationMetadata:
                table[kind] = .msi
            case .cbsPackageInstalled, .cbsPackageInstallable, .cbsPackageInstalledByIdentity,
                .cbsPackageApplicabilityMetadata:
                table[kind] = .cbs
            case .windowsDriverInstalled, .windowsDriverSuperseded, .windowsDriverInstallable,
                .windowsDriverMetaData, .windowsDriver, .installedVersionRange, .featureScore,
                .distributionComputerHardwareId, .targetComputerHardwareId:
                table[kind] = .driver
            default: table[kind] = .base
            }
        }
        return table
    }()

    static let unpublished: Set<RuleKind> = [
        .memory, .videoMemory, .direct3D, .sensorById, .nfc, .camera, .productReleaseInstalled,
        .windowsDriver, .installedVersionRange, .featureScore, .distributionComputerHardwareId,
        .targetComputerHardwareId,
    ]

    /// Rules whose children are rules.
    static let ruleContainers: Set<RuleKind> = [.and, .or, .not, .regKeyLoop]

    private static func a(_ name: String, _ type: RuleAttributeType, _ required: Bool = false) -> AttributeSpec {
        AttributeSpec(name: name, type: type, required: required)
    }

    private static let registryKeyAttributes = [
        a("Key", .registryKey, true), a("Subkey", .string, true), a("RegType32", .boolean),
    ]
    private static let registryValueAttributes = registryKeyAttributes + [a("Value", .string, true)]
    private static let versionAttributes = [
        a("Comparison", .scalarComparison), a("MajorVersion", .unsignedInt), a("MinorVersion", .unsignedInt),
        a("BuildNumber", .unsignedInt), a("ServicePackMajor", .unsignedShort), a("ServicePackMinor", .unsignedShort),
        a("AllSuitesMustBePresent", .boolean), a("SuiteMask", .unsignedShort), a("ProductType", .unsignedShort),
    ]
    private static let fileExistsOptional = [
        a("Version", .version), a("Created", .dateTime), a("Modified", .dateTime), a("Size", .fileSize),
        a("Language", .unsignedShort),
    ]
    private static let msiVersionRange = [
        a("VersionMax", .msiVersion), a("ExcludeVersionMax", .boolean), a("VersionMin", .msiVersion),
        a("ExcludeVersionMin", .boolean), a("Language", .languageIDs),
    ]

    /// The attributes of each rule.
    static let attributes: [RuleKind: [AttributeSpec]] = [
        .true: [], .false: [], .and: [], .or: [], .not: [],
        .windowsVersion: versionAttributes,
        .windowsLanguage: [a("Language", .language, true)],
        .muiInstalled: [],
        .muiLanguageInstalled: [a("Language", .language, true)],
        .systemMetric: [a("Comparison", .scalarComparison, true), a("Index", .int, true), a("Value", .int, true)],
        .processor: [a("Architecture", .unsignedShort, true), a("Level", .unsignedShort), a("Revision", .unsignedShort)],
        .numberOfProcessors: [a("Comparison", .scalarComparison, true), a("Number", .unsignedInt, true)],
        .clusteredOS: [],
        .clusterResourceOwner: registryValueAttributes + [a("Prefix", .string), a("Suffix", .string)],
        .fileExists: [a("Path", .string, true), a("Csidl", .csidl)] + fileExistsOptional,
        .fileExistsPrependRegSz: registryValueAttributes + [a("Path", .string, true)] + fileExistsOptional,
        .fileVersion: [
            a("Path", .string, true), a("Comparison", .scalarComparison, true), a("Version", .version, true),
            a("Csidl", .csidl),
        ],
        .fileVersionPrependRegSz: registryValueAttributes + [
            a("Path", .string, true), a("Comparison", .scalarComparison, true), a("Version", .version, true),
        ],
        .fileCreated: [
            a("Path", .string, true), a("Comparison", .scalarComparison, true), a("Created", .dateTime, true),
            a("Csidl", .csidl),
        ],
        .fileCreatedPrependRegSz: registryValueAttributes + [
            a("Path", .string, true), a("Comparison", .scalarComparison, true), a("Created", .dateTime, true),
        ],
        .fileModified: [
            a("Path", .string, true), a("Comparison", .scalarComparison, true), a("Modified", .dateTime, true),
            a("Csidl", .csidl),
        ],
        .fileModifiedPrependRegSz: registryValueAttributes + [
            a("Path", .string, true), a("Comparison", .scalarComparison, true), a("Modified", .dateTime, true),
        ],
        .fileSize: [
            a("Path", .string, true), a("Comparison", .scalarComparison, true), a("Size", .fileSize, true),
            a("Csidl", .csidl),
        ],
        .fileSizePrependRegSz: registryValueAttributes + [
            a("Path", .string, true), a("Comparison", .scalarComparison, true), a("Size", .fileSize, true),
        ],
        .regKeyExists: registryKeyAttributes,
        .regValueExists: registryKeyAttributes + [a("Value", .string), a("Type", .registryValueType)],
        .regDword: registryValueAttributes + [a("Comparison", .scalarComparison, true), a("Data", .unsignedInt, true)],
        .regExpandSz: registryValueAttributes + [a("Comparison", .stringComparison, true), a("Data", .string, true)],
        .regSz: registryValueAttributes + [a("Comparison", .stringComparison, true), a("Data", .string, true)],
        .regSzToVersion: registryValueAttributes + [a("Comparison", .scalarComparison, true), a("Data", .version, true)],
        .regKeyLoop: registryKeyAttributes + [a("TrueIf", .loopLogic, true)],
        .wmiQuery: [a("Namespace", .string), a("WqlQuery", .string, true)],
        .installedOnce: [],
        .genericQuery: [
            a("Namespace", .string, true), a("Type", .string, true), a("Parameter", .string, true),
            a("Comparison", .scalarComparison), a("Value", .string),
        ],
        .platform: [a("PlatformID", .unsignedInt, true)],
        .platformVersion: versionAttributes,
        .platformLanguage: [a("Language", .language, true)],
        .wuv4RegKeyValue: registryKeyAttributes + [a("Value", .string), a("Data", .string, true)],
        .wuv4RegKeySubstring: registryKeyAttributes + [a("Value", .string), a("Data", .string, true)],
        .licenseValueExists: [a("Value", .string, true)],
        .licenseDword: [a("Value", .string, true), a("Comparison", .scalarComparison, true), a("Data", .unsignedInt, true)],
        .memory: [a("MinSizeInMB", .unsignedInt, true), a("Type", .string, true)],
        .videoMemory: [a("MinSizeInMB", .unsignedInt, true)],
        .direct3D: [
            a("HardwareVersion", .unsignedInt, true), a("FeatureLevelMajor", .unsignedInt, true),
            a("FeatureLevelMinor", .unsignedInt, true),
        ],
        .sensorById: [a("Id", .string, true)],
        .nfc: [a("Capability", .string, true)],
        .camera: [a("Location", .string, true)],
        .productReleaseInstalled: [a("Version", .string, true), a("Name", .string, true)],
        .msiProductInstalled: [a("ProductCode", .bracedGuid, true)] + msiVersionRange,
        .msiFeatureInstalledForProduct: [a("AllFeaturesRequired", .boolean), a("AllProductsRequired", .boolean)],
        .msiComponentInstalledForProduct: [a("AllComponentsRequired", .boolean), a("AllProductsRequired", .boolean)],
        .msiPatchInstalledForProduct: [a("PatchCode", .bracedGuid, true), a("ProductCode", .bracedGuid, true)]
            + msiVersionRange,
        .msiPatchInstalled: [], .msiPatchSuperseded: [], .msiPatchInstallable: [],
        .msiApplicationInstalled: [], .msiApplicationSuperseded: [], .msiApplicationInstallable: [],
        .msiPatchMetadata: [], .msiApplicationMetadata: [],
        .cbsPackageInstalled: [], .cbsPackageInstallable: [],
        .cbsPackageInstalledByIdentity: [a("PackageIdentity", .string, true)],
        .cbsPackageApplicabilityMetadata: [],
        .windowsDriverInstalled: [], .windowsDriverSuperseded: [], .windowsDriverInstallable: [],
        .windowsDriverMetaData: [
            a("HardwareID", .string, true), a("DriverVerDate", .date, true), a("DriverVerVersion", .version, true),
            a("WhqlDriverID", .unsignedInt, true), a("Class", .string, true), a("Company", .string, true),
            a("Provider", .string, true), a("Manufacturer", .string, true), a("Model", .string, true),
        ],
        .windowsDriver: [a("OemOnly", .boolean)],
        .installedVersionRange: [a("Min", .string), a("Max", .string)],
        .featureScore: [a("FeatureScore", .string), a("OperatingSystem", .string)],
        .distributionComputerHardwareId: [],
        .targetComputerHardwareId: [],
    ]

    static let kindByName: [String: RuleKind] = Dictionary(
        uniqueKeysWithValues: RuleKind.allCases.map { ($0.rawValue, $0) })

    /// Identifies a rule element: (kind, family, spelling). `kind` is nil when unknown.
    static func identify(_ name: XMLName) -> (RuleKind?, RuleFamily?, RuleSpelling?) {
        if !name.namespace.isEmpty {
            guard let (family, spelling) = family(ofNamespace: name.namespace) else { return (nil, nil, nil) }
            if let kind = kindByName[name.local], kind.family == family { return (kind, family, spelling) }
            return (nil, family, spelling)
        }
        // wsusscn2 core fragments: namespaces stripped, b./m./d. prefixes, logical and CBS names bare.
        let local = name.local
        let prefixes: [(String, RuleFamily)] = [("b.", .base), ("m.", .msi), ("d.", .driver)]
        for (prefix, family) in prefixes where local.utf8.starts(with: prefix.utf8) {
            if let kind = kindByName[String(decoding: local.utf8.dropFirst(2), as: UTF8.self)], kind.family == family {
                return (kind, family, .fragment)
            }
            return (nil, family, .fragment)
        }
        if let kind = kindByName[local], kind.family == .logical || kind.family == .cbs {
            return (kind, kind.family, .fragment)
        }
        return (nil, nil, nil)
    }

    /// Parses a rule element (recursively). Problems are appended to `diagnostics`.
    static func parse(_ element: XMLElement, file: String, diagnostics: inout [Diagnostic]) -> ApplicabilityRule {
        let (kind, family, spelling) = identify(element.name)
        var rule = ApplicabilityRule(
            name: element.name, kind: kind, family: family, spelling: spelling, attributes: [], children: [],
            content: [], line: element.line, column: element.column)
        func warn(_ code: DiagnosticCode, _ severity: Severity, _ message: String) {
            let location = SourceLocation(line: element.line, column: element.column, offset: -1)
            diagnostics.append(
                Diagnostic(
                    code: code, severity: severity, message: message,
                    range: SourceRange(file: file, start: location, end: location)))
        }
        guard let kind else {
            warn(CatalogCode.unknownRule, .warning, "unknown applicability rule '\(rule.displayName)' kept as it is")
            rule.attributes = element.attributes.map { RuleAttribute(name: $0.name, raw: $0.value, value: nil, type: nil) }
            rule.content = element.children
            if let text = element.significantText {
                rule.content.append(XMLElement(name: XMLName(local: "#text"), text: text))
            }
            return rule
        }
        let specs = attributes[kind] ?? []
        for attribute in element.attributes {
            guard attribute.name.namespace.isEmpty, let spec = specs.first(where: { $0.name == attribute.name.local }) else {
                warn(CatalogCode.unknownRuleAttribute, .note, "'\(rule.displayName)' has no attribute '\(attribute.name.local)' in its schema; kept as text")
                rule.attributes.append(RuleAttribute(name: attribute.name, raw: attribute.value, value: nil, type: nil))
                continue
            }
            let value = typedValue(attribute.value, spec.type)
            if value == nil {
                warn(CatalogCode.invalidRuleAttribute, .warning,
                     "'\(rule.displayName)' attribute \(spec.name)=\"\(attribute.value)\" is not a valid \(spec.type.rawValue)")
            }
            rule.attributes.append(RuleAttribute(name: attribute.name, raw: attribute.value, value: value, type: spec.type))
        }
        for spec in specs where spec.required && rule.attribute(spec.name) == nil {
            warn(CatalogCode.missingRuleAttribute, .warning, "'\(rule.displayName)' lacks the required attribute '\(spec.name)'")
        }
        if ruleContainers.contains(kind) {
            // Every child is in a rule position: one outside the rule namespaces is an unknown rule.
            rule.children = element.children.map { parse($0, file: file, diagnostics: &diagnostics) }
        } else {
            rule.content = element.children
        }
        if let text = element.significantText {
            rule.content.append(XMLElement(name: XMLName(local: "#text"), text: text))
        }
        return rule
    }

    /// The typed value of `text`, or nil when it does not have the type.
    static func typedValue(_ text: String, _ type: RuleAttributeType) -> RuleValue? {
        switch type {
        case .string:
            return .text(text)
        case .unsignedInt:
            guard let value = UInt32(text) else { return nil }
            return .integer(Int64(value))
        case .unsignedShort:
            guard let value = UInt16(text) else { return nil }
            return .integer(Int64(value))
        case .int:
            guard let value = Int32(text) else { return nil }
            return .integer(Int64(value))
        case .fileSize:
            guard let value = Int64(text), value >= 0 else { return nil }
            return .integer(value)
        case .boolean:
            switch text {
            case "true", "1": return .boolean(true)
            case "false", "0": return .boolean(false)
            default: return nil
            }
        case .version, .msiVersion:
            // Parsed on UTF-8 bytes: this runs for every rule of a 100 MB catalog.
            var numbers: [UInt32] = []
            numbers.reserveCapacity(4)
            var current: UInt32 = 0
            var digits = 0
            for byte in text.utf8 {
                if byte == UInt8(ascii: ".") {
                    guard digits > 0 else { return nil }
                    numbers.append(current)
                    current = 0
                    digits = 0
                } else if byte >= 0x30 && byte <= 0x39 {
                    digits += 1
                    guard digits <= 5 else { return nil }
                    current = current * 10 + UInt32(byte - 0x30)
                } else {
                    return nil
                }
            }
            guard digits > 0 else { return nil }
            numbers.append(current)
            let allowed = type == .version ? 4...4 : 1...4
            return allowed.contains(numbers.count) ? .version(numbers) : nil
        case .scalarComparison:
            return ScalarComparison(rawValue: text).map { .scalarComparison($0) }
        case .stringComparison:
            return StringComparison(rawValue: text).map { .stringComparison($0) }
        case .loopLogic:
            return LoopLogic(rawValue: text).map { .loopLogic($0) }
        case .registryKey:
            return RegistryKey(rawValue: text).map { .registryKey($0) }
        case .registryValueType:
            return RegistryValueType(rawValue: text).map { .registryValueType($0) }
        case .csidl:
            guard let value = Int32(text) else { return nil }
            return .csidl(Int(value))
        case .language:
            let bytes = text.utf8
            guard !bytes.isEmpty, bytes.count <= 35, bytes.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") })
            else { return nil }
            return .text(text)
        case .languageIDs:
            var ids: [Int] = []
            for part in text.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                let trimmed = part.drop(while: { $0 == 0x20 }).reversed().drop(while: { $0 == 0x20 }).reversed()
                guard !trimmed.isEmpty, trimmed.count <= 5, trimmed.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
                let id = trimmed.reduce(0) { $0 * 10 + Int($1 - 0x30) }
                guard id <= Int(UInt16.max) else { return nil }
                ids.append(id)
            }
            return ids.isEmpty ? nil : .languageIDs(ids)
        case .guid, .bracedGuid:
            var bytes = Array(text.utf8)[...]
            if type == .bracedGuid {
                guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return nil }
                bytes = bytes.dropFirst().dropLast()
            }
            let groups = bytes.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
            guard groups.map(\.count) == [8, 4, 4, 4, 12], groups.allSatisfy({ $0.allSatisfy(isHexDigit) }) else {
                return nil
            }
            return .text(text)
        case .dateTime, .date:
            // xs:dateTime / xs:date: checked for shape (digits and separators), kept as text.
            let bytes = text.utf8
            guard bytes.count >= 10,
                bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || [0x2D, 0x3A, 0x54, 0x5A, 0x2E, 0x2B].contains($0) })
            else { return nil }
            return .text(text)
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }
}

