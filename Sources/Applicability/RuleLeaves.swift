import MachineState
import UpdateCatalog

/// The evaluators of the leaf rules (every rule that is not `lar:` logic or `RegKeyLoop`).
///
/// Missing data: a registry key, value or file that the snapshot does not hold is taken as absent
/// from the machine (the rule is then false, as the documented "does not pass verification" says),
/// but only when the snapshot holds registry data / file data at all; otherwise, and for every fact
/// a snapshot cannot hold (system metrics, cluster state, licensing values, installation history),
/// the rule is `unknown` and says what is missing.
enum RuleLeaves {
    typealias Function = @Sendable (MachineView, inout LeafContext) -> Truth

    struct Made {
        var leaf: CompiledLeaf
        var unsupported = false
    }

    static func summary(_ rule: ApplicabilityRule) -> String {
        rule.attributes.map { "\($0.name.local)=\"\($0.raw)\"" }.joined(separator: " ")
    }

    /// The key that identifies equal leaves: the rule, its attributes and content, and the scope
    /// data the rule reads.
    static func internKey(_ rule: ApplicabilityRule, scope: CompileScope) -> LeafKey {
        var key = LeafKey(rule: rule.name.description, attributes: summary(rule), content: rule.content.map(describe))
        if let kind = rule.kind, usesMetadata(kind), let metadata = scope.metadata {
            key.metadata = [summary(metadata)] + metadata.content.map(describe)
        }
        if rule.kind == .installedOnce { key.kbArticles = scope.kbArticles }
        return key
    }

    /// What makes two compiled leaves the same (see ``internKey(_:scope:)``).
    struct LeafKey: Hashable, Sendable {
        var rule: String
        var attributes: String
        var content: [String]
        /// The update metadata the rule reads, when it reads any.
        var metadata: [String]?
        /// The update's KB articles, for `InstalledOnce`.
        var kbArticles: [String]?
    }

    static func usesMetadata(_ kind: RuleKind) -> Bool {
        switch kind {
        case .msiPatchInstalled, .msiPatchSuperseded, .msiPatchInstallable, .msiApplicationInstalled,
            .msiApplicationSuperseded, .msiApplicationInstallable, .windowsDriverInstalled,
            .windowsDriverSuperseded, .windowsDriverInstallable, .cbsPackageInstalled, .cbsPackageInstallable:
            return true
        default:
            return false
        }
    }

    static func describe(_ element: XMLElement) -> String {
        var text = element.name.local
        for attribute in element.attributes { text += " \(attribute.name.local)=\(attribute.value)" }
        if let significant = element.significantText { text += " '\(significant)'" }
        for child in element.children { text += " (" + describe(child) + ")" }
        return text
    }

