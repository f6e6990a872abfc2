import Foundation
import Testing
import MofkitTestSupport

/// Keeps the DocC catalogs (`Sources/<Target>/<Target>.docc`) in step with the package: every library
/// target has a landing page titled with its module, and every Swift example in a catalog is code that
/// `swift test` compiles — it must appear, line for line, in a file under `Tests/` (the
/// `DocumentationExamples.swift` of the module's test target, which also runs it and checks the result).
@Suite struct DocumentationCatalogTests {
    static let packageRoot = URL(fileURLWithPath: TestPaths.packageRoot)

    /// The `.target(name: "…")` entries of Package.swift: the library targets (system libraries, the
    /// executable and test targets are declared with other functions; the test support target, whose
    /// path is under Tests/, is left out).
    static func libraryTargets() throws -> [String] {
        let manifest = try String(contentsOf: packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let marker = ".target(name: \""
        var names: [String] = []
        var rest = manifest[...]
        while let start = rest.range(of: marker) {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            // Test support under Tests/ is a library target for the test targets only: no catalog.
            let declaration = rest[..<(rest.firstIndex(of: "\n") ?? rest.endIndex)]
            if !declaration.contains("path: \"Tests/") { names.append(String(rest[..<end])) }
            rest = rest[end...]
        }
        return names
    }

    /// Every `.md` file of every catalog under `Sources/`.
    static func catalogPages() throws -> [URL] {
        let sources = packageRoot.appendingPathComponent("Sources")
        var pages: [URL] = []
        for target in try FileManager.default.contentsOfDirectory(atPath: sources.path).sorted() {
            let catalog = sources.appendingPathComponent(target).appendingPathComponent("\(target).docc")
            guard let walker = FileManager.default.enumerator(atPath: catalog.path) else { continue }
            for case let relative as String in walker where relative.hasSuffix(".md") {
                pages.append(catalog.appendingPathComponent(relative))
            }
        }
        return pages.sorted { $0.path < $1.path }
    }

    /// The fenced ```` ```swift ```` blocks of a Markdown page, each as its lines.
    static func swiftBlocks(_ markdown: String) -> [[String]] {
        var blocks: [[String]] = []
        var current: [String]?
        for line in markdown.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```swift" {
                current = []
            } else if current != nil, trimmed == "```" {
                blocks.append(current ?? [])
                current = nil
            } else if current != nil {
                current?.append(line)
            }
        }
        return blocks
    }

    static func trimmedLines(_ lines: some Sequence<some StringProtocol>) -> [String] {
        lines.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Whether `needle` occurs as consecutive lines of `haystack`.
    static func contains(_ haystack: [String], run needle: [String]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        return (0...(haystack.count - needle.count)).contains { start in
            Array(haystack[start..<(start + needle.count)]) == needle
        }
    }

    @Test func everyLibraryTargetHasALandingPageNamingItsModule() throws {
        let targets = try Self.libraryTargets()
        #expect(targets.count >= 10, "Package.swift parsing found only \(targets)")
        for target in targets {
            let page = Self.packageRoot.appendingPathComponent("Sources/\(target)/\(target).docc/\(target).md")
            guard let text = try? String(contentsOf: page, encoding: .utf8) else {
                Issue.record("missing DocC landing page Sources/\(target)/\(target).docc/\(target).md")
                continue
            }
            let title = text.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            #expect(title.map(String.init) == "# ``\(target)``", "landing page of \(target) starts with \(title ?? "nothing")")
            #expect(text.contains("## Overview"), "landing page of \(target) has no Overview")
            #expect(text.contains("## Topics"), "landing page of \(target) has no Topics")
            #expect(!Self.swiftBlocks(text).isEmpty, "landing page of \(target) has no Swift example")
        }
    }

    /// Every Swift file under `Tests/`, as trimmed lines.
    static func testFiles() throws -> [(name: String, lines: [String])] {
        let tests = packageRoot.appendingPathComponent("Tests")
        var testFiles: [(name: String, lines: [String])] = []
        if let walker = FileManager.default.enumerator(atPath: tests.path) {
            for case let relative as String in walker where relative.hasSuffix(".swift") {
                let text = try String(contentsOf: tests.appendingPathComponent(relative), encoding: .utf8)
                testFiles.append((relative, trimmedLines(text.components(separatedBy: "\n"))))
            }
        }
        return testFiles
    }

    /// Whether a test file holds `block` line for line, with its imports.
    static func isCompiled(_ block: [String], in testFiles: [(name: String, lines: [String])]) -> Bool {
        let lines = trimmedLines(block)
        let imports = lines.prefix { $0.hasPrefix("import ") || $0.isEmpty }.filter { !$0.isEmpty }
        let body = Array(lines.drop { $0.hasPrefix("import ") || $0.isEmpty })
        return testFiles.contains { file in contains(file.lines, run: body) && imports.allSatisfy(file.lines.contains) }
    }

    /// The README's library example (a Swift block that starts with `import`; the package-dependency
    /// line is a fragment of someone else's Package.swift) is code a test compiles.
    @Test func theReadmeLibraryExampleIsCompiledByATest() throws {
        let readme = try String(contentsOf: Self.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let programs = Self.swiftBlocks(readme).filter { $0.first?.hasPrefix("import ") == true }
        #expect(!programs.isEmpty, "the README has no Swift example for library users")
        let testFiles = try Self.testFiles()
        for block in programs {
            #expect(Self.isCompiled(block, in: testFiles), "README.md: this example is not in any test file:\n\(block.joined(separator: "\n"))")
        }
        #expect(readme.contains(".package(path: ") || readme.contains(".package(url: "), "the README has no SwiftPM dependency line")
    }

    @Test func everySwiftExampleInTheCatalogsIsCompiledByATest() throws {
        let testFiles = try Self.testFiles()
        let pages = try Self.catalogPages()
        #expect(!pages.isEmpty, "no DocC pages under Sources/*/*.docc")
        var examples = 0
        for page in pages {
            let text = try String(contentsOf: page, encoding: .utf8)
            for block in Self.swiftBlocks(text) {
                examples += 1
                #expect(Self.isCompiled(block, in: testFiles), """
                    \(page.lastPathComponent): this example is not in any test file (with its imports), so \
                    nothing checks that it compiles:
                    \(block.joined(separator: "\n"))
                    """)
            }
        }
        #expect(examples >= 10)
    }
}
