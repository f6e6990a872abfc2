import DiagnosticRendering
import MofkitSource
import Testing

// The example of Sources/DiagnosticRendering/DiagnosticRendering.docc, verbatim
// (DocumentationCatalogTests checks that it stays so); the test below runs it.

/// One diagnostic about an unterminated string, rendered as text, JSON and SARIF.
func renderedExample() -> (text: String, json: String, sarif: String) {
    let source = SourceFile(path: "inventory.mof", string: "class A {\n    string Name = \"abc;\n};\n")
    let diagnostic = Diagnostic(
        code: "MOF1002", severity: .error, message: "unterminated string literal",
        range: source.range(28, 33))
    let text = TextDiagnosticRenderer().render([diagnostic], sources: [source.path: source])
    let json = JSONDiagnosticRenderer(toolVersion: "0.1.0").render([diagnostic], files: [source.path])
    let sarif = SARIFRenderer(toolVersion: "0.1.0", descriptors: SourceCode.descriptors)
        .render([diagnostic], files: [source.path])
    return (text, json, sarif)
}

@Suite struct DiagnosticRenderingDocumentationExamples {
    @Test func rendersOneDiagnosticThreeWays() {
        let (text, json, sarif) = renderedExample()
        print(text)
        #expect(text.hasPrefix("inventory.mof:2:19: error[MOF1002]: unterminated string literal\n"))
        #expect(text.hasSuffix("1 error generated.\n"))
        #expect(json.contains("\"code\": \"MOF1002\""))
        #expect(sarif.contains("\"ruleId\": \"MOF1002\""))
    }
}
