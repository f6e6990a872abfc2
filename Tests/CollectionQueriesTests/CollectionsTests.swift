import CollectionQueries
import FleetDatabase
import Foundation
import InventoryRules
import MofkitSource
import Reports
import Testing

@Suite("WQL parser")
struct WQLParserTests {
    func problem(_ text: String) -> WQLProblem? {
        if case .failure(let p) = WQLParser.parse(text) { return p }
        return nil
    }

    @Test("joins, aliases, in-subqueries, date functions and literals parse into the AST")
    func parsesDialect() throws {
        let text = "select distinct R.Name from SMS_R_System as R left outer join SMS_G_System_OPERATING_SYSTEM OS on OS.ResourceID = R.ResourceId "
            + "where (R.Name like 'PC[0-9]%' or OS.Caption not like \"%Server%\") and R.ResourceId not in (select ResourceID from SMS_R_System where Client = 1) "
            + "and DateDiff(dd, OS.LastBootUpTime, GetDate()) > -3 and R.IPSubnets is not null order by R.Name desc"
        let query = try WQLParser.parse(text).get()
        #expect(query.distinct)
        #expect(query.from.name == "SMS_R_System" && query.from.alias == "R")
        #expect(query.joins.count == 1 && query.joins[0].kind == .left && query.joins[0].target.alias == "OS")
        #expect(query.orderBy.count == 1 && query.orderBy[0].descending)
        guard case .and(let left, let last, _)? = query.condition, case .isNull(_, negated: true, _) = last else {
            Issue.record("where clause shape: \(String(describing: query.condition))")
            return
        }
        guard case .and(let first, let dateDiff, _) = left, case .comparison(.greater, .function(let name, let args, _), .number("-3", _), _) = dateDiff else {
            Issue.record("DateDiff shape")
            return
        }
        #expect(name == "DateDiff" && args.count == 3)
        if case .datePart(let part, _) = args[0] { #expect(part == "dd") } else { Issue.record("dd is a date part") }
        guard case .and(.parenthesized(.or(_, .like(_, _, negated: true, _), _), _), .inQuery(_, let sub, negated: true, _), _) = first else {
            Issue.record("or / not in shape")
            return
        }
        #expect(sub.from.name == "SMS_R_System")
    }

    @Test("spans point at the token in the query text")
    func spans() throws {
        let text = "select * from SMS_R_System\nwhere Name = 'A'"
        let query = try WQLParser.parse(text).get()
        guard case .comparison(_, .property(let p), .string(let s, let sSpan), _)? = query.condition else {
            Issue.record("shape")
            return
        }
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[p.span.start..<p.span.end], as: UTF8.self) == "Name")
        #expect(s == "A" && String(decoding: bytes[sSpan.start..<sSpan.end], as: UTF8.self) == "'A'")
    }

    @Test("deep nesting is refused, not a stack overflow")
    func deepNesting() throws {
        let open = String(repeating: "(", count: 100_000)
        let p = try #require(problem("select * from SMS_R_System where " + open + "Client = 1"))
        #expect(p.code == "COL3001" && p.message.contains("nested"))
        let nots = try #require(problem("select * from SMS_R_System where " + String(repeating: "not ", count: 100_000) + "Client = 1"))
        #expect(nots.code == "COL3001")
        let subqueries = String(repeating: "ResourceId in (select ResourceId from SMS_R_System where ", count: 5_000)
        #expect(problem("select * from SMS_R_System where " + subqueries + "Client = 1")?.code == "COL3001")
    }

    @Test("backslash escapes in strings, != as <>")
    func escapes() throws {
        let query = try WQLParser.parse(#"select * from SMS_R_User where UserGroupName != "SWN\\BIS Team""#).get()
        guard case .comparison(.notEqual, _, .string(let s, _), _)? = query.condition else {
            Issue.record("shape")
            return
        }
        #expect(s == #"SWN\BIS Team"#)
    }

    @Test("lexical and syntax errors have codes and places", arguments: [
        ("select * from SMS_R_System where Name = “x”", "COL1001", 40),
        ("select * from SMS_R_System where Name = 'x", "COL1002", 40),
        ("select * from SMS_R_System where", "COL1003", 32),
        ("select * from SMS_R_System where Client = 1.", "COL1004", 43),
        ("select * from SMS_R_System where Client is 1", "COL1003", 40),
        ("select * from SMS_R_System, SMS_R_User", "COL3001", 26),
        ("select * from SMS_R_System where Client between 1 and 2", "COL3001", 40),
        ("select * from SMS_R_System where FreeSpace * 2 < 4", "COL3001", 43),
        ("select Name from SMS_R_System group by Name", "COL3001", 30),
    ])
    func errors(_ text: String, _ code: String, _ offset: Int) throws {
        let p = try #require(problem(text))
        #expect(p.code == code, "\(p.message)")
        #expect(p.span.start == offset, "\(p.message) at \(p.span)")
    }

    @Test("hostile input never crashes: every prefix of a real query")
    func prefixes() {
        let text = "select SMS_R_System.Name from SMS_R_System inner join SMS_G_System_OPERATING_SYSTEM on SMS_G_System_OPERATING_SYSTEM.ResourceID = SMS_R_System.ResourceId where UPPER(SMS_R_System.Name) in ('A', \"B\") and DateDiff(dd, SMS_G_System_OPERATING_SYSTEM.LastBootUpTime, GetDate()) > 30"
        let bytes = Array(text.utf8)
        for n in 0..<bytes.count {
            let prefix = String(decoding: bytes[0..<n], as: UTF8.self)
            // Some prefixes are whole queries (ending after a complete condition): they must translate or fail cleanly.
            if case .success(let query) = WQLParser.parse(prefix) { _ = SQLTranslator.translate(query, schema: CollectionSchema.standard) }
        }
    }
}

