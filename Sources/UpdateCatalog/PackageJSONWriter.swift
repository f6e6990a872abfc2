import MofkitSource

/// Updates Publisher packages (`SoftwareDistributionPackage` in a catalog) written straight from the
/// ``RecordTree``: the same takes, in the same order, as ``Interpreter/softwareDistributionPackage``
/// and ``RuleSchema/parse``, so the members, the residue (`extra`) and the diagnostics are exactly
/// those of the typed model.
extension RecordJSONWriter {
    /// A value found in the tree: an attribute, or the text of an element (its first text piece).
    enum ValueReference {
        case attribute(Int)
        case text(Int)
    }

    /// The rule element (node) of each holder, when present.
    typealias RuleHolders = (isInstalled: Int?, isInstallable: Int?, isSuperseded: Int?, metadata: Int?)

    /// What an installable item's typed members refer to.
    struct ItemValues {
        var node: Int
        var id: Int?
        var rules: RuleHolders = (nil, nil, nil, nil)
        var installProperties: Int?
        var uninstallProperties: Int?
        var installerData: [Int] = []
        var files: [(name: Int?, digest: Int?, size: Int?, modified: Int?, url: Int?)] = []
        var languages: [ValueReference] = []
    }

    // MARK: tree operations of the model (XMLElement take/takeChild/keepResidue)

    private mutating func take(_ node: Int, _ name: KnownName) -> Int? {
        guard let attribute = tree.attribute(node, name, names) else { return nil }
        tree.attributes[attribute].taken = true
        return attribute
    }

    /// `takeText`: the text when it is not only whitespace; the element's text is gone either way.
    private mutating func takeText(_ node: Int) -> ValueReference? {
        let first = tree.nodes[node].firstText
        let significant = !tree.isWhitespaceText(node)
        tree.nodes[node].firstText = -1
        tree.nodes[node].lastText = -1
        tree.nodes[node].hasSignificantText = false
        return significant && first >= 0 ? .text(first) : nil
    }

    /// Removes the first child with this name from the parent's list.
    private mutating func takeChild(_ parent: Int, _ name: KnownName) -> Int? {
        var previous = -1
        var child = tree.nodes[parent].firstChild
        while child >= 0 {
            if names.known[Int(tree.nodes[child].name)] == name {
                unlink(child, from: parent, after: previous)
                return child
            }
            previous = child
            child = tree.nodes[child].next
        }
        return nil
    }

    private mutating func unlink(_ child: Int, from parent: Int, after previous: Int) {
        let next = tree.nodes[child].next
        if previous >= 0 { tree.nodes[previous].next = next } else { tree.nodes[parent].firstChild = next }
        if tree.nodes[parent].lastChild == child { tree.nodes[parent].lastChild = previous }
        tree.nodes[child].next = -1
    }

    /// `keepResidue`: puts a taken child back, at the end, when something of it is left.
    private mutating func keepResidue(_ child: Int, in parent: Int) {
        guard !tree.isEmptyResidue(child) else { return }
        tree.nodes[child].next = -1
        let last = tree.nodes[parent].lastChild
        if last >= 0 { tree.nodes[last].next = child } else { tree.nodes[parent].firstChild = child }
        tree.nodes[parent].lastChild = child
    }

    /// `consumeChildren`: every child with this name, in place; those left empty drop out.
    private mutating func consume(_ node: Int, _ name: KnownName, _ body: (inout RecordJSONWriter, Int) -> Void) {
        var child = tree.nodes[node].firstChild
        while child >= 0 {
            let next = tree.nodes[child].next
            if names.known[Int(tree.nodes[child].name)] == name {
                tree.nodes[child].consumed = true
                body(&self, child)
            }
            child = next
        }
    }

    private mutating func texts(_ node: Int, _ name: KnownName, into values: inout [ValueReference]) {
        consume(node, name) { writer, child in
            if let text = writer.takeText(child) { values.append(text) }
        }
    }

    /// `firstText`: the text of the first child with this name (taken out, the rest kept at the end).
    private mutating func firstText(_ node: Int, _ name: KnownName) -> ValueReference? {
        guard let child = takeChild(node, name) else { return nil }
        let value = takeText(child)
        keepResidue(child, in: node)
        return value
    }

