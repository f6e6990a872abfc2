import MofkitSource
import Reports

/// One condition of a `where` clause, translated on its own, for `--explain`.
public struct ExplainStep: Sendable, Hashable {
    /// Where the condition is in the query text.
    public var span: WQLSpan
    /// Nesting depth (0 = the whole `where`).
    public var depth: Int
    /// `and`, `or`, `not` or `condition`.
    public var kind: String
    /// The SQL of the condition (a boolean expression over the query's `from` and joins).
    public var sql: String
}

/// A query translated to SQL.
public struct SQLTranslation: Sendable {
    /// `SELECT DISTINCT <ResourceID>, <Name> FROM … WHERE … ORDER BY 1`: the members.
    public var membersSQL: String
    /// The `FROM … JOIN …` clause of the outer query (for `--explain`).
    public var fromSQL: String
    /// The outer `from` class's resource column, qualified (`t0."ResourceID"`).
    public var resourceSQL: String
    /// The outer `from` class.
    public var fromClass: SiteClass
    /// Per join: the joined class and its alias, for `--explain`.
    public var joins: [(cls: SiteClass, alias: String, span: WQLSpan)]
    /// The `where` clause's conditions, outermost first.
    public var steps: [ExplainStep]
    /// Warnings (the query still runs).
    public var warnings: [WQLProblem]
}

/// Translates a parsed WQL query to SQL over the site-shaped tables of ``CollectionSchema``. The
/// database runs it; nothing is evaluated here. The SQL text of engine-specific constructs (names, dates,
/// `like`, case-insensitive comparison, string functions) comes from the ``SQLDialect``: ``SQLiteDialect``
/// or ``PostgreSQLDialect``.
public struct SQLTranslator {
    let schema: CollectionSchema
    let dialect: any SQLDialect
    var aliasCount = 0
    var warnings: [WQLProblem] = []
    var steps: [ExplainStep] = []
    var recordSteps = false

    /// A translator over `schema`, writing `dialect`'s SQL.
    public init(schema: CollectionSchema, dialect: any SQLDialect = SQLiteDialect()) {
        self.schema = schema
        self.dialect = dialect
    }

    struct Scope {
        var entries: [(reference: String, cls: SiteClass, alias: String)]
    }

    var scopes: [Scope] = []

    /// A translated value: SQL and what it holds.
    struct Value {
        var sql: String
        var cimType: String?  // nil: a literal or computed value
        var isText: Bool
        /// A literal: compared with a column, it takes the column's type (SQLite's affinity; PostgreSQL's unknown literals).
        var isLiteral = false
    }

    /// An array property met inside the predicate being translated: wrapped into EXISTS by the predicate.
    struct PendingArray {
        var table: String
        var alias: String
        var ownerAlias: String
        var ownerColumn: String
    }

    var pendingArrays: [PendingArray] = []

    func quoted(_ name: String) -> String { dialect.identifier(name) }
    static func literal(_ text: String) -> String { "'" + text.replacing("'", with: "''") + "'" }

    /// Translates `query` (the outer statement of a collection rule).
    public static func translate(_ query: WQLQuery, schema: CollectionSchema, dialect: any SQLDialect = SQLiteDialect()) -> Result<SQLTranslation, WQLProblem> {
        var translator = SQLTranslator(schema: schema, dialect: dialect)
        do {
            return .success(try translator.outer(query))
        } catch let problem as WQLProblem {
            return .failure(problem)
        } catch {
            return .failure(WQLProblem("COL3001", "\(error)", query.span))
        }
    }

    mutating func newAlias(_ prefix: String = "t") -> String {
        defer { aliasCount += 1 }
        return "\(prefix)\(aliasCount)"
    }