    static func make(_ rule: ApplicabilityRule, kind: RuleKind, scope: CompileScope, options: EvaluationOptions) -> Made {
        let name = rule.displayName
        func leaf(_ function: @escaping Function) -> Made {
            Made(leaf: CompiledLeaf(name: name, summary: summary(rule), evaluate: function))
        }
        func fixed(_ reason: String, unsupported: Bool = false) -> Made {
            var made = leaf { _, context in context.unknown(reason) }
            made.unsupported = unsupported
            return made
        }
        // Required attributes with the schema's type; a missing or invalid one makes the rule unknown.
        func text(_ attribute: RuleAttributeName) -> String? {
            if case .text(let value)? = rule.value(attribute) { return value }
            return nil
        }
        func integer(_ attribute: RuleAttributeName) -> Int64? {
            if case .integer(let value)? = rule.value(attribute) { return value }
            return nil
        }
        func scalar(_ attribute: RuleAttributeName) -> ScalarComparison? {
            if case .scalarComparison(let value)? = rule.value(attribute) { return value }
            return nil
        }
        func version(_ attribute: RuleAttributeName) -> [UInt32]? {
            if case .version(let value)? = rule.value(attribute) { return value }
            return nil
        }
        func boolean(_ attribute: RuleAttributeName, default value: Bool) -> Bool {
            if case .boolean(let b)? = rule.value(attribute) { return b }
            return value
        }
        func invalid(_ attribute: RuleAttributeName) -> Made {
            let raw = rule.attribute(attribute)?.raw
            return fixed(raw.map { "attribute \(attribute.rawValue)=\"\($0)\" is not valid" } ?? "required attribute \(attribute.rawValue) is missing")
        }

        switch kind {
        case .windowsVersion, .platformVersion:
            return windowsVersion(rule, leaf: leaf)
        case .windowsLanguage, .platformLanguage:
            guard let language = text(.language) else { return invalid(.language) }
            return leaf { view, context in
                let mui = muiInstalled(view)
                if mui == .true {
                    context.saw("MUI is installed (the rule is false then)")
                    return .false
                }
                guard let lcid = view.snapshot.os.language else { return context.unknown("the snapshot has no OS language") }
                guard let tag = Languages.tag(lcid: lcid) else { return context.unknown("OS language LCID \(lcid) is not in mofkit's language table") }
                context.saw("OS language \(tag) (LCID \(lcid))")
                return Truth(Languages.matches(tag: tag, wanted: language))
            }
        case .muiInstalled:
            return leaf { view, context in
                let result = muiInstalled(view)
                if result == .unknown { return context.unknown("the snapshot has no registry data (MUI languages)") }
                context.saw("UI languages: \(muiLanguages(view).joined(separator: ", "))")
                return result
            }
        case .muiLanguageInstalled:
            guard let language = text(.language) else { return invalid(.language) }
            return leaf { view, context in
                if view.snapshot.registry.isEmpty { return context.unknown("the snapshot has no registry data (MUI languages)") }
                let languages = muiLanguages(view)
                context.saw("UI languages: \(languages.joined(separator: ", "))")
                return Truth(languages.count > 1 && languages.contains { Languages.matches(tag: $0, wanted: language) })
            }
        case .systemMetric:
            return fixed("GetSystemMetrics values are not part of a snapshot", unsupported: true)
        case .processor:
            guard let architecture = integer(.architecture) else { return invalid(.architecture) }
            let level = integer(.level)
            let revision = integer(.revision)
            return leaf { view, context in
                guard let actual = view.snapshot.os.architecture else { return context.unknown("the snapshot has no OS architecture") }
                let number = Int64(architectureNumber(actual))
                context.saw("architecture \(actual.rawValue) (\(number))")
                if number != architecture { return .false }
                var result = Truth.true
                for (property, wanted) in [("Level", level), ("Revision", revision)] {
                    guard let wanted else { continue }
                    guard let value = view.wmiValue("Win32_Processor", property)?.integerValue else {
                        result = result && context.unknown("Win32_Processor.\(property) is not in the snapshot")
                        continue
                    }
                    result = result && Truth(value == wanted)
                }
                return result
            }
        case .numberOfProcessors:
            guard let comparison = scalar(.comparison) else { return invalid(.comparison) }
            guard let number = integer(.number) else { return invalid(.number) }
            return leaf { view, context in
                guard let count = view.wmiValue("Win32_ComputerSystem", "NumberOfLogicalProcessors")?.integerValue
                    ?? view.wmiValue("Win32_ComputerSystem", "NumberOfProcessors")?.integerValue
                else { return context.unknown("Win32_ComputerSystem.NumberOfLogicalProcessors is not in the snapshot") }
                context.saw("\(count) processor(s)")
                return Truth(RuleComparison.holds(comparison, order: RuleComparison.order(count, number)))
            }
        case .clusteredOS:
            return leaf { view, context in
                if view.snapshot.registry.isEmpty { return context.unknown("the snapshot has no registry data (HKLM\\Cluster)") }
                let exists = view.snapshot.registryKey("HKEY_LOCAL_MACHINE\\Cluster") != nil
                context.saw(exists ? "HKLM\\Cluster exists" : "no HKLM\\Cluster key")
                return Truth(exists)
            }
        case .clusterResourceOwner:
            return fixed("cluster resource ownership is not part of a snapshot", unsupported: true)
        case .fileExists, .fileExistsPrependRegSz, .fileVersion, .fileVersionPrependRegSz, .fileCreated,
            .fileCreatedPrependRegSz, .fileModified, .fileModifiedPrependRegSz, .fileSize, .fileSizePrependRegSz:
            return FileRules.make(rule, kind: kind, leaf: leaf, invalid: invalid)
        case .regKeyExists, .regValueExists, .regDword, .regExpandSz, .regSz, .regSzToVersion, .wuv4RegKeyValue,
            .wuv4RegKeySubstring:
            return RegistryRules.make(rule, kind: kind, options: options, leaf: leaf, invalid: invalid)
        case .wmiQuery:
            guard let query = text(.wqlQuery) else { return invalid(.wqlQuery) }
            let namespace = text(.namespace) ?? "root\\cimv2"
            switch WQLQuery.parse(query) {
            case .failure(let error):
                return fixed("unsupported WQL: \(error)", unsupported: true)
            case .success(let parsed):
                let classKey = MachineView.classKey(namespace, parsed.className)
                let condition = parsed.condition.map(PreparedWQLCondition.init)
                let namespaceKey = WMIInstance.normalizeNamespace(namespace).lowercased()
                return leaf { view, context in
                    guard let instances = view.wmiClass(classKey: classKey), instances.count > 0 else {
                        // WmiQuery is true on one or more rows, false on zero (MS-WUSP Appendix B <42>):
                        // a class the snapshot has no instance of, in a namespace it collected, has none.
                        if view.wmiNamespaces.contains(namespaceKey) {
                            context.saw("0 \(parsed.className) instances")
                            return .false
                        }
                        return context.unknown("the snapshot has no WMI data in \(WMIInstance.normalizeNamespace(namespace)) (no instances of \(parsed.className))")
                    }
                    var sawUnknown: String?
                    var matched = 0
                    let columns = condition?.columns(in: instances) ?? []
                    for row in 0..<instances.count {
                        let truth = condition?.evaluate(row: row, columns: columns, missing: &sawUnknown) ?? .true
                        if truth == .true {
                            matched += 1
                            if !context.tracing { return .true }
                        }
                    }
                    context.saw("\(matched) of \(instances.count) \(parsed.className) instance(s) match")
                    if matched > 0 { return .true }
                    if let sawUnknown { return context.unknown("\(parsed.className) instances lack property \(sawUnknown)") }
                    return .false
                }
            }
        case .installedOnce:
            let kbs = scope.kbArticles
            return leaf { view, context in
                if let kb = kbs.first(where: { view.index.hasInstalledUpdate($0) }) {
                    context.saw("KB\(kb) is in the installed updates")
                    return .true
                }
                return context.unknown("installation history is not part of a snapshot (no KB of the update is in the installed updates)")
            }
        case .genericQuery:
            return fixed("GenericQuery has no documented evaluator", unsupported: true)
        case .platform:
            guard let id = integer(.platformID) else { return invalid(.platformID) }
            return leaf { view, context in
                guard view.snapshot.os.version != nil || view.snapshot.os.build != nil else {
                    return context.unknown("the snapshot has no OS version")
                }
                // Every snapshot OS is Windows NT: VER_PLATFORM_WIN32_NT = 2.
                context.saw("platform 2 (Windows NT)")
                return Truth(id == 2)
            }
        case .licenseValueExists, .licenseDword:
            return fixed("Software Licensing values are not part of a snapshot", unsupported: true)
        case .memory:
            guard let megabytes = integer(.minSizeInMB) else { return invalid(.minSizeInMB) }
            return leaf { view, context in
                guard let bytes = view.wmiValue("Win32_ComputerSystem", "TotalPhysicalMemory")?.integerValue else {
                    return context.unknown("Win32_ComputerSystem.TotalPhysicalMemory is not in the snapshot")
                }
                context.saw("\(bytes >> 20) MB")
                return Truth(bytes >> 20 >= megabytes)
            }
        case .videoMemory, .direct3D, .sensorById, .nfc, .camera, .productReleaseInstalled:
            return fixed("\(name) has no published semantics", unsupported: true)
        case .msiProductInstalled, .msiPatchInstalledForProduct, .msiComponentInstalledForProduct,
            .msiFeatureInstalledForProduct, .msiPatchInstalled, .msiPatchSuperseded, .msiPatchInstallable,
            .msiApplicationInstalled, .msiApplicationSuperseded, .msiApplicationInstallable:
            return MSIRules.make(rule, kind: kind, scope: scope, leaf: leaf, fixed: fixed, invalid: invalid)
        case .cbsPackageInstalledByIdentity:
            guard let identity = text(.packageIdentity) else { return invalid(.packageIdentity) }
            return leaf { view, context in
                if view.snapshot.cbsPackages.isEmpty { return context.unknown("the snapshot has no CBS packages") }
                guard let package = view.index.cbsPackage(identity: identity) else {
                    context.saw("no CBS package \(identity)")
                    return .false
                }
                context.saw("CBS package state \(package.state)")
                return Truth(package.state.lowercased() == "installed")
            }
        case .cbsPackageInstalled, .cbsPackageInstallable:
            return fixed("CBS applicability metadata is not evaluated (no public schema)", unsupported: true)
        case .windowsDriverInstalled, .windowsDriverSuperseded, .windowsDriverInstallable:
            return DriverRules.make(kind: kind, scope: scope, leaf: leaf, fixed: fixed)
        case .msiPatchMetadata, .msiApplicationMetadata, .cbsPackageApplicabilityMetadata, .windowsDriverMetaData:
            return fixed("\(name) is metadata, not a rule")
        case .windowsDriver, .installedVersionRange, .featureScore, .distributionComputerHardwareId, .targetComputerHardwareId:
            return fixed("\(name) has no published semantics", unsupported: true)
        case .true, .false, .and, .or, .not, .regKeyLoop:
            return fixed("\(name) is not a leaf rule")  // input-unreachable: the compiler handles these itself
        }
    }