    /// `takeRules`: each holder's first child is its rule; what else the holder has stays, at the end.
    private mutating func takeRules(_ node: Int) -> RuleHolders {
        var rules: RuleHolders = (nil, nil, nil, nil)
        for name in [KnownName.isInstalled, .isInstallable, .isSuperseded, .metadata] {
            guard let holder = takeChild(node, name) else { continue }
            var rule: Int?
            let first = tree.nodes[holder].firstChild
            if first >= 0 {
                unlink(first, from: holder, after: -1)
                rule = first
            }
            switch name {
            case .isInstalled: rules.isInstalled = rule
            case .isInstallable: rules.isInstallable = rule
            case .isSuperseded: rules.isSuperseded = rule
            default: rules.metadata = rule
            }
            keepResidue(holder, in: node)
        }
        return rules
    }

    // MARK: writing pieces

    private func write(_ reference: ValueReference, _ json: inout RawJSONWriter) {
        switch reference {
        case .attribute(let index):
            json.string(bytes: tree.bytes.buffer(tree.attributes[index].start, tree.attributes[index].count))
        case .text(let first):
            json.beginString()
            var piece = first
            while piece >= 0 {
                let text = tree.texts[piece]
                json.appendStringPiece(tree.bytes.buffer(text.start, text.count))
                piece = text.next
            }
            json.endString()
        }
    }

    private func member(_ key: StaticString, _ attribute: Int?, _ json: inout RawJSONWriter) {
        guard let attribute else { return }
        json.key(key)
        write(.attribute(attribute), &json)
    }

    private func member(_ key: StaticString, _ values: [ValueReference], _ json: inout RawJSONWriter) {
        guard !values.isEmpty else { return }
        json.key(key)
        json.beginArray()
        for value in values { write(value, &json) }
        json.endArray()
    }

    private func attributeString(_ index: Int) -> String {
        tree.string(tree.attributes[index].start, tree.attributes[index].count)
    }

    private func writeAttributeObject(_ key: StaticString, of node: Int?, _ json: inout RawJSONWriter) {
        guard let node, tree.nodes[node].attributeCount > 0 else { return }
        json.key(key)
        json.beginObject()
        let first = tree.nodes[node].firstAttribute
        for attribute in first..<(first + tree.nodes[node].attributeCount) {
            writeKey(ofAttribute: attribute, &json)
            write(.attribute(attribute), &json)
        }
        json.endObject()
    }

    private func writeKey(ofAttribute attribute: Int, _ json: inout RawJSONWriter) {
        let name = tree.attributes[attribute]
        if name.namespace == 0 {
            names.withQuoted(name.name) { json.key(quoted: $0) }
        } else {
            json.key(text: attributeKeyText(attribute))
        }
    }

    private func attributeKeyText(_ attribute: Int) -> String {
        let name = tree.attributes[attribute]
        let local = names.strings[Int(name.name)]
        return name.namespace == 0 ? local : "{\(names.strings[Int(name.namespace)])}\(local)"
    }

    // MARK: the package

