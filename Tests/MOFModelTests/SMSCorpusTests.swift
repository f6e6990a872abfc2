import Foundation
import MOFModel
import MOFSyntax
import MofkitSource
import Testing

/// `Corpus/sms/<CODE>-<slug>.mof` holds one injected mistake, announced on its first line as
/// `// expect: <CODE> at <line>:<column>`; `<CODE>-<slug>.clean.mof` is the same file without it.
enum SMSCorpus {
    static let directory = SharedCorpus.packageRoot + "/Corpus/sms"

    /// The directory's `MOF*.mof` files, or the listing error. The corpus is in the repository, so
    /// `corpusIsComplete` fails on an error here (the parameterised tests then have no arguments).
    static let listing: Result<[String], any Error> = Result {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("MOF") && $0.hasSuffix(".mof") }.sorted()
    }

    static var brokenFiles: [String] {
        ((try? listing.get()) ?? []).filter { !$0.hasSuffix(".clean.mof") }
    }

    static func cleanTwin(of file: String) -> String {
        String(file.dropLast(".mof".count)) + ".clean.mof"
    }

    /// The `// expect: <CODE> at <line>:<column>` header; throws when the file is unreadable or the header malformed.
    static func expectation(_ file: String) throws -> (code: String, line: Int, column: Int) {
        let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
        let first = try #require(text.split(separator: "\n").first, "\(file) is empty")
        let words = first.split(separator: " ")
        try #require(words.count == 5 && words[1] == "expect:", "\(file): first line is not `// expect: CODE at L:C`: \(first)")
        let place = words[4].split(separator: ":").compactMap { Int($0) }
        try #require(place.count == 2, "\(file): bad place \(words[4])")
        return (String(words[2]), place[0], place[1])
    }

    /// Checks one corpus file; an unreadable (or missing) file fails the test instead of giving no findings.
    static func check(_ file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [Diagnostic] {
        let path = directory + "/" + file
        try #require(FileManager.default.fileExists(atPath: path), "Corpus/sms/\(file) not found", sourceLocation: sourceLocation)
        let result = MOFChecker.check(paths: [path], options: MOFCheckOptions())
        try #require(result.unreadable.isEmpty, "Corpus/sms/\(file) unreadable: \(result.unreadable)", sourceLocation: sourceLocation)
        return result.diagnostics
    }
}

@Suite("SMS inventory corpus")
struct SMSCorpusTests {
    @Test("the corpus is listed, and every broken file has its clean twin and the reverse")
    func corpusIsComplete() throws {
        let files = try SMSCorpus.listing.get()
        #expect(!SMSCorpus.brokenFiles.isEmpty, "no MOF*.mof file in \(SMSCorpus.directory)")
        let present = Set(files)
        let withoutClean = SMSCorpus.brokenFiles.filter { !present.contains(SMSCorpus.cleanTwin(of: $0)) }
        #expect(withoutClean.isEmpty, "broken files without their .clean.mof twin: \(withoutClean)")
        let withoutBroken = files.filter { $0.hasSuffix(".clean.mof") && !present.contains(String($0.dropLast(".clean.mof".count)) + ".mof") }
        #expect(withoutBroken.isEmpty, ".clean.mof files without their broken twin: \(withoutBroken)")
    }

    @Test("there is a broken file for every inventory check")
    func everyInventoryCodeHasAFile() {
        let codes = Set(SMSCorpus.brokenFiles.map { String($0.prefix(7)) })
        let published = Set(SemanticCode.descriptors.map(\.code.rawValue).filter { $0.hasPrefix("MOF4") })
        #expect(published.subtracting(codes).isEmpty, "no corpus file for \(published.subtracting(codes).sorted())")
    }

    @Test("each injected mistake is caught at its place", arguments: SMSCorpus.brokenFiles)
    func mistakeIsCaught(file: String) throws {
        let expected = try SMSCorpus.expectation(file)
        let diagnostics = try SMSCorpus.check(file)
        let hit = diagnostics.contains {
            $0.code.rawValue == expected.code && $0.range.start.line == expected.line && $0.range.start.column == expected.column
        }
        #expect(hit, "\(file): expected \(expected.code) at \(expected.line):\(expected.column), got \(diagnostics.map { "\($0.code)@\($0.range.start.line):\($0.range.start.column)" })")
    }

    @Test("each clean twin passes", arguments: SMSCorpus.brokenFiles)
    func cleanTwinPasses(file: String) throws {
        let clean = SMSCorpus.cleanTwin(of: file)
        let findings = try SMSCorpus.check(clean).filter { $0.severity != .note }
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

    @Test("the repository's seed file is caught on both lines")
    func repositorySeedFile() throws {
        let path = SharedCorpus.packageRoot + "/Corpus/mof/tsappmode-seed.mof"
        try #require(FileManager.default.fileExists(atPath: path), "Corpus/mof/tsappmode-seed.mof is in the repository but not found")
        let result = MOFChecker.check(paths: [path], options: MOFCheckOptions())
        try #require(result.unreadable.isEmpty, "\(result.unreadable)")
        let lines = result.diagnostics.filter { $0.code == SemanticCode.contextLineBreak }.map(\.range.start.line)
        #expect(lines == [14, 17])
    }
}
