import MofkitSource

/// Reads the JSON snapshot format (`Docs/snapshot.md`, schema `Docs/snapshot-schema.json`).
/// Never fails on bad input: each problem becomes a `SNAP1xxx` diagnostic at the member's place,
/// the bad entry is skipped and reading goes on.
public enum SnapshotJSONReader {
    /// The format version this reader writes and understands.
    public static let formatVersion = 1

    /// The snapshot in `source`, or nil when the text is not a JSON object at all.
    public static func read(_ source: SourceFile) -> (snapshot: MachineSnapshot?, diagnostics: [Diagnostic]) {
        var reader = Reader(source: source)
        let snapshot = reader.readDocument()
        return (snapshot, source.decodingDiagnostics + reader.diagnostics)
    }

    /// Top-level members, for the collector script's schema test and the docs.
    public static let topLevelMembers = [
        "formatVersion", "machineName", "os", "registry", "files", "specialFolders", "wmi", "msi",
        "installedUpdates", "cbsPackages",
    ]
}

private struct Reader {
    let source: SourceFile
    var diagnostics: [Diagnostic] = []

    init(source: SourceFile) { self.source = source }

    mutating func report(_ code: DiagnosticCode, severity: Severity = .error, _ message: String, _ start: Int, _ end: Int) {
        let lo = max(0, min(start, source.text.count))
        let hi = max(lo, min(end, source.text.count))
        diagnostics.append(Diagnostic(code: code, severity: severity, message: message, range: source.range(lo, hi)))
    }

    mutating func report(_ code: DiagnosticCode, severity: Severity = .error, _ message: String, _ node: JSONNode) {
        report(code, severity: severity, message, node.start, node.end)
    }

    mutating func readDocument() -> MachineSnapshot? {
        let root: JSONNode
        switch JSONParser.parse(source.text) {
        case .failure(let error):
            report(SnapshotCode.jsonSyntax, error.message, error.offset, error.offset + 1)
            return nil
        case .success(let node):
            root = node
        }
        guard let members = object(root, "the snapshot") else { return nil }
        var snapshot = MachineSnapshot()
        // The os section first: the registry's 32-bit view depends on the architecture.
        var byName: [String: JSONNode] = [:]
        for member in members {
            if SnapshotJSONReader.topLevelMembers.contains(member.key) {
                byName[member.key] = member.value
            } else {
                report(SnapshotCode.unknownMember, severity: .warning, "unknown member \"\(member.key)\" (ignored)", member.keyStart, member.keyStart + member.key.utf8.count + 2)
            }
        }
        if let node = byName["formatVersion"], let version = integer(node, "formatVersion") {
            if version > Int64(SnapshotJSONReader.formatVersion) || version < 1 {
                report(SnapshotCode.unsupportedVersion, "formatVersion \(version) is not supported (this mofkit reads 1)", node)
            }
        }
        if let node = byName["machineName"], let name = string(node, "machineName") { snapshot.machineName = name }
        if let node = byName["os"] { snapshot.os = readOS(node) }
        let wow64 = snapshot.os.architecture?.is64Bit ?? true
        if let node = byName["registry"] { snapshot.registry = readRegistry(node, wow64: wow64) }
        if let node = byName["files"] { snapshot.files = readArray(node, "files") { r, n in r.readFile(n) } }
        if let node = byName["specialFolders"], let folders = object(node, "specialFolders") {
            for member in folders {
                guard let csidl = Int(member.key), csidl >= 0 else {
                    report(SnapshotCode.invalidValue, "specialFolders names are CSIDL numbers, not \"\(member.key)\"", member.keyStart, member.value.end)
                    continue
                }
                if let path = string(member.value, "a special folder") { snapshot.specialFolders[csidl] = path }
            }
        }
        if let node = byName["wmi"] { snapshot.wmi = readWMI(node) }
        if let node = byName["msi"], let sections = object(node, "msi") {
            for member in sections {
                switch member.key {
                case "products": snapshot.msiProducts = readArray(member.value, "msi.products") { r, n in r.readProduct(n) }
                case "patches": snapshot.msiPatches = readArray(member.value, "msi.patches") { r, n in r.readPatch(n) }
                case "components": snapshot.msiComponents = readArray(member.value, "msi.components") { r, n in r.readComponent(n) }
                default:
                    report(SnapshotCode.unknownMember, severity: .warning, "unknown member \"\(member.key)\" of msi (ignored)", member.keyStart, member.value.start)
                }
            }
        }
        if let node = byName["installedUpdates"] {
            snapshot.installedUpdates = readArray(node, "installedUpdates") { r, n in r.readUpdate(n) }
        }
        if let node = byName["cbsPackages"] {
            snapshot.cbsPackages = readArray(node, "cbsPackages") { r, n in r.readCBS(n) }
        }
        return snapshot
    }

