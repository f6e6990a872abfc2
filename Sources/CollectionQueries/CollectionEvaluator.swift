import MofkitSource
import Reports

/// The database has no site tables.
public struct NotAReportDatabase: Error, CustomStringConvertible {
    /// What is missing.
    public var description: String
}

/// A member of a collection.
public struct CollectionMember: Sendable, Hashable, Comparable {
    /// The resource id.
    public var resourceID: Int64
    /// The resource's name.
    public var name: String

    /// A member.
    public init(resourceID: Int64, name: String) {
        self.resourceID = resourceID
        self.name = name
    }

    public static func < (a: CollectionMember, b: CollectionMember) -> Bool { (a.resourceID, a.name) < (b.resourceID, b.name) }
}

/// Why a machine is or is not a member: each condition, held or failed.
public struct MembershipExplanation: Sendable {
    /// One line of the explanation.
    public struct Line: Sendable, Hashable {
        /// The nesting depth.
        public var depth: Int
        /// The query text of the condition (or a description of a join).
        public var text: String
        /// Whether it held for the machine (nil: NULL, neither).
        public var held: Bool?
        /// Which rule (0-based) of the collection.
        public var rule: Int
    }

    /// The machine.
    public var machine: CollectionMember
    /// Whether it is a member (of any rule).
    public var isMember: Bool
    /// The lines, rule by rule.
    public var lines: [Line]
}

/// Parses, checks and translates the rules of a collection, and runs them on a report database.
public struct CollectionEvaluator {
    /// The schema queries are checked against.
    public let schema: CollectionSchema
    /// The SQL dialect queries are translated to.
    public let dialect: any SQLDialect

    /// An evaluator over `schema`, translating to `dialect` (SQLite by default).
    public init(schema: CollectionSchema, dialect: any SQLDialect = SQLiteDialect()) {
        self.schema = schema
        self.dialect = dialect
    }

    /// A rule parsed and translated.
    public struct Translated: Sendable {
        /// The rule.
        public var rule: CollectionRuleText
        /// The translation.
        public var translation: SQLTranslation
    }

    /// Parses and translates each rule; problems as diagnostics (warnings included).
    public func translate(_ rules: [CollectionRuleText]) -> (translated: [Translated], diagnostics: [Diagnostic]) {
        var translated: [Translated] = []
        var diagnostics: [Diagnostic] = []
        for rule in rules {
            switch WQLParser.parse(rule.text) {
            case .failure(let problem):
                diagnostics.append(rule.diagnostic(problem))
            case .success(let query):
                switch SQLTranslator.translate(query, schema: schema, dialect: dialect) {
                case .failure(let problem): diagnostics.append(rule.diagnostic(problem))
                case .success(let translation):
                    diagnostics += translation.warnings.map(rule.diagnostic)
                    translated.append(Translated(rule: rule, translation: translation))
                }
            }
        }
        return (translated, diagnostics)
    }

    /// The schema of the report database `db`: `SMS_R_System` and the site classes, the inventory classes
    /// its map lists, `SMS_G_System_PATCHSTATE` when it holds scan results.
    public static func schema(of db: SQLiteDatabase) throws -> CollectionSchema {
        let tables = Set(try db.query("SELECT lower(name) FROM sqlite_master WHERE type IN ('table', 'view')").compactMap { $0.first ?? nil })
        guard tables.contains("v_r_system"), tables.contains("mofkit_inventoryclasses") else {
            throw NotAReportDatabase(description: "not a report database with site tables (no v_R_System): write it again with this version of mofkit scan or mofkit inventory")
        }
        var inventory: [SiteClass] = []
        let columns = try db.query("SELECT TableName, Property, ColumnName, CIMType FROM mofkit_InventoryColumns ORDER BY rowid")
        for row in try db.query("SELECT ClassName, TableName FROM mofkit_InventoryClasses ORDER BY rowid") {
            guard row.count == 2, let name = row[0], let table = row[1] else { continue }
            var properties = [SiteProperty(name: "ResourceID", column: "ResourceID", cimType: "uint32"),
                              SiteProperty(name: "MachineName", column: "MachineName", cimType: "string")]
            for c in columns where c.count == 4 && c[0] == table {
                if let property = c[1], let column = c[2], let type = c[3] { properties.append(SiteProperty(name: property, column: column, cimType: type)) }
            }
            inventory.append(SiteClass(name: name, table: table, nameColumn: "MachineName", source: .inventory, properties: properties))
        }
        return CollectionSchema.site(inventory: inventory, compliance: tables.contains("v_gs_patchstate"))
    }

