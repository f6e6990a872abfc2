import LSPCore
import MOFModel
import MofkitSource

extension FeatureInput {
    /// `textDocument/documentSymbol`: namespaces (`#pragma namespace`) holding the classes (with
    /// properties and methods) and instances that follow them.
    public func documentSymbols() -> [DocumentSymbol] {
        let queries = self.queries
        let mapper = self.mapper
        var items: [(offset: Int, symbol: DocumentSymbol)] = []
        for definition in queries.classes {
            var children: [DocumentSymbol] = []
            for property in definition.localProperties {
                children.append(DocumentSymbol(name: property.name, detail: property.type.description, kind: 7,
                                               range: mapper.lspRange(property.range), selectionRange: mapper.lspRange(property.nameRange), children: nil))
            }
            for method in definition.methods {
                let range = mapper.lspRange(method.range)
                children.append(DocumentSymbol(name: method.name, detail: method.returnType.description, kind: 6,
                                               range: range, selectionRange: range, children: nil))
            }
            let symbol = DocumentSymbol(name: definition.name, detail: definition.superclass.map { ": " + $0 }, kind: 5,
                                        range: mapper.lspRange(definition.range), selectionRange: mapper.lspRange(definition.nameRange),
                                        children: children)
            items.append((definition.range.start.offset, symbol))
        }
        for instance in queries.instances {
            let name = "instance of \(instance.className)" + (instance.alias.map { " as $" + $0 } ?? "")
            let key = instance.values.first.map { "\($0.name) = \($0.value?.displayText ?? "")" }
            items.append((instance.range.start.offset, DocumentSymbol(
                name: name, detail: key, kind: 19, range: mapper.lspRange(instance.range),
                selectionRange: mapper.lspRange(instance.classNameRange), children: nil)))
        }
        items.sort { $0.offset < $1.offset }
        // Group under the namespace pragmas of this file.
        var namespaces: [(offset: Int, symbol: DocumentSymbol)] = []
        for pragma in analysis.model.pragmas where pragma.range.file == analysis.path {
            if case .namespace(let path) = pragma.kind {
                let range = mapper.lspRange(pragma.range)
                namespaces.append((pragma.range.start.offset, DocumentSymbol(name: path.description, detail: "#pragma namespace", kind: 3,
                                                                             range: range, selectionRange: range, children: [])))
            }
        }
        guard !namespaces.isEmpty else { return items.map(\.symbol) }
        var top: [DocumentSymbol] = []
        var current: Int? = nil
        var next = 0
        for item in items {
            while next < namespaces.count && namespaces[next].offset <= item.offset {
                if let current { top.append(namespaces[current].symbol) }
                current = next
                next += 1
            }
            if let current {
                namespaces[current].symbol.children?.append(item.symbol)
                namespaces[current].symbol.range.end = max(namespaces[current].symbol.range.end, item.symbol.range.end)
            } else {
                top.append(item.symbol)
            }
        }
        if let current { top.append(namespaces[current].symbol) }
        while next < namespaces.count { top.append(namespaces[next].symbol); next += 1 }
        return top
    }
}
