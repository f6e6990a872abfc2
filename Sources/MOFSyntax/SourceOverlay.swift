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
    public func source(for path: String) -> SourceFile? {
        guard !texts.isEmpty else { return nil }
        if let text = texts[path] ?? texts[IncludeWalker.identity(of: path)] {
            return SourceFile(path: path, bytes: text)
        }
        return nil
    }
}

extension MOFLoader {
    /// ``forEachDeclaration(paths:options:_:)`` reading overlaid files (named and included) from
    /// `overlay` instead of the disk. Include resolution (search order, case, cycles, trust) is the
    /// loader's own.
    @discardableResult
    public static func forEachDeclaration(
        paths: [String], options: MOFLoadOptions, overlay: MOFSourceOverlay, _ body: (SourceFile, SyntaxTree) -> Void
    ) -> MOFLoadSummary {
        var walker = IncludeWalker(options: options, inputs: paths)
        func visit(_ path: String, _ source: SourceFile) {
            walker.diagnostics.append(contentsOf: source.decodingDiagnostics)
            walker.stack.append(IncludeWalker.identity(of: path))
            MOFParser.parseDeclarations(source) { chunk in
                walker.diagnostics.append(contentsOf: chunk.diagnostics)
                body(source, chunk)
                guard options.followIncludes, chunk.storage.hasIncludePragma else { return }
                for declaration in chunk.root.declarations {
                    if case .pragma(let pragma) = declaration, let included = walker.resolveInclude(pragma, from: path) {
                        let source = overlay.source(for: included.path) ?? included.source
                        walker.sources[included.path] = source
                        visit(included.path, source)
                    }
                }
            }
            walker.stack.removeLast()
        }
        for path in paths {
            let read: SourceFile?
            if let overlaid = overlay.source(for: path) {
                walker.sources[path] = overlaid
                read = overlaid
            } else {
                read = walker.readNamed(path)
            }
            guard let source = read else { continue }
            visit(path, source)
        }
        return MOFLoadSummary(sources: walker.sources, diagnostics: walker.diagnostics, unreadable: walker.unreadable)
    }
}
