import LSPCore
import MOFSyntax
import MofkitSource

extension FeatureInput {
    /// `textDocument/formatting` with `mofkit format`'s formatter: one edit replacing the changed
    /// lines, none when the text is formatted or has syntax errors (as `mofkit format` refuses).
    public func formatting() -> [TextEdit] {
        let source = SourceFile(path: analysis.path, bytes: document.text)
        let tree = tokens.tree
        if (source.decodingDiagnostics + tree.diagnostics).contains(where: { $0.severity == .error }) { return [] }
        let formatted = MOFFormatter.format(tree)
        return minimalEdit(from: document.text, to: formatted, start: 0, end: document.text.count).map { [$0] } ?? []
    }

    /// `textDocument/rangeFormatting`: the top-level declarations the range touches, each
    /// formatted on its own.
    public func rangeFormatting(_ range: LSPRange) -> [TextEdit] {
        let tree = tokens.tree
        if tree.diagnostics.contains(where: { $0.severity == .error }) { return [] }
        let start = offset(range.start)
        let end = offset(range.end)
        var edits: [TextEdit] = []
        for declaration in tree.root.declarations {
            let bytes = declaration.node.textRange
            guard bytes.upperBound >= start, bytes.lowerBound <= end, bytes.lowerBound < bytes.upperBound else { continue }
            let original = Array(document.text[bytes])
            let piece = MOFParser.parse(SourceFile(path: analysis.path, bytes: original))
            guard !piece.diagnostics.contains(where: { $0.severity == .error }) else { continue }
            var formatted = MOFFormatter.format(piece)
            while let last = formatted.last, last == 0x0A || last == 0x0D { formatted.removeLast() }
            if let edit = minimalEdit(from: document.text, to: Array(document.text[..<bytes.lowerBound]) + formatted + Array(document.text[bytes.upperBound...]),
                                      start: bytes.lowerBound, end: bytes.upperBound) {
                edits.append(edit)
            }
        }
        return edits
    }

    /// One edit turning `old` into `new`, trimmed to the lines that differ (nil when equal).
    func minimalEdit(from old: [UInt8], to new: [UInt8], start: Int, end: Int) -> TextEdit? {
        if old == new { return nil }
        var prefix = 0
        let limit = min(old.count, new.count)
        while prefix < limit && old[prefix] == new[prefix] { prefix += 1 }
        // Back to a line start so the edit replaces whole lines.
        while prefix > 0 && old[prefix - 1] != 0x0A { prefix -= 1 }
        var suffix = 0
        while suffix < limit - prefix && old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        // And forward to a line start: the edit replaces whole lines, line breaks included, so a
        // client never sees half of a CR LF.
        while suffix > 0 && old.count - suffix > 0 && old[old.count - suffix - 1] != 0x0A { suffix -= 1 }
        let oldEnd = old.count - suffix
        let replacement = new[prefix..<(new.count - suffix)]
        return TextEdit(range: document.range(prefix, oldEnd, encoding: encoding), newText: String(decoding: replacement, as: UTF8.self))
    }
}
