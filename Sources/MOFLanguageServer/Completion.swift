import LSPCore
import MOFModel
import MOFSyntax

extension FeatureInput {
    static let cimTypes = ["boolean", "string", "char16", "datetime", "uint8", "sint8", "uint16", "sint16",
                           "uint32", "sint32", "uint64", "sint64", "real32", "real64", "object"]
    static let pragmas = ["namespace", "include", "deleteclass", "classflags", "instanceflags", "locale", "autorecover",
                          "source", "nonlocal", "nonlocaltype"]
    static let keywords = ["class", "instance of", "qualifier", "ref", "true", "false", "null", "as", "scope", "flavor"]

    /// `textDocument/completion`: qualifier names inside `[` (with a value snippet), CIM types,
    /// class names after `:`, `instance of` and before `ref`, pragma names after `#pragma`, registry
    /// hives inside `PropertyContext` / `ClassContext` strings.
    public func completion(at position: Position) -> CompletionList {
        let offset = self.offset(position)
        let text = document.text
        // The token being typed: the one ending at the cursor, or holding it.
        var index = tokens.index(at: offset)
        if let i = index, tokens.kind(i) != .identifier && tokens.kind(i) != .string && tokens.kind(i) != .pragmaKeyword {
            index = nil
        }
        let previous: Int = {
            if let i = index { return i - 1 }
            // The last token ending at or before the cursor.
            var low = 0
            var high = tokensCount - 1
            var found = -1
            while low <= high {
                let mid = (low + high) / 2
                if Int(tokens.token(mid).end) <= offset { found = mid; low = mid + 1 } else { high = mid - 1 }
            }
            return found
        }()
        // Inside a string of PropertyContext / ClassContext: hives.
        if let i = index, tokens.kind(i) == .string, tokens.kind(i - 1) == .leftParen, tokens.kind(i - 2) == .identifier {
            let qualifier = tokens.text(i - 2).lowercased()
            if qualifier == "propertycontext" || qualifier == "classcontext" {
                let hives = RegistryLocation.knownHives.sorted()
                return CompletionList(isIncomplete: false, items: hives.map {
                    CompletionItem(label: $0, kind: 12, detail: "registry hive", insertText: "local|\($0)\\\\")
                })
            }
            return CompletionList(isIncomplete: false, items: [])
        }
        if let i = index, tokens.kind(i) == .string { return CompletionList(isIncomplete: false, items: []) }
        // After `#pragma`.
        if tokens.kind(previous) == .pragmaKeyword || (index.map { tokens.kind($0) == .pragmaKeyword } ?? false) {
            return CompletionList(isIncomplete: false, items: FeatureInput.pragmas.map {
                CompletionItem(label: $0, kind: 14, detail: "#pragma", insertText: $0 == "namespace" || $0 == "include" ? "\($0)(\"$1\")" : $0,
                               insertTextFormat: 2)
            })
        }
        // Before the cursor on this line, `#pragma` without a space yet is a lexer unknown: check text too.
        let lineStart = document.lineStarts[document.line(containing: offset)]
        let before = String(decoding: text[lineStart..<offset], as: UTF8.self)
        if before.trimmingCharacters().lowercased().hasPrefix("#pragma") && !before.contains("(") {
            return CompletionList(isIncomplete: false, items: FeatureInput.pragmas.map { CompletionItem(label: $0, kind: 14, detail: "#pragma") })
        }
        // Class names.
        if tokens.kind(previous) == .colon || tokens.isWord(previous, "of") {
            return CompletionList(isIncomplete: false, items: classItems())
        }
        // Qualifier names.
        if (tokens.kind(previous) == .leftBracket || tokens.kind(previous) == .comma), tokens.isInQualifierList(previous + 1) {
            return CompletionList(isIncomplete: false, items: qualifierItems())
        }
        // A member or anything else: types, keywords, classes (for `X ref p`).
        var items = FeatureInput.cimTypes.map { CompletionItem(label: $0, kind: 25, detail: "CIM type") }
        items += FeatureInput.keywords.map { CompletionItem(label: $0, kind: 14) }
        items += classItems()
        return CompletionList(isIncomplete: false, items: items)
    }

    func classItems() -> [CompletionItem] {
        var seen = Set<String>()
        var items: [CompletionItem] = []
        for definition in analysis.model.classes where seen.insert(definition.name.lowercased()).inserted {
            items.append(CompletionItem(label: definition.name, kind: 7, detail: definition.namespace.description))
        }
        return items
    }

    func qualifierItems() -> [CompletionItem] {
        analysis.model.qualifierDeclarations.values.sorted { $0.name < $1.name }.map { declaration in
            let name = declaration.name
            let snippet: String
            switch declaration.type {
            case .some(let type) where type.isArray: snippet = "\(name){\"$1\"}"
            case .some(let type) where type.base == .boolean: snippet = name
            case .some(let type) where type.base == .string || type.base == .datetime: snippet = "\(name)(\"$1\")"
            case .some: snippet = "\(name)($1)"
            case .none: snippet = name
            }
            return CompletionItem(label: name, kind: 10, detail: declaration.type.map { "qualifier : \($0)" } ?? "qualifier",
                                  insertText: snippet, insertTextFormat: 2)
        }
    }
}

extension String {
    func trimmingCharacters() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        return String(slice)
    }
}
