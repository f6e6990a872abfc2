import MofkitSource

/// Turns one record's element tree into the typed model. Each function *takes* what it types from
/// the element; whatever is left becomes the update's `extra`, so nothing of the input is lost.
enum Interpreter {
    // MARK: shared helpers

    private static func texts(_ element: inout XMLElement, _ local: String) -> [String] {
        var values: [String] = []
        element.consumeChildren(local) { child in
            if let text = child.takeText() { values.append(text) }
        }
        return values
    }

    /// Ids from `container/item@attribute`, e.g. `SupersededPackages/PackageID` text or `SupersededBy/Revision@Id`.
    private static func ids(_ element: inout XMLElement, container: String, item: String, attribute: String?) -> [String] {
        var values: [String] = []
        element.consumeChildren(container) { holder in
            holder.consumeChildren(item) { entry in
                if let attribute {
                    if let value = entry.take(attribute) { values.append(value) }
                } else if let text = entry.takeText() {
                    values.append(text)
                }
            }
        }
        return values
    }

    private static func diagnose(
        _ diagnostics: inout [Diagnostic], _ code: DiagnosticCode, _ severity: Severity, _ message: String,
        file: String, line: Int, column: Int
    ) {
        let location = SourceLocation(line: line, column: column, offset: -1)
        diagnostics.append(
            Diagnostic(code: code, severity: severity, message: message,
                       range: SourceRange(file: file, start: location, end: location)))
    }

    /// Parses the one rule inside a holder (`IsInstalled`, …); extra children stay in the residue.
    private static func rule(
        in holder: inout XMLElement, file: String, diagnostics: inout [Diagnostic]
    ) -> ApplicabilityRule? {
        guard !holder.children.isEmpty else { return nil }
        let element = holder.children.removeFirst()
        return RuleSchema.parse(element, file: file, diagnostics: &diagnostics)
    }

    private static func takeRules(
        _ element: inout XMLElement, into rules: inout ApplicabilityRules, file: String, diagnostics: inout [Diagnostic]
    ) {
        for name in ["IsInstalled", "IsInstallable", "IsSuperseded", "Metadata"] {
            guard var holder = element.takeChild(name) else { continue }
            let parsed = rule(in: &holder, file: file, diagnostics: &diagnostics)
            switch name {
            case "IsInstalled": rules.isInstalled = parsed
            case "IsInstallable": rules.isInstallable = parsed
            case "IsSuperseded": rules.isSuperseded = parsed
            default: rules.metadata = parsed
            }
            element.keepResidue(holder)
            // A second holder of the same name (not allowed by the schema) stays in the residue.
        }
    }

    /// Takes a non-empty identity attribute; an empty one stays in the residue (`id` is then empty).
    private static func takeIdentity(_ element: inout XMLElement, _ name: String) -> String? {
        guard let value = element.attribute(name), !value.isEmpty else { return nil }
        return element.take(name)
    }

    private static func takeBool(_ element: inout XMLElement, _ name: String) -> Bool? {
        switch element.attribute(name) {
        case "true": _ = element.take(name); return true
        case "false": _ = element.take(name); return false
        default: return nil  // other spellings stay in the residue, as written
        }
    }

    private static func finish(_ update: inout CatalogUpdate, _ element: XMLElement, file: String, diagnostics: inout [Diagnostic]) {
        update.extra = element.residue
        if update.id.isEmpty && update.format != .wsusFragment {
            diagnose(&diagnostics, CatalogCode.missingIdentity, .warning, "\(update.element) has no identity attribute",
                     file: file, line: update.line, column: update.column)
        }
    }

    // MARK: Updates Publisher

