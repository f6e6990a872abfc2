import Foundation
import MofkitSource
import Testing
@testable import UpdateCatalog

/// Lossless conversion: the multiset of (element path, attribute, value) rebuilt from the JSON equals
/// the one read from the input by a plain SAX pass. Text content counts as attribute `#text`
/// (whitespace-only text is not kept); paths are local names from the root.
struct LosslessTests {
    struct Triple: Hashable, CustomStringConvertible {
        var path: String
        var attribute: String
        var value: String
        var description: String { "\(path) @\(attribute)=\(value.prefix(60))" }
    }

    /// The input side: every attribute and text of the document, from a SAX pass.
    final class Collector: XMLEventSink {
        var stack: [String] = []
        var texts: [String] = []
        var triples: [Triple: Int] = [:]
        var wrapped = false

        var path: String { (wrapped ? Array(stack.dropFirst()) : stack).joined(separator: "/") }

        func startElement(_ name: XMLName, attributes: [XMLAttribute], line: Int, column: Int) {
            stack.append(name.local)
            texts.append("")
            for attribute in attributes {
                let key = attribute.name.namespace.isEmpty ? attribute.name.local : "{\(attribute.name.namespace)}\(attribute.name.local)"
                triples[Triple(path: path, attribute: key, value: attribute.value), default: 0] += 1
            }
        }

        func endElement() {
            let text = texts.removeLast()
            if !text.isXMLWhitespace { triples[Triple(path: path, attribute: "#text", value: text), default: 0] += 1 }
            stack.removeLast()
        }

        func characters(_ text: UnsafeBufferPointer<UInt8>) {
            texts[texts.count - 1] += String(decoding: text, as: UTF8.self)
        }

        func xmlDiagnostic(_ diagnostic: Diagnostic) {}
    }

    static func inputTriples(_ path: String) throws -> [Triple: Int] {
        inputTriples(bytes: try readBytes(path: path), name: path)
    }

    /// `forceFragment`: wrap as the reader wraps a cabinet's fragment members.
    static func inputTriples(bytes: [UInt8], name path: String, forceFragment: Bool = false) -> [Triple: Int] {
        let collector = Collector()
        let parser = XMLStreamParser(fileName: path, sink: collector)
        if forceFragment || bytes.withUnsafeBufferPointer({ CatalogStreamReader.looksLikeFragment($0) }) {
            collector.wrapped = true
            parser.feed(Array("<MofkitFragment>".utf8))
            parser.feed(bytes)
            parser.feed(Array("</MofkitFragment>".utf8))
        } else {
            parser.feed(bytes)
        }
        parser.finish()
        return collector.triples
    }

    /// The output side: rebuilds the triples from the JSON records.
    struct Rebuilder {
        var triples: [Triple: Int] = [:]
        var root = ""
        var format = ""

        mutating func add(_ path: [String], _ attribute: String, _ value: Any?) {
            guard let value else { return }
            let text: String
            switch value {
            case let string as String: text = string
            case let number as NSNumber:
                // JSON booleans arrive as NSNumber with the `c` (char) type code.
                text = String(cString: number.objCType) == "c" ? (number.boolValue ? "true" : "false") : number.stringValue
            default: text = "\(value)"
            }
            triples[Triple(path: path.joined(separator: "/"), attribute: attribute, value: text), default: 0] += 1
        }

        mutating func addList(_ path: [String], _ attribute: String, _ value: Any?) {
            for item in value as? [Any] ?? [] { add(path, attribute, item) }
        }

        mutating func element(_ parent: [String], _ object: [String: Any], includeName: Bool = true) {
            let path = includeName ? parent + [object["name"] as? String ?? "?"] : parent
            for (key, value) in object["attributes"] as? [String: Any] ?? [:] { add(path, key, value) }
            add(path, "#text", object["text"])
            for child in object["children"] as? [[String: Any]] ?? [] { element(path, child) }
        }

