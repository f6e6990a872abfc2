import MofkitSource

/// Recursive-descent MOF parser that builds the flat node arena. It never throws: a missing token
/// becomes a `.missing` node and a diagnostic, skipped tokens an `.unexpected` node.
struct Parser {
    let source: SourceFile
    let text: UnsafeBufferPointer<UInt8>
    var lexer: Lexer
    /// Whether the lexer has produced the end-of-file token.
    var reachedEnd = false
    /// Tokens of the current chunk and a few lexed ahead; `position` indexes the current token.
    let tokens = ScratchBuffer<Token>()
    /// Problems the lexer found in tokens lexed ahead, by absolute token index, not yet in `pending`:
    /// they are reported when the parser first looks at their token, in order with its own.
    var queuedProblems: [(token: Int, problem: PendingDiagnostic)] = []
    /// How many of `tokens` the parser can read before queued problems must be handed over.
    var visibleCount = 0
    /// Tokens lexed in one go past the one the parser asks for: lexing in a tight loop is faster
    /// than returning to the parser for every token.
    static let lexAheadCount = 32
    let nodes = ScratchBuffer<RawNode>()
    var position = 0
    var pending: [PendingDiagnostic] = []
    /// End of the last consumed token (where "expected X after Y" is reported).
    var lastConsumedEnd = 0
    /// Whether the last consumed token was malformed (then "expected X after it" is not reported).
    var lastConsumedMalformed = false
    /// The text range of the last malformed token consumed: syntax errors on or right after it are
    /// consequences of the lexical error already reported there.
    var lastMalformedRange = -1 ..< -1
    /// Where the current chunk's text starts (its leading trivia).
    var chunkTextStart = 0
    /// Tokens handed out in earlier chunks, so that token indices are comparable across chunks.
    var tokenBase = 0
    /// Absolute index of the token at which the last error was reported (one error per token).
    var lastErrorToken = -1
    var valueDepth = 0
    static let maxValueDepth = 64
    /// Whether the current chunk holds a `#pragma include`.
    var chunkHasIncludePragma = false

    init(source: SourceFile, text: UnsafeBufferPointer<UInt8>) {
        self.source = source
        self.text = text
        self.lexer = Lexer(text: text)
    }

    // MARK: Driving

    /// Parses the whole text. With `streaming`, `emit` receives one tree per top-level declaration
    /// (the last one also holds the end of file); otherwise it receives the whole tree once.
    mutating func run(streaming: Bool, emit: (SyntaxTree) -> Void) {
        run(streaming: streaming) { tree, _ in emit(tree) }
    }

    /// ``run(streaming:emit:)`` that also says, with each streamed tree, where parsing could start
    /// again (``resume(at:)``) and give the same trees and diagnostics from there on: `nil` where
    /// the parser carries state about the declaration just finished into the next one (a
    /// malformed token or an error at its end).
    mutating func run(streaming: Bool, emit: (SyntaxTree, Int?) -> Void) {
        var root = startNode(.sourceFile)
        while peek().kind != .endOfFile {
            let before = position
            parseTopLevelDeclaration()
            if position == before { skipOneUnexpected() }  // guarantee progress
            if streaming {
                finishNode(root)
                let chunk = takeChunk()
                let clean = !lastConsumedMalformed && lastMalformedRange.upperBound < lastConsumedEnd
                    && lastErrorToken < tokenBase
                emit(chunk, clean ? lastConsumedEnd : nil)
                root = startNode(.sourceFile)
            }
        }
        position += 1  // the end-of-file token belongs to the root: it carries the trailing trivia
        lastConsumedEnd = text.count
        finishNode(root)
        emit(takeChunk(), nil)
    }

    /// Starts at text offset `offset`, a point ``run(streaming:emit:)`` gave: the end of a
    /// top-level declaration.
    mutating func resume(at offset: Int) {
        lexer.position = offset
        lastConsumedEnd = offset
        chunkTextStart = offset
    }

    mutating func takeChunk() -> SyntaxTree {
        let chunkTokens = tokens.copy(0..<position)
        var diagnostics: [Diagnostic] = []
        diagnostics.reserveCapacity(pending.count)
        for problem in pending { diagnostics.append(problem.resolved(in: source)) }
        let tree = SyntaxTree(storage: SyntaxTree.Storage(
            source: source, tokens: chunkTokens, nodes: nodes.copy(0..<nodes.count), diagnostics: diagnostics,
            textStart: chunkTextStart, hasIncludePragma: chunkHasIncludePragma))
        chunkHasIncludePragma = false
        chunkTextStart = lastConsumedEnd
        tokens.removeFirst(position)
        tokenBase += position
        position = 0
        updateVisibleCount()
        nodes.removeAll()
        pending.removeAll(keepingCapacity: true)
        return tree
    }

    // MARK: Tokens

    @inline(__always)
    mutating func peek(_ offset: Int = 0) -> Token {
        let index = position + offset
        if index < visibleCount { return tokens[index] }
        return fill(index)
    }

    /// The token at `index`, lexing up to it (and some way past) and reporting the lexical problems
    /// up to it first. Past the end of the file, the end-of-file token.
    mutating func fill(_ index: Int) -> Token {
        if index >= tokens.count, !reachedEnd { lexAhead(through: index) }
        if !queuedProblems.isEmpty {
            let absolute = tokenBase + index
            var taken = 0
            while taken < queuedProblems.count, queuedProblems[taken].token <= absolute {
                pending.append(queuedProblems[taken].problem)
                taken += 1
            }
            if taken > 0 { queuedProblems.removeFirst(taken) }
        }
        updateVisibleCount()
        // input-unreachable: `tokens` holds at least the end-of-file token once lexing has reached it
        return index < tokens.count ? tokens[index] : tokens[tokens.count - 1]
    }

