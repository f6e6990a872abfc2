// swift-tools-version:6.0
// mofkit: MOF and software-update catalog toolkit.
// The pipeline reads top to bottom: bytes → tokens → lossless tree → model → rules → evaluation.
import PackageDescription

let package = Package(
    name: "mofkit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "MofkitSource", targets: ["MofkitSource"]),
        .library(name: "DiagnosticRendering", targets: ["DiagnosticRendering"]),
        .library(name: "MOFSyntax", targets: ["MOFSyntax"]),
        .library(name: "UpdateCatalog", targets: ["UpdateCatalog"]),
        .library(name: "MOFModel", targets: ["MOFModel"]),
        .library(name: "InventoryRules", targets: ["InventoryRules"]),
        .library(name: "RegistryExport", targets: ["RegistryExport"]),
        .library(name: "MachineState", targets: ["MachineState"]),
        .library(name: "InventoryCollection", targets: ["InventoryCollection"]),
        .library(name: "Applicability", targets: ["Applicability"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "CollectionQueries", targets: ["CollectionQueries"]),
        .library(name: "LSPCore", targets: ["LSPCore"]),
        .library(name: "MOFLanguageServer", targets: ["MOFLanguageServer"]),
        .library(name: "FleetDatabase", targets: ["FleetDatabase"]),
        .executable(name: "mofkit", targets: ["mofkit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation`: the DocC catalogs in Sources/*/*.docc (Scripts/docs.sh).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
        // PostgreSQL wire protocol (COPY FROM STDIN, binds) for FleetDatabase only: Reports stays free of it.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // bytes → text: encodings, line table, locations, diagnostics and their code registry.
        .target(name: "MofkitSource"),
        // Diagnostics → clang-style text, JSON, SARIF 2.1.0.
        .target(name: "DiagnosticRendering", dependencies: ["MofkitSource"]),
        // text → tokens → lossless syntax tree; printer, formatter, includes, syntax check driver.
        .target(name: "MOFSyntax", dependencies: ["MofkitSource"]),
        // tree → semantic model (namespaces, qualifiers, classes, instances), MOF3xxx/MOF4xxx checks.
        .target(name: "MOFModel", dependencies: ["MofkitSource", "MOFSyntax"]),
        // Registry exports (.reg, REGEDIT4 and version 5) → keys, values, deletions with their places.
        // Low in the graph: both InventoryRules (`gen from-reg`) and MachineState (snapshots) read them.
        .target(name: "RegistryExport", dependencies: ["MofkitSource"]),
        // model → inventory collection rules; MOF generation from .reg exports.
        .target(name: "InventoryRules", dependencies: ["MofkitSource", "MOFSyntax", "MOFModel", "RegistryExport"]),
        // Machine snapshots: JSON, .reg exports (RegistryExport), WMI instance MOF; merging; OS facts.
        .target(name: "MachineState", dependencies: ["MofkitSource", "MOFSyntax", "RegistryExport"]),
        // Collection rules applied to a snapshot: the rows hardware inventory would report.
        .target(name: "InventoryCollection", dependencies: ["MofkitSource", "MachineState", "InventoryRules"]),

        // C libraries, found with pkg-config.
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CLibMspack", pkgConfig: "libmspack",
            providers: [.apt(["libmspack-dev"])]),
        // Update catalogs: streaming XML (libxml2), CAB (libmspack), catalog model, rule trees, JSON.
        .target(name: "UpdateCatalog", dependencies: ["MofkitSource", "CLibXML2", "CLibMspack"]),
        // Catalog rules × snapshots → installed / missing / not-applicable / unknown, with traces; fleet scans.
        .target(name: "Applicability", dependencies: ["MofkitSource", "MachineState", "UpdateCatalog"]),
        // The system SQLite (libsqlite3-dev), for the fleet report database.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // Fleet scan results → CSV, JSON, SQLite (v_GS_PatchState), single-file HTML.
        .target(name: "Reports", dependencies: ["Applicability", "CSQLite", "MachineState", "InventoryCollection", "MofkitSource"]),
        // WQL collection queries → typed AST → SQL on the report database (SMS_R_System, SMS_G_System_*).
        .target(name: "CollectionQueries", dependencies: ["MofkitSource", "MOFSyntax", "MOFModel", "InventoryRules", "InventoryCollection", "Reports"]),

        // LSP 3.17 protocol types and JSON-RPC transport (framing, ids, cancellation): nothing about MOF.
        .target(name: "LSPCore"),
        // `mofkit lsp`: documents, checks and editor features over MOFSyntax/MOFModel.
        .target(name: "MOFLanguageServer", dependencies: ["LSPCore", "MofkitSource", "MOFSyntax", "MOFModel"]),
        // Fleet scans in a database (SQLite or PostgreSQL): one schema as data, migrations, planned
        // batches claimed by workers (FOR UPDATE SKIP LOCKED, leases), COPY bulk loads, reports from the database,
        // and the site tables collection queries (CollectionQueries) run on.
        .target(name: "FleetDatabase", dependencies: [
            "Reports", "Applicability", "MachineState", "InventoryCollection", "UpdateCatalog", "MofkitSource", "CSQLite",
            "CollectionQueries",
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),

        // The command-line tool: a thin layer over the libraries.
        .executableTarget(
            name: "mofkit",
            dependencies: [
                "MofkitSource", "DiagnosticRendering", "MOFSyntax", "UpdateCatalog", "MOFModel", "InventoryRules",
                "RegistryExport", "MachineState", "InventoryCollection", "Applicability", "Reports", "CollectionQueries",
                "LSPCore", "MOFLanguageServer", "FleetDatabase",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Benchmarks/mof-recheck.sh: MOFDocumentCheck.rechecked(newText:) after one-character edits.
        .executableTarget(name: "mofkit-recheck-bench", dependencies: ["MOFModel", "MOFSyntax", "MofkitSource"],
                          path: "Benchmarks/RecheckBench"),

        // What every test target shares: the package root, the corpora paths, golden files with the one
        // MOFKIT_UPDATE_GOLDEN=1 switch.
        .target(name: "MofkitTestSupport", dependencies: ["MofkitSource"], path: "Tests/MofkitTestSupport"),

        .testTarget(name: "MofkitSourceTests", dependencies: ["MofkitTestSupport", "MofkitSource"]),
        .testTarget(name: "DiagnosticRenderingTests", dependencies: ["MofkitTestSupport", "DiagnosticRendering", "MofkitSource"]),
        .testTarget(name: "MOFSyntaxTests", dependencies: ["MofkitTestSupport", "MOFSyntax", "MofkitSource"]),
        .testTarget(name: "UpdateCatalogTests", dependencies: ["MofkitTestSupport", "UpdateCatalog", "MofkitSource"]),
        .testTarget(name: "MOFModelTests", dependencies: ["MofkitTestSupport", "MOFModel", "MOFSyntax", "MofkitSource"]),
        // Golden files are read by path (#filePath), not bundled.
        .testTarget(name: "InventoryRulesTests", dependencies: ["MofkitTestSupport", "InventoryRules", "MOFModel", "MOFSyntax", "MofkitSource", "RegistryExport"],
                    exclude: ["Golden"]),
        .testTarget(name: "MachineStateTests", dependencies: ["MofkitTestSupport", "MachineState", "MofkitSource", "RegistryExport"]),
        .testTarget(name: "InventoryCollectionTests", dependencies: ["MofkitTestSupport", "InventoryCollection", "InventoryRules", "MachineState", "MofkitSource"]),
        .testTarget(name: "ApplicabilityTests", dependencies: ["MofkitTestSupport", "Applicability", "MachineState", "UpdateCatalog", "MofkitSource"],
                    exclude: ["Golden"]),
        .testTarget(name: "ReportsTests", dependencies: ["MofkitTestSupport", "Reports", "Applicability", "MachineState", "UpdateCatalog"]),
        .testTarget(name: "CollectionQueriesTests", dependencies: ["MofkitTestSupport", "CollectionQueries", "Reports", "InventoryCollection", "InventoryRules", "MachineState", "MofkitSource", "FleetDatabase"]),
        .testTarget(name: "LSPCoreTests", dependencies: ["LSPCore"]),
        .testTarget(name: "MOFLanguageServerTests", dependencies: ["MofkitTestSupport", "MOFLanguageServer", "LSPCore", "MofkitSource"]),
        .testTarget(name: "FleetDatabaseTests", dependencies: ["MofkitTestSupport", "FleetDatabase", "Reports", "Applicability", "MachineState", "UpdateCatalog"]),
        // End-to-end tests: run the built `mofkit` binary.
        .testTarget(name: "MofkitCLITests", dependencies: ["MofkitTestSupport", "mofkit", "FleetDatabase"]),
    ]
)