    // MARK: WindowsVersion

    static func windowsVersion(_ rule: ApplicabilityRule, leaf: (@escaping Function) -> Made) -> Made {
        let comparison: ScalarComparison
        if case .scalarComparison(let c)? = rule.value(.comparison) { comparison = c } else { comparison = .equalTo }
        func number(_ name: RuleAttributeName) -> Int64? {
            if case .integer(let n)? = rule.value(name) { return n }
            return nil
        }
        let wanted: [(RuleAttributeName, Int64)] = [(.majorVersion, number(.majorVersion)), (.minorVersion, number(.minorVersion)),
                                         (.buildNumber, number(.buildNumber)), (.servicePackMajor, number(.servicePackMajor)),
                                         (.servicePackMinor, number(.servicePackMinor))].compactMap { name, value in value.map { (name, $0) } }
        let suiteMask = number(.suiteMask)
        let allSuites: Bool
        if case .boolean(let b)? = rule.value(.allSuitesMustBePresent) { allSuites = b } else { allSuites = false }
        let productType = number(.productType)
        return leaf { view, context in
            let os = view.snapshot.os
            var actual: [Int] = []
            var expected: [Int] = []
            for (name, value) in wanted {
                let fact: Int?
                switch name {
                case .majorVersion: fact = os.majorVersion
                case .minorVersion: fact = os.minorVersion
                case .buildNumber: fact = os.build ?? os.version.flatMap { v in v.split(separator: ".").dropFirst(2).first.flatMap { Int($0) } }
                case .servicePackMajor: fact = os.servicePackMajor
                default: fact = os.servicePackMinor
                }
                guard let fact else { return context.unknown("the snapshot has no OS \(name.rawValue)") }
                actual.append(fact)
                expected.append(Int(value))
            }
            context.saw("OS \(os.version ?? "?") SP\(os.servicePackMajor.map(String.init) ?? "?").\(os.servicePackMinor.map(String.init) ?? "?") type \(os.productType.map { String($0.number) } ?? "?") suites \(os.suiteMask.map(String.init) ?? "?")")
            if !actual.isEmpty, !RuleComparison.holds(comparison, order: RuleComparison.compareTuples(actual, expected)) { return .false }
            if let productType {
                guard let type = os.productType else { return context.unknown("the snapshot has no OS product type") }
                if Int64(type.number) != productType { return .false }
            }
            if let suiteMask, suiteMask != 0 {
                guard let mask = os.suiteMask else { return context.unknown("the snapshot has no OS suite mask") }
                let present = Int64(mask) & suiteMask
                if allSuites ? present != suiteMask : present == 0 { return .false }
            }
            return .true
        }
    }

