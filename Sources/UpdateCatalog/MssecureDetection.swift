/// How one mssecure.xml bulletin is detected, with every id of its patches resolved against the
/// catalog's tables: the products and service packs a patch affects, the registry values it sets and
/// the file versions it installs.
///
/// mssecure.xml keeps these facts in tables after the `Bulletins` element (`Products`, `ServicePacks`,
/// `RegKeys`, `Files`, `Locations`, `SupercededBys`), and a patch refers to rows by id. The streaming
/// reader hands the tables over as ``CatalogEntry`` records; ``MssecureTables`` collects them and
/// resolves a bulletin into this value.
public struct MssecureDetection: Sendable, Hashable {
    /// The BulletinID.
    public var bulletin: String
    /// The bulletin's patches, each resolved against the tables.
    public var patches: [Patch]

    /// One `Patch` of the bulletin.
    public struct Patch: Sendable, Hashable {
        /// `PatchName`.
        public var name: String?
        /// `SQNumber`.
        public var qNumber: String?
        /// The products the patch applies to.
        public var products: [Product]
        /// The registry values the patch sets (`RegChange`).
        public var registryChecks: [RegistryCheck]
        /// The files the patch installs (`FileChange`).
        public var fileChecks: [FileCheck]
        /// The newer patches that supersede this one: the `SupercededBy` record the patch's `SBID`
        /// points to names them (the element name reads backwards; the data settles the direction:
        /// MS99-039's patches point to a record naming MS01-026).
        public var supersededBy: [Superseder]
        /// References to table rows that do not exist (`FileChangeID 12`, `ProductID 7` …).
        public var unresolved: [String]
    }

    /// A bulletin (and, when named, its patch) that supersedes a patch.
    public struct Superseder: Sendable, Hashable {
        /// `SupercededBulletin/@BulletinID`.
        public var bulletin: String
        /// `SupercededPatch/@PatchName` entries of that bulletin (may be empty).
        public var patches: [String]
    }

    /// An `AffectedProduct`.
    public struct Product: Sendable, Hashable {
        public var id: String?
        /// The `Products` row's `Name`; nil when the id names no row.
        public var name: String?
        /// The affected service packs (`AffectedServicePack`).
        public var servicePacks: [ServicePack]
        /// `FixedInSP`: a **ServicePack id** (not a number) of the service pack that contains the fix;
        /// nil for `0`/absent (no service pack does). For NT4, id 7 is "Windows NT4 Service Pack 6a".
        public var fixedInServicePack: ServicePack?
        /// The product row's `AvailableSPs` (every service pack the product has had).
        public var availableServicePacks: [ServicePack]
    }

    /// A `ServicePacks` row.
    public struct ServicePack: Sendable, Hashable {
        public var id: String
        public var name: String?
        /// `… Service Pack 2` → 2, `… Gold` → 0; nil when the name gives no level (`None Available`).
        public var level: Int?
    }

    /// A `RegChange`: the patch sets value ``valueName`` under ``key`` to ``value``.
    public struct RegistryCheck: Sendable, Hashable {
        /// The change's id in the bulletin.
        public var changeID: String
        /// The `Locations` row's `Path` (`HKLM\SOFTWARE\…\Hotfix\Q249973`); nil when the id names no row.
        public var key: String?
        /// The `RegKeys` row's `Name` (`Installed`).
        public var valueName: String
        /// The `RegKeys` row's `Type`: `0` REG_SZ, `0x10001` REG_DWORD (the INF `FLG_ADDREG_TYPE_DWORD` flag).
        public var valueType: String?
        /// `RegChangeValue`.
        public var value: String
        /// What the change does.
        public var command: Command
        /// The line of the change in the catalog.
        public var line: Int
    }

    /// A `FileChange`: the patch installs ``name`` in ``folder`` at ``version``.
    public struct FileCheck: Sendable, Hashable {
        /// The change's id in the bulletin.
        public var changeID: String
        /// The `Locations` row's `Path` (`%windir%\system32`); nil when the id names no row.
        public var folder: String?
        /// The `Files` row's `Name`.
        public var name: String
        /// `Version`, as written (`4.0.1381.7022`); nil when absent or empty.
        public var version: String?
        /// MBSA's checksum (its algorithm is not published).
        public var checksum: String?
        /// The file size, as written.
        public var size: String?
        /// The file date, as written.
        public var date: String?
        /// What the change does.
        public var command: Command
        /// The line of the change in the catalog.
        public var line: Int
    }

