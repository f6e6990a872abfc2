import MachineState
import MofkitSource

/// A WMI property value prepared for WQL: the value and, for strings, its lower-case UTF-8 bytes.
struct PreparedWMIValue: Sendable {
    var value: WMIValue
    var lowercased: [UInt8]?
}

/// The instances of one WMI class by column: lower-cased property name → the value of each
/// instance (nil where an instance lacks the property). A query looks each of its properties up once
/// and then walks the rows, instead of hashing a name per instance.
struct PreparedWMIClass: Sendable {
    var count: Int
    var columns: [String: [PreparedWMIValue?]]

    init(_ instances: [WMIInstance]) {
        count = instances.count
        var columns: [String: [PreparedWMIValue?]] = [:]
        for (row, instance) in instances.enumerated() {
            for (name, value) in instance.properties {
                let prepared = PreparedWMIValue(value: value, lowercased: value.stringValue.map { Array($0.lowercased().utf8) })
                columns[name.lowercased(), default: Array(repeating: nil, count: instances.count)][row] = prepared
            }
        }
        self.columns = columns
    }

    func column(_ lowercasedProperty: String) -> [PreparedWMIValue?]? { columns[lowercasedProperty] }
}

/// A snapshot prepared for evaluation, built once per machine: indexes of files, WMI instances,
/// MSI data and the folder table for CSIDL paths. Immutable, so it is shared freely.
public final class MachineView: Sendable {
    /// The snapshot.
    public let snapshot: MachineSnapshot
    /// Dictionaries over the snapshot's lists.
    public let index: SnapshotIndex
    /// Whether the 32-bit registry view is redirected to `Wow6432Node`.
    let wow64: Bool
    let wmiByClass: [String: PreparedWMIClass]
    /// Lower-cased normalized namespaces the snapshot holds instances of: a query on a class of one of
    /// them that has no instance returns zero rows; any other namespace was not collected.
    let wmiNamespaces: Set<String>
    /// CSIDL → folder (without trailing backslash).
    let folders: [Int: String]
    /// Environment variables for `%windir%`-style paths (upper-case names).
    let environment: [String: String]
    let msiPatchesByPatch: [String: [MSIPatch]]
    let msiComponentsByCode: [String: [MSIComponent]]

    /// Prepares `snapshot` for evaluation.
    public init(_ snapshot: MachineSnapshot) {
        self.snapshot = snapshot
        index = SnapshotIndex(snapshot)
        wow64 = snapshot.hasWow64Registry
        var instancesByClass: [String: [WMIInstance]] = [:]
        var namespaces: [String: String] = [:]
        for instance in snapshot.wmi {
            let namespace = namespaces[instance.namespace] ?? {
                let normalized = WMIInstance.normalizeNamespace(instance.namespace)
                namespaces[instance.namespace] = normalized
                return normalized
            }()
            instancesByClass[(namespace + ":" + instance.className).lowercased(), default: []].append(instance)
        }
        wmiByClass = instancesByClass.mapValues(PreparedWMIClass.init)
        wmiNamespaces = Set(namespaces.values.map { $0.lowercased() })
        var patches: [String: [MSIPatch]] = [:]
        for patch in snapshot.msiPatches { patches[MSIProduct.normalizeGUID(patch.patchCode), default: []].append(patch) }
        msiPatchesByPatch = patches
        var components: [String: [MSIComponent]] = [:]
        for component in snapshot.msiComponents {
            components[MSIProduct.normalizeGUID(component.componentCode), default: []].append(component)
        }
        msiComponentsByCode = components
        let (folders, environment) = Self.folders(of: snapshot)
        self.folders = folders
        self.environment = environment
    }

    static func classKey(_ namespace: String, _ className: String) -> String {
        (WMIInstance.normalizeNamespace(namespace) + ":" + className).lowercased()
    }

    func wmiClass(classKey: String) -> PreparedWMIClass? { wmiByClass[classKey] }

    /// The first instance's value of a property of a `root\cimv2` class.
    func wmiValue(_ className: String, _ property: String) -> WMIValue? {
        wmiByClass[Self.classKey("root\\cimv2", className)]?.column(property.lowercased())?.lazy.compactMap { $0?.value }.first
    }

