import Foundation
import Testing
import MofkitTestSupport

/// Checks `Grammars/mof.tmLanguage.json`: valid JSON, every regex compiles (ICU, through
/// NSRegularExpression, accepts the Oniguruma subset the grammar uses), includes resolve, the key
/// scopes exist, and representative tokens get the scope they should.
@Suite("TextMate grammar")
struct GrammarTests {
    static let grammarURL = URL(fileURLWithPath: TestPaths.packageRoot)
        .appendingPathComponent("Grammars/mof.tmLanguage.json")

    struct Grammar {
        var root: [String: Any]
        var repository: [String: Any] { root["repository"] as? [String: Any] ?? [:] }

        init() throws {
            let data = try Data(contentsOf: GrammarTests.grammarURL)
            root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }

        /// Every dictionary in the grammar, depth first.
        func allRules() -> [[String: Any]] {
            var rules: [[String: Any]] = []
            func walk(_ value: Any) {
                if let dictionary = value as? [String: Any] {
                    rules.append(dictionary)
                    for (_, child) in dictionary { walk(child) }
                } else if let array = value as? [Any] {
                    array.forEach(walk)
                }
            }
            walk(root)
            return rules
        }

        /// The `match` rules reachable from a repository entry, in TextMate's order.
        func matchRules(_ key: String) -> [[String: Any]] {
            guard let rule = repository[key] as? [String: Any] else { return [] }
            return flatten(rule)
        }

        private func flatten(_ rule: [String: Any]) -> [[String: Any]] {
            if let include = rule["include"] as? String, include.hasPrefix("#") {
                return matchRules(String(include.dropFirst()))
            }
            if rule["match"] != nil { return [rule] }
            if rule["begin"] != nil { return [] }  // begin/end regions are checked on their own
            let children = rule["patterns"] as? [[String: Any]] ?? []
            return children.flatMap(flatten)
        }

        /// The scope TextMate would give `token` if it were scanned with the rules of `key`: the
        /// rule whose match starts earliest wins, ties go to the first rule; nil unless that match
        /// covers the whole token.
        func scope(of token: String, in key: String) throws -> String? {
            var best: (location: Int, rule: [String: Any], range: NSRange)?
            for rule in matchRules(key) {
                let regex = try NSRegularExpression(pattern: rule["match"] as? String ?? "")
                let whole = NSRange(location: 0, length: (token as NSString).length)
                guard let match = regex.firstMatch(in: token, range: whole) else { continue }
                if best == nil || match.range.location < best!.location {
                    best = (match.range.location, rule, match.range)
                }
            }
            guard let best, best.range == NSRange(location: 0, length: (token as NSString).length) else { return nil }
            return best.rule["name"] as? String
        }

        func regex(_ key: String, _ field: String = "match") throws -> NSRegularExpression {
            let rule = try #require(repository[key] as? [String: Any], "no repository entry \(key)")
            return try NSRegularExpression(pattern: try #require(rule[field] as? String))
        }
    }

    /// The capture groups of the first match, as strings ("" for a group that did not take part).
    static func groups(_ regex: NSRegularExpression, _ text: String) -> [String]? {
        let ns = text as NSString
        guard let match = regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return (0..<match.numberOfRanges).map { index in
            let range = match.range(at: index)
            return range.location == NSNotFound ? "" : ns.substring(with: range)
        }
    }

    @Test func identity() throws {
        let grammar = try Grammar()
        #expect(grammar.root["scopeName"] as? String == "source.mof")
        #expect((grammar.root["fileTypes"] as? [String])?.contains("mof") == true)
        #expect(grammar.root["name"] as? String == "MOF")
    }

    @Test func everyRegexCompiles() throws {
        let grammar = try Grammar()
        var count = 0
        for rule in grammar.allRules() {
            for field in ["match", "begin", "end", "while"] {
                guard let pattern = rule[field] as? String else { continue }
                count += 1
                #expect(throws: Never.self, "\(field): \(pattern)") { _ = try NSRegularExpression(pattern: pattern) }
            }
        }
        #expect(count >= 30)
    }

