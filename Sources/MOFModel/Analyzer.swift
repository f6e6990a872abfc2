import MOFSyntax
import MofkitSource

/// How strictly to check.
public struct MOFSemanticOptions: Sendable, Hashable {
    /// `false` (default): check as mofcomp compiles into a real client's repository — a class it
    /// cannot see may exist there (warning), undeclared qualifiers are accepted (note).
    /// `true`: check as DSP0004 compilers do — everything must be declared (error).
    public var strict: Bool
    /// Run the ConfigMgr/SMS inventory checks (`MOF4xxx`).
    public var inventoryChecks: Bool

    /// Options; the defaults are those of `mofkit check` without `--strict`.
    public init(strict: Bool = false, inventoryChecks: Bool = true) {
        self.strict = strict
        self.inventoryChecks = inventoryChecks
    }
}

/// The model of one compilation and what was found while building and checking it.
public struct MOFAnalysis: Sendable {
    /// The model built.
    public var model: MOFSemanticModel
    /// What the semantic and inventory checks found.
    public var diagnostics: [Diagnostic]
}

/// Builds the semantic model from parsed declarations, in file order, and checks it.
public enum MOFSemanticAnalyzer {
    /// The model holding only `context` (the bundled client context and any `--schema` files).
    /// Build it once and reuse it for every file checked.
    public static func baseModel(context: MOFContext) -> MOFSemanticModel {
        var builder = ModelBuilder(model: MOFSemanticModel(), options: MOFSemanticOptions(), reporting: false)
        for layer in context.layers {
            builder.origin = layer.origin
            builder.resetFileState()
            builder.process(layer.compilation.declarations)
        }
        var model = builder.model
        model.updateClasses { definition in
            definition.sequence = -1
            // System classes are described only partly: do not judge the properties instances set.
            if definition.origin == .bundled && definition.name.hasPrefix(BundledContext.partialClassPrefix) {
                definition.superclassChainComplete = false
            }
        }
        return model
    }

    /// Builds the model of `compilation` on top of `base` and runs every check.
    public static func analyze(
        _ compilation: ParsedCompilation, base: MOFSemanticModel, options: MOFSemanticOptions = MOFSemanticOptions()
    ) -> MOFAnalysis {
        var builder = ModelBuilder(model: base, options: options, reporting: true)
        builder.model.sources.merge(compilation.sources) { a, _ in a }
        builder.origin = .compilation
        builder.process(compilation.declarations)
        builder.finish()
        var diagnostics = builder.diagnostics
        if options.inventoryChecks {
            var inventory = InventoryChecker(model: builder.model, options: options)
            diagnostics += inventory.run()
        }
        return MOFAnalysis(model: builder.model, diagnostics: diagnostics)
    }

    /// Loads, parses and analyzes `paths` as one compilation in a single streaming pass: each
    /// top-level declaration goes into the model as soon as it is parsed, and no syntax tree or
    /// parsed declaration is kept. Returns the analysis and the syntax check's result.
    ///
    /// Files in `overlay` (named or included) are read from it instead of the disk: unsaved editor
    /// text, what a language server or ``MOFDocumentCheck`` checks.
    public static func analyzeFiles(
        _ paths: [String], base: MOFSemanticModel, options: MOFSemanticOptions = MOFSemanticOptions(),
        load: MOFLoadOptions = MOFLoadOptions(), overlay: MOFSourceOverlay = MOFSourceOverlay()
    ) -> (MOFAnalysis, MOFSyntaxCheckResult) {
        var builder = ModelBuilder(model: base, options: options, reporting: true)
        builder.origin = .compilation
        var syntax = MOFSyntaxCheckResult()
        var spans = SpanSourceCache()
        for path in paths {
            builder.process(.beginFile(path: path))
            let summary = MOFLoader.forEachDeclaration(paths: [path], options: load, overlay: overlay) { source, tree in
                let conversion = SyntaxConversion(tree: tree, source: spans.source(for: source), skipIncludes: true)
                for declaration in tree.root.declarations {
                    if let converted = conversion.declaration(declaration) { builder.process(converted) }
                }
            }
            syntax.sources.merge(summary.sources) { a, _ in a }
            syntax.diagnostics += summary.diagnostics
            syntax.unreadable += summary.unreadable
        }
        builder.model.sources.merge(syntax.sources) { a, _ in a }
        builder.finish()
        var diagnostics = builder.diagnostics
        if options.inventoryChecks {
            var inventory = InventoryChecker(model: builder.model, options: options)
            diagnostics += inventory.run()
        }
        return (MOFAnalysis(model: builder.model, diagnostics: diagnostics), syntax)
    }

    /// The bundled context plus `compilation`, in one call (for tests and small tools).
    public static func analyze(_ compilation: ParsedCompilation, options: MOFSemanticOptions = MOFSemanticOptions()) -> MOFAnalysis {
        analyze(compilation, base: baseModel(context: .bundled), options: options)
    }
}

/// A qualifier declaration as the builder's cache holds it: shared, not copied per use, with its
/// scopes as a bit mask.
final class KnownQualifier: Sendable {
    let declaration: QualifierDeclaration
    let scopeMask: UInt16

    init(_ declaration: QualifierDeclaration) {
        self.declaration = declaration
        scopeMask = declaration.scopes.reduce(0) { $0 | $1.bit }
    }
}

