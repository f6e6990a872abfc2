import MofkitSource

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the test suites find the repository's files: one definition of the package root instead of
/// one per test target.
public enum TestPaths {
    /// The package root (the folder holding Package.swift), from this file's place in it.
    public static let packageRoot: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
        return path
    }()

    /// A path below the package root: `repository("Corpus/machines")`.
    public static func repository(_ relative: String) -> String { packageRoot + "/" + relative }

    /// `Corpus/…` of the repository: always present, so tests require it rather than skip.
    public static func corpus(_ relative: String) -> String { packageRoot + "/Corpus/" + relative }

    /// The shared real-world corpora beside the worktree (`../shared`), which may be absent.
    public static let shared = packageRoot + "/../shared"

    /// Whether the shared corpora are present (tests that need them skip, saying so, when not).
    public static var sharedIsPresent: Bool { FileSystem.isDirectory(shared) }
}

/// Golden files: a test's output compared with a file in the repository, rewritten instead when
/// `MOFKIT_UPDATE_GOLDEN=1` is set (the one update switch of every suite).
public enum Golden {
    /// Whether this run rewrites golden files.
    public static var updating: Bool {
        guard let value = getenv("MOFKIT_UPDATE_GOLDEN") else { return false }
        return String(cString: value) == "1"
    }

    /// Compares `actual` with the golden file at `path` (or rewrites it when updating). Returns
    /// nil when they agree or the file was rewritten, else what is wrong: a missing or unreadable
    /// golden file is a failure, not a skip.
    public static func problem(_ actual: String, path: String) -> String? {
        if updating {
            do { try FileWriter.write(actual, to: path) } catch { return "cannot update golden file \(path): \(error.reason)" }
            return nil
        }
        let expected: [UInt8]
        do { expected = try readBytes(path: path) } catch {
            return "golden file \(path) is missing or unreadable (\(error.reason)); run with MOFKIT_UPDATE_GOLDEN=1 and check the result"
        }
        if String(decoding: expected, as: UTF8.self) == actual { return nil }
        return "output differs from golden file \(path); rerun with MOFKIT_UPDATE_GOLDEN=1 after checking the change"
    }
}
