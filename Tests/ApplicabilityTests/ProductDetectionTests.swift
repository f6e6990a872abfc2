import Applicability
import MachineState
import Testing
import UpdateCatalog

/// The product detection table: the bundled one reads, names are compared whole, a user table merges in.
@Suite struct ProductDetectionTests {
    @Test func bundledTableReads() {
        let table = ProductTable.builtIn
        #expect(table.products.count >= 104)
        #expect(table.servicePackSeries.contains { $0.series == "Windows NT 4.0" })
        // Every product names where its facts come from.
        #expect(table.products.allSatisfy { !($0.source ?? "").isEmpty })
    }

    static func mssecure(product: String, servicePack: String = "None Available") -> CompiledCatalog {
        let xml = """
            <?xml version="1.0"?><BulletinDatastore><Bulletins><Bulletin BulletinID="MT09-001"><Patches>
            <Patch PatchName="p.exe" SBID="0"><AffectedProduct ProductID="1" FixedInSP="0"><AffectedServicePack ServicePackID="1"/></AffectedProduct></Patch>
            </Patches></Bulletin></Bulletins>
            <Products><Product ProductID="1" Name="\(product)"/></Products>
            <ServicePacks><ServicePack ServicePackID="1" Name="\(servicePack)"/></ServicePacks></BulletinDatastore>
            """
        var records: [CatalogRecord] = []
        let summary = CatalogReader.read(bytes: Array(xml.utf8), fileName: "mssecure.xml") { records.append($0) }
        return CompiledCatalog.compile(records: records, format: summary.format)
    }

    static func win9x(_ version: String) -> MachineSnapshot {
        var s = MachineSnapshot(machineName: "9X")
        s.registry.setValue(physicalPath: "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion", name: "VersionNumber", data: .string(version))
        return s
    }

    /// "Windows 98" is not "Windows 98 SE" although one name contains the other.
    @Test func namesContainingOneAnotherAreDifferentProducts() {
        let on98 = CatalogEvaluator(Self.mssecure(product: "Windows 98"))
        let onSE = CatalogEvaluator(Self.mssecure(product: "Windows 98 SE"))
        // Patches without checks: cannot determine where the product runs, not applicable elsewhere.
        #expect(on98.evaluate(Self.win9x("4.10.1998")).results[0].status == .cannotDetermine)
        #expect(on98.evaluate(Self.win9x("4.10.2222")).results[0].status == .notApplicable)
        #expect(onSE.evaluate(Self.win9x("4.10.2222")).results[0].status == .cannotDetermine)
        #expect(onSE.evaluate(Self.win9x("4.10.1998")).results[0].status == .notApplicable)
    }

    /// NT4 SP6a is CSDVersion "Service Pack 6" plus the Q246009 hotfix key (ServicePack id 7 in the catalog).
    @Test func nt4ServicePack6a() {
        func nt4(sp6a: Bool) -> MachineSnapshot {
            var s = MachineSnapshot(machineName: "NT4")
            let key = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"
            s.registry.setValue(physicalPath: key, name: "CurrentVersion", data: .string("4.0"))
            s.registry.setValue(physicalPath: key, name: "CurrentBuildNumber", data: .string("1381"))
            s.registry.setValue(physicalPath: key, name: "CSDVersion", data: .string("Service Pack 6"))
            s.registry.setValue(physicalPath: "HKLM\\SYSTEM\\CurrentControlSet\\Control\\ProductOptions", name: "ProductType", data: .string("WinNT"))
            if sp6a { s.registry.setValue(physicalPath: key + "\\Hotfix\\Q246009", name: "Installed", data: .dword(1)) }
            return s
        }
        let at6a = CatalogEvaluator(Self.mssecure(product: "Windows NT Workstation 4.0", servicePack: "Windows NT4 Service Pack 6a"))
        #expect(at6a.evaluate(nt4(sp6a: true)).results[0].status == .cannotDetermine)
        #expect(at6a.evaluate(nt4(sp6a: false)).results[0].status == .notApplicable)
        let at6 = CatalogEvaluator(Self.mssecure(product: "Windows NT Workstation 4.0", servicePack: "Windows NT4 Service Pack 6"))
        #expect(at6.evaluate(nt4(sp6a: false)).results[0].status == .cannotDetermine)
        #expect(at6.evaluate(nt4(sp6a: true)).results[0].status == .notApplicable)
    }

    @Test func unknownProductAndUserTable() {
        let catalog = Self.mssecure(product: "Contoso Server 1.0")
        var machine = MachineSnapshot(machineName: "C")
        machine.registry.setValue(physicalPath: "HKLM\\SYSTEM\\CurrentControlSet\\Services\\ContosoSvc", name: "Start", data: .dword(2))
        let without = CatalogEvaluator(catalog).evaluate(machine).results[0]
        #expect(without.status == .unknown)
        #expect(without.reason.contains("no detection facts for product 'Contoso Server 1.0'"))
        let json = #"{"products": [{"product": "Contoso Server 1.0", "anyOf": [[{"service": "ContosoSvc"}]], "source": "test"}], "servicePackSeries": []}"#
        guard case .success(let user) = ProductTable.decode(Array(json.utf8)) else {
            Issue.record("the user table does not decode")
            return
        }
        let merged = ProductTable.builtIn.merging(user)
        #expect(merged.products.count == ProductTable.builtIn.products.count + 1)
        var records: [CatalogRecord] = []
        let xml = """
            <?xml version="1.0"?><BulletinDatastore><Bulletins><Bulletin BulletinID="MT09-001"><Patches>
            <Patch PatchName="p.exe" SBID="0"><AffectedProduct ProductID="1" FixedInSP="0"/></Patch></Patches></Bulletin></Bulletins>
            <Products><Product ProductID="1" Name="Contoso Server 1.0"/></Products></BulletinDatastore>
            """
        let summary = CatalogReader.read(bytes: Array(xml.utf8), fileName: "m.xml") { records.append($0) }
        let compiled = CompiledCatalog.compile(records: records, format: summary.format, options: EvaluationOptions(products: merged))
        #expect(CatalogEvaluator(compiled).evaluate(machine).results[0].status == .cannotDetermine)
    }

    @Test func badUserTablesAreReported() {
        guard case .failure(let missing) = ProductTable.decode(Array(#"{"products": [{"product": "X"}], "servicePackSeries": []}"#.utf8)) else {
            Issue.record("a product without anyOf was accepted")
            return
        }
        #expect(missing.message.contains("anyOf"))
        guard case .failure(let syntax) = ProductTable.decode(Array("{".utf8)) else {
            Issue.record("broken JSON was accepted")
            return
        }
        #expect(syntax.message.contains("not valid JSON"))
    }
}
