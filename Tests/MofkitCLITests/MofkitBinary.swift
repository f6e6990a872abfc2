import Foundation
import MofkitTestSupport

/// Runs the built `mofkit` executable for end-to-end tests.
enum MofkitBinary {
    /// `MOFKIT_BINARY` if set, else `mofkit` next to the test bundle (where `swift test` builds it),
    /// else `.build/debug/mofkit` in the package.
    static let path: String = {
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["MOFKIT_BINARY"] { candidates.append(explicit) }
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("mofkit").path)
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("mofkit").path)
        candidates.append(packageRoot.appendingPathComponent(".build/debug/mofkit").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }()

    /// The repository root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: TestPaths.packageRoot)

    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
        var outputLines: [Substring] { standardOutput.split(separator: "\n") }
    }

    /// Runs `mofkit arguments…` in `directory`, with `input` on standard input; output goes to files,
    /// so large output cannot deadlock a pipe.
    static func run(_ arguments: [String], input: String = "", in directory: URL? = nil) -> Result {
        let scratch = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inputURL = scratch.appendingPathComponent("stdin")
        let outputURL = scratch.appendingPathComponent("stdout")
        let errorURL = scratch.appendingPathComponent("stderr")
        do {
            try Data(input.utf8).write(to: inputURL)
            try Data().write(to: outputURL)
            try Data().write(to: errorURL)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
            if let directory { process.currentDirectoryURL = directory }
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "NO_COLOR")
            process.environment = environment
            process.standardInput = try FileHandle(forReadingFrom: inputURL)
            process.standardOutput = try FileHandle(forWritingTo: outputURL)
            process.standardError = try FileHandle(forWritingTo: errorURL)
            try process.run()
            process.waitUntilExit()
            return Result(
                status: process.terminationStatus,
                standardOutput: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
                standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
        } catch {
            return Result(status: -1, standardOutput: "", standardError: "could not run \(path): \(error)")
        }
    }

    /// A fresh empty directory under the system temporary directory.
    static func makeTemporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mofkit-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `contents` to `name` inside `directory` and returns its path.
    @discardableResult
    static func write(_ contents: String, to name: String, in directory: URL) -> String {
        write(Array(contents.utf8), to: name, in: directory)
    }

    @discardableResult
    static func write(_ bytes: [UInt8], to name: String, in directory: URL) -> String {
        let url = directory.appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(bytes).write(to: url)
        return url.path
    }

    /// Why SARIF schema validation cannot run here, or `nil` when it can.
    static let sarifValidationUnavailableReason: String? = {
        guard FileManager.default.fileExists(atPath: sarifSchemaPath) else { return "no schema at \(sarifSchemaPath)" }
        let probe = runTool("/usr/bin/env", ["python3", "-c", "import jsonschema"])
        return probe.status == 0 ? nil : "python3 with the jsonschema module is not available"
    }()

    static let sarifSchemaPath = packageRoot.appendingPathComponent("../shared/schemas/sarif-schema-2.1.0.json")
        .standardizedFileURL.path

    /// The schema validator's complaints about `sarif`; empty when it is valid.
    static func sarifSchemaErrors(_ sarif: String) -> String {
        let directory = makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let document = write(sarif, to: "log.sarif", in: directory)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            cls = jsonschema.validators.validator_for(schema)
            errors = list(cls(schema).iter_errors(json.load(open(sys.argv[2]))))
            for e in errors: print(list(e.absolute_path), e.message)
            sys.exit(1 if errors else 0)
            """
        let result = runTool("/usr/bin/env", ["python3", "-c", script, sarifSchemaPath, document])
        return result.status == 0 ? "" : (result.output.isEmpty ? "validator exited \(result.status)" : result.output)
    }

    static func runTool(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
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
}