@Suite("collection schema and translation")
struct TranslationTests {
    func translate(_ text: String, schema: CollectionSchema = .standard) -> Result<SQLTranslation, WQLProblem> {
        switch WQLParser.parse(text) {
        case .failure(let p): return .failure(p)
        case .success(let q): return SQLTranslator.translate(q, schema: schema)
        }
    }

    @Test("the bundled default SMS_def.mof compiles without errors and yields the standard groups")
    func defaults() {
        #expect(DefaultInventory.diagnostics.filter { $0.severity == .error }.isEmpty, "\(DefaultInventory.diagnostics.map(\.message))")
        let names = Set(CollectionSchema.inventoryClasses(DefaultInventory.rules).map(\.name))
        for group in ["OPERATING_SYSTEM", "COMPUTER_SYSTEM", "ADD_REMOVE_PROGRAMS", "ADD_REMOVE_PROGRAMS_64", "QUICK_FIX_ENGINEERING", "PROCESSOR",
                      "LOGICAL_DISK", "NETWORK_ADAPTER_CONFIGURATION", "SYSTEM_ENCLOSURE", "PC_BIOS", "INSTALLED_SOFTWARE"] {
            #expect(names.contains("SMS_G_System_" + group), "\(group)")
        }
    }

    @Test("unknown property: code, place and the close spelling")
    func unknownProperty() throws {
        guard case .failure(let p) = translate("select * from SMS_R_System where SMS_R_System.NetBiosNam = 'x'") else {
            Issue.record("should fail")
            return
        }
        #expect(p.code == "COL2003" && p.span.start == 46)
        #expect(p.notes.contains { $0.contains("SMS_R_System.NetbiosName") })
    }

    @Test("unknown class and a qualifier not joined")
    func unknownClass() {
        guard case .failure(let a) = translate("select * from SMS_R_Sytem") else { Issue.record("should fail"); return }
        #expect(a.code == "COL2001" && a.notes.first?.contains("SMS_R_System") == true)
        guard case .failure(let b) = translate("select * from SMS_R_System where SMS_G_System_OPERATING_SYSTEM.Caption = 'x'") else { Issue.record("should fail"); return }
        #expect(b.code == "COL2004" && b.message.contains("not in this query"))
    }

