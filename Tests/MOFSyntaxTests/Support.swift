import Foundation
import MOFSyntax
import MofkitSource
import Testing
import MofkitTestSupport

/// Paths and helpers shared by the MOFSyntax tests.
enum TestSupport {
    /// The package root (this file is `<root>/Tests/MOFSyntaxTests/Support.swift`).
    static let packageRoot = TestPaths.packageRoot

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

    /// Splits a source with position markers (1️⃣, 2️⃣, … — any keycap digit) into clean text and marker
    /// locations. A marker that appears twice is recorded as a test failure: it could name only one place.
    static func markers(_ marked: String,
                        sourceLocation: Testing.SourceLocation = #_sourceLocation)
        -> (text: String, locations: [String: (line: Int, column: Int)]) {
        var text = ""
        var locations: [String: (line: Int, column: Int)] = [:]
        var line = 1
        var column = 1
        for character in marked {
            if isMarker(character) {
                let name = String(character)
                if locations[name] != nil {
                    Issue.record("marker \(name) appears more than once in the test source", sourceLocation: sourceLocation)
                }
                locations[name] = (line, column)
                continue
            }
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

    /// Splits `marked` like ``markers(_:sourceLocation:)`` and checks that its markers are exactly `expected`:
    /// a marker an expectation names but the source lacks, or one in the source that no expectation uses,
    /// fails the test (either would silently skip or misplace a location check).
    static func markers(_ marked: String, expecting expected: Set<String>,
                        sourceLocation: Testing.SourceLocation = #_sourceLocation)
        -> (text: String, locations: [String: (line: Int, column: Int)]) {
        let result = markers(marked, sourceLocation: sourceLocation)
        for name in expected.subtracting(result.locations.keys).sorted() {
            Issue.record("the test expects marker \(name) but the source has none", sourceLocation: sourceLocation)
        }
        for name in Set(result.locations.keys).subtracting(expected).sorted() {
            Issue.record("marker \(name) in the source is not used by any expectation", sourceLocation: sourceLocation)
        }
        return result
    }

    /// A keycap digit (`1️⃣` is "1", U+FE0F, U+20E3; the variation selector is optional).
    static func isMarker(_ character: Character) -> Bool {
        let scalars = Array(character.unicodeScalars)
        guard scalars.count >= 2, scalars.last == "\u{20E3}", ("0"..."9").contains(scalars[0]) else { return false }
        return scalars.count == 2 || (scalars.count == 3 && scalars[1] == "\u{FE0F}")
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
