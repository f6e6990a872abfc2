import Foundation
import MOFModel
import MOFSyntax
import MofkitSource
import Testing

@Suite("ToInstance flavor")
struct ToInstanceTests {
    static let declarations = """
        Qualifier Contoso_Flag : boolean = false, Scope(class, instance), Flavor(ToInstance);
        Qualifier Contoso_Tag : string = null, Scope(class, instance), Flavor(ToInstance, DisableOverride);
        Qualifier Contoso_Local : boolean = false, Scope(class, instance), Flavor(Restricted, ToInstance);
        Qualifier Contoso_Plain : boolean = false, Scope(class, instance);

        """

    @Test("class qualifiers with ToInstance reach instances of the class and, through ToSubclass, of subclasses")
    func propagation() {
        let mof = Self.declarations + """
            [Contoso_Flag, Contoso_Tag("a"), Contoso_Local, Contoso_Plain]
            class A { [key] string Name; };
            class B : A { };
            instance of A { Name = "a"; };
            instance of B { Name = "b"; };
            """
        let analysis = analyze(mof)
        #expect(analysis.diagnostics.isEmpty, "\(analysis.diagnostics.map(\.message))")
        let instances = analysis.model.instances
        #expect(instances.count == 2)
        let a = instances.first { $0.className == "A" }?.effectiveQualifiers.map(\.name).sorted()
        let b = instances.first { $0.className == "B" }?.effectiveQualifiers
        // No ToInstance on Contoso_Plain: it stays on the class.
        #expect(a == ["Contoso_Flag", "Contoso_Local", "Contoso_Tag"])
        // Restricted does not reach B, so neither does it reach B's instances.
        #expect(b?.map(\.name).sorted() == ["Contoso_Flag", "Contoso_Tag"])
        #expect(b?.first(named: "Contoso_Tag")?.value?.stringValue == "a")
        #expect(b?.first(named: "Contoso_Tag")?.inheritedFrom == "A")
        // What is written stays apart from what is inherited.
        #expect(instances.allSatisfy { $0.qualifiers.isEmpty })
    }

    @Test("an instance's own qualifier overrides, unless the class's is DisableOverride")
    func overrides() {
        let mof = Self.declarations + """
            [Contoso_Flag, Contoso_Tag("a")]
            class A { [key] string Name; };
            [Contoso_Flag(false)] instance of A { Name = "x"; };
            [Contoso_Tag("a")] instance of A { Name = "y"; };
            [Contoso_Tag("b")] instance of A { Name = "z"; };
            """
        let analysis = analyze(mof)
        let found = Diagnostic.sortedForOutput(analysis.diagnostics).map { "\($0.code) \($0.severity.rawValue) \($0.range.start.line)" }
        #expect(found == ["MOF3018 error 9"])
        let x = analysis.model.instances.first { $0.value(named: "Name")?.value?.stringValue == "x" }
        #expect(x?.effectiveQualifiers.first(named: "Contoso_Flag")?.isTrue == false)
        #expect(x?.effectiveQualifiers.filter { $0.name == "Contoso_Flag" }.count == 1)
    }

    @Test("DYNPROPS declared ToInstance marks the instances of a DYNPROPS class")
    func dynPropsThroughToInstance() {
        let body = """
            [DYNPROPS] class T { [key] string K; string V; };
            instance of T
            {
                K = "a";
                [PropertyContext("local|HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Contoso|V"), Dynamic, Provider("RegPropProv")] V;
            };
            """
        // Bundled DYNPROPS has no ToInstance: the unmarked instance is a finding.
        #expect(findings(body) == ["MOF4028 error 2"])
        let declared = "Qualifier DYNPROPS : boolean = false, Scope(class, instance), Flavor(ToInstance);\n" + body
        #expect(findings(declared).isEmpty)
        #expect(analyze(declared).model.instances.first?.isDynProps == true)
    }

    @Test("property qualifiers with ToInstance reach the instance's property values")
    func propertyValues() {
        let mof = """
            [DYNPROPS] class T
            {
                [key] string K;
                [PropertyContext("local|HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Contoso|V") : ToInstance,
                 Dynamic : ToInstance, Provider("RegPropProv") : ToInstance] string V;
            };
            [DYNPROPS] instance of T { K = "a"; V; };
            """
        #expect(findings(mof).isEmpty)
        let value = analyze(mof).model.instances.first?.value(named: "V")
        #expect(value?.qualifiers.isEmpty == true)
        #expect(value?.effectiveQualifiers.first(named: "PropertyContext")?.value?.stringValue == "local|HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso|V")
        #expect(value?.effectiveQualifiers.first(named: "PropertyContext")?.inheritedFrom == "T")
        // The inventory checks see the inherited context: an instance not marked DYNPROPS is caught.
        let unmarked = mof.replacingOccurrences(of: "[DYNPROPS] instance", with: "instance")
        #expect(findings(unmarked) == ["MOF4028 error 7"])
        // Without ToInstance nothing reaches the instance, so there is nothing to catch.
        #expect(findings(unmarked.replacingOccurrences(of: " : ToInstance", with: "")).isEmpty)
    }
}

@Suite("classflags and instanceflags")
struct PragmaFlagsTests {
    static let setting = "class S { [key] string Name; uint32 V; };\ninstance of S { Name = \"a\"; V = 1; };\n"