    static func architectureNumber(_ architecture: Architecture) -> Int {
        switch architecture {
        case .x86: return 0
        case .arm: return 5
        case .ia64: return 6
        case .x64: return 9
        case .arm64: return 12
        }
    }

    static let muiKey = RegistryPath("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\MUI\\UILanguages")

    static func muiLanguages(_ view: MachineView) -> [String] {
        view.snapshot.registrySubkeys(of: muiKey.path)
    }

    /// MUI counts as installed when more than one UI language is registered.
    static func muiInstalled(_ view: MachineView) -> Truth {
        if view.snapshot.registry.isEmpty { return .unknown }
        return Truth(muiLanguages(view).count > 1)
    }
}

/// A WQL condition prepared for matching: literals lower-cased, property names (lower case)
/// numbered, so that a query looks each property's column up once per class and then walks rows.
struct PreparedWQLCondition: Sendable {
    let root: PreparedCondition
    /// Lower-cased property names, by the number the condition nodes use.
    let properties: [String]

    init(_ condition: WQLCondition) {
        var properties: [String] = []
        root = PreparedCondition(condition, properties: &properties)
        self.properties = properties
    }

    /// Each property's column in `wmiClass` (nil: no instance has it).
    func columns(in wmiClass: PreparedWMIClass) -> [[PreparedWMIValue?]?] {
        properties.map { wmiClass.column($0) }
    }