    @Test("an SMS_G_System class the compiled SMS_def.mof does not report names the class to enable")
    func notReported() {
        // A site whose SMS_def.mof reports nothing: every default group is disabled.
        let schema = CollectionSchema.site(inventory: [], compliance: false)
        guard case .failure(let p) = translate("select * from SMS_R_System inner join SMS_G_System_TPM on SMS_G_System_TPM.ResourceID = SMS_R_System.ResourceId", schema: schema) else {
            Issue.record("should fail")
            return
        }
        #expect(p.code == "COL2002")
        #expect(p.notes.first?.contains("Win32_Tpm") == true, "\(p.notes)")
        guard case .failure(let q) = translate("select * from SMS_R_System inner join SMS_G_System_CONTOSO_APP on SMS_G_System_CONTOSO_APP.ResourceID = SMS_R_System.ResourceId") else {
            Issue.record("should fail")
            return
        }
        #expect(q.code == "COL2002" && q.notes.first?.contains("|CONTOSO_APP|") == true)
    }

    @Test("a site-only class translates with a warning")
    func siteOnly() throws {
        let t = try translate("select * from SMS_R_System where ResourceId in (select ResourceID from SMS_G_System_WORKSTATION_STATUS where DATEDIFF(dd, SMS_G_System_WORKSTATION_STATUS.LastHardwareScan, GetDate()) > 30)").get()
        #expect(t.warnings.map(\.code) == ["COL2007"])
        #expect(t.membersSQL.contains("\"v_GS_WORKSTATION_STATUS\""))
    }

    @Test("= null is read as is null, with a warning")
    func equalsNull() throws {
        let t = try translate("select * from SMS_R_System where SMS_R_System.Client = null").get()
        #expect(t.warnings.map(\.code) == ["COL2008"])
        #expect(t.membersSQL.contains("IS NULL"))
    }

    @Test("PostgreSQL: lower-cased names, ASCII-folded comparisons, like (a regular expression for [..]), dates through mofkit_timestamp")
    func postgresShape() throws {
        func sql(_ text: String) throws -> String {
            try SQLTranslator.translate(try WQLParser.parse(text).get(), schema: .standard, dialect: PostgreSQLDialect()).get().membersSQL
        }
        let like = try sql("select * from SMS_R_System where SMS_R_System.Name like 'pc[0-9]%' and SMS_R_System.NetbiosName like 'A.B_(x)%'")
        #expect(like.contains("FROM \"v_r_system\" AS t0"))
        #expect(like.contains("lower(CAST(t0.\"name0\" AS TEXT) COLLATE \"C\") ~ '^pc[0-9].*$'"), "\(like)")
        #expect(like.contains("lower(CAST(t0.\"netbios_name0\" AS TEXT) COLLATE \"C\") LIKE 'a.b_(x)%' ESCAPE ''"), "\(like)")
        let classes = try sql("select * from SMS_R_System where SMS_R_System.Name like 'A.B[^X]+(%'")
        #expect(classes.contains("~ '^a\\.b[^x]\\+\\(.*$'"), "\(classes)")
        let compare = try sql("select * from SMS_R_System where SMS_R_System.Name = 'PC1' and SMS_R_System.ResourceId = '5'")
        #expect(compare.contains("lower(CAST(t0.\"name0\" AS TEXT) COLLATE \"C\") = lower(CAST('PC1' AS TEXT) COLLATE \"C\")"), "\(compare)")
        #expect(compare.contains("t0.\"resourceid\" = '5'"), "a literal takes the number column's type: \(compare)")
        let dates = try sql("select * from SMS_R_System inner join SMS_G_System_OPERATING_SYSTEM on SMS_G_System_OPERATING_SYSTEM.ResourceID = SMS_R_System.ResourceId where DateDiff(dd, SMS_G_System_OPERATING_SYSTEM.LastBootUpTime, GetDate()) > 30")
        #expect(dates.contains("mofkit_timestamp(") && dates.contains("timezone('UTC', now())"), "\(dates)")
        // SQLite: the same query keeps SQLite's spelling.
        let sqlite = try SQLTranslator.translate(try WQLParser.parse("select * from SMS_R_System where SMS_R_System.Name = 'PC1'").get(), schema: .standard).get().membersSQL
        #expect(sqlite.contains("t0.\"Name0\" = 'PC1' COLLATE NOCASE"), "\(sqlite)")
    }

    @Test("like with a [..] class becomes GLOB; an array property becomes EXISTS over its table")
    func sqlShape() throws {
        let t = try translate("select * from SMS_R_System where SMS_R_System.Name like 'pc[0-9]%' and SMS_R_System.IPSubnets = '10.1.0.0'").get()
        #expect(t.membersSQL.contains("upper(t0.\"Name0\") GLOB 'PC[0-9]*'"))
        #expect(t.membersSQL.contains("EXISTS (SELECT 1 FROM \"v_RA_System_IPSubnets\""))
    }
}

