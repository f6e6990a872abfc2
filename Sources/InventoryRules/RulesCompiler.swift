import MOFModel
import MOFSyntax
import MofkitSource

/// Compiles a semantic model to ``CollectionRules``.
public enum RulesCompiler {
    /// The collection rules of `model`'s compiled classes and instances.
    public static func compile(_ model: MOFSemanticModel) -> CollectionRules {
        // Registry instances by (namespace, class), built once.
        var registryInstances: [ClassKey: [InstanceDefinition]] = [:]
        for instance in model.instances where instance.origin == .compilation
            && instance.values.contains(where: { $0.effectiveQualifiers.first(named: "PropertyContext") != nil })
        {
            registryInstances[ClassKey(instance.namespace, instance.className), default: []].append(instance)
        }
        var reported: [ReportedClassRule] = []
        var coveredDataClasses = Set<ClassKey>()
        for reporting in model.reportingClasses {
            let definition = reporting.definition
            let data = reporting.dataClass
            if let data { coveredDataClasses.insert(ClassKey(data.namespace, data.name)) }
            let properties = definition.properties.map { p in
                PropertyRule(name: p.name, cimType: p.type.description, key: p.isKey, reported: reporting.reportedProperties.contains { $0.name == p.name })
            }
            let reportedNames = reporting.reportedProperties.map(\.name)
            let dataName = data?.name ?? definition.name
            let query = "SELECT " + (reportedNames.isEmpty ? "*" : reportedNames.joined(separator: ",")) + " FROM " + dataName
            reported.append(ReportedClassRule(
                className: definition.name, groupName: reporting.groupName, classID: reporting.classID,
                reportingNamespace: definition.namespace.description, dataNamespace: reporting.dataNamespace.description,
                dataClass: data?.name, dataClassLocation: data.map { RuleLocation($0.nameRange) }, query: query,
                properties: properties, source: source(for: data, instances: registryInstances), location: RuleLocation(definition.nameRange)))
        }
        // Registry-backed data classes nobody reports: their rules still exist on the client.
        var unreported: [DataClassRule] = []
        for definition in model.compiledClasses where !model.isReportingClass(definition) {
            let key = ClassKey(definition.namespace, definition.name)
            guard !coveredDataClasses.contains(key) else { continue }
            let rule = source(for: definition, instances: registryInstances)
            guard rule.kind != "wmi-class" else { continue }
            unreported.append(DataClassRule(
                className: definition.name, namespace: definition.namespace.description, source: rule,
                location: RuleLocation(definition.nameRange)))
        }
        // [DYNPROPS] instances of classes the compilation does not define.
        let definedKeys = Set(model.compiledClasses.map { ClassKey($0.namespace, $0.name) })
        var orphanGroups: [ClassKey: [InstanceDefinition]] = [:]
        var orphanOrder: [ClassKey] = []
        for instance in model.instances where instance.origin == .compilation {
            let key = ClassKey(instance.namespace, instance.className)
            guard !definedKeys.contains(key), instance.values.contains(where: { $0.effectiveQualifiers.first(named: "PropertyContext") != nil }) else { continue }
            if orphanGroups[key] == nil { orphanOrder.append(key) }
            orphanGroups[key, default: []].append(instance)
        }
        for key in orphanOrder {
            guard let instances = orphanGroups[key], let first = instances.first else { continue }
            unreported.append(DataClassRule(
                className: first.className, namespace: first.namespace.description,
                source: DataSourceRule(kind: "registry-values", provider: "RegPropProv",
                                       instances: instances.map { registryInstance($0, dataClass: nil) }),
                location: RuleLocation(first.classNameRange)))
        }
        return CollectionRules(reportedClasses: reported, unreportedDataClasses: unreported)
    }

    /// How the data class gets its instances.
    static func source(for data: ClassDefinition?, instances registryInstances: [ClassKey: [InstanceDefinition]]) -> DataSourceRule {
        guard let data else { return DataSourceRule(kind: "wmi-class") }
        let provider = data.qualifiers.string("Provider")
        if provider?.lowercased() == "regprov" {
            let context = data.qualifiers.first(named: "ClassContext")
            let location = context?.value?.stringValue.flatMap { RegistryLocation(context: $0, withValueName: false) }
            let subkeyValues: [SubkeyValueRule] = data.properties.compactMap { p in
                guard !p.isKey, let name = p.effectiveQualifiers.string("PropertyContext") else { return nil }
                return SubkeyValueRule(property: p.name, cimType: p.type.description, valueName: name, location: RuleLocation(p.nameRange))
            }
            return DataSourceRule(
                kind: "registry-keys", provider: provider, hive: location?.hive, key: location?.keyPath,
                subkeyProperty: data.keyProperties.first?.name, subkeyValues: subkeyValues,
                location: context.map { RuleLocation($0.range) } ?? RuleLocation(data.nameRange))
        }
        let instances = registryInstances[ClassKey(data.namespace, data.name)] ?? []
        if !instances.isEmpty || data.qualifiers.isSet("DYNPROPS") {
            return DataSourceRule(kind: "registry-values", provider: "RegPropProv",
                                  instances: instances.map { registryInstance($0, dataClass: data) },
                                  location: RuleLocation(data.nameRange))
        }
        return DataSourceRule(kind: "wmi-class", provider: provider, location: RuleLocation(data.nameRange))
    }

    static func registryInstance(_ instance: InstanceDefinition, dataClass: ClassDefinition?) -> RegistryInstanceRule {
        var keyValues: [String: String] = [:]
        var values: [RegistryValueRule] = []
        for assignment in instance.values {
            let property = dataClass?.property(named: assignment.name)
            if let context = assignment.effectiveQualifiers.first(named: "PropertyContext"), let text = context.value?.stringValue {
                let location = RegistryLocation(context: text, withValueName: true)
                values.append(RegistryValueRule(
                    property: assignment.name, cimType: property?.type.description ?? "unknown",
                    hive: location?.hive ?? "", key: location?.keyPath ?? "", valueName: location?.valueName ?? "",
                    context: text, location: RuleLocation(context.range)))
            } else if let value = assignment.value, property?.isKey ?? true {
                keyValues[assignment.name] = value.displayText
            }
        }
        return RegistryInstanceRule(keyValues: keyValues, values: values, location: RuleLocation(instance.classNameRange))
    }
}

/// Loading and compiling in one step, for the CLI and tests.
public enum InventoryRulesLoader {
    /// Loads `paths` as one compilation on top of the bundled context and `schemaPaths`, and
    /// compiles its rules. The diagnostics are those of the full check.
    public static func rules(paths: [String], schemaPaths: [String] = [], load: MOFLoadOptions = MOFLoadOptions())
        -> (rules: CollectionRules, diagnostics: [Diagnostic], unreadable: [String])
    {
        let (context, contextResult) = MOFChecker.loadContext(schemaPaths: schemaPaths, load: load)
        let base = MOFSemanticAnalyzer.baseModel(context: context)
        let (analysis, syntax) = MOFSemanticAnalyzer.analyzeFiles(paths, base: base, load: load)
        let diagnostics = contextResult.diagnostics + syntax.diagnostics + analysis.diagnostics
        let unreadable = (contextResult.unreadable + syntax.unreadable).map(\.description)
        return (RulesCompiler.compile(analysis.model), diagnostics, unreadable)
    }
}

/// A class by namespace and name, both compared without case, as WMI looks classes up.
struct ClassKey: Hashable, Sendable {
    var namespace: String
    var className: String

    init(_ namespace: NamespacePath, _ className: String) {
        self.namespace = namespace.key
        self.className = className.lowercased()
    }
}