        mutating func rule(_ parent: [String], _ object: [String: Any]) {
            let name = object["element"] as? String ?? object["rule"] as? String ?? "?"
            let path = parent + [name]
            let raw = object["raw"] as? [String: Any] ?? [:]
            for (key, value) in object["attributes"] as? [String: Any] ?? [:] {
                if let text = raw[key] {
                    add(path, key, text)
                } else if let list = value as? [Any] {
                    add(path, key, list.map { "\($0)" }.joined(separator: ","))
                } else {
                    add(path, key, value)
                }
            }
            for child in object["children"] as? [[String: Any]] ?? [] { rule(path, child) }
            for content in object["content"] as? [[String: Any]] ?? [] {
                if content["name"] as? String == "#text" { add(path, "#text", content["text"]) } else { element(path, content) }
            }
        }

        mutating func rules(_ base: [String], _ object: Any?) {
            guard let rules = object as? [String: Any] else { return }
            for (key, holder) in [("isInstalled", "IsInstalled"), ("isInstallable", "IsInstallable"), ("isSuperseded", "IsSuperseded"), ("metadata", "Metadata")] {
                if let rule = rules[key] as? [String: Any] { self.rule(base + [holder], rule) }
            }
        }

        mutating func files(_ base: [String], _ list: Any?, urlKey: String) {
            for file in list as? [[String: Any]] ?? [] {
                add(base, "FileName", file["name"]); add(base, "Digest", file["digest"]); add(base, "Size", file["size"])
                add(base, "Modified", file["modified"]); add(base, urlKey, file["url"])
            }
        }

        mutating func localized(_ base: [String], _ list: Any?) {
            for text in list as? [[String: Any]] ?? [] {
                add(base + ["Language"], "#text", text["language"]); add(base + ["Title"], "#text", text["title"])
                add(base + ["Description"], "#text", text["description"])
            }
        }

        mutating func record(_ object: [String: Any]) {
            switch object["kind"] as? String {
            case "catalog":
                root = object["root"] as? String ?? ""
                format = object["format"] as? String ?? ""
                for (key, value) in object["attributes"] as? [String: Any] ?? [:] { add(rootPath, key, value) }
            case "entry":
                element(rootPath + (object["path"] as? [String] ?? []), object["element"] as? [String: Any] ?? [:])
            case "fileLocation":
                let base = rootPath + ["FileLocations", "FileLocation"]
                add(base, "Id", object["id"]); add(base, "Url", object["url"])
                if let extra = object["extra"] as? [String: Any] { element(base, extra, includeName: false) }
            case "update":
                update(object)
            default:
                break
            }
        }

        var rootPath: [String] { format == "wsus-fragment" ? [] : [root] }