@Suite("collection membership on the Corpus fleet")
struct MembershipTests {
    static let cases: [(String, [String])] = [
        // Memberships worked out by hand from the snapshots (see Corpus/collections/README.md).
        ("select * from SMS_R_System", ["TSSRV01", "SQL2019-01", "W10-FIN-017", "W11-DEV-003", "XPWS042", "LAB-VM-07", "PC-HQ-001", "SRV-APP-02"]),
        ("select * from SMS_R_System where SMS_R_System.IPSubnets = '10.1.0.0'", ["SRV-APP-02"]),
        ("select * from SMS_R_System where SMS_R_System.SystemOUName = 'contoso.com/hq'", ["PC-HQ-001", "SRV-APP-02"]),
        ("select * from SMS_R_System where SMS_R_System.SystemOUName like '%/DESKTOPS'", ["PC-HQ-001"]),
        // Element by element, as the site: PC-HQ-001 also has CONTOSO.COM/HQ, which does not match.
        ("select * from SMS_R_System where SMS_R_System.SystemOUName not like '%DESKTOPS%'", ["PC-HQ-001", "SRV-APP-02"]),
        ("select * from SMS_R_System where SMS_R_System.IPAddresses is null", ["TSSRV01", "SQL2019-01", "W10-FIN-017", "W11-DEV-003", "XPWS042"]),
        ("select * from SMS_R_System where SMS_R_System.OperatingSystemNameandVersion like 'Microsoft Windows NT%Server%'", ["TSSRV01", "SQL2019-01", "SRV-APP-02"]),
        // q059: servers that are not virtual.
        ("select SMS_R_SYSTEM.ResourceID,SMS_R_SYSTEM.Name from SMS_R_System where SMS_R_System.ResourceId not in (select SMS_R_SYSTEM.ResourceID from SMS_R_System inner join SMS_G_System_COMPUTER_SYSTEM on SMS_G_System_COMPUTER_SYSTEM.ResourceId = SMS_R_System.ResourceId where SMS_R_System.IsVirtualMachine = 'True' or SMS_G_System_COMPUTER_SYSTEM.Model like '%VMware7,1%') and SMS_R_System.OperatingSystemNameandVersion like 'Microsoft Windows NT%Server%'", ["TSSRV01"]),
        ("select * from SMS_R_System inner join SMS_G_System_OPERATING_SYSTEM on SMS_G_System_OPERATING_SYSTEM.ResourceID = SMS_R_System.ResourceId where SMS_G_System_OPERATING_SYSTEM.Caption like \"Microsoft Windows 10%\"", ["W10-FIN-017", "PC-HQ-001"]),
        ("select * from SMS_R_System inner join SMS_G_System_OPERATING_SYSTEM on SMS_G_System_OPERATING_SYSTEM.ResourceID = SMS_R_System.ResourceId where DATEDIFF(dd, SMS_G_System_OPERATING_SYSTEM.LastBootUpTime, GetDate()) > 30", ["PC-HQ-001"]),
        ("select * from SMS_R_System inner join SMS_G_System_OPERATING_SYSTEM on SMS_G_System_OPERATING_SYSTEM.ResourceID = SMS_R_System.ResourceId where SMS_G_System_OPERATING_SYSTEM.LastBootUpTime <= DATEADD(DAY, -14, GETDATE())", ["PC-HQ-001"]),
        ("select * from SMS_R_System inner join SMS_G_System_ADD_REMOVE_PROGRAMS_64 on SMS_G_System_ADD_REMOVE_PROGRAMS_64.ResourceID = SMS_R_System.ResourceId where SMS_G_System_ADD_REMOVE_PROGRAMS_64.DisplayName like 'Microsoft%Visio%'", ["LAB-VM-07", "PC-HQ-001"]),
        ("select * from SMS_R_System inner join SMS_G_System_SYSTEM_ENCLOSURE on SMS_G_System_SYSTEM_ENCLOSURE.ResourceID = SMS_R_System.ResourceId where SMS_G_System_SYSTEM_ENCLOSURE.ChassisTypes in (8, 9, 10, 11, 12, 14, 18, 21, 30, 31, 32)", ["LAB-VM-07", "PC-HQ-001"]),
        // An inventory array matches when any element does: LAB-VM-07 has {3, 12}.
        ("select * from SMS_R_System inner join SMS_G_System_SYSTEM_ENCLOSURE on SMS_G_System_SYSTEM_ENCLOSURE.ResourceID = SMS_R_System.ResourceId where SMS_G_System_SYSTEM_ENCLOSURE.ChassisTypes = \"3\"", ["LAB-VM-07"]),
        ("select * from SMS_R_System inner join SMS_G_System_LOGICAL_DISK on SMS_G_System_LOGICAL_DISK.ResourceID = SMS_R_System.ResourceId where SMS_G_System_LOGICAL_DISK.Name = \"C:\" and SMS_G_System_LOGICAL_DISK.FreeSpace < 30720", ["PC-HQ-001"]),
        ("SELECT SMS_R_SYSTEM.Name FROM SMS_R_System INNER JOIN SMS_G_System_SERVICE ON SMS_G_System_SERVICE.ResourceId = SMS_R_System.ResourceId WHERE SMS_G_System_SERVICE.Name = \"dns\"", ["SRV-APP-02"]),
        ("select * from SMS_R_System where SMS_R_System.Client = 1", ["PC-HQ-001", "SRV-APP-02"]),
        ("select * from SMS_R_System where SMS_R_System.Name like 'PC-HQ-00[0-9]' or SMS_R_System.ResourceID like '%[0-1]'", ["TSSRV01", "PC-HQ-001"]),
        ("select * from SMS_R_System where SMS_R_System.LastLogonUserName is not null", ["PC-HQ-001"]),
        ("select * from SMS_R_System where SMS_R_System.IsVirtualMachine = 'True' and not SMS_R_System.Name = 'lab-vm-07'", ["SQL2019-01", "SRV-APP-02"]),
        ("select * from SMS_R_System where SMS_R_System.ResourceId in (select distinct SMS_G_System_ADD_REMOVE_PROGRAMS_64.ResourceID from SMS_G_System_ADD_REMOVE_PROGRAMS_64 where SMS_G_System_ADD_REMOVE_PROGRAMS_64.Publisher = 'igor pavlov')", ["W10-FIN-017", "PC-HQ-001"]),
    ]

