import MofkitSource
import RegistryExport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The kind of a snapshot source, told by its extension.
public enum MachineSourceKind: String, Sendable, Hashable, CaseIterable {
    /// A JSON snapshot (`.json`).
    case json
    /// A registry export (`.reg`).
    case reg
    /// WMI instance MOF (`.mof`).
    case mof

    /// The kind of the file at `path`, by its extension; `nil` for other files.
    public init?(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".json") { self = .json } else if lower.hasSuffix(".reg") { self = .reg } else if lower.hasSuffix(".mof") { self = .mof } else { return nil }
    }
}

/// A machine or fleet folder that cannot be listed.
public struct MachineDirectoryError: Error, Sendable, CustomStringConvertible {
    /// The folder.
    public var path: String
    /// Why it cannot be listed, in the words of the system.
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// One machine read from its sources, with everything found wrong on the way.
public struct LoadedMachine: Sendable {
    /// What the user named: the `--machine` argument (folder or comma-separated files).
    public var specification: String
    /// The merged snapshot (possibly partial when a source had errors).
    public var snapshot: MachineSnapshot
    /// Every diagnostic of every source; each carries a note naming the machine.
    public var diagnostics: [Diagnostic]
    /// The files read, by path, for rendering diagnostics.
    public var sources: [String: SourceFile]
    /// Files that could not be read at all.
    public var unreadable: [FileSystemError]

    /// Whether an error-severity diagnostic or an unreadable file makes the snapshot incomplete.
    public var hasErrors: Bool { !unreadable.isEmpty || diagnostics.contains { $0.severity == .error } }
}

/// Reads machines: one or more sources per machine, merged in order, then OS facts derived.
///
/// Merging: later sources win for single facts (OS fields, registry values, files by path, MSI
/// entries by code, special folders); lists are joined without exact duplicates (WMI instances,
/// installed updates by KB number). A `.reg` export's deletions remove what earlier sources gave.
public enum MachineLoader {
    /// Loads a `--machine` argument: a folder (every `.json`, `.reg` and `.mof` in it, in name
    /// order) or a comma-separated list of files.
    public static func load(specification: String) -> LoadedMachine {
        if isDirectory(specification) {
            let files = (try? listDirectory(specification)) ?? []
            let paths = files.filter { MachineSourceKind(path: $0) != nil }.map { join(specification, $0) }
            var machine = load(paths: paths, defaultName: baseName(specification), specification: specification)
            if paths.isEmpty {
                let range = SourceRange(file: specification, start: SourceLocation(line: 1, column: 1, offset: 0),
                                        end: SourceLocation(line: 1, column: 1, offset: 0))
                machine.diagnostics.append(Diagnostic(code: SnapshotCode.noSources, severity: .error,
                                                      message: "machine folder \(specification) holds no .json, .reg or .mof file", range: range))
            }
            return machine
        }
        let paths = specification.split(separator: ",").map { String($0).trimmingCharacters(" ") }.filter { !$0.isEmpty }
        let first = paths.first.map(baseName) ?? specification
        return load(paths: paths, defaultName: stripExtension(first), specification: specification)
    }

    /// Loads and merges files; `defaultName` names the machine when no source does.
    public static func load(paths: [String], defaultName: String, specification: String? = nil) -> LoadedMachine {
        var sources: [SourceFile] = []
        var unreadable: [FileSystemError] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            guard MachineSourceKind(path: path) != nil else {
                let range = SourceRange(file: path, start: SourceLocation(line: 1, column: 1, offset: 0), end: SourceLocation(line: 1, column: 1, offset: 0))
                diagnostics.append(Diagnostic(code: SnapshotCode.unknownSourceKind, severity: .error,
                                              message: "\(path): a snapshot source ends in .json, .reg or .mof; skipped", range: range))
                continue
            }
            do {
                sources.append(try SourceFile.read(path: path))
            } catch {
                unreadable.append(error)
            }
        }
        var machine = load(sources: sources, defaultName: defaultName, specification: specification ?? paths.joined(separator: ","))
        machine.unreadable = unreadable
        machine.diagnostics = annotate(diagnostics, machine: machine.snapshot.machineName, specification: machine.specification) + machine.diagnostics
        return machine
    }

