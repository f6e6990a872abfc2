import MachineState
import UpdateCatalog

/// `msiar:` rules, answered from the snapshot's MSI products, patches and components. Features are not
/// part of a snapshot, so `MsiFeatureInstalledForProduct` is unknown. The metadata-driven rules read
/// the product and patch codes of their item's `MsiPatchMetadata` / `MsiApplicationMetadata`.
enum MSIRules {
    struct Range: Sendable {
        var min: [UInt32]?
        var excludeMin = false
        var max: [UInt32]?
        var excludeMax = false
        var languages: [Int]?

        init(_ rule: ApplicabilityRule) {
            if case .version(let v)? = rule.value(.versionMin) { min = v }
            if case .version(let v)? = rule.value(.versionMax) { max = v }
            if case .boolean(let b)? = rule.value(.excludeVersionMin) { excludeMin = b }
            if case .boolean(let b)? = rule.value(.excludeVersionMax) { excludeMax = b }
            if case .languageIDs(let ids)? = rule.value(.language) { languages = ids }
        }

        /// Whether the product is in range; `.unknown` (with the reason) when the snapshot lacks its version or language.
        func check(_ product: MSIProduct, _ context: inout LeafContext) -> Truth {
            var result = Truth.true
            if min != nil || max != nil {
                guard let text = product.version, let version = RuleComparison.parseVersion(text) else {
                    return context.unknown("the snapshot has no version for MSI product \(product.productCode)")
                }
                if let min {
                    let order = RuleComparison.compareVersions(version, min)
                    if order < 0 || (order == 0 && excludeMin) { result = .false }
                }
                if let max {
                    let order = RuleComparison.compareVersions(version, max)
                    if order > 0 || (order == 0 && excludeMax) { result = .false }
                }
            }
            if let languages, result == .true {
                guard let language = product.language else {
                    return context.unknown("the snapshot has no language for MSI product \(product.productCode)")
                }
                // Language 0 is language-neutral.
                result = Truth(languages.contains(language) || language == 0)
            }
            return result
        }
    }

