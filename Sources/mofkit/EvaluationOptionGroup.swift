import Applicability
import ArgumentParser

/// The evaluation options `mofkit eval` and `mofkit scan` share: string case, missing versions and
/// `--products`.
struct EvaluationOptionGroup: ParsableArguments {
    @Flag(help: "Compare registry strings respecting case (default: ignore case).")
    var caseSensitiveStrings = false

    @Flag(help: "RegSzToVersion reads a missing value as version 0.0.0.0 (default: the rule is false).")
    var missingVersionIsZero = false

    @Option(name: .customLong("products"), help: "A JSON product detection table merged into the bundled one (mssecure; Docs/evaluation.md).")
    var productTable: String?

    /// The options these flags ask for, with the `--products` table merged into the bundled one.
    /// An unreadable or invalid table is reported on standard error and exits with status 2.
    func evaluationOptions() throws -> EvaluationOptions {
        var products: ProductTable?
        if let path = productTable {
            switch ProductTable.builtIn(mergingFile: path) {
            case .success(let table): products = table
            case .failure(let error):
                Output.error("\(EvalCode.productTableUnreadable.rawValue): product table \(error.message)")
                throw ExitCode(2)
            }
        }
        return EvaluationOptions(caseSensitiveStrings: caseSensitiveStrings, missingVersionIsZero: missingVersionIsZero, products: products)
    }
}
