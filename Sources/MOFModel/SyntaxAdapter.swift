import MOFSyntax
import MofkitSource

/// Loads MOF files with MOFSyntax's loader (which follows `#pragma include` in place, as mofcomp
/// compiles an included file where the pragma stands) and turns each declaration into model input.
public enum MOFDeclarationLoader {
    /// The declarations of `paths` in compile order, plus the loader's syntax diagnostics, sources
    /// and unreadable files. One streaming pass: no whole tree is kept.
    public static func load(paths: [String], options: MOFLoadOptions = MOFLoadOptions()) -> (ParsedCompilation, MOFSyntaxCheckResult) {
        var compilation = ParsedCompilation()
        var result = MOFSyntaxCheckResult()
        for path in paths {
            compilation.declarations.append(.beginFile(path: path))
            var spans = SpanSourceCache()
            let summary = MOFLoader.forEachDeclaration(paths: [path], options: options) { source, tree in
                let conversion = SyntaxConversion(tree: tree, source: spans.source(for: source), skipIncludes: true)
                for declaration in tree.root.declarations {
                    if let converted = conversion.declaration(declaration) { compilation.declarations.append(converted) }
                }
            }
            result.sources.merge(summary.sources) { a, _ in a }
            result.diagnostics += summary.diagnostics
            result.unreadable += summary.unreadable
        }
        compilation.sources = result.sources
        return (compilation, result)
    }

    /// The declarations of one decoded source (includes are not followed).
    public static func load(source: SourceFile) -> ParsedCompilation {
        var compilation = ParsedCompilation(sources: [source.path: source])
        let spanSource = SpanSource(source)
        MOFParser.parseDeclarations(source) { tree in
            let conversion = SyntaxConversion(tree: tree, source: spanSource, skipIncludes: false)
            for declaration in tree.root.declarations {
                if let converted = conversion.declaration(declaration) { compilation.declarations.append(converted) }
            }
        }
        return compilation
    }
}

/// One ``SpanSource`` per file, so the spans of a file's declarations share it.
struct SpanSourceCache {
    private var current: SpanSource?

    mutating func source(for file: SourceFile) -> SpanSource {
        // Declarations arrive file by file (an include interrupts, then the includer resumes), so
        // remembering the last file is enough to share nearly always.
        if let current, current.file.path == file.path, current.file.text.count == file.text.count { return current }
        let made = SpanSource(file)
        current = made
        return made
    }
}

/// View-layer → model-input conversion of the declarations of one tree.
///
/// Names and places are read from tokens and text offsets directly: the views' `NameSyntax` and
/// `range` accessors compute line and column at once, which the model defers (see ``ModelSpan``).
struct SyntaxConversion {
    let tree: SyntaxTree
    let source: SpanSource
    /// Leave `#pragma include` out (the loader has already followed it).
    let skipIncludes: Bool
    /// The tree's arrays, for reading classes and instances by node index.
    let flat: FlatTree

    init(tree: SyntaxTree, source: SpanSource, skipIncludes: Bool) {
        self.tree = tree
        self.source = source
        self.skipIncludes = skipIncludes
        self.flat = FlatTree(tree)
    }

    // MARK: Tokens and spans

    func span(_ node: SyntaxNode) -> ModelSpan { ModelSpan(source, node.textRange) }

    func span(_ token: Token) -> ModelSpan { .offsets(source, start: token.start, end: token.end) }

    func text(_ token: Token) -> String { tree.text(of: token) }

    /// A node's `n`th own identifier token (names and keywords).
    func identifier(_ node: SyntaxNode, at n: Int = 0) -> Token? { node.ownToken(.identifier, at: n) }

    /// The text of the first own token of `node` (a type name or class name).
    func firstTokenText(_ node: SyntaxNode?) -> String? {
        guard let node, let token = node.firstOwnToken() else { return nil }
        return text(token)
    }

    // MARK: Declarations

    func declaration(_ declaration: DeclSyntax) -> ParsedDeclaration? {
        switch declaration {
        case .pragma(let p): return pragma(p).map(ParsedDeclaration.pragma)
        case .qualifierDecl(let q): return qualifierDeclaration(q).map(ParsedDeclaration.qualifierDeclaration)
        case .classDecl(let c): return classDeclaration(flat: c.node.index).map(ParsedDeclaration.classDeclaration)
        case .instanceDecl(let i): return instance(flat: i.node.index).map(ParsedDeclaration.instance)
        case .other: return nil
        }
    }

    func pragma(_ p: PragmaSyntax) -> ParsedPragma? {
        guard let nameToken = identifier(p.node) else { return nil }
        let name = text(nameToken)
        if skipIncludes && name.lowercased() == "include" { return nil }
        let arguments: [ModelValue] = p.arguments.compactMap { argument in
            switch argument {
            case .value(let v): return value(v)
            case .name(let n): return ModelValue(.identifier(n.text), span: span(n.token))
            }
        }
        return ParsedPragma(name: name, arguments: arguments, span: span(p.node))
    }

