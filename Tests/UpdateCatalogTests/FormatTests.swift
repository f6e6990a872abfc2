import Foundation
import MofkitSource
import Testing
@testable import UpdateCatalog

struct FormatTests {
    @Test(arguments: [
        ("all-rules-2005.sdp", CatalogFormat.sdp, 1), ("all-rules-msus.xml", .wsusUpdate, 1),
        ("catalog-scup.xml", .scupCatalog, 2), ("catalog-scup.cab", .scupCatalog, 2), ("fragment-core.xml", .wsusFragment, 1),
        ("mssecure-small.xml", .mssecure, 1), ("package.xml", .wsusPackage, 3),
    ])
    func corpusFilesReadCleanly(_ name: String, _ format: CatalogFormat, _ updates: Int) {
        let (records, summary) = CatalogReader.readAll(path: CatalogPaths.corpusFile(name))
        #expect(summary.format == format)
        #expect(summary.updateCount == updates)
        #expect(records.compactMap(\.update).count == updates)
        #expect(summary.diagnostics.isEmpty, "\(summary.diagnostics.map(\.message))")
        if case .header(let header)? = records.first { #expect(header.format == format) } else { Issue.record("no header first") }
    }

    @Test func formatComesFromTheRootNotTheFileName() throws {
        let bytes = try readBytes(path: CatalogPaths.corpusFile("package.xml"))
        let path = temporaryFile("looks-like.sdp", bytes)
        #expect(CatalogReader.readAll(path: path).summary.format == .wsusPackage)
    }

    @Test func rightNameWrongNamespaceIsUnknown() {
        let (records, summary) = readCatalog("<SoftwareDistributionPackage xmlns=\"urn:other\"><Properties PackageID=\"x\"/></SoftwareDistributionPackage>")
        #expect(summary.format == .unknown)
        #expect(summary.diagnostics.first?.code == CatalogCode.unknownFormat)
        // Still converted, as generic entries.
        guard case .entry(let entry)? = records.last else { Issue.record("no entry"); return }
        #expect(entry.element.attribute("PackageID") == "x")
    }

    /// Text directly inside a container is kept exactly (white space between records included) when
    /// some of it is not white space, and dropped when it is all white space, however many records
    /// it sits between.
    @Test func containerTextIsKeptExactly() {
        var xml = "<OfflineSyncPackage><Updates>\n"
        for index in 0..<300 { xml += "  <Update UpdateId=\"u\(index)\" />\n" }
        xml += "\tnote &amp; more\n  <Update UpdateId=\"last\" />\r\n</Updates><FileLocations>\n  \n</FileLocations></OfflineSyncPackage>"
        let (records, summary) = readCatalog(xml)
        #expect(summary.updateCount == 301)
        let texts = records.compactMap { record -> (String, String)? in
            guard case .entry(let entry) = record, !entry.element.text.isEmpty else { return nil }
            return (entry.element.name.local, entry.element.text)
        }
        // Line ends are normalised by the XML parser (\r\n reads as \n).
        let expected = String(repeating: "\n  ", count: 300) + "\n\tnote & more\n  " + "\n"
        #expect(texts.count == 1)
        #expect(texts.first?.0 == "Updates")
        #expect(texts.first?.1 == expected)
        // The JSON written straight from the parser (one and two threads) says the same.
        StreamingConvertTests.expectSameOutput(temporaryFile("container-text.xml", Array(xml.utf8)))
    }

    /// Container text as stored: exactly the pieces joined, and repeats of a piece cost nothing.
    @Test func containerTextStoresRepeatsOnce() {
        // A fixed pseudo-random sequence (a linear congruential generator): the test is deterministic.
        let alphabet: [[UInt8]] = [Array("\n  ".utf8), Array("\n".utf8), Array("x".utf8), Array("\t\r\n".utf8)]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var pieces: [[UInt8]] = []
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let index = Int(state >> 33) % alphabet.count
            // Runs of equal pieces now and then, as between records.
            let repeats = (state >> 20) % 7 == 0 ? Int(state >> 40) % 50 + 1 : 1
            for _ in 0..<repeats { pieces.append(alphabet[index]) }
        }
        var text = ContainerText()
        for piece in pieces { piece.withUnsafeBufferPointer { text.append($0) } }
        #expect(text.joined == String(decoding: pieces.flatMap { $0 }, as: UTF8.self))
        #expect(text.isSignificant)
        #expect(text.footprint < pieces.reduce(0) { $0 + $1.count } * 4)

        var whitespace = ContainerText()
        for _ in 0..<100_000 { Array("\n    ".utf8).withUnsafeBufferPointer { whitespace.append($0) } }
        #expect(!whitespace.isSignificant)
        #expect(whitespace.footprint < 64)
        #expect(whitespace.joined == String(repeating: "\n    ", count: 100_000))
    }