    mutating func lexAhead(through index: Int) {
        let batch = max(index + 1 - tokens.count, Parser.lexAheadCount)
        // Lex straight into the buffer's free space and count the tokens once.
        let free = tokens.reserveTail(batch)
        var count = 0
        while count < batch {
            let token = lexer.next()
            (free + count).initialize(to: token)
            if !lexer.problems.isEmpty {
                let absolute = tokenBase + tokens.count + count
                for problem in lexer.problems { queuedProblems.append((absolute, problem)) }
                lexer.problems.removeAll()
            }
            count += 1
            if token.kind == .endOfFile {
                reachedEnd = true
                break
            }
        }
        tokens.commit(count)
    }

    @inline(__always)
    mutating func updateVisibleCount() {
        visibleCount = queuedProblems.first.map { $0.token - tokenBase } ?? tokens.count
    }

    @inline(__always)
    mutating func at(_ kind: TokenKind) -> Bool { peek().kind == kind }

    @inline(__always)
    mutating func atKeyword(_ keyword: StaticString, _ offset: Int = 0) -> Bool {
        let token = peek(offset)
        return token.kind == .identifier && text.equalsLowercaseKeyword(token.range, keyword)
    }

    /// Consumes the current token (never the end of file).
    @inline(__always)
    mutating func bump() {
        let token = peek()
        if token.kind != .endOfFile {
            position += 1
            lastConsumedEnd = Int(token.end)
            lastConsumedMalformed = token.isMalformed
            if lastConsumedMalformed { lastMalformedRange = token.range }
        }
    }

    func tokenText(_ token: Token) -> String {
        String(decoding: text[token.range], as: UTF8.self)
    }

    /// How a token is shown in "found X".
    mutating func describeCurrent() -> String {
        let token = peek()
        switch token.kind {
        case .endOfFile: return "end of file"
        case .string: return "string literal"
        default:
            let shown = text[Int(token.start)..<Int(min(token.end, token.start + 24))]
            let suffix = token.end - token.start > 24 ? "…" : ""
            return "'" + String(decoding: shown, as: UTF8.self) + suffix + "'"
        }
    }

    // MARK: Nodes

    @inline(__always)
    mutating func startNode(_ kind: SyntaxKind) -> Int {
        let first = UInt32(truncatingIfNeeded: position)
        nodes.append(RawNode(kind: kind, detail: 0, firstToken: first, endToken: first, subtreeEnd: 0))
        return nodes.count - 1
    }

    @inline(__always)
    mutating func finishNode(_ index: Int, as kind: SyntaxKind? = nil) {
        nodes[index].endToken = UInt32(truncatingIfNeeded: position)
        nodes[index].subtreeEnd = UInt32(truncatingIfNeeded: nodes.count)
        if let kind { nodes[index].kind = kind }
    }

    /// Adds a zero-width `.missing` node for `kind`.
    mutating func addMissing(_ kind: TokenKind) {
        let node = startNode(.missing)
        nodes[node].detail = kind.rawValue
        finishNode(node)
    }

    // MARK: Diagnostics

    /// Reports an error unless one was already reported at the current token (no cascades).
    mutating func error(
        _ code: DiagnosticCode, _ message: String, at range: Range<Int>, severity: Severity = .error,
        notes: [PendingDiagnostic.Note] = [], fixIts: [PendingDiagnostic.Fix] = []
    ) {
        if code == SyntaxCode.expectedToken || code == SyntaxCode.unexpectedToken, lastMalformedRange.lowerBound <= range.lowerBound,
           range.lowerBound <= lastMalformedRange.upperBound
        {
            return  // lands on (or just after) a token the lexer already reported: one mistake, one error
        }
        let here = tokenBase + position
        if severity == .error {
            if here == lastErrorToken { return }
            lastErrorToken = here
        }
        pending.append(PendingDiagnostic(code: code, severity: severity, message: message, range: range,
                                         notes: notes, fixIts: fixIts))
    }

    /// Reports "expected X …, found Y" at the current token.
    mutating func errorAtCurrent(_ message: String) {
        errorAtCurrent(SyntaxCode.unexpectedToken, message)
    }

    /// (Nothing is reported at a token the lexer already reported.)
    mutating func errorAtCurrent(_ code: DiagnosticCode, _ message: String) {
        let token = peek()
        if token.isMalformed || lastConsumedMalformed { return }
        error(code, message + ", found " + describeCurrent(), at: token.range)
    }

    /// Consumes `kind`, or reports it missing just after the previous token.
    @discardableResult
    mutating func expect(_ kind: TokenKind, _ message: @autoclosure () -> String) -> Bool {
        if at(kind) {
            bump()
            return true
        }
        addMissing(kind)
        // The lexer already reported the token before (or the one here): say nothing more.
        if lastConsumedMalformed {
            // An unterminated literal ends at its line end; when the next line holds the next
            // statement, take the ';' as missing there and go on, instead of skipping that statement.
            return kind == .semicolon && lineBreakBeforeCurrent()
        }
        if peek().isMalformed { return false }
        let fix: [PendingDiagnostic.Fix] = kind == .semicolon || kind == .rightParen || kind == .rightBracket
            || kind == .rightBrace
            ? [.init(message: "insert \(kind)", range: lastConsumedEnd..<lastConsumedEnd,
                     replacement: String(kind.description.dropFirst().dropLast()))]
            : []
        error(SyntaxCode.expectedToken, message(), at: lastConsumedEnd..<lastConsumedEnd, fixIts: fix)
        return false
    }

    /// Whether a line break separates the last consumed token from the current one.
    mutating func lineBreakBeforeCurrent() -> Bool {
        let next = Int(peek().start)
        guard lastConsumedEnd < next else { return false }
        return text[lastConsumedEnd..<next].contains { $0 == 0x0A || $0 == 0x0D }
    }

