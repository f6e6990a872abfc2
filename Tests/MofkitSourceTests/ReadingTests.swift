import Foundation
import MofkitSource
import Testing

@Suite("Reading files")
struct ReadingTests {
    /// A fresh directory under the system temporary directory, removed by the caller.
    static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mofkit-source-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func readsAFileLargerThanOneChunkExactly() throws {
        let directory = try Self.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var rng = SplitMix64(seed: 11)
        let bytes = (0..<200_003).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let path = directory.appendingPathComponent("big.bin").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        #expect(try readBytes(path: path) == bytes)
    }

    @Test func readsAnEmptyFile() throws {
        let directory = try Self.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("empty.mof").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(try readBytes(path: path).isEmpty)
    }

    @Test func sourceFileReadDecodesUTF16() throws {
        let directory = try Self.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("unicode.mof").path
        let bytes = Bytes.utf16LEBOM + Bytes.utf16LE("class Ä\r\n{ };\r\n")
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let file = try SourceFile.read(path: path)
        #expect(file.path == path)
        #expect(file.encoding == .utf16LEBOM)
        #expect(file.text == Bytes.utf8("class Ä\r\n{ };\r\n"))
        #expect(file.encode(file.text) == bytes)
    }

    @Test func aDirectoryIsAnError() throws {
        let directory = try Self.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            _ = try readBytes(path: directory.path)
            Issue.record("reading a directory should fail")
        } catch {
            #expect(error.path == directory.path)
            #expect(error.reason == "is a directory")
            #expect(error.description == "\(directory.path): is a directory")
        }
    }

    @Test func aMissingFileIsAnError() throws {
        let directory = try Self.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("missing.mof").path
        do {
            _ = try SourceFile.read(path: path)
            Issue.record("reading a missing file should fail")
        } catch {
            #expect(error.path == path)
            #expect(error.reason.contains("No such file"))
        }
    }
}

@Suite("Codable values")
struct CodableTests {
    @Test func diagnosticRoundTripsThroughJSON() throws {
        let start = SourceLocation(line: 3, column: 7, offset: 40)
        let end = SourceLocation(line: 3, column: 9, offset: 42)
        let range = SourceRange(file: "a.mof", start: start, end: end)
        let diagnostic = Diagnostic(
            code: "MOF1003", severity: .warning, message: "m", range: range,
            notes: [DiagnosticNote(message: "declared here", range: range), DiagnosticNote(message: "no place")],
            fixIts: [FixIt(message: "insert ;", range: range, replacement: ";")])
        let data = try JSONEncoder().encode(diagnostic)
        #expect(try JSONDecoder().decode(Diagnostic.self, from: data) == diagnostic)
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(json.contains("\"MOF1003\""))  // codes encode as plain strings
        #expect(json.contains("\"warning\""))
    }

    @Test func decodingDiagnosticsEqualTheirJSONRoundTrip() throws {
        // Internal bookkeeping (the pending text range) must not make a decoded copy differ.
        let file = SourceFile(path: "a.mof", bytes: [0x61, 0xFF])
        let diagnostic = try #require(file.decodingDiagnostics.first)
        let copy = try JSONDecoder().decode(Diagnostic.self, from: JSONEncoder().encode(diagnostic))
        #expect(copy == diagnostic)
    }
}
