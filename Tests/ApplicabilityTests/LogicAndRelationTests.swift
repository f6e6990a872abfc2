@testable import Applicability
import MachineState
import Testing
import UpdateCatalog

@Suite struct LogicTests {
    let pc = Fixture.win10()
    let unknown = #"<bar:SystemMetric Comparison="EqualTo" Index="86" Value="0"/>"#

    @Test func kleeneTables() {
        #expect((Truth.false && .unknown) == .false)
        #expect((Truth.true && .unknown) == .unknown)
        #expect((Truth.true || .unknown) == .true)
        #expect((Truth.false || .unknown) == .unknown)
        #expect(!Truth.unknown == .unknown)
    }

    @Test func andOrThreeValuedInRules() {
        #expect(Fixture.truth("<lar:And><lar:False/>\(unknown)</lar:And>", on: pc) == .false)
        #expect(Fixture.truth("<lar:And>\(unknown)<lar:False/></lar:And>", on: pc) == .false)
        #expect(Fixture.truth("<lar:And><lar:True/>\(unknown)</lar:And>", on: pc) == .unknown)
        #expect(Fixture.truth("<lar:Or><lar:True/>\(unknown)</lar:Or>", on: pc) == .true)
        #expect(Fixture.truth("<lar:Or>\(unknown)<lar:False/></lar:Or>", on: pc) == .unknown)
        #expect(Fixture.truth("<lar:Not>\(unknown)</lar:Not>", on: pc) == .unknown)
    }

    @Test func shortCircuitShownInTrace() {
        let compiled = Fixture.catalog([Fixture.package(id: "u1", installable: "<lar:And><lar:False/>\(unknown)<lar:True/></lar:And>")])
        let explanation = CatalogEvaluator(compiled).explain(0, on: MachineView(pc))
        let lines = explanation.sections[0].lines
        #expect(lines.map(\.rule) == ["lar:And", "lar:False"])
        #expect(lines[0].skipped == 2)
        #expect(lines[1].decisive)
        #expect(explanation.result.status == .notApplicable)
    }

    @Test func identicalLeavesAreSharedAndMemoized() {
        let rule = #"<bar:WmiQuery WqlQuery="select * from Win32_ComputerSystem where Manufacturer='HP'"/>"#
        let compiled = Fixture.catalog((1...5).map { Fixture.package(id: "u\($0)", installable: rule) })
        #expect(compiled.program.leafCount == 1)
        let result = CatalogEvaluator(compiled).evaluate(pc)
        #expect(result.leafComputations == 1)
        #expect(result.ruleEvaluations == 5)
    }
}

@Suite struct WQLTests {
    @Test func parsesSubset() throws {
        let query = try WQLQuery.parse("SELECT Name, Model FROM Win32_ComputerSystem WHERE NOT (Name = 'a' OR Model <> \"b\") AND Memory >= 4 AND X IS NOT NULL").get()
        #expect(query.className == "Win32_ComputerSystem")
        #expect(query.properties == ["Name", "Model"])
        #expect(query.condition != nil)
    }

    @Test func rejectsUnsupportedWithReason() {
        func message(_ text: String) -> String {
            if case .failure(let error) = WQLQuery.parse(text) { return error.message }
            return ""
        }
        #expect(message("ASSOCIATORS OF {Win32_Disk.Id=1}").contains("ASSOCIATORS"))
        #expect(message("select * from __InstanceCreationEvent within 5").contains("event"))
        #expect(message("select * from Win32_X where __CLASS = 'a'").contains("system property"))
        #expect(message("select * from Win32_X where A = B").contains("two properties"))
        #expect(message("select * from Win32_X where TargetInstance.Name = 'a'").contains("embedded"))
        #expect(message("select * from Win32_X where A = 'open").contains("unterminated"))
    }

