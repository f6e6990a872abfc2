import ArgumentParser
import MofkitSource

/// `mofkit explain CODE`: what a diagnostic code means, with a wrong and a right example.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a diagnostic code, e.g. 'mofkit explain MOF0001'.")

    @Argument(help: "A diagnostic code such as MOF0001 (case does not matter).")
    var code: String?

    @Flag(help: "List every code with its title.")
    var list = false

    func validate() throws {
        if list && code != nil { throw ValidationError("Give either a code or --list, not both.") }
        if !list && code == nil { throw ValidationError("Give a diagnostic code, or --list to see them all.") }
    }

    func run() throws {
        if list {
            let sorted = DiagnosticRegistry.allDescriptors.sorted { $0.code < $1.code }
            Output.standardOutput(sorted.map { "\($0.code.rawValue)  \($0.title)\n" }.joined())
            return
        }
        let code = code ?? ""
        guard let descriptor = DiagnosticRegistry.descriptor(for: code) else {
            var message = "unknown diagnostic code '\(code)'.\n"
            let near = DiagnosticRegistry.suggestions(for: code).prefix(5)
            if !near.isEmpty {
                message += "Did you mean:\n" + near.map { "  \($0.code.rawValue)  \($0.title)\n" }.joined()
            }
            message += "Run 'mofkit explain --list' to see every code.\n"
            Output.standardError("mofkit: error: " + message)
            throw ExitCode(2)
        }
        Output.standardOutput(ExplainCommand.text(descriptor))
    }

    static func text(_ descriptor: DiagnosticDescriptor) -> String {
        func indented(_ example: String) -> String {
            example.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        }
        return """
            \(descriptor.code.rawValue): \(descriptor.title)
            Default severity: \(descriptor.defaultSeverity.rawValue)

            \(descriptor.explanation)

            Wrong:
            \(indented(descriptor.wrongExample))

            Right:
            \(indented(descriptor.rightExample))

            """
    }
}
