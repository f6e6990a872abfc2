import Applicability
import CollectionQueries
import FleetDatabase
import InventoryCollection
import InventoryRules
import MachineState
import MOFModel
import MOFSyntax
import MofkitSource
import RegistryExport
import UpdateCatalog

/// Every diagnostic code mofkit can emit, with its explanation: what `mofkit explain` prints and
/// what SARIF output lists as rules.
enum DiagnosticRegistry {
    /// The code set of every module that emits diagnostics: a new module adds its set here.
    static let codeSets: [any DiagnosticCodeSet.Type] = [
        SourceCode.self,
        CatalogCode.self,
        SyntaxCode.self,
        SemanticCode.self,
        RegCode.self,
        SnapshotCode.self,
        InventoryCode.self,
        EvalCode.self,
        CollectionCode.self,
        FleetCode.self,
    ]

    /// One list for the whole tool.
    static let allDescriptors: [DiagnosticDescriptor] = codeSets.flatMap { $0.descriptors }

    /// The descriptor of `code`, ignoring case (`mof1003` finds `MOF1003`).
    static func descriptor(for code: String) -> DiagnosticDescriptor? {
        let wanted = code.uppercased()
        return allDescriptors.first { $0.code.rawValue.uppercased() == wanted }
    }

    /// Known codes close to `code`: one or two edits away, or with the same numeric part.
    static func suggestions(for code: String) -> [DiagnosticDescriptor] {
        let wanted = Array(code.uppercased())
        let digits = wanted.filter(\.isNumber)
        return allDescriptors.filter { descriptor in
            let candidate = Array(descriptor.code.rawValue.uppercased())
            if !digits.isEmpty && candidate.filter(\.isNumber) == digits { return true }
            return EditDistance.between(wanted, candidate) <= 2
        }.sorted { $0.code < $1.code }
    }
}
