import ArgumentParser
import DiagnosticRendering
import MOFSyntax
import MofkitSource

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `mofkit format FILE [--check] [-i]`: print, check or rewrite MOF files in the canonical layout.
///
/// Only whitespace and line breaks change (see `Docs/formatting.md`); the file keeps its encoding and
/// dominant line ending. Files with syntax errors are not formatted: their diagnostics go to standard
/// error and the exit status is 1.
struct FormatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "format",
        abstract: "Format MOF files.",
        discussion: """
            Prints the formatted file to standard output (in the file's own encoding). With --check, \
            prints nothing and exits 1 naming each file that is not formatted; with -i, rewrites files \
            in place when formatting changes them. Files with syntax errors are not formatted: their \
            errors go to standard error. Exit status: 0 success, 1 syntax errors (or, with --check, \
            files that need formatting), 2 usage error or a file that cannot be read.
            """)

    @Argument(help: "MOF files to format; '-' reads standard input (not with -i).")
    var files: [String]

    @Flag(help: "Only check: exit 1 and name each file that formatting would change.")
    var check = false

    @Flag(name: [.customShort("i"), .customLong("in-place")], help: "Rewrite the files in place.")
    var inPlace = false

    @OptionGroup var color: ColorOption

    @OptionGroup var encoding: EncodingOption

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give a file to format ('-' for standard input).") }
        if check && inPlace { throw ValidationError("--check and -i cannot be used together.") }
        if inPlace && files.contains("-") { throw ValidationError("-i cannot rewrite standard input.") }
        if !check && !inPlace && files.count > 1 {
            throw ValidationError("Formatting to standard output takes one file; use --check or -i for several.")
        }
    }

    func run() throws {
        var unreadable = false
        var failed = false
        for path in files {
            switch formatOne(path) {
            case .unchanged, .rewritten: break
            case .needsFormatting, .syntaxErrors: failed = true
            case .unreadable: unreadable = true
            }
        }
        if unreadable { throw ExitCode(2) }
        if failed { throw ExitCode(1) }
    }

    enum Outcome { case unchanged, rewritten, needsFormatting, syntaxErrors, unreadable }

    func formatOne(_ path: String) -> Outcome {
        let source: SourceFile
        do {
            source = try SourceFile.read(path: path, encoding: encoding.encoding)
        } catch {
            Output.error("cannot read '\(error.path)': \(error.reason)")
            return .unreadable
        }
        let tree = MOFParser.parse(source)
        var seen = Set<Diagnostic>()
        let diagnostics = (source.decodingDiagnostics + tree.diagnostics).filter { seen.insert($0).inserted }
        if diagnostics.contains(where: { $0.severity == .error }) {
            let renderer = TextDiagnosticRenderer(useColor: color.wanted(descriptor: 2))
            Output.standardError(renderer.render(diagnostics, sources: [source.path: source]))
            Output.error("'\(source.path)' has syntax errors; not formatted")
            return .syntaxErrors
        }
        let formatted = MOFFormatter.format(tree)
        let changed = formatted != source.text
        if check {
            if changed { Output.standardError("\(source.path): needs formatting\n") }
            return changed ? .needsFormatting : .unchanged
        }
        let bytes = source.encode(formatted)
        if inPlace {
            guard changed else { return .unchanged }
            do {
                try FileWriter.write(bytes, to: path, sync: true)
            } catch {
                Output.error("cannot write '\(path)': \(error.reason)")
                return .unreadable
            }
            return .rewritten
        }
        Output.standardOutput(bytes)
        return changed ? .rewritten : .unchanged
    }
}
