/// Writes records straight from a ``RecordTree`` as JSON, without building the typed model, for the
/// record kinds whose typed members are simple attribute and child lookups (wsusscn2 `package.xml`
/// updates and file locations, and generic entries). The bytes are exactly those the model path
/// writes (`JSONBuffer.write(_: CatalogRecord)`); `CatalogConvertTests` compares both on every corpus file.
struct RecordJSONWriter {
    /// The record being written: the subtree of `tree` at node `root`.
    var tree = RecordTree()
    var root = 0
    var names = CatalogNames()

    // MARK: pieces

    private func writeName(_ id: Int32, _ json: inout RawJSONWriter) {
        names.withQuoted(id) { json.string(quoted: $0) }
    }

    private func writeValue(_ attribute: Int, _ json: inout RawJSONWriter) {
        let value = tree.attributes[attribute]
        json.string(bytes: tree.bytes.buffer(value.start, value.count))
    }

    private func writeText(_ node: Int, _ json: inout RawJSONWriter) {
        json.beginString()
        var piece = tree.nodes[node].firstText
        while piece >= 0 {
            let text = tree.texts[piece]
            json.appendStringPiece(tree.bytes.buffer(text.start, text.count))
            piece = text.next
        }
        json.endString()
    }

    /// The key of an attribute: its local name, or `{namespace}local`.
    private func writeAttributeKey(_ attribute: Int, _ json: inout RawJSONWriter) {
        let name = tree.attributes[attribute]
        if name.namespace == 0 {
            names.withQuoted(name.name) { json.key(quoted: $0) }
        } else {
            json.key(text: "{\(names.strings[Int(name.namespace)])}\(names.strings[Int(name.name)])")
        }
    }

    /// Takes the first attribute with this name and writes it as a member.
    private mutating func member(_ key: StaticString, _ name: KnownName, of node: Int, _ json: inout RawJSONWriter) {
        guard let attribute = tree.attribute(node, name, names) else { return }
        tree.attributes[attribute].taken = true
        json.key(key)
        writeValue(attribute, &json)
    }

    /// Takes a `true`/`false` attribute; other spellings stay in the residue as written.
    private mutating func boolean(_ key: StaticString, _ name: KnownName, of node: Int, _ json: inout RawJSONWriter) {
        guard let attribute = tree.attribute(node, name, names) else { return }
        let value: Bool
        if tree.attributeEquals(attribute, "true") {
            value = true
        } else if tree.attributeEquals(attribute, "false") {
            value = false
        } else {
            return
        }
        tree.attributes[attribute].taken = true
        json.key(key)
        json.boolean(value)
    }

    /// Visits the children of `node` named `name`, marking them consumed.
    private mutating func consumeChildren(_ node: Int, _ name: KnownName, _ body: (inout RecordJSONWriter, Int) -> Void) {
        var child = tree.nodes[node].firstChild
        while child >= 0 {
            if names.known[Int(tree.nodes[child].name)] == name {
                tree.nodes[child].consumed = true
                body(&self, child)
            }
            child = tree.nodes[child].next
        }
    }

    /// `container/item@attribute` ids as a JSON array member (written only when there is one),
    /// each id as a string or, with `digestObjects`, as `{"digest": id}`.
    private mutating func ids(
        _ key: StaticString, of node: Int, container: KnownName, item: KnownName, attribute: KnownName,
        digestObjects: Bool = false, _ json: inout RawJSONWriter
    ) {
        var opened = false
        consumeChildren(node, container) { writer, holder in
            writer.consumeChildren(holder, item) { writer, entry in
                guard let value = writer.tree.attribute(entry, attribute, writer.names) else { return }
                writer.tree.attributes[value].taken = true
                if !opened {
                    opened = true
                    json.key(key)
                    json.beginArray()
                }
                if digestObjects {
                    json.beginObject()
                    json.key("digest")
                    writer.writeValue(value, &json)
                    json.endObject()
                } else {
                    writer.writeValue(value, &json)
                }
            }
        }
        if opened { json.endArray() }
    }

    // MARK: records

