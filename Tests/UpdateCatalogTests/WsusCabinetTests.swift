import Foundation
import MofkitSource
import Testing
@testable import UpdateCatalog

/// wsusscn2.cab read whole: package.xml, index.xml and every c/, x/, l/ fragment of every packageN.cab,
/// each fragment attached to its update by revision id.
struct WsusCabinetTests {
    static let small = CatalogPaths.corpusFile("wsusscn2-small.cab")
    static let broken = CatalogPaths.corpus.appendingPathComponent("broken/wsusscn2-bad-fragment.cab").path
    static let fixture = CatalogPaths.shared.appendingPathComponent("wsus/vuls-data-update-wsusscn2-fixture/wsusscn2.cab").path

    static func fragments(_ records: [CatalogRecord]) -> [CatalogFragment] {
        records.compactMap { if case .fragment(let fragment) = $0 { return fragment } else { return nil } }
    }

    static func joined(_ path: String) -> [CatalogUpdate] {
        var joiner = FragmentJoiner()
        _ = CatalogReader.read(path: path) { joiner.add($0) }
        return joiner.updates
    }

    /// Every leaf member of a cabinet, nested cabinets opened: (`package2.cab/c/101`, bytes).
    static func members(of bytes: [UInt8], prefix: String = "") -> [(String, [UInt8])] {
        var result: [(String, [UInt8])] = []
        CabinetReader.withCabinet(name: "test", memory: bytes, fail: { _, message in Issue.record("\(message)") }) { cabinet in
            for member in cabinet.members {
                let path = prefix + member.name.split(whereSeparator: { $0 == "\\" || $0 == "/" }).joined(separator: "/")
                guard let content = cabinet.extract(member, limit: 1 << 24).bytes else {
                    Issue.record("cannot extract \(path)")
                    continue
                }
                if member.baseName.hasSuffix(".cab") {
                    result += members(of: content, prefix: path + "/")
                } else {
                    result.append((path, content))
                }
            }
        }
        return result
    }

    // MARK: the Corpus cabinet