    static func softwareDistributionPackage(
        _ input: XMLElement, format: CatalogFormat, file: String, diagnostics: inout [Diagnostic]
    ) -> CatalogUpdate {
        var element = input
        var update = CatalogUpdate(format: format, element: element.name.local, line: element.line, column: element.column)
        update.schemaVersion = element.take("SchemaVersion")
        element.consumeChildren("Properties") { properties in
            if let id = takeIdentity(&properties, "PackageID") { update.id = id }
            update.created = properties.take("CreationDate") ?? update.created
            update.vendor = properties.take("VendorName") ?? update.vendor
            update.publicationState = properties.take("PublicationState") ?? update.publicationState
            update.updateType = properties.take("UpdateType") ?? update.updateType
            update.moreInfoURLs += texts(&properties, "MoreInfoUrl")
            update.supportURLs += texts(&properties, "SupportUrl")
            update.products += texts(&properties, "ProductName")
        }
        element.consumeChildren("LocalizedProperties") { localized in
            update.localized.append(localizedText(&localized))
        }
        for name in ["UpdateSpecificData", "ApplicationSpecificData"] {
            element.consumeChildren(name) { data in
                update.severity = data.take("MsrcSeverity") ?? update.severity
                update.classification = data.take("UpdateClassification") ?? update.classification
                update.kbArticles += texts(&data, "KBArticleID")
                update.bulletins += texts(&data, "SecurityBulletinID")
                update.cves += texts(&data, "CveID")
            }
        }
        takeRules(&element, into: &update.applicability, file: file, diagnostics: &diagnostics)
        update.supersedes = ids(&element, container: "SupersededPackages", item: "PackageID", attribute: nil)
        element.consumeChildren("Prerequisites") { prerequisites in
            prerequisites.consumeChildren("AtLeastOne") { group in
                update.prerequisites.append(.anyOf(texts(&group, "PackageID")))
            }
        }
        update.bundledUpdates = ids(&element, container: "BundledPackages", item: "PackageID", attribute: nil)
        element.consumeChildren("InstallableItem") { item in
            update.installableItems.append(installableItem(&item, file: file, diagnostics: &diagnostics))
        }
        finish(&update, element, file: file, diagnostics: &diagnostics)
        return update
    }

    private static func localizedText(_ element: inout XMLElement) -> LocalizedText {
        // Only the first of each is typed; a second one (not allowed by the schemas) stays in the residue.
        LocalizedText(
            language: firstText(&element, "Language"),
            title: firstText(&element, "Title"),
            description: firstText(&element, "Description"))
    }

    private static func firstText(_ element: inout XMLElement, _ local: String) -> String? {
        guard var child = element.takeChild(local) else { return nil }
        let value = child.takeText()
        element.keepResidue(child)
        return value
    }

    private static let installerNamespaces: Set<String> = Set(
        ["CommandLineInstallation", "MsiInstallation", "MspInstallation", "UpdateExeInstallation", "WindowsDriver"]
            .map { RuleSchema.corporatePublishingPrefix + "Installers/" + $0 + ".xsd" })

    private static func installableItem(_ element: inout XMLElement, file: String, diagnostics: inout [Diagnostic]) -> InstallableItem {
        var item = InstallableItem()
        item.line = element.line
        item.id = element.take("ID")
        if var rules = element.takeChild("ApplicabilityRules") {
            takeRules(&rules, into: &item.applicability, file: file, diagnostics: &diagnostics)
            element.keepResidue(rules)
        }
        if var properties = element.takeChild("InstallProperties") {
            item.installProperties = properties.attributes
            properties.attributes = []
            element.keepResidue(properties)
        }
        if var properties = element.takeChild("UninstallProperties") {
            item.uninstallProperties = properties.attributes
            properties.attributes = []
            element.keepResidue(properties)
        }
        element.consumeChildren("OriginFile") { origin in
            item.files.append(fileReference(&origin, urlAttribute: "OriginUri"))
        }
        item.languages = texts(&element, "Language")
        // Installer data: the elements of the installer namespaces (and the generic substitution head).
        var rest: [XMLElement] = []
        for child in element.children {
            if installerNamespaces.contains(child.name.namespace) || child.name.local == "InstallHandlerSpecificData"
            {
                item.installerData.append(child)
            } else {
                rest.append(child)
            }
        }
        element.children = rest
        return item
    }

