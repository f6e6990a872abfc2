import MofkitSource

/// The catalog formats, detected from the root element and its namespace (never from the file name).
public enum CatalogFormat: String, Sendable, Hashable, CaseIterable {
    /// MBSA / HFNetChk `mssecure.xml` (root `BulletinDatastore`).
    case mssecure = "mssecure"
    /// wsusscn2 `package.xml` (root `OfflineSyncPackage`).
    case wsusPackage = "wsus-package"
    /// A full Microsoft Update update document (root `upd:Update`, msus/2002/12).
    case wsusUpdate = "wsus-update"
    /// A wsusscn2 per-revision fragment (`c/`, `x/`, `l/`; no root element, no namespaces).
    case wsusFragment = "wsus-fragment"
    /// An Updates Publisher catalog (root `smc:SystemsManagementCatalog`).
    case scupCatalog = "scup-catalog"
    /// A single Updates Publisher package (`.sdp`, root `sdp:SoftwareDistributionPackage`).
    case sdp = "sdp"
    /// Not a catalog: the document is kept as generic elements.
    case unknown = "unknown"
}

/// The texts of an update in one language.
public struct LocalizedText: Sendable, Hashable {
    /// The language code (`en`, `de` …); `nil` when not given.
    public var language: String?
    /// The title in this language.
    public var title: String?
    public var description: String?

    /// Texts in one language.
    public init(language: String? = nil, title: String? = nil, description: String? = nil) {
        self.language = language
        self.title = title
        self.description = description
    }
}

/// A category of a wsusscn2 update (`Company`, `Product`, `ProductFamily`, `UpdateClassification`).
public struct UpdateCategory: Sendable, Hashable {
    /// `Company`, `Product`, `ProductFamily` or `UpdateClassification`.
    public var type: String?
    /// The category's update id.
    public var id: String?
}

/// A file an update installs from, or a payload reference.
public struct FileReference: Sendable, Hashable {
    /// File name (`FileName`).
    public var name: String?
    /// Digest (SHA-1, base64) or, in package.xml `PayloadFiles`, the file id.
    public var digest: String?
    /// Size in bytes, as written.
    public var size: String?
    /// Modification date, as written.
    public var modified: String?
    /// Download address (`OriginUri` in Updates Publisher packages).
    public var url: String?
}

/// An installable item of an Updates Publisher package, with its own rules.
public struct InstallableItem: Sendable, Hashable {
    /// The item's `ID`.
    public var id: String?
    /// The item's own `IsInstalled` / `IsInstallable` / `IsSuperseded` rules.
    public var applicability = ApplicabilityRules()
    /// `InstallProperties` attributes in document order (CanRequestUserInput, Impact, RebootBehavior, …).
    public var installProperties: [XMLAttribute] = []
    /// `UninstallProperties` attributes in document order.
    public var uninstallProperties: [XMLAttribute] = []
    /// The installer data element (`cmd:CommandLineInstallerData`, `msi:MsiInstallerData`, …), kept whole.
    public var installerData: [XMLElement] = []
    /// The item's files.
    public var files: [FileReference] = []
    /// The languages the item installs.
    public var languages: [String] = []
    /// The line of the `InstallableItem` element.
    public var line = 0
}

/// A product a mssecure patch applies to.
public struct AffectedProduct: Sendable, Hashable {
    /// An id into the `Products` table.
    public var productID: String?
    /// `FixedInSP`: the **ServicePack id** (not a number) of the service pack that contains the fix (`0` = none).
    public var fixedInServicePack: String?
    /// Service pack levels the patch applies to (ids into the `ServicePacks` table).
    public var servicePackIDs: [String] = []
}

/// One patch of a mssecure bulletin: detection is by file changes and registry changes, given as ids
/// into the `Files` and `RegKeys` tables (records of kind `entry`).
public struct BulletinPatch: Sendable, Hashable {
    /// The patch file name.
    public var name: String?
    /// The Q or KB number.
    public var qNumber: String?
    /// An id into the `Locations` table (the download).
    public var locationID: String?
    /// `SBID`: the SupercededBy record naming the newer patch that supersedes this one (`0`/empty = none).
    public var supersedenceID: String?
    /// `NoReboot`, as written.
    public var noReboot: String?
    /// The products the patch applies to.
    public var affectedProducts: [AffectedProduct] = []
    /// Ids into the `Files` table: the file checks that detect the patch.
    public var fileChangeIDs: [String] = []
    /// Ids into the `RegKeys` table: the registry checks that detect the patch.
    public var registryChangeIDs: [String] = []
    /// Comments, as written.
    public var comments: [String] = []
}

