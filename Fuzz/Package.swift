// swift-tools-version:6.0
// libFuzzer targets for mofkit's parsers. A separate package, so the main `swift build` and
// `swift test` never build them. Build and run one with `Scripts/fuzz.sh TARGET SECONDS`; see
// `Docs/fuzzing.md`.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder (`mofkit`, or a worktree's name).
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "mofkit-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        // MOF text → syntax tree, formatter, semantic model and inventory checks, rendered diagnostics.
        .executableTarget(name: "FuzzMOF", dependencies: [
            .product(name: "MofkitSource", package: root),
            .product(name: "MOFSyntax", package: root),
            .product(name: "MOFModel", package: root),
            .product(name: "DiagnosticRendering", package: root),
        ]),
        // Catalog XML (Mssecure, WSUS package.xml and per-update XML, Updates Publisher catalogs and
        // .sdp): read, JSON records, rule compilation and evaluation on an empty machine.
        .executableTarget(name: "FuzzCatalogXML", dependencies: [
            .product(name: "UpdateCatalog", package: root),
            .product(name: "Applicability", package: root),
            .product(name: "MachineState", package: root),
        ]),
        // Differential: streaming `catalog convert` against the typed model path, byte for byte.
        .executableTarget(name: "FuzzCatalogConvert", dependencies: [
            .product(name: "UpdateCatalog", package: root),
        ]),
        // Cabinets (libmspack) holding a catalog.
        .executableTarget(name: "FuzzCabinet", dependencies: [
            .product(name: "UpdateCatalog", package: root),
        ]),
        // Registry exports (.reg) as a machine source.
        .executableTarget(name: "FuzzRegFile", dependencies: [
            .product(name: "MofkitSource", package: root),
            .product(name: "MachineState", package: root),
        ]),
        // Snapshot JSON as a machine source, written back as JSON.
        .executableTarget(name: "FuzzSnapshotJSON", dependencies: [
            .product(name: "MofkitSource", package: root),
            .product(name: "MachineState", package: root),
        ]),
        // WMI instance MOF (a collector's export) as a machine source.
        .executableTarget(name: "FuzzWMIMOF", dependencies: [
            .product(name: "MofkitSource", package: root),
            .product(name: "MachineState", package: root),
        ]),
        // Collection queries (WQL, or a MOF collection export) parsed and translated to SQL.
        .executableTarget(name: "FuzzWQL", dependencies: [
            .product(name: "MofkitSource", package: root),
            .product(name: "CollectionQueries", package: root),
        ]),
        // The language server's message layer: framing, JSON-RPC, every request on an open document.
        .executableTarget(name: "FuzzLSPMessages", dependencies: [
            .product(name: "LSPCore", package: root),
            .product(name: "MOFLanguageServer", package: root),
        ]),
        // Edit sequences through didChange: the server's text against a reference after every edit.
        .executableTarget(name: "FuzzLSPEdits", dependencies: [
            .product(name: "LSPCore", package: root),
            .product(name: "MOFLanguageServer", package: root),
        ]),
    ]
)
