import ArgumentParser
import CollectionQueries
import FleetDatabase
import InventoryRules
import MofkitSource
import Reports

/// `mofkit collection --db DB (--query WQL | --query-file F) [--explain MACHINE] [--check]`: who is in a
/// ConfigMgr collection, worked out offline on the report database of `scan` / `inventory`.
struct CollectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collection",
        abstract: "Evaluate SMS/ConfigMgr collection queries (WQL) on the report database of scan or inventory.",
        discussion: """
            The query (--query, or --query-file: one WQL query, or a MOF collection export whose \
            'instance of SMS_CollectionRuleQuery' blocks each give one rule; members are the union) is \
            parsed, checked against the classes of the database (SMS_R_System from the snapshots, the \
            SMS_G_System_<GROUP> classes of the compiled SMS_def.mof, SMS_G_System_PATCHSTATE after a scan) \
            and translated to SQL that the database runs: SQLite (the report database of scan --out or \
            inventory --format sqlite) or PostgreSQL (--db postgresql://…: the fleet database of scan --db \
            and inventory --db). Prints the members: ResourceID and Name.

            --explain MACHINE (a name or ResourceID) prints, for each rule, whether each joined class has \
            rows for the machine and whether each condition held. --check validates only (without --db, \
            against the standard classes: SMS_R_System, the default SMS_def.mof groups, PATCHSTATE). \
            --sql prints the translated SQL. See Docs/collections.md.

            Exit status: 0; 1 when a query has errors; 2 when a file or the database cannot be read or \
            the arguments are wrong.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv, sarif }

    @Option(help: "A WQL query.")
    var query: String?

    @Option(name: .customLong("query-file"), help: "A file with one WQL query, or a MOF collection export (SMS_CollectionRuleQuery).")
    var queryFile: String?

    @Option(help: "The report database of mofkit scan (mofkit.db) or mofkit inventory --format sqlite, or a fleet database URL (postgresql://user@host:port/db) of scan --db / inventory --db.")
    var db: String?

    @Option(name: .customLong("mof"), help: "With --check and no --db: SMS_def.mof extensions whose reporting classes a query may name; repeatable.")
    var mofFiles: [String] = []

    @Option(help: "Output: text, json or csv (members); sarif (diagnostics, with --check).")
    var format: Format = .text

    @Option(help: "Explain why MACHINE (name or ResourceID) is or is not a member.")
    var explain: String?

    @Flag(help: "Only check the query (no --db needed).")
    var check = false

    @Flag(help: "Print the translated SQL.")
    var sql = false

    @OptionGroup var color: ColorOption

    func validate() throws {
        if (query == nil) == (queryFile == nil) { throw ValidationError("give exactly one of --query and --query-file") }
        if !check && db == nil { throw ValidationError("--db is required (or use --check)") }
        if !mofFiles.isEmpty && db != nil { throw ValidationError("--mof goes with --check without --db (a database knows its classes)") }
        if format == .sarif && !check { throw ValidationError("--format sarif goes with --check") }
    }

    func run() throws {
        let rules: [CollectionRuleText]
        var diagnostics: [Diagnostic] = []
        var sources: [String: SourceFile] = [:]
        if let query {
            let source = SourceFile(path: "<query>", string: query)
            sources[source.path] = source
            rules = [CollectionRuleText(source: source)]
        } else {
            let path = queryFile ?? ""
            let source: SourceFile
            do {
                source = try SourceFile.read(path: path)
            } catch {
                Output.error("cannot read \(path): \(error)")
                throw ExitCode(2)
            }
            sources[path] = source
            let read = CollectionQueryFile.rules(in: source)
            rules = read.rules
            diagnostics += read.diagnostics
        }

        var database: (any CollectionDatabase)?
        var schema = CollectionSchema.standard
        if !mofFiles.isEmpty {
            let compiled = InventoryRulesLoader.rules(paths: mofFiles)
            for problem in compiled.unreadable { Output.error(problem) }
            if !compiled.unreadable.isEmpty { throw ExitCode(2) }
            let errors = compiled.diagnostics.filter { $0.severity == .error }
            if !errors.isEmpty {
                Output.standardError(DiagnosticFormat.text.render(errors, sources: [:], color: false))
                throw ExitCode(1)
            }
            schema = CollectionSchema.standard(adding: compiled.rules)
        }
        if let db {
            do {
                let opened = try FleetCollectionDatabase.open(db)
                schema = try CollectionEvaluator.schema(of: opened)
                database = opened
            } catch {
                Output.error("\(CollectionCode.database.rawValue): \(DatabaseURL.redacted(db)): \(error)")
                throw ExitCode(2)
            }
        }
        let evaluator = CollectionEvaluator(schema: schema, dialect: database?.dialect ?? SQLiteDialect())
        let (translated, problems) = evaluator.translate(rules)
        diagnostics += problems
        let failed = diagnostics.contains { $0.severity == .error }

        if check {
            let shown = Diagnostic.sortedForOutput(diagnostics)
            switch format {
            case .json: Output.standardOutput(DiagnosticFormat.json.render(shown, sources: sources, color: false))
            case .sarif: Output.standardOutput(DiagnosticFormat.sarif.render(shown, sources: sources, color: false))
            case .text, .csv:
                if !shown.isEmpty { Output.standardOutput(DiagnosticFormat.text.render(shown, sources: sources, color: self.color.wanted())) }
                Output.standardOutput("\(translated.count) of \(rules.count) rule\(rules.count == 1 ? "" : "s") translate\(rules.count == 1 ? "s" : "")\n")
            }
            if sql { for t in translated { Output.standardOutput(t.translation.membersSQL + "\n") } }
            if failed { throw ExitCode(1) }
            return
        }

        if !diagnostics.isEmpty {
            Output.standardError(DiagnosticFormat.text.render(Diagnostic.sortedForOutput(diagnostics), sources: sources, color: color.wanted(descriptor: 2)))
        }
        if failed { throw ExitCode(1) }
        guard let database else { return }
        if sql { for t in translated { Output.standardError(t.translation.membersSQL + "\n") } }
        do {
            if let explain {
                guard let machine = try CollectionEvaluator.machine(explain, db: database) else {
                    Output.error("no machine '\(explain)' in v_R_System")
                    throw ExitCode(2)
                }
                Output.standardOutput(render(try evaluator.explain(translated, machine: machine, db: database)))
                return
            }
            Output.standardOutput(render(try evaluator.members(translated, db: database)))
        } catch let error as ExitCode {
            throw error
        } catch {
            Output.error("\(CollectionCode.database.rawValue): \(error)")
            throw ExitCode(2)
        }
    }

    func render(_ members: [CollectionMember]) -> String {
        switch format {
        case .json:
            return "{\"count\":\(members.count),\"members\":[" + members.map {
                "{\"resourceID\":\($0.resourceID),\"name\":\(JSONString.quoted($0.name))}"
            }.joined(separator: ",") + "]}\n"
        case .csv:
            return "ResourceID,Name\r\n" + members.map { CSV.line([String($0.resourceID), $0.name]) }.joined()
        case .text, .sarif:
            return members.map { "\($0.resourceID)\t\($0.name)\n" }.joined() + "\(members.count) member\(members.count == 1 ? "" : "s")\n"
        }
    }

    func render(_ explanation: MembershipExplanation) -> String {
        func mark(_ held: Bool?) -> String { held.map { $0 ? "held" : "failed" } ?? "null" }
        switch format {
        case .json:
            return "{\"resourceID\":\(explanation.machine.resourceID),\"name\":\(JSONString.quoted(explanation.machine.name)),\"member\":\(explanation.isMember),\"lines\":["
                + explanation.lines.map {
                    "{\"rule\":\($0.rule + 1),\"depth\":\($0.depth),\"text\":\(JSONString.quoted($0.text)),\"result\":\"\(mark($0.held))\"}"
                }.joined(separator: ",") + "]}\n"
        case .csv:
            return "Rule,Depth,Result,Text\r\n" + explanation.lines.map { CSV.line([String($0.rule + 1), String($0.depth), mark($0.held), $0.text]) }.joined()
        case .text, .sarif:
            var out = "\(explanation.machine.name) (ResourceID \(explanation.machine.resourceID)): \(explanation.isMember ? "member" : "not a member")\n"
            for line in explanation.lines {
                out += String(repeating: "  ", count: line.depth) + (line.depth == 0 ? "" : "[\(mark(line.held))] ") + line.text + "\n"
            }
            return out
        }
    }
}