    @Test("createonly: creating an instance the compilation already created fails")
    func createOnly() {
        let mof = Self.setting + """
            #pragma instanceflags("createonly")
            instance of S { Name = "b"; V = 1; };
            instance of S { Name = "a"; V = 2; };
            """
        #expect(findings(mof) == ["MOF3028 error 5"])
        let numeric = mof.replacingOccurrences(of: "(\"createonly\")", with: "(2)")
        #expect(findings(numeric) == ["MOF3028 error 5"])
    }

    @Test("updateonly: an instance nothing created before warns (it may be on the client); --strict fails")
    func updateOnly() {
        let mof = Self.setting + """
            #pragma instanceflags("updateonly")
            instance of S { Name = "a"; V = 3; };
            instance of S { Name = "c"; V = 3; };
            """
        #expect(findings(mof) == ["MOF3028 warning 5"])
        #expect(findings(mof, strict: true) == ["MOF3028 error 5"])
        // File order: the flag does nothing to instances before it.
        let before = "class S { [key] string Name; };\ninstance of S { Name = \"c\"; };\n#pragma instanceflags(\"updateonly\")\n"
        #expect(findings(before).isEmpty)
        // After a deleteclass the instance cannot be on the client: the compile fails for certain.
        let deleted = "#pragma deleteclass(\"S\", NOFAIL)\n" + Self.setting.replacingOccurrences(of: "instance of S { Name = \"a\"; V = 1; };\n", with: "")
            + "#pragma instanceflags(\"updateonly\")\ninstance of S { Name = \"a\"; V = 1; };"
        #expect(findings(deleted) == ["MOF3028 error 4"])
        // Without flags, giving an instance again just updates it.
        #expect(findings(Self.setting + "instance of S { Name = \"a\"; V = 5; };").isEmpty)
    }

    @Test("flags are recorded in file order, names and numbers alike")
    func recorded() {
        let mof = """
            #pragma classflags("updateonly", "forceupdate")
            #pragma classflags("safeupdate,updateonly")
            #pragma classflags(66)
            #pragma instanceflags(1)
            #pragma classflags(0)
            """
        let analysis = analyze(mof)
        #expect(analysis.diagnostics.isEmpty, "\(analysis.diagnostics.map(\.message))")
        let recorded: [String] = analysis.model.pragmas.compactMap {
            switch $0.kind {
            case .classFlags(let f): return "class " + f.joined(separator: "+")
            case .instanceFlags(let f): return "instance " + f.joined(separator: "+")
            default: return nil  // the bundled context's namespace pragmas
            }
        }
        #expect(recorded == [
            "class updateonly+forceupdate", "class safeupdate+updateonly", "class createonly+forceupdate",
            "instance updateonly", "class ",
        ])
    }

    @Test("unknown and contradictory flag values are errors")
    func badValues() {
        #expect(findings("#pragma classflags(\"force\")") == ["MOF3026 error 1"])
        #expect(findings("#pragma instanceflags(\"forceupdate\")") == ["MOF3026 error 1"])
        #expect(findings("#pragma classflags(128)") == ["MOF3026 error 1"])
        #expect(findings("#pragma instanceflags(32)") == ["MOF3026 error 1"])
        #expect(findings("#pragma classflags(\"createonly\", \"updateonly\")") == ["MOF3026 error 1"])
        #expect(findings("#pragma classflags(96)") == ["MOF3026 error 1"])
    }

    @Test("numeric createonly class flags make a redefinition fail")
    func numericClassFlags() {
        #expect(findings("class A { };\n#pragma classflags(2)\nclass A { };").contains("MOF3022 error 3"))
        #expect(findings("#pragma classflags(1)\nclass Nowhere { };") == ["MOF3022 warning 2"])
    }
}

@Suite("Stock SMS_def.mof as context")
struct StockContextTests {
    static let directory = SharedCorpus.packageRoot + "/Corpus/sms/context"

    static func check(_ file: String) -> [Diagnostic] {
        MOFChecker.check(paths: [directory + "/" + file],
                         options: MOFCheckOptions(schemaPaths: [directory + "/stock-SMS_def.mof"])).diagnostics
    }

    @Test("an extension reusing a stock class ID or group name is an error pointing at the extension, noting the stock class")
    func reuse() throws {
        let diagnostics = Self.check("extension-reuses-stock.mof").filter { $0.severity == .error }
        #expect(diagnostics.map(\.code.rawValue) == ["MOF4006", "MOF4008"])
        let id = try #require(diagnostics.first)
        #expect(id.range.file.hasSuffix("extension-reuses-stock.mof"))
        #expect(id.range.start.line == 8 && id.range.start.column == 2)
        #expect(id.message.contains("Win32Reg_AddRemovePrograms"))
        let idNote = try #require(id.notes.first?.range)
        #expect(idNote.file.hasSuffix("stock-SMS_def.mof"))
        #expect(idNote.start.line == 6)
        let group = try #require(diagnostics.last)
        #expect(group.range.start.line == 15 && group.range.start.column == 20)
        #expect(group.notes.first?.range?.file.hasSuffix("stock-SMS_def.mof") == true)
        #expect(group.notes.first?.range?.start.line == 15)
        // Without the stock file there is nothing to collide with.
        let alone = MOFChecker.check(paths: [Self.directory + "/extension-reuses-stock.mof"], options: MOFCheckOptions()).diagnostics
        #expect(alone.filter { $0.severity == .error }.isEmpty)
    }

    @Test("the stock class defined again with its own ID and group is not a duplicate")
    func redefinition() {
        let diagnostics = Self.check("extension-redefines-stock.mof").filter { $0.severity != .note }
        #expect(diagnostics.isEmpty, "\(diagnostics.map { "\($0.code)@\($0.range.start.line): \($0.message)" })")
    }
}