    private static func fileReference(_ element: inout XMLElement, urlAttribute: String) -> FileReference {
        FileReference(
            name: element.take("FileName"), digest: element.take("Digest"), size: element.take("Size"),
            modified: element.take("Modified"), url: element.take(urlAttribute))
    }

    // MARK: wsusscn2 package.xml

    static func offlineSyncUpdate(_ input: XMLElement, file: String, diagnostics: inout [Diagnostic]) -> CatalogUpdate {
        var element = input
        var update = CatalogUpdate(format: .wsusPackage, element: element.name.local, line: element.line, column: element.column)
        update.id = takeIdentity(&element, "UpdateId") ?? ""
        update.revisionNumber = element.take("RevisionNumber")
        update.revisionID = element.take("RevisionId")
        update.created = element.take("CreationDate")
        update.defaultLanguage = element.take("DefaultLanguage")
        update.isLeaf = takeBool(&element, "IsLeaf")
        update.isBundle = takeBool(&element, "IsBundle")
        element.consumeChildren("Categories") { categories in
            categories.consumeChildren("Category") { category in
                update.categories.append(UpdateCategory(type: category.take("Type"), id: category.take("Id")))
            }
        }
        update.prerequisites = ids(&element, container: "Prerequisites", item: "UpdateId", attribute: "Id").map { .update($0) }
        update.supersededBy = ids(&element, container: "SupersededBy", item: "Revision", attribute: "Id")
        update.bundledBy = ids(&element, container: "BundledBy", item: "Revision", attribute: "Id")
        update.files = ids(&element, container: "PayloadFiles", item: "File", attribute: "Id").map {
            FileReference(name: nil, digest: $0, size: nil, modified: nil, url: nil)
        }
        finish(&update, element, file: file, diagnostics: &diagnostics)
        return update
    }

    static func fileLocation(_ input: XMLElement) -> FileLocation {
        var element = input
        let id = element.take("Id")
        let url = element.take("Url")
        return FileLocation(id: id, url: url, line: element.line, extra: element.residue)
    }

    // MARK: Microsoft Update update XML and wsusscn2 fragments

