import Foundation
import LSPCore
import MOFModel
import MofkitSource

extension FeatureInput {
    /// `textDocument/definition`: superclass, `instance of X`, `ref` types, `$alias`, the file of
    /// `#pragma include`, an instance's property → the class property, a reporting class ↔ its
    /// data class (on a class's own name).
    public func definition(at position: Position) -> [Location] {
        let offset = self.offset(position)
        guard let (target, _) = tokens.target(at: offset) else { return [] }
        let queries = self.queries
        let near = queries.enclosingClass(at: offset)?.namespace ?? queries.enclosingInstance(at: offset)?.namespace
        switch target {
        case .classReference(let name):
            guard let definition = queries.lookupClass(name, near: near), ModelQueries.isInFile(definition.nameRange) else { return [] }
            return [mapper.location(definition.nameRange)]
        case .classDeclaration(let name):
            guard let definition = queries.lookupClass(name, near: near) else { return [] }
            if analysis.model.isReportingClass(definition) {
                guard let data = analysis.model.reportingClass(definition).dataClass, ModelQueries.isInFile(data.nameRange) else { return [] }
                return [mapper.location(data.nameRange)]
            }
            return queries.reportingClasses(for: definition).filter { ModelQueries.isInFile($0.nameRange) }.map { mapper.location($0.nameRange) }
        case .name(let name):
            if let instance = queries.enclosingInstance(at: offset),
               let definition = queries.lookupClass(instance.className, near: instance.namespace),
               let property = definition.property(named: name), ModelQueries.isInFile(property.nameRange) {
                return [mapper.location(property.nameRange)]
            }
            if let definition = queries.enclosingClass(at: offset), let superclass = definition.superclass,
               let parent = queries.lookupClass(superclass, near: definition.namespace),
               let property = parent.property(named: name), ModelQueries.isInFile(property.nameRange) {
                return [mapper.location(property.nameRange)]  // an override → the overridden property
            }
            if let definition = queries.lookupClass(name, near: near), ModelQueries.isInFile(definition.nameRange) {
                return [mapper.location(definition.nameRange)]
            }
            return []
        case .alias(let alias):
            guard let index = analysis.model.aliases[alias.lowercased()], index < analysis.model.instances.count else { return [] }
            return [mapper.location(analysis.model.instances[index].range)]
        case .includeFile(let written):
            let relative = written.replacingOccurrences(of: "\\", with: "/")
            let lowered = relative.lowercased()
            guard let path = analysis.sources.keys.sorted().first(where: { $0.lowercased().hasSuffix("/" + lowered) || $0.lowercased() == lowered }) else { return [] }
            let start = Position(line: 0, character: 0)
            return [Location(uri: DocumentURI.uri(of: path), range: LSPRange(start: start, end: start))]
        case .qualifier(let name):
            guard let range = analysis.model.qualifierDeclaration(name)?.range, ModelQueries.isInFile(range) else { return [] }
            return [mapper.location(range)]
        case .registryContext:
            return []
        }
    }

    /// `textDocument/references`: every use of the class (declaration, subclasses, instances,
    /// `ref` types, reporting classes) or of the alias under the cursor.
    public func references(at position: Position, includeDeclaration: Bool) -> [Location] {
        let offset = self.offset(position)
        guard let (target, _) = tokens.target(at: offset) else { return [] }
        var ranges: [SourceRange] = []
        var locations: [Location] = []
        switch target {
        case .classReference(let name), .classDeclaration(let name), .name(let name):
            let lowered = name.lowercased()
            let classes = analysis.model.classes(named: name)
            guard !classes.isEmpty else { return [] }
            if includeDeclaration { ranges += classes.map(\.nameRange).filter(ModelQueries.isInFile) }
            for definition in analysis.model.compiledClasses {
                if definition.superclass?.lowercased() == lowered, let range = definition.superclassRange { ranges.append(range) }
            }
            for instance in analysis.model.instances where instance.origin == .compilation && instance.className.lowercased() == lowered {
                ranges.append(instance.classNameRange)
            }
            // `X ref p` in this document: the model keeps no range for a type name.
            var i = 0
            while i + 1 < tokensCount {
                if tokens.kind(i) == .identifier, tokens.isWord(i + 1, "ref"), tokens.text(i).lowercased() == lowered {
                    locations.append(Location(uri: analysis.uri, range: range(tokens.token(i).range)))
                }
                i += 1
            }
        case .alias(let alias):
            let lowered = "$" + alias.lowercased()
            var i = 0
            while i < tokensCount {
                if tokens.kind(i) == .aliasIdentifier, tokens.text(i).lowercased() == lowered {
                    locations.append(Location(uri: analysis.uri, range: range(tokens.token(i).range)))
                }
                i += 1
            }
        default:
            return []
        }
        var seen = Set<Location>()
        return (ranges.map { mapper.location($0) } + locations).filter { seen.insert($0).inserted }
    }

    var tokensCount: Int { tokens.tree.tokens.count }
}
