import Foundation
import Testing

/// `mofkit check` end to end: the one-line success summary on a terminal, `--encoding`, and files
/// that WMI compiles (Windows-1252 comments, a [DYNPROPS] instance of a plain class) passing.
@Suite("mofkit check: summary line and encodings")
struct CheckSummaryAndEncodingTests {
    let directory = MofkitBinary.makeTemporaryDirectory()

    static func corpus(_ path: String) -> String { MofkitBinary.packageRoot.appendingPathComponent("Corpus/" + path).path }

    /// `script` (util-linux) gives the command a terminal, as a person running it has.
    static let scriptPath = ["/usr/bin/script", "/bin/script"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `mofkit arguments…` with a pseudo-terminal as standard output and standard error; the
    /// terminal's text (both streams) and the exit status.
    static func runOnATerminal(_ arguments: [String]) -> (status: Int32, text: String) {
        func quoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = ([MofkitBinary.path] + arguments).map(quoted).joined(separator: " ")
        let result = MofkitBinary.runTool(scriptPath ?? "script", ["-q", "-e", "-c", command, "/dev/null"])
        return (result.status, result.output)
    }

    /// A Notepad-saved extension: an em dash (0x97) in a comment on line 2, column 21.
    static let windows1252File: [UInt8] = Array("#pragma namespace(\"\\\\\\\\.\\\\root\\\\cimv2\")\n// Contoso inventory ".utf8)
        + [0x97] + Array(" disks\nclass Contoso_Disk { [key] string Name; };\n".utf8)

    @Test("a clean check says nothing on standard error when it is not a terminal")
    func quietWhenPiped() {
        let result = MofkitBinary.run(["check", Self.corpus("mof/SMS_def-example.mof")])
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty, "\(result.standardError)")
        #expect(result.standardOutput.isEmpty, "\(result.standardOutput)")
    }

    @Test("on a terminal a successful check says so in one line", .enabled(if: scriptPath != nil, "needs script(1) for a terminal"))
    func summaryOnATerminal() {
        let clean = Self.runOnATerminal(["check", Self.corpus("mof/SMS_def-example.mof")])
        #expect(clean.status == 0)
        #expect(clean.text.trimmingCharacters(in: .whitespacesAndNewlines) == "checked 1 file: no errors, no warnings", "\(clean.text)")
        let warned = Self.runOnATerminal(["check", "--color", "never", Self.corpus("mof/dynprops-instance-of-plain-class.mof")])
        #expect(warned.status == 0)
        #expect(warned.text.contains("warning[MOF4020]"), "\(warned.text)")
        #expect(warned.text.contains("checked 1 file: no errors, 1 warning\r\n") || warned.text.hasSuffix("checked 1 file: no errors, 1 warning\n"), "\(warned.text)")
        let quiet = Self.runOnATerminal(["check", "--quiet", Self.corpus("mof/SMS_def-example.mof")])
        #expect(quiet.status == 0)
        #expect(!quiet.text.contains("checked"), "\(quiet.text)")
        // A failed check prints its errors, not a success line.
        let failed = Self.runOnATerminal(["check", "--color", "never", Self.corpus("mof/tsappmode-seed.mof")])
        #expect(failed.status == 1)
        #expect(!failed.text.contains("checked 1 file"), "\(failed.text)")
    }

    @Test("a file that is not UTF-8 is read as Windows-1252: a warning with the byte and its place, exit 0")
    func windows1252ByDefault() {
        let file = MofkitBinary.write(Self.windows1252File, to: "notepad.mof", in: directory)
        let result = MofkitBinary.run(["check", "--color", "never", file])
        #expect(result.status == 0, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("\(file):2:22: warning[MOF0005]: byte 0x97 at byte offset 61 is not UTF-8"), "\(result.standardOutput)")
        #expect(!result.standardOutput.contains("error["), "\(result.standardOutput)")
    }

    @Test("--encoding utf-8 reports the byte as an error; --encoding windows-1252 reads it without a warning")
    func encodingOption() {
        let file = MofkitBinary.write(Self.windows1252File, to: "notepad.mof", in: directory)
        let utf8 = MofkitBinary.run(["check", "--color", "never", "--encoding", "utf-8", file])
        #expect(utf8.status == 1)
        #expect(utf8.standardOutput.contains("\(file):2:22: error[MOF0001]"), "\(utf8.standardOutput)")
        let ansi = MofkitBinary.run(["check", "--encoding", "windows-1252", file])
        #expect(ansi.status == 0)
        #expect(ansi.standardOutput.isEmpty, "\(ansi.standardOutput)")
        let bad = MofkitBinary.run(["check", "--encoding", "latin-9", file])
        #expect(bad.status == 64 || bad.status == 2, "status \(bad.status)")
        #expect(bad.standardError.contains("windows-1252"), "\(bad.standardError)")
        // format keeps the file's bytes: the em dash goes back as 0x97.
        let formatted = MofkitBinary.run(["format", "--encoding", "windows-1252", file])
        #expect(formatted.status == 0)
    }

    @Test("a [DYNPROPS] instance of a plain class passes check with a warning")
    func dynPropsInstanceOfAPlainClass() {
        let file = Self.corpus("mof/dynprops-instance-of-plain-class.mof")
        let result = MofkitBinary.run(["check", "--color", "never", file])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("\(file):15:13: warning[MOF4020]"), "\(result.standardOutput)")
        let strict = MofkitBinary.run(["check", "--strict", file])
        #expect(strict.status == 0, "\(strict.standardOutput)")
    }
}
