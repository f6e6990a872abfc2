import MOFSyntax
import MofkitSource
import Testing

// The examples of Sources/MOFSyntax/MOFSyntax.docc, verbatim (DocumentationCatalogTests checks that
// they stay so); the tests below run them.

/// Parses MOF text and lists each class with the properties it reports (`SMS_Report(TRUE)`).
func reportedProperties(in text: String) -> [String] {
    let tree = MOFParser.parse(SourceFile(path: "inventory.mof", string: text))
    var lines: [String] = []
    for case .classDecl(let classDecl) in tree.root.declarations {
        let reported = classDecl.properties.filter { property in
            property.qualifiers.contains { qualifier in
                guard qualifier.name?.text.lowercased() == "sms_report" else { return false }
                if case .boolean(false)? = qualifier.value { return false }
                return true  // SMS_Report(TRUE), or SMS_Report alone
            }
        }
        let names = reported.compactMap { $0.name?.text }
        lines.append("\(classDecl.name?.text ?? "?"): \(names.joined(separator: ", "))")
    }
    return lines
}

/// The tree is lossless: printing it gives back the input, byte for byte, even with errors.
func roundTrips(_ bytes: [UInt8]) -> Bool {
    let source = SourceFile(path: "any.mof", bytes: bytes)
    let tree = MOFParser.parse(source)
    return source.encode(tree.printedText()) == bytes
}

/// Each diagnostic of a parse, with its place.
func syntaxProblems(in text: String) -> [String] {
    let tree = MOFParser.parse(SourceFile(path: "broken.mof", string: text))
    return tree.diagnostics.map { "\($0.range.start.line):\($0.range.start.column) \($0.code)" }
}

/// Qualifier values, decoded: escapes resolved, adjacent strings joined.
func classIDs(in text: String) -> [String] {
    let tree = MOFParser.parse(SourceFile(path: "inventory.mof", string: text))
    var ids: [String] = []
    for case .classDecl(let classDecl) in tree.root.declarations {
        for qualifier in classDecl.qualifiers where qualifier.name?.text.lowercased() == "sms_class_id" {
            if case .string(let id)? = qualifier.value { ids.append(id) }
        }
    }
    return ids
}

/// Counts the classes of a large file one top-level declaration at a time: memory stays
/// proportional to the largest declaration.
func classCount(of source: SourceFile) -> Int {
    var count = 0
    MOFParser.parseDeclarations(source) { chunk in
        for case .classDecl in chunk.root.declarations { count += 1 }
    }
    return count
}

/// The canonical layout of `mofkit format`.
func formatted(_ text: String) -> String {
    let tree = MOFParser.parse(SourceFile(path: "messy.mof", string: text))
    return String(decoding: MOFFormatter.format(tree), as: UTF8.self)
}

@Suite struct MOFSyntaxDocumentationExamples {
    static let inventory = """
        [SMS_Report(TRUE), SMS_Group_Name("Contoso App"), SMS_Class_ID("CONTOSO|" "App|1.0")]
        class Contoso_App : SMS_Class_Template
        {
            [SMS_Report(TRUE), key] string KeyName;
            [SMS_Report(FALSE)] string Internal;
            [SMS_Report(TRUE)] uint32 InstallCount;
        };

        """

    @Test func listsReportedProperties() {
        #expect(reportedProperties(in: Self.inventory) == ["Contoso_App: KeyName, InstallCount"])
    }

    @Test func decodesQualifierValues() {
        #expect(classIDs(in: Self.inventory) == ["CONTOSO|App|1.0"])
    }

    @Test func roundTripsBrokenInput() {
        #expect(roundTrips(Array("class A {\r\n  string S = \"unterminated;\n".utf8)))
        #expect(roundTrips([0xFF, 0xFE] + Array("class B { };".utf8).flatMap { [$0, 0] }))
    }

    @Test func reportsSyntaxProblemsWithPlaces() {
        let problems = syntaxProblems(in: "class A {\n    string Name = \"abc;\n};\n")
        print(problems)
        #expect(problems.first == "2:19 MOF1002")
    }

    @Test func countsClassesDeclarationByDeclaration() {
        let text = Self.inventory + "class B { };\ninstance of B { };\nclass C : B { };\n"
        #expect(classCount(of: SourceFile(path: "big.mof", string: text)) == 3)
    }

    @Test func formatsCanonically() {
        let output = formatted("class   A{string   Name;};")
        print(output)
        #expect(output == formatted(output))
        #expect(output.contains("string Name;"))
    }
}
