import MofkitSource

/// Codes of the update-catalog readers: `CAT1xxx` XML and reading, `CAT2xxx` format and model,
/// `CAT3xxx` cabinet files.
public enum CatalogCode: DiagnosticCodeSet {
    /// The XML is not well formed.
    public static let xmlMalformed: DiagnosticCode = "CAT1001"
    /// The input ends before the document does (truncated file, empty file).
    public static let xmlTruncated: DiagnosticCode = "CAT1002"
    /// A document type declaration was ignored.
    public static let xmlDTDIgnored: DiagnosticCode = "CAT1003"
    /// A reference to an entity declared in a DTD (internal or external) was refused.
    public static let xmlEntityRefused: DiagnosticCode = "CAT1004"
    /// Elements nested deeper than the reader allows.
    public static let xmlTooDeep: DiagnosticCode = "CAT1005"
    /// A libxml2 warning.
    public static let xmlWarning: DiagnosticCode = "CAT1006"
    /// The file could not be read.
    public static let readFailed: DiagnosticCode = "CAT1007"
    /// One update is larger than the reader holds in memory.
    public static let recordTooLarge: DiagnosticCode = "CAT1008"
    /// A start tag with more attributes than the reader accepts.
    public static let xmlTooManyAttributes: DiagnosticCode = "CAT1009"

    /// The root element is not one of the catalog formats.
    public static let unknownFormat: DiagnosticCode = "CAT2001"
    /// A rule element the reader does not know; it is kept whole.
    public static let unknownRule: DiagnosticCode = "CAT2002"
    /// A rule attribute whose value does not have the schema's type; the text is kept.
    public static let invalidRuleAttribute: DiagnosticCode = "CAT2003"
    /// An attribute the rule's schema does not define; it is kept as text.
    public static let unknownRuleAttribute: DiagnosticCode = "CAT2004"
    /// An update without its identity (PackageID, UpdateId, BulletinID).
    public static let missingIdentity: DiagnosticCode = "CAT2005"
    /// A rule is missing an attribute its schema requires.
    public static let missingRuleAttribute: DiagnosticCode = "CAT2006"
    /// A wsusscn2 fragment of a revision that package.xml does not list.
    public static let orphanFragment: DiagnosticCode = "CAT2007"
    /// A wsusscn2 core fragment whose UpdateIdentity differs from package.xml's for its revision.
    public static let fragmentIdentityMismatch: DiagnosticCode = "CAT2008"
    /// A wsusscn2 fragment in a packageN.cab that index.xml does not assign its revision to.
    public static let fragmentMisplaced: DiagnosticCode = "CAT2009"
    /// A RevisionId listed twice in a wsusscn2 package.xml.
    public static let duplicateRevision: DiagnosticCode = "CAT2010"

    /// The cabinet could not be opened or is not a cabinet.
    public static let cabUnreadable: DiagnosticCode = "CAT3001"
    /// A cabinet member could not be extracted (damaged or truncated cabinet).
    public static let cabExtractFailed: DiagnosticCode = "CAT3002"
    /// The cabinet holds no catalog member.
    public static let cabNoCatalog: DiagnosticCode = "CAT3003"
    /// A nested cabinet is too large to hold in memory.
    public static let cabNestedTooLarge: DiagnosticCode = "CAT3004"
    /// A member of a wsusscn2 cabinet outside the layout mofkit reads (or an index it cannot use).
    public static let cabMemberSkipped: DiagnosticCode = "CAT3005"
}

