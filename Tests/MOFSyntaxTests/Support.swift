import Foundation
import MOFSyntax
import MofkitSource
import Testing

/// Paths and helpers shared by the MOFSyntax tests.
enum TestSupport {
    /// The package root (this file is `<root>/Tests/MOFSyntaxTests/Support.swift`).
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The shared read-only corpus, `<root>/../shared/corpus/mof`.
    static let sharedCorpus: String = packageRoot + "/../shared/corpus/mof"
    static var hasSharedCorpus: Bool { FileManager.default.fileExists(atPath: sharedCorpus + "/MANIFEST.tsv") }

    /// This project's corpus, `<root>/Corpus/mof`.
    static let projectCorpus: String = packageRoot + "/Corpus/mof"

    static func parse(_ text: String, path: String = "test.mof") -> SyntaxTree {
        MOFParser.parse(SourceFile(path: path, string: text))
    }

    static func errors(_ tree: SyntaxTree) -> [Diagnostic] {
        (tree.source.decodingDiagnostics + tree.diagnostics).filter { $0.severity == .error }
    }

    /// Splits a source with position markers (1️⃣, 2️⃣, …) into clean text and marker locations.
    static func markers(_ marked: String) -> (text: String, locations: [String: (line: Int, column: Int)]) {
        let names = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣"]
        var text = ""
        var locations: [String: (line: Int, column: Int)] = [:]
        var line = 1
        var column = 1
        var rest = Substring(marked)
        outer: while !rest.isEmpty {
            for name in names where rest.hasPrefix(name) {
                locations[name] = (line, column)
                rest = rest.dropFirst(name.count)
                continue outer
            }
            let character = rest.removeFirst()
            text.append(character)
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return (text, locations)
    }
}

extension TestSupport {
    /// The SMS 2003 seed sample (LF line endings here; the corpus copy has CRLF).
    static let seedSample = """
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
        #pragma namespace ("\\\\\\\\.\\\\root\\\\cimv2\\\\sms")
        [ SMS_Report(TRUE), SMS_Group_Name("TS Application Mode"), SMS_Class_ID("MICROSOFT|TSAPPMode|1.0") ]
        class TSAPPMode : SMS_Class_Template
        {
                [SMS_Report(TRUE),key] string keyname;
                [SMS_Report(TRUE)] string TSEnabled;
                [SMS_Report(TRUE)] string TSAppCompat;
        };

        """
}