    mutating func resolveClass(_ ref: WQLClassReference) throws -> SiteClass {
        if let cls = schema.class(named: ref.name) {
            if cls.source == .siteOnly && !warnings.contains(where: { $0.code == "COL2007" && $0.message.hasPrefix(cls.name + " ") }) {
                warnings.append(WQLProblem("COL2007", "\(cls.name) holds data only a site has (no snapshot supplies it): its table is empty here", ref.span,
                                           notes: ["conditions on it never hold offline; see Docs/collections.md"], warning: true))
            }
            return cls
        }
        let lower = ref.name.lowercased()
        if let disabled = schema.disabledDefaults[lower] {
            throw WQLProblem("COL2002", "class \(ref.name) is not reported by the compiled SMS_def.mof", ref.span,
                             notes: ["enable it: set SMS_Report(TRUE) on the reporting class \(disabled.reportingClass) (group \"\(disabled.group)\") and on the properties the query uses"])
        }
        if lower.hasPrefix("sms_g_system_") {
            let group = ref.name.dropFirst("SMS_G_System_".count)
            let inventory = schema.classNames.filter { $0.lowercased().hasPrefix("sms_g_system_") }
            throw WQLProblem("COL2002", "class \(ref.name) is reported by no compiled SMS_def.mof", ref.span,
                             notes: ["a site has it only when SMS_def.mof has a reporting class with SMS_Class_ID(\"<VENDOR>|\(group.uppercased())|1.0\") and SMS_Report(TRUE); compile that MOF with `mofkit inventory --mof`",
                                     "inventory classes known here: " + inventory.joined(separator: ", ")])
        }
        throw WQLProblem("COL2001", "unknown class \(ref.name)", ref.span, notes: ["classes known here: " + schema.classNames.joined(separator: ", ")])
    }

    mutating func fromClause(_ query: WQLQuery) throws -> (sql: String, from: (cls: SiteClass, alias: String), joins: [(cls: SiteClass, alias: String, span: WQLSpan)]) {
        let fromClass = try resolveClass(query.from)
        let fromAlias = newAlias()
        var scope = Scope(entries: [(query.from.reference.lowercased(), fromClass, fromAlias)])
        var joined: [(SiteClass, String, WQLSpan, WQLJoin)] = []
        for join in query.joins {
            let cls = try resolveClass(join.target)
            let alias = newAlias()
            scope.entries.append((join.target.reference.lowercased(), cls, alias))
            joined.append((cls, alias, join.target.span, join))
        }
        scopes.append(scope)
        var sql = "FROM \(quoted(fromClass.table)) AS \(fromAlias)"
        for (cls, alias, _, join) in joined {
            let condition = try self.condition(join.condition, depth: 0, record: false)
            sql += " \(join.kind.rawValue) \(quoted(cls.table)) AS \(alias) ON \(condition)"
        }
        return (sql, (fromClass, fromAlias), joined.map { ($0.0, $0.1, $0.2) })
    }

    mutating func outer(_ query: WQLQuery) throws -> SQLTranslation {
        let (fromSQL, from, joins) = try fromClause(query)
        // The select list is checked (names must exist) though members are always ResourceID, Name.
        for item in query.select {
            if case .expression(let e) = item { _ = try selectValue(e) }
            if case .allOf(let name, let span) = item, lookup(qualifier: name) == nil {
                throw unknownQualifier(name, span)
            }
        }
        for item in query.orderBy { _ = try selectValue(item.expression) }
        var whereSQL = ""
        if let condition = query.condition {
            recordSteps = true
            whereSQL = " WHERE " + (try self.condition(condition, depth: 0, record: true))
            recordSteps = false
        }
        let resource = "\(from.alias).\(quoted(from.cls.resourceColumn))"
        let name = "\(from.alias).\(quoted(from.cls.nameColumn))"
        let members = "SELECT DISTINCT \(resource), \(name) \(fromSQL)\(whereSQL) ORDER BY 1"
        scopes.removeLast()
        return SQLTranslation(membersSQL: members, fromSQL: fromSQL, resourceSQL: resource, fromClass: from.cls, joins: joins, steps: steps, warnings: warnings)
    }

    /// `x in (select …)`: one column.
    mutating func subquery(_ query: WQLQuery) throws -> (column: Value, distinct: Bool, rest: String) {
        let (fromSQL, _, _) = try fromClause(query)
        defer { scopes.removeLast() }
        guard query.select.count == 1 else {
            throw WQLProblem("COL2006", "a subquery after 'in' must select exactly one property; this one selects \(query.select.count)", query.span)
        }
        let column: Value
        switch query.select[0] {
        case .expression(let e): column = try selectValue(e)
        case .all(let span), .allOf(_, let span):
            throw WQLProblem("COL2006", "a subquery after 'in' must select one property, not '*'", span)
        }
        var sql = fromSQL
        if let condition = query.condition {
            let saved = recordSteps
            recordSteps = false
            sql += " WHERE " + (try self.condition(condition, depth: 0, record: false))
            recordSteps = saved
        }
        return (column, query.distinct, sql)
    }

