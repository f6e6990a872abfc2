import MachineState
import UpdateCatalog

/// `FileExists`, `FileVersion`, `FileCreated`, `FileModified`, `FileSize` and their `PrependRegSz`
/// forms. The path is `Csidl` folder + `Path`, or the REG_SZ read from the registry + `Path`, or
/// `Path` alone; it is canonicalized (duplicate backslashes removed) and looked up without case.
enum FileRules {
    enum Base: Sendable {
        case none
        case csidl(Int)
        case registry(RegistryLocation, value: String)
    }

    static func make(
        _ rule: ApplicabilityRule, kind: RuleKind, leaf: (@escaping RuleLeaves.Function) -> RuleLeaves.Made,
        invalid: (RuleAttributeName) -> RuleLeaves.Made
    ) -> RuleLeaves.Made {
        guard case .text(let path)? = rule.value(.path) else { return invalid(.path) }
        let base: Base
        switch kind {
        case .fileExistsPrependRegSz, .fileVersionPrependRegSz, .fileCreatedPrependRegSz, .fileModifiedPrependRegSz, .fileSizePrependRegSz:
            guard let location = RegistryLocation(rule) else { return invalid(.key) }
            guard case .text(let value)? = rule.value(.value) else { return invalid(.value) }
            base = .registry(location, value: value)
        default:
            if case .csidl(let csidl)? = rule.value(.csidl) {
                base = .csidl(csidl)
            } else if rule.attribute(.csidl) != nil {
                return invalid(.csidl)
            } else {
                base = .none
            }
        }
        var comparison = ScalarComparison.equalTo
        if case .scalarComparison(let c)? = rule.value(.comparison) {
            comparison = c
        } else if kind != .fileExists && kind != .fileExistsPrependRegSz {
            return invalid(.comparison)
        }
        // The checks: (what, wanted) pairs; FileExists checks every optional attribute given.
        var version: [UInt32]?
        var created: [Int]?
        var modified: [Int]?
        var size: Int64?
        if case .version(let v)? = rule.value(.version) { version = v }
        if case .text(let t)? = rule.value(.created) { created = RuleComparison.parseDate(t) }
        if case .text(let t)? = rule.value(.modified) { modified = RuleComparison.parseDate(t) }
        if case .integer(let n)? = rule.value(.size) { size = n }
        let language = rule.value(.language)
        switch kind {
        case .fileVersion, .fileVersionPrependRegSz: if version == nil { return invalid(.version) }
        case .fileCreated, .fileCreatedPrependRegSz: if created == nil { return invalid(.created) }
        case .fileModified, .fileModifiedPrependRegSz: if modified == nil { return invalid(.modified) }
        case .fileSize, .fileSizePrependRegSz: if size == nil { return invalid(.size) }
        default: break
        }
        let isExists = kind == .fileExists || kind == .fileExistsPrependRegSz
        return leaf { [version, created, modified, size, comparison] machine, context in
            // Resolve the path.
            let full: String
            switch base {
            case .none:
                let (expanded, missing) = machine.expand(path)
                guard let expanded else { return context.unknown("no value for %\(missing ?? "")% in the snapshot") }
                full = MachineView.canonicalPath(expanded)
            case .csidl(let csidl):
                guard let folder = machine.folders[csidl] else {
                    return context.unknown("the snapshot has no folder for CSIDL \(csidl) (specialFolders or OS directories)")
                }
                full = MachineView.join(folder, path)
            case .registry(let location, let value):
                let (key, failure) = location.key(machine, &context)
                if let failure { return failure }
                guard let prefix = key?.value(named: value)?.stringValue else {
                    context.saw("no REG_SZ prefix \(location.display)\\\(value)")
                    return .false
                }
                full = MachineView.join(prefix, path)
            }
            if machine.snapshot.files.isEmpty { return context.unknown("the snapshot has no file data (\(full))") }
            guard let file = machine.index.file(atPath: full) else {
                context.saw("no file \(full)")
                return .false
            }
            var result = Truth.true
            var seen: [String] = [full]
            if let version, isExists || kind == .fileVersion || kind == .fileVersionPrependRegSz {
                guard let text = file.version, let actual = RuleComparison.parseVersion(text) else {
                    return context.unknown("the snapshot has no version for \(full)")
                }
                seen.append("version \(text)")
                let op = isExists ? ScalarComparison.equalTo : comparison
                result = result && Truth(RuleComparison.holds(op, order: RuleComparison.compareVersions(actual, version)))
            }
            for (label, wanted, actualText) in [("created", created, file.created), ("modified", modified, file.modified)] {
                guard let wanted else { continue }
                let applies = isExists || (label == "created" ? kind == .fileCreated || kind == .fileCreatedPrependRegSz
                                                              : kind == .fileModified || kind == .fileModifiedPrependRegSz)
                guard applies else { continue }
                guard let actualText, let actual = RuleComparison.parseDate(actualText) else {
                    return context.unknown("the snapshot has no \(label) date for \(full)")
                }
                seen.append("\(label) \(actualText)")
                let op = isExists ? ScalarComparison.equalTo : comparison
                result = result && Truth(RuleComparison.holds(op, order: RuleComparison.compareTuples(actual, wanted)))
            }
            if let size, isExists || kind == .fileSize || kind == .fileSizePrependRegSz {
                guard let actual = file.size else { return context.unknown("the snapshot has no size for \(full)") }
                seen.append("size \(actual)")
                let op = isExists ? ScalarComparison.equalTo : comparison
                result = result && Truth(RuleComparison.holds(op, order: RuleComparison.order(Int64(clamping: actual), size)))
            }
            if isExists, language != nil, result != .false {
                return context.unknown("the snapshot has no file language for \(full)")
            }
            context.saw(seen.joined(separator: ", "))
            return result
        }
    }
}
