#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MofkitSource

/// Syntax checking: the `mofkit check` path.
public enum MOFSyntaxChecker {
    /// Reads, decodes and parses `paths` (`-` is standard input) and the files they include.
    ///
    /// Files are parsed one top-level declaration at a time and each tree is dropped after use, so
    /// memory stays near the size of the input text.
    public static func check(paths: [String], options: MOFLoadOptions) -> MOFSyntaxCheckResult {
        let summary = MOFLoader.forEachDeclaration(paths: paths, options: options) { _, _ in }
        return MOFSyntaxCheckResult(sources: summary.sources, diagnostics: summary.diagnostics,
                                    unreadable: summary.unreadable)
    }
}

/// A file read by ``MOFLoader``, with its whole syntax tree.
public struct LoadedFile: Sendable {
    /// The path used in diagnostics (as named, or the include path as resolved).
    public var path: String
    /// The decoded file.
    public var source: SourceFile
    /// The whole-file syntax tree.
    public var tree: SyntaxTree
    /// For an included file: the index (in ``MOFLoadResult/files``) of the file that included it.
    public var includedBy: Int?
    /// For an included file: where the `#pragma include` is.
    public var includeRange: SourceRange?
}

/// What ``MOFLoader/load(paths:options:)`` read.
public struct MOFLoadResult: Sendable {
    /// Every file in include order: a file comes right after the file that includes it, and before
    /// the files included later. Declarations take effect in the order of ``declarationOrder``.
    public var files: [LoadedFile]
    /// Every diagnostic (decoding, syntax, pragma and include problems).
    public var diagnostics: [Diagnostic]
    /// Files named by the user that could not be read.
    public var unreadable: [FileSystemError]
    /// Top-level declarations in compile order, as (file index, node index of the declaration in
    /// that file's tree): an included file's declarations come right after its `#pragma include`.
    public var declarationOrder: [(file: Int, node: Int)]
}

/// What the streaming loader reports at the end.
public struct MOFLoadSummary: Sendable {
    /// Every file read, keyed by the path used in diagnostics.
    public var sources: [String: SourceFile]
    /// Every diagnostic: decoding, lexical, syntax and include problems.
    public var diagnostics: [Diagnostic]
    /// Files named by the caller that could not be read at all.
    public var unreadable: [FileSystemError]
}

/// Reads MOF files and follows `#pragma include`: relative to the including file's directory, then
/// each search path in order. Backslashes in include paths become `/`; when the exact name is missing,
/// each path component is looked up ignoring case (Windows paths are case-insensitive). Missing files,
/// cycles and unreadable includes are diagnosed at the pragma.
public enum MOFLoader {
    /// Loads `paths` and their includes, keeping every file's whole tree.
    public static func load(paths: [String], options: MOFLoadOptions) -> MOFLoadResult {
        var walker = IncludeWalker(options: options, inputs: paths)
        var files: [LoadedFile] = []
        var order: [(file: Int, node: Int)] = []
        func visit(_ path: String, _ source: SourceFile, includedBy: Int?, includeRange: SourceRange?) {
            let tree = MOFParser.parse(source)
            walker.diagnostics.append(contentsOf: source.decodingDiagnostics)
            walker.diagnostics.append(contentsOf: tree.diagnostics)
            let fileIndex = files.count
            files.append(LoadedFile(path: path, source: source, tree: tree, includedBy: includedBy,
                                    includeRange: includeRange))
            let identity = walker.identity(of: path)
            walker.stack.append(identity)
            for declaration in tree.root.declarations {
                order.append((fileIndex, declaration.node.index))
                if case .pragma(let pragma) = declaration, let included = walker.resolveInclude(pragma, from: path) {
                    visit(included.path, included.source, includedBy: fileIndex, includeRange: pragma.range)
                }
            }
            walker.stack.removeLast()
        }
        for path in paths {
            guard let source = walker.readNamed(path) else { continue }
            visit(path, source, includedBy: nil, includeRange: nil)
        }
        return MOFLoadResult(files: files, diagnostics: walker.diagnostics, unreadable: walker.unreadable,
                             declarationOrder: order)
    }

