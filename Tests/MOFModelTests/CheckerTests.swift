import Foundation
import MOFModel
import MOFSyntax
import MofkitSource
import Testing

/// The full check entry point: --schema, --together, --strict.
@Suite("MOFChecker")
struct CheckerTests: ScratchFiles {
    let directory = Self.makeScratchDirectory("checker")

    func codes(_ result: MOFSyntaxCheckResult) -> [String] { result.diagnostics.map(\.code.rawValue).sorted() }

    @Test("--schema FILE makes a superclass known; without it the superclass is a warning")
    func schemaFile() {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let base = write("base.mof", "class Vendor_Base { [key] string Name; };\n")
        let file = write("ext.mof", "class Vendor_Ext : Vendor_Base { uint32 Size; };\ninstance of Vendor_Ext { Name = \"a\"; Size = 1; };\n")
        // Without it: the superclass is unknown, and so is whether it declares Name (warnings).
        let alone = MOFChecker.check(paths: [file], options: MOFCheckOptions())
        #expect(codes(alone) == ["MOF3001", "MOF3003"])
        #expect(alone.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(codes(MOFChecker.check(paths: [file], options: MOFCheckOptions(schemaPaths: [base]))).isEmpty)
        // The schema's classes are known, so a wrong property is a hard error now.
        let wrong = write("wrong.mof", "instance of Vendor_Base { Nme = \"a\"; };\n")
        #expect(codes(MOFChecker.check(paths: [wrong], options: MOFCheckOptions(schemaPaths: [base]))) == ["MOF3003", "MOF3017"])
    }

    @Test("--schema DIR loads the .mof files inside it")
    func schemaDirectory() {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let schemaDirectory = directory + "/schema"
        try? FileManager.default.createDirectory(atPath: schemaDirectory, withIntermediateDirectories: true)
        try? "class A_Base { [key] string Name; };\n".write(toFile: schemaDirectory + "/a.mof", atomically: true, encoding: .utf8)
        try? "class B_Base { [key] string Name; };\n".write(toFile: schemaDirectory + "/b.mof", atomically: true, encoding: .utf8)
        let file = write("ext.mof", "class A_Ext : A_Base { };\nclass B_Ext : B_Base { };\n")
        #expect(codes(MOFChecker.check(paths: [file], options: MOFCheckOptions(schemaPaths: [schemaDirectory]))).isEmpty)
    }

    @Test("--together compares the reporting class with a data class in another file")
    func together() {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configuration = write("configuration.mof", """
            #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2")
            class Contoso_App { [key] string Name; string Version; };
            """)
        let smsDef = write("sms_def.mof", """
            #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2\\\\sms")
            [SMS_Report(TRUE), SMS_Group_Name("App"), SMS_Class_ID("CONTOSO|App|1.0")]
            class Contoso_App : SMS_Class_Template
            {
                [SMS_Report(TRUE), key] string Name;
                [SMS_Report(TRUE)] string Versoin;
            };
            """)
        // Alone, the data class is nowhere: only a note.
        #expect(codes(MOFChecker.check(paths: [smsDef], options: MOFCheckOptions())) == ["MOF4003"])
        // Together, the misspelt property is caught at its line.
        let together = MOFChecker.check(paths: [configuration, smsDef], options: MOFCheckOptions(together: true))
        let missing = together.diagnostics.filter { $0.code == SemanticCode.reportedPropertyMissing }
        #expect(missing.map(\.range.start.line) == [6])
        #expect(missing.first?.range.file == smsDef)
        // Each file starts in the default namespace, as mofcomp compiles it.
        let separately = MOFChecker.check(paths: [configuration, smsDef], options: MOFCheckOptions())
        #expect(separately.diagnostics.filter { $0.code == SemanticCode.reportedPropertyMissing }.isEmpty)
    }

    @Test("unreadable files are reported as such")
    func unreadable() {
        let result = MOFChecker.check(paths: ["/nonexistent/a.mof"], options: MOFCheckOptions())
        #expect(result.unreadable.map(\.path) == ["/nonexistent/a.mof"])
    }

    @Test("syntax diagnostics are part of the result")
    func syntaxDiagnostics() {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = write("broken.mof", "class A { string s = \"unterminated; };\n")
        let result = MOFChecker.check(paths: [file], options: MOFCheckOptions())
        #expect(result.diagnostics.contains { $0.code.rawValue.hasPrefix("MOF1") })
        #expect(result.sources[file] != nil)
    }
}