    @Test("exact members of hand-checked queries")
    func members() throws {
        let path = try Fleet.database()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.checkMembers(try SQLiteDatabase(opening: path))
    }

    /// Every case of ``cases`` has exactly its members on `db`.
    static func checkMembers(_ db: any CollectionDatabase) throws {
        let evaluator = CollectionEvaluator(schema: try CollectionEvaluator.schema(of: db), dialect: db.dialect)
        for (query, expected) in Self.cases {
            let source = SourceFile(path: "<query>", string: query)
            let (translated, diagnostics) = evaluator.translate([CollectionRuleText(source: source)])
            #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(query): \(diagnostics.map(\.message))")
            let members = try evaluator.members(translated, db: db)
            let wanted = expected.compactMap { name in Fleet.ids[name].map { CollectionMember(resourceID: $0, name: name) } }.sorted()
            #expect(members == wanted, "\(query)")
        }
    }

    @Test("a MOF collection export: one rule per SMS_CollectionRuleQuery, members are the union, places inside the file")
    func mofExport() throws {
        let mof = """
            instance of SMS_CollectionRuleQuery
            {
                RuleName = "Clients";
                QueryExpression = "select * from SMS_R_System where SMS_R_System.Client = 1";
            };
            instance of SMS_CollectionRuleQuery
            {
                RuleName = "Lab";
                QueryExpression = "select * from SMS_R_System where SMS_R_System.Name = \\"LAB-VM-07\\"";
            };
            instance of SMS_CollectionRuleQuery
            {
                RuleName = "Broken";
                QueryExpression = "select * from SMS_R_System where SMS_R_System.Nmae = 1";
            };
            """
        let source = SourceFile(path: "export.mof", string: mof)
        let read = CollectionQueryFile.rules(in: source)
        #expect(read.diagnostics.isEmpty)
        #expect(read.rules.map(\.ruleName) == ["Clients", "Lab", "Broken"])
        let path = try Fleet.database()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try SQLiteDatabase(opening: path)
        let evaluator = CollectionEvaluator(schema: try CollectionEvaluator.schema(of: db))
        let (translated, diagnostics) = evaluator.translate(read.rules)
        #expect(translated.count == 2)
        let error = try #require(diagnostics.first)
        #expect(error.code.rawValue == "COL2003" && error.range.file == "export.mof")
        #expect(error.range.start.line == 14 && error.range.start.column == 70, "\(error.range)")
        #expect(try evaluator.members(translated, db: db).map(\.name) == ["LAB-VM-07", "PC-HQ-001", "SRV-APP-02"])
    }

