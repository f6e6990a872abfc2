import Foundation
import MofkitSource
import MofkitTestSupport

/// A source file and a diagnostic over the first occurrence of `marked` in it.
func diagnostic(
    in file: SourceFile, at needle: String, length: Int? = nil, code: DiagnosticCode = "MOF1003",
    severity: Severity = .error, message: String = "something is wrong",
    notes: [DiagnosticNote] = [], fixIts: [FixIt] = []
) -> Diagnostic {
    let start = offset(of: needle, in: file)
    let end = start + (length ?? needle.utf8.count)
    return Diagnostic(code: code, severity: severity, message: message, range: file.range(start, end), notes: notes, fixIts: fixIts)
}

/// The UTF-8 text offset of the first occurrence of `needle` (0 when absent, which fails the test's expectations).
func offset(of needle: String, in file: SourceFile) -> Int {
    let pattern = Array(needle.utf8)
    let text = file.text
    guard !pattern.isEmpty, text.count >= pattern.count else { return 0 }
    for i in 0...(text.count - pattern.count) where text[i..<(i + pattern.count)].elementsEqual(pattern) {
        return i
    }
    return 0
}

/// The repository root, found from this file's path.
let packageRoot = URL(fileURLWithPath: TestPaths.packageRoot)

/// The shared SARIF 2.1.0 schema, outside the repository.
let sarifSchemaPath = packageRoot.appendingPathComponent("../shared/schemas/sarif-schema-2.1.0.json").standardizedFileURL.path

/// Runs an executable and returns its exit status and standard output + error.
func runProcess(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return (-1, "\(error)") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Why SARIF schema validation cannot run here, or `nil` when it can.
let sarifValidationUnavailableReason: String? = {
    guard FileManager.default.fileExists(atPath: sarifSchemaPath) else { return "no schema at \(sarifSchemaPath)" }
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/env") else { return "no /usr/bin/env" }
    let probe = runProcess("/usr/bin/env", ["python3", "-c", "import jsonschema"])
    guard probe.status == 0 else { return "python3 with the jsonschema module is not available: \(probe.output)" }
    return nil
}()

/// Validates a SARIF document against the shared schema with python3's jsonschema.
/// Returns the validator's complaints, empty when the document is valid.
func sarifSchemaErrors(_ sarif: String) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("mofkit-\(UUID().uuidString).sarif").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    do { try sarif.write(toFile: path, atomically: true, encoding: .utf8) } catch { return "cannot write \(path): \(error)" }
    let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        document = json.load(open(sys.argv[2]))
        cls = jsonschema.validators.validator_for(schema)
        errors = list(cls(schema).iter_errors(document))
        for e in errors: print(list(e.absolute_path), e.message)
        sys.exit(1 if errors else 0)
        """
    let result = runProcess("/usr/bin/env", ["python3", "-c", script, sarifSchemaPath, path])
    return result.status == 0 ? "" : (result.output.isEmpty ? "validator exited \(result.status)" : result.output)
}

/// Parses JSON text into Foundation objects.
func parseJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8))
}
