import InventoryRules
import MachineState
import MofkitSource

/// A value in an inventory row, typed after the MOF property's CIM type.
public indirect enum InventoryValue: Sendable, Hashable {
    /// `string`, `datetime` and `char16` properties.
    case string(String)
    /// Signed integer properties (`sint8` … `sint64`).
    case integer(Int64)
    /// Unsigned integer properties (`uint8` … `uint64`).
    case unsignedInteger(UInt64)
    /// `real32` and `real64` properties.
    case real(Double)
    /// `boolean` properties.
    case boolean(Bool)
    /// Array properties, element by element.
    case array([InventoryValue])
    /// No value: the registry value or WMI property is absent, or could not be converted.
    case null

    /// The value as text for CSV and tables: numbers in decimal, booleans `TRUE`/`FALSE` (as the
    /// site database stores them), arrays joined with `;`, null as nil.
    public var text: String? {
        switch self {
        case .string(let s): return s
        case .integer(let n): return String(n)
        case .unsignedInteger(let n): return String(n)
        case .real(let d): return "\(d)"
        case .boolean(let b): return b ? "TRUE" : "FALSE"
        case .array(let items): return items.map { $0.text ?? "" }.joined(separator: ";")
        case .null: return nil
        }
    }
}

/// A column of an inventory group: a reported property (or `MachineName`).
public struct InventoryColumn: Sendable, Hashable {
    /// The property name, as the MOF spells it.
    public var name: String
    /// The CIM type (`string`, `uint32`, `string[]`, `datetime`, …).
    public var cimType: String
    /// Whether the property is a key of the class.
    public var isKey: Bool

    /// A column for one property.
    public init(name: String, cimType: String, isKey: Bool) {
        self.name = name
        self.cimType = cimType
        self.isKey = isKey
    }
}

/// The rows one reporting class gives: what a table `v_GS_<Group>` would hold. The first column
/// is always `MachineName`.
public struct InventoryGroup: Sendable, Hashable {
    /// `SMS_Group_Name`, or the class name when the class has none.
    public var groupName: String
    /// The reporting class's name.
    public var className: String
    /// `SMS_Class_ID`, when the class has one.
    public var classID: String?
    /// `wmi-class`, `registry-values` or `registry-keys`.
    public var sourceKind: String
    /// `MachineName`, then the reported properties in MOF order.
    public var columns: [InventoryColumn]
    /// One array per row, aligned with ``columns``.
    public var rows: [[InventoryValue]]

    /// A group with its columns and rows.
    public init(groupName: String, className: String, classID: String?, sourceKind: String, columns: [InventoryColumn], rows: [[InventoryValue]]) {
        self.groupName = groupName
        self.className = className
        self.classID = classID
        self.sourceKind = sourceKind
        self.columns = columns
        self.rows = rows
    }

    /// The site's view name, `v_GS_<InvClassName>`: ConfigMgr names a group's view after the middle
    /// part of its `SMS_Class_ID` (`MICROSOFT|LOGICAL_DISK|1.0` → `v_GS_LOGICAL_DISK`, `MICROSOFT|DISK|1.0`
    /// for the "Disk Drives" group → `v_GS_DISK`); without a usable class id, the group name. Letters,
    /// digits and `_` only (spaces and others become `_`).
    public var tableName: String {
        var base = groupName
        if let classID {
            let parts = classID.split(separator: "|", omittingEmptySubsequences: false)
            if parts.count == 3, !parts[1].isEmpty { base = String(parts[1]) }
        }
        return "v_GS_" + String(base.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }
}

/// Collection diagnostics (`INV1xxx`).
public enum InventoryCode: DiagnosticCodeSet {
    /// A registry value's type does not convert to the property's CIM type.
    public static let registryTypeMismatch: DiagnosticCode = "INV1001"
    /// A WMI property's value does not fit the property's CIM type.
    public static let wmiTypeMismatch: DiagnosticCode = "INV1002"
    /// A rule that names no usable registry location.
    public static let unusableRule: DiagnosticCode = "INV1003"