    /// The condition on one instance (`row`) of a class whose ``columns(in:)`` are given.
    func evaluate(row: Int, columns: [[PreparedWMIValue?]?], missing: inout String?) -> Truth {
        root.evaluate(row: row, columns: columns, names: properties, missing: &missing)
    }
}

/// A node of a ``PreparedWQLCondition``; properties are indices into its `properties`.
indirect enum PreparedCondition: Sendable {
    case and(PreparedCondition, PreparedCondition)
    case or(PreparedCondition, PreparedCondition)
    case not(PreparedCondition)
    case compare(property: Int, op: WQLOperator, literal: WQLLiteral, lowercased: [UInt8]?)
    case like(property: Int, pattern: LikePattern, negated: Bool)
    case isNull(property: Int, negated: Bool)
    case constant(Bool)

    init(_ condition: WQLCondition, properties: inout [String]) {
        func number(_ property: String) -> Int {
            let name = property.lowercased()
            if let index = properties.firstIndex(of: name) { return index }
            properties.append(name)
            return properties.count - 1
        }
        switch condition {
        case .and(let a, let b): self = .and(PreparedCondition(a, properties: &properties), PreparedCondition(b, properties: &properties))
        case .or(let a, let b): self = .or(PreparedCondition(a, properties: &properties), PreparedCondition(b, properties: &properties))
        case .not(let a): self = .not(PreparedCondition(a, properties: &properties))
        case .compare(let property, let op, let literal):
            var lower: [UInt8]?
            if case .string(let s) = literal { lower = Array(s.lowercased().utf8) }
            self = .compare(property: number(property), op: op, literal: literal, lowercased: lower)
        case .like(let property, let pattern, let negated): self = .like(property: number(property), pattern: pattern, negated: negated)
        case .isNull(let property, let negated): self = .isNull(property: number(property), negated: negated)
        case .constant(let b): self = .constant(b)
        }
    }

    /// Three-valued: a property the instance does not have is unknown (its name goes to `missing`);
    /// a NULL value makes comparisons false, as in WQL.
    func evaluate(row: Int, columns: [[PreparedWMIValue?]?], names: [String], missing: inout String?) -> Truth {
        switch self {
        case .and(let a, let b):
            let left = a.evaluate(row: row, columns: columns, names: names, missing: &missing)
            if left == .false { return .false }
            return left && b.evaluate(row: row, columns: columns, names: names, missing: &missing)
        case .or(let a, let b):
            let left = a.evaluate(row: row, columns: columns, names: names, missing: &missing)
            if left == .true { return .true }
            return left || b.evaluate(row: row, columns: columns, names: names, missing: &missing)
        case .not(let a):
            return !a.evaluate(row: row, columns: columns, names: names, missing: &missing)
        case .constant(let b):
            return Truth(b)
        case .isNull(let property, let negated):
            guard let value = columns[property]?[row] else {
                missing = missing ?? names[property]
                return .unknown
            }
            let isNull: Bool
            if case .null = value.value { isNull = true } else { isNull = false }
            return Truth(isNull != negated)
        case .like(let property, let pattern, let negated):
            guard let value = columns[property]?[row] else {
                missing = missing ?? names[property]
                return .unknown
            }
            guard let lower = value.lowercased else {
                if case .null = value.value { return .false }
                let text = Self.text(value.value).lowercased()
                return Truth(pattern.matches(lowercased: Array(text.utf8)) != negated)
            }
            return Truth(pattern.matches(lowercased: lower) != negated)
        case .compare(let property, let op, let literal, let literalLower):
            guard let value = columns[property]?[row] else {
                missing = missing ?? names[property]
                return .unknown
            }
            guard let order = Self.order(value, literal, literalLower) else { return .false }
            switch op {
            case .equal: return Truth(order == 0)
            case .notEqual: return Truth(order != 0)
            case .less: return Truth(order < 0)
            case .greater: return Truth(order > 0)
            case .lessOrEqual: return Truth(order <= 0)
            case .greaterOrEqual: return Truth(order >= 0)
            }
        }
    }

    static func text(_ value: WMIValue) -> String {
        switch value {
        case .string(let s): return s
        case .integer(let n): return String(n)
        case .unsignedInteger(let n): return String(n)
        case .real(let d): return String(d)
        case .boolean(let b): return b ? "TRUE" : "FALSE"
        case .array(let items): return items.map(text).joined(separator: ",")
        case .null: return ""
        }
    }

    /// Orders a value against a literal; nil when they cannot be compared (NULL, arrays, text vs number).
    static func order(_ value: PreparedWMIValue, _ literal: WQLLiteral, _ literalLower: [UInt8]?) -> Int? {
        switch (value.value, literal) {
        case (.null, _), (_, .null), (.array, _): return nil
        case (.string, .string):
            guard let a = value.lowercased, let b = literalLower else { return nil }
            return a.lexicographicallyPrecedes(b) ? -1 : (a == b ? 0 : 1)
        case (.boolean(let a), .boolean(let b)): return RuleComparison.order(a ? 1 : 0, b ? 1 : 0)
        case (_, .integer(let b)):
            if let a = value.value.integerValue { return RuleComparison.order(a, b) }
            if case .real(let d) = value.value { return RuleComparison.order(d, Double(b)) }
            return nil
        case (_, .real(let b)):
            switch value.value {
            case .real(let d): return RuleComparison.order(d, b)
            case .string(let s): return Double(s).map { RuleComparison.order($0, b) }
            default: return value.value.integerValue.map { RuleComparison.order(Double($0), b) }
            }
        case (_, .string(let s)):
            // A number or boolean property against a quoted literal: compare as numbers if the text is one.
            if let a = value.value.integerValue, let b = Int64(s) { return RuleComparison.order(a, b) }
            let a = Array(text(value.value).lowercased().utf8)
            let b = literalLower ?? []
            return a.lexicographicallyPrecedes(b) ? -1 : (a == b ? 0 : 1)
        case (_, .boolean(let b)):
            guard let a = value.value.integerValue else { return nil }
            return RuleComparison.order(a, b ? 1 : 0)
        }
    }
}
