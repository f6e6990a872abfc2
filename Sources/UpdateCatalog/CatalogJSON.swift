import MofkitSource

/// The JSON form of catalog records (documented in `Docs/catalog-json.md`, schema in
/// `Docs/catalog-record.schema.json`). Members appear in a fixed order; absent values and empty
/// lists are left out.
extension JSONBuffer {
    /// Writes one record as a JSON object.
    public mutating func write(_ record: CatalogRecord) {
        switch record {
        case .header(let header): write(header)
        case .update(let update): write(update)
        case .fileLocation(let location): write(location)
        case .entry(let entry): write(entry)
        case .cabinetIndex(let index): write(index)
        case .fragment(let fragment): write(fragment)
        }
    }

    mutating func write(_ index: CabinetIndex) {
        beginObject()
        key("kind"); string("cabinetIndex")
        key("member"); string(index.member)
        if !index.cabinets.isEmpty {
            key("cabinets")
            beginArray()
            for cabinet in index.cabinets {
                beginObject()
                member("name", cabinet.name)
                member("rangeStart", cabinet.rangeStart)
                key("line"); integer(cabinet.line)
                endObject()
            }
            endArray()
        }
        if let extra = index.extra { key("extra"); write(extra) }
        endObject()
    }

    mutating func write(_ fragment: CatalogFragment) {
        beginObject()
        key("kind"); string("fragment")
        key("member"); string(fragment.member)
        key("part"); string(fragment.part.rawValue)
        member("language", fragment.language)
        key("revisionID"); string(fragment.revisionID)
        member("updateID", fragment.updateID)
        member("revisionNumber", fragment.revisionNumber)
        key("attached"); boolean(fragment.attached)
        key("content")
        beginObject()
        writeUpdateMembers(fragment.content)
        endObject()
        endObject()
    }

    mutating func write(_ header: CatalogHeader) {
        beginObject()
        key("kind"); string("catalog")
        key("format"); string(header.format.rawValue)
        key("root"); string(header.root.local)
        if !header.root.namespace.isEmpty { key("namespace"); string(header.root.namespace) }
        writeAttributes("attributes", header.attributes)
        member("cabinetMember", header.cabinetMember)
        endObject()
    }

    mutating func write(_ location: FileLocation) {
        beginObject()
        key("kind"); string("fileLocation")
        key("line"); integer(location.line)
        member("id", location.id)
        member("url", location.url)
        if let extra = location.extra { key("extra"); write(extra) }
        endObject()
    }

    mutating func write(_ entry: CatalogEntry) {
        beginObject()
        key("kind"); string("entry")
        key("path"); beginArray(); for part in entry.path { string(part) }; endArray()
        key("line"); integer(entry.element.line)
        key("element"); write(entry.element)
        endObject()
    }

    mutating func write(_ update: CatalogUpdate) {
        beginObject()
        key("kind"); string("update")
        writeUpdateMembers(update)
        endObject()
    }

    /// The members of an update object after `kind` (shared by `update` records and fragment `content`).
    private mutating func writeUpdateMembers(_ update: CatalogUpdate) {
        key("format"); string(update.format.rawValue)
        key("element"); string(update.element)
        key("line"); integer(update.line)
        if !update.id.isEmpty { key("id"); string(update.id) }
        member("revisionNumber", update.revisionNumber)
        member("revisionID", update.revisionID)
        member("schemaVersion", update.schemaVersion)
        member("updateType", update.updateType)
        member("created", update.created)
        member("revised", update.revised)
        member("vendor", update.vendor)
        member("publicationState", update.publicationState)
        member("products", update.products)
        member("classification", update.classification)
        member("severity", update.severity)
        member("kbArticles", update.kbArticles)
        member("bulletins", update.bulletins)
        member("cves", update.cves)
        member("moreInfoURLs", update.moreInfoURLs)
        member("supportURLs", update.supportURLs)
        member("defaultLanguage", update.defaultLanguage)
        if !update.localized.isEmpty {
            key("localized")
            beginArray()
            for text in update.localized {
                beginObject()
                member("language", text.language)
                member("title", text.title)
                member("description", text.description)
                endObject()
            }
            endArray()
        }
        if !update.categories.isEmpty {
            key("categories")
            beginArray()
            for category in update.categories {
                beginObject()
                member("type", category.type)
                member("id", category.id)
                endObject()
            }
            endArray()
        }
        if let isLeaf = update.isLeaf { key("isLeaf"); boolean(isLeaf) }
        if let isBundle = update.isBundle { key("isBundle"); boolean(isBundle) }
        member("supersedes", update.supersedes)
        member("supersededBy", update.supersededBy)
        if !update.prerequisites.isEmpty {
            key("prerequisites")
            beginArray()
            for prerequisite in update.prerequisites {
                switch prerequisite {
                case .update(let id): string(id)
                case .anyOf(let ids): beginArray(); for id in ids { string(id) }; endArray()
                }
            }
            endArray()
        }
        member("bundledUpdates", update.bundledUpdates)
        member("bundledBy", update.bundledBy)
        writeRules(update.applicability)
        if !update.installableItems.isEmpty {
            key("installableItems")
            beginArray()
            for item in update.installableItems { write(item) }
            endArray()
        }
        if !update.patches.isEmpty {
            key("patches")
            beginArray()
            for patch in update.patches { write(patch) }
            endArray()
        }
        writeFiles(update.files)
        if let extra = update.extra { key("extra"); write(extra) }
    }

