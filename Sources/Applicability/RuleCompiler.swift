import MachineState
import MofkitSource
import UpdateCatalog

/// Choices where the rule schemas are silent (see `Docs/evaluation.md`).
public struct EvaluationOptions: Sendable, Hashable {
    /// `RegSz`/`RegExpandSz`/`WUv4…` string comparisons respect case (default: ignore case, as
    /// Windows does for most names; the schemas do not say).
    public var caseSensitiveStrings: Bool
    /// `RegSzToVersion` reads a missing value as version 0.0.0.0 (one WSUS publishing guide's claim)
    /// instead of `false` (the default, as for the other registry rules).
    public var missingVersionIsZero: Bool
    /// How mssecure products and service packs are recognised on a machine; nil is the bundled table
    /// (``ProductTable/builtIn``, read only when an mssecure catalog is compiled); `mofkit eval
    /// --products FILE` merges a user's table into it.
    public var products: ProductTable?

    /// Options; the defaults are those of `mofkit eval` (see `Docs/evaluation.md`).
    public init(caseSensitiveStrings: Bool = false, missingVersionIsZero: Bool = false, products: ProductTable? = nil) {
        self.caseSensitiveStrings = caseSensitiveStrings
        self.missingVersionIsZero = missingVersionIsZero
        self.products = products
    }
}

/// What a rule can refer to beyond itself: the metadata of its update or installable item, and the
/// update's KB numbers (for `InstalledOnce`).
struct CompileScope {
    var metadata: ApplicabilityRule?
    var kbArticles: [String] = []
}

/// Turns rule trees into a ``RuleProgram``.
struct RuleCompiler {
    var program = RuleProgram()
    let options: EvaluationOptions
    /// Rule display names that have no evaluator (counted for reports).
    var unsupported: [String: Int] = [:]

    init(options: EvaluationOptions) { self.options = options }

    static func joinKey(_ base: String, _ subkey: String) -> String {
        var sub = Substring(subkey)
        while sub.first == "\\" { sub = sub.dropFirst() }
        while sub.last == "\\" { sub = sub.dropLast() }
        if sub.isEmpty { return base }
        return base + "\\" + sub
    }

    mutating func compile(_ rule: ApplicabilityRule, scope: CompileScope, inLoop: Bool = false) -> Int32 {
        guard let kind = rule.kind else {
            unsupported[rule.displayName, default: 0] += 1
            return program.add(.constant(.unknown, name: "\(rule.displayName): rule not known to mofkit"))
        }
        switch kind {
        case .true: return program.add(.constant(.true, name: "lar:True"))
        case .false: return program.add(.constant(.false, name: "lar:False"))
        case .and, .or:
            let children = rule.children.map { compile($0, scope: scope, inLoop: inLoop) }
            if children.isEmpty {
                return program.add(.constant(.unknown, name: "\(rule.displayName): no child rules (the schema requires one)"))
            }
            return program.add(kind == .and ? .and(children) : .or(children))
        case .not:
            guard rule.children.count == 1, let only = rule.children.first else {
                return program.add(.constant(.unknown, name: "lar:Not: needs exactly one child rule, has \(rule.children.count)"))
            }
            return program.add(.not(compile(only, scope: scope, inLoop: inLoop)))
        case .regKeyLoop:
            guard case .registryKey(let key)? = rule.value(.key), case .text(let subkey)? = rule.value(.subkey),
                case .loopLogic(let logic)? = rule.value(.trueIf), rule.children.count == 1, let only = rule.children.first
            else {
                return program.add(.constant(.unknown, name: "bar:RegKeyLoop: Key, Subkey, TrueIf and one child rule are required"))
            }
            let child = compile(only, scope: scope, inLoop: true)
            let loop = LoopNode(
                hive: key.rawValue, subkey: subkey, view: Self.view(rule), logic: logic, child: child,
                summary: RuleLeaves.summary(rule))
            return program.add(.loop(loop))
        default:
            let key = RuleLeaves.internKey(rule, scope: scope)
            if let existing = program.leafIndex[key] {
                return program.add(.leaf(existing, cached: !inLoop))
            }
            let leaf = RuleLeaves.make(rule, kind: kind, scope: scope, options: options)
            if leaf.unsupported { unsupported[rule.displayName, default: 0] += 1 }
            program.leaves.append(leaf.leaf)
            let index = Int32(program.leaves.count - 1)
            program.leafIndex[key] = index
            return program.add(.leaf(index, cached: !inLoop))
        }
    }

    static func view(_ rule: ApplicabilityRule) -> RegistryView {
        rule.registryView
    }
}
