import MofkitSource

/// Collection-query diagnostics (`COL1xxx` syntax, `COL2xxx` names, `COL3xxx` not supported, `COL4xxx` files
/// and databases).
public enum CollectionCode: DiagnosticCodeSet {
    /// A character WQL does not have (typographic quotes, non-breaking spaces).
    public static let invalidCharacter: DiagnosticCode = "COL1001"
    /// A string without its closing quote.
    public static let unterminatedString: DiagnosticCode = "COL1002"
    /// The query does not follow the grammar.
    public static let syntax: DiagnosticCode = "COL1003"
    /// Text after the end of the query.
    public static let trailingText: DiagnosticCode = "COL1004"
    /// A class no site has.
    public static let unknownClass: DiagnosticCode = "COL2001"
    /// An `SMS_G_System_` class no compiled `SMS_def.mof` reports.
    public static let classNotReported: DiagnosticCode = "COL2002"
    /// A property the class does not have.
    public static let unknownProperty: DiagnosticCode = "COL2003"
    /// A qualifier that names no class or alias of the query.
    public static let unknownQualifier: DiagnosticCode = "COL2004"
    /// An unqualified property of several joined classes.
    public static let ambiguousProperty: DiagnosticCode = "COL2005"
    /// A subquery after `in` that does not select one property.
    public static let subquerySelect: DiagnosticCode = "COL2006"
    /// A class whose data only a site has: its table is empty offline.
    public static let siteOnlyClass: DiagnosticCode = "COL2007"
    /// `= null` read as `is null`.
    public static let equalsNull: DiagnosticCode = "COL2008"
    /// A construct mofkit does not translate.
    public static let notSupported: DiagnosticCode = "COL3001"
    /// A function mofkit does not translate.
    public static let unknownFunction: DiagnosticCode = "COL3002"
    /// A query file with no query.
    public static let noQuery: DiagnosticCode = "COL4001"
    /// The database cannot run the query (not a mofkit report database, or an SQL error).
    public static let database: DiagnosticCode = "COL4002"

