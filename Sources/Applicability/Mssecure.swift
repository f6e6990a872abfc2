import MachineState
import UpdateCatalog

/// The tables of an mssecure.xml (`Products`, `ServicePacks`, `RegKeys`, `Files`, `Locations`,
/// `SupercededBys`), indexed by id, to build each bulletin's detection plan.
struct MssecureDatabase {
    var products: [String: String] = [:]
    var servicePackLevels: [String: Int] = [:]
    var registryChanges: [String: MssecurePlan.RegistryCheck] = [:]
    var fileChanges: [String: MssecurePlan.FileCheck] = [:]
    var supersededBulletins: [String: [String]] = [:]
    var unsupported: [String] = []

    init(entries: [CatalogEntry]) {
        var locations: [String: String] = [:]
        for entry in entries where entry.path.first == "Locations" {
            if let id = entry.element.attribute("LocationID"), let path = entry.element.attribute("Path") { locations[id] = path }
        }
        for entry in entries {
            let element = entry.element
            switch entry.path.first {
            case "Products":
                if let id = element.attribute("ProductID"), let name = element.attribute("Name") { products[id] = name }
            case "ServicePacks":
                if let id = element.attribute("ServicePackID"), let name = element.attribute("Name"), let level = Self.servicePackLevel(name) {
                    servicePackLevels[id] = level
                }
            case "RegKeys":
                let name = element.attribute("Name") ?? ""
                for change in element.children.flatMap(\.children) where change.name.local == "RegChange" {
                    guard let id = change.attribute("RegChangeID") else { continue }
                    let location = change.attribute("LocationID").flatMap { locations[$0] }
                    registryChanges[id] = MssecurePlan.RegistryCheck(
                        key: location, name: name, value: change.attribute("RegChangeValue") ?? "")
                }
            case "Files":
                let name = element.attribute("Name") ?? ""
                let folder = element.attribute("LocationID").flatMap { locations[$0] }
                for change in element.children.flatMap(\.children) where change.name.local == "FileChange" {
                    guard let id = change.attribute("FileChangeID") else { continue }
                    fileChanges[id] = MssecurePlan.FileCheck(
                        folder: folder, name: name, version: change.attribute("Version").flatMap(RuleComparison.parseVersion),
                        checksum: change.attribute("Checksum"), ignoreIfAbsent: change.attribute("CommandID") == "e")
                }
            case "SupercededBys":
                if let id = element.attribute("SBID") {
                    supersededBulletins[id] = element.children.flatMap(\.children).filter { $0.name.local == "SupercededBulletin" }
                        .compactMap { $0.attribute("BulletinID") }
                }
            default:
                break
            }
        }
    }

    /// `Windows 2000 Service Pack 2` → 2, `… Gold` → 0; nil when the name has no level.
    static func servicePackLevel(_ name: String) -> Int? {
        let lower = name.lowercased()
        if lower.contains("gold") { return 0 }
        guard let range = lower.firstRange(of: "service pack ") else { return nil }
        let digits = lower[range.upperBound...].prefix { $0.isNumber }
        return Int(digits)
    }

    func plan(for update: CatalogUpdate) -> MssecurePlan {
        var plan = MssecurePlan(bulletin: update.id)
        for patch in update.patches {
            var patchPlan = MssecurePlan.Patch(name: patch.name ?? patch.qNumber ?? "")
            for product in patch.affectedProducts {
                guard let id = product.productID, let name = products[id] else { continue }
                let levels = Set(product.servicePackIDs.compactMap { servicePackLevels[$0] })
                patchPlan.products.append(.init(name: name, servicePackLevels: levels, fixedIn: product.fixedInServicePack.flatMap { Int($0) } ?? 0))
            }
            patchPlan.registry = patch.registryChangeIDs.compactMap { registryChanges[$0] }.filter { $0.key != nil }
            patchPlan.files = patch.fileChangeIDs.compactMap { fileChanges[$0] }.filter { $0.folder != nil && $0.folder != "na" }
            if let sb = patch.supersedenceID, let bulletins = supersededBulletins[sb] { plan.supersedesBulletins += bulletins }
            plan.patches.append(patchPlan)
        }
        return plan
    }
}

/// How an mssecure bulletin is detected: per patch, the affected products (name, service-pack levels,
/// the service pack that contains the fix), the registry changes the patch makes and the file versions
/// it installs.
///
/// A patch applies when the machine runs one of its products (the OS caption or an MSI product name
/// contains the product name, `Microsoft` and punctuation ignored) at an affected service-pack level
/// below the one that includes the fix. It is installed when every registry change is present with its
/// value and every file is at least the patch's version (files marked "ignore if absent" may be
/// absent). Checksums are not checked (MBSA's checksum algorithm is not published): a file change with
/// only a checksum makes the patch `unknown`.
struct MssecurePlan: Sendable {
    struct RegistryCheck: Sendable {
        var key: String?
        var name: String
        var value: String
    }

    struct FileCheck: Sendable {
        var folder: String?
        var name: String
        var version: [UInt32]?
        var checksum: String?
        var ignoreIfAbsent: Bool
    }