    @Test func likePatterns() {
        func m(_ pattern: String, _ value: String) -> Bool { LikePattern.compile(pattern).matches(lowercased: Array(value.lowercased().utf8)) }
        #expect(m("%proliant%", "HP ProLiant DL380"))
        #expect(!m("%proliant%", "EliteBook"))
        #expect(m("Elite%", "elitebook"))
        #expect(m("%book", "EliteBook"))
        #expect(m("a_c", "abc"))
        #expect(!m("a_c", "abbc"))
        #expect(m("[a-c]x", "bx"))
        #expect(!m("[^a-c]x", "bx"))
        #expect(m("%", ""))
    }

    /// `%…_…%` patterns take a segment matcher; it must answer as the general wildcard matcher does.
    @Test func segmentPatternsAgreeWithTheGeneralMatcher() throws {
        let patterns = ["%usb\\vid_8087&pid_0aa7%", "%_b%", "%a__c%", "%é_x%", "%_%", "%x_%", "%pci\\ven_10ec&dev_8168%"]
        let values = ["USB\\VID_8087&PID_0AA7\\5&1", "acpi\\pnp0a03", "xUSB\\VID_8087XPID_0AA7", "ab", "b", "aéxc", "aébc", "a12c",
                      "éÉx", "x", "", "x€", "PCI\\VEN_10EC&DEV_8168&SUBSYS_1", "pci\\ven_10ec&dev_816"]
        for pattern in patterns {
            let compiled = LikePattern.compile(pattern)
            guard case .containsSegment = compiled else {
                Issue.record("\(pattern) did not compile to a segment matcher")
                continue
            }
            guard case .general(let tokens) = LikePattern.compile(pattern + "[^\u{10FFFF}]%") else {
                Issue.record("no general form")
                continue
            }
            for value in values {
                let lower = Array(value.lowercased().utf8)
                // The general matcher on the same pattern (tokens without the extra set and run).
                let general = LikePattern.match(Array(tokens.dropLast(2)) + [.anyRun], lower)
                #expect(compiled.matches(lowercased: lower) == general, "\(pattern) on \(value)")
            }
        }
        #expect(LikePattern.compile("%usb\\vid_8087%").matches(lowercased: Array("usb\\vid-8087".utf8)))
        #expect(!LikePattern.compile("%usb\\vid_8087%").matches(lowercased: Array("usb\\vid8087".utf8)))
    }
}

@Suite struct RelationTests {
    let pc = Fixture.win10()

    @Test func supersededWhenNewerApplies() {
        let older = Fixture.package(id: "old", installable: "<lar:True/>", installed: "<lar:False/>")
        let newer = Fixture.package(id: "new", installable: "<lar:True/>", installed: "<lar:False/>",
                                    extra: "<sdp:SupersededPackages><sdp:PackageID>old</sdp:PackageID></sdp:SupersededPackages>")
        let results = CatalogEvaluator(Fixture.catalog([older, newer])).evaluate(pc).results
        #expect(results[0].status == .superseded)
        #expect(results[0].reason.contains("new"))
        #expect(results[1].status == .missing)
    }

    @Test func notSupersededWhenNewerDoesNotApply() {
        let older = Fixture.package(id: "old", installable: "<lar:True/>", installed: "<lar:False/>")
        let newer = Fixture.package(id: "new", installable: "<lar:False/>",
                                    extra: "<sdp:SupersededPackages><sdp:PackageID>old</sdp:PackageID></sdp:SupersededPackages>")
        let results = CatalogEvaluator(Fixture.catalog([older, newer])).evaluate(pc).results
        #expect(results[0].status == .missing)
        #expect(results[1].status == .notApplicable)
    }