    @Test func packageXMLFieldsAreTyped() {
        let (records, _) = CatalogReader.readAll(path: CatalogPaths.corpusFile("package.xml"))
        let updates = records.compactMap(\.update)
        #expect(updates[0].id == "2b0c6f4e-1111-4a1a-9b9b-000000000001")
        #expect(updates[0].revisionID == "51000001")
        #expect(updates[0].isLeaf == true)
        #expect(updates[0].bundledBy == ["51000003"])
        #expect(updates[0].files.first?.digest == "fQTAfvF3nDnhdPA/eUmJ+CSM/3Q=")
        #expect(updates[0].extra?.attribute("IsSoftware") == "true")  // unknown attribute kept
        #expect(updates[1].supersededBy == ["51000001"])
        #expect(updates[2].isBundle == true && updates[2].isLeaf == false)
        let locations = records.compactMap { record -> FileLocation? in
            if case .fileLocation(let location) = record { return location }
            return nil
        }
        #expect(locations.count == 1)
        #expect(locations.first?.url?.hasPrefix("http://download.windowsupdate.com/") == true)
        guard case .header(let header)? = records.first else { Issue.record("no header"); return }
        #expect(header.root.namespace == "http://schemas.microsoft.com/msus/2004/02/OfflineSync")
        #expect(header.attributes.first { $0.name.local == "PackageVersion" }?.value == "1.1")
    }

    @Test func scupPackageFields() {
        let (records, _) = CatalogReader.readAll(path: CatalogPaths.corpusFile("all-rules-2005.sdp"))
        let update = records.compactMap(\.update).first
        #expect(update?.vendor == "Mofkit Test")
        #expect(update?.classification == "Security Updates")
        #expect(update?.severity == "Critical")
        #expect(update?.kbArticles == ["5000001"])
        #expect(update?.cves == ["CVE-2024-0001"])
        #expect(update?.prerequisites == [.anyOf(["6f1d3c2a-0000-4000-8000-0000000000a1", "6f1d3c2a-0000-4000-8000-0000000000a2"])])
        #expect(update?.bundledUpdates == ["6f1d3c2a-0000-4000-8000-0000000000b1"])
        #expect(update?.installableItems.count == 3)
        let item = update?.installableItems.first
        #expect(item?.installProperties.first { $0.name.local == "RebootBehavior" }?.value == "CanRequestReboot")
        #expect(item?.installerData.first?.name.local == "CommandLineInstallerData")
        #expect(item?.files.first?.url == "https://example.invalid/setup.exe")
        #expect(item?.applicability.metadata?.kind == .msiPatchMetadata)
        #expect(update?.extra?.children.first?.attribute("CanSourceBeRequired") == "false")
    }

    @Test func mssecureTablesAreEntries() {
        let (records, _) = CatalogReader.readAll(path: CatalogPaths.corpusFile("mssecure-small.xml"))
        let entries = records.compactMap { record -> CatalogEntry? in
            if case .entry(let entry) = record { return entry }
            return nil
        }
        #expect(entries.map { $0.path.joined(separator: "/") + "/" + $0.element.name.local }.contains("Files/File"))
        let file = entries.first { $0.element.name.local == "File" }
        #expect(file?.element.child("FileChanges")?.child("FileChange")?.attribute("Checksum") == "12345")
        let patch = records.compactMap(\.update).first?.patches.first
        #expect(patch?.fileChangeIDs == ["1"])
        #expect(patch?.registryChangeIDs == ["1"])
        #expect(patch?.supersedenceID == "1")
    }

