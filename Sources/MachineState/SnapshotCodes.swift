import MofkitSource

/// Diagnostic codes of snapshot reading (`SNAP1xxx`). `.reg` syntax problems keep the `.reg`
/// reader's `MOF41xx` codes and WMI instance MOF syntax problems the parser's `MOF1xxx` codes.
public enum SnapshotCode: DiagnosticCodeSet {
    /// The JSON text is not valid JSON.
    public static let jsonSyntax: DiagnosticCode = "SNAP1001"
    /// A member has the wrong JSON type.
    public static let wrongType: DiagnosticCode = "SNAP1002"
    /// A member the format does not define (ignored).
    public static let unknownMember: DiagnosticCode = "SNAP1003"
    /// A member's value is out of range or not one of the allowed words.
    public static let invalidValue: DiagnosticCode = "SNAP1004"
    /// A required member is missing.
    public static let missingMember: DiagnosticCode = "SNAP1005"
    /// `formatVersion` newer than this reader.
    public static let unsupportedVersion: DiagnosticCode = "SNAP1006"
    /// A source file whose kind cannot be told from its name.
    public static let unknownSourceKind: DiagnosticCode = "SNAP1010"
    /// Sources of one machine name different machines.
    public static let conflictingMachineName: DiagnosticCode = "SNAP1011"
    /// A machine has no source files (empty folder).
    public static let noSources: DiagnosticCode = "SNAP1012"
    /// Something in a WMI instance MOF that a snapshot cannot hold (alias, embedded instance, class).
    public static let unsupportedWMIValue: DiagnosticCode = "SNAP1020"
    /// Neither an `os` section nor `Win32_OperatingSystem`: OS facts unknown.
    public static let osFactsUnknown: DiagnosticCode = "SNAP1030"
    /// A `Win32_OperatingSystem` / `Win32_Processor` property holds a value OS derivation cannot use.
    public static let osFactInvalid: DiagnosticCode = "SNAP1031"
}

extension SnapshotCode {
    /// `mofkit explain` texts of the snapshot codes.
    public static let descriptors: [DiagnosticDescriptor] = [
        DiagnosticDescriptor(
            code: jsonSyntax, title: "snapshot is not valid JSON", defaultSeverity: .error,
            explanation: "A JSON snapshot must be one JSON object (RFC 8259: double-quoted names and strings, no comments, no trailing commas). The machine is skipped; other machines go on.",
            wrongExample: "{ \"machineName\": \"PC1\", }",
            rightExample: "{ \"machineName\": \"PC1\" }"),
        DiagnosticDescriptor(
            code: wrongType, title: "member has the wrong JSON type", defaultSeverity: .error,
            explanation: "The member's value must have the JSON type Docs/snapshot.md gives (for example a number for REG_DWORD data, an array of strings for REG_MULTI_SZ). The member is ignored.",
            wrongExample: "\"TSEnabled\": { \"type\": \"REG_DWORD\", \"data\": \"1\" }",
            rightExample: "\"TSEnabled\": { \"type\": \"REG_DWORD\", \"data\": 1 }"),
        DiagnosticDescriptor(
            code: unknownMember, title: "unknown snapshot member", defaultSeverity: .warning,
            explanation: "The snapshot format does not define this member; it is ignored. A misspelt name (\"registy\") means the data is lost.",
            wrongExample: "{ \"machineName\": \"PC1\", \"registy\": [] }",
            rightExample: "{ \"machineName\": \"PC1\", \"registry\": [] }"),
        DiagnosticDescriptor(
            code: invalidValue, title: "invalid snapshot value", defaultSeverity: .error,
            explanation: "The value has the right JSON type but is not allowed: an unknown REG_* type, a DWORD above 4294967295, binary data that is not hex, a productType other than workstation / domain-controller / server, an unknown architecture. The entry is ignored.",
            wrongExample: "{ \"type\": \"REG_DWORD\", \"data\": 4294967296 }",
            rightExample: "{ \"type\": \"REG_QWORD\", \"data\": 4294967296 }"),
        DiagnosticDescriptor(
            code: missingMember, title: "required member missing", defaultSeverity: .error,
            explanation: "An entry lacks a member it needs: a registry key its \"path\", a value its \"type\" or \"data\", a file its \"path\", an MSI product its \"productCode\", an update its \"id\". The entry is ignored.",
            wrongExample: "{ \"files\": [ { \"version\": \"1.0\" } ] }",
            rightExample: "{ \"files\": [ { \"path\": \"C:\\\\app.exe\", \"version\": \"1.0\" } ] }"),
        DiagnosticDescriptor(
            code: unsupportedVersion, title: "snapshot format version not supported", defaultSeverity: .error,
            explanation: "formatVersion is newer than this mofkit reads (1). Members are read as version 1 defines them; newer data may be missed. Update mofkit.",
            wrongExample: "{ \"formatVersion\": 7 }",
            rightExample: "{ \"formatVersion\": 1 }"),
        DiagnosticDescriptor(
            code: unknownSourceKind, title: "unknown snapshot source kind", defaultSeverity: .error,
            explanation: "A machine's sources are told apart by extension: .json (snapshot), .reg (registry export), .mof (WMI instance MOF). Other files are skipped.",
            wrongExample: "--machine pc1.reg,pc1.txt",
            rightExample: "--machine pc1.reg,pc1.mof"),
        DiagnosticDescriptor(
            code: conflictingMachineName, title: "sources name different machines", defaultSeverity: .warning,
            explanation: "The sources merged into one machine give different machine names (JSON machineName, Win32_ComputerSystem.Name, Win32_OperatingSystem.CSName or the ComputerName registry value). The first is kept; check that the files belong together.",
            wrongExample: "--machine pc1.json,pc2.mof",
            rightExample: "--machine pc1.json,pc1.mof"),
        DiagnosticDescriptor(
            code: noSources, title: "machine has no sources", defaultSeverity: .error,
            explanation: "A machine folder holds no .json, .reg or .mof file, so there is nothing to read.",
            wrongExample: "machines/pc1/ (empty)",
            rightExample: "machines/pc1/snapshot.json"),
        DiagnosticDescriptor(
            code: unsupportedWMIValue, title: "WMI MOF construct not taken into the snapshot", defaultSeverity: .warning,
            explanation: "A WMI instance MOF used as a snapshot source holds instance declarations with literal values. Class declarations, $alias references and embedded instances are not machine facts; they are skipped.",
            wrongExample: "instance of Win32_Process { Owner = $user; };",
            rightExample: "instance of Win32_Process { Name = \"explorer.exe\"; };"),
        DiagnosticDescriptor(
            code: osFactsUnknown, title: "operating-system facts unknown", defaultSeverity: .warning,
            explanation: "The machine has no \"os\" section and no Win32_OperatingSystem instance, so OS version, build, service pack, product type and language are unknown; rules that need them evaluate to unknown.",
            wrongExample: "--machine pc1.reg",
            rightExample: "--machine pc1.reg,pc1-wmi.mof   (with instance of Win32_OperatingSystem)"),
        DiagnosticDescriptor(
            code: osFactInvalid, title: "OS fact cannot be derived", defaultSeverity: .warning,
            explanation: "A Win32_OperatingSystem or Win32_Processor property used to derive OS facts holds a value of the wrong kind (ProductType 7, Version \"ten\"). That fact stays unknown.",
            wrongExample: "instance of Win32_OperatingSystem { ProductType = 7; };",
            rightExample: "instance of Win32_OperatingSystem { ProductType = 1; };"),
    ]
}
