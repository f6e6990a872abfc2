import MachineState
import UpdateCatalog

/// The tables of an mssecure.xml, resolved per bulletin by ``MssecureTables`` into the detection plan
/// the evaluator runs.
struct MssecureDatabase {
    let tables: MssecureTables
    let products: ProductIndex

    init(entries: [CatalogEntry], products: ProductTable) {
        tables = MssecureTables(entries: entries)
        self.products = ProductIndex(products)
    }

    func servicePack(_ pack: MssecureDetection.ServicePack, availableCount: Int) -> MssecurePlan.ServicePackRef {
        let name = pack.name ?? "ServicePackID \(pack.id)"
        return MssecurePlan.ServicePackRef(
            id: pack.id, name: name, recognition: pack.name.flatMap(products.servicePack),
            asReleased: pack.name.map { $0 == "None Available" || availableCount <= 1 } ?? false)
    }

    func plan(for update: CatalogUpdate) -> MssecurePlan {
        let detection = tables.detection(for: update)
        var plan = MssecurePlan(bulletin: update.id)
        for patch in detection.patches {
            var patchPlan = MssecurePlan.Patch(name: patch.name ?? patch.qNumber ?? "")
            for product in patch.products {
                guard let name = product.name else { continue }
                let available = product.availableServicePacks.count
                patchPlan.products.append(.init(
                    name: name, recognition: products.product(name),
                    affected: product.servicePacks.map { servicePack($0, availableCount: available) },
                    fixedIn: product.fixedInServicePack.map { servicePack($0, availableCount: available) }))
            }
            patchPlan.registry = patch.registryChecks.filter { $0.key != nil }
            patchPlan.files = patch.fileChecks.filter { $0.folder != nil && $0.folder != "na" }.map {
                MssecurePlan.FileCheck(folder: $0.folder, name: $0.name, version: $0.version.flatMap(RuleComparison.parseVersion),
                                       checksum: $0.checksum, command: $0.command)
            }
            patchPlan.supersededBy = patch.supersededBy
            plan.patches.append(patchPlan)
        }
        return plan
    }
}

/// How an mssecure bulletin is detected, the way HFNetChk and the SMS 2003 Security Update Inventory
/// Tool did it (Docs/evaluation.md "Mssecure.xml"):
///
/// - a patch **applies** when one of its products is on the machine (recognised by the product
///   table's facts, ``ProductTable``), at one of the affected service packs, and not at or above the
///   service pack that contains the fix (`FixedInSP`, a ServicePack id);
/// - an applicable patch is **installed** when all of its evidence holds: every registry change (the
///   value named by the `RegKeys` row, of its type, equal to `RegChangeValue`) and every file at or
///   above its version (`e` files may be absent, `d` files must be gone). Checksums are reported as not
///   checked (MBSA's algorithm is not published);
/// - a patch with no registry or file check **cannot be determined** (HFNetChk, KB Q306460);
/// - a missing patch is **superseded** when a newer patch named by its `SBID` record (or that one's,
///   along the chain) is installed or applicable on the machine.
struct MssecurePlan: Sendable {
    struct FileCheck: Sendable {
        var folder: String?
        var name: String
        var version: [UInt32]?
        var checksum: String?
        var command: MssecureDetection.Command
    }

    /// A catalog service pack with the facts that recognise it.
    struct ServicePackRef: Sendable {
        var id: String
        var name: String
        var recognition: (series: Int, position: Int, entry: ServicePackRecognition)?
        /// `None Available`, or the only service pack its product has had: the product as released.
        var asReleased: Bool
    }

    struct Product: Sendable {
        var name: String
        var recognition: ProductRecognition?
        var affected: [ServicePackRef]
        var fixedIn: ServicePackRef?
    }

    struct Patch: Sendable {
        var name: String
        var products: [Product] = []
        var registry: [MssecureDetection.RegistryCheck] = []
        var files: [FileCheck] = []
        var supersededBy: [MssecureDetection.Superseder] = []
    }

    var bulletin: String
    var patches: [Patch] = []