    /// The members of the collection: the union of its rules' members, by resource id.
    public func members(_ translated: [Translated], db: SQLiteDatabase) throws -> [CollectionMember] {
        var members = Set<CollectionMember>()
        for rule in translated {
            for row in try db.query(rule.translation.membersSQL) {
                guard row.count == 2, let id = row[0].flatMap({ Int64($0) }) else { continue }
                members.insert(CollectionMember(resourceID: id, name: row[1] ?? ""))
            }
        }
        return members.sorted()
    }

    /// The machine with resource id or name `machine` in `v_R_System`, if any.
    public static func machine(_ machine: String, db: SQLiteDatabase) throws -> CollectionMember? {
        let literal = SQLTranslator.literal(machine)
        let rows = try db.query("SELECT ResourceID, Name0 FROM v_R_System WHERE CAST(ResourceID AS TEXT) = \(literal) OR Name0 = \(literal) COLLATE NOCASE ORDER BY ResourceID LIMIT 1")
        guard let row = rows.first, row.count == 2, let id = row[0].flatMap({ Int64($0) }) else { return nil }
        return CollectionMember(resourceID: id, name: row[1] ?? "")
    }

    /// Why `machine` is or is not a member: for each rule, whether each joined class has a row for it,
    /// and whether each condition of the `where` clause held, each evaluated as its own SQL.
    public func explain(_ translated: [Translated], machine: CollectionMember, db: SQLiteDatabase) throws -> MembershipExplanation {
        var lines: [MembershipExplanation.Line] = []
        var member = false
        for (r, rule) in translated.enumerated() {
            let t = rule.translation
            let id = machine.resourceID
            let inRule = try db.query("SELECT EXISTS (SELECT 1 FROM (\(t.membersSQL)) WHERE ResourceID = \(id))").first?.first??.hasPrefix("1") ?? false
            member = member || inRule
            let name = rule.rule.ruleName.map { "rule \"\($0)\"" } ?? "rule \(r + 1)"
            lines.append(.init(depth: 0, text: "\(name): \(inRule ? "member" : "not a member")", held: inRule, rule: r))
            for join in t.joins where join.cls.source != .snapshot {
                let has = try db.query("SELECT EXISTS (SELECT 1 FROM \(SQLTranslator.quoted(join.cls.table)) WHERE \(SQLTranslator.quoted(join.cls.resourceColumn)) = \(id))")
                    .first?.first??.hasPrefix("1") ?? false
                lines.append(.init(depth: 1, text: "joined \(join.cls.name) (\(join.cls.source.rawValue)): \(has ? "has rows" : "no row") for this machine", held: has, rule: r))
            }
            for step in t.steps {
                let value = try db.query("SELECT MAX(CASE WHEN \(step.sql) THEN 1 WHEN NOT (\(step.sql)) THEN 0 END) \(t.fromSQL) WHERE \(t.resourceSQL) = \(id)")
                    .first?.first ?? nil
                let held: Bool? = value.map { $0 == "1" }
                let text = String(decoding: Array(rule.rule.text.utf8)[clamped(step.span, rule.rule.text.utf8.count)], as: UTF8.self)
                lines.append(.init(depth: step.depth + 1, text: (step.kind == "condition" ? "" : step.kind + ": ") + text, held: held, rule: r))
            }
        }
        return MembershipExplanation(machine: machine, isMember: member, lines: lines)
    }

    func clamped(_ span: WQLSpan, _ count: Int) -> Range<Int> {
        let start = max(0, min(span.start, count))
        return start..<max(start, min(span.end, count))
    }
}