    /// Merges decoded sources (kind from each path's extension; unknown kinds are read as JSON).
    public static func load(sources: [SourceFile], defaultName: String, specification: String = "") -> LoadedMachine {
        var snapshot = MachineSnapshot()
        var diagnostics: [Diagnostic] = []
        var names: [(name: String, origin: SourceRange?)] = []
        var osGiven = false
        for source in sources {
            switch MachineSourceKind(path: source.path) ?? .json {
            case .json:
                let (part, found) = SnapshotJSONReader.read(source)
                diagnostics += found
                guard let part else { continue }
                if !part.machineName.isEmpty { names.append((part.machineName, source.range(0, 0))) }
                if !part.os.isEmpty { osGiven = true }
                merge(part, into: &snapshot)
            case .reg:
                let reg = RegFile(source: source)
                diagnostics += source.decodingDiagnostics + reg.diagnostics
                snapshot.registry.apply(reg)
            case .mof:
                let (instances, found) = WMIInstanceMOFReader.read(source)
                diagnostics += found
                for instance in instances where !snapshot.wmi.contains(instance) { snapshot.wmi.append(instance) }
            }
        }
        // Names a WMI export or the registry gives, in the client's order of trust.
        for (className, property) in [("Win32_ComputerSystem", "Name"), ("Win32_OperatingSystem", "CSName")] {
            if let instance = snapshot.wmiInstances(namespace: "root\\cimv2", className: className).first,
               let name = instance[property]?.stringValue, !name.isEmpty {
                names.append((name, instance.origin))
            }
        }
        if let name = snapshot.registry.key("HKLM\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ComputerName")?.value(named: "ComputerName")?.stringValue,
           !name.isEmpty {
            names.append((name, nil))
        }
        snapshot.machineName = names.first?.name ?? defaultName
        if let first = names.first, let other = names.first(where: { $0.name.lowercased() != first.name.lowercased() }) {
            let range = other.origin ?? first.origin ?? sources.first.map { $0.range(0, 0) }
                ?? SourceRange(file: specification, start: SourceLocation(line: 1, column: 1, offset: 0), end: SourceLocation(line: 1, column: 1, offset: 0))
            diagnostics.append(Diagnostic(code: SnapshotCode.conflictingMachineName, severity: .warning,
                                          message: "sources name different machines: \"\(first.name)\" and \"\(other.name)\"; using \"\(first.name)\"",
                                          range: range))
        }
        addWMIDerivedLists(&snapshot)
        let derivation = OSFactDerivation.derive(from: snapshot)
        snapshot.os.fillMissing(from: derivation.facts)
        diagnostics += derivation.diagnostics
        if !osGiven && snapshot.wmiInstances(namespace: "root\\cimv2", className: "Win32_OperatingSystem").isEmpty {
            let range = sources.first.map { $0.range(0, 0) }
                ?? SourceRange(file: specification, start: SourceLocation(line: 1, column: 1, offset: 0), end: SourceLocation(line: 1, column: 1, offset: 0))
            diagnostics.append(Diagnostic(code: SnapshotCode.osFactsUnknown, severity: .warning,
                                          message: "no \"os\" section and no Win32_OperatingSystem instance: OS version, build, service pack, product type and language are unknown",
                                          range: range))
        }
        var files: [String: SourceFile] = [:]
        for source in sources { files[source.path] = source }
        return LoadedMachine(specification: specification, snapshot: snapshot,
                             diagnostics: annotate(diagnostics, machine: snapshot.machineName, specification: specification),
                             sources: files, unreadable: [])
    }

    /// Installed updates from `Win32_QuickFixEngineering` and MSI products from `Win32_Product`
    /// instances, as the collector would have listed them, unless a source already lists them.
    static func addWMIDerivedLists(_ snapshot: inout MachineSnapshot) {
        for qfe in snapshot.wmiInstances(namespace: "root\\cimv2", className: "Win32_QuickFixEngineering") {
            guard let id = qfe["HotFixID"]?.stringValue, !id.isEmpty, !snapshot.hasInstalledUpdate(id) else { continue }
            snapshot.installedUpdates.append(InstalledUpdate(id: id, description: qfe["Description"]?.stringValue,
                                                             installedOn: qfe["InstalledOn"]?.stringValue))
        }
        for product in snapshot.wmiInstances(namespace: "root\\cimv2", className: "Win32_Product") {
            guard let code = product["IdentifyingNumber"]?.stringValue, !code.isEmpty, snapshot.msiProduct(code: code) == nil else { continue }
            let language = product["Language"]?.integerValue.flatMap { Int(exactly: $0) }
            snapshot.msiProducts.append(MSIProduct(productCode: code, version: product["Version"]?.stringValue, language: language,
                                                   name: product["Name"]?.stringValue, publisher: product["Vendor"]?.stringValue))
        }
    }