    // MARK: Names

    func lookup(qualifier: String) -> (cls: SiteClass, alias: String)? {
        let wanted = qualifier.lowercased()
        for scope in scopes.reversed() {
            if let entry = scope.entries.first(where: { $0.reference == wanted }) { return (entry.cls, entry.alias) }
            // A class name used although the class has an alias: SQL would refuse it, the provider accepts it.
            if let entry = scope.entries.first(where: { $0.cls.name.lowercased() == wanted }) { return (entry.cls, entry.alias) }
        }
        return nil
    }

    func unknownQualifier(_ name: String, _ span: WQLSpan) -> WQLProblem {
        let inScope = scopes.last?.entries.map { $0.reference == $0.cls.name.lowercased() ? $0.cls.name : "\($0.reference) (\($0.cls.name))" } ?? []
        if schema.class(named: name) != nil {
            return WQLProblem("COL2004", "class \(name) is not in this query's 'from' or 'join'", span,
                              notes: ["add 'inner join \(schema.class(named: name)?.name ?? name) on … .ResourceID = … .ResourceId', or use one of: " + inScope.joined(separator: ", ")])
        }
        return WQLProblem("COL2004", "'\(name)' names no class or alias of this query", span, notes: ["in scope: " + inScope.joined(separator: ", ")])
    }

    func unknownProperty(_ ref: WQLPropertyReference, in classes: [SiteClass]) -> WQLProblem {
        var notes: [String] = []
        for cls in classes {
            let names = cls.properties.map(\.name)
            let close = names.filter { EditDistance.between(Array($0.lowercased()), Array(ref.name.lowercased())) <= 2 }
            if !close.isEmpty { notes.append("did you mean \(close.map { "\(cls.name).\($0)" }.joined(separator: " or "))?") }
            notes.append("properties of \(cls.name): " + names.joined(separator: ", "))
        }
        let owner = classes.count == 1 ? classes[0].name : classes.map(\.name).joined(separator: ", ")
        return WQLProblem("COL2003", "\(owner) has no property \(ref.name)", ref.nameSpan, notes: notes)
    }

    mutating func property(_ ref: WQLPropertyReference) throws -> Value {
        var found: (cls: SiteClass, alias: String, property: SiteProperty)?
        if let qualifier = ref.qualifier {
            guard let owner = lookup(qualifier: qualifier) else { throw unknownQualifier(qualifier, ref.qualifierSpan ?? ref.span) }
            guard let property = owner.cls.property(named: ref.name) else { throw unknownProperty(ref, in: [owner.cls]) }
            found = (owner.cls, owner.alias, property)
        } else {
            for scope in scopes.reversed() where found == nil {
                let matches = scope.entries.compactMap { entry in entry.cls.property(named: ref.name).map { (entry.cls, entry.alias, $0) } }
                if matches.count > 1 && Set(matches.map(\.0.name)).count > 1 && matches[0].0.name != scope.entries[0].cls.name {
                    throw WQLProblem("COL2005", "property \(ref.name) is ambiguous: " + matches.map { "\($0.0.name).\($0.2.name)" }.joined(separator: ", "),
                                     ref.span, notes: ["qualify it with the class name"])
                }
                found = matches.first
            }
            guard found != nil else { throw unknownProperty(ref, in: scopes.last?.entries.map(\.cls) ?? []) }
        }
        guard let (cls, alias, property) = found else { throw unknownProperty(ref, in: []) }
        if let table = property.arrayTable {
            let element = newAlias("e")
            pendingArrays.append(PendingArray(table: table, alias: element, ownerAlias: alias, ownerColumn: cls.resourceColumn))
            return Value(sql: "\(element).\(quoted(property.column))", cimType: String(property.cimType.dropLast(2)), isText: true)
        }
        let column = "\(alias).\(quoted(property.column))"
        let type = property.cimType.lowercased()
        // Inventory datetimes are stored as WMI writes them (DMTF, yyyymmddHHMMSS.mmmmmm+UUU): compare them as
        // yyyy-mm-dd HH:MM:SS, the form the site tables and the date functions use.
        if type == "datetime" && cls.source == .inventory { return Value(sql: dialect.normalizedDateTime(column), cimType: type, isText: true) }
        if type == "datetime" { return Value(sql: dialect.dateTimeText(column), cimType: type, isText: true) }
        let isText = SiteTables.sqlType(type) == "TEXT"
        return Value(sql: column, cimType: type, isText: isText)
    }

