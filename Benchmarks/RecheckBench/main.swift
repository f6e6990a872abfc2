// mofkit-recheck-bench FILE [EDITS]: how long MOFDocumentCheck.rechecked(newText:) takes after a
// one-character edit, as a language server calls it on every keystroke.
//
// The file is checked once (timed apart: that check also loads the context). Then EDITS times
// (default 60) a letter `x` is typed into an identifier at a spread of places through the file and
// the text re-checked; every other edit deletes the letter again, so the text alternates between
// the original and a one-character change. Only the `rechecked(newText:)` call is timed; building
// the edited string (which an editor already has) is not. After each edit (untimed) the re-check
// is compared with a first check of the same text: they must give the same diagnostics. Run by
// Benchmarks/mof-recheck.sh.
import MOFModel
import MofkitSource

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: mofkit-recheck-bench FILE [EDITS]")
    exit(2)
}
let path = arguments[1]
let edits = arguments.count > 2 ? max(2, Int(arguments[2]) ?? 60) : 60
let original: [UInt8]
do {
    original = try readBytes(path: path)
} catch {
    print("cannot read \(path): \(error.reason)")
    exit(2)
}

func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
}

/// CPU time of this thread (ms): on a machine shared with other jobs, wall time includes waiting
/// for a core; CPU time is what the re-check itself costs.
func threadCPUMilliseconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) * 1000 + Double(now.tv_nsec) / 1e6
}

let clock = ContinuousClock()
let originalText = String(decoding: original, as: UTF8.self)
var check: MOFDocumentCheck?
let first = clock.measure { check = MOFDocumentCheck(path: path, text: originalText) }
guard var current = check else { exit(1) }
let originalDiagnostics = current.diagnostics.count

/// A place in an identifier: the first ASCII letter at or after `offset` that follows a letter.
func editPlace(near offset: Int) -> Int {
    var i = max(1, offset)
    while i < original.count {
        let a = original[i - 1] | 0x20, b = original[i] | 0x20
        if a >= 0x61 && a <= 0x7A && b >= 0x61 && b <= 0x7A { return i }
        i += 1
    }
    return 1
}

/// Everything a diagnostic says, for comparing two checks.
func describe(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { d in
        let notes = d.notes.map { "\($0.message)@\($0.range.map { "\($0.start.line):\($0.start.column)-\($0.end.line):\($0.end.column)" } ?? "-")" }
        return "\(d.range.file):\(d.range.start.line):\(d.range.start.column)-\(d.range.end.line):\(d.range.end.column) \(d.severity) \(d.code.rawValue) \(d.message) \(notes.joined(separator: "; "))"
    }
}

var times: [Double] = []
var cpuTimes: [Double] = []
var changedDiagnostics = 0
for n in 0..<edits {
    let text: String
    if n % 2 == 0 {
        // Spread the places over the file: the 0th, then fractions of it, a different one each time.
        let place = editPlace(near: (n / 2) * original.count / max(1, edits / 2))
        var edited = original
        edited.insert(UInt8(ascii: "x"), at: place)
        text = String(decoding: edited, as: UTF8.self)
    } else {
        text = originalText
    }
    var next: MOFDocumentCheck?
    let cpuStart = threadCPUMilliseconds()
    let elapsed = clock.measure { next = current.rechecked(newText: text) }
    cpuTimes.append(threadCPUMilliseconds() - cpuStart)
    guard let next else { exit(1) }
    current = next
    times.append(milliseconds(elapsed))
    if n % 2 == 0 && current.diagnostics.count != originalDiagnostics { changedDiagnostics += 1 }
    // Untimed: a re-check (which starts at the last checkpoint before the edit) must give exactly
    // what a first check of the same text gives.
    if n % 2 == 0 {
        let fresh = MOFDocumentCheck(path: path, text: text)
        if describe(fresh.diagnostics) != describe(current.diagnostics) {
            print("error: the re-check after edit \(n) differs from a first check of the same text")
            exit(1)
        }
    }
    if n % 2 == 1 && current.diagnostics.count != originalDiagnostics {
        print("error: the re-check of the original text gives \(current.diagnostics.count) diagnostics, not \(originalDiagnostics)")
        exit(1)
    }
}

/// `value` with `digits` decimals (no Foundation here).
func fixed(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    let whole = String(scaled / Int(scale))
    var fraction = String(scaled % Int(scale))
    while fraction.count < digits { fraction = "0" + fraction }
    return digits == 0 ? whole : whole + "." + fraction
}

let sorted = times.sorted()
let sortedCPU = cpuTimes.sorted()
func percentile(_ p: Double, of sorted: [Double] = sorted) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}
print("file:                \(path) (\(original.count) bytes)")
print("first check:         \(fixed(milliseconds(first), 1)) ms (context included)")
print("re-checks:           \(times.count) (one-character edits and their undo)")
print("re-check min:        \(fixed(sorted[0], 2)) ms")
print("re-check median:     \(fixed(percentile(0.5), 2)) ms")
print("re-check p90:        \(fixed(percentile(0.9), 2)) ms")
print("re-check max:        \(fixed(sorted[sorted.count - 1], 2)) ms")
print("re-check CPU median: \(fixed(percentile(0.5, of: sortedCPU), 2)) ms (thread CPU time; min \(fixed(sortedCPU[0], 2)) ms)")
print("diagnostics:         \(originalDiagnostics) on the file; \(changedDiagnostics) of \((edits + 1) / 2) edits changed the count")
