import MofkitSource

/// Everything mofkit knows about one machine: the facts applicability rules and hardware inventory
/// read. A snapshot comes from one or more sources (JSON snapshot, `.reg` export, WMI instance MOF)
/// merged by ``MachineLoader``. Its JSON form is described in `Docs/snapshot.md`.
public struct MachineSnapshot: Sendable, Hashable {
    /// The NetBIOS name of the machine (`MachineName` in inventory rows).
    public var machineName: String
    /// Operating-system facts; fields left `nil` are unknown.
    public var os: OperatingSystemFacts
    /// The registry, keys by physical path.
    public var registry: MachineRegistry
    /// Files with their versions, sizes, dates and hashes.
    public var files: [FileFact]
    /// CSIDL number → folder path (`37` → `C:\Windows\System32`), for file rules that name a CSIDL.
    public var specialFolders: [Int: String]
    /// WMI instances, in source order.
    public var wmi: [WMIInstance]
    /// Installed Windows Installer products.
    public var msiProducts: [MSIProduct]
    /// MSI patches applied to products.
    public var msiPatches: [MSIPatch]
    /// Installed MSI components.
    public var msiComponents: [MSIComponent]
    /// Installed updates (QFE / hotfix list).
    public var installedUpdates: [InstalledUpdate]
    /// Component-based servicing packages (Vista and later).
    public var cbsPackages: [CBSPackage]

    /// A snapshot; every fact is empty (unknown) by default.
    public init(
        machineName: String = "", os: OperatingSystemFacts = OperatingSystemFacts(), registry: MachineRegistry = MachineRegistry(),
        files: [FileFact] = [], specialFolders: [Int: String] = [:], wmi: [WMIInstance] = [],
        msiProducts: [MSIProduct] = [], msiPatches: [MSIPatch] = [], msiComponents: [MSIComponent] = [],
        installedUpdates: [InstalledUpdate] = [], cbsPackages: [CBSPackage] = []
    ) {
        self.machineName = machineName
        self.os = os
        self.registry = registry
        self.files = files
        self.specialFolders = specialFolders
        self.wmi = wmi
        self.msiProducts = msiProducts
        self.msiPatches = msiPatches
        self.msiComponents = msiComponents
        self.installedUpdates = installedUpdates
        self.cbsPackages = cbsPackages
    }

    /// Whether the 32-bit registry view is redirected (`Wow6432Node`): true on 64-bit Windows, and
    /// when the architecture is unknown but the registry holds a `Wow6432Node` key.
    public var hasWow64Registry: Bool {
        if let architecture = os.architecture { return architecture.is64Bit }
        return registry.containsWow6432Node
    }

    /// The key as a program of the given bitness would see it (`.native` = the OS's own view).
    public func registryKey(_ path: String, view: RegistryView = .native) -> MachineRegistryKey? {
        registry.key(path, view: view, wow64: hasWow64Registry)
    }

    /// A value of a key (`""` = the default value), or nil when the key or value is missing.
    public func registryValue(_ path: String, name: String, view: RegistryView = .native) -> RegistryData? {
        registryKey(path, view: view)?.value(named: name)
    }

    /// The names of the direct subkeys of a key, in the order they were first seen.
    public func registrySubkeys(of path: String, view: RegistryView = .native) -> [String] {
        registry.subkeyNames(of: path, view: view, wow64: hasWow64Registry)
    }

    /// The instances of `className` in `namespace` (both case-insensitive; `\\.\` prefixes ignored).
    public func wmiInstances(namespace: String, className: String) -> [WMIInstance] {
        let ns = WMIInstance.normalizeNamespace(namespace).lowercased()
        let cls = className.lowercased()
        return wmi.filter { $0.className.lowercased() == cls && $0.namespace.lowercased() == ns }
    }

    /// The file at `path` (case-insensitive, `/` taken as `\`).
    public func file(atPath path: String) -> FileFact? {
        let wanted = FileFact.normalizePath(path).lowercased()
        return files.first { FileFact.normalizePath($0.path).lowercased() == wanted }
    }

    /// The MSI product with `productCode` (braces and case ignored).
    public func msiProduct(code: String) -> MSIProduct? {
        let wanted = MSIProduct.normalizeGUID(code)
        return msiProducts.first { MSIProduct.normalizeGUID($0.productCode) == wanted }
    }

    /// Whether `kb` (`KB123456`, `kb123456` or `123456`) is in the installed updates.
    public func hasInstalledUpdate(_ kb: String) -> Bool {
        let wanted = InstalledUpdate.normalizeID(kb)
        return installedUpdates.contains { InstalledUpdate.normalizeID($0.id) == wanted }
    }
}

// MARK: - Operating system