    /// Adds a note naming the machine to each diagnostic, so a fleet run says whose file is bad.
    static func annotate(_ diagnostics: [Diagnostic], machine: String, specification: String) -> [Diagnostic] {
        diagnostics.map { d in
            var d = d
            d.notes.append(DiagnosticNote(message: "while reading machine \"\(machine)\"\(specification.isEmpty ? "" : " (\(specification))")"))
            return d
        }
    }

    /// Merges `part` into `snapshot`: later facts win, lists are joined.
    public static func merge(_ part: MachineSnapshot, into snapshot: inout MachineSnapshot) {
        if snapshot == MachineSnapshot() {
            snapshot = part
            return
        }
        if snapshot.machineName.isEmpty { snapshot.machineName = part.machineName }
        snapshot.os.overlay(part.os)
        snapshot.registry.merge(part.registry)
        var fileIndex: [String: Int] = [:]
        for (i, file) in snapshot.files.enumerated() { fileIndex[FileFact.normalizePath(file.path).lowercased()] = i }
        for file in part.files {
            let key = FileFact.normalizePath(file.path).lowercased()
            if let i = fileIndex[key] {
                snapshot.files[i] = file
            } else {
                fileIndex[key] = snapshot.files.count
                snapshot.files.append(file)
            }
        }
        snapshot.specialFolders.merge(part.specialFolders) { _, new in new }
        for instance in part.wmi where !snapshot.wmi.contains(instance) { snapshot.wmi.append(instance) }
        for product in part.msiProducts {
            let code = MSIProduct.normalizeGUID(product.productCode)
            if let i = snapshot.msiProducts.firstIndex(where: { MSIProduct.normalizeGUID($0.productCode) == code }) {
                snapshot.msiProducts[i] = product
            } else {
                snapshot.msiProducts.append(product)
            }
        }
        for patch in part.msiPatches {
            let key = MSIProduct.normalizeGUID(patch.patchCode) + MSIProduct.normalizeGUID(patch.productCode)
            if let i = snapshot.msiPatches.firstIndex(where: { MSIProduct.normalizeGUID($0.patchCode) + MSIProduct.normalizeGUID($0.productCode) == key }) {
                snapshot.msiPatches[i] = patch
            } else {
                snapshot.msiPatches.append(patch)
            }
        }
        for component in part.msiComponents {
            let key = MSIProduct.normalizeGUID(component.componentCode) + MSIProduct.normalizeGUID(component.productCode)
            if let i = snapshot.msiComponents.firstIndex(where: { MSIProduct.normalizeGUID($0.componentCode) + MSIProduct.normalizeGUID($0.productCode) == key }) {
                snapshot.msiComponents[i] = component
            } else {
                snapshot.msiComponents.append(component)
            }
        }
        var updateIDs = Set(snapshot.installedUpdates.map { InstalledUpdate.normalizeID($0.id) })
        for update in part.installedUpdates where updateIDs.insert(InstalledUpdate.normalizeID(update.id)).inserted {
            snapshot.installedUpdates.append(update)
        }
        for package in part.cbsPackages {
            if let i = snapshot.cbsPackages.firstIndex(where: { $0.identity.lowercased() == package.identity.lowercased() }) {
                snapshot.cbsPackages[i] = package
            } else {
                snapshot.cbsPackages.append(package)
            }
        }
    }

    /// The machines of a fleet folder: each subfolder is one machine, and so is each `.json`,
    /// `.reg` or `.mof` file directly in it. Sorted by name.
    public static func fleetSpecifications(directory: String) throws(MachineDirectoryError) -> [String] {
        let entries = try listDirectory(directory)
        return entries.compactMap { name in
            let path = join(directory, name)
            if isDirectory(path) { return path }
            return MachineSourceKind(path: name) != nil ? path : nil
        }
    }

    // MARK: file system

    static func isDirectory(_ path: String) -> Bool { FileSystem.isDirectory(path) }

