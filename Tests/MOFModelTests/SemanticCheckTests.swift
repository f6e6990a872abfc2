import MOFModel
import MOFSyntax
import MofkitSource
import Testing

/// Checks inline MOF (parsed by MOFSyntax) against the bundled context.
func analyze(_ text: String, strict: Bool = false) -> MOFAnalysis {
    let source = SourceFile(path: "test.mof", string: text)
    return MOFSemanticAnalyzer.analyze(MOFDeclarationLoader.load(source: source), options: MOFSemanticOptions(strict: strict))
}

/// `(code, severity, line)` of every diagnostic, sorted.
func findings(_ text: String, strict: Bool = false) -> [String] {
    Diagnostic.sortedForOutput(analyze(text, strict: strict).diagnostics).map { "\($0.code) \($0.severity.rawValue) \($0.range.start.line)" }
}

@Suite("Unknown classes and qualifiers: default vs --strict")
struct StrictnessTests {
    @Test("an unknown superclass warns by default and fails --strict")
    func unknownSuperclass() {
        let mof = "class A : OMI_BaseResource { [key] string Name; };"
        #expect(findings(mof) == ["MOF3001 warning 1"])
        #expect(findings(mof, strict: true) == ["MOF3001 error 1"])
    }

    @Test("an instance of an unknown class warns by default and fails --strict")
    func unknownClass() {
        #expect(findings("instance of NoClass { a = 1; };") == ["MOF3002 warning 1"])
        #expect(findings("instance of NoClass { a = 1; };", strict: true) == ["MOF3002 error 1"])
    }

    @Test("an undeclared qualifier is a note by default and an error under --strict")
    func undeclaredQualifier() {
        let mof = "class X\n{\n    [nokey] string key;\n};"
        #expect(findings(mof) == ["MOF3004 note 3"])
        #expect(findings(mof, strict: true) == ["MOF3004 error 3"])
    }

    @Test("bundled WMI, SMS and provider qualifiers are known")
    func bundledQualifiers() {
        let mof = """
            [SMS_Report(TRUE), SMS_Group_Name("G"), SMS_Class_ID("A|B|1.0"), Dynamic, Provider("RegProv"), ClassContext("local|HKEY_LOCAL_MACHINE\\\\SOFTWARE")]
            class A { [key, read, MaxLen(10), Description("d")] string Name; [PropertyContext("v")] string V; };
            """
        #expect(analyze(mof, strict: true).diagnostics.filter { $0.code == SemanticCode.unknownQualifier }.isEmpty)
    }
}

@Suite("Value and type checks")
struct ValueCheckTests {
    @Test("MaxLen on a string default that is too long warns (WMI does not enforce it) and fails --strict")
    func maxLen() {
        #expect(findings("class T { [MaxLen(3)] string s = \"12345\"; };") == ["MOF3015 warning 1"])
        #expect(findings("class T { [MaxLen(3)] string s = \"12345\"; };", strict: true) == ["MOF3015 error 1"])
        #expect(findings("class T { [MaxLen(5)] string s = \"12345\"; };").isEmpty)
    }

    @Test("MaxLen on an integer is a type misuse (warning, error under --strict)")
    func maxLenOnInteger() {
        #expect(findings("class T { [MaxLen(3)] uint32 u = 12345; };") == ["MOF3016 warning 1"])
        #expect(findings("class T { [MaxLen(3)] uint32 u = 12345; };", strict: true) == ["MOF3016 error 1"])
    }

    @Test("MinValue and MaxValue compare 64-bit integers exactly")
    func minMaxValue() {
        #expect(findings("class T { [MaxValue(-9223372036854775808)] sint64 x = -9223372036854775807; };", strict: true) == ["MOF3015 error 1"])
        #expect(findings("class T { [MinValue(1)] uint64 x = 0; };", strict: true) == ["MOF3015 error 1"])
        #expect(findings("class T { [MaxValue(999)] real32 x = 999.0001; };", strict: true) == ["MOF3015 error 1"])
        #expect(findings("class T { [MinValue(1)] uint64 x = 0; };") == ["MOF3015 warning 1"])
        #expect(findings("class T { [MinValue(1), MaxValue(10)] uint8 x = 10; };").isEmpty)
    }

    @Test("integers must fit their type")
    func integerRange() {
        #expect(findings("class T { sint16 x = 32768; };") == ["MOF3012 error 1"])
        #expect(findings("class T { sint16 x = -32768; };").isEmpty)
        #expect(findings("class T { uint8 x = -1; };") == ["MOF3012 error 1"])
        #expect(findings("class T { uint64 x = 18446744073709551615; };").isEmpty)
    }

