import MachineState
import MofkitSource
import UpdateCatalog

/// A registry location named by a rule: hive (or `HKEY_LOOP_TARGET`), subkey and view.
struct RegistryLocation: Sendable {
    var hive: UpdateCatalog.RegistryKey
    var subkey: String
    var view: RegistryView
    /// Prepared when the hive is fixed.
    var prepared: RegistryPath?

    init(hive: UpdateCatalog.RegistryKey, subkey: String, view: RegistryView) {
        self.hive = hive
        self.subkey = subkey
        self.view = view
        prepared = hive == .loopTarget ? nil : RegistryPath(RuleCompiler.joinKey(hive.rawValue, subkey))
    }

    init?(_ rule: ApplicabilityRule) {
        guard case .registryKey(let hive)? = rule.value(.key), case .text(let subkey)? = rule.value(.subkey) else { return nil }
        self.init(hive: hive, subkey: subkey, view: RuleCompiler.view(rule))
    }

    var display: String {
        let hiveName = hive == .loopTarget ? "<loop>" : hive.rawValue
        return RuleCompiler.joinKey(hiveName, subkey) + (view == .bits32 ? " (32-bit view)" : "")
    }

    /// Looks the key up; `.unknown` when the snapshot has no registry data or no loop target.
    func key(_ machine: MachineView, _ context: inout LeafContext) -> (MachineRegistryKey?, Truth?) {
        if machine.snapshot.registry.isEmpty { return (nil, context.unknown("the snapshot has no registry data")) }
        if let prepared { return (machine.registryKey(prepared, view: view), nil) }
        guard let target = context.loopTarget else { return (nil, context.unknown("HKEY_LOOP_TARGET outside a RegKeyLoop")) }
        return (machine.snapshot.registryKey(RuleCompiler.joinKey(target, subkey), view: view), nil)
    }
}

enum RegistryRules {
    static func make(
        _ rule: ApplicabilityRule, kind: RuleKind, options: EvaluationOptions,
        leaf: (@escaping RuleLeaves.Function) -> RuleLeaves.Made, invalid: (RuleAttributeName) -> RuleLeaves.Made
    ) -> RuleLeaves.Made {
        guard let location = RegistryLocation(rule) else {
            return invalid(rule.value(.key) == nil ? .key : .subkey)
        }
        var valueName: String?
        if case .text(let v)? = rule.value(.value) { valueName = v }
        let caseSensitive = options.caseSensitiveStrings
        switch kind {
        case .regKeyExists:
            return leaf { machine, context in
                let (key, failure) = location.key(machine, &context)
                if let failure { return failure }
                context.saw(key == nil ? "no key \(location.display)" : "key exists")
                return Truth(key != nil)
            }
        case .regValueExists:
            var type: UpdateCatalog.RegistryValueType?
            if case .registryValueType(let t)? = rule.value(.type) { type = t }
            let name = valueName ?? ""
            return leaf { [type] machine, context in
                let (key, failure) = location.key(machine, &context)
                if let failure { return failure }
                guard let data = key?.value(named: name) else {
                    context.saw(key == nil ? "no key \(location.display)" : "no value '\(name)'")
                    return .false
                }
                context.saw("\(data.typeName) value")
                if let type { return Truth(data.typeName == type.rawValue) }
                return .true
            }
        case .regDword:
            guard let valueName else { return invalid(.value) }
            guard case .scalarComparison(let comparison)? = rule.value(.comparison) else { return invalid(.comparison) }
            guard case .integer(let wanted)? = rule.value(.data) else { return invalid(.data) }
            return leaf { machine, context in
                let (key, failure) = location.key(machine, &context)
                if let failure { return failure }
                guard let data = key?.value(named: valueName) else {
                    context.saw(key == nil ? "no key \(location.display)" : "no value '\(valueName)'")
                    return .false
                }
                guard case .dword(let number) = data else {
                    context.saw("value is \(data.typeName), not REG_DWORD")
                    return .false
                }
                context.saw("REG_DWORD \(number)")
                return Truth(RuleComparison.holds(comparison, order: RuleComparison.order(Int64(number), wanted)))
            }
        case .regSz, .regExpandSz:
            guard let valueName else { return invalid(.value) }
            guard case .stringComparison(let comparison)? = rule.value(.comparison) else { return invalid(.comparison) }
            guard case .text(let wanted)? = rule.value(.data) else { return invalid(.data) }
            let expand = kind == .regExpandSz
            return leaf { machine, context in
                let (key, failure) = location.key(machine, &context)
                if let failure { return failure }
                guard let data = key?.value(named: valueName) else {
                    context.saw(key == nil ? "no key \(location.display)" : "no value '\(valueName)'")
                    return .false
                }
                let text: String
                switch (data, expand) {
                case (.string(let s), false), (.expandString(let s), true): text = s
                default:
                    context.saw("value is \(data.typeName), not \(expand ? "REG_EXPAND_SZ" : "REG_SZ")")
                    return .false
                }
                context.saw("\(data.typeName) \"\(text)\"")
                return Truth(RuleComparison.holds(comparison, actual: text, expected: wanted, caseSensitive: caseSensitive))
            }
        case .regSzToVersion:
            guard let valueName else { return invalid(.value) }
            guard case .scalarComparison(let comparison)? = rule.value(.comparison) else { return invalid(.comparison) }
            guard case .version(let wanted)? = rule.value(.data) else { return invalid(.data) }
            let missingIsZero = options.missingVersionIsZero
            return leaf { machine, context in
                let (key, failure) = location.key(machine, &context)
                if let failure { return failure }
                let actual: [UInt32]
                if let data = key?.value(named: valueName) {
                    guard case .string(let text) = data else {
                        context.saw("value is \(data.typeName), not REG_SZ")
                        return .false
                    }
                    guard let parsed = RuleComparison.parseVersion(text) else {
                        context.saw("REG_SZ \"\(text)\" is not a version")
                        return .false
                    }
                    context.saw("REG_SZ \"\(text)\"")
                    actual = parsed
                } else if missingIsZero {
                    context.saw("no value '\(valueName)': read as 0.0.0.0")
                    actual = [0, 0, 0, 0]
                } else {
                    context.saw(key == nil ? "no key \(location.display)" : "no value '\(valueName)'")
                    return .false
                }
                return Truth(RuleComparison.holds(comparison, order: RuleComparison.compareVersions(actual, wanted)))
            }
        case .wuv4RegKeyValue, .wuv4RegKeySubstring:
            guard case .text(let wanted)? = rule.value(.data) else { return invalid(.data) }
            let name = valueName ?? ""
            let substring = kind == .wuv4RegKeySubstring
            return leaf { machine, context in
                let (key, failure) = location.key(machine, &context)
                if let failure { return failure }
                guard let data = key?.value(named: name) else {
                    context.saw(key == nil ? "no key \(location.display)" : "no value '\(name)'")
                    return .false
                }
                let text: String
                switch data {
                case .string(let s), .expandString(let s): text = s
                case .dword(let n): text = String(n)
                case .qword(let n): text = String(n)
                case .multiString(let items): text = items.joined(separator: "\n")
                default:
                    context.saw("value is \(data.typeName)")
                    return .false
                }
                context.saw("\(data.typeName) \"\(text)\"")
                return Truth(RuleComparison.holds(substring ? .contains : .equalTo, actual: text, expected: wanted, caseSensitive: caseSensitive))
            }
        default:
            return invalid(.key)  // input-unreachable: only registry kinds are routed here
        }
    }
}
