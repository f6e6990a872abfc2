import MofkitSource

/// Counts over a catalog: updates by vendor, product and classification, and rules by type.
public struct CatalogStatistics: Sendable {
    public var format: CatalogFormat = .unknown
    public var updates = 0
    public var installableItems = 0
    public var fileLocations = 0
    public var entries = 0
    public var byVendor: [String: Int] = [:]
    public var byProduct: [String: Int] = [:]
    public var byClassification: [String: Int] = [:]
    /// Rule elements by display name (`bar:FileVersion`), every occurrence counted.
    public var rules: [String: Int] = [:]
    /// Unknown rule elements by name.
    public var unknownRules: [String: Int] = [:]
    /// wsusscn2.cab fragments by part (`core`, `extended`, `localized`).
    public var fragments: [String: Int] = [:]
    /// Localized fragments by language folder.
    public var languages: [String: Int] = [:]
    /// Fragments of revisions package.xml does not list (`CAT2007`).
    public var orphanFragments = 0
    /// Core fragments that carry applicability rules.
    public var coreFragmentsWithRules = 0
    /// Category ids (products, classifications, …) used by the updates, lower-cased.
    private var categoryIDs: Set<String> = []
    /// Titles of those categories, from the localized fragments of the category updates.
    public private(set) var categoryTitles: [String: String] = [:]
    public var cabinetMember: String?
    /// mssecure: bulletins per affected ProductID, named from the `Products` table (which follows the
    /// bulletins in the file) when the counts are read.
    private var bulletinsByProductID: [String: Int] = [:]
    private var mssecureTables = MssecureTables()

    public init() {}

    /// Updates by product: product names (Updates Publisher), product category ids (wsusscn2), or
    /// the names of the products mssecure patches affect.
    public var productCounts: [String: Int] {
        var counts = byProduct
        for (id, count) in bulletinsByProductID {
            counts[mssecureTables.productName(id) ?? "ProductID \(id)", default: 0] += count
        }
        return counts
    }

    public mutating func add(_ record: CatalogRecord) {
        switch record {
        case .header(let header):
            format = header.format
            cabinetMember = header.cabinetMember
        case .fileLocation:
            fileLocations += 1
        case .entry(let entry):
            entries += 1
            if format == .mssecure { mssecureTables.add(entry) }
        case .update(let update):
            updates += 1
            installableItems += update.installableItems.count
            byVendor[update.vendor ?? "(none)", default: 0] += 1
            let affected = Set(update.patches.flatMap(\.affectedProducts).compactMap(\.productID))
            if !affected.isEmpty {
                for id in affected { bulletinsByProductID[id, default: 0] += 1 }
            } else if update.products.isEmpty {
                let products = update.categories.filter { $0.type == "Product" }.compactMap(\.id)
                for product in products.isEmpty ? ["(none)"] : products { byProduct[product, default: 0] += 1 }
            } else {
                for product in update.products { byProduct[product, default: 0] += 1 }
            }
            let classification = update.classification
                ?? update.categories.first { $0.type == "UpdateClassification" }?.id ?? "(none)"
            byClassification[classification, default: 0] += 1
            for category in update.categories { if let id = category.id { categoryIDs.insert(id.lowercased()) } }
            countRules(update.allRules)
        case .cabinetIndex:
            break
        case .fragment(let fragment):
            fragments[fragment.part.rawValue, default: 0] += 1
            if let language = fragment.language { languages[language, default: 0] += 1 }
            if !fragment.attached { orphanFragments += 1 }
            if fragment.part == .core && !fragment.content.applicability.isEmpty { coreFragmentsWithRules += 1 }
            countRules(fragment.content.allRules)
            // A localized fragment of a category update names the category (English preferred).
            if fragment.part == .localized, let id = fragment.updateID?.lowercased(), categoryIDs.contains(id),
               let title = fragment.content.title(), categoryTitles[id] == nil || fragment.language == "en"
            {
                categoryTitles[id] = title
                // Every update came before the fragments: rename the category's counts now.
                for key in byProduct.keys where key.lowercased() == id || key.hasSuffix("(\(id))") {
                    byProduct["\(title) (\(id))", default: 0] += byProduct.removeValue(forKey: key) ?? 0
                }
                for key in byClassification.keys where key.lowercased() == id || key.hasSuffix("(\(id))") {
                    byClassification["\(title) (\(id))", default: 0] += byClassification.removeValue(forKey: key) ?? 0
                }
            }
        }
    }

    private mutating func countRules(_ roots: [ApplicabilityRule]) {
        for root in roots {
            root.forEach { rule in
                rules[rule.displayName, default: 0] += 1
                if rule.kind == nil { unknownRules[rule.displayName, default: 0] += 1 }
            }
        }
    }