    @Test("--explain: each condition held or failed for one machine")
    func explain() throws {
        let path = try Fleet.database()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.checkExplain(try SQLiteDatabase(opening: path))
    }

    static func checkExplain(_ db: any CollectionDatabase) throws {
        let evaluator = CollectionEvaluator(schema: try CollectionEvaluator.schema(of: db), dialect: db.dialect)
        let query = "select * from SMS_R_System inner join SMS_G_System_OPERATING_SYSTEM on SMS_G_System_OPERATING_SYSTEM.ResourceID = SMS_R_System.ResourceId where SMS_G_System_OPERATING_SYSTEM.Caption like 'Microsoft Windows 10%' and SMS_R_System.Client = 1"
        let (translated, _) = evaluator.translate([CollectionRuleText(source: SourceFile(path: "<q>", string: query))])
        let machine = try #require(try CollectionEvaluator.machine("w10-fin-017", db: db))
        let explanation = try evaluator.explain(translated, machine: machine, db: db)
        #expect(!explanation.isMember)
        let conditions = explanation.lines.filter { $0.depth == 2 }
        #expect(conditions.map(\.text) == ["SMS_G_System_OPERATING_SYSTEM.Caption like 'Microsoft Windows 10%'", "SMS_R_System.Client = 1"])
        #expect(conditions.map(\.held) == [true, false])
        let member = try evaluator.explain(translated, machine: try #require(try CollectionEvaluator.machine("7", db: db)), db: db)
        #expect(member.isMember && member.lines.filter { $0.depth == 2 }.allSatisfy { $0.held == true })
    }
}

@Suite("collections on PostgreSQL (MOFKIT_TEST_POSTGRES_URL)", .enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
struct PostgresCollectionTests {
    @Test("exact members of the hand-checked queries on PostgreSQL")
    func members() throws {
        let db = try Fleet.postgres()
        try MembershipTests.checkMembers(db)
    }

    @Test("--explain on PostgreSQL: each condition held or failed for one machine")
    func explain() throws {
        try MembershipTests.checkExplain(try Fleet.postgres())
    }

    @Test("SQLite and PostgreSQL give the same members: the hand-checked set and every translatable row of QUERIES.tsv")
    func sameMembers() throws {
        let extension_ = InventoryRulesLoader.rules(paths: [Fleet.path("Corpus/collections/ipu-extension.mof")])
        let path = try Fleet.database(extraRules: extension_.rules)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sqlite = try SQLiteDatabase(opening: path)
        let postgres = try Fleet.postgres(extraRules: extension_.rules)
        let onSQLite = CollectionEvaluator(schema: try CollectionEvaluator.schema(of: sqlite), dialect: sqlite.dialect)
        let onPostgres = CollectionEvaluator(schema: try CollectionEvaluator.schema(of: postgres), dialect: postgres.dialect)
        let corpus = CorpusQueryTests.rows() ?? []
        if corpus.isEmpty { print("../shared/corpus/collections/QUERIES.tsv is absent: comparing the hand-checked queries only") }
        var compared = 0
        var nonEmpty = 0
        for (id, query) in MembershipTests.cases.enumerated().map({ ("case \($0.offset + 1)", $0.element.0) }) + corpus {
            let rule = CollectionRuleText(source: SourceFile(path: id, string: query))
            let a = onSQLite.translate([rule])
            guard !a.translated.isEmpty else { continue }
            let b = onPostgres.translate([rule])
            #expect(b.translated.count == 1, "\(id) translates on SQLite, not on PostgreSQL: \(b.diagnostics.map(\.message))")
            guard !b.translated.isEmpty else { continue }
            let expected = try onSQLite.members(a.translated, db: sqlite)
            let got: [CollectionMember]
            do {
                got = try onPostgres.members(b.translated, db: postgres)
            } catch {
                Issue.record("\(id): PostgreSQL fails: \(error)\n\(b.translated[0].translation.membersSQL)")
                continue
            }
            #expect(got == expected, "\(id): \(query)")
            compared += 1
            if !expected.isEmpty { nonEmpty += 1 }
        }
        print("collections: \(compared) queries give the same members on SQLite and PostgreSQL (\(nonEmpty) with members)")
        #expect(compared >= MembershipTests.cases.count)
    }
}

@Suite("real collection queries (../shared/corpus/collections/QUERIES.tsv)")
struct CorpusQueryTests {
    /// The rows: id and query (a TSV whose fields may be quoted with doubled quotes).
    static func rows() -> [(id: String, query: String)]? {
        guard let text = try? String(contentsOfFile: Fleet.path("../shared/corpus/collections/QUERIES.tsv"), encoding: .utf8) else { return nil }
        var rows: [[String]] = []
        var field = ""
        var record: [String] = []
        var quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "\t" {
                record.append(field); field = ""
            } else if c == "\n" || c == "\r\n" {
                record.append(field); field = ""
                rows.append(record); record = []
            } else { field.append(c) }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); rows.append(record) }
        guard let header = rows.first, let q = header.firstIndex(of: "query"), let id = header.firstIndex(of: "id") else { return nil }
        return rows.dropFirst().filter { $0.count > q }.map { ($0[id], $0[q]) }
    }

