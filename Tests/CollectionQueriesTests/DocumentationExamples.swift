import CollectionQueries
import Foundation
import MofkitSource
import Reports
import Testing

// The example of Sources/CollectionQueries/CollectionQueries.docc/CollectionQueries.md, compiled and run here.

/// The names of the machines in `query`'s collection.
func members(of query: String, database path: String) throws -> [String] {
    let db = try SQLiteDatabase(opening: path)
    let evaluator = CollectionEvaluator(schema: try CollectionEvaluator.schema(of: db))
    let (rules, diagnostics) = evaluator.translate([CollectionRuleText(source: SourceFile(path: "<query>", string: query))])
    guard !diagnostics.contains(where: { $0.severity == .error }) else { return [] }
    return try evaluator.members(rules, db: db).map(\.name)
}

@Suite("Collections documentation example")
struct CollectionsDocumentationExampleTests {
    @Test("the landing page's example gives the members")
    func landingPage() throws {
        let path = try Fleet.database()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try members(of: "select * from SMS_R_System where SMS_R_System.Client = 1", database: path) == ["PC-HQ-001", "SRV-APP-02"])
        #expect(try members(of: "select * from SMS_R_System where SMS_R_System.Nope = 1", database: path) == [])
    }
}