    /// Loads `paths` and their includes one top-level declaration at a time, in compile order: `body`
    /// gets the file and a tree holding one declaration; an included file's declarations arrive right
    /// after the `#pragma include` that names it. Trees are not kept.
    ///
    /// A file in `overlay` (named or included) is read from it instead of the disk: an editor's
    /// unsaved text, or any text already in memory. Include resolution (search order, case, cycles,
    /// trust) is the same either way; an overlaid include is found where its file is on disk.
    @discardableResult
    public static func forEachDeclaration(
        paths: [String], options: MOFLoadOptions, overlay: MOFSourceOverlay = MOFSourceOverlay(),
        _ body: (SourceFile, SyntaxTree) -> Void
    ) -> MOFLoadSummary {
        var walker = IncludeWalker(options: options, inputs: paths)
        func visit(_ path: String, _ source: SourceFile) {
            walker.diagnostics.append(contentsOf: source.decodingDiagnostics)
            let identity = walker.identity(of: path)
            walker.stack.append(identity)
            MOFParser.parseDeclarations(source) { chunk in
                walker.diagnostics.append(contentsOf: chunk.diagnostics)
                body(source, chunk)
                // Only `#pragma include` includes; skip building views for everything else.
                guard options.followIncludes, chunk.storage.hasIncludePragma else { return }
                for declaration in chunk.root.declarations {
                    if case .pragma(let pragma) = declaration, let included = walker.resolveInclude(pragma, from: path) {
                        var source = included.source
                        if let overlaid = overlay.source(for: included.path) {
                            source = overlaid
                            walker.sources[included.path] = overlaid
                        }
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

/// Include resolution state shared by both loaders.
struct IncludeWalker {
    let options: MOFLoadOptions
    var diagnostics: [Diagnostic] = []
    var sources: [String: SourceFile] = [:]
    var unreadable: [FileSystemError] = []
    /// Identities (real paths) of the files being read, outermost first.
    var stack: [String] = []
    static let maxIncludeDepth = 64

    init(options: MOFLoadOptions, inputs: [String]) {
        self.options = options
        for input in inputs { trustFolder(IncludeWalker.directory(of: input)) }
        for folder in options.includeSearchPaths { trustFolder(folder) }
    }

    private mutating func trustFolder(_ folder: String) {
        let identity = IncludeWalker.identity(of: folder.isEmpty ? "." : folder)
        let prefix = identity.hasSuffix("/") ? identity : identity + "/"
        if !trustedFolders.contains(prefix) { trustedFolders.append(prefix) }
    }

    /// Real paths (ending in `/`) of the folders includes may come from without a warning: the
    /// folders of the files named on the command line (the working directory for standard input)
    /// and the `-I` folders.
    var trustedFolders: [String] = []

    mutating func readNamed(_ path: String) -> SourceFile? {
        do {
            let source = try SourceFile.read(path: path, encoding: options.encoding)
            sources[path] = source
            return source
        } catch {
            unreadable.append(error)
            return nil
        }
    }

    /// Real paths found so far: of files by path as named, of folders by path as named. A schema
    /// root includes hundreds of files from a few dozen folders; `realpath` reads every component
    /// of every path (the CIM 2.49 root made 26,000 `readlink` calls for its 1,400 includes).
    var fileIdentities: [String: String] = [:]
    var folderIdentities: [String: String?] = [:]

    /// ``identity(of:)`` with the folder's real path looked up once: a file that is not itself a
    /// symbolic link has the real path of its folder plus its name.
    mutating func identity(of path: String) -> String {
        if let known = fileIdentities[path] { return known }
        let resolved = resolveIdentity(of: path)
        fileIdentities[path] = resolved
        return resolved
    }

    private mutating func resolveIdentity(of path: String) -> String {
        // Split as bytes (`/` is ASCII): searching by Character costs grapheme breaking per character.
        guard path != "-", let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return IncludeWalker.identity(of: path) }
        let name = path[path.utf8.index(after: slash)...]
        guard !name.isEmpty, name != ".", name != ".." else { return IncludeWalker.identity(of: path) }
        var info = stat()
        // Missing (realpath fails: the path stays as named) or a link: the full resolution decides.
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFLNK else { return IncludeWalker.identity(of: path) }
        let folder = slash == path.startIndex ? "/" : String(path[..<slash])
        let folderIdentity: String?
        if let known = folderIdentities[folder] {
            folderIdentity = known
        } else {
            folderIdentity = IncludeWalker.realPath(folder)
            folderIdentities[folder] = folderIdentity
        }
        guard let folderIdentity else { return IncludeWalker.identity(of: path) }
        return folderIdentity.hasSuffix("/") ? folderIdentity + name : folderIdentity + "/" + name
    }

    /// The real path of `path`, or `nil` when it cannot be resolved.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The real path of a file, to recognize it under different names.
    static func identity(of path: String) -> String {
        guard path != "-" else { return "-" }
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// For `#pragma include`: finds and reads the file, or reports why not. Nil for other pragmas.
    mutating func resolveInclude(_ pragma: PragmaSyntax, from includer: String) -> (path: String, source: SourceFile)? {
        guard options.followIncludes, pragma.hasName("include") else { return nil }
        guard let written = pragma.stringArgument else { return nil }  // already diagnosed
        // An unterminated path literal is already reported; looking it up would only add a cascade.
        if let literal = pragma.stringArgumentNode, literal.tokens.contains(where: \.isMalformed) { return nil }
        let at = (pragma.stringArgumentNode ?? pragma.node).range
        let relative = written.replacingBackslashes()
        guard !relative.isEmpty else {
            report(SyntaxCode.includeNotFound, "empty include path", at)
            return nil
        }
        var directories: [String] = []
        if !relative.hasPrefix("/") {
            directories.append(IncludeWalker.directory(of: includer))
            directories.append(contentsOf: options.includeSearchPaths)
        } else {
            directories.append("")
        }
        var found: String?
        for directory in directories {
            let candidate = IncludeWalker.join(directory, relative)
            if IncludeWalker.isRegularFile(candidate) {
                found = candidate
                break
            }
        }
        if found == nil {
            for directory in directories {
                if let match = IncludeWalker.caseInsensitiveMatch(directory, relative) {
                    found = match
                    break
                }
            }
        }
        guard let path = found else {
            let searched = directories.map { $0.isEmpty ? "." : $0 }.joined(separator: ", ")
            report(SyntaxCode.includeNotFound, "include file '\(written)' not found", at,
                   notes: [DiagnosticNote(message: "searched: \(searched)")])
            return nil
        }
        let identity = self.identity(of: path)
        if let index = stack.firstIndex(of: identity) {
            let chain = (stack[index...] + [identity]).map(IncludeWalker.lastComponent).joined(separator: " → ")
            report(SyntaxCode.includeCycle, "include cycle: \(chain)", at,
                   notes: [DiagnosticNote(message: "'\(written)' is already being included; the pragma is ignored")])
            return nil
        }
        if stack.count >= IncludeWalker.maxIncludeDepth {
            report(SyntaxCode.includeCycle, "includes are nested more than \(IncludeWalker.maxIncludeDepth) deep", at)
            return nil
        }
        // Allowed, as mofcomp allows it, but never silently: a MOF from the internet could name
        // any readable file (`/etc/passwd`, `../../secret`), and its text would show in diagnostics.
        if !trustedFolders.contains(where: { identity.hasPrefix($0) }) {
            diagnostics.append(Diagnostic(
                code: SyntaxCode.includeOutsideInputFolder, severity: .warning,
                message: "include file '\(written)' resolves to '\(identity)', outside the input's folder and the -I folders",
                range: at, notes: [DiagnosticNote(message: "the file is read; pass its folder with -I to accept it, or --no-includes")]))
        }
        do {
            let source = try SourceFile.read(path: path, encoding: options.encoding)
            sources[path] = source
            return (path, source)
        } catch {
            report(SyntaxCode.includeNotFound, "cannot read include file '\(written)': \(error.reason)", at)
            return nil
        }
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, _ range: SourceRange, notes: [DiagnosticNote] = []) {
        diagnostics.append(Diagnostic(code: code, severity: .error, message: message, range: range, notes: notes))
    }

    static func directory(of path: String) -> String {
        guard path != "-", let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func join(_ directory: String, _ relative: String) -> String {
        var relative = Substring(relative)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        if directory.isEmpty { return String(relative) }
        return directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }

    static func isRegularFile(_ path: String) -> Bool { FileSystem.isRegularFile(path) }

    static func isDirectory(_ path: String) -> Bool { FileSystem.isDirectory(path) }

    /// Resolves `relative` under `directory` one component at a time, ignoring case where the exact
    /// name is missing.
    static func caseInsensitiveMatch(_ directory: String, _ relative: String) -> String? {
        var current = directory
        let components = relative.split(separator: "/", omittingEmptySubsequences: true)
        for (position, component) in components.enumerated() {
            let isLast = position == components.count - 1
            if component == "." { continue }
            if component == ".." {
                current = join(current, "..")
                continue
            }
            let exact = join(current, String(component))
            if isLast ? isRegularFile(exact) : isDirectory(exact) {
                current = exact
                continue
            }
            guard let entry = entries(of: current.isEmpty ? "." : current).first(where: {
                $0.lowercased() == component.lowercased()
            }) else { return nil }
            current = join(current, entry)
        }
        return isRegularFile(current) ? current : nil
    }

    static func entries(of directory: String) -> [String] { (try? FileSystem.entries(of: directory)) ?? [] }
}

extension String {
    func replacingBackslashes() -> String {
        String(decoding: utf8.map { $0 == UInt8(ascii: "\\") ? UInt8(ascii: "/") : $0 }, as: UTF8.self)
    }
}