    private mutating func write(_ item: InstallableItem) {
        beginObject()
        member("id", item.id)
        key("line"); integer(item.line)
        writeRules(item.applicability)
        writeAttributes("installProperties", item.installProperties)
        writeAttributes("uninstallProperties", item.uninstallProperties)
        if !item.installerData.isEmpty {
            key("installerData")
            beginArray(); for element in item.installerData { write(element) }; endArray()
        }
        writeFiles(item.files)
        member("languages", item.languages)
        endObject()
    }

    private mutating func write(_ patch: BulletinPatch) {
        beginObject()
        member("name", patch.name)
        member("qNumber", patch.qNumber)
        member("locationID", patch.locationID)
        member("supersedenceID", patch.supersedenceID)
        member("noReboot", patch.noReboot)
        if !patch.affectedProducts.isEmpty {
            key("affectedProducts")
            beginArray()
            for product in patch.affectedProducts {
                beginObject()
                member("productID", product.productID)
                member("fixedInServicePack", product.fixedInServicePack)
                member("servicePackIDs", product.servicePackIDs)
                endObject()
            }
            endArray()
        }
        member("fileChangeIDs", patch.fileChangeIDs)
        member("registryChangeIDs", patch.registryChangeIDs)
        member("comments", patch.comments)
        endObject()
    }

    private mutating func writeFiles(_ files: [FileReference]) {
        guard !files.isEmpty else { return }
        key("files")
        beginArray()
        for file in files {
            beginObject()
            member("name", file.name)
            member("digest", file.digest)
            member("size", file.size)
            member("modified", file.modified)
            member("url", file.url)
            endObject()
        }
        endArray()
    }

    private mutating func writeRules(_ rules: ApplicabilityRules) {
        guard !rules.isEmpty else { return }
        key("rules")
        beginObject()
        if let rule = rules.isInstalled { key("isInstalled"); write(rule) }
        if let rule = rules.isInstallable { key("isInstallable"); write(rule) }
        if let rule = rules.isSuperseded { key("isSuperseded"); write(rule) }
        if let rule = rules.metadata { key("metadata"); write(rule) }
        endObject()
    }

    /// Writes a rule: typed attribute values, the input text where it differs from the canonical
    /// spelling (`raw`), and the names of attributes that are invalid or unknown to the schema.
    public mutating func write(_ rule: ApplicabilityRule) {
        beginObject()
        key("rule"); string(rule.kind?.rawValue ?? rule.name.local)
        if rule.kind == nil { key("known"); boolean(false) }
        if let family = rule.family { key("family"); string(family.rawValue) }
        if let spelling = rule.spelling { key("spelling"); string(spelling.rawValue) }
        if rule.kind == nil || rule.name.local != rule.kind?.rawValue { key("element"); string(rule.name.local) }
        if rule.kind == nil && !rule.name.namespace.isEmpty { key("namespace"); string(rule.name.namespace) }
        key("line"); integer(rule.line)
        if !rule.attributes.isEmpty {
            key("attributes")
            beginObject()
            var raw: [RuleAttribute] = []
            var invalid: [String] = []
            var unknown: [String] = []
            for attribute in rule.attributes {
                key(attributeKey(attribute.name))
                guard let value = attribute.value else {
                    string(attribute.raw)
                    if attribute.isKnown { invalid.append(attribute.name.local) } else { unknown.append(attributeKey(attribute.name)) }
                    continue
                }
                write(value)
                if !Self.spelledCanonically(value, attribute.raw) { raw.append(attribute) }
            }
            endObject()
            if !raw.isEmpty {
                key("raw")
                beginObject()
                for attribute in raw { key(attributeKey(attribute.name)); string(attribute.raw) }
                endObject()
            }
            member("invalid", invalid)
            member("unknownAttributes", unknown)
        }
        if !rule.children.isEmpty {
            key("children")
            beginArray(); for child in rule.children { write(child) }; endArray()
        }
        if !rule.content.isEmpty {
            key("content")
            beginArray(); for element in rule.content { write(element) }; endArray()
        }
        endObject()
    }

