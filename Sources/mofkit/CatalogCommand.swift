import ArgumentParser
import DiagnosticRendering
import Foundation
import MofkitSource
import UpdateCatalog

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `mofkit catalog`: read software-update catalogs (mssecure.xml, wsusscn2 package.xml and update XML,
/// Updates Publisher catalogs and .sdp files, and .cab files holding them).
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Convert, summarise and inspect software-update catalogs.",
        discussion: """
            Formats are detected from the root element and namespace: BulletinDatastore (mssecure.xml), \
            OfflineSyncPackage (wsusscn2 package.xml), upd:Update and wsusscn2 fragments, \
            SystemsManagementCatalog and SoftwareDistributionPackage (Updates Publisher). A .cab is read \
            through libmspack without unpacking to disk; cabinet signatures are not checked.
            """,
        subcommands: [CatalogConvertCommand.self, CatalogStatsCommand.self, CatalogShowCommand.self])
}

/// Prints the diagnostics of a read to standard error, clang style.
func reportCatalogDiagnostics(_ summary: CatalogReadSummary) {
    guard !summary.diagnostics.isEmpty else { return }
    var text = TextDiagnosticRenderer(useColor: Output.wantsColor(.auto, descriptor: 2))
        .render(summary.diagnostics, sources: [:])
    if summary.suppressedDiagnostics > 0 {
        text += "(\(summary.suppressedDiagnostics) more diagnostics not shown)\n"
    }
    Output.standardError(text)
}

struct CatalogConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a catalog to JSON Lines (one record per line, streamed) or one JSON document.",
        discussion: """
            Records: a `catalog` header, one `update` per update, `fileLocation`s (wsusscn2), `entry`s \
            (mssecure tables and anything outside updates), for a wsusscn2.cab a `cabinetIndex` and one \
            `fragment` per c/, x/, l/ member of its packageN.cabs (with the update it belongs to), and a \
            final `end` record (or `error` when the input is damaged). Every element and attribute of the input is in the output: typed \
            members for what the model knows, the rest under `extra`. See Docs/catalog-json.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, jsonl }

    @Argument(help: "The catalog (XML or .cab); `-` reads standard input.")
    var file: String

    @Option(name: .long, help: "Output format: jsonl (default) or json.")
    var format: Format = .jsonl

    @Option(name: .shortAndLong, help: "Write to this file (created under a temporary name, renamed on success).")
    var output: String?

    @Option(help: """
        1: read, parse and write on one thread; 2: parse on a second thread while this one writes JSON \
        (default: 2 when two or more cores are available). The output does not depend on it.
        """)
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        var sink: FileWriter
        if let output {
            do { sink = try FileWriter(path: output) } catch {
                Output.error("cannot create '\(error.path)': \(error.reason)")
                throw ExitCode(2)
            }
        } else {
            sink = .standardOutput()
        }
        var json = JSONBuffer(capacity: 1 << 21)
        let lines = format == .jsonl
        if !lines { json.bytes.append(contentsOf: Array("{\"records\":[\n".utf8)) }
        let stages = threads ?? (Host.availableCores >= 2 ? 2 : 1)
        let summary = CatalogReader.convert(path: file, lines: lines, threads: stages, json: &json) { sink.write($0) }
        if !lines { json.bytes.append(contentsOf: Array("\n],\n\"summary\":".utf8)) }
        json.writeTrailer(summary)
        if !lines { json.bytes.append(0x7D) }
        json.newline()
        sink.write(json.bytes)
        reportCatalogDiagnostics(summary)
        // A failed read leaves an existing output file as it was.
        if summary.succeeded {
            do { try sink.commit() } catch {
                Output.error("cannot write '\(error.path)': \(error.reason)")
                throw ExitCode(2)
            }
        } else {
            sink.discard()
        }
        if !summary.succeeded { throw ExitCode(1) }
    }
}

struct CatalogStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Summarise a catalog: format, counts by vendor/product/classification, rule types used.")

    @Argument(help: "The catalog (XML or .cab).")
    var file: String

    @Flag(name: .long, help: "Print the statistics as JSON.")
    var json = false

    func run() throws {
        var statistics = CatalogStatistics()
        let summary = CatalogReader.read(path: file) { statistics.add($0) }
        Output.standardOutput(json ? statistics.json(summary) : statistics.text(summary, file: file))
        reportCatalogDiagnostics(summary)
        if !summary.succeeded { throw ExitCode(1) }
    }
}

struct CatalogShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one update, readable, with its rules as an indented tree.",
        discussion: """
            An update of a wsusscn2.cab is shown with its fragments joined on: rules from the core \
            fragment, KB articles and files from the extended one, titles in every language.
            """)

    @Argument(help: "The catalog (XML or .cab).")
    var file: String

    @Argument(help: "UpdateID, PackageID, RevisionId, BulletinID or KB article (case-insensitive).")
    var id: String

    func run() throws {
        var mssecureTables = MssecureTables()
        let (found, summary) = FragmentJoiner.find(id, path: file) { record in
            if case .entry(let entry) = record { mssecureTables.add(entry) }
        }
        for update in found {
            let detection = update.format == .mssecure ? mssecureTables.detection(for: update) : nil
            Output.standardOutput(CatalogShowFormatter.describe(update, mssecure: detection))
        }
        reportCatalogDiagnostics(summary)
        if found.isEmpty {
            Output.error("no update '\(id)' in \(file)")
            throw ExitCode(1)
        }
        if !summary.succeeded { throw ExitCode(1) }
    }
}