    /// Writes the package; rule problems and a missing identity go to `diagnostics` in the model's order.
    mutating func writeSoftwareDistributionPackage(
        format: CatalogFormat, file: String, diagnostics: inout [Diagnostic], _ json: inout RawJSONWriter
    ) {
        let schemaVersion = take(root, .schemaVersion)
        var id: Int?
        var created: Int?, vendor: Int?, publicationState: Int?, updateType: Int?
        var moreInfo: [ValueReference] = [], support: [ValueReference] = [], products: [ValueReference] = []
        consume(root, .properties) { writer, properties in
            if let identity = writer.tree.attribute(properties, .packageID, writer.names),
                writer.tree.attributes[identity].count > 0
            {
                writer.tree.attributes[identity].taken = true
                id = identity
            }
            created = writer.take(properties, .creationDate) ?? created
            vendor = writer.take(properties, .vendorName) ?? vendor
            publicationState = writer.take(properties, .publicationState) ?? publicationState
            updateType = writer.take(properties, .updateType) ?? updateType
            writer.texts(properties, .moreInfoUrl, into: &moreInfo)
            writer.texts(properties, .supportUrl, into: &support)
            writer.texts(properties, .productName, into: &products)
        }
        var localized: [(language: ValueReference?, title: ValueReference?, description: ValueReference?)] = []
        consume(root, .localizedProperties) { writer, properties in
            let language = writer.firstText(properties, .language)
            let title = writer.firstText(properties, .title)
            let description = writer.firstText(properties, .description)
            localized.append((language, title, description))
        }
        var severity: Int?, classification: Int?
        var kb: [ValueReference] = [], bulletins: [ValueReference] = [], cves: [ValueReference] = []
        for name in [KnownName.updateSpecificData, .applicationSpecificData] {
            consume(root, name) { writer, data in
                severity = writer.take(data, .msrcSeverity) ?? severity
                classification = writer.take(data, .updateClassification) ?? classification
                writer.texts(data, .kbArticleID, into: &kb)
                writer.texts(data, .securityBulletinID, into: &bulletins)
                writer.texts(data, .cveID, into: &cves)
            }
        }
        let rules = takeRules(root)
        var supersedes: [ValueReference] = []
        consume(root, .supersededPackages) { writer, holder in writer.texts(holder, .packageID, into: &supersedes) }
        var prerequisites: [[ValueReference]] = []
        consume(root, .prerequisites) { writer, holder in
            writer.consume(holder, .atLeastOne) { writer, group in
                var members: [ValueReference] = []
                writer.texts(group, .packageID, into: &members)
                prerequisites.append(members)
            }
        }
        var bundled: [ValueReference] = []
        consume(root, .bundledPackages) { writer, holder in writer.texts(holder, .packageID, into: &bundled) }
        var items: [ItemValues] = []
        consume(root, .installableItem) { writer, item in items.append(writer.installableItem(item)) }

        json.beginObject()
        json.key("kind"); json.string("update")
        json.key("format"); json.string(format.rawValue)
        json.key("element"); names.withQuoted(tree.nodes[root].name) { json.string(quoted: $0) }
        json.key("line"); json.integer(tree.nodes[root].line)
        member("id", id, &json)
        member("schemaVersion", schemaVersion, &json)
        member("updateType", updateType, &json)
        member("created", created, &json)
        member("vendor", vendor, &json)
        member("publicationState", publicationState, &json)
        member("products", products, &json)
        member("classification", classification, &json)
        member("severity", severity, &json)
        member("kbArticles", kb, &json)
        member("bulletins", bulletins, &json)
        member("cves", cves, &json)
        member("moreInfoURLs", moreInfo, &json)
        member("supportURLs", support, &json)
        if !localized.isEmpty {
            json.key("localized")
            json.beginArray()
            for text in localized {
                json.beginObject()
                if let language = text.language { json.key("language"); write(language, &json) }
                if let title = text.title { json.key("title"); write(title, &json) }
                if let description = text.description { json.key("description"); write(description, &json) }
                json.endObject()
            }
            json.endArray()
        }
        member("supersedes", supersedes, &json)
        if !prerequisites.isEmpty {
            json.key("prerequisites")
            json.beginArray()
            for group in prerequisites {
                json.beginArray()
                for member in group { write(member, &json) }
                json.endArray()
            }
            json.endArray()
        }
        member("bundledUpdates", bundled, &json)
        writeRules(rules, file: file, diagnostics: &diagnostics, &json)
        if !items.isEmpty {
            json.key("installableItems")
            json.beginArray()
            for item in items { write(item, file: file, diagnostics: &diagnostics, &json) }
            json.endArray()
        }
        if !tree.isEmptyResidue(root) {
            json.key("extra")
            writeElement(root, &json)
        }
        json.endObject()
        if id == nil {
            let location = SourceLocation(line: tree.nodes[root].line, column: tree.nodes[root].column, offset: -1)
            diagnostics.append(Diagnostic(
                code: CatalogCode.missingIdentity, severity: .warning,
                message: "\(names.strings[Int(tree.nodes[root].name)]) has no identity attribute",
                range: SourceRange(file: file, start: location, end: location)))
        }
    }

    static let installerNamespaces: Set<String> = Set(
        ["CommandLineInstallation", "MsiInstallation", "MspInstallation", "UpdateExeInstallation", "WindowsDriver"]
            .map { RuleSchema.corporatePublishingPrefix + "Installers/" + $0 + ".xsd" })