    /// `upd:Update`, or a wrapped fragment (`UpdateIdentity` + `Properties` + `Relationships` +
    /// `ApplicabilityRules`, `ExtendedProperties` + `Files`, `LocalizedProperties`).
    static func updateDocument(
        _ input: XMLElement, format: CatalogFormat, file: String, diagnostics: inout [Diagnostic]
    ) -> CatalogUpdate {
        var element = input
        var update = CatalogUpdate(format: format, element: element.name.local, line: element.line, column: element.column)
        if var identity = element.takeChild("UpdateIdentity") {
            update.id = takeIdentity(&identity, "UpdateID") ?? ""
            update.revisionNumber = identity.take("RevisionNumber")
            element.keepResidue(identity)
        }
        element.consumeChildren("Properties") { properties in
            update.updateType = properties.take("UpdateType") ?? update.updateType
            update.created = properties.take("CreationDate") ?? update.created
            update.defaultLanguage = properties.take("DefaultPropertiesLanguage") ?? update.defaultLanguage
        }
        element.consumeChildren("LocalizedPropertiesCollection") { collection in
            collection.consumeChildren("LocalizedProperties") { localized in
                update.localized.append(localizedText(&localized))
            }
        }
        element.consumeChildren("LocalizedProperties") { localized in
            update.localized.append(localizedText(&localized))
        }
        if var relationships = element.takeChild("Relationships") {
            update.supersedes = ids(&relationships, container: "SupersededUpdates", item: "UpdateIdentity", attribute: "UpdateID")
            update.bundledUpdates = ids(&relationships, container: "BundledUpdates", item: "UpdateIdentity", attribute: "UpdateID")
            // Children inside `BundledUpdates/AtLeastOne` are read without being consumed: the group
            // stays in the residue (the lossless JSON keeps it as written).
            for holder in relationships.children where holder.name.local == "BundledUpdates" {
                for group in holder.children where group.name.local == "AtLeastOne" {
                    update.bundledGroups.append(group.children.filter { $0.name.local == "UpdateIdentity" }.compactMap { $0.attribute("UpdateID") })
                }
            }
            relationships.consumeChildren("Prerequisites") { prerequisites in
                prerequisites.consumeChildren("UpdateIdentity") { identity in
                    if let id = identity.take("UpdateID") { update.prerequisites.append(.update(id)) }
                }
                prerequisites.consumeChildren("AtLeastOne") { group in
                    var members: [String] = []
                    group.consumeChildren("UpdateIdentity") { identity in
                        if let id = identity.take("UpdateID") { members.append(id) }
                    }
                    update.prerequisites.append(.anyOf(members))
                }
            }
            element.keepResidue(relationships)
        }
        if var rules = element.takeChild("ApplicabilityRules") {
            takeRules(&rules, into: &update.applicability, file: file, diagnostics: &diagnostics)
            element.keepResidue(rules)
        }
        element.consumeChildren("ExtendedProperties") { extended in
            update.severity = extended.take("MsrcSeverity") ?? update.severity
            update.kbArticles += texts(&extended, "KBArticleID")
            update.bulletins += texts(&extended, "SecurityBulletinID")
            update.supportURLs += texts(&extended, "SupportUrl")
        }
        element.consumeChildren("Files") { files in
            files.consumeChildren("File") { entry in
                update.files.append(fileReference(&entry, urlAttribute: "Url"))
            }
        }
        finish(&update, element, file: file, diagnostics: &diagnostics)
        return update
    }

    // MARK: mssecure.xml

    static func bulletin(_ input: XMLElement, file: String, diagnostics: inout [Diagnostic]) -> CatalogUpdate {
        var element = input
        var update = CatalogUpdate(format: .mssecure, element: element.name.local, line: element.line, column: element.column)
        update.id = takeIdentity(&element, "BulletinID") ?? ""
        if let title = element.take("Title") { update.localized.append(LocalizedText(title: title)) }
        update.created = element.take("DatePosted")
        update.revised = element.take("DateRevised")
        update.kbArticles = ids(&element, container: "QNumbers", item: "QNumber", attribute: "QNumber")
        element.consumeChildren("Patches") { patches in
            patches.consumeChildren("Patch") { patchElement in
                var patch = BulletinPatch()
                patch.name = patchElement.take("PatchName")
                patch.qNumber = patchElement.take("SQNumber")
                patch.locationID = patchElement.take("PatchLocationID")
                patch.supersedenceID = patchElement.take("SBID")
                patch.noReboot = patchElement.take("NoReboot")
                patchElement.consumeChildren("AffectedProduct") { affected in
                    var product = AffectedProduct()
                    product.productID = affected.take("ProductID")
                    product.fixedInServicePack = affected.take("FixedInSP")
                    affected.consumeChildren("AffectedServicePack") { pack in
                        if let id = pack.take("ServicePackID") { product.servicePackIDs.append(id) }
                    }
                    patch.affectedProducts.append(product)
                }
                patch.fileChangeIDs = ids(&patchElement, container: "FileChgs", item: "FileChg", attribute: "FileChangeID")
                patch.registryChangeIDs = ids(&patchElement, container: "RegChgs", item: "RegChg", attribute: "RegChangeID")
                patchElement.consumeChildren("PatchComments") { comments in
                    comments.consumeChildren("PatchComment") { comment in
                        if let id = comment.take("CommentID") { patch.comments.append(id) }
                    }
                }
                update.patches.append(patch)
            }
        }
        finish(&update, element, file: file, diagnostics: &diagnostics)
        return update
    }
}