    /// Whether the machine is at this service pack; `series` lets "at or above" look at later ones.
    static func at(_ pack: ServicePackRef, _ view: MachineView, series: [ServicePackSeries], orLater: Bool) -> (Truth, String) {
        guard let (s, position, entry) = pack.recognition else {
            if pack.asReleased && !orLater { return (.true, "\(pack.name) [the product has had no service pack]") }
            return (.unknown, "the product table has no facts for service pack '\(pack.name)'")
        }
        let (truth, seen) = FactCheck.all(entry.allOf, view)
        if truth == .true || !orLater || s >= series.count { return (truth, "\(pack.name): " + seen.joined(separator: ", ")) }
        var result = truth
        for later in series[s].servicePacks.dropFirst(position + 1) {
            let (t, laterSeen) = FactCheck.all(later.allOf, view)
            if t == .true { return (.true, "\(later.name) (at or above \(pack.name)): " + laterSeen.joined(separator: ", ")) }
            result = result || t
        }
        return (result, "\(pack.name) or later: " + seen.joined(separator: ", "))
    }

    /// Whether the patch applies: a product on the machine at an affected service pack, not yet fixed.
    static func applies(_ patch: Patch, _ view: MachineView, series: [ServicePackSeries]) -> (Truth, String, String?) {
        var truth = Truth.false
        var notes: [String] = []
        for product in patch.products {
            guard let recognition = product.recognition else {
                truth = truth || .unknown
                notes.append("no detection facts for product '\(product.name)' (add them with --products)")
                continue
            }
            let (present, seen) = FactCheck.any(recognition.anyOf, view)
            if present == .false {
                notes.append("\(product.name) not recognised (\(seen.isEmpty ? "never on Windows" : seen.joined(separator: ", ")))")
                continue
            }
            var level = Truth.true
            var levelNote = ""
            if !product.affected.isEmpty {
                level = .false
                var seenPacks: [String] = []
                for pack in product.affected {
                    let (t, text) = at(pack, view, series: series, orLater: false)
                    if t == .true {
                        level = .true
                        levelNote = text
                        break
                    }
                    level = level || t
                    seenPacks.append(text)
                }
                if level != .true { levelNote = "not at an affected service pack (\(seenPacks.joined(separator: "; ")))" }
            }
            var fixed = Truth.false
            var fixedNote = ""
            if let fixedIn = product.fixedIn, level != .false {
                let (t, text) = at(fixedIn, view, series: series, orLater: true)
                fixed = t
                fixedNote = text
            }
            let applies = present && level && !fixed
            if applies == .true {
                return (.true, "", "\(product.name) (\(seen.joined(separator: ", "))\(levelNote.isEmpty ? "" : "; " + levelNote))")
            }
            truth = truth || applies
            if present == .unknown {
                notes.append("\(product.name): " + seen.joined(separator: ", "))
            } else if level != .true {
                notes.append("\(product.name) is on the machine but \(levelNote)")
            } else {
                notes.append("\(product.name) is at or above the service pack with the fix (\(fixedNote))")
            }
        }
        return (truth, notes.joined(separator: "; "), nil)
    }

