import ArgumentParser
import DiagnosticRendering
import MofkitSource

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where subcommands write: whole strings to standard output or standard error, unbuffered by us.
enum Output {
    static func standardOutput(_ text: String) { writeAll(text, to: 1) }
    static func standardError(_ text: String) { writeAll(text, to: 2) }

    /// Ends the process now with `status`, without unwinding (nothing is freed on the way out).
    /// Everything is written with `write(2)` above, so no buffered output is lost.
    static func exitNow(status: Int32) -> Never { exit(status) }

    /// A one-line `mofkit: error: …` message on standard error.
    static func error(_ message: String) { standardError("mofkit: error: \(message)\n") }

    static func standardOutput(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { writeAll($0, to: 1) } }

    private static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { writeAll($0, to: descriptor) }
    }

    private static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
        var written = 0
        while written < buffer.count {
            let n = write(descriptor, buffer.baseAddress! + written, buffer.count - written)  // input-unreachable: count > 0
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }  // a closed pipe: nothing more can be written
            written += n
        }
    }

    /// Colour only on a terminal and only when `NO_COLOR` is unset (https://no-color.org).
    static func wantsColor(_ choice: ColorChoice, descriptor: Int32 = 1) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            if let value = getenv("NO_COLOR"), value.pointee != 0 { return false }
            return isatty(descriptor) == 1
        }
    }
}

/// Whether `descriptor` is a terminal (what a person reads, rather than a pipe or a file).
func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

/// `--encoding auto|utf-8|utf-16le|utf-16be|windows-1252`, for every subcommand that reads MOF or `.reg` text.
extension EncodingChoice: ExpressibleByArgument {}

/// `--encoding`, shared by the subcommands that read text files.
struct EncodingOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "How to decode the files: auto (a byte-order mark decides; UTF-16LE is recognized without one; otherwise UTF-8, or Windows-1252 with a warning when the file is not valid UTF-8), utf-8, utf-16le, utf-16be or windows-1252.",
        valueName: "auto|utf-8|utf-16le|utf-16be|windows-1252"))
    var encoding: EncodingChoice = .auto
}

/// `--color auto|always|never`.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case auto, always, never
}

/// `--format text|json|sarif`.
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json, sarif

    /// Renders `diagnostics` found in `sources` in this format.
    func render(_ diagnostics: [Diagnostic], sources: [String: SourceFile], color: Bool) -> String {
        let files = sources.keys.sorted()
        switch self {
        case .text:
            return TextDiagnosticRenderer(useColor: color).render(diagnostics, sources: sources)
        case .json:
            return JSONDiagnosticRenderer(toolVersion: Mofkit.version).render(diagnostics, files: files)
        case .sarif:
            return SARIFRenderer(
                toolVersion: Mofkit.version,
                descriptors: DiagnosticRegistry.allDescriptors, baseDirectory: currentDirectory()
            ).render(diagnostics, files: files)
        }
    }
}

/// The working directory, so that SARIF can name files under it relative to it.
func currentDirectory() -> String? {
    guard let pointer = getcwd(nil, 0) else { return nil }
    defer { free(pointer) }
    return String(cString: pointer)
}

extension Mofkit {
    /// The version every output format names.
    static var version: String { configuration.version }
}
