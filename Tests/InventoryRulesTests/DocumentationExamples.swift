import Foundation
import InventoryRules
import Testing
import MofkitTestSupport

// The example of Sources/InventoryRules/InventoryRules.docc, verbatim (DocumentationCatalogTests checks
// that it stays so); the test below runs it.

/// What a client's inventory agent would collect for each reported class of an `SMS_def.mof`.
func collectionPlan(for path: String) -> [String] {
    let (rules, diagnostics, unreadable) = InventoryRulesLoader.rules(paths: [path])
    guard unreadable.isEmpty, !diagnostics.contains(where: { $0.severity == .error }) else { return [] }
    return rules.reportedClasses.map { rule in
        let columns = rule.properties.filter(\.reported).map(\.name)
        return "\(rule.groupName ?? rule.className) [\(rule.source.kind)] \(columns.joined(separator: ", "))"
    }
}

@Suite struct InventoryRulesDocumentationExamples {
    static let root = URL(fileURLWithPath: TestPaths.packageRoot)

    @Test func plansTheTerminalServerExtension() {
        let plan = collectionPlan(for: Self.root.appendingPathComponent("Corpus/mof/tsappmode-fixed.mof").path)
        print(plan)
        #expect(plan.count == 1)
        #expect(plan.first?.hasPrefix("TS Application Mode [") == true)
        #expect(plan.first?.hasSuffix("] keyname, TSEnabled, TSAppCompat") == true)
    }

    @Test func refusesAFileWithErrors() {
        #expect(collectionPlan(for: Self.root.appendingPathComponent("Corpus/mof/tsappmode-seed.mof").path).isEmpty)
        #expect(collectionPlan(for: "/nonexistent/SMS_def.mof").isEmpty)
    }
}
