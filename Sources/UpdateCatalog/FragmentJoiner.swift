/// Joins wsusscn2.cab fragments onto their updates, in memory, for `catalog show` and evaluation.
///
/// Feed it the records of ``CatalogReader/read(path:onRecord:)`` in order; ``updates`` are then the
/// `package.xml` updates (those `keep` accepts) with what their fragments say: from the core fragment
/// the update type, the full prerequisite structure (`AtLeastOne` groups), supersedes, bundled
/// updates and the applicability rules; from the extended fragment the severity, KB articles,
/// bulletins, support URLs and files; from the localized fragments the title and description per
/// language. Classification and product category ids are named by the titles of the category
/// updates when the catalog holds them. Orphan fragments (``CatalogFragment/attached`` false) are
/// counted, not attached. Records of other formats pass through as updates unchanged.
public struct FragmentJoiner {
    private var joined: [CatalogUpdate] = []
    private var indexByRevision: [String: Int] = [:]
    private let keep: (CatalogUpdate) -> Bool
    /// Category id (lower-cased) → its title, from every localized fragment of a category update.
    private var categoryTitles: [String: String] = [:]
    private var categoryIDs: Set<String> = []
    /// Fragments read, and those not attached to any update.
    public private(set) var fragmentCount = 0
    public private(set) var orphanCount = 0

    /// `keep` chooses the `package.xml` updates to hold (all by default; `catalog show` keeps one).
    public init(keep: @escaping (CatalogUpdate) -> Bool = { _ in true }) {
        self.keep = keep
    }

    /// Takes one record; `.update` and `.fragment` records are used, the others ignored.
    public mutating func add(_ record: CatalogRecord) {
        switch record {
        case .update(let update):
            for category in update.categories { if let id = category.id { categoryIDs.insert(id.lowercased()) } }
            guard keep(update) else { return }
            if let revision = update.revisionID, indexByRevision[revision] == nil { indexByRevision[revision] = joined.count }
            joined.append(update)
        case .fragment(let fragment):
            fragmentCount += 1
            if !fragment.attached { orphanCount += 1 }
            if fragment.part == .localized, let id = fragment.updateID?.lowercased(), categoryIDs.contains(id),
               let title = fragment.content.title(), categoryTitles[id] == nil || fragment.language == "en"
            {
                categoryTitles[id] = title
            }
            guard fragment.attached, let index = indexByRevision[fragment.revisionID] else { return }
            Self.merge(fragment, into: &joined[index])
        default:
            break
        }
    }

    /// The updates with their fragments merged, categories named where the catalog names them.
    public var updates: [CatalogUpdate] {
        guard !categoryTitles.isEmpty else { return joined }
        return joined.map { update in
            var update = update
            for category in update.categories {
                guard let id = category.id, let title = categoryTitles[id.lowercased()] else { continue }
                if category.type == "UpdateClassification" && update.classification == nil { update.classification = title }
                if category.type == "Product" && !update.products.contains(title) { update.products.append(title) }
            }
            return update
        }
    }

    static func merge(_ fragment: CatalogFragment, into update: inout CatalogUpdate) {
        let content = fragment.content
        switch fragment.part {
        case .core:
            update.updateType = update.updateType ?? content.updateType
            update.created = update.created ?? content.created
            update.defaultLanguage = update.defaultLanguage ?? content.defaultLanguage
            // package.xml lists prerequisites flat; the core fragment has the real AND/AtLeastOne shape.
            if !content.prerequisites.isEmpty { update.prerequisites = content.prerequisites }
            update.supersedes += content.supersedes.filter { !update.supersedes.contains($0) }
            update.bundledUpdates += content.bundledUpdates.filter { !update.bundledUpdates.contains($0) }
            update.bundledGroups += content.bundledGroups
            if update.applicability.isEmpty { update.applicability = content.applicability }
        case .extended:
            update.severity = update.severity ?? content.severity
            update.kbArticles += content.kbArticles.filter { !update.kbArticles.contains($0) }
            update.bulletins += content.bulletins.filter { !update.bulletins.contains($0) }
            update.supportURLs += content.supportURLs.filter { !update.supportURLs.contains($0) }
            for file in content.files {
                // package.xml names payload files by digest only; the fragment adds name, size, date.
                if let index = update.files.firstIndex(where: { $0.digest != nil && $0.digest == file.digest && $0.name == nil }) {
                    update.files[index] = file
                } else {
                    update.files.append(file)
                }
            }
        case .localized:
            for var text in content.localized {
                if text.language == nil { text.language = fragment.language }
                update.localized.append(text)
            }
        }
    }
}

extension FragmentJoiner {
    /// Finds the updates of a catalog whose UpdateID, PackageID, RevisionId, BulletinID or KB article
    /// is `id` (case-insensitive; `KB` prefix optional), with their wsusscn2 fragments joined on.
    /// Only those updates are held. The KB number of a wsusscn2.cab update is in its `x/` fragment,
    /// read after the update, so such a match takes a second pass over the file. `onRecord` sees every
    /// record of the first pass (for tables a caller keeps, such as mssecure's).
    public static func find(
        _ id: String, path: String, onRecord: (CatalogRecord) -> Void = { _ in }
    ) -> (updates: [CatalogUpdate], summary: CatalogReadSummary) {
        let wanted = id.lowercased()
        func matches(_ keys: [String]) -> Bool {
            keys.contains { $0.lowercased() == wanted || "kb" + $0.lowercased() == wanted }
        }
        var kbRevisions: Set<String> = []
        var joiner = FragmentJoiner { matches([$0.id, $0.revisionID ?? ""] + $0.kbArticles) }
        var summary = CatalogReader.read(path: path) { record in
            if case .fragment(let fragment) = record, fragment.attached, matches(fragment.content.kbArticles) {
                kbRevisions.insert(fragment.revisionID)
            }
            joiner.add(record)
            onRecord(record)
        }
        var found = joiner.updates
        kbRevisions.subtract(found.compactMap(\.revisionID))
        if !kbRevisions.isEmpty {
            var second = FragmentJoiner { $0.revisionID.map(kbRevisions.contains) ?? false }
            summary = CatalogReader.read(path: path) { second.add($0) }
            found += second.updates
        }
        return (found, summary)
    }
}