    static func make(
        _ rule: ApplicabilityRule, kind: RuleKind, scope: CompileScope,
        leaf: (@escaping RuleLeaves.Function) -> RuleLeaves.Made, fixed: (String, Bool) -> RuleLeaves.Made,
        invalid: (RuleAttributeName) -> RuleLeaves.Made
    ) -> RuleLeaves.Made {
        let range = Range(rule)
        switch kind {
        case .msiProductInstalled:
            guard case .text(let code)? = rule.value(.productCode) else { return invalid(.productCode) }
            return leaf { machine, context in
                if machine.snapshot.msiProducts.isEmpty { return context.unknown("the snapshot has no MSI products") }
                guard let product = machine.index.msiProduct(code: code) else {
                    context.saw("product \(code) not installed")
                    return .false
                }
                context.saw("product \(product.name ?? code) version \(product.version ?? "?") language \(product.language.map(String.init) ?? "?")")
                return range.check(product, &context)
            }
        case .msiPatchInstalledForProduct:
            guard case .text(let patch)? = rule.value(.patchCode) else { return invalid(.patchCode) }
            guard case .text(let code)? = rule.value(.productCode) else { return invalid(.productCode) }
            return leaf { machine, context in
                if machine.snapshot.msiProducts.isEmpty { return context.unknown("the snapshot has no MSI products") }
                guard let product = machine.index.msiProduct(code: code) else {
                    context.saw("product \(code) not installed")
                    return .false
                }
                let inRange = range.check(product, &context)
                if inRange != .true { return inRange }
                let applied = patchApplied(machine, patch: patch, product: code)
                context.saw("product \(product.version ?? "?"); patch \(patch) \(applied ? "applied" : "not applied")")
                return Truth(applied)
            }
        case .msiComponentInstalledForProduct, .msiFeatureInstalledForProduct:
            let itemName = kind == .msiComponentInstalledForProduct ? "Component" : "Feature"
            let items = rule.content.filter { $0.name.local == itemName }.compactMap { $0.significantText?.trimmed }
            let products = rule.content.filter { $0.name.local == "Product" }.compactMap { $0.significantText?.trimmed }
            if items.isEmpty || products.isEmpty { return fixed("\(rule.displayName) needs \(itemName) and Product children", false) }
            if kind == .msiFeatureInstalledForProduct { return fixed("MSI feature states are not part of a snapshot", true) }
            var allItems = false
            var allProducts = false
            if case .boolean(let b)? = rule.value(.allComponentsRequired) { allItems = b }
            if case .boolean(let b)? = rule.value(.allProductsRequired) { allProducts = b }
            return leaf { [allItems, allProducts] machine, context in
                if machine.snapshot.msiComponents.isEmpty { return context.unknown("the snapshot has no MSI components") }
                func installed(_ component: String, _ product: String) -> Bool {
                    let wanted = MSIProduct.normalizeGUID(product)
                    return machine.msiComponentsByCode[MSIProduct.normalizeGUID(component)]?.contains {
                        MSIProduct.normalizeGUID($0.productCode) == wanted
                    } ?? false
                }
                func productOK(_ product: String) -> Bool {
                    allItems ? items.allSatisfy { installed($0, product) } : items.contains { installed($0, product) }
                }
                let result = allProducts ? products.allSatisfy(productOK) : products.contains(where: productOK)
                context.saw("components \(result ? "" : "not ")installed")
                return Truth(result)
            }
        case .msiPatchInstalled, .msiPatchSuperseded, .msiPatchInstallable:
            guard let metadata = scope.metadata, metadata.kind == .msiPatchMetadata else {
                return fixed("\(rule.displayName) needs MsiPatchMetadata in its item", false)
            }
            let blob = metadata.content.first { $0.name.local == "MsiPatch" }
            let patchCodes = ([blob?.attribute("PatchGUID")] + metadata.content.filter { $0.name.local == "FallbackPatchCode" }.map { $0.significantText?.trimmed })
                .compactMap { $0 }
            let targets = (blob?.children ?? []).filter { $0.name.local == "TargetProduct" }
                .flatMap { $0.children.filter { $0.name.local == "TargetProductCode" } }.compactMap { $0.significantText?.trimmed }
            if patchCodes.isEmpty { return fixed("MsiPatchMetadata names no PatchGUID", false) }
            return leaf { machine, context in
                if machine.snapshot.msiProducts.isEmpty { return context.unknown("the snapshot has no MSI products") }
                let installedTargets = targets.filter { machine.index.msiProduct(code: $0) != nil }
                let patches = patchCodes.flatMap { machine.msiPatchesByPatch[MSIProduct.normalizeGUID($0)] ?? [] }
                let states = patches.map { ($0.state ?? "applied").lowercased() }
                context.saw("target products installed: \(installedTargets.count)/\(targets.count); patch states: \(states.isEmpty ? "none" : states.joined(separator: ","))")
                switch kind {
                case .msiPatchInstalled: return Truth(states.contains("applied"))
                case .msiPatchSuperseded: return Truth(states.contains("superseded") || states.contains("obsoleted"))
                default: return Truth(!installedTargets.isEmpty && states.isEmpty)
                }
            }
        case .msiApplicationInstalled, .msiApplicationSuperseded, .msiApplicationInstallable:
            guard let metadata = scope.metadata, metadata.kind == .msiApplicationMetadata,
                let code = metadata.content.first(where: { $0.name.local == "ProductCode" })?.significantText?.trimmed
            else { return fixed("\(rule.displayName) needs MsiApplicationMetadata with a ProductCode in its item", false) }
            if kind == .msiApplicationSuperseded { return fixed("MSI application supersedence needs the package's Upgrade table", true) }
            let wantInstalled = kind == .msiApplicationInstalled
            return leaf { machine, context in
                if machine.snapshot.msiProducts.isEmpty { return context.unknown("the snapshot has no MSI products") }
                let installed = machine.index.msiProduct(code: code) != nil
                context.saw("product \(code) \(installed ? "installed" : "not installed")")
                return Truth(installed == wantInstalled)
            }
        default:
            return invalid(.productCode)  // input-unreachable: only MSI kinds are routed here
        }
    }