extension CatalogCode {
    /// What every `CAT` code means (for `mofkit explain`).
    public static let descriptors: [DiagnosticDescriptor] = [
        DiagnosticDescriptor(
            code: CatalogCode.xmlMalformed, title: "malformed XML", defaultSeverity: .error,
            explanation: """
                The catalog is not well-formed XML, so libxml2 stops reading it here. Updates read \
                before this point were already written; the conversion still fails.
                """,
            wrongExample: "<sdp:SoftwareDistributionPackage><sdp:Properties></sdp:SoftwareDistributionPackage>",
            rightExample: "<sdp:SoftwareDistributionPackage><sdp:Properties/></sdp:SoftwareDistributionPackage>"),
        DiagnosticDescriptor(
            code: CatalogCode.xmlTruncated, title: "truncated catalog", defaultSeverity: .error,
            explanation: """
                The input ends before the root element is closed: the download or copy was cut \
                short, or the file is empty. Fetch the catalog again.
                """,
            wrongExample: "<OfflineSyncPackage><Updates><Update UpdateId=\"…\"",
            rightExample: "<OfflineSyncPackage><Updates/></OfflineSyncPackage>"),
        DiagnosticDescriptor(
            code: CatalogCode.xmlDTDIgnored, title: "DTD ignored", defaultSeverity: .warning,
            explanation: """
                Update catalogs never use a document type declaration. mofkit reads none (no \
                external subset is loaded and no entity is defined), which is what keeps entity \
                expansion bombs and external-entity file disclosure out.
                """,
            wrongExample: "<!DOCTYPE x [<!ENTITY a \"…\">]><x>&a;</x>",
            rightExample: "<x>…</x>"),
        DiagnosticDescriptor(
            code: CatalogCode.xmlEntityRefused, title: "entity not expanded", defaultSeverity: .error,
            explanation: """
                The document refers to an entity declared in a DTD, or to an external entity. \
                mofkit never expands such entities and never opens the files or URLs they name; \
                only the five predefined entities and character references are allowed.
                """,
            wrongExample: "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
            rightExample: "<x>&amp;</x>"),
        DiagnosticDescriptor(
            code: CatalogCode.xmlTooDeep, title: "nesting too deep", defaultSeverity: .error,
            explanation: """
                Elements are nested deeper than any catalog needs (200 levels). Reading stops so a \
                hostile file cannot exhaust memory or stack.
                """,
            wrongExample: "<a><a><a>… (thousands deep)",
            rightExample: "<a><a/></a>"),
        DiagnosticDescriptor(
            code: CatalogCode.xmlWarning, title: "XML warning", defaultSeverity: .warning,
            explanation: "libxml2 reported a problem that does not stop reading.",
            wrongExample: "<?xml version=\"1.1\"?><x/>",
            rightExample: "<?xml version=\"1.0\"?><x/>"),
        DiagnosticDescriptor(
            code: CatalogCode.readFailed, title: "cannot read file", defaultSeverity: .error,
            explanation: "The file could not be opened or read (missing, a directory, no permission).",
            wrongExample: "mofkit catalog convert missing.xml",
            rightExample: "mofkit catalog convert catalog.xml"),
        DiagnosticDescriptor(
            code: CatalogCode.recordTooLarge, title: "update too large", defaultSeverity: .error,
            explanation: """
                One update (one package, one Update element), or the text between updates, holds \
                more text than the reader keeps in memory for it (64 MiB). Reading stops to keep \
                memory bounded.
                """,
            wrongExample: "<Update><Title>(100 MB of text)</Title></Update>",
            rightExample: "<Update><Title>…</Title></Update>"),
        DiagnosticDescriptor(
            code: CatalogCode.xmlTooManyAttributes, title: "too many attributes", defaultSeverity: .error,
            explanation: """
                A start tag has more than 50,000 attributes. libxml2 (2.9) checks the attributes of a \
                start tag for duplicates pair by pair, so such a tag would take minutes to parse; \
                reading stops instead. Real catalogs have a few attributes per element. (Counted as \
                '=' characters after the tag's '<'.)
                """,
            wrongExample: "<Update a0=\"\" a1=\"\" … a99999=\"\"/>",
            rightExample: "<Update UpdateId=\"…\" RevisionNumber=\"…\"/>"),
        DiagnosticDescriptor(
            code: CatalogCode.unknownFormat, title: "not an update catalog", defaultSeverity: .error,
            explanation: """
                The root element is none of the formats mofkit reads: BulletinDatastore \
                (mssecure.xml), OfflineSyncPackage (wsusscn2 package.xml), Update (msus 2002/12), \
                SystemsManagementCatalog and SoftwareDistributionPackage (Updates Publisher), or a \
                wsusscn2 fragment. The format is taken from the root element and namespace, never \
                from the file name. The document is still converted, as generic elements.
                """,
            wrongExample: "<html/>",
            rightExample: "<smc:SystemsManagementCatalog xmlns:smc=\"…\">…"),
        DiagnosticDescriptor(
            code: CatalogCode.unknownRule, title: "unknown applicability rule", defaultSeverity: .warning,
            explanation: """
                A rule element whose namespace and name are in none of the rule schemas mofkit knows \
                (lar, bar, msiar, cbsar, drv in the msus/2002/12 and CorporatePublishing 2005/04 \
                families, and the b./m./d. fragment forms). It is kept whole (name, attributes, \
                children) in the output and evaluates to "unknown".
                """,
            wrongExample: "<bar:FileChecksum Path=\"a.dll\"/>",
            rightExample: "<bar:FileVersion Path=\"a.dll\" Comparison=\"EqualTo\" Version=\"1.0.0.0\"/>"),
        DiagnosticDescriptor(
            code: CatalogCode.invalidRuleAttribute, title: "rule attribute has the wrong type", defaultSeverity: .warning,
            explanation: """
                A rule attribute does not match its schema type (a version must have four numeric \
                parts, a comparison must be one of the schema's operators, a CSIDL an integer, …). \
                The text is kept; an evaluator must treat the rule as unknown.
                """,
            wrongExample: "<bar:FileVersion Path=\"a.dll\" Comparison=\"Greater\" Version=\"1.0\"/>",
            rightExample: "<bar:FileVersion Path=\"a.dll\" Comparison=\"GreaterThan\" Version=\"1.0.0.0\"/>"),
        DiagnosticDescriptor(
            code: CatalogCode.unknownRuleAttribute, title: "unknown rule attribute", defaultSeverity: .note,
            explanation: "The rule's schema defines no such attribute. It is kept as text.",
            wrongExample: "<bar:RegKeyExists Key=\"HKEY_LOCAL_MACHINE\" Subkey=\"S\" Wow64=\"1\"/>",
            rightExample: "<bar:RegKeyExists Key=\"HKEY_LOCAL_MACHINE\" Subkey=\"S\" RegType32=\"true\"/>"),
        DiagnosticDescriptor(
            code: CatalogCode.missingIdentity, title: "update without identity", defaultSeverity: .warning,
            explanation: """
                An update has no identity attribute (PackageID, UpdateId or UpdateID, BulletinID), so \
                nothing can refer to it. It is still converted, with an empty id.
                """,
            wrongExample: "<sdp:Properties CreationDate=\"2020-01-01T00:00:00\"/>",
            rightExample: "<sdp:Properties PackageID=\"…\" CreationDate=\"2020-01-01T00:00:00\"/>"),
        DiagnosticDescriptor(
            code: CatalogCode.missingRuleAttribute, title: "required rule attribute missing", defaultSeverity: .warning,
            explanation: "The rule lacks an attribute its schema requires; an evaluator must treat it as unknown.",
            wrongExample: "<bar:FileVersion Path=\"a.dll\" Version=\"1.0.0.0\"/>",
            rightExample: "<bar:FileVersion Path=\"a.dll\" Comparison=\"EqualTo\" Version=\"1.0.0.0\"/>"),
        DiagnosticDescriptor(
            code: CatalogCode.orphanFragment, title: "fragment of an unknown revision", defaultSeverity: .warning,
            explanation: """
                A wsusscn2.cab fragment (c/, x/ or l/<language>/ member of a packageN.cab) is named by \
                a revision id that package.xml does not list, so it cannot be attached to an update. \
                It is still converted (a `fragment` record with "attached": false), but show, stats \
                and eval leave it out. The cabinet was probably assembled from different downloads.
                """,
            wrongExample: "package2.cab holding x/000001 when no Update has RevisionId=\"000001\"",
            rightExample: "package2.cab holding x/123456 for <Update RevisionId=\"123456\" …/>"),
        DiagnosticDescriptor(
            code: CatalogCode.fragmentIdentityMismatch, title: "fragment identity differs", defaultSeverity: .warning,
            explanation: """
                A core fragment's UpdateIdentity (UpdateID, RevisionNumber) is not the one package.xml \
                gives its revision id. The fragment is attached by revision id, as the format defines; \
                the identities disagree, so one of the two files is stale or damaged.
                """,
            wrongExample: "c/123456 with UpdateID=\"A\" while package.xml has RevisionId=\"123456\" UpdateId=\"B\"",
            rightExample: "c/123456 and package.xml naming the same UpdateID and RevisionNumber"),
        DiagnosticDescriptor(
            code: CatalogCode.fragmentMisplaced, title: "fragment in the wrong cabinet", defaultSeverity: .warning,
            explanation: """
                index.xml assigns each packageN.cab a range of revision ids (a revision lives in the \
                cabinet with the greatest RANGESTART not above it). This fragment sits in another \
                cabinet. It is still read and attached; a client that looks fragments up through the \
                index would not find it.
                """,
            wrongExample: "revision 300000 in package2.cab when package3.cab has RANGESTART=\"234568\"",
            rightExample: "revision 300000 in package3.cab"),
        DiagnosticDescriptor(
            code: CatalogCode.duplicateRevision, title: "revision listed twice", defaultSeverity: .warning,
            explanation: """
                Two Update elements of a wsusscn2 package.xml have the same RevisionId. Both are \
                converted; fragments are attached to the first.
                """,
            wrongExample: "<Update RevisionId=\"7\" …/><Update RevisionId=\"7\" …/>",
            rightExample: "<Update RevisionId=\"7\" …/><Update RevisionId=\"8\" …/>"),
        DiagnosticDescriptor(
            code: CatalogCode.cabUnreadable, title: "cannot open cabinet", defaultSeverity: .error,
            explanation: """
                The file starts like a Microsoft cabinet (MSCF) but libmspack cannot read its \
                header. Cabinet signatures are not checked by mofkit.
                """,
            wrongExample: "MSCF followed by garbage",
            rightExample: "a complete .cab file"),
        DiagnosticDescriptor(
            code: CatalogCode.cabExtractFailed, title: "cabinet member damaged", defaultSeverity: .error,
            explanation: "A member of the cabinet could not be decompressed: the cabinet is truncated or damaged.",
            wrongExample: "wsusscn2.cab cut short by a failed download",
            rightExample: "a complete wsusscn2.cab"),
        DiagnosticDescriptor(
            code: CatalogCode.cabNoCatalog, title: "no catalog in cabinet", defaultSeverity: .error,
            explanation: """
                The cabinet holds no member mofkit recognises as a catalog (package.cab/package.xml, \
                an .xml or .sdp file).
                """,
            wrongExample: "a cabinet of .dll files",
            rightExample: "Mssecure.cab holding mssecure.xml"),
        DiagnosticDescriptor(
            code: CatalogCode.cabNestedTooLarge, title: "nested cabinet too large", defaultSeverity: .error,
            explanation: """
                A cabinet inside the cabinet (wsusscn2.cab's package.cab) is decompressed into memory \
                so it can be read without touching the disk; this one is larger than the limit (512 MiB).
                """,
            wrongExample: "outer.cab holding a 2 GB inner .cab",
            rightExample: "wsusscn2.cab holding package.cab"),
        DiagnosticDescriptor(
            code: CatalogCode.cabMemberSkipped, title: "cabinet member not read", defaultSeverity: .warning,
            explanation: """
                A wsusscn2.cab member outside the layout mofkit reads — index.xml, package.cab, \
                packageN.cab, and in those c/<RevisionId>, x/<RevisionId>, l/<language>/<RevisionId> — \
                is reported and not converted; so is an index.xml without INDEX/CABLIST/CAB entries \
                (kept, but not used to check where fragments are).
                """,
            wrongExample: "package2.cab holding e/123456",
            rightExample: "package2.cab holding c/123456"),
    ]
}
