import MofkitSource
import RegistryExport

/// What `mofkit gen from-reg` writes: a hardware-inventory extension for one exported key.
public struct RegExtensionRequest: Sendable {
    /// The key, e.g. `HKEY_LOCAL_MACHINE\SOFTWARE\Contoso\App` (`HKLM\…` accepted).
    public var keyPath: String
    /// The class name of both the data class (root\cimv2) and the reporting class (root\cimv2\sms).
    public var className: String
    /// `SMS_Group_Name` of the reporting class.
    public var groupName: String
    /// `SMS_Class_ID` of the reporting class (`VENDOR|NAME|1.0`).
    public var classID: String
    /// How the data is read; `nil` chooses: values of the key → RegPropProv, subkeys only → RegProv.
    public var mode: Mode?

    /// How the generated MOF reads the registry.
    public enum Mode: String, Sendable, CaseIterable {
        /// One `[DYNPROPS]` instance reading the key's values through RegPropProv.
        case singleKey = "single-key"
        /// A RegProv class: one instance per subkey, properties from the subkeys' values.
        case subkeys
    }

    /// A request; `mode` `nil` lets the generator choose.
    public init(keyPath: String, className: String, groupName: String, classID: String, mode: Mode? = nil) {
        self.keyPath = keyPath
        self.className = className
        self.groupName = groupName
        self.classID = classID
        self.mode = mode
    }
}

/// Writes MOF for a `.reg` export (what RegKeyToMOF does): data class + `[DYNPROPS]` instance or
/// RegProv class, and the reporting class, with CIM types mapped from the registry value types.
public enum RegExtensionGenerator {
    /// The MOF text, or diagnostics explaining why none could be written.
    public static func generate(_ reg: RegFile, request: RegExtensionRequest) -> (mof: String?, diagnostics: [Diagnostic]) {
        var diagnostics = reg.diagnostics
        let here = reg.keys.first?.range ?? reg.source.range(0, 0)
        guard isIdentifier(request.className) else {
            diagnostics.append(Diagnostic(code: RegCode.badClassName, severity: .error,
                                          message: "\"\(request.className)\" is not a MOF class name (letters, digits and _, not starting with a digit)", range: here))
            return (nil, diagnostics)
        }
        let keyPath = RegFile.normalizeKeyPath(request.keyPath)
        let key = reg.key(keyPath)
        let subkeys = reg.subkeys(of: keyPath)
        let mode = request.mode ?? ((key?.values.isEmpty ?? true) && !subkeys.isEmpty ? .subkeys : .singleKey)
        switch mode {
        case .singleKey:
            guard let key else {
                diagnostics.append(Diagnostic(code: RegCode.keyNotFound, severity: .error,
                                              message: "the export has no key [\(keyPath)]", range: here))
                return (nil, diagnostics)
            }
            return (singleKey(key, request: request), diagnostics)
        case .subkeys:
            guard !subkeys.isEmpty else {
                diagnostics.append(Diagnostic(code: RegCode.keyNotFound, severity: .error,
                                              message: "the export has no subkeys of [\(keyPath)]", range: key?.range ?? here))
                return (nil, diagnostics)
            }
            return (subkeyEnumeration(keyPath, subkeys: subkeys, request: request), diagnostics)
        }
    }

    /// (property name, value name, CIM type) for values, names unique case-insensitively.
    static func properties(_ values: [RegFileValue], reserved: Set<String>) -> [(property: String, valueName: String, cimType: String)] {
        var used = reserved
        var result: [(String, String, String)] = []
        var seenValues = Set<String>()
        for value in values where seenValues.insert(value.name.lowercased()).inserted {
            var base = identifier(from: value.name.isEmpty ? "DefaultValue" : value.name)
            if used.contains(base.lowercased()) { base += "_Value" }
            var candidate = base
            var n = 2
            while used.contains(candidate.lowercased()) {
                candidate = base + "_\(n)"
                n += 1
            }
            used.insert(candidate.lowercased())
            result.append((candidate, value.name, value.type.cimType))
        }
        return result
    }

