import MachineState
import MofkitSource
import UpdateCatalog

/// What a leaf rule saw while it was evaluated, for traces and `unknown` reasons.
public struct LeafContext {
    /// The registry key a `RegKeyLoop` is visiting (a view path), for `HKEY_LOOP_TARGET` rules.
    public var loopTarget: String?
    /// Whether a trace is being written (leaves then describe what they saw in ``observed``).
    public let tracing: Bool
    /// What the rule saw (set when tracing, and always for `unknown`).
    public var observed: String?

    init(loopTarget: String?, tracing: Bool) {
        self.loopTarget = loopTarget
        self.tracing = tracing
    }

    /// Records what was seen when tracing; `text` is only built then.
    @inline(__always)
    mutating func saw(_ text: @autoclosure () -> String) {
        if tracing { observed = text() }
    }

    /// An `unknown` answer with its reason (always recorded: the report names the missing data).
    mutating func unknown(_ reason: String) -> Truth {
        observed = reason
        return .unknown
    }
}

/// A compiled leaf rule: its display form and the function that answers it for a machine.
struct CompiledLeaf: Sendable {
    var name: String
    var summary: String
    var evaluate: @Sendable (MachineView, inout LeafContext) -> Truth
}

/// One node of the flat rule program.
enum RuleNode: Sendable {
    case constant(Truth, name: String)
    case and([Int32])
    case or([Int32])
    case not(Int32)
    /// A leaf; `cached` leaves are answered once per machine (they do not depend on a loop target).
    case leaf(Int32, cached: Bool)
    case loop(LoopNode)
}

struct LoopNode: Sendable {
    var hive: String
    var subkey: String
    var view: RegistryView
    var logic: LoopLogic
    var child: Int32
    var summary: String
}

/// Every rule of a catalog compiled into one flat program: logical nodes referencing children by
/// index, leaves shared between identical rules (the HP catalog's 1,829 copies of one WMI query are one
/// leaf, answered once per machine).
public struct RuleProgram: Sendable {
    var nodes: [RuleNode] = []
    /// The same nodes without payload references, for the hot evaluation loop (no retain/release per visit).
    var flat: [FlatNode] = []
    /// Children of And/Or nodes, referenced by `FlatNode.start`/`count`.
    var childPool: [Int32] = []
    var leaves: [CompiledLeaf] = []
    /// Leaf key → leaf index (interning).
    var leafIndex: [RuleLeaves.LeafKey: Int32] = [:]

    /// Number of distinct leaf rules.
    public var leafCount: Int { leaves.count }
    /// Number of program nodes.
    public var nodeCount: Int { nodes.count }

    mutating func add(_ node: RuleNode) -> Int32 {
        nodes.append(node)
        var f = FlatNode(kind: .constant, truth: .unknown, index: 0, start: 0, count: 0)
        switch node {
        case .constant(let truth, _): f.truth = truth
        case .and(let children), .or(let children):
            if case .and = node { f.kind = .and } else { f.kind = .or }
            f.start = Int32(childPool.count)
            f.count = Int32(children.count)
            childPool += children
        case .not(let child):
            f.kind = .not
            f.index = child
        case .leaf(let leaf, let cached):
            f.kind = cached ? .leaf : .uncachedLeaf
            f.index = leaf
        case .loop:
            f.kind = .loop
        }
        flat.append(f)
        return Int32(nodes.count - 1)
    }
}

enum FlatKind: UInt8, Sendable { case constant, and, or, not, leaf, uncachedLeaf, loop }

struct FlatNode: Sendable {
    var kind: FlatKind
    var truth: Truth
    var index: Int32
    var start: Int32
    var count: Int32
}

/// One line of an evaluation trace.
public struct TraceLine: Sendable, Hashable {
    /// Nesting depth in the rule tree (0 for a rule holder's root).
    public var depth: Int
    /// The rule (`bar:FileVersion`) and its attributes.
    public var rule: String
    /// What the rule saw on the machine, when it is a leaf.
    public var observed: String?
    /// The rule's answer.
    public var result: Truth
    /// True for the rule whose result decided its parent (the first `false` of an `And`, …).
    public var decisive: Bool
    /// Children not evaluated because an earlier one decided (short-circuit).
    public var skipped: Int
}

/// The evaluation state of one machine: the leaf answers found so far and why unknown ones are.
public struct MachineEvaluation {
    /// The machine evaluated.
    public let view: MachineView
    let program: RuleProgram
    var memo: [Truth?]
    var reasons: [Int32: String] = [:]
    /// Rule nodes evaluated (logical and leaf, including answers reused from the memo).
    public internal(set) var ruleEvaluations = 0
    /// Leaf rules actually computed.
    public internal(set) var leafComputations = 0

    init(program: RuleProgram, view: MachineView) {
        self.program = program
        self.view = view
        memo = Array(repeating: nil, count: program.leaves.count)
    }

    /// Evaluates a node; And/Or short-circuit, three-valued.
    mutating func evaluate(_ node: Int32, loopTarget: String? = nil) -> Truth {
        ruleEvaluations += 1
        let f = program.flat[Int(node)]
        switch f.kind {
        case .constant:
            return f.truth
        case .and, .or:
            let dominant: Truth = f.kind == .and ? .false : .true
            var sawUnknown = false
            var i = Int(f.start)
            let end = i + Int(f.count)
            while i < end {
                let value = evaluate(program.childPool[i], loopTarget: loopTarget)
                if value == dominant { return dominant }
                if value == .unknown { sawUnknown = true }
                i += 1
            }
            return sawUnknown ? .unknown : (f.kind == .and ? .true : .false)
        case .not:
            return !evaluate(f.index, loopTarget: loopTarget)
        case .leaf, .uncachedLeaf:
            let leaf = f.index
            let cached = f.kind == .leaf
            if cached, let known = memo[Int(leaf)] { return known }
            leafComputations += 1
            var context = LeafContext(loopTarget: loopTarget, tracing: false)
            let result = program.leaves[Int(leaf)].evaluate(view, &context)
            if cached { memo[Int(leaf)] = result }
            if result == .unknown { reasons[leaf] = context.observed ?? "unknown" }
            return result
        case .loop:
            guard case .loop(let loop) = program.nodes[Int(node)] else { return .unknown }  // input-unreachable: flat and nodes agree
            return evaluateLoop(loop, loopTarget: loopTarget, trace: nil, depth: 0)
        }
    }

