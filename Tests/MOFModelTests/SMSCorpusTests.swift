import Foundation
import MOFModel
import MOFSyntax
import MofkitSource
import Testing

/// `Corpus/sms/<CODE>-<slug>.mof` holds one injected mistake, announced on its first line as
/// `// expect: <CODE> at <line>:<column>`; `<CODE>-<slug>.clean.mof` is the same file without it.
enum SMSCorpus {
    static let directory = SharedCorpus.packageRoot + "/Corpus/sms"

    static var brokenFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasPrefix("MOF") && $0.hasSuffix(".mof") && !$0.hasSuffix(".clean.mof") }.sorted()
    }

    static func expectation(_ file: String) -> (code: String, line: Int, column: Int)? {
        guard let text = try? String(contentsOfFile: directory + "/" + file, encoding: .utf8),
            let first = text.split(separator: "\n").first
        else { return nil }
        let words = first.split(separator: " ")
        guard words.count == 5, words[1] == "expect:" else { return nil }
        let place = words[4].split(separator: ":").compactMap { Int($0) }
        guard place.count == 2 else { return nil }
        return (String(words[2]), place[0], place[1])
    }

    static func check(_ file: String) -> [Diagnostic] {
        MOFChecker.check(paths: [directory + "/" + file], options: MOFCheckOptions()).diagnostics
    }
}

@Suite("SMS inventory corpus")
struct SMSCorpusTests {
    @Test("there is a broken file for every inventory check")
    func everyInventoryCodeHasAFile() {
        let codes = Set(SMSCorpus.brokenFiles.map { String($0.prefix(7)) })
        let published = Set(MOFChecker.descriptors.map(\.code.rawValue).filter { $0.hasPrefix("MOF4") })
        #expect(published.subtracting(codes).isEmpty, "no corpus file for \(published.subtracting(codes).sorted())")
    }

    @Test("each injected mistake is caught at its place", arguments: SMSCorpus.brokenFiles)
    func mistakeIsCaught(file: String) throws {
        let expected = try #require(SMSCorpus.expectation(file))
        let diagnostics = SMSCorpus.check(file)
        let hit = diagnostics.contains {
            $0.code.rawValue == expected.code && $0.range.start.line == expected.line && $0.range.start.column == expected.column
        }
        #expect(hit, "\(file): expected \(expected.code) at \(expected.line):\(expected.column), got \(diagnostics.map { "\($0.code)@\($0.range.start.line):\($0.range.start.column)" })")
    }

    @Test("each clean twin passes", arguments: SMSCorpus.brokenFiles)
    func cleanTwinPasses(file: String) {
        let clean = file.replacingOccurrences(of: ".mof", with: ".clean.mof")
        let findings = SMSCorpus.check(clean).filter { $0.severity != .note }
        #expect(findings.isEmpty, "\(clean): \(findings.map { "\($0.code)@\($0.range.start.line): \($0.message)" })")
    }
}

@Suite("Seed sample")
struct SeedSampleTests {
    static let seed = """
        #pragma namespace ("\\\\\\\\.\\\\root\\\\cimv2")
        [DYNPROPS]
        class TSAPPMode
        {
              [key]
                string keyname="";
                string TSEnabled;
                string TSAppCompat;
        };
        [DYNPROPS]
        instance of TSAPPMode
        {
                keyname="TSAPPMode";
                [PropertyContext("local|HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\CurrentControlSet\\\\Control\\\\
                Terminal Server|TSEnabled"),Dynamic, Provider("RegPropProv")]
                TSEnabled;
                [PropertyContext("local|HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\CurrentControlSet\\\\Control\\\\
                Terminal Server|TSAppCompat"),Dynamic, Provider("RegPropProv")]
                TSAppCompat;
        };
        """.replacingOccurrences(of: "\n", with: "\r\n")

    @Test("both broken PropertyContext lines are caught at the break")
    func bothBreaksAreCaught() {
        let source = SourceFile(path: "tsappmode-seed.mof", string: SeedSampleTests.seed)
        let analysis = MOFSemanticAnalyzer.analyze(MOFDeclarationLoader.load(source: source))
        let breaks = analysis.diagnostics.filter { $0.code == SemanticCode.contextLineBreak }
        #expect(breaks.map(\.range.start.line) == [14, 17])
        // The break is right after the trailing `\\` at the end of the line.
        let lineLength = source.lineText(14).unicodeScalars.count
        #expect(breaks.first?.range.start.column == lineLength + 1)
        #expect(breaks.allSatisfy { $0.severity == .error })
    }

    @Test("the repository's seed file, when present, is caught on both lines")
    func repositorySeedFile() throws {
        let path = SharedCorpus.packageRoot + "/Corpus/mof/tsappmode-seed.mof"
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipped: \(path) is not there yet")
            return
        }
        let result = MOFChecker.check(paths: [path], options: MOFCheckOptions())
        let lines = result.diagnostics.filter { $0.code == SemanticCode.contextLineBreak }.map(\.range.start.line)
        #expect(lines == [14, 17])
    }
}
