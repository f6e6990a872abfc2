import MachineState
import UpdateCatalog

/// The tables of an mssecure.xml, resolved per bulletin by ``MssecureTables`` into the detection plan
/// the evaluator runs.
struct MssecureDatabase {
    let tables: MssecureTables

    init(entries: [CatalogEntry]) {
        tables = MssecureTables(entries: entries)
    }

    func plan(for update: CatalogUpdate) -> MssecurePlan {
        let detection = tables.detection(for: update)
        var plan = MssecurePlan(bulletin: update.id)
        for patch in detection.patches {
            var patchPlan = MssecurePlan.Patch(name: patch.name ?? patch.qNumber ?? "")
            for product in patch.products {
                guard let name = product.name else { continue }
                patchPlan.products.append(.init(name: name, servicePackLevels: Set(product.servicePacks.compactMap(\.level)),
                                                fixedIn: product.fixedInServicePack ?? 0))
            }
            patchPlan.registry = patch.registryChecks.filter { $0.key != nil }
            patchPlan.files = patch.fileChecks.filter { $0.folder != nil && $0.folder != "na" }.map {
                MssecurePlan.FileCheck(folder: $0.folder, name: $0.name, version: $0.version.flatMap(RuleComparison.parseVersion),
                                       checksum: $0.checksum, ignoreIfAbsent: $0.command == .changeIfExists)
            }
            plan.supersedesBulletins += patch.supersedesBulletins
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
        var registry: [MssecureDetection.RegistryCheck] = []
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
            guard let data = view.snapshot.registryValue(key, name: check.valueName) else {
                return UpdateResult(.missing, "\(label): registry value \(key)\\\(check.valueName) is absent")
            }
            let text: String
            switch data {
            case .dword(let n): text = String(n)
            case .qword(let n): text = String(n)
            default: text = data.stringValue ?? ""
            }
            if !check.value.isEmpty && text.lowercased() != check.value.lowercased() {
                return UpdateResult(.missing, "\(label): \(key)\\\(check.valueName) is \(text), not \(check.value)")
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