    private mutating func loopSubkeys(_ loop: LoopNode, loopTarget: String?) -> [String]? {
        let base: String
        if loop.hive == UpdateCatalog.RegistryKey.loopTarget.rawValue {
            guard let loopTarget else { return nil }
            base = RuleCompiler.joinKey(loopTarget, loop.subkey)
        } else {
            base = RuleCompiler.joinKey(loop.hive, loop.subkey)
        }
        return view.snapshot.registrySubkeys(of: base, view: loop.view).map { RuleCompiler.joinKey(base, $0) }
    }

    private mutating func evaluateLoop(_ loop: LoopNode, loopTarget: String?, trace: UnsafeMutablePointer<[TraceLine]>?, depth: Int) -> Truth {
        if view.snapshot.registry.isEmpty { return .unknown }
        guard let targets = loopSubkeys(loop, loopTarget: loopTarget) else { return .unknown }
        var sawUnknown = false
        for target in targets {
            let result = trace.map { evaluateTraced(loop.child, loopTarget: target, depth: depth, into: $0) }
                ?? evaluate(loop.child, loopTarget: target)
            switch (loop.logic, result) {
            case (.any, .true): return .true
            case (.all, .false): return .false
            case (.none, .true): return .false
            case (_, .unknown): sawUnknown = true
            default: break
            }
        }
        if sawUnknown { return .unknown }
        switch loop.logic {
        case .any: return .false
        case .all, .none: return .true
        }
    }

    /// Evaluates a node and appends one trace line per rule visited.
    mutating func evaluateTraced(_ node: Int32, loopTarget: String? = nil, depth: Int, into lines: UnsafeMutablePointer<[TraceLine]>) -> Truth {
        let lineIndex = lines.pointee.count
        lines.pointee.append(TraceLine(depth: depth, rule: describe(node), observed: nil, result: .unknown, decisive: false, skipped: 0))
        var result: Truth
        switch program.nodes[Int(node)] {
        case .constant(let truth, _):
            result = truth
        case .and(let children), .or(let children):
            let isAnd: Bool
            if case .and = program.nodes[Int(node)] { isAnd = true } else { isAnd = false }
            let dominant: Truth = isAnd ? .false : .true
            var sawUnknown = false
            var decided = false
            var firstUnknownLine: Int?
            for (i, child) in children.enumerated() {
                let childLine = lines.pointee.count
                let value = evaluateTraced(child, loopTarget: loopTarget, depth: depth + 1, into: lines)
                if value == dominant {
                    lines.pointee[childLine].decisive = true
                    lines.pointee[lineIndex].skipped = children.count - i - 1
                    decided = true
                    break
                }
                if value == .unknown {
                    sawUnknown = true
                    if firstUnknownLine == nil { firstUnknownLine = childLine }
                }
            }
            if decided {
                result = dominant
            } else if sawUnknown {
                result = .unknown
                if let firstUnknownLine { lines.pointee[firstUnknownLine].decisive = true }
            } else {
                result = isAnd ? .true : .false
            }
        case .not(let child):
            let childLine = lines.pointee.count
            result = !evaluateTraced(child, loopTarget: loopTarget, depth: depth + 1, into: lines)
            lines.pointee[childLine].decisive = true
        case .leaf(let leaf, _):
            var context = LeafContext(loopTarget: loopTarget, tracing: true)
            result = program.leaves[Int(leaf)].evaluate(view, &context)
            lines.pointee[lineIndex].observed = context.observed
        case .loop(let loop):
            let targets = loopSubkeys(loop, loopTarget: loopTarget)
            lines.pointee[lineIndex].observed = targets.map { "\($0.count) subkey(s)" } ?? "no loop target"
            result = evaluateLoop(loop, loopTarget: loopTarget, trace: lines, depth: depth + 1)
        }
        lines.pointee[lineIndex].result = result
        return result
    }

    /// The reason a node is unknown: the first unknown leaf below it.
    func unknownReason(_ node: Int32) -> String? {
        switch program.nodes[Int(node)] {
        case .constant(let truth, let name): return truth == .unknown ? name : nil
        case .and(let children), .or(let children):
            for child in children { if let reason = unknownReason(child) { return reason } }
            return nil
        case .not(let child): return unknownReason(child)
        case .leaf(let leaf, _):
            guard let reason = reasons[leaf] else { return nil }
            return "\(program.leaves[Int(leaf)].name): \(reason)"
        case .loop(let loop):
            if view.snapshot.registry.isEmpty { return "bar:RegKeyLoop: the snapshot has no registry data" }
            return unknownReason(loop.child)
        }
    }

    func describe(_ node: Int32) -> String {
        switch program.nodes[Int(node)] {
        case .constant(_, let name): return name
        case .and: return "lar:And"
        case .or: return "lar:Or"
        case .not: return "lar:Not"
        case .leaf(let leaf, _):
            let compiled = program.leaves[Int(leaf)]
            return compiled.summary.isEmpty ? compiled.name : "\(compiled.name) \(compiled.summary)"
        case .loop(let loop): return "bar:RegKeyLoop \(loop.summary)"
        }
    }
}