    private mutating func installableItem(_ node: Int) -> ItemValues {
        var item = ItemValues(node: node)
        item.id = take(node, .upperID)
        if let rules = takeChild(node, .applicabilityRules) {
            item.rules = takeRules(rules)
            keepResidue(rules, in: node)
        }
        for (name, isInstall) in [(KnownName.installProperties, true), (.uninstallProperties, false)] {
            guard let properties = takeChild(node, name) else { continue }
            if isInstall { item.installProperties = properties } else { item.uninstallProperties = properties }
            let first = tree.nodes[properties].firstAttribute
            for attribute in first..<(first + tree.nodes[properties].attributeCount) { tree.attributes[attribute].taken = true }
            keepResidue(properties, in: node)
        }
        consume(node, .originFile) { writer, origin in
            item.files.append((
                writer.take(origin, .fileName), writer.take(origin, .digest), writer.take(origin, .size),
                writer.take(origin, .modified), writer.take(origin, .originUri)))
        }
        texts(node, .language, into: &item.languages)
        // Installer data: elements of the installer namespaces (and the generic substitution head).
        var previous = -1
        var child = tree.nodes[node].firstChild
        while child >= 0 {
            let next = tree.nodes[child].next
            let isRemoved = tree.isRemoved(child)
            if !isRemoved && (names.isInstallerNamespace(tree.nodes[child].namespace)
                || names.known[Int(tree.nodes[child].name)] == .installHandlerSpecificData)
            {
                item.installerData.append(child)
                unlink(child, from: node, after: previous)
            } else {
                previous = child
            }
            child = next
        }
        return item
    }

    private mutating func write(_ item: ItemValues, file: String, diagnostics: inout [Diagnostic], _ json: inout RawJSONWriter) {
        json.beginObject()
        member("id", item.id, &json)
        json.key("line"); json.integer(tree.nodes[item.node].line)
        writeRules(item.rules, file: file, diagnostics: &diagnostics, &json)
        writeAttributeObject("installProperties", of: item.installProperties, &json)
        writeAttributeObject("uninstallProperties", of: item.uninstallProperties, &json)
        if !item.installerData.isEmpty {
            json.key("installerData")
            json.beginArray()
            for element in item.installerData { writeElement(element, &json) }
            json.endArray()
        }
        if !item.files.isEmpty {
            json.key("files")
            json.beginArray()
            for file in item.files {
                json.beginObject()
                member("name", file.name, &json)
                member("digest", file.digest, &json)
                member("size", file.size, &json)
                member("modified", file.modified, &json)
                member("url", file.url, &json)
                json.endObject()
            }
            json.endArray()
        }
        member("languages", item.languages, &json)
        json.endObject()
    }

    private mutating func writeRules(
        _ rules: RuleHolders, file: String,
        diagnostics: inout [Diagnostic], _ json: inout RawJSONWriter
    ) {
        guard rules.isInstalled != nil || rules.isInstallable != nil || rules.isSuperseded != nil || rules.metadata != nil
        else { return }
        json.key("rules")
        json.beginObject()
        let holders: [(StaticString, Int?)] = [
            ("isInstalled", rules.isInstalled), ("isInstallable", rules.isInstallable),
            ("isSuperseded", rules.isSuperseded), ("metadata", rules.metadata),
        ]
        for (key, rule) in holders {
            guard let rule else { continue }
            json.key(key)
            writeRule(rule, file: file, diagnostics: &diagnostics, &json)
        }
        json.endObject()
    }

    // MARK: rules (as RuleSchema.parse types them and JSONBuffer.write(_: ApplicabilityRule) writes them)

