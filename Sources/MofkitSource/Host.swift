#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the machine this process runs on.
public enum Host {
    /// The processors this process may use: the online processors, lowered on Linux to the CPU
    /// affinity mask (`taskset`, container CPU sets: `Cpus_allowed` in /proc/self/status) and to the
    /// cgroup CPU quota (`cpu.max` in cgroup v2, `cpu.cfs_quota_us`/`cpu.cfs_period_us` in v1),
    /// rounded up. At least 1. The default thread count of every parallel command.
    public static var availableCores: Int {
        var cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #if os(Linux)
        if let allowed = affinityCount(status: text(of: "/proc/self/status")) { cores = min(cores, allowed) }
        if let quota = cgroupQuota() { cores = min(cores, quota) }
        #endif
        return max(1, cores)
    }

    /// The number of processors in the `Cpus_allowed:` mask of a /proc/self/status text, if any.
    static func affinityCount(status: String?) -> Int? {
        guard let status, let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) else {
            return nil
        }
        let count = line.dropFirst("Cpus_allowed:".count).reduce(0) { $0 + ($1.hexDigitValue?.nonzeroBitCount ?? 0) }
        return count > 0 ? count : nil
    }

    /// Whole processors a cgroup v2 `cpu.max` text (`max 100000`, `150000 100000`) allows, rounded up;
    /// nil without a limit.
    static func quota(cpuMax: String?) -> Int? {
        guard let fields = cpuMax?.split(whereSeparator: { $0 == " " || $0 == "\n" }), fields.count >= 2 else { return nil }
        return quota(String(fields[0]), String(fields[1]))
    }

    static func quota(_ quota: String?, _ period: String?) -> Int? {
        guard let quota = quota.flatMap({ Int($0.trimmingSpaces) }), let period = period.flatMap({ Int($0.trimmingSpaces) }),
            quota > 0, period > 0
        else { return nil }
        return max(1, (quota + period - 1) / period)
    }

    private static func cgroupQuota() -> Int? {
        // cgroup v2: the process's own group (from /proc/self/cgroup), then the mount root (a container's view).
        var candidates: [String] = []
        if let membership = text(of: "/proc/self/cgroup"),
            let line = membership.split(separator: "\n").first(where: { $0.hasPrefix("0::") })
        {
            let path = String(line.dropFirst(3))
            if path != "/" { candidates.append("/sys/fs/cgroup" + path + "/cpu.max") }
        }
        candidates.append("/sys/fs/cgroup/cpu.max")
        for path in candidates {
            if let text = text(of: path) { return quota(cpuMax: text) }
        }
        return quota(text(of: "/sys/fs/cgroup/cpu/cpu.cfs_quota_us"), text(of: "/sys/fs/cgroup/cpu/cpu.cfs_period_us"))
    }

    /// A small system file as text; nil when it cannot be read.
    private static func text(of path: String) -> String? {
        guard let bytes = try? readBytes(path: path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\n" && $0 != "\t" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\n" && $0 != "\t" }) ?? first
        return Substring(scalars[first...last])
    }
}
