import MofkitSource
import Reports

/// The database has no site tables.
public struct NotAReportDatabase: Error, CustomStringConvertible {
    /// What is missing.
    public var description: String
}

/// A database collection queries run on: the SQLite report database of `scan` / `inventory`
/// (``Reports/SQLiteDatabase``), or a fleet database (`FleetDatabase`'s `FleetCollectionDatabase`, SQLite or
/// PostgreSQL). It runs SQL in its ``dialect``; mofkit evaluates nothing itself.
public protocol CollectionDatabase {
    /// The dialect its SQL is written in.
    var dialect: any SQLDialect { get }
    /// The column that orders the rows of the inventory-class map as they were written.
    var insertionOrder: String { get }
    /// Runs one query; its rows as text (NULL as nil).
    func rows(_ sql: String) throws -> [[String?]]
    /// The names of its tables and views, lower-cased.
    func tableNames() throws -> Set<String>
}

extension SQLiteDatabase: CollectionDatabase {
    /// ``SQLiteDialect``.
    public var dialect: any SQLDialect { SQLiteDialect() }
    /// `rowid`.
    public var insertionOrder: String { "rowid" }
    /// ``SQLiteDatabase/query(_:)``.
    public func rows(_ sql: String) throws -> [[String?]] { try query(sql) }
    /// From `sqlite_master`.
    public func tableNames() throws -> Set<String> {
        Set(try query("SELECT lower(name) FROM sqlite_master WHERE type IN ('table', 'view')").compactMap { $0.first ?? nil })
    }
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
    public static func schema(of db: any CollectionDatabase) throws -> CollectionSchema {
        let tables = try db.tableNames()
        guard tables.contains("v_r_system"), tables.contains("mofkit_inventoryclasses") else {
            throw NotAReportDatabase(description: "not a report database with site tables (no v_R_System): write it again with this version of mofkit scan or mofkit inventory")
        }
        var inventory: [SiteClass] = []
        let columns = try db.rows("SELECT TableName, Property, ColumnName, CIMType FROM mofkit_InventoryColumns ORDER BY \(db.insertionOrder)")
        for row in try db.rows("SELECT ClassName, TableName FROM mofkit_InventoryClasses ORDER BY \(db.insertionOrder)") {
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
    public func members(_ translated: [Translated], db: any CollectionDatabase) throws -> [CollectionMember] {
        var members = Set<CollectionMember>()
        for rule in translated {
            for row in try db.rows(rule.translation.membersSQL) {
                guard row.count == 2, let id = row[0].flatMap({ Int64($0) }) else { continue }
                members.insert(CollectionMember(resourceID: id, name: row[1] ?? ""))
            }
        }
        return members.sorted()
    }

    /// The machine with resource id or name `machine` in `v_R_System`, if any.
    public static func machine(_ machine: String, db: any CollectionDatabase) throws -> CollectionMember? {
        let literal = SQLTranslator.literal(machine)
        let name = db.dialect.textComparison("Name0", "=", literal)
        let rows = try db.rows("SELECT ResourceID, Name0 FROM v_R_System WHERE CAST(ResourceID AS TEXT) = \(literal) OR \(name) ORDER BY ResourceID LIMIT 1")
        guard let row = rows.first, row.count == 2, let id = row[0].flatMap({ Int64($0) }) else { return nil }
        return CollectionMember(resourceID: id, name: row[1] ?? "")
    }

    /// Why `machine` is or is not a member: for each rule, whether each joined class has a row for it,
    /// and whether each condition of the `where` clause held, each evaluated as its own SQL.
    public func explain(_ translated: [Translated], machine: CollectionMember, db: any CollectionDatabase) throws -> MembershipExplanation {
        var lines: [MembershipExplanation.Line] = []
        var member = false
        for (r, rule) in translated.enumerated() {
            let t = rule.translation
            let id = machine.resourceID
            let inRule = try db.rows("SELECT CASE WHEN EXISTS (SELECT 1 FROM (\(t.membersSQL)) AS m WHERE m.ResourceID = \(id)) THEN 1 ELSE 0 END").first?.first??.hasPrefix("1") ?? false
            member = member || inRule
            let name = rule.rule.ruleName.map { "rule \"\($0)\"" } ?? "rule \(r + 1)"
            lines.append(.init(depth: 0, text: "\(name): \(inRule ? "member" : "not a member")", held: inRule, rule: r))
            for join in t.joins where join.cls.source != .snapshot {
                let has = try db.rows("SELECT CASE WHEN EXISTS (SELECT 1 FROM \(dialect.identifier(join.cls.table)) WHERE \(dialect.identifier(join.cls.resourceColumn)) = \(id)) THEN 1 ELSE 0 END")
                    .first?.first??.hasPrefix("1") ?? false
                lines.append(.init(depth: 1, text: "joined \(join.cls.name) (\(join.cls.source.rawValue)): \(has ? "has rows" : "no row") for this machine", held: has, rule: r))
            }
            for step in t.steps {
                let value = try db.rows("SELECT MAX(CASE WHEN \(step.sql) THEN 1 WHEN NOT (\(step.sql)) THEN 0 END) \(t.fromSQL) WHERE \(t.resourceSQL) = \(id)")
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