    private mutating func writeRule(_ node: Int, file: String, diagnostics: inout [Diagnostic], _ json: inout RawJSONWriter) {
        let current = tree.nodes[node]
        let local = names.strings[Int(current.name)]
        let identity = names.rule(name: current.name, namespace: current.namespace)
        let kind = identity.kind, family = identity.family, spelling = identity.spelling
        let displayName = identity.displayName
        func warn(_ code: DiagnosticCode, _ severity: Severity, _ message: String) {
            let location = SourceLocation(line: current.line, column: current.column, offset: -1)
            diagnostics.append(Diagnostic(
                code: code, severity: severity, message: message, range: SourceRange(file: file, start: location, end: location)))
        }
        json.beginObject()
        json.key("rule")
        if let kind { json.string(kind.rawValue) } else { names.withQuoted(current.name) { json.string(quoted: $0) } }
        if kind == nil { json.key("known"); json.boolean(false) }
        if let family { json.key("family"); json.string(family.rawValue) }
        if let spelling { json.key("spelling"); json.string(spelling.rawValue) }
        if kind == nil || local != kind?.rawValue { json.key("element"); names.withQuoted(current.name) { json.string(quoted: $0) } }
        if kind == nil && current.namespace != 0 { json.key("namespace"); names.withQuoted(current.namespace) { json.string(quoted: $0) } }
        json.key("line"); json.integer(current.line)
        let attributes = current.firstAttribute..<(current.firstAttribute + current.attributeCount)
        let specs = identity.specs
        if kind == nil { warn(CatalogCode.unknownRule, .warning, "unknown applicability rule '\(displayName)' kept as it is") }
        if !attributes.isEmpty {
            json.key("attributes")
            json.beginObject()
            var raw: [Int] = []
            var invalid: [String] = []
            var unknown: [String] = []
            for attribute in attributes {
                writeKey(ofAttribute: attribute, &json)
                let attributeName = tree.attributes[attribute]
                let specIndex = attributeName.namespace == 0 ? identity.specNameIDs.firstIndex(of: attributeName.name) : nil
                guard kind != nil, let specIndex else {
                    let attributeLocal = names.strings[Int(attributeName.name)]
                    if kind != nil {
                        warn(CatalogCode.unknownRuleAttribute, .note, "'\(displayName)' has no attribute '\(attributeLocal)' in its schema; kept as text")
                    }
                    write(.attribute(attribute), &json)
                    unknown.append(attributeKeyText(attribute))
                    continue
                }
                let spec = specs[specIndex]
                let text = attributeString(attribute)
                guard let value = RuleSchema.typedValue(text, spec.type) else {
                    warn(CatalogCode.invalidRuleAttribute, .warning,
                         "'\(displayName)' attribute \(spec.name)=\"\(text)\" is not a valid \(spec.type.rawValue)")
                    write(.attribute(attribute), &json)
                    invalid.append(spec.name)
                    continue
                }
                switch value {
                case .integer(let number): json.integer(Int(number))
                case .csidl(let number): json.integer(number)
                case .boolean(let flag): json.boolean(flag)
                case .languageIDs(let ids): json.beginArray(); for id in ids { json.integer(id) }; json.endArray()
                case .text: write(.attribute(attribute), &json)
                default: json.string(value.canonicalText)
                }
                if !JSONBuffer.spelledCanonically(value, text) { raw.append(attribute) }
            }
            json.endObject()
            if !raw.isEmpty {
                json.key("raw")
                json.beginObject()
                for attribute in raw {
                    writeKey(ofAttribute: attribute, &json)
                    write(.attribute(attribute), &json)
                }
                json.endObject()
            }
            if !invalid.isEmpty { json.key("invalid"); json.beginArray(); for item in invalid { json.string(item) }; json.endArray() }
            if !unknown.isEmpty {
                json.key("unknownAttributes"); json.beginArray(); for item in unknown { json.string(item) }; json.endArray()
            }
        }
        if kind != nil {
            for (index, spec) in specs.enumerated() where spec.required {
                let present = attributes.contains { tree.attributes[$0].name == identity.specNameIDs[index] }
                if !present { warn(CatalogCode.missingRuleAttribute, .warning, "'\(displayName)' lacks the required attribute '\(spec.name)'") }
            }
            if identity.isContainer && current.firstChild >= 0 {
                json.key("children")
                json.beginArray()
                var child = current.firstChild
                while child >= 0 {
                    writeRule(child, file: file, diagnostics: &diagnostics, &json)
                    child = tree.nodes[child].next
                }
                json.endArray()
            }
        }
        let childrenAreContent = !identity.isContainer
        let hasText = !tree.isWhitespaceText(node)
        if (childrenAreContent && current.firstChild >= 0) || hasText {
            json.key("content")
            json.beginArray()
            if childrenAreContent {
                var child = current.firstChild
                while child >= 0 {
                    writeElement(child, &json)
                    child = tree.nodes[child].next
                }
            }
            if hasText {
                json.beginObject()
                json.key("name"); json.string("#text")
                json.key("text"); write(.text(current.firstText), &json)
                json.endObject()
            }
            json.endArray()
        }
        json.endObject()
    }
}