    /// The `Commands` table's fixed ids: what a change does.
    public enum Command: String, Sendable, Hashable {
        /// Id `u` of the `Commands` table.
        case unsupported = "u"
        /// Id `r` of the `Commands` table.
        case registryKey = "r"
        /// Id `c` of the `Commands` table: the patch changes the file.
        case change = "c"
        /// Id `a` of the `Commands` table: the patch adds the file.
        case add = "a"
        /// "change if exists, ignore if not": the file may be absent.
        case changeIfExists = "e"
        /// Id `d` of the `Commands` table: the patch deletes the file.
        case delete = "d"
        /// Absent, or an id the format does not define.
        case other = ""

        init(_ id: String?) { self = id.flatMap(Command.init(rawValue:)) ?? .other }
    }

    /// The level a service pack name gives: `Windows 2000 Service Pack 2` → 2, `… Gold` → 0.
    public static func servicePackLevel(_ name: String) -> Int? {
        let lower = name.lowercased()
        if lower.contains("gold") { return 0 }
        guard let range = lower.firstRange(of: "service pack ") else { return nil }
        return Int(lower[range.upperBound...].prefix { $0.isNumber })
    }
}

/// The id-keyed tables of an mssecure.xml, collected from its ``CatalogEntry`` records.
///
/// Holds only the tables (for the largest known mssecure.xml, about 1.5 MB, a few thousand rows);
/// bulletins stay with the caller.
public struct MssecureTables: Sendable {
    private var productNames: [String: String] = [:]
    private var servicePackNames: [String: String] = [:]
    private var locations: [String: String] = [:]
    private var registryChanges: [String: (row: XMLElement, valueName: String, valueType: String?)] = [:]
    private var availableServicePacks: [String: [String]] = [:]
    private var fileChanges: [String: (row: XMLElement, name: String, locationID: String?)] = [:]
    private var superseders: [String: [MssecureDetection.Superseder]] = [:]
    /// Whether any table row was added.
    public private(set) var isEmpty = true

    /// Empty tables; ``add(_:)`` fills them.
    public init() {}

    /// Collects `entries`.
    public init(entries: [CatalogEntry]) {
        for entry in entries { add(entry) }
    }

    /// Takes the rows of a table record; other records are ignored.
    public mutating func add(_ entry: CatalogEntry) {
        let element = entry.element
        switch entry.path.first {
        case "Products":
            guard let id = element.attribute("ProductID") else { return }
            productNames[id] = element.attribute("Name")
            // `AvailableSPs/AvailableSP`, or (once in the 2001 file) a bare `AvailableSP`.
            let available = element.children.flatMap { $0.name.local == "AvailableSP" ? [$0] : $0.children.filter { $0.name.local == "AvailableSP" } }
            availableServicePacks[id] = available.compactMap { $0.attribute("ServicePackID") }
        case "ServicePacks":
            guard let id = element.attribute("ServicePackID") else { return }
            servicePackNames[id] = element.attribute("Name")
        case "Locations":
            guard let id = element.attribute("LocationID") else { return }
            locations[id] = element.attribute("Path")
        case "RegKeys":
            let name = element.attribute("Name") ?? ""
            let type = element.attribute("Type")
            for change in element.children.flatMap(\.children) where change.name.local == "RegChange" {
                if let id = change.attribute("RegChangeID") { registryChanges[id] = (change, name, type) }
            }
        case "Files":
            let name = element.attribute("Name") ?? ""
            let location = element.attribute("LocationID")
            for change in element.children.flatMap(\.children) where change.name.local == "FileChange" {
                if let id = change.attribute("FileChangeID") { fileChanges[id] = (change, name, location) }
            }
        case "SupercededBys":
            guard let id = element.attribute("SBID") else { return }
            superseders[id] = element.children.flatMap(\.children).filter { $0.name.local == "SupercededBulletin" }.compactMap { bulletin in
                guard let bulletinID = bulletin.attribute("BulletinID") else { return nil }
                let patches = bulletin.children.flatMap(\.children).filter { $0.name.local == "SupercededPatch" }.compactMap { $0.attribute("PatchName") }
                return MssecureDetection.Superseder(bulletin: bulletinID, patches: patches)
            }
        default:
            return
        }
        isEmpty = false
    }