    // MARK: typed accessors

    mutating func object(_ node: JSONNode, _ what: String) -> [(key: String, keyStart: Int, value: JSONNode)]? {
        if case .object(let members) = node.value {
            var seen = Set<String>()
            var unique: [(key: String, keyStart: Int, value: JSONNode)] = []
            for member in members {
                if seen.insert(member.key).inserted {
                    unique.append(member)
                } else {
                    report(SnapshotCode.invalidValue, "\"\(member.key)\" appears twice in \(what); the first is used", member.keyStart, member.value.end)
                }
            }
            return unique
        }
        report(SnapshotCode.wrongType, "\(what) must be an object, not \(node.typeName)", node)
        return nil
    }

    mutating func string(_ node: JSONNode, _ what: String) -> String? {
        if case .string(let s) = node.value { return s }
        report(SnapshotCode.wrongType, "\(what) must be a string, not \(node.typeName)", node)
        return nil
    }

    mutating func optionalString(_ node: JSONNode?, _ what: String) -> String? {
        guard let node else { return nil }
        if case .null = node.value { return nil }
        return string(node, what)
    }

    mutating func integer(_ node: JSONNode, _ what: String) -> Int64? {
        if case .number(let text) = node.value {
            if let n = Int64(text) { return n }
            report(SnapshotCode.invalidValue, "\(what) must be a whole number that fits 64 bits, not \(text)", node)
            return nil
        }
        report(SnapshotCode.wrongType, "\(what) must be a number, not \(node.typeName)", node)
        return nil
    }

    mutating func optionalInt(_ node: JSONNode?, _ what: String, range: ClosedRange<Int64> = 0...Int64(Int32.max)) -> Int? {
        guard let node else { return nil }
        if case .null = node.value { return nil }
        guard let n = integer(node, what) else { return nil }
        guard range.contains(n) else {
            report(SnapshotCode.invalidValue, "\(what) must be between \(range.lowerBound) and \(range.upperBound), not \(n)", node)
            return nil
        }
        return Int(n)
    }

    /// Members by name, reporting unknown ones.
    mutating func fields(_ node: JSONNode, _ what: String, allowed: [String]) -> [String: JSONNode]? {
        guard let members = object(node, what) else { return nil }
        var out: [String: JSONNode] = [:]
        for member in members {
            if allowed.contains(member.key) {
                out[member.key] = member.value
            } else {
                report(SnapshotCode.unknownMember, severity: .warning, "unknown member \"\(member.key)\" of \(what) (ignored)", member.keyStart, member.keyStart + member.key.utf8.count + 2)
            }
        }
        return out
    }

    mutating func required(_ fields: [String: JSONNode], _ name: String, in node: JSONNode, _ what: String) -> JSONNode? {
        if let value = fields[name] { return value }
        report(SnapshotCode.missingMember, "\(what) has no \"\(name)\" member; the entry is ignored", node.start, node.start + 1)
        return nil
    }

    mutating func readArray<T>(_ node: JSONNode, _ what: String, _ element: (inout Reader, JSONNode) -> T?) -> [T] {
        guard case .array(let items) = node.value else {
            report(SnapshotCode.wrongType, "\(what) must be an array, not \(node.typeName)", node)
            return []
        }
        var out: [T] = []
        for item in items {
            if let value = element(&self, item) { out.append(value) }
        }
        return out
    }

    // MARK: sections

