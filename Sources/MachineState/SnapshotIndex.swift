import MofkitSource

/// A registry key path prepared once (hive spelled out, lower case) for repeated lookups, e.g. a
/// rule compiled once and evaluated on thousands of machines.
public struct RegistryPath: Sendable, Hashable {
    /// The path as given, normalized (`HKEY_LOCAL_MACHINE\SOFTWARE\Contoso`).
    public let path: String
    let nativeKey: String
    /// The physical key of the 32-bit view on 64-bit Windows (under `Wow6432Node` where redirected).
    let wow32Key: String

    /// Prepares `path` (abbreviated hives such as `HKLM` accepted).
    public init(_ path: String) {
        self.path = MachineRegistry.normalizePath(path)
        nativeKey = self.path.lowercased()
        wow32Key = MachineRegistry.physicalPath(self.path, view: .bits32, wow64: true).lowercased()
    }
}

extension MachineRegistry {
    /// The key at a prepared path (no string work per lookup beyond hashing).
    public func key(at path: RegistryPath, view: RegistryView = .native, wow64: Bool = true) -> MachineRegistryKey? {
        key(lowercasedPhysicalPath: view == .bits32 && wow64 ? path.wow32Key : path.nativeKey)
    }
}

/// Dictionaries over a snapshot's lists, built once per machine, for evaluators that look up many
/// facts: files by path, WMI instances by namespace and class, MSI products by code, installed
/// updates by KB number, CBS packages by identity (all case-insensitive).
public struct SnapshotIndex: Sendable {
    /// The snapshot indexed.
    public let snapshot: MachineSnapshot
    private let filesByPath: [String: Int]
    private let wmiByClass: [String: [Int]]
    private let productsByCode: [String: Int]
    private let updateIDs: Set<String>
    private let cbsByIdentity: [String: Int]

    /// Builds the indexes of `snapshot`.
    public init(_ snapshot: MachineSnapshot) {
        self.snapshot = snapshot
        var files: [String: Int] = [:]
        for (i, f) in snapshot.files.enumerated() { files[FileFact.normalizePath(f.path).lowercased()] = i }
        filesByPath = files
        var wmi: [String: [Int]] = [:]
        for (i, w) in snapshot.wmi.enumerated() { wmi[(w.namespace + ":" + w.className).lowercased(), default: []].append(i) }
        wmiByClass = wmi
        var products: [String: Int] = [:]
        for (i, p) in snapshot.msiProducts.enumerated() { products[MSIProduct.normalizeGUID(p.productCode)] = i }
        productsByCode = products
        updateIDs = Set(snapshot.installedUpdates.map { InstalledUpdate.normalizeID($0.id) })
        var cbs: [String: Int] = [:]
        for (i, c) in snapshot.cbsPackages.enumerated() { cbs[c.identity.lowercased()] = i }
        cbsByIdentity = cbs
    }

    /// The file at `path` (case-insensitive, `/` taken as `\`).
    public func file(atPath path: String) -> FileFact? {
        filesByPath[FileFact.normalizePath(path).lowercased()].map { snapshot.files[$0] }
    }

    /// The instances of a class in a namespace (`\\.\` prefixes ignored).
    public func wmiInstances(namespace: String, className: String) -> [WMIInstance] {
        (wmiByClass[(WMIInstance.normalizeNamespace(namespace) + ":" + className).lowercased()] ?? []).map { snapshot.wmi[$0] }
    }

    /// The installed MSI product with this product code, if any.
    public func msiProduct(code: String) -> MSIProduct? {
        productsByCode[MSIProduct.normalizeGUID(code)].map { snapshot.msiProducts[$0] }
    }

    /// Whether update `kb` (`KB123456` or `123456`) is installed.
    public func hasInstalledUpdate(_ kb: String) -> Bool { updateIDs.contains(InstalledUpdate.normalizeID(kb)) }

    /// The servicing package with this identity, if any.
    public func cbsPackage(identity: String) -> CBSPackage? {
        cbsByIdentity[identity.lowercased()].map { snapshot.cbsPackages[$0] }
    }
}