    struct Product: Sendable {
        var name: String
        var servicePackLevels: Set<Int>
        var fixedIn: Int
    }

    struct Patch: Sendable {
        var name: String
        var products: [Product] = []
        var registry: [RegistryCheck] = []
        var files: [FileCheck] = []
    }

    var bulletin: String
    var patches: [Patch] = []
    var supersedesBulletins: [String] = []

    static func normalize(_ name: String) -> String {
        var text = name.lowercased()
        for noise in ["microsoft ", "(r)", "®", "(tm)", ","] { text = text.replacing(noise, with: "") }
        return text.split(separator: " ").joined(separator: " ")
    }

    /// Whether the machine runs a product; `.unknown` when it has neither an OS caption nor MSI products.
    static func runs(_ product: Product, _ view: MachineView) -> (Truth, servicePack: Int?) {
        let wanted = normalize(product.name)
        let os = view.snapshot.os
        if let caption = os.caption, normalize(caption).contains(wanted) { return (.true, os.servicePackMajor) }
        if view.snapshot.msiProducts.contains(where: { $0.name.map { normalize($0).contains(wanted) } ?? false }) { return (.true, nil) }
        if os.caption == nil && view.snapshot.msiProducts.isEmpty { return (.unknown, nil) }
        return (.false, nil)
    }

    func patchStatus(_ patch: Patch, _ view: MachineView) -> UpdateResult {
        var applies = Truth.false
        var product: String?
        for candidate in patch.products {
            let (runs, servicePack) = Self.runs(candidate, view)
            if runs == .true {
                if let servicePack {
                    if candidate.fixedIn > 0 && servicePack >= candidate.fixedIn { continue }
                    if !candidate.servicePackLevels.isEmpty && !candidate.servicePackLevels.contains(servicePack) { continue }
                }
                applies = .true
                product = candidate.name
                break
            }
            applies = applies || runs
        }
        if applies == .false { return UpdateResult(.notApplicable, "\(patch.name): no affected product at an affected service pack") }
        if applies == .unknown { return UpdateResult(.unknown, "\(patch.name): the snapshot has no OS caption or MSI products to detect the product") }
        let label = "\(patch.name) for \(product ?? "?")"
        if patch.registry.isEmpty && patch.files.isEmpty { return UpdateResult(.unknown, "\(label): the bulletin gives no registry or file detection") }
        for check in patch.registry {
            guard let key = check.key else { continue }
            if view.snapshot.registry.isEmpty { return UpdateResult(.unknown, "\(label): the snapshot has no registry data") }
            guard let data = view.snapshot.registryValue(key, name: check.name) else {
                return UpdateResult(.missing, "\(label): registry value \(key)\\\(check.name) is absent")
            }
            let text: String
            switch data {
            case .dword(let n): text = String(n)
            case .qword(let n): text = String(n)
            default: text = data.stringValue ?? ""
            }
            if !check.value.isEmpty && text.lowercased() != check.value.lowercased() {
                return UpdateResult(.missing, "\(label): \(key)\\\(check.name) is \(text), not \(check.value)")
            }
        }
        for check in patch.files {
            guard let folder = check.folder else { continue }
            let (expanded, missing) = view.expand(folder)
            guard let expanded else { return UpdateResult(.unknown, "\(label): no value for %\(missing ?? "")% in the snapshot") }
            let path = MachineView.join(expanded, check.name)
            if view.snapshot.files.isEmpty { return UpdateResult(.unknown, "\(label): the snapshot has no file data (\(path))") }
            guard let file = view.index.file(atPath: path) else {
                if check.ignoreIfAbsent { continue }
                return UpdateResult(.missing, "\(label): \(path) is absent")
            }
            guard let wanted = check.version else {
                return UpdateResult(.unknown, "\(label): \(path) is checked by MBSA checksum only, which mofkit cannot compute")
            }
            guard let text = file.version, let actual = RuleComparison.parseVersion(text) else {
                return UpdateResult(.unknown, "\(label): the snapshot has no version for \(path)")
            }
            if RuleComparison.compareVersions(actual, wanted) < 0 {
                return UpdateResult(.missing, "\(label): \(path) is \(text), older than \(wanted.map(String.init).joined(separator: "."))")
            }
        }
        return UpdateResult(.installed, "\(label): registry and file checks pass")
    }

    func evaluate(_ view: MachineView) -> UpdateResult {
        let results = patches.map { patchStatus($0, view) }
        if let missing = results.first(where: { $0.status == .missing }) { return missing }
        if let unknown = results.first(where: { $0.status == .unknown }) { return unknown }
        if let installed = results.first(where: { $0.status == .installed }) { return installed }
        return results.first ?? UpdateResult(.notApplicable, "the bulletin has no patches")
    }

    func describe(_ view: MachineView) -> [String] {
        patches.map { patch in
            let result = patchStatus(patch, view)
            return "mssecure patch \(patch.name): products \(patch.products.map(\.name).joined(separator: "; ")); \(patch.registry.count) registry and \(patch.files.count) file check(s) → \(result.status.rawValue): \(result.reason)"
        }
    }
}