    @Test func corpusCabinetRecordsInOrderWithEveryFragmentAttached() throws {
        let (records, summary) = CatalogReader.readAll(path: Self.small)
        #expect(summary.diagnostics.isEmpty, "\(summary.diagnostics.map(\.message))")
        #expect(summary.format == .wsusPackage)
        #expect(summary.updateCount == 5)
        #expect(summary.fragmentCount == 19)
        // Order: header, package.xml records, index, fragments.
        guard case .header(let header)? = records.first else { Issue.record("no header first"); return }
        #expect(header.cabinetMember == "package.cab/package.xml")
        let kinds = records.map { record -> String in
            switch record {
            case .header: return "h"
            case .update: return "u"
            case .fileLocation: return "f"
            case .entry: return "e"
            case .cabinetIndex: return "i"
            case .fragment: return "x"
            }
        }.joined()
        #expect(kinds == "h" + String(repeating: "u", count: 5) + "ff" + "i" + String(repeating: "x", count: 19))

        let updates = records.compactMap(\.update)
        let byRevision = Dictionary(uniqueKeysWithValues: updates.map { ($0.revisionID ?? "", $0) })
        let fragments = Self.fragments(records)
        for fragment in fragments {
            #expect(fragment.attached, "\(fragment.member)")
            let update = try #require(byRevision[fragment.revisionID], "\(fragment.member)")
            #expect(fragment.updateID == update.id)
            #expect(fragment.revisionNumber == update.revisionNumber)
            if fragment.part == .core { #expect(fragment.content.id == update.id) }
            // index.xml: package2.cab holds revisions from 0, package3.cab from 300.
            #expect(fragment.member.hasPrefix((Int(fragment.revisionID) ?? -1) < 300 ? "package2.cab/" : "package3.cab/"))
        }
        #expect(Dictionary(grouping: fragments, by: \.part).mapValues(\.count) == [.core: 5, .extended: 4, .localized: 10])
        #expect(Set(fragments.compactMap(\.language)) == ["en", "de"])
        #expect(fragments.first?.member == "package2.cab/c/101")
        // Every update has its core fragment, and both languages.
        for update in updates {
            let own = fragments.filter { $0.revisionID == update.revisionID }
            #expect(own.filter { $0.part == .core }.count == 1)
            #expect(Set(own.compactMap(\.language)) == ["en", "de"])
        }
        guard case .cabinetIndex(let index)? = records.first(where: { if case .cabinetIndex = $0 { true } else { false } }) else {
            Issue.record("no cabinet index"); return
        }
        #expect(index.cabinets.map(\.name) == ["package.cab", "package2.cab", "package3.cab"])
        #expect(index.cabinets.map(\.rangeStart) == [nil, "0", "300"])
        #expect(index.cabinet(holding: 299) == "package2.cab")
        #expect(index.cabinet(holding: 300) == "package3.cab")
    }

    @Test func coreFragmentRulesAreTheRuleTree() throws {
        let fragments = Self.fragments(CatalogReader.readAll(path: Self.small).records)
        let core = try #require(fragments.first { $0.member == "package2.cab/c/102" })
        let installed = try #require(core.content.applicability.isInstalled)
        #expect(installed.kind == .or)
        #expect(installed.children.map(\.name.local) == ["b.FileVersion", "CbsPackageInstalledByIdentity"])
        #expect(installed.children.first?.spelling == .fragment)
        #expect(installed.children.first?.kind == .fileVersion)
        let msi = try #require(fragments.first { $0.member == "package3.cab/c/301" }?.content.applicability.isInstalled)
        #expect(msi.kind == .msiProductInstalled)
        #expect(msi.name.local == "m.MsiProductInstalled")
    }

    @Test func joinedUpdatesCarryTitlesKBsAndRules() throws {
        let updates = Self.joined(Self.small)
        #expect(updates.count == 5)
        let cumulative = try #require(updates.first { $0.revisionID == "102" })
        #expect(cumulative.title() == "2023-12 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5033372)")
        #expect(cumulative.title(language: "de")?.hasPrefix("2023-12 Kumulatives Update") == true)
        #expect(cumulative.localized.first { $0.language == "en" }?.description == "Install this update to resolve issues in Windows.")
        #expect(cumulative.kbArticles == ["5033372"])
        #expect(cumulative.severity == "Critical")
        #expect(cumulative.updateType == "Software")
        #expect(cumulative.supersedes == ["5b0c6f4e-3333-4c3c-8d8d-000000000103"])
        #expect(cumulative.applicability.isInstalled != nil && cumulative.applicability.isInstallable != nil)
        // The payload file named by digest in package.xml gets its name and size from x/102.
        #expect(cumulative.files.count == 1)
        #expect(cumulative.files.first?.name == "windows10.0-kb5033372-x64.cab")
        #expect(cumulative.files.first?.size == "667286405")
        let detectoid = try #require(updates.first { $0.revisionID == "101" })
        #expect(detectoid.updateType == "Detectoid")
        #expect(detectoid.kbArticles.isEmpty)
        #expect(updates.allSatisfy { !$0.applicability.isEmpty && $0.title() != nil })
    }

    @Test func joinerNamesClassificationsFromCategoryUpdates() {
        // A category update's localized fragment names the category the other updates refer to.
        var classified = CatalogUpdate(format: .wsusPackage, element: "Update", line: 1, column: 1)
        classified.id = "u1"
        classified.revisionID = "10"
        classified.categories = [UpdateCategory(type: "UpdateClassification", id: "C1"), UpdateCategory(type: "Product", id: "p1")]
        var category = CatalogUpdate(format: .wsusPackage, element: "Update", line: 2, column: 1)
        category.id = "c1"
        category.revisionID = "11"
        var title = CatalogUpdate(format: .wsusFragment, element: "MofkitFragment", line: 1, column: 1)
        title.localized = [LocalizedText(language: "en", title: "Security Updates")]
        var german = title
        german.localized = [LocalizedText(language: "de", title: "Sicherheitsupdates")]
        var joiner = FragmentJoiner()
        joiner.add(.update(classified))
        joiner.add(.update(category))
        for (language, content) in [("de", german), ("en", title)] {
            joiner.add(.fragment(CatalogFragment(
                member: "package2.cab/l/\(language)/11", part: .localized, language: language, revisionID: "11",
                updateID: "c1", revisionNumber: nil, attached: true, content: content)))
        }
        #expect(joiner.updates.first?.classification == "Security Updates")
        #expect(joiner.updates.first?.products == [])  // p1 has no title in the catalog
        #expect(joiner.updates.last?.title(language: "de") == "Sicherheitsupdates")
    }

    @Test func joinerKeepsOnlyWhatItIsAskedFor() {
        var joiner = FragmentJoiner { $0.revisionID == "302" }
        _ = CatalogReader.read(path: Self.small) { joiner.add($0) }
        #expect(joiner.updates.map(\.revisionID) == ["302"])
        #expect(joiner.updates.first?.kbArticles == ["900302"])
        #expect(joiner.fragmentCount == 19)
        #expect(joiner.orphanCount == 0)
    }

    @Test func findByIdRevisionOrKB() {
        // By KB: the number is only in x/103, read after the update: found by the second pass.
        let (byKB, summary) = FragmentJoiner.find("kb5032189", path: Self.small)
        #expect(summary.succeeded)
        #expect(byKB.map(\.revisionID) == ["103"])
        #expect(byKB.first?.title() == "2023-11 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5032189)")
        #expect(byKB.first?.applicability.isInstalled?.kind == .regDword)
        var records = 0
        let (byRevision, _) = FragmentJoiner.find("301", path: Self.small) { _ in records += 1 }
        #expect(byRevision.first?.id == "5b0c6f4e-3333-4c3c-8d8d-000000000301")
        #expect(records == 28)  // header, 5 updates, 2 file locations, index, 19 fragments, once
        #expect(FragmentJoiner.find("5B0C6F4E-3333-4C3C-8D8D-000000000102", path: Self.small).updates.first?.kbArticles == ["5033372"])
        #expect(FragmentJoiner.find("nothing", path: Self.small).updates.isEmpty)
        // Other formats: a KB number of an Updates Publisher package, found in one pass.
        #expect(FragmentJoiner.find("KB5000001", path: CatalogPaths.corpusFile("all-rules-2005.sdp")).updates.count == 1)
    }

    @Test func statisticsCountFragments() {
        var statistics = CatalogStatistics()
        let summary = CatalogReader.read(path: Self.small) { statistics.add($0) }
        #expect(statistics.updates == 5)
        #expect(statistics.fragments == ["core": 5, "extended": 4, "localized": 10])
        #expect(statistics.languages == ["en": 5, "de": 5])
        #expect(statistics.coreFragmentsWithRules == 5)
        #expect(statistics.rules["msiar:MsiProductInstalled"] == 2)
        #expect(statistics.rules["bar:FileVersion"] == 1)
        let text = statistics.text(summary, file: "x.cab")
        #expect(text.contains("fragments: 5 core, 4 extended, 10 localized\n"))
    }

    // MARK: lossless

    @Test func everyMemberOfTheCabinetIsInTheJSON() throws {
        let bytes = try readBytes(path: Self.small)
        var expected: [String: [LosslessTests.Triple: Int]] = [:]
        let members = Self.members(of: bytes)
        #expect(members.count == 1 + 1 + 19)
        for (path, content) in members {
            expected[path] = LosslessTests.inputTriples(bytes: content, name: path, forceFragment: path.contains(".cab/") && !path.hasSuffix(".xml"))
        }
        let (records, summary) = jsonRecords(path: Self.small)
        #expect(summary.succeeded)
        var rebuilt: [String: LosslessTests.Rebuilder] = [:]
        for record in records {
            switch record["kind"] as? String {
            case "cabinetIndex":
                var rebuilder = LosslessTests.Rebuilder()
                for cabinet in record["cabinets"] as? [[String: Any]] ?? [] {
                    rebuilder.add(["INDEX", "CABLIST", "CAB"], "NAME", cabinet["name"])
                    rebuilder.add(["INDEX", "CABLIST", "CAB"], "RANGESTART", cabinet["rangeStart"])
                }
                if let extra = record["extra"] as? [String: Any] { rebuilder.element([], extra) }
                rebuilt[record["member"] as? String ?? "?"] = rebuilder
            case "fragment":
                var rebuilder = LosslessTests.Rebuilder()
                rebuilder.record(["kind": "catalog", "format": "wsus-fragment", "root": "MofkitFragment"])
                rebuilder.update(record["content"] as? [String: Any] ?? [:])
                rebuilt[record["member"] as? String ?? "?"] = rebuilder
            case "end", "error":
                break
            default:
                rebuilt["package.cab/package.xml", default: LosslessTests.Rebuilder()].record(record)
            }
        }
        #expect(Set(rebuilt.keys) == Set(expected.keys))
        for (member, triples) in expected {
            let actual = rebuilt[member]?.triples ?? [:]
            let missing = triples.filter { actual[$0.key, default: 0] < $0.value }.map(\.key)
            let invented = actual.filter { triples[$0.key, default: 0] < $0.value }.map(\.key)
            #expect(missing.isEmpty, "\(member): in the input, not in the JSON: \(missing.prefix(5))")
            #expect(invented.isEmpty, "\(member): in the JSON, not in the input: \(invented.prefix(5))")
            #expect(!triples.isEmpty)
        }
    }

    // MARK: damaged cabinets

    @Test func malformedFragmentIsReportedAndTheRestIsRead() throws {
        let (records, summary) = CatalogReader.readAll(path: Self.broken)
        #expect(!summary.succeeded)
        let errors = summary.diagnostics.filter { $0.severity == .error }
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.range.file == Self.broken + "!package3.cab/c/302" && $0.code == CatalogCode.xmlMalformed })
        #expect(errors.first?.range.start.line == 1)
        #expect(errors.first?.range.start.column == 392)
        let warnings = summary.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.map(\.code.rawValue).sorted() == ["CAT2007", "CAT2009", "CAT3005"])
        #expect(warnings.first { $0.code == CatalogCode.orphanFragment }?.range.file == Self.broken + "!package3.cab/x/999")
        #expect(warnings.first { $0.code == CatalogCode.fragmentMisplaced }?.range.file == Self.broken + "!package3.cab/l/fr/102")
        #expect(warnings.first { $0.code == CatalogCode.cabMemberSkipped }?.message.contains("package3.cab/e/302") == true)
        // Everything else is there: 19 good fragments minus c/302, plus x/999 and l/fr/102.
        let fragments = Self.fragments(records)
        #expect(fragments.count == 20)
        #expect(!fragments.contains { $0.member == "package3.cab/c/302" })
        #expect(fragments.first { $0.member == "package3.cab/x/999" }?.attached == false)
        #expect(fragments.first { $0.member == "package3.cab/l/fr/102" }?.updateID == "5b0c6f4e-3333-4c3c-8d8d-000000000102")
        #expect(records.compactMap(\.update).count == 5)
    }

    @Test func brokenCabinetConvertsTheSameBothWays() {
        StreamingConvertTests.expectSameOutput(Self.broken)
        StreamingConvertTests.expectSameOutput(Self.small)
    }

    @Test func identityMismatchAndDuplicateRevisionAreWarned() {
        // package.xml lists revision 7 twice; its core fragment names another UpdateID.
        let package = Array("""
            <OfflineSyncPackage><Updates>
            <Update UpdateId="aaaaaaaa-0000-0000-0000-000000000001" RevisionNumber="1" RevisionId="7"/>
            <Update UpdateId="aaaaaaaa-0000-0000-0000-000000000002" RevisionNumber="1" RevisionId="7"/>
            </Updates></OfflineSyncPackage>
            """.utf8)
        let core = Array("<UpdateIdentity UpdateID=\"bbbbbbbb-0000-0000-0000-000000000001\" RevisionNumber=\"1\" />".utf8)
        let cab = makeCabinet([
            ("index.xml", Array("<INDEX><CABLIST><CAB NAME=\"package2.cab\" RANGESTART=\"0\"/></CABLIST></INDEX>".utf8)),
            ("package.cab", makeCabinet([("package.xml", package)])),
            ("package2.cab", makeCabinet([("c\\7", core)])),
        ])
        var records: [CatalogRecord] = []
        let summary = CatalogReader.read(bytes: cab, fileName: "t.cab") { records.append($0) }
        #expect(summary.diagnostics.map(\.code) == [CatalogCode.duplicateRevision, CatalogCode.fragmentIdentityMismatch])
        #expect(summary.diagnostics.first?.range.start.line == 3)  // the second Update
        #expect(Self.fragments(records).first?.updateID == "aaaaaaaa-0000-0000-0000-000000000001")
    }

    @Test func hostileMembersGiveDiagnosticsNotCrashes() {
        let package = makeCabinet([("package.xml", Array("<OfflineSyncPackage><Updates><Update UpdateId=\"u\" RevisionId=\"1\"/></Updates></OfflineSyncPackage>".utf8))])
        let fragments = makeCabinet([
            ("c", Array("<UpdateIdentity/>".utf8)),                 // no revision
            ("c\\", Array("<UpdateIdentity/>".utf8)),              // empty name after the folder
            ("l\\en", Array("<LocalizedProperties/>".utf8)),       // language without revision
            ("c\\..\\..\\etc\\1", Array("<UpdateIdentity/>".utf8)), // too deep: not read, nothing written
            ("x\\1", []),                                           // empty
            ("l\\en\\1", Array("\u{FEFF}<?xml version=\"1.0\"?><LocalizedProperties><Title>t</Title></LocalizedProperties>".utf8)),  // BOM, declaration
            ("l\\de\\1", Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?><LocalizedProperties/>".utf8)),  // read as a document: CAT2001
            ("c\\1", Array(repeating: UInt8(ascii: "<"), count: 5000)),
            (String(repeating: "x\\", count: 80) + "1", Array("<Files/>".utf8)),  // 241 bytes, under the 256 limit
        ])
        let cases: [[(String, [UInt8])]] = [
            [("index.xml", Array("<INDEX><CABLIST><CAB NAME=\"package2.cab\" RANGESTART=\"-1\"/>".utf8)), ("package.cab", package), ("package2.cab", fragments)],
            [("index.xml", Array("not xml".utf8)), ("package.cab", Array("MSCF garbage".utf8)), ("package2.cab", Array("MSCF".utf8))],
            [("index.xml", []), ("package.cab", package), ("package7.cab", makeCabinet([])), ("readme.txt", Array("hi".utf8))],
            [("package.cab", package), ("package2.cab", makeCabinet([("x\\1\u{0}", Array("<ExtendedProperties/>".utf8))]))],  // a NUL in a name
            [("package.cab", package), ("package.cab", package), ("package2.cab", makeCabinet([]))],  // package.cab twice
        ]
        var results: [(records: [CatalogRecord], summary: CatalogReadSummary)] = []
        for members in cases {
            var records: [CatalogRecord] = []
            let summary = CatalogReader.read(bytes: makeCabinet(members), fileName: "hostile.cab") { records.append($0) }
            results.append((records, summary))
            #expect(summary.diagnostics.allSatisfy { $0.range.file.hasPrefix("hostile.cab") })
            // Every fragment written is attached to revision 1 or reported as an orphan.
            for fragment in Self.fragments(records) where !fragment.attached {
                #expect(summary.diagnostics.contains { $0.code == CatalogCode.orphanFragment && $0.range.file.hasSuffix(fragment.member) })
            }
        }
        let codes = results.map { Set($0.summary.diagnostics.map(\.code.rawValue)) }
        #expect(codes[0] == ["CAT1002", "CAT3005", "CAT2001", "CAT1001"])  // unclosed index, 5 odd names, declared encoding, "<<<<"
        #expect(results[0].summary.diagnostics.filter { $0.code == CatalogCode.cabMemberSkipped }.count == 5)
        // The empty x/1 is an empty fragment; l/en/1 with BOM and declaration is read as a fragment.
        #expect(Self.fragments(results[0].records).map(\.member) == ["package2.cab/x/1", "package2.cab/l/en/1"])
        #expect(Self.fragments(results[0].records).last?.content.title() == "t")
        #expect(codes[1] == ["CAT1002", "CAT3001"])  // garbage index and cabinets
        #expect(codes[2] == ["CAT1002", "CAT3001", "CAT3005"])  // empty index, empty cabinet, stray member
        // A NUL in a member name ends the name, as in any C string: x/1, read and attached.
        #expect(codes[3].isEmpty)
        #expect(Self.fragments(results[3].records).map(\.attached) == [true])
        // The second package.cab is read as a fragment cabinet: its package.xml is reported, not dropped.
        #expect(results[4].summary.diagnostics.map(\.code) == [CatalogCode.cabMemberSkipped, CatalogCode.cabUnreadable])
        #expect(results[4].summary.diagnostics.first?.message.contains("'package.cab/package.xml'") == true)
        #expect(results[4].summary.updateCount == 1)
    }

    // MARK: the shared fixture

    @Test(.enabled(if: CatalogPaths.sharedAvailable, "../shared/corpus/catalogs is absent (not part of a plain clone)"))
    func sharedFixtureJoinsItsFragments() throws {
        let (records, summary) = CatalogReader.readAll(path: Self.fixture)
        #expect(summary.succeeded)
        #expect(summary.updateCount == 4)  // MANIFEST: 4 updates
        let fragments = Self.fragments(records)
        #expect(fragments.count == 11)  // MANIFEST: the 11 extracted fragments
        // x/000001 and x/000002 are named by file id, not by a revision of package.xml: orphans.
        #expect(fragments.filter { !$0.attached }.map(\.member) == ["package2.cab/x/000001", "package2.cab/x/000002"])
        #expect(summary.diagnostics.map(\.code) == [CatalogCode.orphanFragment, CatalogCode.orphanFragment])
        let updates = Self.joined(Self.fixture)
        #expect(updates.map { $0.title() != nil } == [true, true, true, false])  // 456789 has no fragments
        #expect(updates[0].title() == "Security Update for Windows Server 2012 R2 (KB3019978)")
        #expect(updates.map(\.kbArticles) == [["654321"], ["765432"], ["876543"], []])
        // The core fragment's AtLeastOne groups replace package.xml's flat prerequisite list.
        #expect(updates[0].prerequisites.last == .anyOf(["d31bd4c3-d872-41c9-a2e7-231f372588cb"]))
        #expect(updates[0].bundledUpdates == ["daad7390-d95c-4fd5-99a0-790dc6a2dc2a"])
    }

    // MARK: revision index

    @Test func revisionIndexRoundTripsEverySpelling() {
        var index = RevisionIndex()
        let added = [
            index.add(revision: "123456", updateID: "0a51549b-4e86-4a26-97d4-9e3567f24ea1", revisionNumber: "201"),
            index.add(revision: "7", updateID: "0A51549B-4E86-4A26-97D4-9E3567F24EA1", revisionNumber: nil),
            index.add(revision: "000001", updateID: "not-a-guid", revisionNumber: "01"),
            index.add(revision: "1", updateID: "ffffffff-ffff-ffff-ffff-ffffffffffff", revisionNumber: "2147483647"),
            index.add(revision: "99999999999", updateID: "00000000-0000-0000-0000-000000000000", revisionNumber: "0"),
            index.add(revision: "7", updateID: "x", revisionNumber: nil),
        ]
        #expect(added == [true, true, true, true, true, false])
        #expect(index.count == 5)
        #expect(index.lookup("123456") == .init(updateID: "0a51549b-4e86-4a26-97d4-9e3567f24ea1", revisionNumber: "201"))
        #expect(index.lookup("7") == .init(updateID: "0A51549B-4E86-4A26-97D4-9E3567F24EA1", revisionNumber: nil))
        #expect(index.lookup("000001") == .init(updateID: "not-a-guid", revisionNumber: "01"))
        #expect(index.lookup("1") == .init(updateID: "ffffffff-ffff-ffff-ffff-ffffffffffff", revisionNumber: "2147483647"))
        #expect(index.lookup("99999999999")?.revisionNumber == "0")
        #expect(index.lookup("01") == nil)
        #expect(index.lookup("2") == nil)
    }
}