    @Test func everyIncludeResolves() throws {
        let grammar = try Grammar()
        for rule in grammar.allRules() {
            guard let include = rule["include"] as? String else { continue }
            if include == "$self" || include == "$base" { continue }
            #expect(include.hasPrefix("#"), "\(include)")
            #expect(grammar.repository[String(include.dropFirst())] != nil, "\(include)")
        }
    }

    @Test func keyScopesExist() throws {
        let grammar = try Grammar()
        let names = Set(grammar.allRules().compactMap { $0["name"] as? String })
        let required = [
            "comment.line.double-slash.mof", "comment.block.mof", "meta.preprocessor.pragma.mof",
            "keyword.control.directive.pragma.mof", "entity.name.function.pragma.mof",
            "string.quoted.double.mof", "string.quoted.single.mof", "constant.character.escape.mof",
            "storage.type.primitive.mof", "storage.type.class.mof", "entity.name.type.class.mof",
            "keyword.other.instance.mof", "keyword.other.of.mof", "storage.type.qualifier.mof",
            "keyword.other.scope.mof", "keyword.other.flavor.mof", "storage.modifier.flavor.mof",
            "storage.modifier.reference.mof", "meta.qualifier-list.mof", "entity.other.attribute-name.qualifier.mof",
            "constant.numeric.decimal.mof", "constant.numeric.hex.mof", "constant.numeric.octal.mof",
            "constant.numeric.binary.mof", "constant.numeric.float.mof", "constant.language.boolean.mof",
            "constant.language.null.mof", "variable.other.alias.mof",
        ]
        for scope in required {
            #expect(names.contains(scope), "missing scope \(scope)")
        }
    }

    @Test(arguments: [
        ("42", "constant.numeric.decimal.mof"), ("-7", "constant.numeric.decimal.mof"), ("0", "constant.numeric.decimal.mof"),
        ("0x1F", "constant.numeric.hex.mof"), ("0XffFF", "constant.numeric.hex.mof"),
        ("017", "constant.numeric.octal.mof"), ("101b", "constant.numeric.binary.mof"), ("0B", "constant.numeric.binary.mof"),
        ("1.5", "constant.numeric.float.mof"), ("-2.5e3", "constant.numeric.float.mof"), (".5E-2", "constant.numeric.float.mof"),
    ])
    func numbers(token: String, scope: String) throws {
        #expect(try Grammar().scope(of: token, in: "numbers") == scope)
    }

    @Test func identifiersWithDigitsAreNotNumbers() throws {
        let grammar = try Grammar()
        #expect(try grammar.scope(of: "uint32", in: "numbers") == nil)
        #expect(try grammar.scope(of: "a101b", in: "numbers") == nil)
    }

    @Test(arguments: [
        ("TRUE", "constant.language.boolean.mof"), ("false", "constant.language.boolean.mof"),
        ("Null", "constant.language.null.mof"), ("$MyAlias1", "variable.other.alias.mof"),
        ("'c'", "string.quoted.single.mof"),
    ] as [(String, String?)])
    func values(token: String, scope: String?) throws {
        #expect(try Grammar().scope(of: token, in: "values") == scope)
    }

    @Test(arguments: ["uint8", "UINT64", "sint16", "Real32", "real64", "string", "Boolean", "DateTime", "char16"])
    func cimTypes(token: String) throws {
        #expect(try Grammar().scope(of: token, in: "members") == "storage.type.primitive.mof")
    }

    @Test(arguments: ["ToSubclass", "disableoverride", "EnableOverride", "Restricted", "Translatable", "Amended", "ToInstance"])
    func flavors(token: String) throws {
        #expect(try Grammar().scope(of: token, in: "flavors") == "storage.modifier.flavor.mof")
    }