    @Test("values must match the declared type")
    func typeMismatch() {
        #expect(findings("class T { boolean b = \"yes\"; };") == ["MOF3010 error 1"])
        #expect(findings("class T { uint32 u = \"1\"; };") == ["MOF3010 error 1"])
        #expect(findings("class T { real64 r = 1; string s = NULL; };").isEmpty)
    }

    @Test("arrays and scalars")
    func arrays() {
        #expect(findings("class T { string s = {\"a\", \"b\"}; };") == ["MOF3011 error 1"])
        #expect(findings("class T { string s[] = \"a\"; };") == ["MOF3011 warning 1"])
        #expect(findings("class T { string s[] = {\"a\"}; };").isEmpty)
    }

    @Test("datetime values are checked")
    func datetimes() {
        #expect(findings("class T { datetime d = \"20091225123000.123456-360\"; };").isEmpty)
        #expect(findings("class T { datetime d = \"00000001123000.000000:000\"; };").isEmpty)
        #expect(findings("class T { datetime d = \"20091325123000.123456-360\"; };") == ["MOF3013 error 1"])
        #expect(findings("Qualifier Q : datetime = \"20091225123000.123456-36\", Scope(any);") == ["MOF3013 error 1"])
        #expect(findings("class T { datetime d = \"12345678121212.123456:00x\"; };") == ["MOF3013 error 1"])
    }

    @Test("a boolean qualifier with a string value, against a declaration in the file, warns (WMI types qualifiers by their values) and fails --strict")
    func qualifierValueType() {
        let mof = "Qualifier Static : boolean = false, Scope(property, method);\nclass A\n{\n    [Static(\"True\")] uint32 M();\n};"
        #expect(findings(mof) == ["MOF3009 warning 4"])
        #expect(findings(mof, strict: true) == ["MOF3009 error 4"])
    }

    @Test("against a bundled DMTF declaration, a qualifier type mismatch warns unless --strict")
    func bundledQualifierValueType() {
        #expect(findings("class A { [MaxLen(\"x\")] string s; };") == ["MOF3009 warning 1"])
        #expect(findings("class A { [MaxLen(\"x\")] string s; };", strict: true) == ["MOF3009 error 1"])
    }

    @Test("a qualifier on a wrong scope")
    func scope() {
        #expect(findings("[Key] class A { string Name; };") == ["MOF3008 warning 1"])
        #expect(findings("[Key] class A { string Name; };", strict: true) == ["MOF3008 error 1"])
    }

    @Test("Max on a WDM array property (its element count) is in scope; on a method it is not")
    func maxOnArrayProperty() {
        #expect(findings("class A { [WmiDataId(1), Max(6)] uint8 MacAddress[]; };").isEmpty)
        #expect(findings("class A { [Max(6)] uint32 M(); };") == ["MOF3008 warning 1"])
    }
}

@Suite("Model structure checks")
struct StructureTests {
    @Test("duplicate properties and qualifiers")
    func duplicates() {
        #expect(findings("class A\n{\n    string Name;\n    string name;\n};") == ["MOF3005 error 4"])
        #expect(findings("[Description(\"a\"), Description(\"b\")] class A { };") == ["MOF3007 error 1"])
    }

    @Test("a class defined twice warns by default; deleteclass in between makes it fine")
    func redefinition() {
        #expect(findings("class A { string N; };\nclass A { string N; };") == ["MOF3006 warning 2"])
        #expect(findings("class A { string N; };\n#pragma deleteclass(\"A\", NOFAIL)\nclass A { string N; };").isEmpty)
    }

    @Test("changing the superclass without deleteclass fails")
    func superclassChange() {
        #expect(findings("class B { };\nclass C { };\nclass A : B { };\nclass A : C { };").contains("MOF3022 error 4"))
    }

    @Test("createonly class flags make a redefinition fail")
    func createOnly() {
        #expect(findings("class A { };\n#pragma classflags(\"createonly\")\nclass A { };").contains("MOF3022 error 3"))
    }

    @Test("deleteclass FAIL of an unknown class warns; NOFAIL does not")
    func deleteclass() {
        #expect(findings("#pragma deleteclass(\"Nope\", FAIL)") == ["MOF3021 warning 1"])
        #expect(findings("#pragma deleteclass(\"Nope\", NOFAIL)").isEmpty)
    }

    @Test("overriding a DisableOverride qualifier")
    func disableOverride() {
        let mof = "class A\n{\n    [key] string Name;\n};\nclass B : A\n{\n    [key(false)] string Name;\n};"
        #expect(findings(mof) == ["MOF3018 error 7"])
    }