/// A stored (uncompressed) cabinet of these members, one folder (the layout of Scripts/gen-catalog-cab.py).
func makeCabinet(_ members: [(String, [UInt8])]) -> [UInt8] {
    func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
    func le16(_ value: Int) -> [UInt8] { (0..<2).map { UInt8((value >> (8 * $0)) & 0xFF) } }
    let data = members.flatMap(\.1)
    var blocks: [[UInt8]] = stride(from: 0, to: data.count, by: 32768).map { Array(data[$0..<min(data.count, $0 + 32768)]) }
    if blocks.isEmpty { blocks = [[]] }
    var files: [UInt8] = []
    var offset = 0
    for (name, content) in members {
        files += le32(content.count) + le32(offset) + le16(0) + le16(0x5821) + le16(0) + le16(0x20) + Array(name.utf8) + [0]
        offset += content.count
    }
    let filesOffset = 36 + 8
    let dataOffset = filesOffset + files.count
    let cfdata = blocks.flatMap { le32(0) + le16($0.count) + le16($0.count) + $0 }
    let header = Array("MSCF".utf8) + le32(0) + le32(dataOffset + cfdata.count) + le32(0) + le32(filesOffset) + le32(0)
        + [3, 1] + le16(1) + le16(members.count) + le16(0) + le16(0x1234) + le16(0)
    let folder = le32(dataOffset) + le16(blocks.count) + le16(0)
    return header + folder + files + cfdata
}