    @Test func prerequisites() {
        let base = Fixture.package(id: "base", installable: "<lar:True/>", installed: "<lar:True/>")
        let absent = Fixture.package(id: "absent", installable: "<lar:False/>")
        func dependent(_ ids: [String]) -> String {
            Fixture.package(id: "dep", installable: "<lar:True/>", installed: "<lar:False/>",
                            extra: "<sdp:Prerequisites><sdp:AtLeastOne>" + ids.map { "<sdp:PackageID>\($0)</sdp:PackageID>" }.joined() + "</sdp:AtLeastOne></sdp:Prerequisites>")
        }
        #expect(CatalogEvaluator(Fixture.catalog([base, absent, dependent(["absent", "base"])])).evaluate(pc).results[2].status == .missing)
        let unmet = CatalogEvaluator(Fixture.catalog([base, absent, dependent(["absent"])])).evaluate(pc).results[2]
        #expect(unmet.status == .notApplicable)
        #expect(unmet.reason.contains("prerequisite"))
        // A prerequisite must be installed: one that is applicable but missing does not do.
        let needed = Fixture.package(id: "needed", installable: "<lar:True/>", installed: "<lar:False/>")
        let waiting = CatalogEvaluator(Fixture.catalog([needed, dependent(["needed"])])).evaluate(pc).results
        #expect(waiting[0].status == .missing)
        #expect(waiting[1].status == .notApplicable)
        #expect(waiting[1].reason == "prerequisite 'Update needed' is not installed")
        // An id the catalog does not hold can never be installed.
        #expect(CatalogEvaluator(Fixture.catalog([dependent(["elsewhere"])])).evaluate(pc).results[0].status == .notApplicable)
        // Prerequisites not installed: not applicable whatever the update's own rules, unknown ones included.
        let unknownOwn = Fixture.package(id: "dep", installable: "<bar:GenericQuery Namespace=\"n\" Type=\"t\" Parameter=\"p\"/>",
                                         extra: "<sdp:Prerequisites><sdp:AtLeastOne><sdp:PackageID>absent</sdp:PackageID></sdp:AtLeastOne></sdp:Prerequisites>")
        #expect(CatalogEvaluator(Fixture.catalog([absent, unknownOwn])).evaluate(pc).results[1].status == .notApplicable)
        // A prerequisite whose own rules are unknown leaves the update unknown, unless its rules say not applicable.
        let unsure = Fixture.package(id: "unsure", installable: "<lar:True/>", installed: "<bar:GenericQuery Namespace=\"n\" Type=\"t\" Parameter=\"p\"/>")
        let pending = CatalogEvaluator(Fixture.catalog([unsure, dependent(["unsure"])])).evaluate(pc).results[1]
        #expect(pending.status == .unknown)
        #expect(pending.reason.hasPrefix("prerequisite 'Update unsure' is unknown"))
        let refusing = Fixture.package(id: "dep", installable: "<lar:False/>",
                                       extra: "<sdp:Prerequisites><sdp:AtLeastOne><sdp:PackageID>unsure</sdp:PackageID></sdp:AtLeastOne></sdp:Prerequisites>")
        #expect(CatalogEvaluator(Fixture.catalog([unsure, refusing])).evaluate(pc).results[1].status == .notApplicable)
    }

    /// A detectoid (Updates Publisher `UpdateType="Detectoid"`) is an update with rules of its own: not
    /// installed → not applicable (never offered); no IsInstalled rule at all → unknown.
    @Test func detectoids() {
        func detectoid(_ id: String, installed: String?) -> String {
            var text = "<sdp:SoftwareDistributionPackage \(Fixture.namespaces)><sdp:Properties PackageID=\"\(id)\" CreationDate=\"2024-05-01T10:00:00Z\" UpdateType=\"Detectoid\"/>"
            text += "<sdp:LocalizedProperties><sdp:Language>en</sdp:Language><sdp:Title>\(id)</sdp:Title></sdp:LocalizedProperties>"
            if let installed { text += "<sdp:IsInstalled>\(installed)</sdp:IsInstalled>" }
            return text + "</sdp:SoftwareDistributionPackage>"
        }
        func dependent(on id: String) -> String {
            Fixture.package(id: "dep", installable: "<lar:True/>", installed: "<lar:False/>",
                            extra: "<sdp:Prerequisites><sdp:AtLeastOne><sdp:PackageID>\(id)</sdp:PackageID></sdp:AtLeastOne></sdp:Prerequisites>")
        }
        let yes = CatalogEvaluator(Fixture.catalog([detectoid("x64", installed: "<lar:True/>"), dependent(on: "x64")])).evaluate(pc).results
        #expect(yes.map(\.status) == [.installed, .missing])
        let no = CatalogEvaluator(Fixture.catalog([detectoid("arm64", installed: "<lar:False/>"), dependent(on: "arm64")])).evaluate(pc).results
        #expect(no.map(\.status) == [.notApplicable, .notApplicable])
        #expect(no[1].reason == "prerequisite 'arm64' (detectoid) is not installed")
        let bare = CatalogEvaluator(Fixture.catalog([detectoid("bare", installed: nil), dependent(on: "bare")])).evaluate(pc).results
        #expect(bare.map(\.status) == [.unknown, .unknown])
    }

