import Foundation
import MOFModel
import MOFSyntax
import MofkitSource
import Testing

/// `MOFDocumentCheck`: the check a language server keeps per open document and re-runs on edits.
@Suite("MOFDocumentCheck")
struct DocumentCheckTests: ScratchFiles {
    let directory = Self.makeScratchDirectory("document")

    /// What a diagnostic says and where, for comparing two checks.
    func summary(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { d in
            "\(d.range.file):\(d.range.start.line):\(d.range.start.column)-\(d.range.end.line):\(d.range.end.column) \(d.severity) \(d.code.rawValue) \(d.message)"
        }
    }

    static let extensionText = """
        #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2")
        [DYNPROPS] class Contoso_App { [key] string Name; string Version; };
        [DYNPROPS] instance of Contoso_App {
            Name = "App";
            [PropertyContext("local|HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Contoso|Version"), Dynamic, Provider("RegPropProv")] Version;
        };
        #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2\\\\sms")
        [SMS_Report(TRUE), SMS_Group_Name("App"), SMS_Class_ID("CONTOSO|App|1.0"), Namespace("\\\\\\\\\\\\\\\\.\\\\\\\\root\\\\\\\\cimv2")]
        class Contoso_App : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] string Name;
            [SMS_Report(TRUE)] string Version;
        };

        """

    @Test("the first check gives what the file check gives for the same text")
    func sameAsFileCheck() {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A text with findings of several kinds: syntax, semantic and inventory.
        let text = Self.extensionText + "class Broken : Missing_Base { uint8 Small = 300; };\ninstance of Nowhere { A = 1 };\n"
        let path = write("ext.mof", text)
        let fromFile = MOFChecker.check(paths: [path], options: MOFCheckOptions())
        let document = MOFDocumentCheck(path: path, text: text)
        #expect(!fromFile.diagnostics.isEmpty)
        #expect(summary(document.diagnostics) == summary(fromFile.diagnostics))
        #expect(document.text == text)
        #expect(document.model.compiledClasses.map(\.name) == ["Contoso_App", "Contoso_App", "Broken"])
    }

    @Test("a re-check after a one-character edit reports the new problem, and the undo clears it")
    func editAndUndo() {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = write("ext.mof", Self.extensionText)
        let clean = MOFDocumentCheck(path: path, text: Self.extensionText)
        #expect(clean.diagnostics.isEmpty)
        // Misspell the reported property: the data class no longer has it (MOF4001), an error.
        let edited = Self.extensionText.replacingOccurrences(of: "[SMS_Report(TRUE)] string Version", with: "[SMS_Report(TRUE)] string Versions")
        let broken = clean.rechecked(newText: edited)
        #expect(broken.diagnostics.map(\.code.rawValue) == ["MOF4001"])
        #expect(broken.diagnostics.first?.range.start.line == 12)
        // The same as checking the edited text from scratch.
        #expect(summary(broken.diagnostics) == summary(MOFDocumentCheck(path: path, text: edited).diagnostics))
        // The earlier check is a value: it is unchanged.
        #expect(clean.diagnostics.isEmpty && clean.text == Self.extensionText)
        #expect(broken.rechecked(newText: Self.extensionText).diagnostics.isEmpty)
    }

    @Test("a re-check keeps the --schema context and resolves includes from the document's folder")
    func contextAndIncludes() {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let schema = write("base.mof", "class Vendor_Base { [key] string Name; };\n")
        _ = write("part.mof", "class Vendor_Part : Vendor_Base { };\n")
        let path = directory + "/main.mof"  // never written: the text lives only in the editor
        let options = MOFCheckOptions(schemaPaths: [schema])
        let first = MOFDocumentCheck(path: path, text: "#pragma include(\"part.mof\")\nclass Vendor_Ext : Vendor_Part { };\n", options: options)
        #expect(first.diagnostics.isEmpty)
        let second = first.rechecked(newText: "#pragma include(\"part.mof\")\nclass Vendor_Ext : Vendor_Prt { };\n")
        #expect(second.diagnostics.map(\.code.rawValue) == ["MOF3001"])
        #expect(second.diagnostics.first?.range.file == path)
        #expect(second.options.schemaPaths == [schema])
    }