    static func singleKey(_ key: RegFileKey, request: RegExtensionRequest) -> String {
        let props = properties(key.values, reserved: ["keyname"])
        let hive = key.hive
        let path = key.keyPath
        var out = header(request, source: "[\(key.path)] (RegPropProv, one instance)")
        out += "#pragma namespace(\"\\\\\\\\.\\\\root\\\\cimv2\")\n"
        out += "#pragma deleteclass(\"\(request.className)\", NOFAIL)\n\n"
        out += "[DYNPROPS]\nclass \(request.className)\n{\n    [key] string KeyName;\n"
        for p in props { out += "    \(declaration(p.cimType, p.property));\n" }
        out += "};\n\n"
        out += "[DYNPROPS]\ninstance of \(request.className)\n{\n    KeyName = \(mofString(request.className));\n"
        for p in props {
            let context = "local|\(hive)\\\(path)|\(p.valueName)"
            out += "    [PropertyContext(\(mofString(context))), Dynamic, Provider(\"RegPropProv\")]\n    \(p.property);\n"
        }
        out += "};\n\n"
        out += reportingClass(request, properties: props.map { ($0.property, $0.cimType) })
        return out
    }

    static func subkeyEnumeration(_ keyPath: String, subkeys: [RegFileKey], request: RegExtensionRequest) -> String {
        let props = properties(subkeys.flatMap(\.values), reserved: ["keyname"])
        var out = header(request, source: "subkeys of [\(keyPath)] (RegProv, one instance per subkey)")
        out += "#pragma namespace(\"\\\\\\\\.\\\\root\\\\cimv2\")\n"
        out += "#pragma deleteclass(\"\(request.className)\", NOFAIL)\n\n"
        out += "[dynamic, provider(\"RegProv\"), ClassContext(\(mofString("local|" + keyPath)))]\nclass \(request.className)\n{\n"
        out += "    [key] string KeyName;\n"
        for p in props {
            out += "    [PropertyContext(\(mofString(p.valueName)))] \(declaration(p.cimType, p.property));\n"
        }
        out += "};\n\n"
        out += reportingClass(request, properties: props.map { ($0.property, $0.cimType) })
        return out
    }

    static func header(_ request: RegExtensionRequest, source: String) -> String {
        "// Hardware inventory extension for \(source).\n// Generated by mofkit gen from-reg; compile the data class part on clients (configuration.mof)\n// and import the reporting class (SMS_def.mof / console import).\n\n"
    }

    static func reportingClass(_ request: RegExtensionRequest, properties: [(String, String)]) -> String {
        var out = "#pragma namespace(\"\\\\\\\\.\\\\root\\\\cimv2\\\\sms\")\n"
        out += "#pragma deleteclass(\"\(request.className)\", NOFAIL)\n\n"
        out += "[SMS_Report(TRUE), SMS_Group_Name(\(mofString(request.groupName))), SMS_Class_ID(\(mofString(request.classID)))]\n"
        out += "class \(request.className) : SMS_Class_Template\n{\n    [SMS_Report(TRUE), key] string KeyName;\n"
        for (name, type) in properties { out += "    [SMS_Report(TRUE)] \(declaration(type, name));\n" }
        out += "};\n"
        return out
    }

    /// `uint8 Name[]` for array types.
    static func declaration(_ cimType: String, _ name: String) -> String {
        cimType.hasSuffix("[]") ? "\(cimType.dropLast(2)) \(name)[]" : "\(cimType) \(name)"
    }

    /// A MOF string literal with `\` and `"` escaped.
    public static func mofString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || first.properties.isAlphabetic, first.isASCII else { return false }
        return s.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }

    /// A property name from a value name: other characters become `_`.
    static func identifier(from name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            let ok = scalar.isASCII && (scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
            out.unicodeScalars.append(ok ? scalar : "_")
        }
        if let first = out.unicodeScalars.first, ("0"..."9").contains(first) { out = "_" + out }
        return out.isEmpty ? "_" : out
    }
}