/// One update: a package, a revision or a bulletin, with everything the catalog says about it.
///
/// Fields the format does not have stay empty. Everything of the input the typed fields do not hold
/// is in ``extra`` (the element with only what is left), so the record is lossless.
public struct CatalogUpdate: Sendable, Hashable {
    /// The format of the catalog the update comes from.
    public var format: CatalogFormat
    /// Local name of the update element (`SoftwareDistributionPackage`, `Update`, `Bulletin`, `Fragment`).
    public var element: String
    /// The line of the update element.
    public var line: Int
    /// The column of the update element.
    public var column: Int
    /// UpdateID, PackageID or BulletinID.
    public var id: String = ""
    /// The revision number, where the format has one.
    public var revisionNumber: String?
    /// wsusscn2 `RevisionId` (key of the fragments in the cab).
    public var revisionID: String?
    /// An Updates Publisher package's `SchemaVersion`.
    public var schemaVersion: String?
    /// `Software`, `Driver` …
    public var updateType: String?
    /// Date posted (`CreationDate`, `DatePosted`).
    public var created: String?
    /// Date revised (`DateRevised`).
    public var revised: String?
    /// The vendor (Updates Publisher `VendorName`).
    public var vendor: String?
    /// Updates Publisher `PublicationState` (`Published`, `Expired` …).
    public var publicationState: String?
    /// Product names (Updates Publisher `ProductName`).
    public var products: [String] = []
    /// The update classification, as the catalog names it.
    public var classification: String?
    /// The MSRC severity, when rated.
    public var severity: String?
    /// KB article numbers (Q numbers in mssecure).
    public var kbArticles: [String] = []
    /// Security bulletin ids (`MS08-067` …).
    public var bulletins: [String] = []
    /// CVE ids.
    public var cves: [String] = []
    /// More-information links.
    public var moreInfoURLs: [String] = []
    /// Support links.
    public var supportURLs: [String] = []
    /// The language of the default texts, where given.
    public var defaultLanguage: String?
    /// Titles and descriptions per language; see ``title(language:)``.
    public var localized: [LocalizedText] = []
    /// wsusscn2 categories (company, product, classification …).
    public var categories: [UpdateCategory] = []
    /// wsusscn2 `IsLeaf`, as the catalog states it.
    public var isLeaf: Bool?
    /// wsusscn2 `IsBundle`, as the catalog states it.
    public var isBundle: Bool?
    /// Updates this one supersedes.
    public var supersedes: [String] = []
    /// Updates (revision ids in package.xml) that supersede this one.
    public var supersededBy: [String] = []
    /// Prerequisites: every entry must be met.
    public var prerequisites: [Prerequisite] = []
    /// Updates this bundle contains.
    public var bundledUpdates: [String] = []
    /// Bundled children listed in `BundledUpdates/AtLeastOne` groups (real core fragments use both
    /// shapes). Read for evaluation only: the groups stay in ``extra`` as written, so catalog JSON
    /// shows them there.
    public var bundledGroups: [[String]] = []
    /// Bundles (revision ids) that contain this update.
    public var bundledBy: [String] = []
    /// The update's `IsInstalled`, `IsInstallable` and `IsSuperseded` rules.
    public var applicability = ApplicabilityRules()
    /// Updates Publisher installable items, each with its own rules.
    public var installableItems: [InstallableItem] = []
    /// mssecure patches of a bulletin.
    public var patches: [BulletinPatch] = []
    /// Files the update installs from.
    public var files: [FileReference] = []
    /// What is left of the input element after the typed fields took theirs; `nil` when nothing is.
    public var extra: XMLElement?

    /// An empty update read from element `element` at `line`, `column`.
    public init(format: CatalogFormat, element: String, line: Int, column: Int) {
        self.format = format
        self.element = element
        self.line = line
        self.column = column
    }

    /// The title in `language` if there is one, else the first title.
    public func title(language: String = "en") -> String? {
        localized.first { $0.language == language && $0.title != nil }?.title ?? localized.first { $0.title != nil }?.title
    }

    /// Every rule of the update and of its installable items.
    public var allRules: [ApplicabilityRule] {
        applicability.all.map(\.rule) + installableItems.flatMap { $0.applicability.all.map(\.rule) }
    }
}

/// One prerequisite of an update: a specific update, or any one of a group (`AtLeastOne`).
public enum Prerequisite: Sendable, Hashable {
    /// This update must be installed (`UpdateIdentity` / `UpdateId` directly under `Prerequisites`).
    case update(String)
    /// At least one of these (`AtLeastOne`; in Updates Publisher packages every group is one).
    case anyOf([String])

    /// The ids it names.
    public var ids: [String] {
        switch self {
        case .update(let id): return [id]
        case .anyOf(let ids): return ids
        }
    }
}

/// A wsusscn2 `FileLocation`: where the file with this digest is downloaded from.
public struct FileLocation: Sendable, Hashable {
    /// The file's digest id.
    public var id: String?
    /// The download address.
    public var url: String?
    /// The line of the element.
    public var line: Int
    /// What is left of the element after the typed fields; `nil` when nothing is.
    public var extra: XMLElement?
}