    /// IsInstalled first: true wins over IsInstallable false; unknown leaves the update unknown
    /// unless the rest says installed.
    @Test func isInstalledFirst() {
        let patched = Fixture.package(id: "p", installable: "<lar:False/>", installed: "<lar:True/>")
        #expect(CatalogEvaluator(Fixture.catalog([patched])).evaluate(pc).results[0].status == .installed)
        let unsure = Fixture.package(id: "u", installable: "<lar:False/>", installed: "<bar:GenericQuery Namespace=\"n\" Type=\"t\" Parameter=\"p\"/>")
        #expect(CatalogEvaluator(Fixture.catalog([unsure])).evaluate(pc).results[0].status == .unknown)
    }

    @Test func bundles() {
        let a = Fixture.package(id: "a", installable: "<lar:True/>", installed: "<lar:True/>")
        let b = Fixture.package(id: "b", installable: "<lar:True/>", installed: "<lar:False/>")
        let c = Fixture.package(id: "c", installable: "<lar:False/>")
        func bundle(_ ids: [String]) -> String {
            Fixture.package(id: "bundle", extra: "<sdp:BundledPackages>" + ids.map { "<sdp:PackageID>\($0)</sdp:PackageID>" }.joined() + "</sdp:BundledPackages>")
        }
        #expect(CatalogEvaluator(Fixture.catalog([a, b, c, bundle(["a", "c"])])).evaluate(pc).results[3].status == .installed)
        #expect(CatalogEvaluator(Fixture.catalog([a, b, c, bundle(["a", "b"])])).evaluate(pc).results[3].status == .missing)
        #expect(CatalogEvaluator(Fixture.catalog([a, b, c, bundle(["c"])])).evaluate(pc).results[3].status == .notApplicable)
    }

    @Test func itemRules() {
        let item = "<sdp:InstallableItem ID=\"i\"><sdp:ApplicabilityRules><sdp:IsInstalled><lar:False/></sdp:IsInstalled><sdp:IsSuperseded><lar:True/></sdp:IsSuperseded></sdp:ApplicabilityRules></sdp:InstallableItem>"
        #expect(CatalogEvaluator(Fixture.catalog([Fixture.package(id: "u", installable: "<lar:True/>", items: item)])).evaluate(pc).results[0].status == .notApplicable)
    }
}