    /// `mofkit explain` texts.
    public static let descriptors: [DiagnosticDescriptor] = [
        DiagnosticDescriptor(
            code: registryTypeMismatch, title: "registry value does not convert to the property type", defaultSeverity: .warning,
            explanation: "RegPropProv and RegProv hand a registry value to WMI as the MOF property's type: REG_SZ and REG_EXPAND_SZ to string (and datetime when the text is a DMTF datetime), REG_DWORD / REG_QWORD to integer types (and to string as decimal text, and to boolean as nonzero), REG_MULTI_SZ to string[], REG_BINARY to uint8[]. Any other pairing (a REG_SZ \"12\" for a uint32 property, a REG_MULTI_SZ for a string) gives no value: the property is reported as NULL. Change the property's type in the MOF or the value's type on the machines.",
            wrongExample: "[PropertyContext(\"local|HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Contoso|Count\")] uint32 Count;   // Count is REG_SZ \"12\"",
            rightExample: "[PropertyContext(\"local|HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Contoso|Count\")] string Count;"),
        DiagnosticDescriptor(
            code: wmiTypeMismatch, title: "WMI value does not fit the property type", defaultSeverity: .warning,
            explanation: "A snapshot's WMI instance holds a value that does not fit the reporting class's property type (text for a uint32, a negative number for an unsigned type, a number above the type's range). The property is reported as NULL. Integers written as decimal strings (as WMI gives uint64 values) are accepted.",
            wrongExample: "\"Win32_Processor\": [{ \"MaxClockSpeed\": \"fast\" }]",
            rightExample: "\"Win32_Processor\": [{ \"MaxClockSpeed\": 2419 }]"),
        DiagnosticDescriptor(
            code: unusableRule, title: "collection rule names no registry location", defaultSeverity: .warning,
            explanation: "A RegPropProv PropertyContext or a RegProv ClassContext could not be split into hive, key and value name (mofkit check reports why, as MOF40xx). The client collects nothing for it, and neither does mofkit.",
            wrongExample: "[PropertyContext(\"HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Contoso\")] Version;",
            rightExample: "[PropertyContext(\"local|HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Contoso|Version\")] Version;"),
    ]
}

/// Applies compiled collection rules to machine snapshots: the rows hardware inventory would
/// report. Missing classes, keys and values give no row (or NULL), never an error, as on a client.
public struct InventoryCollector: Sendable {
    /// The rules applied, as `InventoryRules` compiled them.
    public let rules: CollectionRules

    /// A collector for `rules`; build it once and collect from any number of snapshots.
    public init(rules: CollectionRules) { self.rules = rules }

    /// The empty groups (columns only), one per reporting class, in rule order.
    public func emptyGroups() -> [InventoryGroup] {
        rules.reportedClasses.map { rule in
            InventoryGroup(
                groupName: rule.groupName ?? rule.className, className: rule.className, classID: rule.classID,
                sourceKind: rule.source.kind,
                columns: [InventoryColumn(name: "MachineName", cimType: "string", isKey: true)]
                    + rule.properties.filter(\.reported).map { InventoryColumn(name: $0.name, cimType: $0.cimType, isKey: $0.key) },
                rows: [])
        }
    }

    /// Collects every machine; groups keep rule order, rows machine order.
    public func collect(_ snapshots: [MachineSnapshot]) -> (groups: [InventoryGroup], diagnostics: [Diagnostic]) {
        var groups = emptyGroups()
        var diagnostics: [Diagnostic] = []
        for snapshot in snapshots {
            for (index, rule) in rules.reportedClasses.enumerated() {
                let (rows, found) = collect(rule, from: snapshot)
                groups[index].rows += rows
                diagnostics += found
            }
        }
        return (groups, diagnostics)
    }

