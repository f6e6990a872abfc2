import MofkitSource

/// Diagnostic codes of applicability evaluation and fleet scans (`EVAL1xxx`).
public enum EvalCode: DiagnosticCodeSet {
    /// The catalog could not be read, or holds no updates.
    public static let catalogUnusable: DiagnosticCode = "EVAL1001"
    /// A rule has no evaluator (unknown element, unpublished rule, unsupported WQL): it is always `unknown`.
    public static let unsupportedRule: DiagnosticCode = "EVAL1002"
    /// `--explain` names an update the catalog does not have.
    public static let noSuchUpdate: DiagnosticCode = "EVAL1003"
    /// A machine could not be read completely; it is evaluated with what was read.
    public static let machineIncomplete: DiagnosticCode = "EVAL1004"
    /// A report file could not be written.
    public static let reportWriteFailed: DiagnosticCode = "EVAL1005"
    /// The `--products` table could not be read or is not a product table.
    public static let productTableUnreadable: DiagnosticCode = "EVAL1006"

    /// `mofkit explain` texts of the EVAL codes.
    public static let descriptors: [DiagnosticDescriptor] = [
        DiagnosticDescriptor(
            code: catalogUnusable, title: "catalog cannot be evaluated", defaultSeverity: .error,
            explanation: "The catalog named by --catalog could not be read, or it holds no updates. Reading diagnostics (CAT codes) say why.",
            wrongExample: "mofkit eval --catalog missing.xml --machine pc1",
            rightExample: "mofkit eval --catalog HpCatalogForSms.xml --machine pc1"),
        DiagnosticDescriptor(
            code: unsupportedRule, title: "rule without an evaluator", defaultSeverity: .note,
            explanation: "The rule is parsed but mofkit cannot answer it from a snapshot (an unknown rule element, a rule with no published semantics such as GenericQuery, a fact no snapshot holds such as SystemMetric, or WQL outside the supported subset). It evaluates to unknown; And(false, unknown) is still false and Or(true, unknown) still true, so many updates are decided anyway.",
            wrongExample: "<bar:GenericQuery Namespace=\"urn:x\" Type=\"T\" Parameter=\"p\"/>",
            rightExample: "<bar:RegSz Key=\"HKEY_LOCAL_MACHINE\" Subkey=\"SOFTWARE\\\\Vendor\" Value=\"Edition\" Comparison=\"EqualTo\" Data=\"Pro\"/>"),
        DiagnosticDescriptor(
            code: noSuchUpdate, title: "no such update", defaultSeverity: .error,
            explanation: "--explain takes an update id (PackageID, UpdateID, BulletinID) or a KB number of an update in the catalog.",
            wrongExample: "mofkit eval --catalog c.xml --machine pc1 --explain KB0",
            rightExample: "mofkit eval --catalog c.xml --machine pc1 --explain 00004850-0000-0000-5350-000000065017"),
        DiagnosticDescriptor(
            code: machineIncomplete, title: "machine snapshot incomplete", defaultSeverity: .warning,
            explanation: "A source of the machine could not be read or has errors (SNAP codes say where). The machine is evaluated with what was read; rules needing the missing data are unknown.",
            wrongExample: "mofkit eval --catalog c.xml --machine broken.json",
            rightExample: "mofkit eval --catalog c.xml --machine fixed.json"),
        DiagnosticDescriptor(
            code: reportWriteFailed, title: "report cannot be written", defaultSeverity: .error,
            explanation: "mofkit scan could not create the --out directory or write a report file in it (CSV, JSON, SQLite, HTML).",
            wrongExample: "mofkit scan --catalog c.xml --machines fleet --out /proc/x",
            rightExample: "mofkit scan --catalog c.xml --machines fleet --out report"),
        DiagnosticDescriptor(
            code: productTableUnreadable, title: "product table cannot be read", defaultSeverity: .error,
            explanation: "The JSON file named by --products could not be read, or it is not a product detection table: an object with \"products\" (each with \"product\" and \"anyOf\", a list of lists of facts) and \"servicePackSeries\" (each with \"series\" and \"servicePacks\"), as Docs/evaluation.md describes. Its entries are merged into the bundled table (an entry with the same name replaces the bundled one).",
            wrongExample: "{\"products\": [{\"product\": \"Contoso Server 1.0\"}]}",
            rightExample: "{\"products\": [{\"product\": \"Contoso Server 1.0\", \"anyOf\": [[{\"service\": \"ContosoSvc\"}]]}], \"servicePackSeries\": []}"),
    ]
}
