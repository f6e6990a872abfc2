import Foundation

/// A suite that writes its MOF inputs into a fresh temporary directory of its own.
protocol ScratchFiles {
    var directory: String { get }
}

extension ScratchFiles {
    /// A new, empty directory under the system's temporary directory (`mofkit-PREFIX-PID-RANDOM`).
    static func makeScratchDirectory(_ prefix: String) -> String {
        let path = NSTemporaryDirectory() + "mofkit-\(prefix)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `text` to `name` in the suite's directory and returns its path.
    func write(_ name: String, _ text: String) -> String {
        let path = directory + "/" + name
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