    /// A text of over 100 KB, enough for several checkpoints: reporting classes and their data
    /// classes, some with problems (a wrong type, a missing superclass, a duplicate property), an
    /// alias used before its instance, and a lexical error in the middle.
    static func largeText() -> String {
        var text = "#pragma namespace(\"\\\\\\\\.\\\\root\\\\cimv2\")\n"
        for n in 0..<300 {
            let base = n % 17 == 5 ? "Missing_Base" : "CIM_LogicalElement"
            text += "[DYNPROPS] class Contoso_Data\(n) : \(base)\n{\n    [key] string Name;\n"
            text += "    uint8 Small = \(n % 13 == 3 ? 300 : 7);\n    string Version;\n"
            if n % 29 == 11 { text += "    string Version;\n" }
            text += "};\n\n"
            if n == 150 { text += "instance of Contoso_Data1 { Name = \"bad \\q escape\"; };\n" }
            if n % 41 == 7 { text += "instance of Contoso_Data\(n) { Name = \"x\"; Small = $later; };\n" }
        }
        text += "instance of Contoso_Data1 as $later { Name = \"later\"; };\n"
        text += "#pragma namespace(\"\\\\\\\\.\\\\root\\\\cimv2\\\\sms\")\n"
        for n in 0..<300 {
            let property = n % 23 == 9 ? "Versions" : "Version"
            text += "[SMS_Report(TRUE), SMS_Group_Name(\"Data \(n % 250)\"), SMS_Class_ID(\"CONTOSO|Data\(n)|1.0\")]\n"
            text += "class Contoso_Data\(n) : SMS_Class_Template\n{\n    [SMS_Report(TRUE), key] string Name;\n"
            text += "    [SMS_Report(TRUE)] string \(property);\n};\n\n"
        }
        return text
    }

    @Test("re-checks that start at a checkpoint give what a first check of the same text gives")
    func incrementalEqualsFresh() {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let original = Self.largeText()
        #expect(original.utf8.count > 100_000)
        let path = directory + "/SMS_def.mof"
        var check = MOFDocumentCheck(path: path, text: original)
        #expect(check.diagnostics.count > 20)
        let bytes = Array(original.utf8)
        /// `original` with `insert` in place of `length` bytes at `fraction` of the text (moved
        /// forward to the start of a line).
        func edited(at fraction: Double, removing length: Int = 0, insert: String) -> String {
            var place = Int(Double(bytes.count) * fraction)
            while place > 0 && place < bytes.count && bytes[place - 1] != UInt8(ascii: "\n") { place += 1 }
            var copy = bytes
            copy.replaceSubrange(place..<min(copy.count, place + length), with: Array(insert.utf8))
            return String(decoding: copy, as: UTF8.self)
        }
        let texts = [
            edited(at: 0.9, insert: "x"),                                   // into a name near the end
            edited(at: 0.5, insert: "class Contoso_Data3 { };\n"),         // a duplicate class mid-file
            original,                                                       // undo
            edited(at: 0.3, insert: "/* unterminated comment\n"),         // swallows the rest
            edited(at: 0.7, removing: 40, insert: ""),                      // a cut through a declaration
            edited(at: 0.2, insert: "instance of Contoso_Data2 as $later { Name = \"y\"; };\n"),  // alias defined twice
            edited(at: 0.99, insert: "class Extra { string A; string a; };\n"),
            original + "class Appended : Nowhere { };\n",
            String(original.prefix(60_000)),                                // truncated
            original,
        ]
        for text in texts {
            check = check.rechecked(newText: text)
            let fresh = MOFDocumentCheck(path: path, text: text)
            #expect(summary(check.diagnostics) == summary(fresh.diagnostics))
            #expect(check.model.compiledClasses.count == fresh.model.compiledClasses.count)
            #expect(check.model.instances.count == fresh.model.instances.count)
        }
    }

    @Test("a document check gives what the file check gives for a large text with problems")
    func largeTextSameAsFileCheck() {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let text = Self.largeText()
        let path = write("SMS_def.mof", text)
        let fromFile = MOFChecker.check(paths: [path], options: MOFCheckOptions())
        #expect(summary(MOFDocumentCheck(path: path, text: text).diagnostics) == summary(fromFile.diagnostics))
    }
}
