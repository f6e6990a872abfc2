import MofkitSource

/// Text that stands in for files on disk while loading: an editor's unsaved buffers.
///
/// Keys are paths; a file is found under the path it is read by or under its real path, so an
/// include written `Sub\x.mof` finds the buffer the editor opened as `/abs/sub/x.mof`.
public struct MOFSourceOverlay: Sendable {
    /// UTF-8 text (as an editor holds it) by real path.
    public private(set) var texts: [String: [UInt8]] = [:]

    /// An empty overlay: everything is read from disk.
    public init() {}

    /// Makes `text` stand in for the file at `path`.
    public mutating func set(path: String, text: [UInt8]) {
        texts[IncludeWalker.identity(of: path)] = text
        texts[path] = text
    }

    /// The decoded buffer for `path`, or nil when the file is not overlaid.
    ///
    /// The text is decoded with detection (``EncodingChoice/auto``, which reads an editor's text as
    /// the UTF-8 it is), whatever ``MOFLoadOptions/encoding`` says: `--encoding` is about the bytes of
    /// a file on disk, and an editor's buffer (or a Swift `String`) is already Unicode text.
    public func source(for path: String) -> SourceFile? {
        guard !texts.isEmpty else { return nil }
        if let text = texts[path] ?? texts[IncludeWalker.identity(of: path)] {
            return SourceFile(path: path, bytes: text)
        }
        return nil
    }
}