    @Test("ToSubclass qualifiers propagate, Restricted ones do not")
    func propagation() {
        let model = analyze("[Abstract, Description(\"d\")] class A { [key] string Name; };\nclass B : A { };").model
        let b = model.classes(named: "B").first
        #expect(b?.effectiveQualifiers.first(named: "Description")?.value?.stringValue == "d")
        #expect(b?.effectiveQualifiers.first(named: "Abstract") == nil)
        #expect(b?.keyProperties.map(\.name) == ["Name"])
    }

    @Test("instances: unknown property, missing key, aliases")
    func instances() {
        let base = "class A\n{\n    [key] string Name;\n    uint32 Size;\n};\n"
        #expect(findings(base + "instance of A { Name = \"a\"; Sise = 1; };") == ["MOF3003 error 6"])
        #expect(findings(base + "instance of A { Size = 1; };") == ["MOF3017 warning 6"])
        #expect(findings(base + "instance of A { Size = 1; };", strict: true) == ["MOF3017 error 6"])
        #expect(findings(base + "instance of A as $X { Name = \"a\"; };\ninstance of A as $X { Name = \"b\"; };") == ["MOF3020 error 7"])
        let ref = "class L { [key] A ref Target; };\n"
        #expect(findings(base + ref + "instance of L { Target = $Missing; };") == ["MOF3019 error 7"])
        #expect(findings(base + ref + "instance of A as $T { Name = \"a\"; };\ninstance of L { Target = $T; };").isEmpty)
    }

    @Test("namespaces: absolute, relative and escaped wrong")
    func namespaces() {
        let model = analyze("#pragma namespace(\"\\\\\\\\.\\\\root\\\\cimv2\")\nclass A { };\n#pragma namespace(\"sms\")\nclass B { };").model
        #expect(model.classes(named: "A").first?.namespace.description == "root\\cimv2")
        #expect(model.classes(named: "B").first?.namespace.description == "root\\cimv2\\sms")
        #expect(findings("#pragma namespace(\"\\\\\\\\.\\root\\\\cimv2\")") == ["MOF4040 error 1"])
    }

    @Test("every element keeps its source range")
    func ranges() {
        let model = analyze("class A\n{\n    [key] string Name;\n};\ninstance of A { Name = \"x\"; };").model
        let a = model.classes(named: "A").first
        #expect(a?.nameRange.start.line == 1 && a?.nameRange.start.column == 7)
        #expect(a?.properties.first?.nameRange.start.line == 3)
        #expect(model.instances.first?.values.first?.nameRange.start.line == 5)
    }
}

@Suite("Inventory checks")
struct InventoryCheckTests {
    @Test("a data class nowhere is only a note (a provider on the client defines it)")
    func dataClassNowhere() {
        let mof = """
            #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2\\\\sms")
            [SMS_Report(TRUE), SMS_Group_Name("Dock"), SMS_Class_ID("HP|Dock|1.0")]
            class HP_Dock : SMS_Class_Template { [SMS_Report(TRUE), key] string ID; };
            """
        #expect(findings(mof) == ["MOF4003 note 3"])
    }

    @Test("32- and 64-bit variants may share class ID and group")
    func architectureVariants() {
        let mof = """
            #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2\\\\sms")
            [SMS_Report(TRUE), SMS_Group_Name("G"), SMS_Class_ID("V|G|1.0"), SMS_Context_1("__ProviderArchitecture=32|uint32")]
            class G32 : SMS_Class_Template { [SMS_Report(TRUE), key] string K; };
            [SMS_Report(TRUE), SMS_Group_Name("G"), SMS_Class_ID("V|G|1.0"), SMS_Context_1("__ProviderArchitecture=64|uint32")]
            class G64 : SMS_Class_Template { [SMS_Report(TRUE), key] string K; };
            """
        #expect(analyze(mof).diagnostics.filter { $0.severity != .note }.isEmpty)
    }

    @Test("the data class named by Namespace(...) is compared")
    func namespaceQualifier() {
        let mof = """
            #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2\\\\Contoso")
            class C { [key] string K; uint32 Size; };
            #pragma namespace("\\\\\\\\.\\\\root\\\\cimv2\\\\sms")
            [SMS_Report(TRUE), SMS_Group_Name("C"), SMS_Class_ID("V|C|1.0"), Namespace("\\\\\\\\\\\\\\\\.\\\\\\\\root\\\\\\\\cimv2\\\\\\\\Contoso")]
            class C : SMS_Class_Template { [SMS_Report(TRUE), key] string K; [SMS_Report(TRUE)] string Size; };
            """
        #expect(findings(mof) == ["MOF4002 error 5"])
    }
}