    // MARK: Recovery

    enum RecoveryLevel { case topLevel, member }

    /// Whether the current token plausibly starts a top-level declaration.
    mutating func atDeclarationStart() -> Bool {
        let token = peek()
        switch token.kind {
        case .pragmaKeyword: return true
        case .leftBracket: return peek(1).kind == .identifier
        case .identifier:
            if atKeyword("class") || atKeyword("qualifier") || atKeyword("association") || atKeyword("indication")
                || atKeyword("enumeration") || atKeyword("structure")
            {
                return peek(1).kind == .identifier
            }
            return atKeyword("instance") && atKeyword("of", 1)
        default: return false
        }
    }

    /// Skips to a point where parsing can resume: a `;` (consumed) outside braces, or (not consumed)
    /// a `}` closing the current body, or the start of a declaration. Skipped tokens form an
    /// `.unexpected` node; nothing is reported (the caller already did).
    mutating func recover(_ level: RecoveryLevel) {
        let node = startNode(.unexpected)
        var braces = 0
        loop: while true {
            let token = peek()
            switch token.kind {
            case .endOfFile, .pragmaKeyword:
                break loop
            case .leftBrace:
                braces += 1
            case .rightBrace:
                if braces == 0 {
                    if level == .member { break loop }
                } else {
                    braces -= 1
                }
            case .semicolon:
                if braces == 0 {
                    bump()
                    break loop
                }
            case .leftBracket, .identifier:
                if braces == 0, level == .topLevel, position > Int(nodes[node].firstToken), atDeclarationStart() {
                    break loop
                }
                if braces == 0, level == .member, token.kind == .identifier, atStrictTopLevelStart() { break loop }
            default:
                break
            }
            bump()
        }
        finishNode(node)
        if nodes[node].endToken == nodes[node].firstToken { nodes.removeLast() }
    }

    /// Inside a body: a declaration keyword that cannot start a member (`class X`, `instance of`).
    mutating func atStrictTopLevelStart() -> Bool {
        if peek().kind == .pragmaKeyword { return true }
        if atKeyword("class") || atKeyword("qualifier") { return peek(1).kind == .identifier && peek(2).kind != .semicolon && peek(2).kind != .equals && peek(2).kind != .leftBracket && peek(2).kind != .leftParen }
        return false
    }

    /// Skips one token as `.unexpected`, reporting it (used only to guarantee progress).
    mutating func skipOneUnexpected() {
        errorAtCurrent("expected declaration")
        let node = startNode(.unexpected)
        bump()
        finishNode(node)
    }

    /// Skips a bracketed group starting at the current opener, to its matching closer (iteratively).
    mutating func skipBalanced() {
        let open = peek().kind
        let close: TokenKind = open == .leftBrace ? .rightBrace : open == .leftParen ? .rightParen : .rightBracket
        var depth = 0
        while true {
            let kind = peek().kind
            if kind == .endOfFile { return }
            bump()
            if kind == open { depth += 1 }
            if kind == close {
                depth -= 1
                if depth == 0 { return }
            }
        }
    }

    /// Skips to `closer` (consumed) or a `;` / `}` / declaration start (not consumed), for local
    /// recovery inside brackets.
    /// A wrong closing bracket followed by one of `followers` is taken as a typo for `closer`
    /// (`Description("x" }]`) and consumed, so that parsing goes on as if it were right.
    /// A token in `stops` (at the top level) ends the skipping without being consumed: it closes
    /// an enclosing construct (the `]` of a qualifier list around a qualifier's arguments).
    mutating func recoverInside(closer: TokenKind, followers: [TokenKind] = [], stops: [TokenKind] = []) {
        let node = startNode(.unexpected)
        var nested = 0
        while true {
            let kind = peek().kind
            if kind == .endOfFile || kind == .pragmaKeyword { break }
            if kind == closer, nested == 0 { bump(); break }
            if nested == 0, kind == .rightBrace || kind == .rightParen || kind == .rightBracket,
               followers.contains(peek(1).kind)
            {
                bump()
                break
            }
            if kind == .semicolon, nested == 0 { break }
            if kind == .rightBrace, nested == 0 { break }
            if nested == 0, stops.contains(kind) { break }
            if kind == .identifier, nested == 0,
               atStrictTopLevelStart() || (atKeyword("instance") && atKeyword("of", 1))
            {
                break
            }
            if kind == .leftBrace { nested += 1 }
            if kind == .rightBrace { nested -= 1 }
            bump()
        }
        finishNode(node)
        if nodes[node].endToken == nodes[node].firstToken { nodes.removeLast() }
    }

    // MARK: Top level