/// The catalog as a whole: its format and root element.
public struct CatalogHeader: Sendable, Hashable {
    /// The format detected.
    public var format: CatalogFormat
    /// The root element's name.
    public var root: XMLName
    /// The root element's attributes (empty when the root is the update itself).
    public var attributes: [XMLAttribute]
    /// For a cabinet: the member path read (`package.cab/package.xml`); signatures are not checked.
    public var cabinetMember: String?
}

/// Something outside the updates: a mssecure table row (`Products/Product`), a container element's
/// attributes, or unknown content — kept as generic elements.
public struct CatalogEntry: Sendable, Hashable {
    /// Local names of the enclosing elements below the root, e.g. `["Products"]`.
    public var path: [String]
    /// The element, whole.
    public var element: XMLElement
}

/// Which part of a revision a wsusscn2 fragment holds: its folder inside a `packageN.cab`.
public enum FragmentPart: String, Sendable, Hashable, CaseIterable {
    /// `c/<RevisionId>`: UpdateIdentity, Properties, Relationships, ApplicabilityRules.
    case core
    /// `x/<RevisionId>`: ExtendedProperties, Files, HandlerSpecificData.
    case extended
    /// `l/<language>/<RevisionId>`: LocalizedProperties.
    case localized

    /// The part a member path's first folder names (`c`, `x`, `l`); nil for any other folder.
    public init?(folder: String) {
        switch folder {
        case "c": self = .core
        case "x": self = .extended
        case "l": self = .localized
        default: return nil
        }
    }
}

/// One per-revision fragment of a wsusscn2.cab (`packageN.cab/c/<RevisionId>`, `x/…`, `l/<lang>/…`),
/// with the update it belongs to, resolved from `package.xml` by the revision id in its name.
public struct CatalogFragment: Sendable, Hashable {
    /// The member path inside the outer cabinet, separators written as `/`: `package2.cab/c/123456`.
    public var member: String
    public var part: FragmentPart
    /// The language folder of a localized fragment (`l/<language>/…`).
    public var language: String?
    /// The revision id the member is named by.
    public var revisionID: String
    /// The UpdateID of that revision in `package.xml`; for a revision `package.xml` does not list
    /// (an orphan, `CAT2007`), the core fragment's own `UpdateIdentity`, else nil.
    public var updateID: String?
    /// The revision number of that revision in `package.xml` (nil for an orphan).
    public var revisionNumber: String?
    /// True when `package.xml` lists the revision.
    public var attached: Bool
    /// The fragment's content, typed as a `wsus-fragment` update (rules, localized texts, KBs, files),
    /// with what the model does not type in its `extra`.
    public var content: CatalogUpdate

    public init(
        member: String, part: FragmentPart, language: String?, revisionID: String, updateID: String?,
        revisionNumber: String?, attached: Bool, content: CatalogUpdate
    ) {
        self.member = member
        self.part = part
        self.language = language
        self.revisionID = revisionID
        self.updateID = updateID
        self.revisionNumber = revisionNumber
        self.attached = attached
        self.content = content
    }
}

/// wsusscn2.cab `index.xml`: which `packageN.cab` holds which range of revision ids.
public struct CabinetIndex: Sendable, Hashable {
    /// One `CABLIST/CAB` entry.
    public struct Cabinet: Sendable, Hashable {
        /// `NAME` (`package2.cab`).
        public var name: String?
        /// `RANGESTART` as written: the lowest revision id the cabinet holds (absent for `package.cab`).
        public var rangeStart: String?
        public var line: Int
    }

    /// The member the index was read from (`index.xml`).
    public var member: String
    public var cabinets: [Cabinet]
    /// What the typed members do not hold (`INDEX/@VERSION`, `CABLIST/@XOR`, `CAB/@FILESDIR`, …).
    public var extra: XMLElement?

    /// The cabinet that holds a revision: the one with the greatest `RANGESTART` not above it.
    public func cabinet(holding revision: Int) -> String? {
        var best: (start: Int, name: String)?
        for cabinet in cabinets {
            guard let name = cabinet.name, let text = cabinet.rangeStart, let start = Int(text), start <= revision else { continue }
            if let current = best, current.start >= start { continue }
            best = (start, name)
        }
        return best?.name
    }
}

/// One item of a catalog, in document order.
public enum CatalogRecord: Sendable, Hashable {
    /// First: the catalog as a whole.
    case header(CatalogHeader)
    /// An update, package or bulletin.
    case update(CatalogUpdate)
    /// A wsusscn2 download location.
    case fileLocation(FileLocation)
    /// Anything else, such as an mssecure table row.
    case entry(CatalogEntry)
    /// A wsusscn2.cab `index.xml` (after the `package.xml` records).
    case cabinetIndex(CabinetIndex)
    /// A wsusscn2.cab per-revision fragment (after the index).
    case fragment(CatalogFragment)
}
