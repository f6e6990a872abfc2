import LSPCore
import MOFModel
import MofkitSource

extension FeatureInput {
    /// `textDocument/codeAction`: every fix-it of the diagnostics in the range as a quick fix, and
    /// "add the reporting class" on a data class that has none.
    public func codeActions(in range: LSPRange) -> [CodeAction] {
        let mapper = self.mapper
        var actions: [CodeAction] = []
        for diagnostic in analysis.ownDiagnostics where !diagnostic.fixIts.isEmpty {
            let lsp = mapper.diagnostic(diagnostic)
            guard lsp.range.start <= range.end && range.start <= lsp.range.end else { continue }
            for fix in diagnostic.fixIts where fix.range.file == analysis.path {
                let edit = TextEdit(range: mapper.lspRange(fix.range), newText: fix.replacement)
                actions.append(CodeAction(title: "\(fix.message) (\(diagnostic.code.rawValue))", kind: "quickfix", diagnostics: [lsp],
                                          isPreferred: diagnostic.fixIts.count == 1,
                                          edit: WorkspaceEdit(changes: [analysis.uri: [edit]])))
            }
        }
        let offset = self.offset(range.start)
        let queries = self.queries
        if let definition = queries.enclosingClass(at: offset),
           !definition.namespace.isSMSNamespace, !analysis.model.isReportingClass(definition),
           queries.reportingClasses(for: definition).isEmpty,
           definition.name.lowercased() != "sms_class_template" {
            let insertAt = analysis.document.position(of: definition.range.end.offset, encoding: encoding)
            let text = FeatureInput.reportingClassText(for: definition)
            actions.append(CodeAction(title: "Add the reporting class for \(definition.name)", kind: "refactor",
                                      diagnostics: nil, isPreferred: nil,
                                      edit: WorkspaceEdit(changes: [analysis.uri: [TextEdit(range: LSPRange(start: insertAt, end: insertAt), newText: text)]])))
        }
        return actions
    }

    /// The SMS twin of a data class: `SMS_Report(TRUE)` on the class and every property, in
    /// `root\cimv2\sms`, then the namespace switched back.
    static func reportingClassText(for definition: ClassDefinition) -> String {
        func pragma(_ namespace: NamespacePath) -> String {
            "#pragma namespace(\"\\\\\\\\.\\\\" + namespace.components.joined(separator: "\\\\") + "\")"
        }
        var lines = ["", "", pragma(.rootCIMv2SMS), ""]
        lines.append("[SMS_Report(TRUE), SMS_Group_Name(\"\(definition.name)\"), SMS_Class_ID(\"CUSTOM|\(definition.name)|1.0\")]")
        lines.append("class \(definition.name) : SMS_Class_Template")
        lines.append("{")
        for property in definition.properties {
            if case .reference = property.type.base { continue }
            let qualifiers = property.isKey ? "[SMS_Report(TRUE), key]" : "[SMS_Report(TRUE)]"
            lines.append("    \(qualifiers) \(property.type.base) \(property.name)\(property.type.isArray ? "[]" : "");")
        }
        lines.append("};")
        lines.append("")
        lines.append(pragma(definition.namespace))
        return lines.joined(separator: "\n")
    }
}
