import DiagnosticRendering
import MOFModel
import MOFSyntax
import MofkitSource

/// The bundled client context, built once (as `mofkit check` builds it once per run).
private let baseModel = MOFSemanticAnalyzer.baseModel(context: .bundled)

/// `mofkit check` and `mofkit format` on one in-memory file: decode, parse, format, build the
/// semantic model, run the inventory checks and render every diagnostic with its source excerpt.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMOF(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let source = SourceFile(path: "fuzz.mof", bytes: bytes)
    let tree = MOFParser.parse(source)
    _ = MOFFormatter.format(tree)
    let compilation = MOFDeclarationLoader.load(source: source)
    let analysis = MOFSemanticAnalyzer.analyze(compilation, base: baseModel)
    let diagnostics = source.decodingDiagnostics + tree.diagnostics + analysis.diagnostics
    _ = TextDiagnosticRenderer().render(diagnostics, sources: [source.path: source])
    return 0
}