        mutating func update(_ u: [String: Any]) {
            var base: [String]
            switch format {
            case "scup-catalog": base = rootPath + ["SoftwareDistributionPackage"]
            case "wsus-package": base = rootPath + ["Updates", "Update"]
            case "mssecure": base = rootPath + ["Bulletins", "Bulletin"]
            default: base = rootPath
            }
            if let extra = u["extra"] as? [String: Any] { element(base, extra, includeName: false) }
            switch format {
            case "scup-catalog", "sdp":
                add(base, "SchemaVersion", u["schemaVersion"])
                let properties = base + ["Properties"]
                add(properties, "PackageID", u["id"]); add(properties, "CreationDate", u["created"])
                add(properties, "VendorName", u["vendor"]); add(properties, "PublicationState", u["publicationState"])
                add(properties, "UpdateType", u["updateType"])
                addList(properties + ["MoreInfoUrl"], "#text", u["moreInfoURLs"])
                addList(properties + ["SupportUrl"], "#text", u["supportURLs"])
                addList(properties + ["ProductName"], "#text", u["products"])
                localized(base + ["LocalizedProperties"], u["localized"])
                let data = base + ["UpdateSpecificData"]
                add(data, "MsrcSeverity", u["severity"]); add(data, "UpdateClassification", u["classification"])
                addList(data + ["KBArticleID"], "#text", u["kbArticles"])
                addList(data + ["SecurityBulletinID"], "#text", u["bulletins"])
                addList(data + ["CveID"], "#text", u["cves"])
                rules(base, u["rules"])
                addList(base + ["SupersededPackages", "PackageID"], "#text", u["supersedes"])
                for group in u["prerequisites"] as? [[Any]] ?? [] {
                    addList(base + ["Prerequisites", "AtLeastOne", "PackageID"], "#text", group)
                }
                addList(base + ["BundledPackages", "PackageID"], "#text", u["bundledUpdates"])
                for item in u["installableItems"] as? [[String: Any]] ?? [] {
                    let itemPath = base + ["InstallableItem"]
                    add(itemPath, "ID", item["id"])
                    rules(itemPath + ["ApplicabilityRules"], item["rules"])
                    for (key, value) in item["installProperties"] as? [String: Any] ?? [:] { add(itemPath + ["InstallProperties"], key, value) }
                    for (key, value) in item["uninstallProperties"] as? [String: Any] ?? [:] { add(itemPath + ["UninstallProperties"], key, value) }
                    for data in item["installerData"] as? [[String: Any]] ?? [] { element(itemPath, data) }
                    files(itemPath + ["OriginFile"], item["files"], urlKey: "OriginUri")
                    addList(itemPath + ["Language"], "#text", item["languages"])
                }
            case "wsus-package":
                add(base, "UpdateId", u["id"]); add(base, "RevisionNumber", u["revisionNumber"])
                add(base, "RevisionId", u["revisionID"]); add(base, "CreationDate", u["created"])
                add(base, "DefaultLanguage", u["defaultLanguage"]); add(base, "IsLeaf", u["isLeaf"]); add(base, "IsBundle", u["isBundle"])
                for category in u["categories"] as? [[String: Any]] ?? [] {
                    add(base + ["Categories", "Category"], "Type", category["type"]); add(base + ["Categories", "Category"], "Id", category["id"])
                }
                addList(base + ["Prerequisites", "UpdateId"], "Id", u["prerequisites"])
                addList(base + ["SupersededBy", "Revision"], "Id", u["supersededBy"])
                addList(base + ["BundledBy", "Revision"], "Id", u["bundledBy"])
                for file in u["files"] as? [[String: Any]] ?? [] { add(base + ["PayloadFiles", "File"], "Id", file["digest"]) }
            case "mssecure":
                add(base, "BulletinID", u["id"]); add(base, "DatePosted", u["created"]); add(base, "DateRevised", u["revised"])
                for text in u["localized"] as? [[String: Any]] ?? [] { add(base, "Title", text["title"]) }
                addList(base + ["QNumbers", "QNumber"], "QNumber", u["kbArticles"])
                for patch in u["patches"] as? [[String: Any]] ?? [] {
                    let p = base + ["Patches", "Patch"]
                    add(p, "PatchName", patch["name"]); add(p, "SQNumber", patch["qNumber"]); add(p, "PatchLocationID", patch["locationID"])
                    add(p, "SBID", patch["supersedenceID"]); add(p, "NoReboot", patch["noReboot"])
                    for product in patch["affectedProducts"] as? [[String: Any]] ?? [] {
                        add(p + ["AffectedProduct"], "ProductID", product["productID"]); add(p + ["AffectedProduct"], "FixedInSP", product["fixedInServicePack"])
                        addList(p + ["AffectedProduct", "AffectedServicePack"], "ServicePackID", product["servicePackIDs"])
                    }
                    addList(p + ["FileChgs", "FileChg"], "FileChangeID", patch["fileChangeIDs"])
                    addList(p + ["RegChgs", "RegChg"], "RegChangeID", patch["registryChangeIDs"])
                    addList(p + ["PatchComments", "PatchComment"], "CommentID", patch["comments"])
                }
            default:  // wsus-update, wsus-fragment
                add(base + ["UpdateIdentity"], "UpdateID", u["id"]); add(base + ["UpdateIdentity"], "RevisionNumber", u["revisionNumber"])
                add(base + ["Properties"], "UpdateType", u["updateType"]); add(base + ["Properties"], "CreationDate", u["created"])
                add(base + ["Properties"], "DefaultPropertiesLanguage", u["defaultLanguage"])
                localized(base + (format == "wsus-update" ? ["LocalizedPropertiesCollection", "LocalizedProperties"] : ["LocalizedProperties"]), u["localized"])
                let relationships = base + ["Relationships"]
                addList(relationships + ["SupersededUpdates", "UpdateIdentity"], "UpdateID", u["supersedes"])
                addList(relationships + ["BundledUpdates", "UpdateIdentity"], "UpdateID", u["bundledUpdates"])
                for prerequisite in u["prerequisites"] as? [Any] ?? [] {
                    if let group = prerequisite as? [Any] {
                        addList(relationships + ["Prerequisites", "AtLeastOne", "UpdateIdentity"], "UpdateID", group)
                    } else {
                        add(relationships + ["Prerequisites", "UpdateIdentity"], "UpdateID", prerequisite)
                    }
                }
                rules(base + ["ApplicabilityRules"], u["rules"])
                add(base + ["ExtendedProperties"], "MsrcSeverity", u["severity"])
                addList(base + ["ExtendedProperties", "KBArticleID"], "#text", u["kbArticles"])
                addList(base + ["ExtendedProperties", "SecurityBulletinID"], "#text", u["bulletins"])
                addList(base + ["ExtendedProperties", "SupportUrl"], "#text", u["supportURLs"])
                files(base + ["Files", "File"], u["files"], urlKey: "Url")
            }
        }
    }