/// `Win32_OperatingSystem.ProductType`.
public enum ProductType: String, Sendable, Hashable, CaseIterable {
    /// A client edition (1).
    case workstation
    /// A domain controller (2).
    case domainController = "domain-controller"
    /// A server that is not a domain controller (3).
    case server

    /// The WMI / `OSVERSIONINFOEX.wProductType` number (1, 2, 3).
    public var number: Int {
        switch self {
        case .workstation: return 1
        case .domainController: return 2
        case .server: return 3
        }
    }

    /// The product type numbered `number` (1, 2, 3), if it is one.
    public init?(number: Int) {
        switch number {
        case 1: self = .workstation
        case 2: self = .domainController
        case 3: self = .server
        default: return nil
        }
    }
}

/// The operating system's architecture (what `PROCESSOR_ARCHITECTURE` says for native programs).
public enum Architecture: String, Sendable, Hashable, CaseIterable {
    /// The architectures, as `PROCESSOR_ARCHITECTURE` names them (lower case).
    case x86, x64, ia64, arm, arm64

    /// Whether the operating system is 64-bit (and so has a 32-bit registry view).
    public var is64Bit: Bool { self == .x64 || self == .ia64 || self == .arm64 }

    /// `Win32_Processor.Architecture` numbers: 0 x86, 5 ARM, 6 ia64, 9 x64, 12 ARM64.
    public init?(processorArchitecture: Int) {
        switch processorArchitecture {
        case 0: self = .x86
        case 5: self = .arm
        case 6: self = .ia64
        case 9: self = .x64
        case 12: self = .arm64
        default: return nil
        }
    }
}

/// What applicability rules ask about the operating system. `nil` means unknown.
public struct OperatingSystemFacts: Sendable, Hashable {
    /// `Win32_OperatingSystem.Caption`, e.g. "Microsoft Windows 10 Pro".
    public var caption: String?
    /// `major.minor.build`, e.g. "10.0.19045".
    public var version: String?
    /// The build number, the third part of ``version``.
    public var build: Int?
    /// Update build revision (`UBR`, Windows 10 and later).
    public var revision: Int?
    /// The service pack level (`2` for SP2; `0` for none).
    public var servicePackMajor: Int?
    /// The service pack minor version.
    public var servicePackMinor: Int?
    /// Workstation, domain controller or server.
    public var productType: ProductType?
    /// `Win32_OperatingSystem.SuiteMask` (e.g. 0x10 = Terminal Server).
    public var suiteMask: Int?
    /// The operating system's architecture.
    public var architecture: Architecture?
    /// The OS language as an LCID (1033 = en-US).
    public var language: Int?
    /// The Windows folder, e.g. `C:\Windows`.
    public var windowsDirectory: String?
    /// The system folder, e.g. `C:\Windows\System32`.
    public var systemDirectory: String?

    /// Facts; every one unknown by default.
    public init(
        caption: String? = nil, version: String? = nil, build: Int? = nil, revision: Int? = nil,
        servicePackMajor: Int? = nil, servicePackMinor: Int? = nil, productType: ProductType? = nil,
        suiteMask: Int? = nil, architecture: Architecture? = nil, language: Int? = nil,
        windowsDirectory: String? = nil, systemDirectory: String? = nil
    ) {
        self.caption = caption
        self.version = version
        self.build = build
        self.revision = revision
        self.servicePackMajor = servicePackMajor
        self.servicePackMinor = servicePackMinor
        self.productType = productType
        self.suiteMask = suiteMask
        self.architecture = architecture
        self.language = language
        self.windowsDirectory = windowsDirectory
        self.systemDirectory = systemDirectory
    }

    /// The first number of ``version``.
    public var majorVersion: Int? { versionPart(0) }
    /// The second number of ``version``.
    public var minorVersion: Int? { versionPart(1) }

    private func versionPart(_ index: Int) -> Int? {
        guard let version else { return nil }
        let parts = version.split(separator: ".")
        return index < parts.count ? Int(parts[index]) : nil
    }

    /// Whether no fact is known.
    public var isEmpty: Bool { self == OperatingSystemFacts() }

    /// Fills every unknown field from `other`.
    public mutating func fillMissing(from other: OperatingSystemFacts) {
        caption = caption ?? other.caption
        version = version ?? other.version
        build = build ?? other.build
        revision = revision ?? other.revision
        servicePackMajor = servicePackMajor ?? other.servicePackMajor
        servicePackMinor = servicePackMinor ?? other.servicePackMinor
        productType = productType ?? other.productType
        suiteMask = suiteMask ?? other.suiteMask
        architecture = architecture ?? other.architecture
        language = language ?? other.language
        windowsDirectory = windowsDirectory ?? other.windowsDirectory
        systemDirectory = systemDirectory ?? other.systemDirectory
    }

    /// Replaces fields with those `other` knows (a later source wins).
    public mutating func overlay(_ other: OperatingSystemFacts) {
        var merged = other
        merged.fillMissing(from: self)
        self = merged
    }
}

