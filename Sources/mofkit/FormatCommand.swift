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

    @Option(help: "Colour diagnostics: auto (on a terminal without NO_COLOR), always or never.")
    var color: ColorChoice = .auto

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
            let renderer = TextDiagnosticRenderer(useColor: Output.wantsColor(color, descriptor: 2))
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
                try FileReplacement.replace(path: path, with: bytes)
            } catch {
                Output.error("cannot write '\(path)': \(error.reason)")
                return .unreadable
            }
            return .rewritten
        }
        FileReplacement.writeStandardOutput(bytes)
        return changed ? .rewritten : .unchanged
    }
}

/// Writing files back: a temporary file next to the target, then `rename`, so a reader never sees a
/// half-written file and a failure leaves the original untouched.
enum FileReplacement {
    struct WriteError: Error {
        var reason: String
    }

    static func replace(path: String, with bytes: [UInt8]) throws(WriteError) {
        // Through a symbolic link, replace the file it points to rather than the link.
        var path = path
        if let resolved = realpath(path, nil) {
            path = String(cString: resolved)
            free(resolved)
        }
        var information = stat()
        guard stat(path, &information) == 0 else { throw WriteError(reason: lastError()) }
        let temporary = path + ".mofkit-format-\(getpid()).tmp"
        // Keep the file's permission bits.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, information.st_mode & 0o7777)
        guard descriptor >= 0 else { throw WriteError(reason: lastError()) }
        let written = writeAll(bytes, to: descriptor)
        let synced = written && fsync(descriptor) == 0
        let reason = lastError()
        if close(descriptor) != 0 || !synced {
            unlink(temporary)
            throw WriteError(reason: synced ? lastError() : reason)
        }
        guard rename(temporary, path) == 0 else {
            let reason = lastError()
            unlink(temporary)
            throw WriteError(reason: reason)
        }
    }

    static func writeStandardOutput(_ bytes: [UInt8]) {
        _ = writeAll(bytes, to: 1)
    }

    /// Writes every byte, retrying on interruption; false on an error.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return true }
            var done = 0
            while done < buffer.count {
                let n = write(descriptor, base + done, buffer.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}