    /// The rows of one reporting class on one machine (each starting with the machine name).
    public func collect(_ rule: ReportedClassRule, from snapshot: MachineSnapshot) -> (rows: [[InventoryValue]], diagnostics: [Diagnostic]) {
        var context = RowContext(rule: rule, machine: snapshot.machineName)
        let reported = rule.properties.filter(\.reported)
        var rows: [[InventoryValue]] = []
        switch rule.source.kind {
        case "registry-values":
            for instance in rule.source.instances ?? [] {
                // No key of the instance on the machine: the provider has nothing, no row.
                let keysPresent = instance.values.contains { v in
                    !v.hive.isEmpty && snapshot.registryKey(v.hive + "\\" + v.key) != nil
                }
                if instance.values.contains(where: { $0.hive.isEmpty }) {
                    context.report(InventoryCode.unusableRule, "a PropertyContext of \(rule.className) names no registry hive; that property is not collected", instance.location)
                }
                guard keysPresent else { continue }
                var row: [InventoryValue] = [.string(snapshot.machineName)]
                for property in reported {
                    if let valueRule = instance.values.first(where: { $0.property.lowercased() == property.name.lowercased() }) {
                        let data = valueRule.hive.isEmpty ? nil
                            : snapshot.registryValue(valueRule.hive + "\\" + valueRule.key, name: valueRule.valueName)
                        row.append(context.convert(data, to: property.cimType, property: property.name, location: valueRule.location))
                    } else if let text = instance.keyValues.first(where: { $0.key.lowercased() == property.name.lowercased() })?.value {
                        row.append(Self.literal(text, cimType: property.cimType))
                    } else {
                        row.append(.null)
                    }
                }
                rows.append(row)
            }
        case "registry-keys":
            guard let hive = rule.source.hive, let key = rule.source.key, !hive.isEmpty else {
                if let location = rule.source.location ?? Optional(rule.location) {
                    context.report(InventoryCode.unusableRule, "the ClassContext of \(rule.dataClass ?? rule.className) names no registry key; nothing is collected", location)
                }
                break
            }
            let parent = hive + "\\" + key
            for subkey in snapshot.registrySubkeys(of: parent) {
                let path = parent + "\\" + subkey
                var row: [InventoryValue] = [.string(snapshot.machineName)]
                for property in reported {
                    if property.name.lowercased() == rule.source.subkeyProperty?.lowercased() {
                        row.append(.string(subkey))
                    } else if let valueRule = rule.source.subkeyValues?.first(where: { $0.property.lowercased() == property.name.lowercased() }) {
                        row.append(context.convert(snapshot.registryValue(path, name: valueRule.valueName), to: property.cimType,
                                                   property: property.name, location: valueRule.location))
                    } else {
                        row.append(.null)
                    }
                }
                rows.append(row)
            }
        default:
            let className = rule.dataClass ?? rule.className
            for instance in snapshot.wmiInstances(namespace: rule.dataNamespace, className: className) {
                var row: [InventoryValue] = [.string(snapshot.machineName)]
                for property in reported {
                    row.append(context.convert(instance[property.name], to: property.cimType, property: property.name, instance: instance))
                }
                rows.append(row)
            }
        }
        return (rows, context.diagnostics)
    }

    /// A key value as the rules hold it (MOF text: `"x"`, `12`, `TRUE`).
    static func literal(_ text: String, cimType: String) -> InventoryValue {
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { return .string(String(text.dropFirst().dropLast())) }
        if text.uppercased() == "NULL" { return .null }
        if text.uppercased() == "TRUE" { return .boolean(true) }
        if text.uppercased() == "FALSE" { return .boolean(false) }
        if let n = Int64(text) { return cimType == "string" ? .string(text) : .integer(n) }
        return .string(text)
    }
}

/// Converts values for one class on one machine and collects the diagnostics.
struct RowContext {
    let rule: ReportedClassRule
    let machine: String
    var diagnostics: [Diagnostic] = []

    init(rule: ReportedClassRule, machine: String) {
        self.rule = rule
        self.machine = machine
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, _ location: RuleLocation) {
        let point = SourceLocation(line: location.line, column: location.column, offset: 0)
        diagnostics.append(Diagnostic(code: code, severity: .warning, message: message,
                                      range: SourceRange(file: location.file, start: point, end: point),
                                      notes: [DiagnosticNote(message: "on machine \"\(machine)\"")]))
    }

