import Foundation
import Testing

/// `mofkit catalog convert|stats|show` and `mofkit eval` on a wsusscn2-layout cabinet, end to end.
struct WsusCabinetCLITests {
    static let small = CatalogCommandTests.corpusFile("wsusscn2-small.cab")
    static let broken = CatalogCommandTests.corpusFile("broken/wsusscn2-bad-fragment.cab")

    @Test func convertWritesUpdatesIndexAndFragments() {
        let result = MofkitBinary.run(["catalog", "convert", Self.small])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.isEmpty)
        let records = CatalogCommandTests.objects(result.standardOutput)
        #expect(records.count == result.outputLines.count)
        let kinds = records.map { $0["kind"] as? String ?? "?" }
        #expect(kinds.filter { $0 == "update" }.count == 5)
        #expect(kinds.filter { $0 == "cabinetIndex" }.count == 1)
        #expect(kinds.filter { $0 == "fragment" }.count == 19)
        #expect(records.last?["kind"] as? String == "end")
        #expect(records.last?["fragments"] as? Int == 19)
        let core = records.first { $0["member"] as? String == "package2.cab/c/102" }
        #expect(core?["updateID"] as? String == "5b0c6f4e-3333-4c3c-8d8d-000000000102")
        #expect(core?["attached"] as? Bool == true)
        let rules = (core?["content"] as? [String: Any])?["rules"] as? [String: Any]
        #expect((rules?["isInstalled"] as? [String: Any])?["rule"] as? String == "Or")
    }

    @Test func brokenFragmentFailsNamingTheMember() {
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out.jsonl").path
        let result = MofkitBinary.run(["catalog", "convert", Self.broken, "-o", out])
        #expect(result.status == 1)
        #expect(result.standardError.contains("wsusscn2-bad-fragment.cab!package3.cab/c/302:1:392: error[CAT1001]"))
        #expect(result.standardError.contains("warning[CAT2007]"))
        #expect(!FileManager.default.fileExists(atPath: out))  // not renamed: the input has errors
        let stdout = MofkitBinary.run(["catalog", "convert", Self.broken])
        let last = CatalogCommandTests.objects(stdout.standardOutput).last
        #expect(last?["kind"] as? String == "error")
        #expect(last?["fragments"] as? Int == 20)
    }

    @Test func statsAndShowUseTheFragments() {
        let stats = MofkitBinary.run(["catalog", "stats", Self.small])
        #expect(stats.status == 0)
        #expect(stats.standardOutput.contains("fragments: 5 core, 4 extended, 10 localized"))
        #expect(stats.standardOutput.contains("msiar:MsiProductInstalled"))
        let show = MofkitBinary.run(["catalog", "show", Self.small, "KB5032189"])
        #expect(show.status == 0, "\(show.standardError)")
        #expect(show.standardOutput.contains("title: 2023-11 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5032189)"))
        #expect(show.standardOutput.contains("superseded by: 102"))
        #expect(show.standardOutput.contains("IsInstalled:\n  bar:RegDword"))
        let byRevision = MofkitBinary.run(["catalog", "show", Self.small, "301"])
        #expect(byRevision.standardOutput.contains("title (de): Update für 7-Zip 23.01 (x64-Edition)"))
        #expect(byRevision.standardOutput.contains("msiar:MsiProductInstalled"))
    }

    @Test func evalUsesTheFragmentRules() throws {
        let result = MofkitBinary.run(["eval", "--catalog", Self.small,
                                       "--machine", EvalCommandTests.path("Corpus/machines/win10-22h2-ws"), "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let machines = try #require(json["machines"] as? [[String: Any]])
        let updates = try #require(machines.first?["updates"] as? [[String: Any]])
        #expect(updates.map { $0["status"] as? String } == ["installed", "installed", "superseded", "missing", "missing"])
    }
}
