import ArgumentParser
import DiagnosticRendering
import InventoryRules
import MachineState
import MofkitSource
import RegistryExport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `mofkit gen …`: generate MOF.
struct GenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen",
        abstract: "Generate MOF.",
        subcommands: [FromRegCommand.self])
}

/// `mofkit gen from-reg EXPORT.reg --key PATH --class NAME --group "…" --class-id "VENDOR|NAME|1.0"`.
struct FromRegCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "from-reg",
        abstract: "Write a hardware inventory extension for a registry key from a .reg export.",
        discussion: """
            Reads a regedit export (REGEDIT4 or version 5.00, UTF-16LE) and writes the data class in \
            root\\cimv2 — a [DYNPROPS] class and instance read through RegPropProv when the key has values, \
            or a RegProv class with one instance per subkey when it has only subkeys — and the reporting \
            class in root\\cimv2\\sms. Types follow the value types (REG_SZ → string, REG_DWORD → uint32, \
            REG_QWORD → uint64, REG_MULTI_SZ → string[], REG_BINARY → uint8[]). Exit status 1 on errors.
            """)

    @Argument(help: "The .reg export.")
    var export: String

    @Option(help: "The key to inventory, e.g. HKLM\\SOFTWARE\\Contoso\\App.")
    var key: String

    @Option(name: .customLong("class"), help: "Class name for the data and reporting classes.")
    var className: String

    @Option(help: "SMS_Group_Name of the reporting class.")
    var group: String

    @Option(name: .customLong("class-id"), help: "SMS_Class_ID, VENDOR|Name|Version.")
    var classID: String

    @Option(help: "single-key (RegPropProv) or subkeys (RegProv); chosen from the export when omitted.")
    var mode: RegExtensionRequest.Mode?

    @Option(name: .shortAndLong, help: "Write the MOF to this file instead of standard output.")
    var output: String?

    @OptionGroup var encoding: EncodingOption

    func run() throws {
        let source: SourceFile
        do {
            source = try SourceFile.read(path: export, encoding: encoding.encoding)
        } catch {
            Output.error(error.description)
            throw ExitCode(2)
        }
        let reg = RegFile(source: source)
        let request = RegExtensionRequest(keyPath: key, className: className, groupName: group, classID: classID, mode: mode)
        let (mof, diagnostics) = RegExtensionGenerator.generate(reg, request: request)
        if !diagnostics.isEmpty {
            Output.standardError(TextDiagnosticRenderer(useColor: Output.wantsColor(.auto, descriptor: 2))
                .render(Diagnostic.sortedForOutput(diagnostics), sources: [source.path: source]))
        }
        guard let mof else { throw ExitCode(1) }
        if let output {
            guard writeFile(output, mof) else {
                Output.error("cannot write \(output)")
                throw ExitCode(2)
            }
        } else {
            Output.standardOutput(mof)
        }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }

    func writeFile(_ path: String, _ text: String) -> Bool {
        (try? FileWriter.write(text, to: path)) != nil
    }
}

extension RegExtensionRequest.Mode: ExpressibleByArgument {}
