import Foundation
import MOFModel
import MOFSyntax
import MofkitSource
import Testing

/// Checks that used to be errors on files mofcomp compiles and ConfigMgr uses, now warnings: one test
/// per downgraded check, with a real-world file where the shared corpus has one.
@Suite("No false errors")
struct NoFalseErrorTests {
    static func check(_ path: String, strict: Bool = false) -> [Diagnostic] {
        MOFChecker.check(paths: [path], options: MOFCheckOptions(strict: strict)).diagnostics
    }

    static func summary(_ diagnostics: [Diagnostic]) -> [String] {
        Diagnostic.sortedForOutput(diagnostics).map { "\($0.code) \($0.severity.rawValue) \($0.range.start.line)" }
    }

    @Test("a [DYNPROPS] instance of a plain class (Microsoft's property-provider sample pattern) is a warning, not an error")
    func dynPropsInstanceOfAPlainClass() throws {
        let path = SharedCorpus.packageRoot + "/Corpus/mof/dynprops-instance-of-plain-class.mof"
        #expect(Self.summary(Self.check(path)) == ["MOF4020 warning 15"])
        // Not a DSP0004 matter either: --strict keeps it a warning.
        #expect(Self.summary(Self.check(path, strict: true)) == ["MOF4020 warning 15"])
        // The instance still gets its registry values: the collection rules read them.
        let analysis = analyze(try String(contentsOfFile: path, encoding: .utf8))
        #expect(analysis.model.instances.first?.isDynProps == true)
    }

    @Test("an instance with PropertyContext values that is not [DYNPROPS] is still an error (MOF4028)")
    func unmarkedInstanceStaysAnError() {
        let mof = """
            class C { [key] string K; string V; };
            instance of C
            {
                K = "a";
                [PropertyContext("local|HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Contoso|V"), Dynamic, Provider("RegPropProv")] V;
            };
            """
        #expect(findings(mof) == ["MOF4028 error 2"])
    }

    @Test("#pragma namespace(\"\") is the current namespace: a warning, and declarations stay where they were")
    func emptyNamespacePragma() throws {
        let mof = """
            #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2")
            #pragma namespace("")
            class Contoso_A { [key] string Name; };
            """
        let analysis = analyze(mof)
        #expect(findings(mof) == ["MOF3023 warning 2"])
        let definition = try #require(analysis.model.classes(named: "Contoso_A").first)
        #expect(definition.namespace == NamespacePath.rootCIMv2)
        #expect(analyze(mof, strict: true).diagnostics.allSatisfy { $0.severity != .error })
    }

    @Test("a relative #pragma namespace is resolved against the current namespace, as mofcomp reads it")
    func relativeNamespacePragma() throws {
        let mof = """
            #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2")
            #pragma namespace("sms")
            class Contoso_A { [key] string Name; };
            #pragma namespace("Contoso\\\\Inventory")
            class Contoso_B { [key] string Name; };
            """
        let analysis = analyze(mof)
        #expect(findings(mof).isEmpty)
        #expect(try #require(analysis.model.classes(named: "Contoso_A").first).namespace == NamespacePath.rootCIMv2SMS)
        #expect(try #require(analysis.model.classes(named: "Contoso_B").first).namespace.description == "root\\cimv2\\sms\\Contoso\\Inventory")
    }

    @Test("a doubled separator in #pragma namespace stays an error (mofcomp: invalid namespace syntax)")
    func doubledSeparatorStaysAnError() {
        #expect(findings("#pragma namespace(\"root\\\\\\\\cimv2\")\nclass A { };") == ["MOF3023 error 1"])
    }

    @Test("values that break MaxValue/MinValue/MaxLen in OMI's negative tests warn by default (WMI does not enforce them) and fail --strict",
          .enabled(if: SharedCorpus.isPresent, "needs ../shared/corpus/mof"))
    func constraintsFromTheOMICorpus() {
        let files = SharedCorpus.entries.filter {
            $0.path.contains("omi_inline/TestInvalidMaxValue") || $0.path.contains("omi_inline/TestInvalidMinValue")
                || $0.path.contains("omi_inline/TestInvalidMaxLen")
        }
        #expect(files.count >= 10)
        for file in files {
            let path = SharedCorpus.root + "/" + file.path
            let lenient = Self.check(path).filter { $0.code == SemanticCode.constraintViolated }
            let strict = Self.check(path, strict: true).filter { $0.code == SemanticCode.constraintViolated }
            // Some of these fail on the type range instead (MOF3012, still an error); those that break
            // a constraint break it as a warning by default and as an error with --strict.
            #expect(lenient.allSatisfy { $0.severity == .warning }, "\(file.path)")
            #expect(strict.allSatisfy { $0.severity == .error }, "\(file.path)")
            #expect(lenient.count == strict.count, "\(file.path)")
        }
        #expect(files.contains { !Self.check(SharedCorpus.root + "/" + $0.path).filter { $0.code == SemanticCode.constraintViolated }.isEmpty })
    }

    @Test("a qualifier value against the file's own qualifier declaration warns (WMI types qualifiers by their values)")
    func qualifierValueAgainstADeclarationInTheFile() {
        let mof = "Qualifier Contoso_Level : uint32 = 0, Scope(property);\nclass A { [Contoso_Level(\"high\")] string Name; };"
        #expect(findings(mof) == ["MOF3009 warning 2"])
        #expect(findings(mof, strict: true) == ["MOF3009 error 2"])
    }
}
