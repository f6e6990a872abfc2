import Foundation
import Testing

/// `mofkit catalog convert|stats|show`, run end to end.
struct CatalogCommandTests {
    static let corpus = MofkitBinary.packageRoot.appendingPathComponent("Corpus/catalogs")
    static func corpusFile(_ name: String) -> String { corpus.appendingPathComponent(name).path }

    static func objects(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    @Test func convertWritesJSONLinesEndingWithEnd() {
        let result = MofkitBinary.run(["catalog", "convert", Self.corpusFile("package.xml")])
        #expect(result.status == 0, "\(result.standardError)")
        let records = Self.objects(result.standardOutput)
        #expect(records.count == result.outputLines.count)  // every line is one JSON object
        #expect(records.first?["kind"] as? String == "catalog")
        #expect(records.filter { $0["kind"] as? String == "update" }.count == 3)
        #expect(records.last?["kind"] as? String == "end")
        #expect(records.last?["updates"] as? Int == 3)
    }

    @Test func convertAsOneJSONDocument() throws {
        let result = MofkitBinary.run(["catalog", "convert", "--format", "json", Self.corpusFile("all-rules-2005.sdp")])
        #expect(result.status == 0)
        let document = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let records = document?["records"] as? [[String: Any]]
        #expect(records?.count == 2)
        #expect((document?["summary"] as? [String: Any])?["kind"] as? String == "end")
    }

    @Test func convertIsDeterministic() {
        let first = MofkitBinary.run(["catalog", "convert", Self.corpusFile("catalog-scup.cab")])
        let second = MofkitBinary.run(["catalog", "convert", Self.corpusFile("catalog-scup.cab")])
        #expect(first.status == 0)
        #expect(first.standardOutput == second.standardOutput)
        #expect(!first.standardOutput.isEmpty)
    }

    @Test func truncatedInputFailsWithErrorRecord() throws {
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try String(contentsOfFile: Self.corpusFile("package.xml"), encoding: .utf8)
        let path = MofkitBinary.write(String(text.prefix(1200)), to: "cut.xml", in: directory)
        let result = MofkitBinary.run(["catalog", "convert", path])
        #expect(result.status == 1)
        let last = Self.objects(result.standardOutput).last
        #expect(last?["kind"] as? String == "error")
        #expect(result.standardError.contains("error[CAT1002]"))
        #expect(result.standardError.contains("cut.xml:"))
    }

    @Test func outputFileIsRenamedOnlyOnSuccess() throws {
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.jsonl").path
        let ok = MofkitBinary.run(["catalog", "convert", Self.corpusFile("mssecure-small.xml"), "-o", good])
        #expect(ok.status == 0)
        #expect(ok.standardOutput.isEmpty)
        #expect(try String(contentsOfFile: good, encoding: .utf8).hasSuffix("\n"))
        let cut = MofkitBinary.write("<BulletinDatastore><Bulletins><Bulletin BulletinID=\"x\">", to: "cut.xml", in: directory)
        let bad = directory.appendingPathComponent("bad.jsonl").path
        let failed = MofkitBinary.run(["catalog", "convert", cut, "-o", bad])
        #expect(failed.status == 1)
        #expect(!FileManager.default.fileExists(atPath: bad))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    /// `--threads 2` (parsing on a second thread) and `--threads 1` give the same standard output,
    /// standard error and exit status, for good and damaged input, and the same `-o` behaviour.
    @Test func convertThreadCountDoesNotChangeAnything() throws {
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cut = MofkitBinary.write("<BulletinDatastore><Bulletins><Bulletin BulletinID=\"x\">", to: "cut.xml", in: directory)
        let files = ["package.xml", "catalog-scup.cab", "mssecure-small.xml", "fragment-core.xml"].map(Self.corpusFile) + [cut]
        for file in files {
            for format in ["jsonl", "json"] {
                let single = MofkitBinary.run(["catalog", "convert", "--threads", "1", "--format", format, file])
                let piped = MofkitBinary.run(["catalog", "convert", "--threads", "2", "--format", format, file])
                #expect(!single.standardOutput.isEmpty)
                #expect(piped.status == single.status, "\(file)")
                #expect(piped.standardOutput == single.standardOutput, "\(file) \(format)")
                #expect(piped.standardError == single.standardError, "\(file) \(format)")
            }
            for threads in ["1", "2"] {
                let target = directory.appendingPathComponent("out-\(threads).jsonl").path
                let result = MofkitBinary.run(["catalog", "convert", "--threads", threads, file, "-o", target])
                #expect(FileManager.default.fileExists(atPath: target) == (result.status == 0), "\(file) --threads \(threads)")
                try? FileManager.default.removeItem(atPath: target)
            }
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
        let invalid = MofkitBinary.run(["catalog", "convert", "--threads", "0", Self.corpusFile("package.xml")])
        #expect(invalid.status != 0)
        #expect(invalid.standardError.contains("--threads must be at least 1"))
    }

    @Test func statsCountsRuleTypes() {
        let result = MofkitBinary.run(["catalog", "stats", Self.corpusFile("catalog-scup.xml")])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("scup-catalog"))
        #expect(result.standardOutput.contains("updates: 2"))
        #expect(result.standardOutput.contains("bar:FileVersion"))
        #expect(result.standardOutput.contains("Mofkit Test"))
        let json = MofkitBinary.run(["catalog", "stats", "--json", Self.corpusFile("catalog-scup.xml")])
        let object = Self.objects(json.standardOutput).first
        #expect(object?["updates"] as? Int == 2)
        #expect((object?["rules"] as? [String: Any])?["bar:WmiQuery"] as? Int == 1)
    }

    @Test func showPrintsTheRuleTree() {
        let result = MofkitBinary.run(["catalog", "show", Self.corpusFile("fragment-core.xml"), "9d0f6b6e-2222-4b2b-8c8c-000000000001"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("IsInstalled:\n  lar:And\n    bar:FileVersion"))
        #expect(result.standardOutput.contains("cbsar:CbsPackageInstalledByIdentity PackageIdentity=\"InternetExplorer-Package~11.2.9600.16428\""))
    }

    @Test func showByKBAndUnknownID() {
        let byKB = MofkitBinary.run(["catalog", "show", Self.corpusFile("all-rules-2005.sdp"), "KB5000001"])
        #expect(byKB.status == 0)
        #expect(byKB.standardOutput.contains("title: Every 2005/04 rule"))
        let missing = MofkitBinary.run(["catalog", "show", Self.corpusFile("all-rules-2005.sdp"), "nothing"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("no update 'nothing'"))
    }

    @Test func showResolvesMssecureDetectionAndStatsNameProducts() {
        let show = MofkitBinary.run(["catalog", "show", Self.corpusFile("mssecure-small.xml"), "Q100001"])
        #expect(show.status == 0, "\(show.standardError)")
        #expect(show.standardOutput.contains("""
          affects Windows Test at Gold
          registry HKLM\\SOFTWARE\\Microsoft\\Updates\\Q100001\\Installed = "1"
          file %windir%\\system32\\test.dll version ≥ 5.0.0.1 checksum 12345
          superseded by MT02-001's Q200001_x86.exe
        """))
        let stats = MofkitBinary.run(["catalog", "stats", "--json", Self.corpusFile("mssecure-small.xml")])
        let object = try? JSONSerialization.jsonObject(with: Data(stats.standardOutput.utf8)) as? [String: Any]
        #expect(object?["products"] as? [String: Int] == ["Windows Test": 1])
    }
}