    /// A value in a select list: an array property becomes its elements joined with `;`.
    mutating func selectValue(_ e: WQLExpression) throws -> Value {
        let mark = pendingArrays.count
        var v = try value(e)
        if pendingArrays.count > mark {
            let arrays = Array(pendingArrays[mark...])
            pendingArrays.removeSubrange(mark...)
            guard arrays.count == 1, let a = arrays.first else {
                throw WQLProblem("COL3001", "not supported: several array properties in one selected value", e.span)
            }
            v.sql = "(SELECT \(dialect.groupConcat(v.sql)) FROM \(quoted(a.table)) AS \(a.alias) WHERE \(a.alias).ResourceID = \(a.ownerAlias).\(quoted(a.ownerColumn)))"
        }
        return v
    }

    // MARK: Values

    mutating func value(_ e: WQLExpression) throws -> Value {
        switch e {
        case .property(let ref): return try property(ref)
        case .string(let s, _): return Value(sql: Self.literal(s), cimType: nil, isText: true, isLiteral: true)
        case .number(let n, _): return Value(sql: n, cimType: nil, isText: false, isLiteral: true)
        case .null: return Value(sql: "NULL", cimType: nil, isText: false)
        case .boolean(let b, _): return Value(sql: b ? "1" : "0", cimType: nil, isText: false)
        case .parenthesized(let inner, _): let v = try value(inner); return Value(sql: "(\(v.sql))", cimType: v.cimType, isText: v.isText)
        case .datePart(let part, let span):
            throw WQLProblem("COL2003", "'\(part)' is a date part, allowed only as the first argument of DateDiff / DateAdd", span)
        case .function(let name, let arguments, let span): return try function(name, arguments, span)
        default:
            throw WQLProblem("COL3001", "not supported: a condition used as a value", e.span)
        }
    }

    mutating func function(_ name: String, _ arguments: [WQLExpression], _ span: WQLSpan) throws -> Value {
        let lower = name.lowercased()
        func count(_ n: Int) throws {
            guard arguments.count == n else {
                throw WQLProblem("COL1003", "\(name) takes \(n) argument\(n == 1 ? "" : "s"), not \(arguments.count)", span)
            }
        }
        switch lower {
        case "upper", "lower", "ltrim", "rtrim", "len", "datalength":
            try count(1)
            let v = try value(arguments[0])
            if lower == "upper" || lower == "lower" { return Value(sql: dialect.caseMapped(lower, v.sql), cimType: nil, isText: true) }
            let f = ["len": "length", "datalength": "length", "ltrim": "ltrim", "rtrim": "rtrim"][lower] ?? lower
            return Value(sql: "\(f)(\(dialect.text(v.sql)))", cimType: nil, isText: lower != "len" && lower != "datalength")
        case "getdate", "getutcdate", "sysdatetime", "current_timestamp":
            try count(0)
            return Value(sql: dialect.now, cimType: "datetime", isText: true)
        case "isnull", "coalesce":
            guard arguments.count >= 2 else { try count(2); break }
            let values = try arguments.map { try value($0) }
            return Value(sql: "coalesce(\(values.map(\.sql).joined(separator: ", ")))", cimType: values[0].cimType, isText: values[0].isText)
        case "substring":
            try count(3)
            let v = try arguments.map { try value($0).sql }
            return Value(sql: "substr(\(dialect.text(v[0])), \(v[1]), \(v[2]))", cimType: nil, isText: true)
        case "left", "right":
            try count(2)
            let v = try arguments.map { try value($0).sql }
            return Value(sql: lower == "left" ? dialect.left(v[0], v[1]) : dialect.right(v[0], v[1]), cimType: nil, isText: true)
        case "datediff":
            try count(3)
            guard case .datePart(let part, let partSpan) = arguments[0] else {
                throw WQLProblem("COL1003", "DateDiff's first argument is a date part (dd, hh, mi, …)", arguments[0].span)
            }
            let a = try value(arguments[1])
            let b = try value(arguments[2])
            guard let sql = dialect.dateDiff(part, a.sql, b.sql) else {
                throw WQLProblem("COL3001", "not supported: date part '\(part)'", partSpan, notes: ["supported: " + SQLiteDialect.dateParts])
            }
            return Value(sql: sql, cimType: nil, isText: false)
        case "dateadd":
            try count(3)
            guard case .datePart(let part, let partSpan) = arguments[0] else {
                throw WQLProblem("COL1003", "DateAdd's first argument is a date part (dd, hh, mi, …)", arguments[0].span)
            }
            let n = try value(arguments[1])
            let d = try value(arguments[2])
            guard let sql = dialect.dateAdd(part, n.sql, d.sql) else {
                throw WQLProblem("COL3001", "not supported: date part '\(part)'", partSpan, notes: ["supported: " + SQLiteDialect.dateParts])
            }
            return Value(sql: sql, cimType: "datetime", isText: true)
        default:
            throw WQLProblem("COL3002", "not supported: function \(name)", span,
                             notes: ["supported: upper, lower, ltrim, rtrim, len, isnull, substring, left, right, GetDate, DateDiff, DateAdd"])
        }
        throw WQLProblem("COL3002", "not supported: function \(name)", span)
    }

