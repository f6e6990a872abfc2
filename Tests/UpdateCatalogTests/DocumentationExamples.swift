import Foundation
import Testing
import UpdateCatalog
import MofkitTestSupport

// The examples of Sources/UpdateCatalog/UpdateCatalog.docc, verbatim (DocumentationCatalogTests checks
// that they stay so); the tests below run them.

/// Streams a catalog of any supported format (XML or a cabinet) and lists its updates.
func updateTitles(in path: String) -> (titles: [String], succeeded: Bool) {
    var titles: [String] = []
    let summary = CatalogReader.read(path: path) { record in
        if case .update(let update) = record {
            titles.append("\(update.id): \(update.title() ?? "(untitled)")")
        }
    }
    return (titles, summary.succeeded)
}

/// Counts the rule elements of every update by name, walking each rule tree.
func ruleCounts(in path: String) -> [String: Int] {
    var counts: [String: Int] = [:]
    _ = CatalogReader.read(path: path) { record in
        guard case .update(let update) = record else { return }
        for rule in update.allRules {
            rule.forEach { element in counts[element.displayName, default: 0] += 1 }
        }
    }
    return counts
}

/// Writes each record as one line of JSON (the `mofkit catalog convert --format jsonl` shape).
func jsonLines(of path: String) -> [String] {
    var lines: [String] = []
    _ = CatalogReader.read(path: path) { record in
        var json = JSONBuffer()
        json.write(record)
        lines.append(String(decoding: json.bytes, as: UTF8.self))
    }
    return lines
}

@Suite struct UpdateCatalogDocumentationExamples {
    static let catalogs = URL(fileURLWithPath: TestPaths.packageRoot).appendingPathComponent("Corpus/catalogs")

    @Test func listsTheUpdatesOfACabinet() {
        let (titles, succeeded) = updateTitles(in: Self.catalogs.appendingPathComponent("catalog-scup.cab").path)
        print(titles)
        #expect(succeeded)
        #expect(!titles.isEmpty)
        #expect(titles.allSatisfy { !$0.hasSuffix("(untitled)") })
    }

    @Test func countsRuleElements() {
        let counts = ruleCounts(in: Self.catalogs.appendingPathComponent("all-rules-msus.xml").path)
        print(counts.sorted { $0.key < $1.key })
        #expect(counts.count > 10)
        #expect(counts.values.allSatisfy { $0 > 0 })
    }

    @Test func writesOneJSONLinePerRecord() {
        let lines = jsonLines(of: Self.catalogs.appendingPathComponent("catalog-scup.xml").path)
        #expect(lines.count >= 2)
        #expect(lines.allSatisfy { $0.hasPrefix("{") && !$0.contains("\n") })
        print(lines.first ?? "")
    }
}