    @Test(arguments: [#"\b"#, #"\t"#, #"\n"#, #"\f"#, #"\r"#, #"\""#, #"\'"#, #"\\"#, #"\x41"#, #"\X00e9"#])
    func stringEscapes(escape: String) throws {
        let grammar = try Grammar()
        let rule = try #require(grammar.repository["string"] as? [String: Any])
        let patterns = try #require(rule["patterns"] as? [[String: Any]])
        let escapeRule = try #require(patterns.first { $0["name"] as? String == "constant.character.escape.mof" })
        let regex = try NSRegularExpression(pattern: try #require(escapeRule["match"] as? String))
        #expect(Self.groups(regex, escape)?.first == escape)
        #expect(Self.groups(regex, #"\q"#) == nil)
    }

    @Test func stringDelimiters() throws {
        let grammar = try Grammar()
        #expect(Self.groups(try grammar.regex("string", "begin"), "\"abc\"")?.first == "\"")
        // The end pattern stops at the closing quote, or at the end of the line for an unterminated string.
        #expect(Self.groups(try grammar.regex("string", "end"), "abc\" rest")?[1] == "\"")
        #expect(Self.groups(try grammar.regex("string", "end"), "abc") != nil)
    }

    @Test(arguments: ["'a'", #"'\n'"#, #"'\x41'"#, #"'\''"#, "' '"])
    func char16Literals(literal: String) throws {
        let regex = try Grammar().regex("char16")
        #expect(Self.groups(regex, literal)?.first == literal)
    }

    @Test func char16RejectsTwoCharacters() throws {
        let regex = try Grammar().regex("char16")
        #expect(Self.groups(regex, "'ab'") == nil)
    }

    @Test func comments() throws {
        let grammar = try Grammar()
        let rules = try #require((grammar.repository["comments"] as? [String: Any])?["patterns"] as? [[String: Any]])
        let line = try #require(rules.first { $0["name"] as? String == "comment.line.double-slash.mof" })
        let block = try #require(rules.first { $0["name"] as? String == "comment.block.mof" })
        let lineBegin = try NSRegularExpression(pattern: try #require(line["begin"] as? String))
        let blockBegin = try NSRegularExpression(pattern: try #require(block["begin"] as? String))
        let blockEnd = try NSRegularExpression(pattern: try #require(block["end"] as? String))
        #expect(Self.groups(lineBegin, "// note")?.first == "//")
        #expect(Self.groups(blockBegin, "/* a */")?.first == "/*")
        #expect(Self.groups(blockEnd, "a */")?.first == "*/")
    }

    @Test func pragmaNames() throws {
        let regex = try Grammar().regex("pragma", "begin")
        #expect(Self.groups(regex, #"#pragma namespace("\\\\.\\root\\cimv2")"#)?[3] == "namespace")
        #expect(Self.groups(regex, #"  # PRAGMA deleteclass("X", NOFAIL)"#)?[3] == "deleteclass")
        #expect(Self.groups(regex, "x #pragma include") == nil)
    }

    @Test func classDeclarationCaseInsensitive() throws {
        let regex = try Grammar().regex("class-declaration")
        #expect(Self.groups(regex, "CLASS Win32_Disk : SMS_Class_Template") ==
            ["CLASS Win32_Disk : SMS_Class_Template", "CLASS", "Win32_Disk", ":", "SMS_Class_Template"])
        #expect(Self.groups(regex, "class A")?[2] == "A")
    }

    @Test func instanceDeclarationWithAlias() throws {
        let regex = try Grammar().regex("instance-declaration")
        #expect(Self.groups(regex, "Instance Of Win32Reg_X as $X1")?.dropFirst() == ["Instance", "Of", "Win32Reg_X", "as", "$X1"])
        #expect(Self.groups(regex, "instance of A")?[3] == "A")
    }

    @Test func qualifierDeclaration() throws {
        let regex = try Grammar().regex("qualifier-declaration")
        #expect(Self.groups(regex, "Qualifier SMS_Report : boolean = false")?[2] == "SMS_Report")
    }

    @Test func keywordsInScopeLists() throws {
        let grammar = try Grammar()
        for keyword in ["association", "INDICATION", "property", "reference", "any", "ref"] {
            let scope = try grammar.scope(of: keyword, in: "declaration-keywords") ?? grammar.scope(of: keyword, in: "members")
            #expect(scope != nil, "\(keyword)")
        }
    }

    @Test func qualifierListStartsOnlyWhereAQualifierCan() throws {
        let regex = try Grammar().regex("qualifier-list", "begin")
        #expect(Self.groups(regex, "[key] string A;")?.first == "[")
        #expect(Self.groups(regex, "string Names[];") == nil)  // an array, not a qualifier list
    }
}