    @Test("every query translates or is refused with a coded diagnostic; translated SQL runs; rate >= 95 %")
    func rate() throws {
        guard let rows = Self.rows() else {
            print("skipped: ../shared/corpus/collections/QUERIES.tsv is absent")
            return
        }
        #expect(rows.count >= 50)
        let extension_ = InventoryRulesLoader.rules(paths: [Fleet.path("Corpus/collections/ipu-extension.mof")])
        #expect(extension_.diagnostics.filter { $0.severity == .error }.isEmpty)
        let withExtension = CollectionSchema.standard(adding: extension_.rules)
        let path = try Fleet.database(extraRules: extension_.rules)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try SQLiteDatabase(opening: path)
        var standardCount = 0
        var extendedCount = 0
        var refused: [String] = []
        for (id, query) in rows {
            let rule = CollectionRuleText(source: SourceFile(path: id, string: query))
            let standard = CollectionEvaluator(schema: .standard).translate([rule])
            if !standard.translated.isEmpty { standardCount += 1 }
            let extended = CollectionEvaluator(schema: withExtension).translate([rule])
            if standard.translated.isEmpty && !extended.translated.isEmpty {
                // Only a custom class of the sites' SMS_def.mof separates the two figures, and without its
                // definition the diagnostic names the class to report.
                let diagnostic = standard.diagnostics.first { $0.severity == .error }
                #expect(diagnostic?.code.rawValue == "COL2002" && diagnostic?.message.contains("IpuResult") == true, "\(id): \(String(describing: diagnostic?.message))")
            }
            if let t = extended.translated.first {
                extendedCount += 1
                // The database runs it (no SQL error).
                #expect(throws: Never.self, "\(id)") { _ = try db.query(t.translation.membersSQL) }
            } else {
                let diagnostic = try #require(extended.diagnostics.first { $0.severity == .error }, "\(id) neither translates nor is refused")
                #expect(diagnostic.code.rawValue.hasPrefix("COL") && diagnostic.range.start.line >= 1)
                refused.append("\(id) \(diagnostic.code.rawValue): \(diagnostic.message)")
            }
        }
        let rateStandard = Double(standardCount) * 100 / Double(rows.count)
        let rateExtended = Double(extendedCount) * 100 / Double(rows.count)
        print("collection corpus: \(standardCount)/\(rows.count) translate with the default classes (\(String(format: "%.1f", rateStandard)) %); "
              + "\(extendedCount)/\(rows.count) with the sites' SMS_def.mof extension (\(String(format: "%.1f", rateExtended)) %); refused: \(refused.joined(separator: "; "))")
        #expect(rateExtended >= 95)
        #expect(rateStandard >= 90)
    }
}
