import Foundation
import MOFSyntax
import MofkitSource
import Testing

@Test func formatterPlayground() throws {
    guard let path = ProcessInfo.processInfo.environment["FMT_PLAY"] else { return }
    let source = try SourceFile.read(path: path)
    let tree = MOFParser.parse(source)
    let out = MOFFormatter.format(tree)
    FileManager.default.createFile(atPath: path + ".out", contents: Data(out))
}