    mutating func parseTopLevelDeclaration() {
        let token = peek()
        switch token.kind {
        case .pragmaKeyword:
            parsePragma()
        case .leftBracket:
            let node = startNode(.classDeclaration)
            let errorsBefore = pending.count
            parseQualifierList()
            if atKeyword("class") || atKeyword("association") || atKeyword("indication") {
                parseClassRest(node)
            } else if atKeyword("instance") {
                parseInstanceRest(node, embedded: false)
            } else if atKeyword("enumeration") || atKeyword("structure") {
                parseUnsupportedRest(node)
            } else {
                // After a broken qualifier list, what follows is no news.
                if pending.count == errorsBefore { errorAtCurrent("expected 'class' or 'instance of' after qualifier list") }
                recover(.topLevel)
                finishNode(node, as: .unexpected)
            }
        case .identifier:
            if atKeyword("class") || atKeyword("association") || atKeyword("indication") {
                parseClassRest(startNode(.classDeclaration))
            } else if atKeyword("instance") {
                parseInstanceRest(startNode(.instanceDeclaration), embedded: false)
            } else if atKeyword("qualifier") {
                parseQualifierDeclaration()
            } else if atKeyword("enumeration") || atKeyword("structure") {
                parseUnsupportedRest(startNode(.unsupportedDeclaration))
            } else {
                errorAtCurrent("expected declaration ('class', 'instance of', 'qualifier' or '#pragma')")
                let node = startNode(.unexpected)
                bump()
                recover(.topLevel)
                finishNode(node)
            }
        case .semicolon:
            error(SyntaxCode.extraSemicolon, "extra ';' outside of a declaration", at: token.range, severity: .warning,
                  fixIts: [.init(message: "remove ';'", range: token.range, replacement: "")])
            let node = startNode(.unexpected)
            bump()
            finishNode(node)
        default:
            if !token.isMalformed { errorAtCurrent("expected declaration") }
            let node = startNode(.unexpected)
            if token.kind == .leftBrace || token.kind == .leftParen || token.kind == .leftBracket {
                skipBalanced()
            } else {
                bump()
            }
            recover(.topLevel)
            finishNode(node)
        }
    }

    // MARK: Pragmas

    /// What a pragma argument is, for checking a pragma's arguments against what it takes.
    enum PragmaArgumentKind: Equatable {
        /// A string literal: `#pragma namespace("\\\\.\\root")`.
        case string
        /// An integer literal.
        case integer
        /// A bare name: `FAIL`/`NOFAIL` of `#pragma deleteclass`.
        case name
    }

    enum PragmaName {
        case include, namespace, locale, amendment, deleteClass, deleteInstance, classFlags, instanceFlags
        case autoRecover, unknown
    }

    func classifyPragma(_ token: Token) -> PragmaName {
        let range = token.range
        if text.equalsLowercaseKeyword(range, "include") { return .include }
        if text.equalsLowercaseKeyword(range, "namespace") { return .namespace }
        if text.equalsLowercaseKeyword(range, "locale") { return .locale }
        if text.equalsLowercaseKeyword(range, "amendment") { return .amendment }
        if text.equalsLowercaseKeyword(range, "deleteclass") { return .deleteClass }
        if text.equalsLowercaseKeyword(range, "deleteinstance") { return .deleteInstance }
        if text.equalsLowercaseKeyword(range, "classflags") { return .classFlags }
        if text.equalsLowercaseKeyword(range, "instanceflags") { return .instanceFlags }
        if text.equalsLowercaseKeyword(range, "autorecover") { return .autoRecover }
        return .unknown
    }

    mutating func parsePragma() {
        let node = startNode(.pragmaDirective)
        let pragmaToken = peek()
        bump()
        guard at(.identifier) else {
            expect(.identifier, "expected pragma name after '#pragma'")
            finishNode(node)
            return
        }
        let nameToken = peek()
        bump()
        let name = classifyPragma(nameToken)
        if name == .include { chunkHasIncludePragma = true }
        var argumentKinds: [PragmaArgumentKind] = []
        var argumentTokens: [Token] = []
        var argumentsOK = true
        if at(.leftParen) {
            let arguments = startNode(.pragmaArguments)
            bump()
            if !at(.rightParen) {
                while true {
                    let token = peek()
                    if token.kind == .identifier {
                        let argument = startNode(.identifierArgument)
                        bump()
                        finishNode(argument)
                        argumentKinds.append(.name)
                    } else if token.kind == .string || token.kind == .integer {
                        argumentKinds.append(token.kind == .string ? .string : .integer)
                        _ = parseValue()
                    } else {
                        errorAtCurrent(SyntaxCode.expectedToken, "expected pragma argument")
                        argumentsOK = false
                        recoverPragmaArguments()
                        break
                    }
                    argumentTokens.append(token)
                    if at(.comma) {
                        bump()
                        continue
                    }
                    if at(.rightParen) { break }
                    expect(.rightParen, "expected ')' after pragma arguments")
                    argumentsOK = false
                    break
                }
            }
            if at(.rightParen) { bump() }
            finishNode(arguments)
        }
        finishNode(node)
        guard argumentsOK else { return }
        validatePragma(name, nameToken: nameToken, pragmaToken: pragmaToken, kinds: argumentKinds,
                       tokens: argumentTokens)
    }

    /// Skips a broken pragma argument list, staying on the pragma's line.
    mutating func recoverPragmaArguments() {
        let line = source.lineIndex(containing: lastConsumedEnd)
        while true {
            let token = peek()
            if token.kind == .endOfFile || token.kind == .pragmaKeyword { return }
            if token.kind == .rightParen { return }
            if source.lineIndex(containing: Int(token.start)) != line { return }
            bump()
        }
    }

    mutating func validatePragma(
        _ name: PragmaName, nameToken: Token, pragmaToken: Token, kinds: [PragmaArgumentKind], tokens: [Token]
    ) {
        var nameText: String { tokenText(nameToken) }
        let whole = Int(pragmaToken.start)..<lastConsumedEnd
        func invalid(_ message: @autoclosure () -> String) {
            error(SyntaxCode.invalidPragmaArguments, message(), at: whole)
        }
        switch name {
        case .unknown:
            error(SyntaxCode.unknownPragma, "unknown pragma '\(nameText)' (ignored)", at: nameToken.range, severity: .warning)
        case .include, .namespace, .amendment:
            if kinds != [.string] { invalid("'#pragma \(nameText)' expects one string argument") }
        case .locale:
            if kinds != [.string] {
                invalid("'#pragma \(nameText)' expects one string argument")
            } else if let token = tokens.first {
                let value = StringLiteralDecoder.decode(text, token.range)
                if !Parser.isLocaleName(value) {
                    error(SyntaxCode.unknownLocale, "unknown locale '\(value)' (ignored)", at: token.range, severity: .warning,
                          notes: [.init(message: "expected a name such as \"MS_409\" or \"en_US\"", range: nil)])
                }
            }
        case .deleteClass, .deleteInstance:
            let ok = kinds == [.string, .name] && tokens.count == 2
                && (text.equalsLowercaseKeyword(tokens[1].range, "fail")
                    || text.equalsLowercaseKeyword(tokens[1].range, "nofail"))
            if !ok {
                invalid("'#pragma \(nameText)' expects a \(name == .deleteClass ? "class name" : "instance path") string and FAIL or NOFAIL")
            }
        case .classFlags, .instanceFlags:
            if kinds.isEmpty || kinds.contains(.name) {
                invalid("'#pragma \(nameText)' expects flag strings (such as \"forceupdate\") or a number")
            }
        case .autoRecover:
            if !kinds.isEmpty { invalid("'#pragma autorecover' takes no arguments") }
        }
    }