@Suite struct MssecureTests {
    /// MS02-001's patch names MS03-026's patch as its superseder (SBID 1 → the newer patch); FixedInSP
    /// and AffectedServicePack hold ServicePack ids ("12" is Windows XP Service Pack 2).
    static let xml = """
        <?xml version="1.0"?>
        <BulletinDatastore DataVersion="1" SchemaVersion="1.0.0.11">
        <Bulletins>
        <Bulletin BulletinID="MS03-026" Title="RPC" DatePosted="2003/07/16" DateRevised="2003/09/10">
        <QNumbers><QNumber QNumber="Q823980"/></QNumbers>
        <Patches><Patch PatchName="KB823980_xp.exe" SBID="0" SQNumber="Q823980">
        <AffectedProduct ProductID="1" FixedInSP="12"><AffectedServicePack ServicePackID="10"/><AffectedServicePack ServicePackID="11"/></AffectedProduct>
        <FileChgs><FileChg FileChangeID="1"/></FileChgs>
        <RegChgs><RegChg RegChangeID="1"/></RegChgs>
        </Patch></Patches></Bulletin>
        <Bulletin BulletinID="MS02-001" Title="Old" DatePosted="2002/01/01">
        <Patches><Patch PatchName="old.exe" SBID="1"><AffectedProduct ProductID="1" FixedInSP="0"><AffectedServicePack ServicePackID="10"/><AffectedServicePack ServicePackID="11"/></AffectedProduct>
        <RegChgs><RegChg RegChangeID="2"/></RegChgs></Patch></Patches></Bulletin>
        <Bulletin BulletinID="MS02-099" Title="No checks" DatePosted="2002/05/01">
        <Patches><Patch PatchName="nochecks.exe" SBID="0"><AffectedProduct ProductID="1" FixedInSP="0"/></Patch></Patches></Bulletin>
        </Bulletins>
        <Products><Product ProductID="1" Name="Windows XP Professional"/></Products>
        <ServicePacks><ServicePack ServicePackID="10" Name="Windows XP Gold"/><ServicePack ServicePackID="11" Name="Windows XP Service Pack 1"/><ServicePack ServicePackID="12" Name="Windows XP Service Pack 2"/></ServicePacks>
        <RegKeys><RegKey RegKeyID="1" Name="Installed" Type="0x10001"><RegChanges><RegChange RegChangeID="1" RegChangeValue="1" LocationID="2"/><RegChange RegChangeID="2" RegChangeValue="1" LocationID="3"/></RegChanges></RegKey></RegKeys>
        <Files><File FileID="1" Name="rpcss.dll" LocationID="1"><FileChanges><FileChange FileChangeID="1" Version="5.1.2600.1230" CommandID="c" Checksum="123"/></FileChanges></File></Files>
        <Locations><Location LocationID="1" Path="%windir%\\system32"/><Location LocationID="2" Path="HKLM\\SOFTWARE\\Microsoft\\Updates\\Windows XP\\SP2\\KB823980"/><Location LocationID="3" Path="HKLM\\SOFTWARE\\Old"/></Locations>
        <SupercededBys><SupercededBy SBID="1" Description="MS03-026"><SupercededBulletins><SupercededBulletin BulletinID="MS03-026"><SupercededPatches><SupercededPatch PatchName="KB823980_xp.exe"/></SupercededPatches></SupercededBulletin></SupercededBulletins></SupercededBy></SupercededBys>
        </BulletinDatastore>
        """

    static func catalog() -> CompiledCatalog {
        var records: [CatalogRecord] = []
        let summary = CatalogReader.read(bytes: Array(xml.utf8), fileName: "mssecure.xml") { records.append($0) }
        return CompiledCatalog.compile(records: records, format: summary.format)
    }

    static func xp(sp: Int, patched: RegistryData?, rpcss: String) -> MachineSnapshot {
        var s = MachineSnapshot(machineName: "XP")
        s.os = OperatingSystemFacts(caption: "Microsoft Windows XP Professional", version: "5.1.2600", build: 2600, servicePackMajor: sp,
                                    servicePackMinor: 0, productType: .workstation, suiteMask: 0x100, architecture: .x86, language: 1033,
                                    windowsDirectory: "C:\\WINDOWS")
        s.registry.setValue(physicalPath: "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", name: "CurrentVersion", data: .string("5.1"))
        if let patched { s.registry.setValue(physicalPath: "HKLM\\SOFTWARE\\Microsoft\\Updates\\Windows XP\\SP2\\KB823980", name: "Installed", data: patched) }
        s.files = [FileFact(path: "C:\\WINDOWS\\system32\\rpcss.dll", version: rpcss)]
        return s
    }

    @Test func installedWhenAllEvidenceHolds() {
        let evaluator = CatalogEvaluator(Self.catalog())
        let installed = evaluator.evaluate(Self.xp(sp: 1, patched: .dword(1), rpcss: "5.1.2600.1230")).results[0]
        #expect(installed.status == .installed)
        #expect(installed.reason.contains("1 checksum(s) not checked"))
        let older = evaluator.evaluate(Self.xp(sp: 1, patched: .dword(1), rpcss: "5.1.2600.1106")).results[0]
        #expect(older.status == .missing)
        #expect(older.reason.contains("rpcss.dll"))
        #expect(evaluator.evaluate(Self.xp(sp: 1, patched: nil, rpcss: "5.1.2600.1230")).results[0].status == .missing)
        // RegKey Type 0x10001 is REG_DWORD: a REG_SZ "1" is not the patch's value.
        let wrongType = evaluator.evaluate(Self.xp(sp: 1, patched: .string("1"), rpcss: "5.1.2600.1230")).results[0]
        #expect(wrongType.status == .missing)
        #expect(wrongType.reason.contains("REG_SZ, not REG_DWORD"))
    }