    mutating func readOS(_ node: JSONNode) -> OperatingSystemFacts {
        var os = OperatingSystemFacts()
        guard let f = fields(node, "os", allowed: [
            "caption", "version", "build", "revision", "servicePackMajor", "servicePackMinor", "productType",
            "suiteMask", "architecture", "language", "windowsDirectory", "systemDirectory",
        ]) else { return os }
        os.caption = optionalString(f["caption"], "os.caption")
        if let node = f["version"], let version = optionalString(node, "os.version") {
            let parts = version.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count >= 2 && parts.count <= 4 && parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }) {
                os.version = version
            } else {
                report(SnapshotCode.invalidValue, "os.version must be dotted numbers such as \"10.0.19045\", not \"\(version)\"", node)
            }
        }
        os.build = optionalInt(f["build"], "os.build")
        os.revision = optionalInt(f["revision"], "os.revision")
        os.servicePackMajor = optionalInt(f["servicePackMajor"], "os.servicePackMajor", range: 0...65535)
        os.servicePackMinor = optionalInt(f["servicePackMinor"], "os.servicePackMinor", range: 0...65535)
        os.suiteMask = optionalInt(f["suiteMask"], "os.suiteMask", range: 0...Int64(UInt32.max))
        os.language = optionalInt(f["language"], "os.language", range: 0...65535)
        os.windowsDirectory = optionalString(f["windowsDirectory"], "os.windowsDirectory")
        os.systemDirectory = optionalString(f["systemDirectory"], "os.systemDirectory")
        if let node = f["productType"], let text = optionalString(node, "os.productType") {
            if let type = ProductType(rawValue: text) {
                os.productType = type
            } else {
                report(SnapshotCode.invalidValue, "os.productType must be workstation, domain-controller or server, not \"\(text)\"", node)
            }
        }
        if let node = f["architecture"], let text = optionalString(node, "os.architecture") {
            if let arch = Architecture(rawValue: text) {
                os.architecture = arch
            } else {
                report(SnapshotCode.invalidValue, "os.architecture must be one of \(Architecture.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(text)\"", node)
            }
        }
        return os
    }

    mutating func readRegistry(_ node: JSONNode, wow64: Bool) -> MachineRegistry {
        var registry = MachineRegistry()
        let keys = readArray(node, "registry") { r, n -> (String, RegistryView, [(String, RegistryData)])? in
            guard let f = r.fields(n, "a registry key", allowed: ["path", "view", "values"]),
                  let pathNode = r.required(f, "path", in: n, "a registry key"),
                  let path = r.string(pathNode, "path") else { return nil }
            let hive = MachineRegistry.normalizePath(path).split(separator: "\\").first.map(String.init) ?? ""
            guard RegistryHive.names.contains(hive) else {
                r.report(SnapshotCode.invalidValue, "\"\(path)\" does not start with a registry hive (HKEY_LOCAL_MACHINE or HKLM, HKCU, HKCR, HKU, HKCC)", pathNode)
                return nil
            }
            var view = RegistryView.native
            if let viewNode = f["view"], let text = r.string(viewNode, "view") {
                if let v = RegistryView(rawValue: text) {
                    view = v
                } else {
                    r.report(SnapshotCode.invalidValue, "view must be \"64\", \"32\" or \"native\", not \"\(text)\"", viewNode)
                }
            }
            var values: [(String, RegistryData)] = []
            if let valuesNode = f["values"], let members = r.object(valuesNode, "values") {
                for member in members {
                    if let data = r.readRegistryData(member.value, valueName: member.key) { values.append((member.key, data)) }
                }
            }
            return (path, view, values)
        }
        for (path, view, values) in keys {
            let physical = MachineRegistry.physicalPath(path, view: view, wow64: wow64)
            registry.addKey(physicalPath: physical)
            for (name, data) in values { registry.setValue(physicalPath: physical, name: name, data: data) }
        }
        return registry
    }

    mutating func readRegistryData(_ node: JSONNode, valueName: String) -> RegistryData? {
        let what = "value \"\(valueName)\""
        guard let f = fields(node, what, allowed: ["type", "data"]),
              let typeNode = required(f, "type", in: node, what), let type = string(typeNode, "type"),
              let dataNode = required(f, "data", in: node, what) else { return nil }
        func text() -> String? { string(dataNode, "\(type) data") }
        func hexBytes() -> [UInt8]? {
            guard let t = text() else { return nil }
            guard let bytes = RegistryData.bytes(hex: t) else {
                report(SnapshotCode.invalidValue, "\(type) data must be hex bytes such as \"01ab\", not \"\(t.prefix(40))\"", dataNode)
                return nil
            }
            return bytes
        }
        func unsigned(_ limit: UInt64) -> UInt64? {
            guard case .number(let t) = dataNode.value else {
                report(SnapshotCode.wrongType, "\(type) data must be a number, not \(dataNode.typeName)", dataNode)
                return nil
            }
            guard let n = UInt64(t), n <= limit else {
                report(SnapshotCode.invalidValue, "\(type) data must be a whole number from 0 to \(limit), not \(t)", dataNode)
                return nil
            }
            return n
        }
        switch type.uppercased() {
        case "REG_SZ": return text().map(RegistryData.string)
        case "REG_EXPAND_SZ": return text().map(RegistryData.expandString)
        case "REG_MULTI_SZ":
            guard case .array(let items) = dataNode.value else {
                report(SnapshotCode.wrongType, "REG_MULTI_SZ data must be an array of strings, not \(dataNode.typeName)", dataNode)
                return nil
            }
            var strings: [String] = []
            for item in items {
                guard let s = string(item, "a REG_MULTI_SZ element") else { return nil }
                strings.append(s)
            }
            return .multiString(strings)
        case "REG_DWORD": return unsigned(UInt64(UInt32.max)).map { .dword(UInt32($0)) }
        case "REG_QWORD": return unsigned(UInt64.max).map(RegistryData.qword)
        case "REG_BINARY": return hexBytes().map(RegistryData.binary)
        case "REG_NONE": return hexBytes().map(RegistryData.none)
        default:
            report(SnapshotCode.invalidValue, "unknown registry type \"\(type)\" (expected \(RegistryData.typeNames.joined(separator: ", ")))", typeNode)
            return nil
        }
    }

    mutating func readFile(_ node: JSONNode) -> FileFact? {
        guard let f = fields(node, "a file", allowed: ["path", "version", "size", "created", "modified", "hashes"]),
              let pathNode = required(f, "path", in: node, "a file"), let path = string(pathNode, "path") else { return nil }
        var file = FileFact(path: path)
        file.version = optionalString(f["version"], "version")
        if let sizeNode = f["size"], let n = integer(sizeNode, "size") {
            if n >= 0 { file.size = UInt64(n) } else { report(SnapshotCode.invalidValue, "size must not be negative", sizeNode) }
        }
        for name in ["created", "modified"] {
            guard let dateNode = f[name], let text = optionalString(dateNode, name) else { continue }
            if !Reader.looksLikeISODate(text) {
                report(SnapshotCode.invalidValue, "\(name) must be an ISO 8601 date-time such as \"2023-11-14T10:12:00Z\", not \"\(text)\"", dateNode)
                continue
            }
            if name == "created" { file.created = text } else { file.modified = text }
        }
        if let hashesNode = f["hashes"], let members = object(hashesNode, "hashes") {
            for member in members {
                guard let digest = string(member.value, "a hash") else { continue }
                guard RegistryData.bytes(hex: digest) != nil, !digest.isEmpty, !digest.contains(",") else {
                    report(SnapshotCode.invalidValue, "a hash must be hex digits, not \"\(digest.prefix(40))\"", member.value)
                    continue
                }
                file.hashes[member.key.lowercased()] = digest.lowercased()
            }
        }
        return file
    }

    static func looksLikeISODate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10 else { return false }
        func digit(_ i: Int) -> Bool { bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        return digit(0) && digit(1) && digit(2) && digit(3) && bytes[4] == 0x2D && digit(5) && digit(6) && bytes[7] == 0x2D && digit(8) && digit(9)
            && (bytes.count == 10 || bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "))
    }

    mutating func readWMI(_ node: JSONNode) -> [WMIInstance] {
        var out: [WMIInstance] = []
        guard let namespaces = object(node, "wmi") else { return out }
        for ns in namespaces {
            guard let classes = object(ns.value, "namespace \(ns.key)") else { continue }
            let namespace = WMIInstance.normalizeNamespace(ns.key)
            for cls in classes {
                let instances = readArray(cls.value, "\(cls.key) instances") { r, n -> WMIInstance? in
                    guard let props = r.object(n, "an instance of \(cls.key)") else { return nil }
                    var properties: [(name: String, value: WMIValue)] = []
                    for p in props {
                        if let v = r.wmiValue(p.value, depth: 0) { properties.append((p.key, v)) }
                    }
                    return WMIInstance(normalizedNamespace: namespace, className: cls.key, properties: properties,
                                       source: r.source, start: n.start, end: n.end)
                }
                out += instances
            }
        }
        return out
    }

    mutating func wmiValue(_ node: JSONNode, depth: Int) -> WMIValue? {
        switch node.value {
        case .string(let s): return .string(s)
        case .bool(let b): return .boolean(b)
        case .null: return .null
        case .number(let text):
            if let n = Int64(text) { return .integer(n) }
            if let n = UInt64(text) { return .unsignedInteger(n) }
            if let d = Double(text) { return .real(d) }
            report(SnapshotCode.invalidValue, "number \(text) out of range", node)
            return nil
        case .array(let items):
            guard depth == 0 else {
                report(SnapshotCode.wrongType, "a WMI property holds a value or an array of values, not nested arrays", node)
                return nil
            }
            var values: [WMIValue] = []
            for item in items {
                guard let v = wmiValue(item, depth: depth + 1) else { return nil }
                values.append(v)
            }
            return .array(values)
        case .object:
            report(SnapshotCode.wrongType, "a WMI property holds a value or an array of values, not an object", node)
            return nil
        }
    }

    mutating func readProduct(_ node: JSONNode) -> MSIProduct? {
        guard let f = fields(node, "an MSI product", allowed: ["productCode", "version", "language", "name", "publisher"]),
              let codeNode = required(f, "productCode", in: node, "an MSI product"),
              let code = guid(codeNode, "productCode") else { return nil }
        return MSIProduct(productCode: code, version: optionalString(f["version"], "version"),
                          language: optionalInt(f["language"], "language", range: 0...65535),
                          name: optionalString(f["name"], "name"), publisher: optionalString(f["publisher"], "publisher"))
    }

    mutating func readPatch(_ node: JSONNode) -> MSIPatch? {
        guard let f = fields(node, "an MSI patch", allowed: ["patchCode", "productCode", "displayName", "state"]),
              let patchNode = required(f, "patchCode", in: node, "an MSI patch"), let patch = guid(patchNode, "patchCode"),
              let productNode = required(f, "productCode", in: node, "an MSI patch"), let product = guid(productNode, "productCode")
        else { return nil }
        return MSIPatch(patchCode: patch, productCode: product, displayName: optionalString(f["displayName"], "displayName"),
                        state: optionalString(f["state"], "state"))
    }

    mutating func readComponent(_ node: JSONNode) -> MSIComponent? {
        guard let f = fields(node, "an MSI component", allowed: ["componentCode", "productCode", "path"]),
              let componentNode = required(f, "componentCode", in: node, "an MSI component"), let component = guid(componentNode, "componentCode"),
              let productNode = required(f, "productCode", in: node, "an MSI component"), let product = guid(productNode, "productCode")
        else { return nil }
        return MSIComponent(componentCode: component, productCode: product, path: optionalString(f["path"], "path"))
    }

    /// A `{GUID}` string (braces optional), kept as written.
    mutating func guid(_ node: JSONNode, _ what: String) -> String? {
        guard let text = string(node, what) else { return nil }
        let core = Array(text.utf8.filter { $0 != UInt8(ascii: "{") && $0 != UInt8(ascii: "}") })
        let shape = core.count == 36 && core.enumerated().allSatisfy { i, b in
            [8, 13, 18, 23].contains(i) ? b == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(b | 0x20)
        }
        guard shape else {
            report(SnapshotCode.invalidValue, "\(what) must be a GUID such as {90160000-0011-0000-0000-0000000FF1CE}, not \"\(text.prefix(60))\"", node)
            return nil
        }
        return text
    }

    mutating func readUpdate(_ node: JSONNode) -> InstalledUpdate? {
        guard let f = fields(node, "an installed update", allowed: ["id", "description", "installedOn"]),
              let idNode = required(f, "id", in: node, "an installed update"), let id = string(idNode, "id") else { return nil }
        return InstalledUpdate(id: id, description: optionalString(f["description"], "description"),
                               installedOn: optionalString(f["installedOn"], "installedOn"))
    }

    mutating func readCBS(_ node: JSONNode) -> CBSPackage? {
        guard let f = fields(node, "a CBS package", allowed: ["identity", "state"]),
              let idNode = required(f, "identity", in: node, "a CBS package"), let identity = string(idNode, "identity"),
              let stateNode = required(f, "state", in: node, "a CBS package"), let state = string(stateNode, "state") else { return nil }
        return CBSPackage(identity: identity, state: state)
    }
}

