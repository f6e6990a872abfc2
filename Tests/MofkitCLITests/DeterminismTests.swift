import Foundation
import Testing

/// The same input gives byte-identical output: across two runs, and across thread counts for `scan`.
/// Bytes are compared, not parsed values, so member order, number formatting and row order all count.
@Suite struct DeterminismTests {
    static func path(_ relative: String) -> String { MofkitBinary.packageRoot.appendingPathComponent(relative).path }

    /// Runs the command twice in fresh folders; both runs must succeed the same way and print the same bytes.
    static func expectSameBytesTwice(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = ChildProcess.runMofkit(arguments, in: directory)
        let second = ChildProcess.runMofkit(arguments, in: directory)
        let label = arguments.joined(separator: " ")
        #expect(first.status < 2, "\(label): status \(first.status) \(first.standardError.prefix(300))", sourceLocation: sourceLocation)
        #expect(first.status == second.status, "\(label)", sourceLocation: sourceLocation)
        #expect(first.standardOutput.count > 100, "\(label): too little output to compare", sourceLocation: sourceLocation)
        #expect(first.standardOutput == second.standardOutput, "\(label): output differs between runs", sourceLocation: sourceLocation)
        #expect(first.standardError == second.standardError, "\(label): diagnostics differ between runs", sourceLocation: sourceLocation)
    }

    @Test(arguments: ["jsonl", "json"])
    func catalogConvert(format: String) {
        for catalog in ["Corpus/catalogs/catalog-scup.cab", "Corpus/catalogs/all-rules-msus.xml", "Corpus/catalogs/all-rules-2005.sdp",
                        "Corpus/catalogs/wsusscn2-small.cab", "Corpus/catalogs/broken/wsusscn2-bad-fragment.cab"] {
            Self.expectSameBytesTwice(["catalog", "convert", "--format", format, Self.path(catalog)])
        }
    }

    @Test(arguments: ["json", "sarif", "text"])
    func check(format: String) throws {
        let smsCases = try FileManager.default.contentsOfDirectory(atPath: Self.path("Corpus/sms")).sorted()
            .filter { $0.hasSuffix(".mof") }.map { Self.path("Corpus/sms/" + $0) }
        let broken = try FileManager.default.contentsOfDirectory(atPath: Self.path("Corpus/mof/broken")).sorted()
            .filter { $0.hasSuffix(".mof") }.map { Self.path("Corpus/mof/broken/" + $0) }
        #expect(smsCases.count > 5 && broken.count > 5)
        Self.expectSameBytesTwice(["check", "--format", format, "--color", "never"] + smsCases + broken)
    }

    @Test func rulesAndInventory() {
        Self.expectSameBytesTwice(["rules", "--format", "json", Self.path("Corpus/mof/SMS_def-example.mof")])
        Self.expectSameBytesTwice(["rules", "--format", "text", Self.path("Corpus/mof/SMS_def-example.mof")])
        Self.expectSameBytesTwice(["inventory", "--mof", Self.path("Corpus/mof/SMS_def-example.mof"),
                                   "--machines", Self.path("Corpus/machines")])
        for machine in ["Corpus/machines/srv2003-tsappmode", "Corpus/machines/win11-ws"] {
            Self.expectSameBytesTwice(["inventory", "--print-snapshot", "--machine", Self.path(machine)])
        }
    }

    /// Every report file of `scan` is byte-identical whatever the thread count. The fleet is the corpus
    /// machines repeated, so that with several threads machines finish out of order.
    @Test func scanAcrossThreadCounts() throws {
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fleet = directory.appendingPathComponent("fleet")
        let machines = try FileManager.default.contentsOfDirectory(atPath: Self.path("Corpus/machines")).sorted()
            .filter { !$0.hasSuffix(".md") }
        for copy in 0..<4 {
            for machine in machines {
                try FileManager.default.copyItem(atPath: Self.path("Corpus/machines/" + machine),
                                                 toPath: fleet.appendingPathComponent("\(machine)-\(copy)").path)
            }
        }
        var reports: [Int: [String: Data]] = [:]
        for threads in [1, 2, 4] {
            let out = directory.appendingPathComponent("out-\(threads)").path
            let result = ChildProcess.runMofkit(["scan", "--catalog", Self.path("Corpus/catalogs/catalog-scup.xml"),
                                                 "--machines", fleet.path, "--out", out, "--threads", "\(threads)",
                                                 "--scan-time", "2024-05-03 00:00:00"], in: directory)
            #expect(result.status < 2, "threads \(threads): \(result.standardError.prefix(300))")
            var files: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: out) {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
            }
            reports[threads] = files
        }
        let single = try #require(reports[1])
        #expect(Set(single.keys).isSuperset(of: ["machine-status.csv", "compliance-by-update.csv", "scan.json", "mofkit.db", "report.html"]))
        for threads in [2, 4] {
            for (name, bytes) in single.sorted(by: { $0.key < $1.key }) {
                #expect(reports[threads]?[name] == bytes, "\(name) differs between --threads 1 and --threads \(threads)")
            }
        }
    }
}
