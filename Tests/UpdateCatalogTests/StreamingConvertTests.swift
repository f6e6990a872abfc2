import Foundation
import MofkitSource
import Testing
@testable import UpdateCatalog

/// `CatalogReader.convert` (records written straight from the parser's events where it can) must give
/// exactly the bytes of the typed model path (`read` + `JSONBuffer.write`) and the same summary.
struct StreamingConvertTests {
    /// The model path: every record through the typed model, then JSON.
    static func modelJSON(path: String, lines: Bool) -> (bytes: [UInt8], summary: CatalogReadSummary) {
        var json = JSONBuffer()
        var first = true
        let summary = CatalogReader.read(path: path) { record in
            if !lines && !first { json.bytes.append(contentsOf: [0x2C, 0x0A]) }
            first = false
            json.write(record)
            if lines { json.newline() }
        }
        return (json.bytes, summary)
    }

    /// The streaming path, with a small flush threshold exercised by collecting every flush.
    static func streamedJSON(path: String, lines: Bool) -> (bytes: [UInt8], summary: CatalogReadSummary) {
        var json = JSONBuffer()
        var flushed: [UInt8] = []
        let summary = CatalogReader.convert(path: path, lines: lines, json: &json) { flushed.append(contentsOf: $0) }
        return (flushed + json.bytes, summary)
    }

    static func expectSameOutput(_ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for lines in [true, false] {
            let model = modelJSON(path: path, lines: lines)
            let streamed = streamedJSON(path: path, lines: lines)
            #expect(streamed.bytes == model.bytes, "\(path) (lines: \(lines))", sourceLocation: sourceLocation)
            #expect(streamed.summary.updateCount == model.summary.updateCount, sourceLocation: sourceLocation)
            #expect(streamed.summary.recordCount == model.summary.recordCount, sourceLocation: sourceLocation)
            #expect(streamed.summary.diagnostics == model.summary.diagnostics, sourceLocation: sourceLocation)
            #expect(streamed.summary.format == model.summary.format, sourceLocation: sourceLocation)
        }
    }

    static let corpusFiles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: CatalogPaths.corpus.path)) ?? []
        return names.sorted().map { CatalogPaths.corpusFile($0) }
    }()

    @Test func corpusHasFiles() {
        #expect(Self.corpusFiles.count >= 7)
    }

    @Test(arguments: corpusFiles)
    func corpusFileConvertsTheSameBothWays(_ path: String) {
        Self.expectSameOutput(path)
    }

    @Test(.enabled(if: CatalogPaths.sharedAvailable, "../shared/corpus/catalogs is absent (not part of a plain clone)"))
    func sharedCatalogsConvertTheSameBothWays() throws {
        let manifest = try String(contentsOf: CatalogPaths.shared.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
        var compared = 0
        for line in manifest.split(separator: "\n").dropFirst() {
            let path = CatalogPaths.shared.appendingPathComponent(String(line.prefix { $0 != "\t" })).path
            guard !path.hasSuffix(".xsd"), FileManager.default.fileExists(atPath: path) else { continue }
            Self.expectSameOutput(path)
            compared += 1
        }
        #expect(compared >= 30)
    }

    /// package.xml updates with everything the typed members do not take: the residue (`extra`) must
    /// keep exactly what is left, in order.
    @Test func offlineSyncResidueMatchesTheModel() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <OfflineSyncPackage xmlns="http://schemas.microsoft.com/msus/2004/02/OfflineSync" MinimumClientVersion="5.8" x:y="1" xmlns:x="urn:x">
              <Updates>
                <Update UpdateId="" RevisionNumber="" RevisionId="7" IsLeaf="1" IsBundle="false" x:Extra="a &amp; b" Odd="&lt;&quot;&#9;&gt;">
                  <Categories><Category Type="Company" Id="c1" /><Category Type="Product" Id="p1" Note="kept" /><Other /></Categories>
                  <Categories />
                  <Prerequisites><UpdateId Id="u1" /><UpdateId /><AtLeastOne><UpdateId Id="u2" /></AtLeastOne></Prerequisites>
                  <SupersededBy><Revision Id="9" /><Revision Id="10">text &amp; more<![CDATA[ cdata ]]></Revision></SupersededBy>
                  <BundledBy><Revision Id="11" /></BundledBy>
                  <PayloadFiles><File Id="f1" /><File Id="f2" Size="3" /></PayloadFiles>
                  <Unknown A="1">  </Unknown>
                  tail text
                </Update>
                <Update UpdateId="u9" RevisionNumber="200" RevisionId="8" IsLeaf="true" IsBundle="TRUE" CreationDate="2024-01-01T00:00:00Z" DefaultLanguage="en" />
                <Update UpdateId="u10" RevisionId="9"><Categories><Category Type="Company" /></Categories></Update>
                <Other />
              </Updates>
              <FileLocations>
                <FileLocation Id="f1" Url="http://example.invalid/f1" />
                <FileLocation Id="f2" Url="http://example.invalid/f2" Extra="e"><Child /></FileLocation>
                <FileLocation />
              </FileLocations>
              <Trailer>words</Trailer>
            </OfflineSyncPackage>
            """
        let path = temporaryFile("residue-package.xml", Array(xml.utf8))
        Self.expectSameOutput(path)
        let streamed = String(decoding: Self.streamedJSON(path: path, lines: true).bytes, as: UTF8.self)
        // Spot checks that the comparison is about real content.
        #expect(streamed.contains(#""categories":[{"type":"Company","id":"c1"},{"type":"Product","id":"p1"}]"#))
        #expect(streamed.contains(#""isBundle":false"#) && streamed.contains(#""IsLeaf":"1""#))  // "1" stays as written
        #expect(streamed.contains(#""{urn:x}Extra":"a & b""#))
        #expect(streamed.contains(#""text":"text & more cdata ""#))
        #expect(streamed.contains(#""Odd":"<\"\t>""#))
    }

    @Test func truncatedInputEndsTheSameBothWays() {
        let xml = #"<OfflineSyncPackage><Updates><Update UpdateId="a" RevisionId="1"><Categories><Category Type="Company" Id="c"/>"#
        let path = temporaryFile("truncated-package.xml", Array(xml.utf8))
        Self.expectSameOutput(path)
        #expect(!Self.streamedJSON(path: path, lines: true).summary.succeeded)
    }
}
