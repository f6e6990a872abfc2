import Foundation
import MofkitSource
import Testing
@testable import UpdateCatalog

/// Hostile XML: each case gives a diagnostic, stays small in memory, and reads no local file.
struct HostileXMLTests {
    @Test func externalEntityToLocalFileIsNeverRead() {
        let secret = "MOFKIT-SECRET-\(UInt64.random(in: 1...UInt64.max))"
        let secretPath = temporaryFile("secret.txt", Array(secret.utf8))
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE sdp:SoftwareDistributionPackage [ <!ENTITY leak SYSTEM "file://\(secretPath)"> ]>
            <sdp:SoftwareDistributionPackage xmlns:sdp="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/SoftwareDistributionPackage.xsd">
              <sdp:Properties PackageID="11111111-1111-1111-1111-111111111111"/>
              <sdp:LocalizedProperties><sdp:Title>&leak;</sdp:Title></sdp:LocalizedProperties>
            </sdp:SoftwareDistributionPackage>
            """
        var json = JSONBuffer()
        let summary = CatalogReader.read(bytes: Array(xml.utf8), fileName: "xxe.xml") { json.write($0) }
        json.writeTrailer(summary)
        #expect(!String(decoding: json.bytes, as: UTF8.self).contains(secret))
        #expect(summary.diagnostics.contains { $0.code == .xmlEntityRefused })
        #expect(summary.diagnostics.contains { $0.code == .xmlDTDIgnored })
        #expect(!summary.succeeded)
        let refused = summary.diagnostics.first { $0.code == .xmlEntityRefused }
        #expect(refused?.range.start.line == 5)
        #expect(refused?.range.file == "xxe.xml")
    }

    @Test func externalParameterEntityAndExternalSubsetAreNotLoaded() {
        let secret = "MOFKIT-PE-\(UInt64.random(in: 1...UInt64.max))"
        let secretPath = temporaryFile("pe.dtd", Array("<!ENTITY x \"\(secret)\">".utf8))
        let xml = """
            <!DOCTYPE BulletinDatastore SYSTEM "file://\(secretPath)" [ <!ENTITY % p SYSTEM "file://\(secretPath)"> %p; ]>
            <BulletinDatastore><Bulletins><Bulletin BulletinID="&x;"/></Bulletins></BulletinDatastore>
            """
        var text = ""
        let summary = CatalogReader.read(bytes: Array(xml.utf8), fileName: "pe.xml") { record in
            var json = JSONBuffer()
            json.write(record)
            text += String(decoding: json.bytes, as: UTF8.self)
        }
        #expect(!text.contains(secret))
        #expect(summary.diagnostics.contains { $0.code == .xmlEntityRefused })
    }

    @Test func entityExpansionBombIsRefused() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 \"lollollollollollollollollollol\">\n"
        for level in 1...12 {
            xml += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        xml += "]>\n<OfflineSyncPackage><Updates><Update UpdateId=\"&lol12;\"/></Updates></OfflineSyncPackage>\n"
        var biggest = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            let summary = CatalogReader.read(bytes: Array(xml.utf8), fileName: "bomb.xml") { record in
                var json = JSONBuffer()
                json.write(record)
                biggest = max(biggest, json.bytes.count)
            }
            #expect(summary.diagnostics.contains { $0.code == .xmlEntityRefused })
            #expect(!summary.succeeded)
        }
        #expect(biggest < 10_000)  // 10^12 expansions would be terabytes
        #expect(elapsed < .seconds(5))
    }

    @Test func tenThousandDeepNestingStops() {
        let depth = 10_000
        let xml = "<BulletinDatastore>" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
            + "</BulletinDatastore>"
        let (records, summary) = readCatalog(xml, name: "deep.xml")
        let diagnostic = summary.diagnostics.first { $0.code == .xmlTooDeep }
        #expect(diagnostic != nil)
        #expect(diagnostic?.range.start.line == 1)
        #expect(!summary.succeeded)
        #expect(records.count <= 2)
    }

    @Test func truncatedFileReportsAndKeepsEarlierUpdates() throws {
        let full = try String(contentsOfFile: CatalogPaths.corpusFile("package.xml"), encoding: .utf8)
        let cut = String(full.prefix(full.count * 2 / 3))
        let (records, summary) = readCatalog(cut, name: "cut.xml")
        #expect(summary.diagnostics.contains { $0.code == .xmlTruncated })
        #expect(!summary.succeeded)
        #expect(records.compactMap(\.update).count >= 1)
        let last = summary.diagnostics.last
        #expect((last?.range.start.line ?? 0) > 1)
    }

    @Test func emptyInputIsTruncated() {
        let (_, summary) = readCatalog("", name: "empty.xml")
        #expect(summary.diagnostics.map(\.code) == [.xmlTruncated])
    }

    @Test func malformedXMLHasLineAndColumn() {
        let xml = "<OfflineSyncPackage>\n  <Updates>\n    <Update UpdateId=\"a\" UpdateId=\"b\"/>\n  </Updates>\n</OfflineSyncPackage>\n"
        let (_, summary) = readCatalog(xml, name: "dup.xml")
        let error = summary.diagnostics.first
        #expect(error?.code == .xmlMalformed)
        #expect(error?.range.start.line == 3)
        #expect((error?.range.start.column ?? 0) > 1)
    }

    @Test func lineNumbersPast65535AreExact() {
        let xml = "<OfflineSyncPackage>" + String(repeating: "\n", count: 70_000) + "<Updates><Update UpdateId=\"x\"/></Updates>\n<bad\n"
        let (records, summary) = readCatalog(xml, name: "long.xml")
        #expect(records.compactMap(\.update).first?.line == 70_001)
        #expect(summary.diagnostics.first?.range.start.line ?? 0 >= 70_002)
    }
}