    /// A registry value as RegPropProv / RegProv hands it over for `cimType`.
    mutating func convert(_ data: RegistryData?, to cimType: String, property: String, location: RuleLocation) -> InventoryValue {
        guard let data else { return .null }
        if let value = CIMConversion.fromRegistry(data, cimType: cimType) { return value }
        report(InventoryCode.registryTypeMismatch,
               "\(rule.className).\(property) is \(cimType) but the registry value is \(data.typeName)\(Self.preview(data)); reported as NULL", location)
        return .null
    }

    /// A WMI value checked against `cimType`.
    mutating func convert(_ value: WMIValue?, to cimType: String, property: String, instance: WMIInstance) -> InventoryValue {
        guard let value, value != .null else { return .null }
        if let converted = CIMConversion.fromWMI(value, cimType: cimType) { return converted }
        let location = RuleLocation(instance.origin ?? SourceRange(file: machine, start: SourceLocation(line: 1, column: 1, offset: 0),
                                                                     end: SourceLocation(line: 1, column: 1, offset: 0)))
        report(InventoryCode.wmiTypeMismatch, "\(instance.className).\(property) is \(cimType) in the reporting class but the snapshot holds \(Self.preview(value)); reported as NULL", location)
        return .null
    }

    static func preview(_ value: WMIValue) -> String {
        switch value {
        case .string(let s): return "\"\(s.prefix(40))\""
        case .integer(let n): return String(n)
        case .unsignedInteger(let n): return String(n)
        case .real(let d): return "\(d)"
        case .boolean(let b): return b ? "TRUE" : "FALSE"
        case .array: return "an array"
        case .null: return "NULL"
        }
    }

    static func preview(_ data: RegistryData) -> String {
        switch data {
        case .string(let s), .expandString(let s): return " \"\(s.prefix(40))\""
        case .dword(let n): return " \(n)"
        case .qword(let n): return " \(n)"
        default: return ""
        }
    }
}

/// Type conversions to CIM types.
public enum CIMConversion {
    static let integerRanges: [String: (min: Int64, max: UInt64)] = [
        "uint8": (0, UInt64(UInt8.max)), "uint16": (0, UInt64(UInt16.max)), "uint32": (0, UInt64(UInt32.max)), "uint64": (0, UInt64.max),
        "sint8": (Int64(Int8.min), UInt64(Int8.max)), "sint16": (Int64(Int16.min), UInt64(Int16.max)),
        "sint32": (Int64(Int32.min), UInt64(Int32.max)), "sint64": (Int64.min, UInt64(Int64.max)),
        "char16": (0, UInt64(UInt16.max)),
    ]

    static func integer(_ n: UInt64, _ cimType: String) -> InventoryValue? {
        guard let range = integerRanges[cimType], n <= range.max else { return nil }
        return n <= UInt64(Int64.max) ? .integer(Int64(n)) : .unsignedInteger(n)
    }

    static func integer(signed n: Int64, _ cimType: String) -> InventoryValue? {
        guard let range = integerRanges[cimType] else { return nil }
        if n < 0 { return n >= range.min ? .integer(n) : nil }
        return integer(UInt64(n), cimType)
    }