/// The file-order interpreter: pragmas, qualifier declarations, classes and instances.
struct ModelBuilder {
    var model: MOFSemanticModel
    let options: MOFSemanticOptions
    let reporting: Bool
    var origin: ElementOrigin = .compilation
    var diagnostics: [Diagnostic] = []

    var namespace = NamespacePath.rootDefault
    var namespaceExplicit = false
    var classFlags: [String] = []
    var instanceFlags: [String] = []
    var sequence = 0
    /// (namespace key, class key) of classes deleted by `#pragma deleteclass` in this compilation.
    var deleted: Set<String> = []
    /// Alias references waiting for the end of the compilation: (alias, range).
    var aliasReferences: [(String, ModelSpan)] = []
    /// Unknown instance classes already reported.
    var reportedUnknownClasses: Set<String> = []
    /// The class being built (it may name itself in reference types).
    var currentClass: String?
    /// Qualifier declarations last looked up, by name as written (emptied when one is declared).
    var recentDeclarations: [(name: String, known: KnownQualifier?)] = []
    /// Instances of the compilation by identity (`instanceIdentity`), for `#pragma instanceflags`.
    var instanceIdentities: [String: ModelSpan] = [:]

    init(model: MOFSemanticModel, options: MOFSemanticOptions, reporting: Bool) {
        self.model = model
        self.options = options
        self.reporting = reporting
    }

    mutating func resetFileState() {
        namespace = .rootDefault
        namespaceExplicit = false
        classFlags = []
        instanceFlags = []
    }

    // MARK: Reporting

    mutating func report(_ code: DiagnosticCode, _ severity: Severity, _ message: String, _ range: SourceRange, notes: [DiagnosticNote] = []) {
        guard reporting else { return }
        diagnostics.append(Diagnostic(code: code, severity: severity, message: message, range: range, notes: notes))
    }

    /// Error under `--strict`, `lenient` otherwise.
    func strictSeverity(else lenient: Severity) -> Severity { options.strict ? .error : lenient }

    mutating func report(_ problems: [ValueProblem]) {
        for p in problems {
            // WMI does not enforce MaxLen, MinLen, MaxValue or MinValue ("it is the provider's
            // responsibility to enforce qualifiers"): mofcomp stores such a value, so it is a DSP0004
            // error (--strict) and only a warning by default.
            let strictOnly = p.strictOnly || p.code == SemanticCode.constraintViolated
            report(p.code, strictOnly ? strictSeverity(else: .warning) : .error, p.message, p.range)
        }
    }

    // MARK: Declarations

    mutating func process(_ declarations: [ParsedDeclaration]) {
        for declaration in declarations { process(declaration) }
    }

    mutating func process(_ declaration: ParsedDeclaration) {
        sequence += 1
        switch declaration {
        case .pragma(let p): processPragma(p)
        case .qualifierDeclaration(let q): processQualifierDeclaration(q)
        case .classDeclaration(let c): processClass(c)
        case .instance(let i): processInstance(i)
        case .beginFile: resetFileState()
        }
    }

    mutating func finish() {
        for (alias, span) in aliasReferences where model.aliases[alias.lowercased()] == nil {
            report(SemanticCode.undefinedAlias, .error, "alias $\(alias) is not defined", span.range)
        }
    }

    // MARK: Pragmas