    @Test func servicePacksAndProductsByFacts() {
        let evaluator = CatalogEvaluator(Self.catalog())
        // FixedInSP 12 = Windows XP Service Pack 2 contains the fix: not applicable.
        #expect(evaluator.evaluate(Self.xp(sp: 2, patched: nil, rpcss: "5.1.2600.2180")).results[0].status == .notApplicable)
        // A Windows 2000 machine is not Windows XP Professional, whatever its caption says.
        var w2k = Self.xp(sp: 1, patched: nil, rpcss: "1.0.0.0")
        w2k.os.version = "5.0.2195"
        #expect(evaluator.evaluate(w2k).results[0].status == .notApplicable)
        // XP Home (suite 0x200 Personal) is another product.
        var home = Self.xp(sp: 1, patched: nil, rpcss: "1.0.0.0")
        home.os.suiteMask = 0x300
        #expect(evaluator.evaluate(home).results[0].status == .notApplicable)
        // No OS facts and no registry: unknown, and the reason names the missing data.
        let bare = evaluator.evaluate(MachineSnapshot(machineName: "X")).results[0]
        #expect(bare.status == .unknown)
        #expect(bare.reason.contains("no OS version"))
    }

    @Test func supersedenceRunsFromOldToNew() {
        let evaluator = CatalogEvaluator(Self.catalog())
        // old.exe (MS02-001) is missing; the newer MS03-026 patch that supersedes it applies (missing).
        let unpatched = evaluator.evaluate(Self.xp(sp: 1, patched: nil, rpcss: "5.1.2600.1106")).results
        #expect(unpatched[0].status == .missing)
        #expect(unpatched[1].status == .superseded)
        #expect(unpatched[1].reason == "old.exe: superseded by MS03-026's KB823980_xp.exe, missing")
        let patched = evaluator.evaluate(Self.xp(sp: 1, patched: .dword(1), rpcss: "5.1.2600.1230")).results
        #expect(patched[1].reason == "old.exe: superseded by MS03-026's KB823980_xp.exe, installed")
        // old.exe affects Gold and SP1 only (AffectedServicePack 10, 11): on SP2 it does not apply at all.
        #expect(evaluator.evaluate(Self.xp(sp: 2, patched: nil, rpcss: "5.1.2600.2180")).results[1].status == .notApplicable)
    }

    @Test func cannotDetermineIsNotUnknown() {
        let evaluator = CatalogEvaluator(Self.catalog())
        let result = evaluator.evaluate(Self.xp(sp: 1, patched: nil, rpcss: "5.1.2600.1106")).results[2]
        #expect(result.status == .cannotDetermine)
        #expect(result.status.smsStatus == "Cannot Determine")
        var w2k = Self.xp(sp: 1, patched: nil, rpcss: "1.0.0.0")
        w2k.os.version = "5.0.2195"
        #expect(evaluator.evaluate(w2k).results[2].status == .notApplicable)
    }

    @Test func explainShowsProductsAndTheSupersedenceChain() {
        let evaluator = CatalogEvaluator(Self.catalog())
        let text = evaluator.explain(1, on: MachineView(Self.xp(sp: 1, patched: .dword(1), rpcss: "5.1.2600.1230"))).text()
        #expect(text.contains("mssecure patch old.exe: applies to Windows XP Professional (OS version 5.1.2600 [5.1.2600]"))
        #expect(text.contains("superseded by MS03-026's KB823980_xp.exe"))
        #expect(text.contains("status: superseded — old.exe: superseded by MS03-026's KB823980_xp.exe, installed"))
    }
}