    /// Whether `raw` is the canonical spelling of `value`, checked on bytes without building the
    /// canonical text (this runs for every rule attribute of a large catalog).
    static func spelledCanonically(_ value: RuleValue, _ raw: String) -> Bool {
        func plainNumber<S: Collection>(_ bytes: S) -> Bool where S.Element == UInt8 {
            // Digits without a sign or leading zeros (a lone "0" is fine).
            guard let first = bytes.first, first >= 0x30 && first <= 0x39 else { return false }
            return first != 0x30 || bytes.count == 1
        }
        switch value {
        case .text, .scalarComparison, .stringComparison, .loopLogic, .registryKey, .registryValueType:
            return true  // stored as written, or an exact enumeration spelling
        case .boolean(let flag):
            return raw == (flag ? "true" : "false")
        case .integer, .csidl:
            var bytes = Substring(raw).utf8
            if bytes.first == 0x2D { bytes = bytes.dropFirst() }
            return plainNumber(bytes) && !(raw.utf8.first == 0x2D && bytes.count == 1 && bytes.first == 0x30)
        case .version:
            return raw.utf8.split(separator: 0x2E, omittingEmptySubsequences: false).allSatisfy { plainNumber($0) }
        case .languageIDs:
            return raw.utf8.split(separator: 0x2C, omittingEmptySubsequences: false).allSatisfy { plainNumber($0) }
        }
    }

    private mutating func write(_ value: RuleValue) {
        switch value {
        case .integer(let number): integer(Int(number))
        case .csidl(let number): integer(number)
        case .boolean(let flag): boolean(flag)
        case .languageIDs(let ids): beginArray(); for id in ids { integer(id) }; endArray()
        default: string(value.canonicalText)
        }
    }

    /// Writes a generic element: name, namespace, attributes, text, children.
    public mutating func write(_ element: XMLElement) {
        beginObject()
        key("name"); string(element.name.local)
        if !element.name.namespace.isEmpty { key("namespace"); string(element.name.namespace) }
        writeAttributes("attributes", element.attributes)
        if !element.text.isXMLWhitespace { key("text"); string(element.text) }
        if !element.children.isEmpty {
            key("children")
            beginArray(); for child in element.children { write(child) }; endArray()
        }
        endObject()
    }

    private mutating func writeAttributes(_ name: StaticString, _ attributes: [XMLAttribute]) {
        guard !attributes.isEmpty else { return }
        key(name)
        beginObject()
        for attribute in attributes {
            key(attributeKey(attribute.name))
            string(attribute.value)
        }
        endObject()
    }

    private func attributeKey(_ name: XMLName) -> String {
        name.namespace.isEmpty ? name.local : "{\(name.namespace)}\(name.local)"
    }

    /// Writes the trailer that closes a JSON Lines stream: `end` on success, `error` otherwise.
    public mutating func writeTrailer(_ summary: CatalogReadSummary) {
        beginObject()
        key("kind"); string(summary.succeeded ? "end" : "error")
        key("format"); string(summary.format.rawValue)
        key("updates"); integer(summary.updateCount)
        if summary.fragmentCount > 0 { key("fragments"); integer(summary.fragmentCount) }
        key("records"); integer(summary.recordCount)
        let errors = summary.diagnostics.filter { $0.severity == .error }.count
        let warnings = summary.diagnostics.filter { $0.severity == .warning }.count
        key("errors"); integer(errors)
        key("warnings"); integer(warnings)
        if !summary.succeeded || !summary.diagnostics.isEmpty {
            key("diagnostics")
            beginArray()
            for diagnostic in summary.diagnostics where diagnostic.severity != .note {
                beginObject()
                key("code"); string(diagnostic.code.rawValue)
                key("severity"); string(diagnostic.severity.rawValue)
                key("message"); string(diagnostic.message)
                key("file"); string(diagnostic.range.file)
                key("line"); integer(diagnostic.range.start.line)
                key("column"); integer(diagnostic.range.start.column)
                endObject()
            }
            endArray()
        }
        endObject()
    }
}