    mutating func processPragma(_ pragma: ParsedPragma) {
        switch pragma.name {
        case "namespace":
            guard let argument = pragma.arguments.first, let text = argument.stringValue else {
                report(SemanticCode.badNamespacePragma, .error, "#pragma namespace needs a string argument", pragma.range)
                return
            }
            // mofcomp resolves a path that is not fully qualified relative to the current namespace;
            // an empty one is that namespace itself. Harmless, but it says nothing: a warning.
            if text.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" }) {
                report(SemanticCode.badNamespacePragma, .warning,
                       "#pragma namespace(\"\(text.escapedForMessage)\") names no namespace; mofcomp reads it relative to the current namespace, so declarations stay in \(namespace)",
                       argument.range)
                namespaceExplicit = true
                model.pragmas.append(PragmaEffect(kind: .namespace(namespace), span: pragma.span, sequence: sequence))
                return
            }
            let hasControl = text.unicodeScalars.contains { $0.value < 0x20 }
            if hasControl {
                report(SemanticCode.namespaceEscaping, .error,
                       "namespace \"\(text.escapedForMessage)\" is escaped wrong: backslashes in MOF strings must be doubled (\"\\\\\\\\.\\\\root\\\\cimv2\")",
                       argument.range)
                return
            }
            guard let path = NamespacePath(text) else {
                report(SemanticCode.badNamespacePragma, .error,
                       "\"\(text.escapedForMessage)\" is not a namespace path (write \"\\\\\\\\.\\\\root\\\\cimv2\" for \\\\.\\root\\cimv2)",
                       argument.range)
                return
            }
            let absolute = text.hasPrefix("\\") || text.hasPrefix("/") || path.components.first?.lowercased() == "root"
            namespace = absolute ? path : namespace.appending(path)
            namespaceExplicit = true
            model.pragmas.append(PragmaEffect(kind: .namespace(namespace), span: pragma.span, sequence: sequence))
        case "deleteclass":
            guard let name = pragma.arguments.first?.stringValue ?? pragma.arguments.first.flatMap(identifier) else {
                report(SemanticCode.deleteUndefinedClass, .error, "#pragma deleteclass needs a class name", pragma.range)
                return
            }
            let mode = pragma.arguments.dropFirst().first.flatMap { identifier($0) ?? $0.stringValue }?.uppercased()
            let failIfMissing = mode != "NOFAIL"
            model.pragmas.append(PragmaEffect(kind: .deleteClass(name: name, failIfMissing: failIfMissing), span: pragma.span, sequence: sequence))
            deleted.insert(namespace.key + "|" + name.lowercased())
            let removed = model.remove(name, in: namespace)
            if !removed && failIfMissing && model.classes(named: name).isEmpty {
                report(SemanticCode.deleteUndefinedClass, strictSeverity(else: .warning),
                       "#pragma deleteclass(\"\(name)\", FAIL) deletes a class that is not defined here or in the context; mofcomp stops if the repository lacks it too",
                       pragma.range)
            }
        case "classflags", "instanceflags":
            let isClass = pragma.name == "classflags"
            let flags = pragmaFlags(pragma, isClass: isClass)
            if isClass {
                classFlags = flags
                model.pragmas.append(PragmaEffect(kind: .classFlags(flags), span: pragma.span, sequence: sequence))
            } else {
                instanceFlags = flags
                model.pragmas.append(PragmaEffect(kind: .instanceFlags(flags), span: pragma.span, sequence: sequence))
            }
        default:
            model.pragmas.append(PragmaEffect(kind: .other(pragma.name), span: pragma.span, sequence: sequence))
        }
    }

    /// The flag names of a `classflags` / `instanceflags` pragma, lowercased. mofcomp takes names
    /// (`"createonly"`, `"updateonly"`, `"safeupdate"`, `"forceupdate"`; instances only the first two)
    /// or the numeric WBEM_FLAG values (1 update only, 2 create only, 0x20 safe mode, 0x40 force
    /// mode; 0 is the default, create or update). Unknown values and contradictory pairs are
    /// reported: mofcomp refuses the pragma, so the compile stops there.
    mutating func pragmaFlags(_ pragma: ParsedPragma, isClass: Bool) -> [String] {
        let named: [(name: String, bit: UInt64)] = isClass
            ? [("updateonly", 0x1), ("createonly", 0x2), ("safeupdate", 0x20), ("forceupdate", 0x40)]
            : [("updateonly", 0x1), ("createonly", 0x2)]
        let allowed = named.map(\.name).sorted().joined(separator: ", ")
        var flags: [String] = []
        for value in pragma.arguments.flatMap(\.elements) {
            if case .integer(let number) = value.kind {
                let known = named.reduce(UInt64(0)) { $0 | $1.bit }
                if number.isNegative || number.overflow || number.magnitude & ~known != 0 {
                    report(SemanticCode.unknownPragmaFlag, .error,
                           "\(number.description) is not a \(pragma.name) value (\(allowed), or their WBEM_FLAG numbers)", value.range)
                    continue
                }
                flags += named.filter { number.magnitude & $0.bit != 0 }.map(\.name)
                continue
            }
            guard let text = value.stringValue ?? identifier(value) else {
                report(SemanticCode.unknownPragmaFlag, .error, "\(value.displayText) is not a \(pragma.name) value (\(allowed))", value.range)
                continue
            }
            // mofcomp also takes one string listing several flags: "updateonly,forceupdate".
            for part in text.split(separator: ",") {
                let flag = String(part).trimmingSpaces.lowercased()
                if named.contains(where: { $0.name == flag }) {
                    flags.append(flag)
                } else {
                    report(SemanticCode.unknownPragmaFlag, .error, "\"\(String(part).trimmingSpaces)\" is not a \(pragma.name) value (\(allowed))", value.range)
                }
            }
        }
        for (a, b) in [("createonly", "updateonly"), ("safeupdate", "forceupdate")] where flags.contains(a) && flags.contains(b) {
            report(SemanticCode.unknownPragmaFlag, .error, "#pragma \(pragma.name) cannot combine \(a) and \(b)", pragma.range)
        }
        return flags
    }

    func identifier(_ value: ModelValue) -> String? {
        if case .identifier(let s) = value.kind { return s }
        return nil
    }

    // MARK: Qualifier declarations

    mutating func processQualifierDeclaration(_ declaration: ParsedQualifierDeclaration) {
        let type = declaration.typeName.map { MOFDataType(CIMType(typeName: $0), array: declaration.array) }
        var scopes = Set<QualifierScope>()
        for scope in declaration.scopes {
            if let s = QualifierScope(keyword: scope) { scopes.insert(s) } else {
                report(SemanticCode.qualifierScope, .warning, "\"\(scope)\" is not a qualifier scope", declaration.range)
            }
        }
        if declaration.scopes.isEmpty { scopes = [.any] }
        var flavors = QualifierFlavors()
        for bad in flavors.apply(declaration.flavors) {
            report(SemanticCode.badFlavor, .warning, "\"\(bad)\" is not a qualifier flavor", declaration.range)
        }
        if let type, let value = declaration.defaultValue {
            var problems = ValueChecker.check(value, against: type, what: "qualifier \(declaration.name)")
            // A scalar default for an array qualifier is what most compilers accept.
            problems.removeAll { $0.code == SemanticCode.arrayMismatch && $0.strictOnly }
            report(problems)
        }
        if let type, case .embedded(let name) = type.base {
            report(SemanticCode.unknownType, .error, "\"\(name)\" is not a qualifier type", declaration.nameRange)
        }
        let key = declaration.name.lowercased()
        if let existing = model.qualifierDeclarations[key], existing.origin == origin, origin == .compilation,
            let a = existing.type, let b = type, a != b
        {
            report(SemanticCode.conflictingQualifierDeclaration, .warning,
                   "qualifier \(declaration.name) was declared as \(a) before; this declaration makes it \(b)",
                   declaration.nameRange,
                   notes: existing.range.map { [DiagnosticNote(message: "previous declaration", range: $0)] } ?? [])
        }
        var stored = QualifierDeclaration(
            name: declaration.name, type: type, defaultValue: declaration.defaultValue, scopes: scopes,
            flavors: flavors, origin: origin)
        stored.span = declaration.span
        model.qualifierDeclarations[key] = stored
        recentDeclarations.removeAll()
    }

    // MARK: Qualifier lists

    /// Resolves a written qualifier list: declarations, scope, value type, flavors, duplicates.
    mutating func resolveQualifiers(
        _ written: [ParsedQualifier], target: QualifierTarget, isAssociation: Bool = false, isIndication: Bool = false
    ) -> [Qualifier] {
        var result: [Qualifier] = []
        result.reserveCapacity(written.count)
        // Most lists hold one to three qualifiers: scan them; index long lists by folded name.
        let indexed = written.count > 8
        var seen: [String: ModelSpan] = [:]
        for q in written {
            // Folded names only for long lists: most lists are scanned, without building strings.
            let key = indexed ? q.name.lowercased() : ""
            let first = indexed ? seen[key] : result.firstIndex(named: q.name).map { result[$0].span }
            if let first {
                report(SemanticCode.duplicateQualifier, .error, "qualifier \(q.name) is given twice", q.range,
                       notes: [DiagnosticNote(message: "first given here", range: first.range)])
                continue
            }
            if indexed { seen[key] = q.span }
            var flavors = QualifierFlavors()
            if let known = qualifierDeclaration(q.name) {
                // Read from the shared declaration in place: a local copy of it would retain and
                // release its name, default value and scope set for every qualifier written.
                flavors = known.declaration.flavors
                // Only a class's scope depends on its being an association or indication.
                let isClass = target == .class
                let isAssoc = isAssociation || (isClass && q.name.equalsIgnoringCase("association"))
                let isIndic = isIndication || (isClass && q.name.equalsIgnoringCase("indication"))
                if !target.isAllowed(byScopeMask: known.scopeMask, isAssociation: isAssoc, isIndication: isIndic) {
                    let scopes = known.declaration.scopes.map(\.rawValue).sorted().joined(separator: ", ")
                    report(SemanticCode.qualifierScope, strictSeverity(else: .warning),
                           "qualifier \(q.name) is not allowed on a \(target.rawValue) (its scope is \(scopes))", q.range)
                }
                checkQualifierValue(q, declaration: known.declaration)
            } else {
                report(SemanticCode.unknownQualifier, strictSeverity(else: .note),
                       "qualifier \(q.name) is not declared in the compilation or the context", q.range)
                // WMI: an undeclared qualifier does not propagate unless ToSubclass says so.
                flavors.restricted = true
            }
            for bad in flavors.apply(q.flavors) {
                report(SemanticCode.badFlavor, .warning, "\"\(bad)\" is not a qualifier flavor", q.range)
            }
            result.append(Qualifier(name: q.name, value: q.value, flavors: flavors, span: q.span))
        }
        return result
    }

    /// The declaration of qualifier `name`, through a small cache of the names last asked for as
    /// written: a file uses a handful of qualifiers millions of times, and comparing the written
    /// name is cheaper than folding and hashing it each time.
    mutating func qualifierDeclaration(_ name: String) -> KnownQualifier? {
        for entry in recentDeclarations where entry.name == name { return entry.known }
        let known = model.qualifierDeclaration(name).map(KnownQualifier.init)
        if recentDeclarations.count >= 16 { recentDeclarations.removeFirst() }
        recentDeclarations.append((name, known))
        return known
    }

    mutating func checkQualifierValue(_ q: ParsedQualifier, declaration: QualifierDeclaration) {
        guard let type = declaration.type else { return }
        // A hard error when the declaration is the user's own (or a --schema file's); mofcomp has
        // no DMTF declarations, so against the bundled ones it is an error only under --strict.
        // WMI types a qualifier by the value written, not by a declaration ("qualifier types are not
        // explicitly declared"), so mofcomp stores the value whatever the declaration says: a DSP0004
        // error (--strict), a warning by default — against the user's declarations as against the
        // bundled DMTF ones.
        let severity: Severity = strictSeverity(else: .warning)
        guard let value = q.value else {
            if type.base != .boolean && !type.isArray {
                report(SemanticCode.qualifierValueType, strictSeverity(else: .note),
                       "qualifier \(q.name) has type \(type) and needs a value", q.range)
            }
            return
        }
        if ValueChecker.fitsPlainly(value, type) { return }
        let name = q.name
        var problems = ValueChecker.check(value, against: type, what: "qualifier \(name)")
        problems.removeAll { $0.code == SemanticCode.arrayMismatch && $0.strictOnly }
        for p in problems {
            let code = p.code == SemanticCode.valueType ? SemanticCode.qualifierValueType : p.code
            let s: Severity = p.code == SemanticCode.valueType || p.code == SemanticCode.arrayMismatch ? severity : .error
            report(code, s, p.message, p.range)
        }
    }

    // MARK: Classes

    func findClass(_ name: String) -> ClassDefinition? {
        if let found = model.lookupClass(name, in: namespace) { return found }
        // A file without a namespace pragma is compiled into whatever namespace the admin picks
        // (mofcomp -N, the console import): accept the class from any namespace.
        if !namespaceExplicit { return model.classes(named: name).first }
        return nil
    }

    mutating func processClass(_ parsed: ParsedClass) {
        let isAssociation = parsed.qualifiers.contains { $0.name.equalsIgnoringCase("association") && ($0.value?.booleanValue ?? true) }
        let isIndication = parsed.qualifiers.contains { $0.name.equalsIgnoringCase("indication") && ($0.value?.booleanValue ?? true) }
        let qualifiers = resolveQualifiers(parsed.qualifiers, target: .class, isAssociation: isAssociation, isIndication: isIndication)
        currentClass = parsed.name
        // Messages name the class and member through these copies: an autoclosure that named
        // `parsed` or `p` would copy the whole declaration into its context each time it is made.
        let className = parsed.name
        defer { currentClass = nil }

        var superclass: ClassDefinition?
        var chainComplete = true
        if let superName = parsed.superclass {
            superclass = findClass(superName)
            if superclass == nil {
                chainComplete = false
                let elsewhere = model.classes(named: superName).map(\.namespace.description)
                report(SemanticCode.unknownSuperclass, strictSeverity(else: .warning),
                       "superclass \(superName) of \(parsed.name) is not defined in namespace \(namespace) (in the compilation or the context)",
                       parsed.superclassRange ?? parsed.nameRange,
                       notes: elsewhere.isEmpty ? [] : [DiagnosticNote(message: "a class of that name exists in \(elsewhere.joined(separator: ", "))")])
            } else if superclass?.superclassChainComplete == false {
                chainComplete = false
            }
        }

        // Redefinition in file order.
        let existing = model.lookupClass(parsed.name, in: namespace)
        if let existing, !existing.name.hasPrefix("__") {
            let wasDeleted = deleted.contains(namespace.key + "|" + parsed.name.lowercased())
            if existing.origin == .compilation && origin == .compilation && !wasDeleted {
                report(SemanticCode.duplicateClass, strictSeverity(else: .warning),
                       "class \(parsed.name) is defined twice in namespace \(namespace); mofcomp updates the first definition",
                       parsed.nameRange, notes: [DiagnosticNote(message: "first definition", range: existing.nameRange)])
            }
            if classFlags.contains("createonly") {
                report(SemanticCode.redefinitionFails, .error,
                       "class \(parsed.name) already exists and #pragma classflags(\"createonly\") is in effect: the compile fails",
                       parsed.nameRange)
            } else if (existing.superclass?.lowercased() ?? "") != (parsed.superclass?.lowercased() ?? "") {
                report(SemanticCode.redefinitionFails, existing.origin == .compilation ? .error : .warning,
                       "class \(parsed.name) changes its superclass from \(existing.superclass ?? "none") to \(parsed.superclass ?? "none") without a #pragma deleteclass before it; WMI refuses to move a class",
                       parsed.superclassRange ?? parsed.nameRange,
                       notes: [DiagnosticNote(message: "earlier definition", range: existing.nameRange)])
            }
        } else if classFlags.contains("updateonly") && existing == nil && model.classes(named: parsed.name).isEmpty {
            report(SemanticCode.redefinitionFails, .warning,
                   "#pragma classflags(\"updateonly\") is in effect but class \(parsed.name) does not exist yet", parsed.nameRange)
        }

        // Qualifier propagation from the superclass.
        let effective = inherit(local: qualifiers, from: superclass?.effectiveQualifiers ?? [], inheritedFrom: superclass?.name, element: "class \(className)")

        // Properties.
        var properties = superclass?.properties ?? []
        // Without inherited properties the class's properties are its local ones: build one array.
        let inheritsProperties = !properties.isEmpty
        var localProperties: [PropertyDefinition] = []
        localProperties.reserveCapacity(parsed.properties.count)
        // Member names seen so far: scanned in small classes, indexed by folded name in large ones.
        let indexMembers = parsed.properties.count + parsed.methods.count > 24
        var seenMembers: [String: ModelSpan] = [:]
        if indexMembers { seenMembers.reserveCapacity(parsed.properties.count + parsed.methods.count) }
        var seenMemberList: [(name: String, hash: UInt64, span: ModelSpan)] = []
        // In large classes the first lookup of a name also records it (one folded copy per member).
        func earlierMember(_ name: String, _ hash: UInt64, _ span: ModelSpan) -> ModelSpan? {
            if indexMembers {
                let key = name.lowercased()
                if let earlier = seenMembers[key] { return earlier }
                seenMembers[key] = span
                return nil
            }
            // Folded hashes rule out nearly every pair without comparing the names (or copying them).
            for index in seenMemberList.indices {
                let seenHash = seenMemberList[index].hash
                if (seenHash == hash || seenHash == 0 || hash == 0) && seenMemberList[index].name.equalsIgnoringCase(name) {
                    return seenMemberList[index].span
                }
            }
            return nil
        }
        func noteMember(_ name: String, _ hash: UInt64, _ span: ModelSpan) {
            if !indexMembers { seenMemberList.append((name, hash, span)) }
        }
        for p in parsed.properties {
            let nameHash = indexMembers ? 0 : p.name.caseFoldedHash
            if let first = earlierMember(p.name, nameHash, p.nameSpan) {
                report(SemanticCode.duplicateMember, .error, "property \(p.name) is declared twice in class \(parsed.name)", p.nameRange,
                       notes: [DiagnosticNote(message: "first declaration", range: first.range)])
                continue
            }
            noteMember(p.name, nameHash, p.nameSpan)
            let propertyName = p.name
            let type = MOFDataType(resolveType(p.typeName, isReference: p.isReference, span: p.span), array: p.array)
            let propertyQualifiers = resolveQualifiers(p.qualifiers, target: p.isReference ? .reference : .property)
            let inheritedIndex = properties.firstIndex { $0.name.equalsIgnoringCase(p.name) }
            let inheritedQualifiers = inheritedIndex.map { properties[$0].effectiveQualifiers } ?? []
            let effectiveProperty = inherit(local: propertyQualifiers, from: inheritedQualifiers,
                                            inheritedFrom: inheritedIndex.map { properties[$0].classOrigin },
                                            element: "property \(className).\(propertyName)")
            report(ValueChecker.checkApplicability(type: type, qualifiers: effectiveProperty, what: "property \(propertyName)"))
            if let value = p.defaultValue {
                noteAliases(in: value)
                report(ValueChecker.check(value, against: type, what: "property \(propertyName)"))
                report(ValueChecker.checkConstraints(value, type: type, qualifiers: effectiveProperty, what: "property \(propertyName)"))
            }
            let definition = PropertyDefinition(
                name: p.name, type: type, qualifiers: propertyQualifiers, effectiveQualifiers: effectiveProperty,
                defaultValue: p.defaultValue ?? inheritedIndex.flatMap { properties[$0].defaultValue }, span: p.span,
                nameSpan: p.nameSpan, classOrigin: parsed.name)
            if let inheritedIndex { properties[inheritedIndex] = definition } else if inheritsProperties { properties.append(definition) }
            localProperties.append(definition)
        }

        var methods: [MethodDefinition] = []
        for m in parsed.methods {
            let nameHash = indexMembers ? 0 : m.name.caseFoldedHash
            if let first = earlierMember(m.name, nameHash, m.nameSpan) {
                report(SemanticCode.duplicateMember, .error, "\(m.name) is declared twice in class \(parsed.name)", m.nameRange,
                       notes: [DiagnosticNote(message: "first declaration", range: first.range)])
                continue
            }
            noteMember(m.name, nameHash, m.nameSpan)
            let methodQualifiers = resolveQualifiers(m.qualifiers, target: .method)
            var parameters: [ParameterDefinition] = []
            var seenParameters = Set<String>()
            for parameter in m.parameters {
                if !seenParameters.insert(parameter.name.lowercased()).inserted {
                    report(SemanticCode.duplicateMember, .error, "parameter \(parameter.name) is declared twice in method \(m.name)", parameter.range)
                }
                let type = MOFDataType(resolveType(parameter.typeName, isReference: parameter.isReference, span: parameter.span), array: parameter.array)
                let parameterQualifiers = resolveQualifiers(parameter.qualifiers, target: .parameter)
                let parameterName = parameter.name
                report(ValueChecker.checkApplicability(type: type, qualifiers: parameterQualifiers, what: "parameter \(parameterName)"))
                if let value = parameter.defaultValue {
                    report(ValueChecker.check(value, against: type, what: "parameter \(parameterName)"))
                }
                parameters.append(ParameterDefinition(name: parameter.name, type: type, qualifiers: parameterQualifiers, span: parameter.span))
            }
            let returnType = m.returnTypeName.lowercased() == "void"
                ? MOFDataType(.object) : MOFDataType(resolveType(m.returnTypeName, isReference: m.returnsReference, span: m.span))
            methods.append(MethodDefinition(name: m.name, returnType: returnType, qualifiers: methodQualifiers, parameters: parameters, span: m.span))
        }

        if !inheritsProperties { properties = localProperties }  // one shared array
        let definition = ClassDefinition(
            name: parsed.name, namespace: namespace, superclass: parsed.superclass, superclassSpan: parsed.superclassSpan,
            superclassChainComplete: chainComplete, qualifiers: qualifiers, effectiveQualifiers: effective,
            localProperties: localProperties, properties: properties, methods: methods, span: parsed.span,
            nameSpan: parsed.nameSpan, origin: origin, sequence: sequence)
        model.insert(definition)
    }

    /// A type name: a CIM type, or a class (reference target or embedded structure) that must exist.
    mutating func resolveType(_ name: String, isReference: Bool, span: ModelSpan) -> CIMType {
        let type = CIMType(typeName: name, isReference: isReference)
        switch type {
        case .reference(let c), .embedded(let c):
            // A class may refer to itself (`Foo REF Clone()` inside Foo).
            if findClass(c) == nil && c.lowercased() != "object" && c.lowercased() != currentClass?.lowercased() {
                let what = isReference ? "reference target" : "type"
                report(isReference ? SemanticCode.unknownClass : SemanticCode.unknownType, strictSeverity(else: .warning),
                       "\(what) \(c) is not a CIM type or a class defined in the compilation or the context", span.range)
            }
        default: break
        }
        return type
    }

    /// Local qualifiers plus the inherited ones that propagate; reports overrides of DisableOverride.
    /// With `toInstance`, the qualifiers passed are those with flavor ToInstance (class → instance,
    /// class property → instance value) instead of those not Restricted (class → subclass).
    mutating func inherit(
        local: [Qualifier], from inherited: [Qualifier], inheritedFrom: String?, element: @autoclosure () -> String,
        toInstance: Bool = false
    ) -> [Qualifier] {
        var result = local
        for parent in inherited where toInstance ? parent.flavors.toInstance : !parent.flavors.restricted {
            if let mine = local.first(named: parent.name) {
                if parent.flavors.disableOverride && !sameValue(mine, parent) {
                    report(SemanticCode.disableOverride, .error,
                           "\(element()) overrides qualifier \(parent.name), which \(inheritedFrom ?? "its superclass") gives with flavor DisableOverride",
                           mine.range, notes: [DiagnosticNote(message: "inherited from here", range: parent.range)])
                }
                continue
            }
            var copy = parent
            if copy.inheritedFrom == nil { copy.inheritedFrom = inheritedFrom }
            result.append(copy)
        }
        return result
    }

    func sameValue(_ a: Qualifier, _ b: Qualifier) -> Bool {
        if a.value == nil || b.value == nil { return a.isTrue == b.isTrue }
        return a.value?.displayText.lowercased() == b.value?.displayText.lowercased()
    }

    mutating func noteAliases(in value: ModelValue) {
        switch value.kind {
        case .alias(let a): aliasReferences.append((a, value.span))
        case .array(let items): items.forEach { noteAliases(in: $0) }
        default: break
        }
    }

    // MARK: Instances

    mutating func processInstance(_ parsed: ParsedInstance) {
        let qualifiers = resolveQualifiers(parsed.qualifiers, target: .instance)
        if let alias = parsed.alias {
            let key = alias.lowercased()
            if let previous = model.aliases[key], model.instances[previous].origin == origin {
                report(SemanticCode.duplicateAlias, .error, "alias $\(alias) is already defined", parsed.aliasRange ?? parsed.range,
                       notes: [DiagnosticNote(message: "first defined here", range: model.instances[previous].range)])
            } else {
                model.aliases[key] = model.instances.count
            }
        }
        // Qualifiers with flavor ToInstance pass from the class (and, through ToSubclass, from its
        // superclasses: they are in its effective qualifiers) to the instance.
        let definition = findClass(parsed.className)
        let effective = definition.map {
            inherit(local: qualifiers, from: $0.effectiveQualifiers, inheritedFrom: $0.name,
                    element: "instance of \(parsed.className)", toInstance: true)
        } ?? qualifiers
        let values = checkInstanceBody(parsed, definition: definition, isDynProps: effective.isSet("dynprops"), embedded: false)
        let instance = InstanceDefinition(
            className: parsed.className, classNameSpan: parsed.classNameSpan, namespace: namespace, alias: parsed.alias,
            qualifiers: qualifiers, effectiveQualifiers: effective, values: values, span: parsed.span, origin: origin, sequence: sequence)
        if let definition { applyInstanceFlags(instance, of: definition) }
        model.instances.append(instance)
    }

    /// `#pragma instanceflags` in file order. An instance is identified by its class and key
    /// values; one the compilation already created exists for certain, any other may or may not
    /// exist on the client.
    mutating func applyInstanceFlags(_ instance: InstanceDefinition, of definition: ClassDefinition) {
        guard origin == .compilation, let identity = instanceIdentity(instance, of: definition) else { return }
        let earlier = instanceIdentities[identity]
        if earlier == nil { instanceIdentities[identity] = instance.span }
        if instanceFlags.contains("createonly"), let earlier {
            report(SemanticCode.instanceFlagsFail, .error,
                   "#pragma instanceflags(\"createonly\") is in effect but this instance of \(definition.name) already exists (same key values): the compile fails",
                   instance.classNameRange, notes: [DiagnosticNote(message: "created here", range: earlier.range)])
        } else if instanceFlags.contains("updateonly"), earlier == nil,
            deleted.contains(instance.namespace.key + "|" + definition.name.lowercased())
        {
            // Deleting a class deletes its instances: this one cannot be on the client either.
            report(SemanticCode.instanceFlagsFail, .error,
                   "#pragma instanceflags(\"updateonly\") is in effect but no instance of \(definition.name) can exist: #pragma deleteclass removed the class and its instances, and no earlier instance has these key values",
                   instance.classNameRange)
        } else if instanceFlags.contains("updateonly"), earlier == nil {
            report(SemanticCode.instanceFlagsFail, strictSeverity(else: .warning),
                   "#pragma instanceflags(\"updateonly\") is in effect but no earlier instance of \(definition.name) has these key values; the compile fails unless the client's repository holds it",
                   instance.classNameRange)
        }
    }

    /// `namespace|class|key=value|…` (keys in name order), or `nil` when a key value is missing.
    func instanceIdentity(_ instance: InstanceDefinition, of definition: ClassDefinition) -> String? {
        let keys = definition.keyProperties
        guard !keys.isEmpty || definition.effectiveQualifiers.isSet("singleton") else { return nil }
        var identity = instance.namespace.key + "|" + definition.name.lowercased()
        for key in keys.sorted(by: { $0.name.lowercased() < $1.name.lowercased() }) {
            guard let value = instance.value(named: key.name)?.value ?? key.defaultValue, !value.isNull else { return nil }
            identity += "|" + key.name.lowercased() + "=" + value.displayText
        }
        return identity
    }

    /// Checks an instance's class, property values and keys; embedded instances recursively.
    mutating func checkInstanceBody(
        _ parsed: ParsedInstance, definition: ClassDefinition?, isDynProps: Bool, embedded: Bool
    ) -> [PropertyValueAssignment] {
        // One finding per unknown class, not one per instance (exported collections hold hundreds).
        if definition == nil, reportedUnknownClasses.insert(namespace.key + "|" + parsed.className.lowercased()).inserted {
            report(SemanticCode.unknownClass, strictSeverity(else: .warning),
                   "class \(parsed.className) is not defined in namespace \(namespace) (in the compilation or the context)",
                   parsed.classNameRange)
        }
        // Bundled system classes list only the properties mofkit needs: do not judge the rest.
        let propertiesKnown = definition.map { $0.superclassChainComplete && $0.origin != .bundled } ?? false
        var values: [PropertyValueAssignment] = []
        var seen: [String: ModelSpan] = [:]
        for v in parsed.values {
            let key = v.name.lowercased()
            if let first = seen[key] {
                // mofcomp and OpenPegasus keep the last value; DSP0004 compilers reject it.
                report(SemanticCode.duplicateMember, strictSeverity(else: .warning), "property \(v.name) is given twice", v.nameRange,
                       notes: [DiagnosticNote(message: "first given here", range: first.range)])
                continue
            }
            seen[key] = v.nameSpan
            let valueQualifiers = resolveQualifiers(v.qualifiers, target: .propertyValue)
            var effectiveValueQualifiers = valueQualifiers
            if let definition {
                if let property = definition.property(named: v.name) {
                    effectiveValueQualifiers = inherit(
                        local: valueQualifiers, from: property.effectiveQualifiers, inheritedFrom: property.classOrigin,
                        element: "value of \(definition.name).\(property.name)", toInstance: true)
                    if let value = v.value {
                        let what = "property \(property.name)"
                        report(ValueChecker.check(value, against: property.type, what: what))
                        // Providers, not compilers, enforce constraints on instance values: warn unless --strict.
                        report(ValueChecker.checkConstraints(value, type: property.type, qualifiers: property.effectiveQualifiers, what: what)
                            .map { var p = $0; p.strictOnly = true; return p })
                    }
                } else if propertiesKnown {
                    report(SemanticCode.unknownProperty, embedded ? strictSeverity(else: .warning) : .error, "class \(definition.name) has no property \(v.name)", v.nameRange)
                } else if definition.origin != .bundled {
                    report(SemanticCode.unknownProperty, strictSeverity(else: .warning),
                           "property \(v.name) is not declared in \(definition.name) or the part of its superclass chain mofkit can see",
                           v.nameRange)
                }
            }
            if let value = v.value {
                noteAliases(in: value)
                checkEmbedded(value)
            }
            values.append(PropertyValueAssignment(
                name: v.name, value: v.value, qualifiers: valueQualifiers, effectiveQualifiers: effectiveValueQualifiers,
                span: v.span, nameSpan: v.nameSpan))
        }
        if let definition, propertiesKnown, !embedded, !definition.effectiveQualifiers.isSet("abstract") {
            let missing = definition.keyProperties.filter { key in
                let given = values.first { $0.name.equalsIgnoringCase(key.name) }
                if let given { return given.value?.isNull ?? !isDynProps }
                return key.defaultValue == nil || key.defaultValue?.isNull == true
            }
            if !missing.isEmpty {
                // WMI refuses the instance when it stores it; the compiler itself (and OMI) let it pass.
                report(SemanticCode.missingKeyValue, strictSeverity(else: .warning),
                       "instance of \(definition.name) gives no value for key \(missing.count == 1 ? "property" : "properties") \(missing.map(\.name).joined(separator: ", "))",
                       parsed.classNameRange)
            }
        }
        return values
    }

    mutating func checkEmbedded(_ value: ModelValue) {
        switch value.kind {
        case .instance(let inner):
            _ = resolveQualifiers(inner.qualifiers, target: .instance)
            _ = checkInstanceBody(inner, definition: findClass(inner.className), isDynProps: false, embedded: true)
        case .array(let items):
            items.forEach { checkEmbedded($0) }
        default: break
        }
    }
}

extension String {
    /// Control characters shown as escapes, for messages.
    var escapedForMessage: String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += "\\x" + String(scalar.value, radix: 16) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