    // MARK: Conditions

    mutating func condition(_ e: WQLExpression, depth: Int, record: Bool) throws -> String {
        var index: Int?
        if record && recordSteps {
            index = steps.count
            steps.append(ExplainStep(span: e.span, depth: depth, kind: "condition", sql: ""))
        }
        let sql: String
        var kind = "condition"
        switch e {
        case .and(let a, let b, _):
            kind = "and"
            sql = "(\(try condition(a, depth: depth + 1, record: record)) AND \(try condition(b, depth: depth + 1, record: record)))"
        case .or(let a, let b, _):
            kind = "or"
            sql = "(\(try condition(a, depth: depth + 1, record: record)) OR \(try condition(b, depth: depth + 1, record: record)))"
        case .not(let a, _):
            kind = "not"
            sql = "(NOT \(try condition(a, depth: depth + 1, record: record)))"
        case .parenthesized(let inner, _):
            if let index { steps.remove(at: index) }
            return try condition(inner, depth: depth, record: record)
        default:
            sql = try predicate(e)
        }
        if let index {
            steps[index].sql = sql
            steps[index].kind = kind
        }
        return sql
    }

    /// One predicate; array properties in it are matched element by element (EXISTS over their tables).
    mutating func predicate(_ e: WQLExpression) throws -> String {
        let mark = pendingArrays.count
        var isNullTest: Bool?
        var sql = try plainPredicate(e, isNullTest: &isNullTest)
        let arrays = Array(pendingArrays[mark...])
        pendingArrays.removeSubrange(mark...)
        for a in arrays.reversed() {
            let link = "\(a.alias).ResourceID = \(a.ownerAlias).\(quoted(a.ownerColumn))"
            if let isNullTest, case .isNull(.property, _, _) = e {
                // No element (or only NULL ones) is "is null": the site's outer join gives one NULL row.
                let inner = sql.replacing(isNullTest ? " IS NULL" : " IS NOT NULL", with: " IS NOT NULL")
                sql = isNullTest ? "NOT EXISTS (SELECT 1 FROM \(quoted(a.table)) AS \(a.alias) WHERE \(link) AND \(inner))"
                    : "EXISTS (SELECT 1 FROM \(quoted(a.table)) AS \(a.alias) WHERE \(link) AND \(inner))"
            } else {
                sql = "EXISTS (SELECT 1 FROM \(quoted(a.table)) AS \(a.alias) WHERE \(link) AND \(sql))"
            }
        }
        return sql
    }

    func isBooleanColumn(_ v: Value) -> Bool { v.cimType == "boolean" }

    /// An inventory array property (`ChassisTypes`, stored as its elements joined with `;`) equal to
    /// `other`: true when any element is.
    func joinedArrayMatch(_ v: Value, _ other: String) -> String? {
        guard let type = v.cimType, type.hasSuffix("[]") else { return nil }
        return dialect.like("(';' || \(dialect.text(v.sql)) || ';')", patternSQL: "('%;' || \(dialect.text(other)) || ';%')")
    }

