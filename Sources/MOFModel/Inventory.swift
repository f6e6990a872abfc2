import MofkitSource

/// A ConfigMgr/SMS reporting class (`SMS_Report(TRUE)` in `root\cimv2\sms`) and what it reports on.
public struct ReportingClass: Sendable {
    /// The reporting class itself.
    public var definition: ClassDefinition
    /// Where the hardware inventory agent looks for the data class.
    public var dataNamespace: NamespacePath
    /// The data class, when the compilation or the context defines it.
    public var dataClass: ClassDefinition?
    /// `SMS_Namespace(TRUE)`: the data comes from a provider in the SMS namespace itself.
    public var dataInSMSNamespace: Bool
    /// `SMS_Group_Name`, if given.
    public var groupName: String?
    /// `SMS_Class_ID`, if given.
    public var classID: String?
    /// Properties with `SMS_Report(TRUE)`.
    public var reportedProperties: [PropertyDefinition]
}

/// The registry path inside a `PropertyContext` / `ClassContext` string.
public struct RegistryLocation: Sendable, Hashable {
    /// `local`, or a machine name.
    public var machine: String
    /// The hive as written, e.g. `HKEY_LOCAL_MACHINE`.
    public var hive: String
    /// The key below the hive, components joined by `\`.
    public var keyPath: String
    /// The value name (`PropertyContext` of RegPropProv); `nil` for a `ClassContext`.
    public var valueName: String?

    /// Parses `local|HIVE\path|ValueName` (`withValueName`) or `local|HIVE\path`. Returns `nil` when
    /// the shape is wrong.
    public init?(context: String, withValueName: Bool) {
        // Split as bytes: `|` and `\` are ASCII, so they never fall inside a multi-byte character.
        let parts = context.utf8.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false)
        guard parts.count == (withValueName ? 3 : 2), !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        machine = String(Substring(parts[0]))
        let path = parts[1]
        if let slash = path.firstIndex(of: UInt8(ascii: "\\")) {
            hive = String(Substring(path[..<slash]))
            keyPath = String(Substring(path[path.index(after: slash)...]))
        } else {
            hive = String(Substring(path))
            keyPath = ""
        }
        valueName = withValueName ? String(Substring(parts[2])) : nil
    }

    /// The full key, `HIVE\path`.
    public var key: String { keyPath.isEmpty ? hive : hive + "\\" + keyPath }

    /// The registry hives RegProv and RegPropProv accept.
    public static let knownHives: Set<String> = [
        "HKEY_LOCAL_MACHINE", "HKEY_CURRENT_USER", "HKEY_CLASSES_ROOT", "HKEY_USERS", "HKEY_CURRENT_CONFIG", "HKEY_DYN_DATA",
    ]
}

extension NamespacePath {
    /// Parses a namespace however it is escaped (`\\.\root\cimv2`, `\\\\.\\root\\cimv2`, `root\cimv2`).
    public init?(lenient text: String) {
        var parts: [String]
        let hasServer: Bool
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (every real namespace): split the bytes, as the character loop below would.
            let separator: (UInt8) -> Bool = { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "/") }
            hasServer = text.utf8.first.map(separator) ?? false
            parts = text.utf8.split(whereSeparator: separator).map { String(decoding: $0, as: UTF8.self) }
        } else {
            var rest = Substring(text)
            hasServer = rest.hasPrefix("\\") || rest.hasPrefix("/")
            while let f = rest.first, f == "\\" || f == "/" { rest = rest.dropFirst() }
            parts = rest.split(whereSeparator: { $0 == "\\" || $0 == "/" }).map(String.init)
        }
        if hasServer, !parts.isEmpty { parts.removeFirst() }
        guard !parts.isEmpty, parts.allSatisfy({ !$0.unicodeScalars.contains { $0.value < 0x20 } }) else { return nil }
        self.init(components: parts)
    }

    /// Whether this is `root\cimv2\sms` or below it.
    public var isSMSNamespace: Bool {
        components.count >= 3 && components[0].equalsIgnoringCase("root") && components[1].equalsIgnoringCase("cimv2")
            && components[2].equalsIgnoringCase("sms")
    }
}

extension MOFSemanticModel {
    /// Whether `definition` is a reporting class: `SMS_Report(TRUE)` on the class, in
    /// `root\cimv2\sms` (or in a file without a namespace pragma, as the console imports them), or
    /// with an `SMS_Class_ID`, or marked `SMS_Namespace(…)` + `Namespace(…)`.
    public func isReportingClass(_ definition: ClassDefinition) -> Bool {
        guard definition.qualifiers.isSet("SMS_Report") else { return false }
        return definition.namespace.isSMSNamespace || definition.namespace == .rootDefault
            || definition.qualifiers.first(named: "SMS_Class_ID") != nil
            || (definition.qualifiers.first(named: "SMS_Namespace") != nil && definition.qualifiers.first(named: "Namespace") != nil)
    }

    /// The reporting classes of the compilation, in definition order.
    public var reportingClasses: [ReportingClass] {
        reportingClassIndices.compactMap { slots[$0].map(reportingClass) }
    }

    /// The slots of the compilation's reporting classes, in definition order (found without
    /// copying any class out of its slot).
    var reportingClassIndices: [Int] {
        slots.indices.filter { slots[$0]?.origin == .compilation && isReportingClass(at: $0) }
    }

    /// ``isReportingClass(_:)`` for the class in slot `index`, read in place.
    func isReportingClass(at index: Int) -> Bool {
        guard let qualifiers = slots[index]?.qualifiers, qualifiers.isSet("SMS_Report"),
            let namespace = slots[index]?.namespace else { return false }
        return namespace.isSMSNamespace || namespace == .rootDefault
            || qualifiers.contains(named: "SMS_Class_ID")
            || (qualifiers.contains(named: "SMS_Namespace") && qualifiers.contains(named: "Namespace"))
    }

    /// Resolves a reporting class's data namespace and data class.
    public func reportingClass(_ definition: ClassDefinition) -> ReportingClass {
        let inSMS = definition.qualifiers.first(named: "SMS_Namespace")?.isTrue ?? false
        var dataNamespace = NamespacePath.rootCIMv2
        if inSMS {
            dataNamespace = definition.namespace
        } else if let text = definition.qualifiers.string("Namespace"), let path = NamespacePath(lenient: text) {
            dataNamespace = path
        }
        var dataClass: ClassDefinition?
        if !inSMS {
            dataClass = lookupClass(definition.name, in: dataNamespace)
            if dataClass == nil && definition.namespace == .rootDefault {
                // Console-import files carry no namespace: look for a data class anywhere else.
                dataClass = classes(named: definition.name).first { !isReportingClass($0) && $0.namespace != definition.namespace }
            }
            if let found = dataClass, found.namespace == definition.namespace { dataClass = nil }
        }
        return ReportingClass(
            definition: definition, dataNamespace: dataNamespace, dataClass: dataClass, dataInSMSNamespace: inSMS,
            groupName: definition.qualifiers.string("SMS_Group_Name"), classID: definition.qualifiers.string("SMS_Class_ID"),
            reportedProperties: definition.properties.filter { $0.qualifiers.isSet("SMS_Report") || ($0.classOrigin != definition.name && $0.effectiveQualifiers.isSet("SMS_Report")) })
    }
}
