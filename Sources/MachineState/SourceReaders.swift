import MOFSyntax
import MofkitSource
import RegistryExport

// MARK: - .reg exports

extension RegFileValue {
    /// The value as typed snapshot data. `hex(n)` types the export does not name are kept as binary.
    public var snapshotData: RegistryData? {
        switch type {
        case .string: return .string(data)
        case .expandString: return .expandString(data)
        case .multiString: return .multiString(data.isEmpty ? [] : data.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        case .dword, .dwordBigEndian: return UInt32(data).map(RegistryData.dword)
        case .qword: return UInt64(data).map(RegistryData.qword)
        case .binary, .other: return RegistryData.bytes(hex: data).map(RegistryData.binary)
        case .none: return RegistryData.bytes(hex: data).map(RegistryData.none)
        }
    }
}

extension MachineRegistry {
    /// Applies a `.reg` export in file order: keys and values are set, `[-KEY]` deletes a key with
    /// its subkeys, `"name"=-` deletes a value. Paths are physical (`Wow6432Node` as exported), so
    /// a 32-bit view lookup finds what regedit exported under `Wow6432Node`.
    public mutating func apply(_ reg: RegFile) {
        var deletions = reg.deletions[...]
        for (index, key) in reg.keys.enumerated() {
            while let d = deletions.first, d.keysBefore <= index {
                applyDeletion(d)
                deletions = deletions.dropFirst()
            }
            addKey(physicalPath: key.path)
            for value in key.values {
                if let data = value.snapshotData { setValue(physicalPath: key.path, name: value.name, data: data) }
            }
        }
        for d in deletions { applyDeletion(d) }
    }

    private mutating func applyDeletion(_ d: RegDeletion) {
        if let name = d.valueName {
            removeValue(physicalPath: d.keyPath, name: name)
        } else {
            removeKey(physicalPath: d.keyPath)
        }
    }
}

// MARK: - WMI instance MOF

/// Reads `instance of Class { Property = value; };` declarations (what `mofcomp -MOF`-style or
/// `Get-CimInstance` exports hold) into WMI instances, with our MOF parser.
public enum WMIInstanceMOFReader {
    /// The namespace instances go to before any `#pragma namespace`. mofcomp itself starts in
    /// `root\default`; snapshot files describe Win32 classes, which live in `root\cimv2`.
    public static let defaultNamespace = "root\\cimv2"

    /// The instances of `source` and what was wrong with it.
    public static func read(_ source: SourceFile) -> (instances: [WMIInstance], diagnostics: [Diagnostic]) {
        let tree = MOFParser.parse(source)
        var diagnostics = source.decodingDiagnostics + tree.diagnostics
        var instances: [WMIInstance] = []
        var namespace = defaultNamespace
        for declaration in tree.root.declarations {
            switch declaration {
            case .pragma(let pragma):
                guard pragma.normalizedName == "namespace", let ns = pragma.stringArgument else { continue }
                namespace = resolveNamespace(ns, current: namespace)
            case .instanceDecl(let instance):
                guard let className = instance.className?.text else { continue }  // already diagnosed by the parser
                var properties: [(name: String, value: WMIValue)] = []
                for assignment in instance.assignments {
                    guard let name = assignment.name?.text, let valueSyntax = assignment.value else { continue }
                    if properties.contains(where: { $0.name.lowercased() == name.lowercased() }) {
                        diagnostics.append(Diagnostic(code: SnapshotCode.invalidValue, severity: .warning,
                                                      message: "\(className).\(name) is assigned twice; the last value is used", range: assignment.range))
                        properties.removeAll { $0.name.lowercased() == name.lowercased() }
                    }
                    switch convert(valueSyntax.decoded) {
                    case .success(let value): properties.append((name, value))
                    case .failure(let reason):
                        if let reason = reason.text {
                            diagnostics.append(Diagnostic(code: SnapshotCode.unsupportedWMIValue, severity: .warning,
                                                          message: "\(className).\(name): \(reason); the property is skipped", range: valueSyntax.range))
                        }
                    }
                }
                instances.append(WMIInstance(namespace: namespace, className: className, properties: properties, origin: instance.range))
            case .classDecl(let cls):
                diagnostics.append(Diagnostic(code: SnapshotCode.unsupportedWMIValue, severity: .warning,
                                              message: "class declaration \(cls.name?.text ?? "") in a snapshot source is ignored (only instances are machine facts)",
                                              range: cls.name?.range ?? cls.range))
            case .qualifierDecl, .other:
                continue
            }
        }
        return (instances, diagnostics)
    }

    struct Unsupported: Error {
        /// nil: already diagnosed by the parser.
        var text: String?
    }

    static func convert(_ value: MOFValue, nested: Bool = false) -> Result<WMIValue, Unsupported> {
        switch value {
        case .string(let s): return .success(.string(s))
        case .integer(let n):
            if let i = n.int64Value { return .success(.integer(i)) }
            if let u = n.uint64Value { return .success(.unsignedInteger(u)) }
            return .failure(Unsupported(text: nil))
        case .real(let d): return .success(.real(d))
        case .char16(let unit): return .success(.string(String(decoding: [unit], as: UTF16.self)))
        case .boolean(let b): return .success(.boolean(b))
        case .null: return .success(.null)
        case .alias(let name): return .failure(Unsupported(text: "$\(name) is an alias reference, not a value"))
        case .instance: return .failure(Unsupported(text: "embedded instances are not kept in snapshots"))
        case .invalid: return .failure(Unsupported(text: nil))
        case .array(let items):
            if nested { return .failure(Unsupported(text: "nested arrays")) }
            var out: [WMIValue] = []
            for item in items {
                switch convert(item, nested: true) {
                case .success(let v): out.append(v)
                case .failure(let reason): return .failure(reason)
                }
            }
            return .success(.array(out))
        }
    }

    /// `\\.\root\cimv2` and `root\x` are absolute; anything else is below the current namespace.
    static func resolveNamespace(_ text: String, current: String) -> String {
        let normalized = WMIInstance.normalizeNamespace(text)
        if text.hasPrefix("\\\\") || text.hasPrefix("//") || (normalized.lowercased() == "root" || normalized.lowercased().hasPrefix("root\\")) {
            return normalized
        }
        return WMIInstance.normalizeNamespace(current + "\\" + normalized)
    }
}
