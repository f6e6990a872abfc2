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
}
