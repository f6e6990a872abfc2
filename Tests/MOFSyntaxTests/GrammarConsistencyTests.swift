import Foundation
import MOFSyntax
import Testing

/// `Grammars/mof.ebnf` names every node kind the parser builds.
@Suite struct GrammarConsistencyTests {
    @Test func everyNodeKindIsAGrammarRule() throws {
        let grammar = try String(contentsOfFile: TestSupport.packageRoot + "/Grammars/mof.ebnf", encoding: .utf8)
        let defined = Set(grammar.split(separator: "\n").compactMap { line -> String? in
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            return name.allSatisfy { $0.isLetter || $0.isNumber } && !name.isEmpty ? name : nil
        })
        for kind in SyntaxKind.allCases where !kind.isRecoveryNode {
            #expect(defined.contains(kind.grammarName), "no rule '\(kind.grammarName) =' in mof.ebnf")
        }
        #expect(grammar.contains("(* MS *)"))
    }
}