    /// The names in a directory, without hidden ones, sorted.
    static func listDirectory(_ path: String) throws(MachineDirectoryError) -> [String] {
        do { return try FileSystem.entries(of: path, hidden: false) } catch {
            throw MachineDirectoryError(path: path, reason: error.reason)
        }
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func baseName(_ path: String) -> String {
        var p = Substring(path)
        while p.hasSuffix("/") && p.count > 1 { p = p.dropLast() }
        return String(p.split(separator: "/").last ?? p)
    }

    static func stripExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}

/// Derives OS facts the way the client sees them, from WMI (and the registry for the UBR).
public enum OSFactDerivation {
    /// Facts from `Win32_OperatingSystem` (Version, BuildNumber, ServicePackMajorVersion/Minor,
    /// ProductType, OSLanguage, SuiteMask, Caption, directories) and `Win32_Processor`
    /// (Architecture with AddressWidth: a 32-bit OS on an x64 processor is x86), falling back to
    /// `OSArchitecture` and the `PROCESSOR_ARCHITECTURE` environment value in the registry.
    public static func derive(from snapshot: MachineSnapshot) -> (facts: OperatingSystemFacts, diagnostics: [Diagnostic]) {
        var facts = OperatingSystemFacts()
        var diagnostics: [Diagnostic] = []
        func invalid(_ instance: WMIInstance, _ property: String, _ why: String) {
            guard let origin = instance.origin else { return }
            diagnostics.append(Diagnostic(code: SnapshotCode.osFactInvalid, severity: .warning,
                                          message: "\(instance.className).\(property) \(why); that fact stays unknown", range: origin))
        }
        func int(_ instance: WMIInstance, _ property: String, _ range: ClosedRange<Int64>) -> Int? {
            guard let value = instance[property], value != .null else { return nil }
            guard let n = value.integerValue, range.contains(n) else {
                invalid(instance, property, "is not a number from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            return Int(n)
        }
        if let os = snapshot.wmiInstances(namespace: "root\\cimv2", className: "Win32_OperatingSystem").first {
            facts.caption = os["Caption"]?.stringValue
            if let value = os["Version"], value != .null {
                if let text = value.stringValue, text.split(separator: ".").count >= 2,
                   text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }) {
                    facts.version = text
                } else {
                    invalid(os, "Version", "is not a dotted version such as \"10.0.19045\"")
                }
            }
            facts.build = int(os, "BuildNumber", 0...Int64(Int32.max))
            if facts.build == nil, let version = facts.version {
                let parts = version.split(separator: ".")
                if parts.count >= 3 { facts.build = Int(parts[2]) }
            }
            facts.servicePackMajor = int(os, "ServicePackMajorVersion", 0...65535)
            facts.servicePackMinor = int(os, "ServicePackMinorVersion", 0...65535)
            if let n = int(os, "ProductType", 0...Int64(UInt32.max)) {
                if let type = ProductType(number: n) { facts.productType = type } else { invalid(os, "ProductType", "is \(n), not 1, 2 or 3") }
            }
            facts.language = int(os, "OSLanguage", 0...65535)
            facts.suiteMask = int(os, "SuiteMask", 0...Int64(UInt32.max))
            facts.windowsDirectory = os["WindowsDirectory"]?.stringValue
            facts.systemDirectory = os["SystemDirectory"]?.stringValue
            if let text = os["OSArchitecture"]?.stringValue {
                // Vista and later: "64-bit" / "32-bit" (localized on some systems; digits are enough).
                if text.hasPrefix("64") { facts.architecture = .x64 } else if text.hasPrefix("32") { facts.architecture = .x86 }
            }
        }
        if let cpu = snapshot.wmiInstances(namespace: "root\\cimv2", className: "Win32_Processor").first,
           let number = int(cpu, "Architecture", 0...65535) {
            if let arch = Architecture(processorArchitecture: number) {
                let width = int(cpu, "AddressWidth", 0...65535)
                switch (arch, width) {
                case (.x64, 32): facts.architecture = .x86
                case (.arm64, 32): facts.architecture = .arm
                default: facts.architecture = arch
                }
            } else {
                invalid(cpu, "Architecture", "is \(number), not 0 (x86), 5 (ARM), 6 (ia64), 9 (x64) or 12 (ARM64)")
            }
        }
        if facts.architecture == nil,
           let text = snapshot.registry.key("HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment")?
               .value(named: "PROCESSOR_ARCHITECTURE")?.stringValue {
            switch text.uppercased() {
            case "AMD64": facts.architecture = .x64
            case "X86": facts.architecture = .x86
            case "IA64": facts.architecture = .ia64
            case "ARM64": facts.architecture = .arm64
            case "ARM": facts.architecture = .arm
            default: break
            }
        }
        if let ubr = snapshot.registry.key("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion")?.value(named: "UBR")?.integerValue,
           ubr <= UInt64(Int32.max) {
            facts.revision = Int(ubr)
        }
        return (facts, diagnostics)
    }
}
