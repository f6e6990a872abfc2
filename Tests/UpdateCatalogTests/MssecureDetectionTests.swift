import Foundation
import Testing
@testable import UpdateCatalog

/// mssecure.xml patches resolved against the catalog's tables (`MssecureTables`).
struct MssecureDetectionTests {
    static func detections(_ records: [CatalogRecord]) -> [MssecureDetection] {
        var tables = MssecureTables()
        for case .entry(let entry) in records { tables.add(entry) }
        return records.compactMap(\.update).map(tables.detection(for:))
    }

    @Test func corpusBulletinResolvesEveryReference() throws {
        let (records, summary) = CatalogReader.readAll(path: CatalogPaths.corpusFile("mssecure-small.xml"))
        #expect(summary.succeeded)
        let detection = try #require(Self.detections(records).first)
        #expect(detection.bulletin == "MT01-001")
        let patch = try #require(detection.patches.first)
        #expect(patch.unresolved.isEmpty)
        #expect(patch.products == [.init(id: "1", name: "Windows Test",
                                         servicePacks: [.init(id: "1", name: "Gold", level: 0)], fixedInServicePack: nil,
                                         availableServicePacks: [])])
        let registry = try #require(patch.registryChecks.first)
        #expect(registry.key == #"HKLM\SOFTWARE\Microsoft\Updates\Q100001"#)
        #expect(registry.valueName == "Installed")
        #expect(registry.value == "1")
        #expect(registry.valueType == "0x10001")
        #expect(registry.command == .registryKey)
        let file = try #require(patch.fileChecks.first)
        #expect(file.folder == #"%windir%\system32"#)
        #expect(file.name == "test.dll")
        #expect(file.version == "5.0.0.1")
        #expect(file.checksum == "12345")
        #expect(file.size == nil)  // Size="" is no size
        #expect(file.command == .change)
        // The SBID record names the newer patch, the one that supersedes this one.
        #expect(patch.supersededBy == [.init(bulletin: "MT02-001", patches: ["Q200001_x86.exe"])])
    }

    @Test func missingRowsAreListedNotDropped() throws {
        let xml = """
        <BulletinDatastore><Bulletins><Bulletin BulletinID="MT02-002"><Patches>
        <Patch PatchName="p.exe" SBID="4"><AffectedProduct ProductID="7" FixedInSP="2"><AffectedServicePack ServicePackID="3"/></AffectedProduct>
        <FileChgs><FileChg FileChangeID="9"/><FileChg FileChangeID="1"/></FileChgs><RegChgs><RegChg RegChangeID="5"/></RegChgs></Patch>
        </Patches></Bulletin></Bulletins>
        <ServicePacks><ServicePack ServicePackID="3" Name="Windows 2000 Service Pack 2"/></ServicePacks>
        <Files><File FileID="1" Name="a.dll" LocationID="44"><FileChanges><FileChange FileChangeID="1" Version="" CommandID="e"/></FileChanges></File></Files>
        </BulletinDatastore>
        """
        let (records, _) = readCatalog(xml)
        let patch = try #require(Self.detections(records).first?.patches.first)
        #expect(patch.unresolved == ["ProductID 7", "ServicePackID 2", "RegChangeID 5", "FileChangeID 9", "LocationID 44 of FileChangeID 1", "SBID 4"])
        #expect(patch.products.first?.name == nil)
        #expect(patch.products.first?.servicePacks == [.init(id: "3", name: "Windows 2000 Service Pack 2", level: 2)])
        // FixedInSP is a ServicePack id ("2"), which this file's table does not have.
        #expect(patch.products.first?.fixedInServicePack == .init(id: "2", name: nil, level: nil))
        #expect(patch.fileChecks.map(\.name) == ["a.dll"])
        #expect(patch.fileChecks.first?.version == nil)
        #expect(patch.fileChecks.first?.command == .changeIfExists)
    }

    /// The data settles the direction of `SBID` (FORMATS.md §1, correction): the record a patch points
    /// to names the newer bulletin, never an older one.
    @Test(.enabled(if: CatalogPaths.sharedAvailable, "needs ../shared/corpus/catalogs"))
    func realCatalogSupersedenceNamesTheNewerPatch() throws {
        let path = CatalogPaths.shared.appendingPathComponent("mssecure/mssecure.xml").path
        let (records, _) = CatalogReader.readAll(path: path)
        let detections = Self.detections(records)
        let ms99039 = try #require(detections.first { $0.bulletin == "MS99-039" })
        #expect(ms99039.patches.allSatisfy { $0.supersededBy.map(\.bulletin) == ["MS01-026"] })
        let ms01026 = try #require(detections.first { $0.bulletin == "MS01-026" })
        let iis5 = try #require(ms01026.patches.first { $0.name == "Q293826_W2K_SP3_x86_en.EXE" })
        #expect(iis5.supersededBy.map(\.bulletin) == ["MS01-044"])
        // No patch is superseded by a bulletin of an earlier year (MS98-… is 1998, MS01-… 2001).
        func year(_ bulletin: String) -> Int {
            let yy = Int(bulletin.dropFirst(2).prefix(2)) ?? 0
            return yy < 50 ? 2000 + yy : 1900 + yy
        }
        for detection in detections {
            for patch in detection.patches {
                for superseder in patch.supersededBy {
                    #expect(year(superseder.bulletin) >= year(detection.bulletin),
                            "\(detection.bulletin) \(patch.name ?? "") superseded by \(superseder.bulletin)")
                }
            }
        }
    }

    @Test func servicePackLevels() {
        #expect(MssecureDetection.servicePackLevel("Windows NT4 Service Pack 6a") == 6)
        #expect(MssecureDetection.servicePackLevel("Windows 98se Gold") == 0)
        #expect(MssecureDetection.servicePackLevel("None Available") == nil)
    }

    @Test func statisticsCountBulletinsByAffectedProductName() {
        var statistics = CatalogStatistics()
        _ = CatalogReader.read(path: CatalogPaths.corpusFile("mssecure-small.xml")) { statistics.add($0) }
        #expect(statistics.productCounts == ["Windows Test": 1])
    }

    @Test(.enabled(if: CatalogPaths.sharedAvailable, "needs ../shared/corpus/catalogs"))
    func realCatalogResolvesEveryReference() throws {
        let path = CatalogPaths.shared.appendingPathComponent("mssecure/mssecure.xml").path
        let (records, _) = CatalogReader.readAll(path: path)
        let detections = Self.detections(records)
        #expect(detections.count == 231)
        let patches = detections.flatMap(\.patches)
        #expect(patches.flatMap(\.unresolved).isEmpty, "\(patches.flatMap(\.unresolved).prefix(10))")
        // Every reference in the file became one check: count the references in the raw text.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(patches.reduce(0) { $0 + $1.registryChecks.count } == text.components(separatedBy: "<RegChg ").count - 1)
        #expect(patches.reduce(0) { $0 + $1.fileChecks.count } == text.components(separatedBy: "<FileChg ").count - 1)
        #expect(patches.allSatisfy { $0.products.allSatisfy { $0.name != nil } })
    }
}