    /// A generic element: what is left of it (everything, when nothing was taken).
    func writeElement(_ node: Int, _ json: inout RawJSONWriter) {
        let current = tree.nodes[node]
        json.beginObject()
        json.key("name")
        writeName(current.name, &json)
        if current.namespace != 0 {
            json.key("namespace")
            writeName(current.namespace, &json)
        }
        var openedAttributes = false
        for attribute in current.firstAttribute..<(current.firstAttribute + current.attributeCount)
        where !tree.attributes[attribute].taken {
            if !openedAttributes {
                openedAttributes = true
                json.key("attributes")
                json.beginObject()
            }
            writeAttributeKey(attribute, &json)
            writeValue(attribute, &json)
        }
        if openedAttributes { json.endObject() }
        if !tree.isWhitespaceText(node) {
            json.key("text")
            writeText(node, &json)
        }
        var openedChildren = false
        var child = current.firstChild
        while child >= 0 {
            if !tree.isRemoved(child) {
                if !openedChildren {
                    openedChildren = true
                    json.key("children")
                    json.beginArray()
                }
                writeElement(child, &json)
            }
            child = tree.nodes[child].next
        }
        if openedChildren { json.endArray() }
        json.endObject()
    }

    /// An `entry` record: the element whole, under its container path.
    func writeEntry(path: [String], _ json: inout RawJSONWriter) {
        json.beginObject()
        json.key("kind"); json.string("entry")
        json.key("path"); json.beginArray(); for part in path { json.string(part) }; json.endArray()
        json.key("line"); json.integer(tree.nodes[root].line)
        json.key("element")
        writeElement(root, &json)
        json.endObject()
    }

    /// A wsusscn2 `FileLocation` (`Id`, `Url`, the rest as `extra`).
    mutating func writeFileLocation(_ json: inout RawJSONWriter) {
        json.beginObject()
        json.key("kind"); json.string("fileLocation")
        json.key("line"); json.integer(tree.nodes[root].line)
        member("id", .id, of: root, &json)
        member("url", .url, of: root, &json)
        writeExtra(&json)
        json.endObject()
    }

    /// A wsusscn2 `package.xml` `Update`, member for member as ``Interpreter/offlineSyncUpdate`` types
    /// it. Returns false when the update has no identity (the caller reports it).
    mutating func writeOfflineSyncUpdate(_ json: inout RawJSONWriter) -> Bool {
        json.beginObject()
        json.key("kind"); json.string("update")
        json.key("format"); json.string(CatalogFormat.wsusPackage.rawValue)
        json.key("element"); writeName(tree.nodes[root].name, &json)
        json.key("line"); json.integer(tree.nodes[root].line)
        var hasIdentity = false
        if let id = tree.attribute(root, .updateId, names), tree.attributes[id].count > 0 {
            tree.attributes[id].taken = true
            hasIdentity = true
            json.key("id")
            writeValue(id, &json)
        }
        member("revisionNumber", .revisionNumber, of: root, &json)
        member("revisionID", .revisionId, of: root, &json)
        member("created", .creationDate, of: root, &json)
        member("defaultLanguage", .defaultLanguage, of: root, &json)
        var openedCategories = false
        consumeChildren(root, .categories) { writer, categories in
            writer.consumeChildren(categories, .category) { writer, category in
                if !openedCategories {
                    openedCategories = true
                    json.key("categories")
                    json.beginArray()
                }
                json.beginObject()
                writer.member("type", .type, of: category, &json)
                writer.member("id", .id, of: category, &json)
                json.endObject()
            }
        }
        if openedCategories { json.endArray() }
        boolean("isLeaf", .isLeaf, of: root, &json)
        boolean("isBundle", .isBundle, of: root, &json)
        ids("supersededBy", of: root, container: .supersededBy, item: .revision, attribute: .id, &json)
        ids("prerequisites", of: root, container: .prerequisites, item: .updateId, attribute: .id, &json)
        ids("bundledBy", of: root, container: .bundledBy, item: .revision, attribute: .id, &json)
        ids("files", of: root, container: .payloadFiles, item: .file, attribute: .id, digestObjects: true, &json)
        writeExtra(&json)
        json.endObject()
        return hasIdentity
    }

    private func writeExtra(_ json: inout RawJSONWriter) {
        guard !tree.isEmptyResidue(root) else { return }
        json.key("extra")
        writeElement(root, &json)
    }
}
