import MOFModel
import MofkitSource

/// Questions about the model of one analysis, restricted to what is in a given file.
struct ModelQueries {
    let model: MOFSemanticModel
    let path: String

    /// Classes compiled from `path`.
    var classes: [ClassDefinition] { model.compiledClasses.filter { $0.range.file == path } }

    /// Instances compiled from `path`.
    var instances: [InstanceDefinition] { model.instances.filter { $0.origin == .compilation && $0.range.file == path } }

    /// The class declared in `path` around byte `offset`.
    func enclosingClass(at offset: Int) -> ClassDefinition? {
        classes.first { $0.range.start.offset <= offset && offset <= $0.range.end.offset }
    }

    /// The instance declared in `path` around byte `offset`.
    func enclosingInstance(at offset: Int) -> InstanceDefinition? {
        instances.first { $0.range.start.offset <= offset && offset <= $0.range.end.offset }
    }

    /// The class `name`: in `namespace` when given and found there, else the compilation's, else any.
    func lookupClass(_ name: String, near namespace: NamespacePath?) -> ClassDefinition? {
        if let namespace, let found = model.lookupClass(name, in: namespace) { return found }
        let all = model.classes(named: name)
        return all.first { $0.origin == .compilation } ?? all.first
    }

    /// Whether a range points into a real file (not the bundled context).
    static func isInFile(_ range: SourceRange) -> Bool { range.file != BundledContext.path && !range.file.isEmpty }

    /// The reporting classes whose data class is `definition`.
    func reportingClasses(for definition: ClassDefinition) -> [ClassDefinition] {
        model.classes(named: definition.name).filter { candidate in
            guard model.isReportingClass(candidate) else { return false }
            let reporting = model.reportingClass(candidate)
            return reporting.dataClass.map { $0.name.lowercased() == definition.name.lowercased() && $0.namespace == definition.namespace } ?? false
        }
    }
}