    /// `'True'` / `'False'` compared with a boolean column: the site's bit columns take them as 1 / 0.
    func coerce(_ literal: WQLExpression, against other: Value) -> String? {
        if case .string(let s, _) = literal {
            if isBooleanColumn(other) {
                switch s.lowercased() {
                case "true": return "1"
                case "false": return "0"
                default: return nil
                }
            }
            if other.cimType == "datetime", let iso = SQLiteDialect.isoDateTime(fromDMTF: s) { return Self.literal(iso) }
        }
        return nil
    }

    mutating func plainPredicate(_ e: WQLExpression, isNullTest: inout Bool?) throws -> String {
        switch e {
        case .comparison(let op, let l, let r, let span):
            if case .null = r { return try nullComparison(l, op, span, isNullTest: &isNullTest) }
            if case .null = l { return try nullComparison(r, op, span, isNullTest: &isNullTest) }
            let left = try value(l)
            let right = try value(r)
            if op == .equal, let element = joinedArrayMatch(left, right.sql) ?? joinedArrayMatch(right, left.sql) { return element }
            let leftSQL = coerce(l, against: right) ?? left.sql
            let rightSQL = coerce(r, against: left) ?? right.sql
            // A literal takes the type of what it is compared with (SQLite's affinity, PostgreSQL's unknown literals).
            let text: Bool
            switch (left.isLiteral, right.isLiteral) {
            case (true, false): text = right.isText
            case (false, true): text = left.isText
            default: text = left.isText || right.isText
            }
            return text ? dialect.textComparison(leftSQL, op.rawValue, rightSQL) : "\(leftSQL) \(op.rawValue) \(rightSQL)"
        case .like(let v, let pattern, let negated, _):
            let value = try self.value(v)
            let sql: String
            if case .string(let p, _) = pattern {
                sql = dialect.like(value.sql, pattern: p)
            } else {
                sql = dialect.like(value.sql, patternSQL: try self.value(pattern).sql)
            }
            return negated ? "NOT (\(sql))" : sql
        case .inList(let v, let items, let negated, _):
            let value = try self.value(v)
            let list = try items.map { item in try coerce(item, against: value) ?? self.value(item).sql }
            if value.cimType?.hasSuffix("[]") == true {
                let any = list.compactMap { joinedArrayMatch(value, $0) }.joined(separator: " OR ")
                return negated ? "NOT (\(any))" : "(\(any))"
            }
            if value.isText { return dialect.textIn(value.sql, list, negated: negated) }
            return "\(value.sql) \(negated ? "NOT IN" : "IN") (\(list.joined(separator: ", ")))"
        case .inQuery(let v, let query, let negated, _):
            let value = try self.value(v)
            // The subquery's names are its own: arrays met in it are its business.
            let saved = pendingArrays
            pendingArrays = []
            let sub = try subquery(query)
            pendingArrays = saved
            if value.isText { return dialect.textInQuery(value.sql, column: sub.column.sql, distinct: sub.distinct, rest: sub.rest, negated: negated) }
            return "\(value.sql) \(negated ? "NOT IN" : "IN") (SELECT \(sub.distinct ? "DISTINCT " : "")\(sub.column.sql) \(sub.rest))"
        case .isNull(let v, let negated, _):
            isNullTest = !negated
            return "\(try value(v).sql) IS \(negated ? "NOT " : "")NULL"
        case .property, .boolean, .number, .function:
            // A bare boolean property (`where SMS_R_System.Client`).
            return "(\(try value(e).sql)) <> 0"
        default:
            throw WQLProblem("COL3001", "not supported: this expression as a condition", e.span)
        }
    }

    mutating func nullComparison(_ v: WQLExpression, _ op: WQLComparison, _ span: WQLSpan, isNullTest: inout Bool?) throws -> String {
        guard op == .equal || op == .notEqual else {
            throw WQLProblem("COL1003", "NULL can only be compared with = or <> (write 'is null')", span)
        }
        warnings.append(WQLProblem("COL2008", "'\(op == .equal ? "= null" : "<> null")' is read as '\(op == .equal ? "is null" : "is not null")', as the SMS provider does", span,
                                   notes: ["write 'is \(op == .equal ? "" : "not ")null'"], warning: true))
        isNullTest = op == .equal
        return "\(try value(v).sql) IS \(op == .equal ? "" : "NOT ")NULL"
    }
}
