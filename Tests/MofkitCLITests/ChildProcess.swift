import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs `mofkit` as a child and measures that child's own peak resident set size.
///
/// `wait4` on a child started with `posix_spawn` is not enough on Linux: glibc spawns with
/// `CLONE_VM | CLONE_VFORK`, so at `exec` the kernel records the *test process's* high-water RSS as the
/// child's starting `ru_maxrss`. GNU `time` forks its own small process for `mofkit` and reports that
/// child's `ru_maxrss` (from its `wait4`), which is the figure wanted.
enum ChildProcess {
    struct Outcome {
        /// The exit status, or 128 + signal number when the child was killed.
        var status: Int32
        var standardOutput: [UInt8]
        var standardError: String
        /// Peak resident set size of mofkit, in KiB (`ru_maxrss`); nil without GNU time.
        var peakRSSKiB: Int?
        var seconds: Double
        var outputText: String { String(decoding: standardOutput, as: UTF8.self) }
        /// Peak RSS in MiB, 0 when it could not be measured (see ``timeUnavailableReason``).
        var peakRSSMiB: Double { Double(peakRSSKiB ?? 0) / 1024 }
    }

    /// GNU time (Debian package `time`).
    static let timePath = "/usr/bin/time"
    static var timeUnavailableReason: String? {
        FileManager.default.isExecutableFile(atPath: timePath) ? nil : "GNU time (\(timePath), Debian package 'time') is not installed"
    }

    /// Runs `mofkit arguments…` in `directory` with standard input from /dev/null; output goes to files.
    static func runMofkit(_ arguments: [String], in directory: URL) -> Outcome {
        let scratch = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("stdout").path
        let errPath = scratch.appendingPathComponent("stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let rssPath = scratch.appendingPathComponent("rss").path
        // `env -C` changes directory (posix_spawn_file_actions_addchdir_np is not visible to Swift
        // here) and execs `time`, which forks and execs mofkit.
        let measure = timeUnavailableReason == nil ? [timePath, "-q", "-f", "%M", "-o", rssPath] : []
        let argv = ["/usr/bin/env", "-C", directory.path] + measure + [MofkitBinary.path] + arguments
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        var cEnvironment: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in cEnvironment { free(pointer) } }
        let clock = ContinuousClock()
        let start = clock.now
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, &cArguments, &cEnvironment)
        guard spawned == 0 else {
            return Outcome(status: -1, standardOutput: [], standardError: "posix_spawn failed: \(spawned)", peakRSSKiB: nil, seconds: 0)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let elapsed = clock.now - start
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let output = (try? Data(contentsOf: URL(fileURLWithPath: outPath))).map { [UInt8]($0) } ?? []
        let error = (try? Data(contentsOf: URL(fileURLWithPath: errPath))).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let rss = (try? String(contentsOfFile: rssPath, encoding: .utf8))?.split(separator: "\n").last.flatMap { Int($0) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Outcome(status: exitStatus, standardOutput: output, standardError: error,
                       peakRSSKiB: rss, seconds: seconds)
    }
}