    @Test func cabinetOfCorpusCatalogMatchesTheXML() {
        let fromCab = CatalogReader.readAll(path: CatalogPaths.corpusFile("catalog-scup.cab"))
        let fromXML = CatalogReader.readAll(path: CatalogPaths.corpusFile("catalog-scup.xml"))
        #expect(fromCab.summary.cabinetMember == "catalog-scup.xml")
        #expect(fromCab.records.compactMap(\.update) == fromXML.records.compactMap(\.update))
    }

    @Test func truncatedCabinetIsReported() throws {
        let bytes = try readBytes(path: CatalogPaths.corpusFile("catalog-scup.cab"))
        let path = temporaryFile("cut.cab", Array(bytes.prefix(bytes.count - 3000)))
        let summary = CatalogReader.readAll(path: path).summary
        #expect(!summary.succeeded)
        #expect(summary.diagnostics.contains { $0.code == CatalogCode.cabExtractFailed || $0.code == CatalogCode.xmlTruncated })
    }

    @Test func garbageCabinetIsUnreadable() {
        let path = temporaryFile("garbage.cab", Array("MSCF this is not a cabinet at all".utf8))
        let summary = CatalogReader.readAll(path: path).summary
        #expect(summary.diagnostics.map(\.code) == [CatalogCode.cabUnreadable])
    }

    @Test func cabinetWithoutCatalog() throws {
        // A stored cabinet holding one text file, built by hand (same layout as Scripts/gen-catalog-cab.py).
        let content = Array("hello".utf8)
        let name = Array("readme.txt".utf8) + [0]
        var file: [UInt8] = []
        func u32(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }
        func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        let filesOffset = 36 + 8
        let dataOffset = filesOffset + 16 + name.count
        let total = dataOffset + 8 + content.count
        file += Array("MSCF".utf8) + u32(0) + u32(total) + u32(0) + u32(filesOffset) + u32(0) + [3, 1] + u16(1) + u16(1) + u16(0) + u16(1) + u16(0)
        file += u32(dataOffset) + u16(1) + u16(0)
        file += u32(content.count) + u32(0) + u16(0) + u16(0x5821) + u16(0) + u16(0x20) + name
        file += u32(0) + u16(content.count) + u16(content.count) + content
        let path = temporaryFile("text.cab", file)
        let summary = CatalogReader.readAll(path: path).summary
        #expect(summary.diagnostics.map(\.code) == [CatalogCode.cabNoCatalog])
    }

    @Test func missingFileIsReported() {
        let summary = CatalogReader.readAll(path: "/nonexistent/catalog.xml").summary
        #expect(summary.diagnostics.map(\.code) == [CatalogCode.readFailed])
    }

    @Test func utf16CatalogIsRead() throws {
        let text = try String(contentsOfFile: CatalogPaths.corpusFile("package.xml"), encoding: .utf8)
            .replacingOccurrences(of: "encoding=\"utf-8\"", with: "encoding=\"utf-16\"")
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let path = temporaryFile("utf16.xml", bytes)
        let (records, summary) = CatalogReader.readAll(path: path)
        #expect(summary.succeeded)
        #expect(records.compactMap(\.update).count == 3)
    }

    @Test func descriptorsCoverEveryCode() {
        let codes: [DiagnosticCode] = [CatalogCode.xmlMalformed, CatalogCode.xmlTruncated, CatalogCode.xmlDTDIgnored, CatalogCode.xmlEntityRefused, CatalogCode.xmlTooDeep, CatalogCode.xmlWarning,
                                       CatalogCode.readFailed, CatalogCode.recordTooLarge, CatalogCode.xmlTooManyAttributes, CatalogCode.unknownFormat, CatalogCode.unknownRule, CatalogCode.invalidRuleAttribute,
                                       CatalogCode.unknownRuleAttribute, CatalogCode.missingIdentity, CatalogCode.missingRuleAttribute, CatalogCode.orphanFragment,
                                       CatalogCode.fragmentIdentityMismatch, CatalogCode.fragmentMisplaced, CatalogCode.duplicateRevision, CatalogCode.cabUnreadable,
                                       CatalogCode.cabExtractFailed, CatalogCode.cabNoCatalog, CatalogCode.cabNestedTooLarge, CatalogCode.cabMemberSkipped]
        #expect(CatalogCode.descriptors.map(\.code) == codes)
        #expect(Set(codes).count == codes.count)
    }
}
