import LSPCore
import MOFModel
import MofkitSource

extension FeatureInput {
    /// `textDocument/hover`: what the element under the cursor is (qualifier, class, property,
    /// registry context), and the explanation of any diagnostic there.
    public func hover(at position: Position) -> Hover? {
        let offset = self.offset(position)
        var sections: [String] = []
        var range: LSPRange?
        if let (target, bytes) = tokens.target(at: offset) {
            range = self.range(bytes)
            if let text = describe(target, at: offset) { sections.append(text) }
        }
        for diagnostic in analysis.ownDiagnostics
        where diagnostic.range.start.offset <= offset && offset <= diagnostic.range.end.offset {
            if let descriptor = DiagnosticExplanations.descriptor(diagnostic.code) {
                let text = DiagnosticExplanations.markdown(descriptor)
                if !sections.contains(text) { sections.append(text) }
            }
        }
        guard !sections.isEmpty else { return nil }
        return Hover(contents: MarkupContent(markdown: sections.joined(separator: "\n\n---\n\n")), range: range)
    }

    func describe(_ target: CursorTarget, at offset: Int) -> String? {
        let queries = self.queries
        switch target {
        case .qualifier(let name):
            return describeQualifier(name)
        case .classDeclaration(let name), .classReference(let name):
            let near = queries.enclosingClass(at: offset)?.namespace ?? queries.enclosingInstance(at: offset)?.namespace
            guard let definition = queries.lookupClass(name, near: near) else { return "class `\(name)` (not found in the compilation or the context)" }
            return describeClass(definition)
        case .name(let name):
            if let instance = queries.enclosingInstance(at: offset),
               let definition = queries.lookupClass(instance.className, near: instance.namespace),
               let property = definition.property(named: name) {
                return describeProperty(property, of: definition)
            }
            if let definition = queries.enclosingClass(at: offset) {
                if let property = definition.property(named: name) { return describeProperty(property, of: definition) }
                if let method = definition.methods.first(where: { $0.name.lowercased() == name.lowercased() }) {
                    let parameters = method.parameters.map { "\($0.type) \($0.name)" }.joined(separator: ", ")
                    return "```mof\n\(method.returnType) \(definition.name).\(method.name)(\(parameters))\n```"
                }
            }
            if let definition = queries.lookupClass(name, near: nil) { return describeClass(definition) }
            return nil
        case .alias(let alias):
            guard let index = analysis.model.aliases[alias.lowercased()], index < analysis.model.instances.count else {
                return "alias `$\(alias)` (not defined)"
            }
            let instance = analysis.model.instances[index]
            return "```mof\ninstance of \(instance.className) as $\(alias)\n```"
        case .includeFile(let file):
            let resolved = analysis.sources.keys.first { $0.hasSuffix("/" + file.replacingOccurrences(of: "\\", with: "/")) }
            return "`#pragma include` of `\(file)`" + (resolved.map { " → `\($0)`" } ?? "")
        case .registryContext(let qualifier, let value):
            let withValue = qualifier.lowercased() != "classcontext"
            guard let location = RegistryLocation(context: value, withValueName: withValue) else {
                return "**\(qualifier)**: not of the form `\(withValue ? "local|HIVE\\key|ValueName" : "local|HIVE\\key")`"
            }
            var lines = ["**\(qualifier)**", "", "| | |", "|---|---|", "| machine | `\(location.machine)` |",
                         "| hive | `\(location.hive)`\(RegistryLocation.knownHives.contains(location.hive.uppercased()) ? "" : " (unknown hive)") |",
                         "| key | `\(location.keyPath)` |"]
            if let valueName = location.valueName { lines.append("| value | `\(valueName)` |") }
            return lines.joined(separator: "\n")
        }
    }

    func describeQualifier(_ name: String) -> String {
        var lines: [String] = []
        if let declaration = analysis.model.qualifierDeclaration(name) {
            let type = declaration.type.map(\.description) ?? "any type"
            lines.append("```mof\nQualifier \(declaration.name) : \(type)\(declaration.defaultValue.map { " = " + $0.displayText } ?? "")\n```")
            let scopes = declaration.scopes.map(\.rawValue).sorted().joined(separator: ", ")
            lines.append("Scope: \(scopes.isEmpty ? "any" : scopes)")
            var flavors: [String] = []
            if declaration.flavors.disableOverride { flavors.append("DisableOverride") }
            if declaration.flavors.restricted { flavors.append("Restricted") } else { flavors.append("ToSubclass") }
            if declaration.flavors.toInstance { flavors.append("ToInstance") }
            if declaration.flavors.translatable { flavors.append("Translatable") }
            if declaration.flavors.amended { flavors.append("Amended") }
            lines.append("Flavors: \(flavors.joined(separator: ", "))")
            switch declaration.origin {
            case .bundled: lines.append("Declared by: the bundled WMI/ConfigMgr client context")
            case .schema: lines.append("Declared by: a schema file" + (declaration.range.map { " (\($0.file):\($0.start.line))" } ?? ""))
            case .compilation: lines.append("Declared in: " + (declaration.range.map { "\($0.file):\($0.start.line)" } ?? "this compilation"))
            }
        } else {
            lines.append("qualifier `\(name)`: not declared (mofcomp accepts it; --strict rejects it)")
        }
        if let meaning = QualifierNotes.meanings[name.lowercased()] { lines.insert(meaning, at: min(1, lines.count)) }
        return lines.joined(separator: "\n\n")
    }

    func describeClass(_ definition: ClassDefinition) -> String {
        var header = "class \(definition.name)"
        if let superclass = definition.superclass { header += " : \(superclass)" }
        var lines = ["```mof\n\(header)\n```", "Namespace: `\(definition.namespace)`"]
        switch definition.origin {
        case .bundled: lines.append("From the bundled client context")
        case .schema: lines.append("From a schema file: \(definition.range.file):\(definition.range.start.line)")
        case .compilation: lines.append("Declared at \(definition.range.file):\(definition.range.start.line)")
        }
        let keys = definition.keyProperties.map(\.name)
        if !keys.isEmpty { lines.append("Key: " + keys.joined(separator: ", ")) }
        if let description = definition.effectiveQualifiers.string("Description") { lines.append(description) }
        if analysis.model.isReportingClass(definition) {
            let reporting = analysis.model.reportingClass(definition)
            var text = "Reporting class for `\(reporting.dataNamespace)`:`\(definition.name)`"
            if let group = reporting.groupName { text += ", group \"\(group)\"" }
            if let id = reporting.classID { text += ", id \"\(id)\"" }
            lines.append(text)
        }
        return lines.joined(separator: "\n\n")
    }

    func describeProperty(_ property: PropertyDefinition, of definition: ClassDefinition) -> String {
        var lines = ["```mof\n\(property.type.base) \(definition.name).\(property.name)\(property.type.isArray ? "[]" : "")\n```"]
        var facts: [String] = ["Type: `\(property.type)`"]
        if property.isKey { facts.append("key") }
        if property.classOrigin.lowercased() != definition.name.lowercased() { facts.append("inherited from `\(property.classOrigin)`") }
        lines.append(facts.joined(separator: " · "))
        if let description = property.effectiveQualifiers.string("Description") { lines.append(description) }
        if let context = property.effectiveQualifiers.string("PropertyContext") { lines.append("PropertyContext: `\(context)`") }
        return lines.joined(separator: "\n\n")
    }
}