    static func check(_ path: String) throws {
        let expected = try inputTriples(path)
        let (records, summary) = jsonRecords(path: path)
        #expect(summary.succeeded, "\(summary.diagnostics.map(\.message))")
        var rebuilder = Rebuilder()
        for record in records { rebuilder.record(record) }
        let missing = expected.filter { rebuilder.triples[$0.key, default: 0] < $0.value }.map(\.key)
        let invented = rebuilder.triples.filter { expected[$0.key, default: 0] < $0.value }.map(\.key)
        #expect(missing.isEmpty, "in the input, not in the JSON: \(missing.prefix(10))")
        #expect(invented.isEmpty, "in the JSON, not in the input: \(invented.prefix(10))")
        #expect(!expected.isEmpty)
    }

    static let corpusFiles = [
        "all-rules-2005.sdp", "all-rules-msus.xml", "catalog-scup.xml", "catalog-scup.cab", "fragment-core.xml",
        "mssecure-small.xml", "package.xml",
    ]

    @Test(arguments: corpusFiles.filter { !$0.hasSuffix(".cab") })
    func corpusFileIsLossless(_ name: String) throws {
        try Self.check(CatalogPaths.corpusFile(name))
    }

    static let sharedFiles: [String] = {
        guard CatalogPaths.sharedAvailable else { return [] }
        let root = CatalogPaths.shared
        var files = ["mssecure/mssecure.xml", "wsus/vuls-data-update-wsusscn2-fixture/extracted/package/package.xml"]
        let fileManager = FileManager.default
        for directory in ["scup/sdp/hp", "scup/sdp/dell", "wsus/vuls-data-update-wsusscn2-fixture/extracted/package2/c",
                          "wsus/vuls-data-update-wsusscn2-fixture/extracted/package2/x",
                          "wsus/vuls-data-update-wsusscn2-fixture/extracted/package2/l/en"] {
            let names = (try? fileManager.contentsOfDirectory(atPath: root.appendingPathComponent(directory).path)) ?? []
            files += names.sorted().map { directory + "/" + $0 }
        }
        return files
    }()

    @Test(.enabled(if: CatalogPaths.sharedAvailable, "../shared/corpus/catalogs is absent"), arguments: sharedFiles)
    func sharedFileIsLossless(_ name: String) throws {
        try Self.check(CatalogPaths.shared.appendingPathComponent(name).path)
    }

    @Test func rebuilderNoticesALostAttribute() throws {
        // The check itself must be able to fail: drop one attribute from the JSON and compare.
        let path = CatalogPaths.corpusFile("package.xml")
        let expected = try Self.inputTriples(path)
        var (records, _) = jsonRecords(path: path)
        var update = records[1]
        update.removeValue(forKey: "revisionID")
        records[1] = update
        var rebuilder = Rebuilder()
        for record in records { rebuilder.record(record) }
        #expect(rebuilder.triples != expected)
    }
}
