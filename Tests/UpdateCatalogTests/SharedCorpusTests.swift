import Foundation
import MofkitSource
import Testing
@testable import UpdateCatalog

/// Every catalog of `../shared/corpus/catalogs/` (MANIFEST.tsv) converts, with the MANIFEST's number
/// of updates, no error, and no unknown rule element.
@Suite(.enabled(if: CatalogPaths.sharedAvailable, "../shared/corpus/catalogs is absent (not part of a plain clone)"))
struct SharedCorpusTests {
    struct Entry: CustomTestStringConvertible, Sendable {
        var path: String
        var kind: String
        var count: Int
        var testDescription: String { path }
    }

    /// Catalog rows of the MANIFEST with a count (schemas and index.xml have none).
    static let entries: [Entry] = {
        let url = CatalogPaths.shared.appendingPathComponent("MANIFEST.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 9, ["mbsa-mssecure", "scup-catalog", "scup-sdp", "wsus-offline"].contains(columns[6])
            else { return nil }
            guard let count = Int(columns[8].prefix { $0.isNumber }) else { return nil }
            return Entry(path: String(columns[0]), kind: String(columns[6]), count: count)
        }
    }()

    @Test func manifestListsTheCatalogs() {
        #expect(Self.entries.count >= 30)
        #expect(Self.entries.contains { $0.path.hasSuffix("wsusscn2.cab") })
        #expect(Self.entries.contains { $0.path == "scup/HpCatalogForSms.xml" })
    }

    @Test(arguments: entries)
    func convertsWithManifestCount(_ entry: Entry) {
        let path = CatalogPaths.shared.appendingPathComponent(entry.path).path
        var updates: [CatalogUpdate] = []
        var buffer = JSONBuffer()
        let summary = CatalogReader.read(path: path) { record in
            buffer.write(record)
            buffer.removeAll()
            if let update = record.update { updates.append(update) }
        }
        #expect(summary.succeeded, "\(summary.diagnostics.map(\.message))")
        #expect(summary.format != .unknown)
        #expect(updates.count == entry.count)
        #expect(summary.updateCount == entry.count)
        var unknown: [String] = []
        for update in updates {
            for root in update.allRules { root.forEach { if $0.kind == nil { unknown.append($0.displayName) } } }
        }
        #expect(unknown.isEmpty, "unknown rules: \(unknown)")
        #expect(!summary.diagnostics.contains { $0.code == CatalogCode.unknownRule || $0.code == CatalogCode.invalidRuleAttribute })
    }

    @Test func mssecureHasAllPatches() {
        let path = CatalogPaths.shared.appendingPathComponent("mssecure/mssecure.xml").path
        let (records, summary) = CatalogReader.readAll(path: path)
        #expect(summary.format == .mssecure)
        let updates = records.compactMap(\.update)
        #expect(updates.count == 231)
        #expect(updates.reduce(0) { $0 + $1.patches.count } == 393)
        let first = updates.first
        #expect(first?.id == "MS98-001")
        #expect(first?.kbArticles == ["Q169556"])
        #expect(first?.patches.first?.affectedProducts.first?.servicePackIDs == ["69", "4", "5", "7"])
    }

    @Test func hpCatalogRulesAreTyped() {
        let path = CatalogPaths.shared.appendingPathComponent("scup/HpCatalogForSms.xml").path
        var counts: [String: Int] = [:]
        var comparisons: Set<String> = []
        let summary = CatalogReader.read(path: path) { record in
            guard let update = record.update else { return }
            for root in update.allRules {
                root.forEach { rule in
                    counts[rule.displayName, default: 0] += 1
                    if case .scalarComparison(let comparison)? = rule.value("Comparison") { comparisons.insert(comparison.rawValue) }
                    if case .stringComparison(let comparison)? = rule.value("Comparison") { comparisons.insert(comparison.rawValue) }
                }
            }
        }
        #expect(summary.format == .scupCatalog)
        // The research notes count these in the whole file (FORMATS.md "What the real corpus actually uses").
        #expect(counts["lar:And"] == 18183)
        #expect(counts["bar:WindowsVersion"] == 14525)
        #expect(counts["bar:Processor"] == 12696)
        #expect(counts["bar:WmiQuery"] == 8295)
        #expect(counts["bar:FileVersion"] == 5934)
        #expect(counts["bar:RegSz"] == 5123)
        #expect(counts["lar:Or"] == 2636)
        #expect(comparisons == ["EqualTo", "GreaterThanOrEqualTo"])
    }

    @Test func wsusCabinetReadsNestedPackageXML() {
        let path = CatalogPaths.shared.appendingPathComponent("wsus/vuls-data-update-wsusscn2-fixture/wsusscn2.cab").path
        let (records, summary) = CatalogReader.readAll(path: path)
        #expect(summary.cabinetMember == "package.cab/package.xml")
        #expect(summary.format == .wsusPackage)
        let updates = records.compactMap(\.update)
        #expect(updates.map(\.revisionID) == ["123456", "234567", "345678", "456789"])
        #expect(updates[0].supersededBy == ["234567"])
        #expect(updates[3].categories.count == 4)
        #expect(updates[3].prerequisites == [.update("0fa1201d-4330-4fa8-8ae9-b877473b6441"), .update("12c24e87-bd40-451b-9477-2c2bf501e0d7")])
    }

    @Test func coreFragmentRelationships() {
        let path = CatalogPaths.shared.appendingPathComponent("wsus/vuls-data-update-wsusscn2-fixture/extracted/package2/c/123456").path
        let (records, summary) = CatalogReader.readAll(path: path)
        #expect(summary.format == .wsusFragment)
        let update = records.compactMap(\.update).first
        #expect(update?.id == "0a51549b-4e86-4a26-97d4-9e3567f24ea1")
        #expect(update?.supersedes == ["022f39ad-6b5c-4f5a-8667-b25f2f3f0069"])
        #expect(update?.prerequisites.count == 4)
        #expect(update?.prerequisites.last == .anyOf(["d31bd4c3-d872-41c9-a2e7-231f372588cb"]))
        #expect(update?.bundledUpdates == ["daad7390-d95c-4fd5-99a0-790dc6a2dc2a"])
    }
}