    /// The registry key at a prepared path in a view.
    func registryKey(_ path: RegistryPath, view: RegistryView) -> MachineRegistryKey? {
        snapshot.registry.key(at: path, view: view, wow64: wow64)
    }

    /// The CSIDL folder table: the snapshot's `specialFolders`, else what the OS facts and the
    /// registry say (36 Windows, 37 System, 38 Program Files, 41 SysWOW64, 42 Program Files (x86),
    /// 43 Common Files, 44 Common Files (x86)); and `%windir%`-style variables.
    static func folders(of snapshot: MachineSnapshot) -> ([Int: String], [String: String]) {
        var folders: [Int: String] = [:]
        func trim(_ path: String) -> String {
            var p = Substring(path)
            while p.hasSuffix("\\") || p.hasSuffix("/") { p = p.dropLast() }
            return String(p)
        }
        let current = snapshot.registry.key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion", view: .native, wow64: snapshot.hasWow64Registry)
        func registryFolder(_ name: String) -> String? { current?.value(named: name)?.stringValue.map(trim) }
        if let windows = snapshot.os.windowsDirectory.map(trim) {
            folders[36] = windows
            folders[37] = snapshot.os.systemDirectory.map(trim) ?? windows + "\\system32"
            if snapshot.os.architecture?.is64Bit == true { folders[41] = windows + "\\SysWOW64" }
        } else if let system = snapshot.os.systemDirectory.map(trim) {
            folders[37] = system
        }
        if let programFiles = registryFolder("ProgramFilesDir") { folders[38] = programFiles }
        if let commonFiles = registryFolder("CommonFilesDir") { folders[43] = commonFiles }
        if snapshot.os.architecture?.is64Bit == true {
            if let x86 = registryFolder("ProgramFilesDir (x86)") { folders[42] = x86 }
            if let x86 = registryFolder("CommonFilesDir (x86)") { folders[44] = x86 }
        } else if snapshot.os.architecture != nil {
            // On 32-bit Windows the x86 folders are the ordinary ones.
            folders[42] = folders[38]
            folders[44] = folders[43]
        }
        for (csidl, path) in snapshot.specialFolders { folders[csidl] = trim(path) }
        var environment: [String: String] = [:]
        if let windows = folders[36] {
            environment["WINDIR"] = windows
            environment["SYSTEMROOT"] = windows
        }
        if let system = folders[37] { environment["SYSTEM32"] = system }
        if let programFiles = folders[38] { environment["PROGRAMFILES"] = programFiles }
        if let common = folders[43] { environment["COMMONPROGRAMFILES"] = common }
        if let x86 = folders[42] { environment["PROGRAMFILES(X86)"] = x86 }
        return (folders, environment)
    }

    /// Joins a folder and a relative path the way the client canonicalizes: `/` as `\`, duplicate
    /// separators removed.
    static func join(_ folder: String, _ path: String) -> String {
        canonicalPath(folder + "\\" + path)
    }

    static func canonicalPath(_ path: String) -> String {
        var out = String.UnicodeScalarView()
        var previousSeparator = false
        for (i, s) in path.unicodeScalars.enumerated() {
            let separator = s == "\\" || s == "/"
            // Keep a leading `\\` of a UNC path.
            if separator && previousSeparator && i > 1 { continue }
            out.append(separator ? "\\" : s)
            previousSeparator = separator
        }
        var text = String(out)
        while text.count > 3 && text.hasSuffix("\\") { text.removeLast() }
        return text
    }

    /// Expands `%NAME%` variables; nil when one is unknown (its name is returned in `missing`).
    func expand(_ text: String) -> (String?, missing: String?) {
        guard text.contains("%") else { return (text, nil) }
        var result = ""
        var rest = Substring(text)
        while let start = rest.firstIndex(of: "%") {
            result += rest[..<start]
            let after = rest[rest.index(after: start)...]
            guard let end = after.firstIndex(of: "%") else {
                result += rest[start...]
                return (result, nil)
            }
            let name = String(after[..<end])
            guard let value = environment[name.uppercased()] else { return (nil, name) }
            result += value
            rest = after[after.index(after: end)...]
        }
        result += rest
        return (result, nil)
    }
}