    static func arrayKind(_ specifier: ArraySpecifierSyntax?) -> ArrayKind {
        guard let specifier else { return .scalar }
        return specifier.size.map(ArrayKind.fixed) ?? .unbounded
    }

    func qualifierDeclaration(_ q: QualifierDeclSyntax) -> ParsedQualifierDeclaration? {
        guard let nameToken = identifier(q.node, at: 1) else { return nil }
        let typeName = firstTokenText(q.node.child(.qualifierType)?.child(.dataType))
        return ParsedQualifierDeclaration(
            name: text(nameToken), nameSpan: span(nameToken), typeName: typeName, array: Self.arrayKind(q.array),
            defaultValue: q.defaultValue.flatMap(value), scopes: q.scopes.map(\.text), flavors: q.flavors.map(\.text),
            span: span(q.node))
    }

    /// The qualifiers in the `qualifierList` child of `owner`, read straight from the tree (no
    /// view arrays: a large file has millions of qualifiers).
    func qualifiers(of owner: SyntaxNode) -> [ParsedQualifier] {
        guard let list = owner.child(.qualifierList) else { return [] }
        var result: [ParsedQualifier] = []
        list.forEachChild { q in
            guard q.kind == .qualifier, let nameToken = q.firstOwnToken() else { return }
            var converted: ModelValue?
            if let parameter = q.child(.qualifierParameter) {
                // One value: itself; several (`Name("a", "b")`): an array of them.
                var first: SyntaxNode?
                var values: [ModelValue] = []
                var count = 0
                parameter.forEachChild { child in
                    guard child.kind != .missing && child.kind != .unexpected else { return }
                    count += 1
                    if count == 1 {
                        first = child
                    } else {
                        if count == 2, let first, let v = value(ValueSyntax(first)) { values.append(v) }
                        if let v = value(ValueSyntax(child)) { values.append(v) }
                    }
                }
                if count == 1, let first {
                    converted = value(ValueSyntax(first))
                } else if count > 1 {
                    converted = ModelValue(.array(values), span: span(q))
                }
            }
            var flavors: [String] = []
            if let flavorList = q.child(.flavorList) {
                _ = flavorList.firstOwnToken { token in
                    if token.kind == .identifier { flavors.append(text(token)) }
                    return false
                }
            }
            result.append(ParsedQualifier(name: text(nameToken), value: converted, flavors: flavors, span: span(q)))
        }
        return result
    }

    func classDeclaration(_ c: ClassDeclSyntax) -> ParsedClass? {
        let node = c.node
        guard let keywordToken = identifier(node), let nameToken = identifier(node, at: 1) else { return nil }
        var classQualifiers = qualifiers(of: node)
        let keyword = text(keywordToken).lowercased()
        if keyword == "association" || keyword == "indication",
            !classQualifiers.contains(where: { $0.name.lowercased() == keyword })
        {
            classQualifiers.append(ParsedQualifier(
                name: keyword == "association" ? "Association" : "Indication", value: nil, flavors: [], span: span(keywordToken)))
        }
        let superToken = node.child(.superclassClause).flatMap { identifier($0) }
        let aliasToken = node.child(.aliasClause)?.firstOwnToken { $0.kind == .aliasIdentifier }
        var properties: [ParsedProperty] = []
        var methods: [ParsedMethod] = []
        for member in c.members {
            switch member {
            case .property(let p):
                let child = p.node
                guard let pname = identifier(child), let type = firstTokenText(child.child(.dataType)) else { continue }
                properties.append(ParsedProperty(
                    qualifiers: qualifiers(of: child), typeName: type, isReference: false, name: text(pname), nameSpan: span(pname),
                    array: Self.arrayKind(p.array), defaultValue: p.defaultValue.flatMap(value), span: span(child)))
            case .reference(let r):
                let child = r.node
                guard let rname = identifier(child), let target = firstTokenText(child.child(.objectReferenceType)) else { continue }
                properties.append(ParsedProperty(
                    qualifiers: qualifiers(of: child), typeName: target, isReference: true, name: text(rname),
                    nameSpan: span(rname), array: Self.arrayKind(r.array), defaultValue: r.defaultValue.flatMap(value), span: span(child)))
            case .method(let m):
                let child = m.node
                guard let mname = identifier(child) else { continue }
                var parameters: [ParsedParameter] = []
                for parameter in m.parameters {
                    let reference = parameter.node.child(.objectReferenceType)
                    guard let pname = identifier(parameter.node),
                        let type = firstTokenText(parameter.node.child(.dataType) ?? reference) else { continue }
                    parameters.append(ParsedParameter(
                        qualifiers: qualifiers(of: parameter.node), typeName: type, isReference: reference != nil,
                        name: text(pname), array: Self.arrayKind(parameter.array), defaultValue: parameter.defaultValue.flatMap(value),
                        span: span(parameter.node)))
                }
                let reference = child.child(.objectReferenceType)
                methods.append(ParsedMethod(
                    qualifiers: qualifiers(of: child), returnTypeName: firstTokenText(child.child(.dataType) ?? reference) ?? "void",
                    returnsReference: reference != nil, name: text(mname),
                    nameSpan: span(mname), parameters: parameters, span: span(child)))
            }
        }
        return ParsedClass(
            qualifiers: classQualifiers, name: text(nameToken), nameSpan: span(nameToken), superclass: superToken.map(text),
            superclassSpan: superToken.map(span), alias: aliasToken.map(aliasText), properties: properties, methods: methods,
            span: span(node))
    }