    /// The `Products` row's name for `id`.
    public func productName(_ id: String) -> String? { productNames[id] ?? nil }

    /// The bulletin's patches with every id resolved; ids that name no row are listed in
    /// ``MssecureDetection/Patch/unresolved``.
    public func detection(for update: CatalogUpdate) -> MssecureDetection {
        MssecureDetection(bulletin: update.id, patches: update.patches.map(resolve))
    }

    private func resolve(_ patch: BulletinPatch) -> MssecureDetection.Patch {
        var unresolved: [String] = []
        func servicePack(_ id: String) -> MssecureDetection.ServicePack {
            let name = servicePackNames[id]
            if name == nil { unresolved.append("ServicePackID \(id)") }
            return .init(id: id, name: name, level: name.flatMap(MssecureDetection.servicePackLevel))
        }
        let products = patch.affectedProducts.map { product -> MssecureDetection.Product in
            let name = product.productID.flatMap { productNames[$0] }
            if name == nil { unresolved.append("ProductID \(product.productID ?? "(none)")") }
            let servicePacks = product.servicePackIDs.map(servicePack)
            let fixedIn = product.fixedInServicePack.flatMap { $0.isEmpty || $0 == "0" ? nil : servicePack($0) }
            let available = product.productID.flatMap { availableServicePacks[$0] }?.map { id in
                MssecureDetection.ServicePack(id: id, name: servicePackNames[id], level: servicePackNames[id].flatMap(MssecureDetection.servicePackLevel))
            } ?? []
            return .init(id: product.productID, name: name, servicePacks: servicePacks, fixedInServicePack: fixedIn,
                         availableServicePacks: available)
        }
        let registryChecks = patch.registryChangeIDs.compactMap { id -> MssecureDetection.RegistryCheck? in
            guard let (row, valueName, valueType) = registryChanges[id] else { unresolved.append("RegChangeID \(id)"); return nil }
            let key = row.attribute("LocationID").flatMap { locations[$0] }
            if key == nil { unresolved.append("LocationID \(row.attribute("LocationID") ?? "(none)") of RegChangeID \(id)") }
            return .init(changeID: id, key: key, valueName: valueName, valueType: valueType, value: row.attribute("RegChangeValue") ?? "",
                         command: .init(row.attribute("CommandID")), line: row.line)
        }
        let fileChecks = patch.fileChangeIDs.compactMap { id -> MssecureDetection.FileCheck? in
            guard let (row, name, locationID) = fileChanges[id] else { unresolved.append("FileChangeID \(id)"); return nil }
            let folder = locationID.flatMap { locations[$0] }
            if folder == nil { unresolved.append("LocationID \(locationID ?? "(none)") of FileChangeID \(id)") }
            func nonEmpty(_ name: String) -> String? { row.attribute(name).flatMap { $0.isEmpty ? nil : $0 } }
            return .init(changeID: id, folder: folder, name: name, version: nonEmpty("Version"), checksum: nonEmpty("Checksum"),
                         size: nonEmpty("Size"), date: nonEmpty("Date"), command: .init(row.attribute("CommandID")), line: row.line)
        }
        var supersededBy: [MssecureDetection.Superseder] = []
        if let id = patch.supersedenceID, !id.isEmpty, id != "0" {
            if let records = superseders[id] { supersededBy = records } else { unresolved.append("SBID \(id)") }
        }
        return .init(name: patch.name, qNumber: patch.qNumber, products: products, registryChecks: registryChecks,
                     fileChecks: fileChecks, supersededBy: supersededBy, unresolved: unresolved)
    }
}