// MARK: - Files, MSI, updates

/// A file on the machine.
public struct FileFact: Sendable, Hashable {
    /// The full path, e.g. `C:\Windows\System32\ntdll.dll`.
    public var path: String
    /// The file version resource (`FileVersion`), e.g. "10.0.19041.3636".
    public var version: String?
    /// The size in bytes.
    public var size: UInt64?
    /// ISO 8601 date-time, e.g. "2023-11-14T10:12:00Z".
    public var created: String?
    /// ISO 8601 date-time of the last modification.
    public var modified: String?
    /// Algorithm (lower case: `md5`, `sha1`, `sha256`) → hex digest (lower case).
    public var hashes: [String: String]

    /// A file; everything but the path unknown by default.
    public init(path: String, version: String? = nil, size: UInt64? = nil, created: String? = nil,
                modified: String? = nil, hashes: [String: String] = [:]) {
        self.path = path
        self.version = version
        self.size = size
        self.created = created
        self.modified = modified
        self.hashes = hashes
    }

    static func normalizePath(_ path: String) -> String {
        // Byte-wise: `/` is ASCII and never part of a longer UTF-8 sequence (mapping Characters paid for
        // grapheme breaking on every file of every machine).
        let slash = UInt8(ascii: "/")
        guard path.utf8.contains(slash) else { return path }
        return String(decoding: path.utf8.map { $0 == slash ? UInt8(ascii: "\\") : $0 }, as: UTF8.self)
    }
}

/// An installed Windows Installer product.
public struct MSIProduct: Sendable, Hashable {
    /// `{GUID}`.
    public var productCode: String
    /// The product version.
    public var version: String?
    /// LCID.
    public var language: Int?
    /// The product name.
    public var name: String?
    /// The publisher.
    public var publisher: String?

    /// A product; everything but the code unknown by default.
    public init(productCode: String, version: String? = nil, language: Int? = nil, name: String? = nil, publisher: String? = nil) {
        self.productCode = productCode
        self.version = version
        self.language = language
        self.name = name
        self.publisher = publisher
    }

    /// Upper case, braces added, for comparing GUIDs.
    public static func normalizeGUID(_ guid: String) -> String {
        var text = guid.uppercased().trimmingCharacters(" ")
        if !text.hasPrefix("{") { text = "{" + text }
        if !text.hasSuffix("}") { text += "}" }
        return text
    }
}

/// An MSI patch applied to a product.
public struct MSIPatch: Sendable, Hashable {
    /// The patch code, `{GUID}`.
    public var patchCode: String
    /// The product the patch is applied to, `{GUID}`.
    public var productCode: String
    /// The patch's display name.
    public var displayName: String?
    /// `applied`, `superseded`, `obsoleted`, `registered`.
    public var state: String?

    /// A patch of a product.
    public init(patchCode: String, productCode: String, displayName: String? = nil, state: String? = nil) {
        self.patchCode = patchCode
        self.productCode = productCode
        self.displayName = displayName
        self.state = state
    }
}

/// An installed MSI component.
public struct MSIComponent: Sendable, Hashable {
    /// The component code, `{GUID}`.
    public var componentCode: String
    /// The product that installed it, `{GUID}`.
    public var productCode: String
    /// The key path (a file path or a registry path).
    public var path: String?

    /// A component of a product.
    public init(componentCode: String, productCode: String, path: String? = nil) {
        self.componentCode = componentCode
        self.productCode = productCode
        self.path = path
    }
}

/// An installed update, as `Win32_QuickFixEngineering` lists it.
public struct InstalledUpdate: Sendable, Hashable {
    /// `KB` number, e.g. `KB5034441`.
    public var id: String
    public var description: String?
    /// Date as given (ISO 8601 preferred).
    public var installedOn: String?

    /// An installed update.
    public init(id: String, description: String? = nil, installedOn: String? = nil) {
        self.id = id
        self.description = description
        self.installedOn = installedOn
    }

    /// `KB123456` for `kb123456`, `123456`, ` KB123456 `.
    public static func normalizeID(_ id: String) -> String {
        let text = id.trimmingCharacters(" ").uppercased()
        if text.hasPrefix("KB") { return text }
        if let first = text.first, first.isNumber { return "KB" + text }
        return text
    }
}

/// A component-based servicing package (`Get-WindowsPackage` / DISM).
public struct CBSPackage: Sendable, Hashable {
    /// `Package_for_KB5034441~31bf3856ad364e35~amd64~~19041.3920.1.1`.
    public var identity: String
    /// `Installed`, `Staged`, `InstallPending`, `Superseded`, …
    public var state: String

    /// A servicing package.
    public init(identity: String, state: String) {
        self.identity = identity
        self.state = state
    }
}

extension String {
    func trimmingCharacters(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