/// Registry hive names.
enum RegistryHive {
    static let names: Set<String> = ["HKEY_LOCAL_MACHINE", "HKEY_CURRENT_USER", "HKEY_CLASSES_ROOT", "HKEY_USERS", "HKEY_CURRENT_CONFIG"]
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

// MARK: - Writer

extension MachineSnapshot {
    /// The snapshot as JSON in the published format: deterministic (fixed member order, registry
    /// keys in the order first added, physical paths), two-space indentation, trailing newline.
    /// Reading it back gives an equal snapshot.
    public func jsonText() -> String {
        var top: [(String, JSONValue)] = [("formatVersion", .int(SnapshotJSONReader.formatVersion)), ("machineName", .string(machineName))]
        var osMembers: [(String, JSONValue)] = []
        func add(_ name: String, _ value: JSONValue?) { if let value { osMembers.append((name, value)) } }
        add("caption", os.caption.map(JSONValue.string))
        add("version", os.version.map(JSONValue.string))
        add("build", os.build.map(JSONValue.int))
        add("revision", os.revision.map(JSONValue.int))
        add("servicePackMajor", os.servicePackMajor.map(JSONValue.int))
        add("servicePackMinor", os.servicePackMinor.map(JSONValue.int))
        add("productType", os.productType.map { .string($0.rawValue) })
        add("suiteMask", os.suiteMask.map(JSONValue.int))
        add("architecture", os.architecture.map { .string($0.rawValue) })
        add("language", os.language.map(JSONValue.int))
        add("windowsDirectory", os.windowsDirectory.map(JSONValue.string))
        add("systemDirectory", os.systemDirectory.map(JSONValue.string))
        if !osMembers.isEmpty { top.append(("os", .object(osMembers))) }

        // Keys that only exist as parents of other keys come back on reading; leave them out.
        var hasChildren = Set<String>()
        for key in registry.keys {
            if let cut = key.path.lastIndex(of: "\\") { hasChildren.insert(String(key.path[..<cut]).lowercased()) }
        }
        let keys: [JSONValue] = registry.keys.compactMap { key in
            if key.values.isEmpty && hasChildren.contains(key.path.lowercased()) { return nil }
            var members: [(String, JSONValue)] = [("path", .string(key.path))]
            if !key.values.isEmpty {
                members.append(("values", .object(key.values.map { ($0.name, Self.json($0.data)) })))
            }
            return .object(members)
        }
        if !keys.isEmpty { top.append(("registry", .array(keys))) }

        if !files.isEmpty {
            top.append(("files", .array(files.map { f in
                var m: [(String, JSONValue)] = [("path", .string(f.path))]
                if let v = f.version { m.append(("version", .string(v))) }
                if let s = f.size { m.append(("size", .int(s))) }
                if let c = f.created { m.append(("created", .string(c))) }
                if let d = f.modified { m.append(("modified", .string(d))) }
                if !f.hashes.isEmpty { m.append(("hashes", .object(f.hashes.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))) }
                return .object(m)
            })))
        }
        if !specialFolders.isEmpty {
            top.append(("specialFolders", .object(specialFolders.sorted { $0.key < $1.key }.map { (String($0.key), .string($0.value)) })))
        }
        if !wmi.isEmpty {
            // Namespaces and classes in first-seen order; instances in order.
            var namespaces: [(String, [(String, [JSONValue])])] = []
            for instance in wmi {
                let props = JSONValue.object(instance.properties.map { ($0.name, Self.json($0.value)) })
                if let n = namespaces.firstIndex(where: { $0.0 == instance.namespace }) {
                    if let c = namespaces[n].1.firstIndex(where: { $0.0 == instance.className }) {
                        namespaces[n].1[c].1.append(props)
                    } else {
                        namespaces[n].1.append((instance.className, [props]))
                    }
                } else {
                    namespaces.append((instance.namespace, [(instance.className, [props])]))
                }
            }
            top.append(("wmi", .object(namespaces.map { ns in (ns.0, .object(ns.1.map { ($0.0, .array($0.1)) })) })))
        }
        var msi: [(String, JSONValue)] = []
        if !msiProducts.isEmpty {
            msi.append(("products", .array(msiProducts.map { p in
                var m: [(String, JSONValue)] = [("productCode", .string(p.productCode))]
                if let v = p.version { m.append(("version", .string(v))) }
                if let l = p.language { m.append(("language", .int(l))) }
                if let n = p.name { m.append(("name", .string(n))) }
                if let pub = p.publisher { m.append(("publisher", .string(pub))) }
                return .object(m)
            })))
        }
        if !msiPatches.isEmpty {
            msi.append(("patches", .array(msiPatches.map { p in
                var m: [(String, JSONValue)] = [("patchCode", .string(p.patchCode)), ("productCode", .string(p.productCode))]
                if let n = p.displayName { m.append(("displayName", .string(n))) }
                if let s = p.state { m.append(("state", .string(s))) }
                return .object(m)
            })))
        }
        if !msiComponents.isEmpty {
            msi.append(("components", .array(msiComponents.map { c in
                var m: [(String, JSONValue)] = [("componentCode", .string(c.componentCode)), ("productCode", .string(c.productCode))]
                if let p = c.path { m.append(("path", .string(p))) }
                return .object(m)
            })))
        }
        if !msi.isEmpty { top.append(("msi", .object(msi))) }
        if !installedUpdates.isEmpty {
            top.append(("installedUpdates", .array(installedUpdates.map { u in
                var m: [(String, JSONValue)] = [("id", .string(u.id))]
                if let d = u.description { m.append(("description", .string(d))) }
                if let i = u.installedOn { m.append(("installedOn", .string(i))) }
                return .object(m)
            })))
        }
        if !cbsPackages.isEmpty {
            top.append(("cbsPackages", .array(cbsPackages.map { .object([("identity", .string($0.identity)), ("state", .string($0.state))]) })))
        }
        return JSONValue.object(top).text(style: .indented, layout: .flatOnOneLine) + "\n"
    }

    static func json(_ data: RegistryData) -> JSONValue {
        let (type, value): (String, JSONValue)
        switch data {
        case .string(let s): (type, value) = ("REG_SZ", .string(s))
        case .expandString(let s): (type, value) = ("REG_EXPAND_SZ", .string(s))
        case .multiString(let items): (type, value) = ("REG_MULTI_SZ", .array(items.map(JSONValue.string)))
        case .dword(let n): (type, value) = ("REG_DWORD", .int(n))
        case .qword(let n): (type, value) = ("REG_QWORD", .int(n))
        case .binary(let b): (type, value) = ("REG_BINARY", .string(RegistryData.hex(b)))
        case .none(let b): (type, value) = ("REG_NONE", .string(RegistryData.hex(b)))
        }
        return .object([("type", .string(type)), ("data", value)])
    }

    static func json(_ value: WMIValue) -> JSONValue {
        switch value {
        case .string(let s): return .string(s)
        case .integer(let n): return .int(n)
        case .unsignedInteger(let n): return .int(n)
        case .real(let d): return .real(d)
        case .boolean(let b): return .bool(b)
        case .array(let items): return .array(items.map(json))
        case .null: return .null
        }
    }
}
