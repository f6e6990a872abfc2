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
        #expect(summary.diagnostics.contains { $0.code == CatalogCode.xmlEntityRefused })
        #expect(summary.diagnostics.contains { $0.code == CatalogCode.xmlDTDIgnored })
        #expect(!summary.succeeded)
        let refused = summary.diagnostics.first { $0.code == CatalogCode.xmlEntityRefused }
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
        #expect(summary.diagnostics.contains { $0.code == CatalogCode.xmlEntityRefused })
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
            #expect(summary.diagnostics.contains { $0.code == CatalogCode.xmlEntityRefused })
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
        let diagnostic = summary.diagnostics.first { $0.code == CatalogCode.xmlTooDeep }
        #expect(diagnostic != nil)
        #expect(diagnostic?.range.start.line == 1)
        #expect(!summary.succeeded)
        #expect(records.count <= 2)
    }

    /// libxml2 2.9 checks a start tag's attributes for duplicates pair by pair (n² work): a tag with
    /// hundreds of thousands of attributes is refused before libxml2 sees it.
    @Test func attributeFloodIsRefusedQuickly() {
        var xml = "<OfflineSyncPackage>\n<Updates>\n<Update UpdateId=\"u\""
        for index in 0..<300_000 { xml += " a\(index)=\"\"" }  // about 3.5 MB: spans several pushed pieces
        xml += "/></Updates></OfflineSyncPackage>\n"
        let clock = ContinuousClock()
        var summary = CatalogReadSummary()
        let elapsed = clock.measure { summary = readCatalog(xml, name: "flood.xml").summary }
        let diagnostic = summary.diagnostics.first { $0.code == CatalogCode.xmlTooManyAttributes }
        #expect(diagnostic != nil, "\(summary.diagnostics.map(\.code))")
        #expect((diagnostic?.range.start.line ?? 0) >= 2)
        #expect(!summary.succeeded)
        #expect(elapsed < .seconds(10))
    }

    @Test func wordAtATimeByteCountMatchesANaiveCount() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 9, 63, 64, 65, 1000] {
            // Bytes near '=' (0x3C…0x3E), 0x00, 0x80 and 0xFF exercise the borrow cases of the zero-byte test.
            let pool: [UInt8] = [0x3D, 0x3D, 0x3C, 0x3E, 0x00, 0x80, 0xBD, 0xFF, 0x3D ^ 0x80]
            let bytes = (0..<length).map { _ in pool[Int(generator.next() % UInt64(pool.count))] }
            for start in 0..<min(3, length + 1) {
                let slice = Array(bytes[start...])
                let fast = slice.withUnsafeBufferPointer { XMLStreamParser.count(0x3D, in: $0) }
                #expect(fast == slice.filter { $0 == 0x3D }.count, "length \(length) start \(start)")
            }
        }
    }

    /// The quick test for attribute floods (looking back for a `<` at most `limit` bytes ahead)
    /// agrees with an exact count: when it answers, its carry is the `=` count after the last `<`,
    /// and it never answers for a piece in which some tag passes the limit.
    @Test func quickAttributeFloodTestAgreesWithAnExactCount() {
        var generator = SystemRandomNumberGenerator()
        let pools: [[UInt8]] = [
            Array("<a=b c=\"d\">".utf8),                       // markup: '<' often
            Array("====a=<".utf8),                             // '<' rarer than '='
            Array("=======================a<".utf8),           // long stretches
            Array("xyz=".utf8),                                // no '<' at all
        ]
        for limit in [1, 3, 8, 20] {
            for pool in pools {
                for length in [0, 1, 5, 30, 200] {
                    let bytes = (0..<length).map { _ in pool[Int(generator.next() % UInt64(pool.count))] }
                    for carried in Set([0, limit / 2, limit]) {
                        // Exact: the '=' run since the last '<', and whether it ever passes the limit.
                        var run = carried
                        var flooded = false
                        for byte in bytes {
                            if byte == 0x3C { run = 0 } else if byte == 0x3D { run += 1; if run > limit { flooded = true } }
                        }
                        let quick = bytes.withUnsafeBufferPointer {
                            XMLStreamParser.assignmentsAfterLastTagOpen($0, carried: carried, limit: limit)
                        }
                        if let quick {
                            #expect(!flooded, "limit \(limit) carried \(carried): \(String(decoding: bytes, as: UTF8.self))")
                            #expect(quick == run, "limit \(limit) carried \(carried): \(String(decoding: bytes, as: UTF8.self))")
                        }
                        if length <= limit - carried { #expect(quick != nil) }  // too short to pass the limit
                    }
                }
            }
        }
    }

    @Test func manyAttributesBelowTheLimitStillParse() {
        var xml = "<OfflineSyncPackage><Updates><Update UpdateId=\"u\""
        for index in 0..<(XMLStreamParser.maximumAttributes - 20) { xml += " a\(index)=\"\(index % 10_000 == 0 ? "k=v" : "v")\"" }
        xml += "/></Updates></OfflineSyncPackage>\n"
        let (records, summary) = readCatalog(xml, name: "many.xml")
        #expect(!summary.diagnostics.contains { $0.code == CatalogCode.xmlTooManyAttributes })
        #expect(records.compactMap(\.update).count == 1)
    }

    @Test func truncatedFileReportsAndKeepsEarlierUpdates() throws {
        let full = try String(contentsOfFile: CatalogPaths.corpusFile("package.xml"), encoding: .utf8)
        let cut = String(full.prefix(full.count * 2 / 3))
        let (records, summary) = readCatalog(cut, name: "cut.xml")
        #expect(summary.diagnostics.contains { $0.code == CatalogCode.xmlTruncated })
        #expect(!summary.succeeded)
        #expect(records.compactMap(\.update).count >= 1)
        let last = summary.diagnostics.last
        #expect((last?.range.start.line ?? 0) > 1)
    }

    @Test func emptyInputIsTruncated() {
        let (_, summary) = readCatalog("", name: "empty.xml")
        #expect(summary.diagnostics.map(\.code) == [CatalogCode.xmlTruncated])
    }

    @Test func malformedXMLHasLineAndColumn() {
        let xml = "<OfflineSyncPackage>\n  <Updates>\n    <Update UpdateId=\"a\" UpdateId=\"b\"/>\n  </Updates>\n</OfflineSyncPackage>\n"
        let (_, summary) = readCatalog(xml, name: "dup.xml")
        let error = summary.diagnostics.first
        #expect(error?.code == CatalogCode.xmlMalformed)
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