    /// A patch's status before supersedence.
    static func status(_ patch: Patch, _ view: MachineView, series: [ServicePackSeries]) -> UpdateResult {
        let (applies, notes, product) = applies(patch, view, series: series)
        if applies == .false { return UpdateResult(.notApplicable, "\(patch.name): \(notes.isEmpty ? "no affected product" : notes)") }
        if applies == .unknown { return UpdateResult(.unknown, "\(patch.name): \(notes)") }
        let label = "\(patch.name) for \(product ?? "?")"
        if patch.registry.isEmpty && patch.files.isEmpty {
            return UpdateResult(.cannotDetermine, "\(label): the bulletin gives no registry or file check (HFNetChk: cannot determine)")
        }
        var missingData: String?
        var checksums = 0
        for check in patch.registry {
            guard let key = check.key else { continue }
            if view.snapshot.registry.isEmpty {
                missingData = missingData ?? "\(label): the snapshot has no registry data (\(key)\\\(check.valueName))"
                continue
            }
            guard let data = view.snapshot.registryValue(key, name: check.valueName) else {
                return UpdateResult(.missing, "\(label): registry value \(key)\\\(check.valueName) is absent")
            }
            let wantedType = check.valueType.map { $0.lowercased() == "0x10001" ? "REG_DWORD" : $0 == "0" ? "REG_SZ" : nil } ?? nil
            if let wantedType, data.typeName != wantedType {
                return UpdateResult(.missing, "\(label): \(key)\\\(check.valueName) is \(data.typeName), not \(wantedType)")
            }
            let text = FactCheck.text(data)
            if text.lowercased() != check.value.lowercased() {
                return UpdateResult(.missing, "\(label): \(key)\\\(check.valueName) is \(text), not \(check.value)")
            }
        }
        for check in patch.files {
            guard let folder = check.folder else { continue }
            let (expanded, missingVariable) = view.expand(folder)
            guard let expanded else {
                missingData = missingData ?? "\(label): no value for %\(missingVariable ?? "")% in the snapshot"
                continue
            }
            let path = MachineView.join(expanded, check.name)
            if view.snapshot.files.isEmpty {
                missingData = missingData ?? "\(label): the snapshot has no file data (\(path))"
                continue
            }
            if check.checksum != nil { checksums += 1 }
            let file = view.index.file(atPath: path)
            if check.command == .delete {
                if file != nil { return UpdateResult(.missing, "\(label): \(path) is still present (the patch deletes it)") }
                continue
            }
            guard let file else {
                if check.command == .changeIfExists { continue }
                return UpdateResult(.missing, "\(label): \(path) is absent")
            }
            guard let wanted = check.version else { continue }
            guard let text = file.version, let actual = RuleComparison.parseVersion(text) else {
                missingData = missingData ?? "\(label): the snapshot has no version for \(path)"
                continue
            }
            if RuleComparison.compareVersions(actual, wanted) < 0 {
                return UpdateResult(.missing, "\(label): \(path) is \(text), older than \(wanted.map(String.init).joined(separator: "."))")
            }
        }
        if let missingData { return UpdateResult(.unknown, missingData) }
        let note = checksums > 0 ? " (\(checksums) checksum(s) not checked: MBSA's algorithm is not published)" : ""
        return UpdateResult(.installed, "\(label): \(patch.registry.count) registry and \(patch.files.count) file check(s) hold\(note)")
    }

    /// The bulletin's status from its patches' (supersedence applied): missing, else unknown, else
    /// cannot determine, else installed, else superseded, else not applicable.
    static func combine(_ results: [UpdateResult]) -> UpdateResult {
        for wanted in [UpdateStatus.missing, .unknown, .cannotDetermine, .installed, .superseded] {
            if let result = results.first(where: { $0.status == wanted }) { return result }
        }
        if results.isEmpty { return UpdateResult(.notApplicable, "the bulletin has no patches") }
        // Not applicable: every patch says why.
        return UpdateResult(.notApplicable, results.map(\.reason).joined(separator: " | "))
    }

    func describe(_ view: MachineView, series: [ServicePackSeries], statuses: [UpdateResult]) -> [String] {
        patches.enumerated().map { p, patch in
            let (applies, notes, product) = Self.applies(patch, view, series: series)
            var line = "mssecure patch \(patch.name): "
            switch applies {
            case .true: line += "applies to \(product ?? "?")"
            case .false: line += "not applicable: \(notes)"
            case .unknown: line += "applicability unknown: \(notes)"
            }
            line += "; \(patch.registry.count) registry and \(patch.files.count) file check(s)"
            for superseder in patch.supersededBy {
                line += "; superseded by \(superseder.bulletin)\(superseder.patches.isEmpty ? "" : "'s " + superseder.patches.joined(separator: ", "))"
            }
            let result = p < statuses.count ? statuses[p] : UpdateResult(.unknown, "")
            return line + " → \(result.status.rawValue): \(result.reason)"
        }
    }
}