    private static func sorted(_ counts: [String: Int]) -> [(String, Int)] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    }

    /// A readable report.
    public func text(_ summary: CatalogReadSummary, file: String) -> String {
        var out = "\(file): \(format.rawValue)"
        if let cabinetMember { out += " (cabinet member \(cabinetMember); signature not checked)" }
        out += "\n"
        out += "updates: \(updates)\n"
        if installableItems > 0 { out += "installable items: \(installableItems)\n" }
        if fileLocations > 0 { out += "file locations: \(fileLocations)\n" }
        if entries > 0 { out += "other entries: \(entries)\n" }
        for (title, counts) in [("vendors", byVendor), ("products", productCounts), ("classifications", byClassification)] {
            out += "\(title):\n"
            for (name, count) in Self.sorted(counts) { out += "  \(count)\t\(name)\n" }
        }
        out += "rule types (\(rules.count)):\n"
        for (name, count) in Self.sorted(rules) { out += "  \(count)\t\(name)\n" }
        if !unknownRules.isEmpty {
            out += "unknown rules:\n"
            for (name, count) in Self.sorted(unknownRules) { out += "  \(count)\t\(name)\n" }
        }
        if !fragments.isEmpty {
            // wsusscn2.cab: the fragments read besides package.xml.
            out += "fragments: " + FragmentPart.allCases.map { "\(fragments[$0.rawValue, default: 0]) \($0.rawValue)" }
                .joined(separator: ", ") + "\n"
            if !languages.isEmpty {
                out += "languages: " + Self.sorted(languages).map { "\($0.0) \($0.1)" }.joined(separator: ", ") + "\n"
            }
            out += "core fragments with rules: \(coreFragmentsWithRules)\n"
            if orphanFragments > 0 { out += "orphan fragments (not attached): \(orphanFragments)\n" }
        }
        return out
    }

    /// The same as one JSON object (keys sorted by count, then name).
    public func json(_ summary: CatalogReadSummary) -> String {
        var buffer = JSONBuffer()
        buffer.beginObject()
        buffer.key("format"); buffer.string(format.rawValue)
        buffer.member("cabinetMember", cabinetMember)
        buffer.key("updates"); buffer.integer(updates)
        buffer.key("installableItems"); buffer.integer(installableItems)
        buffer.key("fileLocations"); buffer.integer(fileLocations)
        buffer.key("entries"); buffer.integer(entries)
        let groups: [(StaticString, [String: Int])] = [
            ("vendors", byVendor), ("products", productCounts), ("classifications", byClassification),
            ("rules", rules), ("unknownRules", unknownRules),
        ]
        for (name, counts) in groups {
            buffer.key(name)
            buffer.beginObject()
            for (key, count) in Self.sorted(counts) { buffer.key(key); buffer.integer(count) }
            buffer.endObject()
        }
        if !fragments.isEmpty {
            buffer.key("orphanFragments"); buffer.integer(orphanFragments)
            buffer.key("coreFragmentsWithRules"); buffer.integer(coreFragmentsWithRules)
            for (name, counts) in [("fragments", fragments), ("languages", languages)] as [(StaticString, [String: Int])] {
                buffer.key(name)
                buffer.beginObject()
                for (key, count) in Self.sorted(counts) { buffer.key(key); buffer.integer(count) }
                buffer.endObject()
            }
        }
        buffer.key("succeeded"); buffer.boolean(summary.succeeded)
        buffer.endObject()
        buffer.newline()
        return String(decoding: buffer.bytes, as: UTF8.self)
    }
}

