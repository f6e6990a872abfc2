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
        .executable(name: "mofkit", targets: ["mofkit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // bytes → text: encodings, line table, locations, diagnostics and their code registry.
        .target(name: "MofkitSource"),
        // Diagnostics → clang-style text, JSON, SARIF 2.1.0.
        .target(name: "DiagnosticRendering", dependencies: ["MofkitSource"]),
        // text → tokens → lossless syntax tree; printer, formatter, includes, syntax check driver.
        .target(name: "MOFSyntax", dependencies: ["MofkitSource"]),

        // C libraries, found with pkg-config.
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CLibMspack", pkgConfig: "libmspack",
            providers: [.apt(["libmspack-dev"])]),
        // Update catalogs: streaming XML (libxml2), CAB (libmspack), catalog model, rule trees, JSON.
        .target(name: "UpdateCatalog", dependencies: ["MofkitSource", "CLibXML2", "CLibMspack"]),

        // The command-line tool: a thin layer over the libraries.
        .executableTarget(
            name: "mofkit",
            dependencies: [
                "MofkitSource", "DiagnosticRendering", "MOFSyntax", "UpdateCatalog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .testTarget(name: "MofkitSourceTests", dependencies: ["MofkitSource"]),
        .testTarget(name: "DiagnosticRenderingTests", dependencies: ["DiagnosticRendering", "MofkitSource"]),
        .testTarget(name: "MOFSyntaxTests", dependencies: ["MOFSyntax", "MofkitSource"]),
        .testTarget(name: "UpdateCatalogTests", dependencies: ["UpdateCatalog", "MofkitSource"]),
        // End-to-end tests: run the built `mofkit` binary.
        .testTarget(name: "MofkitCLITests", dependencies: ["mofkit"]),
    ]
)