    static func patchApplied(_ machine: MachineView, patch: String, product: String) -> Bool {
        let wanted = MSIProduct.normalizeGUID(product)
        return machine.msiPatchesByPatch[MSIProduct.normalizeGUID(patch)]?.contains {
            MSIProduct.normalizeGUID($0.productCode) == wanted && ($0.state ?? "applied").lowercased() == "applied"
        } ?? false
    }
}

/// `drv:WindowsDriverInstalled/Superseded/Installable`, answered from `Win32_PnPSignedDriver`
/// instances (HardwareID, DriverVersion, DriverDate) against the item's `WindowsDriverMetaData`:
/// equal version = installed, the installed one newer = superseded, older = installable; no device with
/// the hardware id = none of the three.
enum DriverRules {
    static func make(
        kind: RuleKind, scope: CompileScope, leaf: (@escaping RuleLeaves.Function) -> RuleLeaves.Made,
        fixed: (String, Bool) -> RuleLeaves.Made
    ) -> RuleLeaves.Made {
        guard let metadata = scope.metadata, metadata.kind == .windowsDriverMetaData,
            case .text(let hardwareID)? = metadata.value(.hardwareID), case .version(let version)? = metadata.value(.driverVerVersion)
        else { return fixed("driver rules need WindowsDriverMetaData with HardwareID and DriverVerVersion", false) }
        let classKey = MachineView.classKey("root\\cimv2", "Win32_PnPSignedDriver")
        let wantedID = Array(hardwareID.lowercased().utf8)
        return leaf { machine, context in
            guard let drivers = machine.wmiClass(classKey: classKey), drivers.count > 0 else {
                return context.unknown("the snapshot has no Win32_PnPSignedDriver instances")
            }
            guard let row = drivers.column("hardwareid")?.firstIndex(where: { $0?.lowercased == wantedID }) else {
                context.saw("no device with hardware id \(hardwareID)")
                return .false
            }
            guard let text = drivers.column("driverversion")?[row]?.value.stringValue, let installed = RuleComparison.parseVersion(text) else {
                return context.unknown("Win32_PnPSignedDriver.DriverVersion is missing for \(hardwareID)")
            }
            let order = RuleComparison.compareVersions(installed, version)
            context.saw("installed driver \(text)")
            switch kind {
            case .windowsDriverInstalled: return Truth(order == 0)
            case .windowsDriverSuperseded: return Truth(order > 0)
            default: return Truth(order < 0)
            }
        }
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

/// Windows language ids (LCID) and their language tags, for `WindowsLanguage` and `MuiLanguageInstalled`.
enum Languages {
    static let tags: [Int: String] = [
        1025: "ar-SA", 1026: "bg-BG", 1027: "ca-ES", 1028: "zh-TW", 1029: "cs-CZ", 1030: "da-DK", 1031: "de-DE",
        1032: "el-GR", 1033: "en-US", 1035: "fi-FI", 1036: "fr-FR", 1037: "he-IL", 1038: "hu-HU", 1040: "it-IT",
        1041: "ja-JP", 1042: "ko-KR", 1043: "nl-NL", 1044: "nb-NO", 1045: "pl-PL", 1046: "pt-BR", 1048: "ro-RO",
        1049: "ru-RU", 1050: "hr-HR", 1051: "sk-SK", 1053: "sv-SE", 1054: "th-TH", 1055: "tr-TR", 1058: "uk-UA",
        1060: "sl-SI", 1061: "et-EE", 1062: "lv-LV", 1063: "lt-LT", 2052: "zh-CN", 2057: "en-GB", 2070: "pt-PT",
        3076: "zh-HK", 3082: "es-ES", 2074: "sr-Latn-CS", 3084: "fr-CA",
    ]

    static func tag(lcid: Int) -> String? { tags[lcid] }

    /// `en` matches `en-US`; `en-US` matches only `en-US` (case-insensitive).
    static func matches(tag: String, wanted: String) -> Bool {
        let t = tag.lowercased()
        let w = wanted.lowercased()
        return t == w || t.hasPrefix(w + "-")
    }
}