/// Readable text for `mofkit catalog show`.
public enum CatalogShowFormatter {
    /// `mssecure`: the bulletin's detection resolved against the catalog's tables (see
    /// ``MssecureTables``); without it, patches are shown with the table ids they refer to.
    public static func describe(_ update: CatalogUpdate, mssecure: MssecureDetection? = nil) -> String {
        var out = ""
        func line(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { out += "\(label): \(value)\n" }
        }
        func list(_ label: String, _ values: [String]) {
            if !values.isEmpty { out += "\(label): \(values.joined(separator: ", "))\n" }
        }
        out += "\(update.element) \(update.id)\(update.revisionNumber.map { " revision \($0)" } ?? "") (\(update.format.rawValue), line \(update.line))\n"
        line("title", update.title())
        line("description", (update.localized.first { $0.language == "en" && $0.description != nil } ?? update.localized.first)?.description)
        if update.localized.count > 1 {
            for text in update.localized { line("title (\(text.language ?? "?"))", text.title) }
        }
        line("update type", update.updateType)
        line("revision id", update.revisionID)
        line("vendor", update.vendor)
        list("products", update.products)
        line("classification", update.classification)
        line("severity", update.severity)
        list("KB", update.kbArticles)
        list("bulletins", update.bulletins)
        list("CVEs", update.cves)
        line("created", update.created)
        line("revised", update.revised)
        list("categories", update.categories.map { "\($0.type ?? "?")=\($0.id ?? "?")" })
        list("supersedes", update.supersedes)
        list("superseded by", update.supersededBy)
        if !update.prerequisites.isEmpty {
            out += "prerequisites: " + update.prerequisites.map { $0.ids.count == 1 ? $0.ids[0] : "(" + $0.ids.joined(separator: " or ") + ")" }
                .joined(separator: " and ") + "\n"
        }
        list("bundles", update.bundledUpdates)
        list("bundled by", update.bundledBy)
        out += rules(update.applicability, indent: "")
        for item in update.installableItems {
            out += "installable item \(item.id ?? "(no id)")\n"
            out += rules(item.applicability, indent: "  ")
            for file in item.files {
                out += "  file \(file.name ?? "?")\(file.size.map { " (\($0) bytes)" } ?? "")\(file.url.map { " " + $0 } ?? "")\n"
            }
        }
        if let mssecure {
            for patch in mssecure.patches { out += describe(patch) }
        } else {
            for patch in update.patches {
                out += "patch \(patch.name ?? "?")\(patch.qNumber.map { " " + $0 } ?? "")\n"
                for product in patch.affectedProducts {
                    out += "  product \(product.productID ?? "?") service packs \(product.servicePackIDs.joined(separator: ","))\n"
                }
                if !patch.fileChangeIDs.isEmpty { out += "  file changes \(patch.fileChangeIDs.joined(separator: ","))\n" }
                if !patch.registryChangeIDs.isEmpty { out += "  registry changes \(patch.registryChangeIDs.joined(separator: ","))\n" }
            }
        }
        for file in update.files {
            out += "file \(file.name ?? file.digest ?? "?")\(file.url.map { " " + $0 } ?? "")\n"
        }
        return out + "\n"
    }

    /// One mssecure patch: products with their service packs, then each registry and file check.
    static func describe(_ patch: MssecureDetection.Patch) -> String {
        var out = "patch \(patch.name ?? "?")\(patch.qNumber.map { " " + $0 } ?? "")\n"
        for product in patch.products {
            out += "  affects \(product.name ?? "ProductID \(product.id ?? "?") (not in Products)")"
            let packs = product.servicePacks.map { $0.name ?? "ServicePackID \($0.id)" }
            if !packs.isEmpty { out += " at " + packs.joined(separator: ", ") }
            if let fixed = product.fixedInServicePack { out += "; fixed in \(fixed.name ?? "ServicePackID \(fixed.id)")" }
            out += "\n"
        }
        for check in patch.registryChecks {
            out += "  registry \(check.key ?? "?")\\\(check.valueName) = \"\(check.value)\"\n"
        }
        for check in patch.fileChecks {
            out += "  file \(check.folder ?? "?")\\\(check.name)"
            if let version = check.version { out += " version ≥ \(version)" }
            if let checksum = check.checksum { out += " checksum \(checksum)" }
            if check.command == .changeIfExists { out += " (only if present)" }
            if check.command == .delete { out += " (deleted)" }
            out += "\n"
        }
        for superseder in patch.supersededBy {
            out += "  superseded by \(superseder.bulletin)\(superseder.patches.isEmpty ? "" : "'s " + superseder.patches.joined(separator: ", "))\n"
        }
        if !patch.unresolved.isEmpty { out += "  not in the tables: \(patch.unresolved.joined(separator: ", "))\n" }
        return out
    }

    static func rules(_ rules: ApplicabilityRules, indent: String) -> String {
        var out = ""
        for (holder, rule) in rules.all {
            out += "\(indent)\(holder):\n"
            out += tree(rule, indent: indent + "  ")
        }
        return out
    }

    /// One line per rule: `bar:FileVersion Path="…" Comparison=GreaterThanOrEqualTo …`, children indented.
    public static func tree(_ rule: ApplicabilityRule, indent: String) -> String {
        var out = indent + rule.displayName
        if rule.kind == nil { out += " (unknown)" }
        for attribute in rule.attributes {
            out += " \(attribute.name.local)=\"\(attribute.raw)\""
            if attribute.isKnown && attribute.value == nil { out += "(invalid)" }
        }
        out += "\n"
        for child in rule.children { out += tree(child, indent: indent + "  ") }
        for element in rule.content { out += "\(indent)  <\(element.name.local)>\(element.significantText ?? "")\n" }
        return out
    }
}