    /// `mofkit explain` texts.
    public static let descriptors: [DiagnosticDescriptor] = [
        DiagnosticDescriptor(
            code: invalidCharacter, title: "character not allowed in WQL", defaultSeverity: .error,
            explanation: "The query holds a character the WQL grammar has no place for. Most often it is a typographic quote (“ ” ‘ ’) or a non-breaking space that a word processor, a web page or a chat tool put in place of a plain quote or space. The site's query dialog rejects the query.",
            wrongExample: "select * from SMS_R_System where Name = “PC1”",
            rightExample: "select * from SMS_R_System where Name = \"PC1\""),
        DiagnosticDescriptor(
            code: unterminatedString, title: "unterminated string", defaultSeverity: .error,
            explanation: "A string starts with \" or ' and the query ends before the same quote closes it. Inside a string, a backslash escapes the next character (\\\\ is one backslash, \\\" a quote).",
            wrongExample: "select * from SMS_R_System where Name = \"PC1",
            rightExample: "select * from SMS_R_System where Name = \"PC1\""),
        DiagnosticDescriptor(
            code: syntax, title: "WQL syntax error", defaultSeverity: .error,
            explanation: "The query does not follow the WQL grammar of collection rules: select [distinct] list from Class [as alias] [inner|left|right|full join Class on condition]… [where condition] [order by …]. The message says what was expected where.",
            wrongExample: "select * from SMS_R_System where Name =",
            rightExample: "select * from SMS_R_System where Name = 'PC1'"),
        DiagnosticDescriptor(
            code: trailingText, title: "text after the end of the query", defaultSeverity: .error,
            explanation: "The query is complete, and more text follows it (a stray '.', a second statement). The site rejects the whole query.",
            wrongExample: "select * from SMS_R_System where Client = 1.",
            rightExample: "select * from SMS_R_System where Client = 1"),
        DiagnosticDescriptor(
            code: unknownClass, title: "unknown class", defaultSeverity: .error,
            explanation: "The class is not one a collection query can name: not SMS_R_System, not an SMS_G_System_ inventory class, not one of the site's other classes mofkit knows. The note lists the classes known.",
            wrongExample: "select * from SMS_R_Sytem",
            rightExample: "select * from SMS_R_System"),
        DiagnosticDescriptor(
            code: classNotReported, title: "inventory class not reported by SMS_def.mof", defaultSeverity: .error,
            explanation: "An SMS_G_System_<GROUP> class exists on a site only when a reporting class of the compiled SMS_def.mof reports it (SMS_Report(TRUE), SMS_Class_ID(\"…|GROUP|…\")). The report database was built from an SMS_def.mof that does not report this one: the query would fail on the site too. The note names the class to enable when it is one of the default SMS_def.mof's.",
            wrongExample: "select * from SMS_R_System inner join SMS_G_System_TPM on … (SMS_def.mof has SMS_Report(FALSE) on Win32_Tpm)",
            rightExample: "[SMS_Report(TRUE), SMS_Group_Name(\"TPM\"), SMS_Class_ID(\"MICROSOFT|TPM|1.0\")] class Win32_Tpm : SMS_Class_Template { … };"),
        DiagnosticDescriptor(
            code: unknownProperty, title: "unknown property", defaultSeverity: .error,
            explanation: "The class has no such property (for an inventory class: no reported property of that name in the compiled SMS_def.mof). The note lists the properties that exist and the close spellings.",
            wrongExample: "select * from SMS_R_System where SMS_R_System.NetBiosNam = 'PC1'",
            rightExample: "select * from SMS_R_System where SMS_R_System.NetbiosName = 'PC1'"),
        DiagnosticDescriptor(
            code: unknownQualifier, title: "class or alias not in the query", defaultSeverity: .error,
            explanation: "A property is qualified with a class or alias that the query's from and join clauses do not name. Join the class first.",
            wrongExample: "select * from SMS_R_System where SMS_G_System_OPERATING_SYSTEM.Caption like '%Server%'",
            rightExample: "select * from SMS_R_System inner join SMS_G_System_OPERATING_SYSTEM on SMS_G_System_OPERATING_SYSTEM.ResourceID = SMS_R_System.ResourceId where SMS_G_System_OPERATING_SYSTEM.Caption like '%Server%'"),
        DiagnosticDescriptor(
            code: ambiguousProperty, title: "ambiguous property", defaultSeverity: .error,
            explanation: "An unqualified property exists in more than one joined class, and the from class does not have it. Qualify it.",
            wrongExample: "select * from SMS_G_System_PROCESSOR inner join SMS_G_System_LOGICAL_DISK on … where Name = 'C:'",
            rightExample: "… where SMS_G_System_LOGICAL_DISK.Name = 'C:'"),
        DiagnosticDescriptor(
            code: subquerySelect, title: "subquery must select one property", defaultSeverity: .error,
            explanation: "x in (select …) compares x with the one property the subquery selects. select * or several properties cannot be compared.",
            wrongExample: "… where ResourceId in (select * from SMS_R_System)",
            rightExample: "… where ResourceId in (select ResourceId from SMS_R_System)"),
        DiagnosticDescriptor(
            code: siteOnlyClass, title: "class holds site data no snapshot has", defaultSeverity: .warning,
            explanation: "The class exists on a site, but its data comes from the site itself (discovery of users and groups, client health, software inventory, user-device affinity, site objects), not from the machine. mofkit's table for it is empty: the query runs, and conditions that need it never hold. Check the members on a site.",
            wrongExample: "select * from SMS_R_System inner join SMS_G_System_CH_ClientSummary on SMS_G_System_CH_ClientSummary.ResourceID = SMS_R_System.ResourceId where SMS_G_System_CH_ClientSummary.ClientActiveStatus = 1",
            rightExample: "select * from SMS_R_System where SMS_R_System.Client = 1"),
        DiagnosticDescriptor(
            code: equalsNull, title: "= null read as is null", defaultSeverity: .warning,
            explanation: "In SQL, x = NULL is never true. The SMS provider reads '= null' in WQL as 'is null' (and '<> null' as 'is not null'); mofkit does the same. Write 'is null' to say what you mean.",
            wrongExample: "… where SMS_R_System.Client = null",
            rightExample: "… where SMS_R_System.Client is null"),
        DiagnosticDescriptor(
            code: notSupported, title: "WQL construct not supported", defaultSeverity: .error,
            explanation: "mofkit does not translate this construct (the message names it: a comma join, arithmetic, group by, between, a date part, …). Rewrite the query with the constructs listed in Docs/collections.md.",
            wrongExample: "… where SMS_G_System_LOGICAL_DISK.FreeSpace * 2 < 1000",
            rightExample: "… where SMS_G_System_LOGICAL_DISK.FreeSpace < 500"),
        DiagnosticDescriptor(
            code: unknownFunction, title: "function not supported", defaultSeverity: .error,
            explanation: "The function is not one mofkit translates: upper, lower, ltrim, rtrim, len, isnull, substring, left, right, GetDate, DateDiff, DateAdd.",
            wrongExample: "… where DatePart(dw, SMS_R_System.CreationDate) = 1",
            rightExample: "… where DateDiff(dd, SMS_R_System.CreationDate, GetDate()) < 7"),
        DiagnosticDescriptor(
            code: noQuery, title: "no query in the file", defaultSeverity: .error,
            explanation: "A --query-file holds either one WQL query (starting with select) or MOF with instance of SMS_CollectionRuleQuery { QueryExpression = \"…\"; } blocks (a collection export). This file is neither, or an SMS_CollectionRuleQuery has no QueryExpression string.",
            wrongExample: "instance of SMS_CollectionRuleQuery { RuleName = \"All\"; };",
            rightExample: "instance of SMS_CollectionRuleQuery { RuleName = \"All\"; QueryExpression = \"select * from SMS_R_System\"; };"),
        DiagnosticDescriptor(
            code: database, title: "the database cannot run the query", defaultSeverity: .error,
            explanation: "The --db file is not a report database of mofkit scan / mofkit inventory with the site tables (v_R_System and the inventory map, written since mofkit collection exists), the PostgreSQL fleet database (--db postgresql://…) cannot be reached or lacks the tables of its schema migration 2 (written by scan --db and inventory --db), or the engine (SQLite, PostgreSQL) refused the translated query; the message gives its reason. Re-run scan or inventory to write the tables.",
            wrongExample: "mofkit collection --db old-mofkit.db --query …",
            rightExample: "mofkit scan … --out r && mofkit collection --db r/mofkit.db --query …"),
    ]
}