    /// A registry value for a property of `cimType`, or nil when the client would give none.
    public static func fromRegistry(_ data: RegistryData, cimType: String) -> InventoryValue? {
        let type = cimType.lowercased()
        if type.hasSuffix("[]") {
            let element = String(type.dropLast(2))
            switch data {
            case .multiString(let items) where element == "string": return .array(items.map(InventoryValue.string))
            case .string(let s) where element == "string": return .array([.string(s)])
            case .binary(let bytes), .none(let bytes):
                guard element == "uint8" else { return nil }
                return .array(bytes.map { .integer(Int64($0)) })
            default:
                return nil
            }
        }
        switch (type, data) {
        case ("string", .string(let s)), ("string", .expandString(let s)): return .string(s)
        case ("string", .dword(let n)): return .string(String(n))
        case ("string", .qword(let n)): return .string(String(n))
        case ("datetime", .string(let s)): return isDMTFDatetime(s) ? .string(s) : nil
        case ("boolean", .dword(let n)): return .boolean(n != 0)
        case ("boolean", .qword(let n)): return .boolean(n != 0)
        case ("real32", .dword(let n)), ("real64", .dword(let n)): return .real(Double(n))
        case ("real32", .qword(let n)), ("real64", .qword(let n)): return .real(Double(n))
        case (_, .dword(let n)): return integer(UInt64(n), type)
        case (_, .qword(let n)): return integer(n, type)
        case ("unknown", _): return natural(data)
        default: return nil
        }
    }

    static func natural(_ data: RegistryData) -> InventoryValue {
        switch data {
        case .string(let s), .expandString(let s): return .string(s)
        case .multiString(let items): return .array(items.map(InventoryValue.string))
        case .dword(let n): return .integer(Int64(n))
        case .qword(let n): return n <= UInt64(Int64.max) ? .integer(Int64(n)) : .unsignedInteger(n)
        case .binary(let b), .none(let b): return .array(b.map { .integer(Int64($0)) })
        }
    }

    /// A WMI value for a property of `cimType`, or nil when it does not fit.
    public static func fromWMI(_ value: WMIValue, cimType: String) -> InventoryValue? {
        let type = cimType.lowercased()
        if type.hasSuffix("[]") {
            let element = String(type.dropLast(2))
            let items: [WMIValue]
            if case .array(let a) = value { items = a } else { items = [value] }
            var out: [InventoryValue] = []
            for item in items {
                if item == .null { out.append(.null); continue }
                guard let v = fromWMI(item, cimType: element) else { return nil }
                out.append(v)
            }
            return .array(out)
        }
        switch (type, value) {
        case (_, .null): return .null
        case (_, .array): return nil
        case ("string", .string(let s)), ("datetime", .string(let s)), ("object", .string(let s)): return .string(s)
        case ("string", .integer(let n)): return .string(String(n))
        case ("string", .unsignedInteger(let n)): return .string(String(n))
        case ("boolean", .boolean(let b)): return .boolean(b)
        case ("boolean", .integer(let n)): return n == 0 || n == 1 ? .boolean(n == 1) : nil
        case ("real32", .real(let d)), ("real64", .real(let d)): return .real(d)
        case ("real32", .integer(let n)), ("real64", .integer(let n)): return .real(Double(n))
        case (_, .integer(let n)): return integer(signed: n, type)
        case (_, .unsignedInteger(let n)): return integer(n, type)
        case (_, .string(let s)):
            // WMI scripting gives uint64 and sint64 as decimal strings.
            if let n = Int64(s) { return integer(signed: n, type) }
            if let n = UInt64(s) { return integer(n, type) }
            return type.hasPrefix("real") ? Double(s).map(InventoryValue.real) : nil
        case ("unknown", let v): return natural(v)
        default: return nil
        }
    }

    static func natural(_ value: WMIValue) -> InventoryValue {
        switch value {
        case .string(let s): return .string(s)
        case .integer(let n): return .integer(n)
        case .unsignedInteger(let n): return .unsignedInteger(n)
        case .real(let d): return .real(d)
        case .boolean(let b): return .boolean(b)
        case .array(let items): return .array(items.map(natural))
        case .null: return .null
        }
    }

    /// `yyyymmddHHMMSS.mmmmmmsUUU` (DSP0004 timestamp; `*` allowed for unknown digits).
    static func isDMTFDatetime(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard bytes.count == 25, bytes[14] == UInt8(ascii: "."),
              bytes[21] == UInt8(ascii: "+") || bytes[21] == UInt8(ascii: "-") || bytes[21] == UInt8(ascii: ":") else { return false }
        for (i, b) in bytes.enumerated() where i != 14 && i != 21 {
            guard (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "*") else { return false }
        }
        return true
    }
}
