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

    /// The streaming path, with a small flush threshold exercised by collecting every flush; with
    /// `threads: 2` parsing runs on a second thread (the pipeline).
    static func streamedJSON(path: String, lines: Bool, threads: Int = 1) -> (bytes: [UInt8], summary: CatalogReadSummary) {
        var json = JSONBuffer()
        var flushed: [UInt8] = []
        let summary = CatalogReader.convert(path: path, lines: lines, threads: threads, json: &json) { flushed.append(contentsOf: $0) }
        return (flushed + json.bytes, summary)
    }

    /// The model path, the single-thread streaming path and the pipeline give the same bytes and summary.
    static func expectSameOutput(_ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for lines in [true, false] {
            let model = modelJSON(path: path, lines: lines)
            let streamed = streamedJSON(path: path, lines: lines)
            #expect(streamed.bytes == model.bytes, "\(path) (lines: \(lines))", sourceLocation: sourceLocation)
            #expect(streamed.summary.updateCount == model.summary.updateCount, sourceLocation: sourceLocation)
            #expect(streamed.summary.recordCount == model.summary.recordCount, sourceLocation: sourceLocation)
            #expect(streamed.summary.diagnostics == model.summary.diagnostics, sourceLocation: sourceLocation)
            #expect(streamed.summary.format == model.summary.format, sourceLocation: sourceLocation)
            expectSamePipelined(path, lines: lines, as: streamed, sourceLocation: sourceLocation)
        }
    }

    /// `threads: 2` gives exactly what `threads: 1` gave (`single`).
    static func expectSamePipelined(
        _ path: String, lines: Bool, as single: (bytes: [UInt8], summary: CatalogReadSummary),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let piped = streamedJSON(path: path, lines: lines, threads: 2)
        #expect(piped.bytes == single.bytes, "\(path) (lines: \(lines), threads: 2)", sourceLocation: sourceLocation)
        #expect(piped.summary.updateCount == single.summary.updateCount, sourceLocation: sourceLocation)
        #expect(piped.summary.recordCount == single.summary.recordCount, sourceLocation: sourceLocation)
        #expect(piped.summary.diagnostics == single.summary.diagnostics, sourceLocation: sourceLocation)
        #expect(piped.summary.suppressedDiagnostics == single.summary.suppressedDiagnostics, sourceLocation: sourceLocation)
        #expect(piped.summary.format == single.summary.format, sourceLocation: sourceLocation)
        #expect(piped.summary.cabinetMember == single.summary.cabinetMember, sourceLocation: sourceLocation)
    }

    /// Many batches: more records than one batch holds, names first seen late in the file, a record
    /// larger than a batch's byte budget, a diagnostic between records, and damage at the end.
    @Test func pipelineMatchesSingleThreadAcrossBatches() throws {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <OfflineSyncPackage xmlns="http://schemas.microsoft.com/msus/2004/02/OfflineSync" MinimumClientVersion="5.8">
              <Updates>

            """
        for index in 0..<(ConvertPipeline.recordsPerBatch * 5 + 7) {
            // Every 50th update brings an element and attribute name not seen before.
            let late = index % 50 == 0 ? "<Late\(index) Name\(index)=\"v\(index)\" />" : ""
            xml += "    <Update UpdateId=\"u\(index)\" RevisionId=\"\(index)\" IsLeaf=\"true\">\(late)<PayloadFiles><File Id=\"f\(index)\" /></PayloadFiles></Update>\n"
            if index == 100 { xml += "    <Update RevisionId=\"no-identity\" />\n" }
            if index == 200 {
                let text = String(repeating: "large text &amp; more ", count: ConvertPipeline.bytesPerBatch / 10)
                xml += "    <Update UpdateId=\"big\"><Note>\(text)</Note></Update>\n"
            }
        }
        xml += "  </Updates>\n  <FileLocations>\n"
        for index in 0..<150 { xml += "    <FileLocation Id=\"f\(index)\" Url=\"http://example.invalid/\(index)\" />\n" }
        let complete = xml + "  </FileLocations>\n</OfflineSyncPackage>\n"
        let truncated = xml + "    <FileLocation Id=\"cut"
        for (name, text) in [("batches.xml", complete), ("batches-cut.xml", truncated)] {
            let path = temporaryFile(name, Array(text.utf8))
            for lines in [true, false] {
                let single = Self.streamedJSON(path: path, lines: lines)
                #expect(single.summary.updateCount >= ConvertPipeline.recordsPerBatch * 5)
                #expect(single.summary.diagnostics.contains { $0.code == CatalogCode.missingIdentity })
                Self.expectSamePipelined(path, lines: lines, as: single)
            }
        }
    }

    /// Records too large to keep several in flight (each is written before the parse side goes on)
    /// between ordinary ones: the same output as one thread.
    @Test func pipelineMatchesSingleThreadWithHugeRecords() throws {
        let huge = String(repeating: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\n", count: ConvertPipeline.bytesWrittenAlone / 64 + 1)
        var xml = "<OfflineSyncPackage><Updates>\n"
        for index in 0..<3 {
            xml += "<Update UpdateId=\"huge\(index)\"><Note>\(huge)</Note></Update>\n"
            for small in 0..<40 { xml += "<Update UpdateId=\"s\(index)-\(small)\" />\n" }
        }
        xml += "</Updates></OfflineSyncPackage>\n"
        let path = temporaryFile("huge-records.xml", Array(xml.utf8))
        let single = Self.streamedJSON(path: path, lines: true)
        #expect(single.summary.updateCount == 123)
        Self.expectSamePipelined(path, lines: true, as: single)
    }

    /// A record over the byte limit after others in the same batch: reading stops with the
    /// diagnostic, and the records before it are written whole (the half-read one is dropped from
    /// the batch's tree, not the batch).
    @Test func pipelineKeepsTheRecordsBeforeAnOversizedOne() throws {
        var xml = "<OfflineSyncPackage><Updates>\n"
        for index in 0..<20 { xml += "<Update UpdateId=\"before\(index)\" />\n" }
        let line = String(repeating: "x", count: 1023) + "\n"
        xml += "<Update UpdateId=\"oversized\"><Note>"
        xml += String(repeating: line, count: CatalogReader.recordByteLimit / 1024 + 1)
        xml += "</Note></Update>\n<Update UpdateId=\"after\" />\n</Updates></OfflineSyncPackage>\n"
        let path = temporaryFile("oversized-record.xml", Array(xml.utf8))
        xml = ""
        let single = Self.streamedJSON(path: path, lines: true)
        #expect(single.summary.updateCount == 20)
        #expect(single.summary.diagnostics.contains { $0.code == CatalogCode.recordTooLarge })
        let text = String(decoding: single.bytes, as: UTF8.self)
        #expect(text.contains("\"before19\""))
        #expect(!text.contains("oversized") && !text.contains("\"after\""))
        Self.expectSamePipelined(path, lines: true, as: single)
    }

    /// Inputs that fail before, during or instead of parsing: the pipeline reports the same.
    @Test func pipelineMatchesSingleThreadOnDamagedInput() throws {
        let inputs: [(String, String)] = [
            ("empty.xml", ""),
            ("unknown-root.xml", "<Something><Else a=\"1\"/></Something>"),
            ("entity.xml", "<!DOCTYPE x [<!ENTITY e \"v\">]><BulletinDatastore><Bulletins><Bulletin BulletinID=\"b\">&e;</Bulletin></Bulletins></BulletinDatastore>"),
            ("cut-record.xml", "<BulletinDatastore><Bulletins><Bulletin BulletinID=\"x\">"),
        ]
        var paths = inputs.map { temporaryFile($0.0, Array($0.1.utf8)) }
        paths.append(temporaryFile("missing-dir", []) + "/does-not-exist.xml")
        for path in paths {
            for lines in [true, false] {
                Self.expectSamePipelined(path, lines: lines, as: Self.streamedJSON(path: path, lines: lines))
            }
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

    /// Updates Publisher packages with what the typed members leave behind (second holders, texts with
    /// attributes, unknown rules and attributes, invalid values, installer data) and rule diagnostics.
    @Test func packageResidueAndRuleDiagnosticsMatchTheModel() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <smc:SystemsManagementCatalog xmlns:smc="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/SystemsManagementCatalog.xsd" xmlns:sdp="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/SoftwareDistributionPackage.xsd" xmlns:bar="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/BaseApplicabilityRules.xsd" xmlns:lar="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/LogicalApplicabilityRules.xsd" xmlns:msiar="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/MsiApplicabilityRules.xsd" xmlns:cmd="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/Installers/CommandLineInstallation.xsd" xmlns:x="urn:x">
              <smc:SoftwareDistributionPackage SchemaVersion="1.0" x:Extra="e">
                <sdp:Properties PackageID="" CreationDate="2020-01-01T00:00:00" VendorName="V" Other="o">
                  <sdp:MoreInfoUrl>http://a.invalid/</sdp:MoreInfoUrl><sdp:MoreInfoUrl>  </sdp:MoreInfoUrl><sdp:ProductName Lang="en">P &amp; Q</sdp:ProductName>
                </sdp:Properties>
                <sdp:Properties PackageID="11111111-2222-3333-4444-555555555555" VendorName="W" />
                <sdp:LocalizedProperties><sdp:Language>en</sdp:Language><sdp:Title x:t="1">T</sdp:Title><sdp:Title>Second</sdp:Title><sdp:Description /></sdp:LocalizedProperties>
                <sdp:LocalizedProperties />
                <sdp:UpdateSpecificData MsrcSeverity="Low" UpdateClassification="Updates"><sdp:KBArticleID>1</sdp:KBArticleID><sdp:CveID>CVE-1</sdp:CveID></sdp:UpdateSpecificData>
                <sdp:IsInstalled Note="n"><lar:Or><bar:FileVersion Path="a" Comparison="EqualTo" Version="01.2.3.4" Csidl="037" x:q="1" Bogus="b" /><bar:RegSz Key="HKEY_NOWHERE" Subkey="s" Value="v" Comparison="EqualTo" /><bar:Mystery A="1"><child /></bar:Mystery><msiar:MsiProductInstalled ProductCode="{11111111-2222-3333-4444-555555555555}" Language="1033, 1041">text</msiar:MsiProductInstalled></lar:Or><lar:True /></sdp:IsInstalled>
                <sdp:IsInstallable><lar:Not><Unknown xmlns="urn:u" /></lar:Not></sdp:IsInstallable>
                <sdp:SupersededPackages><sdp:PackageID>a</sdp:PackageID><sdp:Other /></sdp:SupersededPackages>
                <sdp:Prerequisites><sdp:AtLeastOne><sdp:PackageID>b</sdp:PackageID><sdp:PackageID>c</sdp:PackageID></sdp:AtLeastOne><sdp:AtLeastOne /></sdp:Prerequisites>
                <sdp:InstallableItem ID="i1" Extra="x">
                  <sdp:ApplicabilityRules><sdp:IsInstalled><lar:False /></sdp:IsInstalled><sdp:Metadata /></sdp:ApplicabilityRules>
                  <sdp:InstallProperties CanRequestUserInput="false" x:y="z" />
                  <sdp:UninstallProperties />
                  <sdp:OriginFile FileName="f.exe" Digest="d" Size="1" Modified="2020-01-01" OriginUri="http://f.invalid/" Odd="1" />
                  <sdp:Language>en</sdp:Language>
                  <cmd:CommandLineInstallerData Program="f.exe" Arguments="/q" />
                  <sdp:InstallHandlerSpecificData><x:data /></sdp:InstallHandlerSpecificData>
                  <sdp:Leftover />
                </sdp:InstallableItem>
                trailing text
              </smc:SoftwareDistributionPackage>
              <smc:SoftwareDistributionPackage />
            </smc:SystemsManagementCatalog>
            """
        let path = temporaryFile("residue-scup.xml", Array(xml.utf8))
        Self.expectSameOutput(path)
        let result = Self.streamedJSON(path: path, lines: true)
        let streamed = String(decoding: result.bytes, as: UTF8.self)
        #expect(streamed.contains(#""id":"11111111-2222-3333-4444-555555555555""#))
        #expect(streamed.contains(#""Version":"1.2.3.4""#) && streamed.contains(#""raw":{"Version":"01.2.3.4","Csidl":"037"}"#))
        #expect(streamed.contains(#""invalid":["Key"]"#))
        let codes = Set(result.summary.diagnostics.map(\.code))
        #expect(codes.isSuperset(of: [CatalogCode.unknownRule, CatalogCode.unknownRuleAttribute, CatalogCode.invalidRuleAttribute, CatalogCode.missingRuleAttribute, CatalogCode.missingIdentity]))
    }

    @Test func truncatedInputEndsTheSameBothWays() {
        let xml = #"<OfflineSyncPackage><Updates><Update UpdateId="a" RevisionId="1"><Categories><Category Type="Company" Id="c"/>"#
        let path = temporaryFile("truncated-package.xml", Array(xml.utf8))
        Self.expectSameOutput(path)
        #expect(!Self.streamedJSON(path: path, lines: true).summary.succeeded)
    }
}