    /// An alias token's name without `$`.
    func aliasText(_ token: Token) -> String {
        var name = token
        name.start += 1
        return text(name)
    }

    func instance(_ i: InstanceDeclSyntax) -> ParsedInstance? {
        let node = i.node
        guard let classToken = identifier(node, at: 2) else { return nil }
        var values: [ParsedPropertyValue] = []
        for a in i.assignments {
            guard let name = identifier(a.node) else { continue }
            values.append(ParsedPropertyValue(
                qualifiers: qualifiers(of: a.node), name: text(name), nameSpan: span(name), value: a.value.flatMap(value),
                span: span(a.node)))
        }
        let aliasToken = node.child(.aliasClause)?.firstOwnToken { $0.kind == .aliasIdentifier }
        return ParsedInstance(
            qualifiers: qualifiers(of: node), className: text(classToken), classNameSpan: span(classToken),
            alias: aliasToken.map(aliasText), aliasSpan: aliasToken.map(span), values: values, span: span(node))
    }

    /// A value with its span; `nil` for values the parser could not read (already diagnosed).
    func value(_ v: ValueSyntax) -> ModelValue? {
        let here = span(v.node)
        if let plain = plainString(v.node) { return ModelValue(.string(plain), span: here) }
        if v.node.kind == .arrayValue {
            return ModelValue(.array(v.elements.compactMap(value)), span: here)
        }
        switch v.decoded {
        case .string(let s): return ModelValue(.string(s), span: here)
        case .integer(let i):
            return ModelValue(.integer(ModelInteger(isNegative: i.isNegative, magnitude: i.magnitude, overflow: i.overflowed)), span: here)
        case .real(let d): return ModelValue(.real(d), span: here)
        case .char16(let unit): return ModelValue(.char16(Self.char16Text(unit)), span: here)
        case .boolean(let b): return ModelValue(.boolean(b), span: here)
        case .null: return ModelValue(.null, span: here)
        case .alias(let a): return ModelValue(.alias(a), span: here)
        case .array(let items):
            // Only reached for multi-value forms the view decodes itself; spans fall back to the whole value.
            return ModelValue(.array(items.compactMap { plain($0, span: here) }), span: here)
        case .instance(let inner): return instance(inner).map { ModelValue(.instance($0), span: here) }
        case .invalid: return nil
        }
    }

    /// The value of a literal that is one string token without escapes or line breaks (nearly
    /// every string in a real file), read straight from the text: the general decoder collects
    /// bytes in an array first. `nil` for anything else.
    func plainString(_ node: SyntaxNode) -> String? {
        guard node.kind == .literalValue, !node.hasChildren else { return nil }
        let tokens = node.tokens
        guard tokens.count == 1, let token = tokens.first, token.kind == .string, !token.isMalformed else { return nil }
        let start = Int(token.start) + 1
        let end = Int(token.end) - 1
        return tree.source.text.withUnsafeBufferPointer { buffer -> String? in
            guard end >= start, buffer[end] == UInt8(ascii: "\"") else { return nil }
            let inner = UnsafeBufferPointer(rebasing: buffer[start..<end])
            for byte in inner where byte == UInt8(ascii: "\\") || byte == 0x0A || byte == 0x0D { return nil }
            return String(decoding: inner, as: UTF8.self)
        }
    }

    static func char16Text(_ unit: UInt16) -> String {
        Unicode.Scalar(UInt32(unit)).map { String(Character($0)) } ?? "\u{FFFD}"
    }

    func plain(_ v: MOFSyntax.MOFValue, span here: ModelSpan) -> ModelValue? {
        switch v {
        case .string(let s): return ModelValue(.string(s), span: here)
        case .integer(let i): return ModelValue(.integer(ModelInteger(isNegative: i.isNegative, magnitude: i.magnitude, overflow: i.overflowed)), span: here)
        case .real(let d): return ModelValue(.real(d), span: here)
        case .char16(let unit): return ModelValue(.char16(Self.char16Text(unit)), span: here)
        case .boolean(let b): return ModelValue(.boolean(b), span: here)
        case .null: return ModelValue(.null, span: here)
        case .alias(let a): return ModelValue(.alias(a), span: here)
        case .array(let items): return ModelValue(.array(items.compactMap { plain($0, span: here) }), span: here)
        case .instance(let inner): return instance(inner).map { ModelValue(.instance($0), span: here) }
        case .invalid: return nil
        }
    }
}
