import Foundation
import Testing
@testable import MofkitSource

/// The one-of-each tools every module uses: JSON writer, CSV, file writer, directory walk, parallel
/// map, core count.
@Suite struct SharedToolsTests {
    // MARK: JSON

    @Test func compactJSONWritesNoWhiteSpaceAndKeepsMemberOrder() {
        var json = JSONWriter()
        json.beginObject()
        json.member("z", "a\"b\n")
        json.member("n", 42)
        json.member("b", false)
        json.key("list")
        json.strings(["x", "y"])
        json.key("empty")
        json.beginObject()
        json.endObject()
        json.key("none")
        json.null()
        json.endObject()
        #expect(json.text == #"{"z":"a\"b\n","n":42,"b":false,"list":["x","y"],"empty":{},"none":null}"#)
    }

    @Test func linesArrayPutsOneItemPerLine() {
        var json = JSONWriter()
        json.beginArray(lines: true)
        for i in 0..<3 {
            json.beginObject()
            json.member("i", i)
            json.endObject()
        }
        json.endArray()
        #expect(json.text == "[{\"i\":0},\n{\"i\":1},\n{\"i\":2}]")
    }

    @Test func indentedJSONPutsEachItemOnALine() {
        let value = JSONValue.object([("a", .int(1)), ("b", .array([.string("x"), .object([("c", .bool(true))])])), ("e", .array([]))])
        #expect(value.text(style: .indented) == """
            {
              "a": 1,
              "b": [
                "x",
                {
                  "c": true
                }
              ],
              "e": []
            }
            """)
    }

    @Test func flatOnOneLineLayoutKeepsShortRecordsOnOneLine() {
        let value = JSONValue.object([
            ("values", .array([.object([("name", .string("v")), ("type", .string("REG_SZ")), ("data", .array([.int(1), .int(2)]))])])),
            ("big", .object([("a", .int(1)), ("b", .int(2)), ("c", .int(3)), ("d", .int(4))])),
        ])
        #expect(value.text(style: .indented, layout: .flatOnOneLine) == """
            {
              "values": [
                {"name": "v", "type": "REG_SZ", "data": [1, 2]}
              ],
              "big": {
                "a": 1,
                "b": 2,
                "c": 3,
                "d": 4
              }
            }
            """)
    }

    @Test func realsKeepAFractionAndNonFiniteIsNull() {
        #expect(JSONValue.real(1).text() == "1.0")
        #expect(JSONValue.real(.infinity).text() == "null")
        #expect(JSONValue.real(.nan).text() == "null")
    }

    // MARK: CSV

    @Test func csvQuotesOnlyWhatNeedsIt() {
        #expect(CSV.field("plain") == "plain")
        #expect(CSV.field("a,b") == "\"a,b\"")
        #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.field("two\r\nlines") == "\"two\r\nlines\"")
        #expect(CSV.field(" padded") == "\" padded\"")
        #expect(CSV.field("padded ") == "\"padded \"")
        #expect(CSV.field("") == "")
        #expect(CSV.line(["a", "b,c", ""]) == "a,\"b,c\",\r\n")
    }

    // MARK: files

    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mofkit-tools-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func fileWriterReplacesThroughATemporaryFileAndKeepsPermissions() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.txt"
        try FileWriter.write("first", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first")
        chmod(path, 0o600)
        try FileWriter.write(Array("second".utf8), to: path, sync: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try FileSystem.entries(of: directory) == ["out.txt"], "no temporary file is left")
    }

    @Test func discardedWriterLeavesTheOldFile() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/keep.txt"
        try FileWriter.write("old", to: path)
        var writer = try FileWriter(path: path)
        writer.write("new")
        writer.discard()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileSystem.entries(of: directory) == ["keep.txt"])
    }

    @Test func writerIntoAMissingDirectoryFails() {
        #expect(throws: FileSystemError.self) { try FileWriter.write("x", to: "/nonexistent-mofkit-dir/file") }
    }

    @Test func directoryEntriesAreSortedAndHiddenOnesOptional() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["b.mof", ".hidden", "A.json", "c"] { try FileWriter.write("", to: directory + "/" + name) }
        #expect(try FileSystem.entries(of: directory) == [".hidden", "A.json", "b.mof", "c"])
        #expect(try FileSystem.entries(of: directory, hidden: false) == ["A.json", "b.mof", "c"])
        #expect(FileSystem.isDirectory(directory) && !FileSystem.isRegularFile(directory))
        #expect(FileSystem.isRegularFile(directory + "/c"))
        #expect(throws: FileSystemError.self) { try FileSystem.entries(of: directory + "/missing") }
    }

    // MARK: parallel map and cores

    @Test func parallelMapReturnsResultsInIndexOrderForAnyThreadCount() {
        for threads in [1, 2, 7] {
            #expect(ParallelMap.run(count: 100, threads: threads) { $0 * $0 } == (0..<100).map { $0 * $0 })
        }
        #expect(ParallelMap.run(count: 0, threads: 4) { $0 }.isEmpty)
    }

    @Test func coreCountReadsAffinityAndCgroupQuota() {
        #expect(Host.availableCores >= 1)
        #expect(Host.affinityCount(status: "Name:\tx\nCpus_allowed:\tf\nCpus_allowed_list:\t0-3\n") == 4)
        #expect(Host.affinityCount(status: "Cpus_allowed:\tffffffff,00000003\n") == 34)
        #expect(Host.affinityCount(status: "Name:\tx\n") == nil)
        #expect(Host.quota(cpuMax: "max 100000\n") == nil)
        #expect(Host.quota(cpuMax: "150000 100000\n") == 2)
        #expect(Host.quota(cpuMax: "100000 100000") == 1)
        #expect(Host.quota("-1\n", "100000\n") == nil)
        #expect(Host.quota("50000\n", "100000\n") == 1)
    }

    @Test func editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        #expect(EditDistance.between(Array("kitten"), Array("sitting")) == 3)
        #expect(EditDistance.between(Array("MOF1003"), Array("MOF1003")) == 0)
        #expect(EditDistance.between(Array("MOF103"), Array("MOF1003")) == 1)
        #expect(EditDistance.between(Array(""), Array("abc")) == 3)
        #expect(EditDistance.between(Array("abc"), Array("")) == 3)
        #expect(EditDistance.between(Array("ab"), Array("ba")) == 2)
    }
}