    /// `MS_409` (mofcomp) or `en_US` / `en-US` / `en` (DSP0004).
    static func isLocaleName(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        if bytes.count > 3, bytes[0] | 0x20 == UInt8(ascii: "m"), bytes[1] | 0x20 == UInt8(ascii: "s"),
           bytes[2] == UInt8(ascii: "_")
        {
            return bytes[3...].allSatisfy(ByteClass.isHexDigit)
        }
        func letters(_ slice: ArraySlice<UInt8>) -> Bool {
            (2...3).contains(slice.count) && slice.allSatisfy { $0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A }
        }
        let parts = bytes.split(omittingEmptySubsequences: false) { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
        switch parts.count {
        case 1: return letters(parts[0])
        case 2: return letters(parts[0]) && (letters(parts[1]) || (parts[1].count == 4 && parts[1].allSatisfy(ByteClass.isIdentifierContinue)))
        case 3: return letters(parts[0]) && parts[1].allSatisfy(ByteClass.isIdentifierContinue) && letters(parts[2])
        default: return false
        }
    }

    // MARK: Qualifier declarations

    mutating func parseQualifierDeclaration() {
        let node = startNode(.qualifierDeclaration)
        bump()  // qualifier
        guard at(.identifier) else {
            errorAtCurrent(SyntaxCode.expectedToken, "expected qualifier name after 'qualifier'")
            recover(.topLevel)
            finishNode(node)
            return
        }
        bump()
        if at(.colon) {
            let next = peek(1)
            if next.kind == .identifier, MOFKeywords.isFlavor(text, next.range) {
                parseFlavorList()
            } else {
                let type = startNode(.qualifierType)
                bump()  // :
                if at(.identifier) {
                    parseDataType(allowVoid: false)
                    if at(.leftBracket) { parseArraySpecifier() }
                    if at(.equals) { parseDefaultValue() }
                } else {
                    errorAtCurrent(SyntaxCode.expectedToken, "expected qualifier type after ':'")
                }
                finishNode(type)
            }
        }
        while at(.comma) {
            bump()
            if atKeyword("scope") {
                parseNameListClause(.scopeClause)
            } else if atKeyword("flavor") {
                parseNameListClause(.flavorClause)
            } else {
                errorAtCurrent(SyntaxCode.expectedToken, "expected 'scope(...)' or 'flavor(...)' after ','")
                recover(.topLevel)
                finishNode(node)
                return
            }
        }
        if !expect(.semicolon, "expected ';' after qualifier declaration") { recover(.topLevel) }
        finishNode(node)
    }

    /// `scope(name, ...)` or `flavor(name, ...)`, each name checked.
    mutating func parseNameListClause(_ kind: SyntaxKind) {
        let node = startNode(kind)
        let isScope = kind == .scopeClause
        bump()
        guard expect(.leftParen, "expected '(' after '\(isScope ? "scope" : "flavor")'") else {
            finishNode(node)
            return
        }
        var hadError = false
        while true {
            let token = peek()
            if token.kind == .identifier {
                let valid = isScope ? MOFKeywords.isScope(text, token.range) : MOFKeywords.isFlavor(text, token.range)
                if !valid {
                    let list = isScope ? MOFKeywords.scopeNames : MOFKeywords.flavorNames
                    error(isScope ? SyntaxCode.invalidScope : SyntaxCode.invalidFlavor,
                          "'\(tokenText(token))' is not a \(isScope ? "scope" : "flavor")", at: token.range,
                          notes: [.init(message: "expected one of: " + list.joined(separator: ", "), range: nil)])
                    hadError = true
                }
                bump()
            } else {
                if !hadError { errorAtCurrent(SyntaxCode.expectedToken, "expected \(isScope ? "scope" : "flavor") name") }
                recoverInside(closer: .rightParen)
                break
            }
            if at(.comma) {
                bump()
                continue
            }
            if at(.rightParen) {
                bump()
                break
            }
            if !hadError { errorAtCurrent(SyntaxCode.expectedToken, "expected ',' or ')' in \(isScope ? "scope" : "flavor") list") }
            recoverInside(closer: .rightParen)
            break
        }
        finishNode(node)
    }

    // MARK: Qualifier lists

    mutating func parseQualifierList() {
        let node = startNode(.qualifierList)
        bump()  // [
        parseSeparatedList(closer: .rightBracket, closerText: "]", listName: "qualifier list",
            element: { parser in
                guard parser.at(.identifier) else {
                    parser.errorAtCurrent(SyntaxCode.expectedToken, "expected qualifier name")
                    return false
                }
                parser.parseQualifier()
                return true
            },
            recover: { parser in parser.recoverQualifierList() })
        finishNode(node)
    }

    /// Parses the rest of `element (',' element)* closer` once the opener is consumed. `element`
    /// returns false when no element could start there (having said why); `recover` then skips what
    /// is left of the list. A missing separator is reported and recovered from the same way.
    mutating func parseSeparatedList(
        closer: TokenKind, closerText: String, listName: String,
        element: (inout Parser) -> Bool, recover: (inout Parser) -> Void
    ) {
        while true {
            if !element(&self) {
                recover(&self)
                return
            }
            if at(.comma) {
                bump()
                continue
            }
            if at(closer) {
                bump()
                return
            }
            errorAtCurrent(SyntaxCode.expectedToken, "expected ',' or '\(closerText)' in \(listName)")
            recover(&self)
            return
        }
    }

    /// Skips to the `]` closing a qualifier list (consumed), or stops before `;`, `{`, `}` or a
    /// declaration keyword.
    mutating func recoverQualifierList() {
        let node = startNode(.unexpected)
        var nesting = 0
        while true {
            let token = peek()
            if token.kind == .endOfFile || token.kind == .pragmaKeyword { break }
            if nesting == 0 {
                if token.kind == .semicolon || token.kind == .rightBrace { break }
                if token.kind == .rightBracket {
                    bump()
                    break
                }
                if token.kind == .identifier, atKeyword("class") || atKeyword("instance") { break }
            }
            if token.kind == .leftParen || token.kind == .leftBrace { nesting += 1 }
            if token.kind == .rightParen || token.kind == .rightBrace, nesting > 0 { nesting -= 1 }
            bump()
        }
        finishNode(node)
        if nodes[node].endToken == nodes[node].firstToken { nodes.removeLast() }
    }

    mutating func parseQualifier() {
        let node = startNode(.qualifier)
        bump()  // name
        if at(.leftParen) {
            let parameter = startNode(.qualifierParameter)
            bump()
            if parseValue() {
                // mofcomp also takes a list in parentheses: Values("a", "b").
                while at(.comma) {
                    bump()
                    if !parseValue() { break }
                }
                if !at(.rightParen) {
                    expect(.rightParen, "expected ')' after qualifier value")
                    recoverInside(closer: .rightParen, followers: [.rightBracket, .comma, .colon], stops: [.rightBracket])
                } else {
                    bump()
                }
            } else {
                recoverInside(closer: .rightParen, followers: [.rightBracket, .comma, .colon], stops: [.rightBracket])
            }
            finishNode(parameter)
        } else if at(.leftBrace) {
            let parameter = startNode(.qualifierParameter)
            parseArrayValue()
            finishNode(parameter)
        }
        if at(.colon) { parseFlavorList() }
        finishNode(node)
    }

    /// `: flavor flavor …`
    mutating func parseFlavorList() {
        let node = startNode(.flavorList)
        bump()  // :
        var count = 0
        while at(.identifier) {
            let token = peek()
            if !MOFKeywords.isFlavor(text, token.range) {
                let next = peek(1).kind
                // A non-flavor name ends the list, unless it stands where a flavor must be.
                if count > 0, next != .comma, next != .rightBracket, next != .semicolon, next != .identifier { break }
                error(SyntaxCode.invalidFlavor, "'\(tokenText(token))' is not a flavor", at: token.range,
                      notes: [.init(message: "expected one of: " + MOFKeywords.flavorNames.joined(separator: ", "),
                                    range: nil)])
            }
            bump()
            count += 1
        }
        if count == 0 { errorAtCurrent(SyntaxCode.expectedToken, "expected flavor after ':'") }
        finishNode(node)
    }

    // MARK: Classes

    mutating func parseClassRest(_ node: Int) {
        nodes[node].kind = .classDeclaration
        bump()  // class / association / indication
        guard at(.identifier) else {
            errorAtCurrent(SyntaxCode.expectedToken, "expected class name")
            recover(.topLevel)
            finishNode(node)
            return
        }
        let nameToken = peek()
        bump()
        var hasAlias = false
        if atKeyword("as") {
            parseAliasClause()
            hasAlias = true
        }
        if at(.colon) {
            let superclass = startNode(.superclassClause)
            bump()
            if at(.identifier) {
                bump()
            } else {
                errorAtCurrent(SyntaxCode.expectedToken, "expected superclass name after ':'")
            }
            finishNode(superclass)
        }
        if !hasAlias, atKeyword("as") { parseAliasClause() }
        guard at(.leftBrace) else {
            let message = "expected '{' to begin the body of class '\(tokenText(nameToken))'"
            expect(.leftBrace, message)
            recover(.topLevel)
            finishNode(node)
            return
        }
        bump()
        parseMembers(isClass: true)
        if at(.rightBrace) {
            bump()
            if !expect(.semicolon, "expected ';' after class declaration") { recover(.topLevel) }
        } else {
            let message = "expected '}' to end the body of class '\(tokenText(nameToken))'"
            expect(.rightBrace, message)
        }
        finishNode(node)
    }

    mutating func parseAliasClause() {
        let node = startNode(.aliasClause)
        bump()  // as
        if at(.aliasIdentifier) {
            bump()
        } else {
            errorAtCurrent(SyntaxCode.expectedToken, "expected alias ('$name') after 'as'")
        }
        finishNode(node)
    }

    /// Class features or instance property assignments, up to the closing `}`.
    mutating func parseMembers(isClass: Bool) {
        while true {
            let token = peek()
            if token.kind == .rightBrace || token.kind == .endOfFile { return }
            if atStrictTopLevelStart() { return }
            if !isClass, atKeyword("instance"), atKeyword("of", 1) { return }
            if token.kind == .semicolon {
                error(SyntaxCode.extraSemicolon, "extra ';' in \(isClass ? "class" : "instance") body", at: token.range,
                      severity: .warning, fixIts: [.init(message: "remove ';'", range: token.range, replacement: "")])
                let node = startNode(.unexpected)
                bump()
                finishNode(node)
                continue
            }
            let before = position
            if isClass { parseClassFeature() } else { parsePropertyAssignment() }
            if position == before {
                let node = startNode(.unexpected)
                bump()
                finishNode(node)
            }
        }
    }

    mutating func parseClassFeature() {
        let node = startNode(.propertyDeclaration)
        if at(.leftBracket) { parseQualifierList() }
        if atKeyword("enumeration") || atKeyword("structure"), peek(1).kind == .identifier {
            parseUnsupportedRest(node)
            return
        }
        guard at(.identifier) else {
            errorAtCurrent(SyntaxCode.expectedToken, "expected property or method declaration")
            recover(.member)
            finishNode(node, as: .unexpected)
            return
        }
        let typeToken = peek()
        let isReference = atKeyword("ref", 1)
        if isReference {
            let type = startNode(.objectReferenceType)
            bump()
            bump()
            finishNode(type)
        } else {
            let type = startNode(.dataType)
            bump()
            finishNode(type)
        }
        guard at(.identifier) else {
            errorAtCurrent(SyntaxCode.expectedToken, "expected \(isReference ? "reference" : "property or method") name")
            recover(.member)
            finishNode(node)
            return
        }
        bump()
        if at(.leftParen) {
            nodes[node].kind = .methodDeclaration
            if !isReference { checkDataType(typeToken, allowVoid: true) }
            parseParameterList()
            if at(.leftBracket) { parseArraySpecifier() }
            if !expect(.semicolon, "expected ';' after method declaration") { recover(.member) }
        } else {
            nodes[node].kind = isReference ? .referenceDeclaration : .propertyDeclaration
            if !isReference { checkDataType(typeToken, allowVoid: false) }
            if at(.leftBracket) { parseArraySpecifier() }
            if at(.equals) {
                if !parseDefaultValue() {
                    recover(.member)
                    finishNode(node)
                    return
                }
            }
            if !expect(.semicolon, "expected ';' after \(isReference ? "reference" : "property") declaration") {
                recover(.member)
            }
        }
        finishNode(node)
    }

    /// Reports a type name that is meant as a CIM type but is not one (`int32`, `strng`). Other names
    /// are class names: Microsoft's compiler accepts `ClassName Property;` for embedded objects
    /// (WMI driver MOFs use it), so they are not errors. `void` is allowed as a method's return type.
    mutating func checkDataType(_ token: Token, allowVoid: Bool) {
        if CIMTypeName.isIntrinsic(text, token.range) { return }
        if allowVoid, text.equalsLowercaseKeyword(token.range, "void") { return }
        let name = tokenText(token)
        guard let suggestion = CIMTypeName.suggestion(for: name) else { return }
        let previous = lastErrorToken
        lastErrorToken = -1  // a type error never hides, nor is hidden by, a syntax error
        error(SyntaxCode.unknownDataType, "unknown data type '\(name)'", at: token.range,
              notes: [.init(message: "did you mean '\(suggestion)'?", range: nil)],
              fixIts: [.init(message: "use '\(suggestion)'", range: token.range, replacement: suggestion)])
        lastErrorToken = previous
    }

    mutating func parseDataType(allowVoid: Bool) {
        let node = startNode(.dataType)
        checkDataType(peek(), allowVoid: allowVoid)
        bump()
        finishNode(node)
    }

    mutating func parseParameterList() {
        let node = startNode(.parameterList)
        bump()  // (
        if at(.rightParen) {
            bump()
            finishNode(node)
            return
        }
        parseSeparatedList(closer: .rightParen, closerText: ")", listName: "parameter list",
            element: { parser in parser.parseParameter() },
            recover: { parser in parser.recoverInside(closer: .rightParen) })
        finishNode(node)
    }

    mutating func parseParameter() -> Bool {
        let node = startNode(.parameter)
        defer { finishNode(node) }
        if at(.leftBracket) { parseQualifierList() }
        guard at(.identifier) else {
            errorAtCurrent(SyntaxCode.expectedToken, "expected parameter type")
            return false
        }
        let typeToken = peek()
        if atKeyword("ref", 1) {
            let type = startNode(.objectReferenceType)
            bump()
            bump()
            finishNode(type)
        } else {
            let type = startNode(.dataType)
            checkDataType(typeToken, allowVoid: false)
            bump()
            finishNode(type)
        }
        guard at(.identifier) else {
            errorAtCurrent(SyntaxCode.expectedToken, "expected parameter name")
            return false
        }
        bump()
        if at(.leftBracket) { parseArraySpecifier() }
        if at(.equals) { return parseDefaultValue() }
        return true
    }

    mutating func parseArraySpecifier() {
        let node = startNode(.arraySpecifier)
        bump()  // [
        if at(.integer) {
            let token = peek()
            let value = IntegerLiteralValue.decode(text, token.range)
            if !token.isMalformed, value.isNegative || value.radix != .decimal || value.magnitude == 0 || value.overflowed {
                error(SyntaxCode.invalidArraySize, "array size must be a positive decimal integer", at: token.range)
            }
            bump()
        }
        if !at(.rightBracket) {
            expect(.rightBracket, "expected ']' after array size")
            recoverInside(closer: .rightBracket)
        } else {
            bump()
        }
        finishNode(node)
    }

    @discardableResult
    mutating func parseDefaultValue() -> Bool {
        let node = startNode(.defaultValue)
        bump()  // =
        let ok = parseValue()
        finishNode(node)
        return ok
    }

    // MARK: Instances

    mutating func parseInstanceRest(_ node: Int, embedded: Bool) {
        nodes[node].kind = embedded ? .instanceValue : .instanceDeclaration
        bump()  // instance
        guard atKeyword("of") else {
            expect(.identifier, "expected 'of' after 'instance'")
            if !embedded { recover(.topLevel) }
            finishNode(node)
            return
        }
        bump()
        guard at(.identifier) else {
            errorAtCurrent(SyntaxCode.expectedToken, "expected class name after 'instance of'")
            if !embedded { recover(.topLevel) }
            finishNode(node)
            return
        }
        let nameToken = peek()
        bump()
        if atKeyword("as") { parseAliasClause() }
        guard at(.leftBrace) else {
            let message = "expected '{' to begin the instance of '\(tokenText(nameToken))'"
            expect(.leftBrace, message)
            if !embedded { recover(.topLevel) }
            finishNode(node)
            return
        }
        bump()
        parseMembers(isClass: false)
        if at(.rightBrace) {
            bump()
            if !embedded, !expect(.semicolon, "expected ';' after instance declaration") { recover(.topLevel) }
        } else {
            let message = "expected '}' to end the instance of '\(tokenText(nameToken))'"
            expect(.rightBrace, message)
        }
        finishNode(node)
    }

    mutating func parsePropertyAssignment() {
        let node = startNode(.propertyAssignment)
        if at(.leftBracket) { parseQualifierList() }
        guard at(.identifier) else {
            errorAtCurrent(SyntaxCode.expectedToken, "expected property name")
            recover(.member)
            finishNode(node, as: .unexpected)
            return
        }
        bump()
        var hasValue = false
        if at(.equals) {
            hasValue = true
            bump()
            if !parseValue() {
                recover(.member)
                finishNode(node)
                return
            }
        }
        if !expect(.semicolon, hasValue ? "expected ';' after property value" : "expected '=' or ';' after property name") {
            recover(.member)
        }
        finishNode(node)
    }

    // MARK: Unsupported (DSP0004 3.0)

    mutating func parseUnsupportedRest(_ node: Int) {
        nodes[node].kind = .unsupportedDeclaration
        let keyword = peek()
        let what = tokenText(keyword).lowercased()
        error(SyntaxCode.unsupportedDeclaration, "'\(what)' declarations (DSP0004 3.0) are not supported yet", at: keyword.range,
              severity: .error,
              notes: [.init(message: "the declaration is skipped; mofcomp does not accept it either", range: nil)])
        // Skip to the matching '}' of the body, then an optional ';'.
        while true {
            let kind = peek().kind
            if kind == .endOfFile || kind == .pragmaKeyword { break }
            if kind == .semicolon {
                bump()
                break
            }
            if kind == .leftBrace {
                skipBalanced()
                if at(.semicolon) { bump() }
                break
            }
            bump()
        }
        finishNode(node)
    }

    // MARK: Values

    /// Parses a value; false (after reporting) when the current token cannot start one.
    mutating func parseValue() -> Bool {
        let token = peek()
        switch token.kind {
        case .integer:
            let node = startNode(.literalValue)
            if !token.isMalformed {
                let value = IntegerLiteralValue.decode(text, token.range)
                if !value.isRepresentable {
                    error(SyntaxCode.integerOverflow, "integer literal is too large for a 64-bit integer", at: token.range,
                          notes: [.init(message: "MOF integers range from -9223372036854775808 to 18446744073709551615",
                                        range: nil)])
                }
            }
            bump()
            finishNode(node)
            return true
        case .real, .char16:
            let node = startNode(.literalValue)
            bump()
            finishNode(node)
            return true
        case .string:
            let node = startNode(.literalValue)
            while at(.string) { bump() }  // adjacent literals are one value
            finishNode(node)
            return true
        case .aliasIdentifier:
            let node = startNode(.aliasValue)
            bump()
            finishNode(node)
            return true
        case .leftBrace:
            parseArrayValue()
            return true
        case .identifier:
            if atKeyword("true") || atKeyword("false") || atKeyword("null") {
                let node = startNode(.literalValue)
                bump()
                finishNode(node)
                return true
            }
            if atKeyword("instance"), atKeyword("of", 1) {
                if valueDepth >= Parser.maxValueDepth {
                    error(SyntaxCode.nestingTooDeep, "embedded instances are nested too deeply (more than \(Parser.maxValueDepth) levels)",
                          at: token.range)
                    let node = startNode(.unexpected)
                    while !at(.leftBrace), !at(.endOfFile), !at(.semicolon) { bump() }
                    if at(.leftBrace) { skipBalanced() }
                    finishNode(node)
                    return true
                }
                valueDepth += 1
                parseInstanceRest(startNode(.instanceValue), embedded: true)
                valueDepth -= 1
                return true
            }
            errorAtCurrent(SyntaxCode.expectedToken, "expected value")
            return false
        default:
            if token.isMalformed {
                // Already reported by the lexer; take the token as the (bad) value.
                let node = startNode(.unexpected)
                bump()
                finishNode(node)
                return true
            }
            errorAtCurrent(SyntaxCode.expectedToken, "expected value")
            return false
        }
    }

    mutating func parseArrayValue() {
        let node = startNode(.arrayValue)
        bump()  // {
        if at(.rightBrace) {
            bump()
            finishNode(node)
            return
        }
        parseSeparatedList(closer: .rightBrace, closerText: "}", listName: "array value",
            element: { parser in
                guard parser.at(.leftBrace) else { return parser.parseValue() }
                let token = parser.peek()
                parser.error(SyntaxCode.nestedArray, "an array value cannot contain another array value", at: token.range)
                let skipped = parser.startNode(.unexpected)
                parser.skipBalanced()
                parser.finishNode(skipped)
                return true
            },
            recover: { parser in parser.recoverInside(closer: .rightBrace) })
        finishNode(node)
    }
}
