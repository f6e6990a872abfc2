/// The Levenshtein distance between two sequences: the fewest insertions, deletions and
/// substitutions that turn one into the other. "Did you mean" notes offer the names one or two
/// edits from what was written.
public enum EditDistance {
    /// The distance between `a` and `b`, element by element (pass `Array(string)` to compare characters).
    public static func between<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
