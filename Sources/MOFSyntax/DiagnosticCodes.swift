import MofkitSource

/// The codes of the MOF lexer, parser and loader (`MOF1xxx`, `MOF2xxx`).
public enum SyntaxCode: DiagnosticCodeSet {
    // MARK: Lexical (MOF10xx)

    /// Bytes that start no MOF token.
    public static let unexpectedCharacter: DiagnosticCode = "MOF1001"
    /// A string literal without its closing quote.
    public static let unterminatedString: DiagnosticCode = "MOF1002"
    /// A string literal with a raw line break inside, continued on the next line.
    public static let brokenString: DiagnosticCode = "MOF1003"
    /// An unknown or incomplete escape sequence.
    public static let invalidEscape: DiagnosticCode = "MOF1004"
    /// A `/*` comment without `*/`.
    public static let unterminatedComment: DiagnosticCode = "MOF1005"
    /// A malformed number (bad octal digit, missing hex digits, letters after digits).
    public static let invalidNumber: DiagnosticCode = "MOF1006"
    /// An integer that fits neither `Int64` nor `UInt64`.
    public static let integerOverflow: DiagnosticCode = "MOF1007"
    /// A malformed char16 literal.
    public static let invalidChar16: DiagnosticCode = "MOF1008"
    /// A backslash line continuation outside a string (C preprocessor style); ignored.
    public static let lineContinuation: DiagnosticCode = "MOF1020"
    /// `$` not followed by an alias name.
    public static let expectedAliasName: DiagnosticCode = "MOF1009"

    // MARK: Syntax (MOF10xx)

    /// A required token is missing ("expected ';' after property declaration").
    public static let expectedToken: DiagnosticCode = "MOF1010"
    /// A token that cannot start or continue the construct at hand.
    public static let unexpectedToken: DiagnosticCode = "MOF1011"
    /// A type name that is not a CIM data type.
    public static let unknownDataType: DiagnosticCode = "MOF1012"
    /// A name in `Scope(...)` that is not a scope.
    public static let invalidScope: DiagnosticCode = "MOF1013"
    /// A name used as a flavor that is not one.
    public static let invalidFlavor: DiagnosticCode = "MOF1014"
    /// Nesting deeper than the parser allows.
    public static let nestingTooDeep: DiagnosticCode = "MOF1015"
    /// DSP0004 3.0 `enumeration` / `structure` declarations.
    public static let unsupportedDeclaration: DiagnosticCode = "MOF1016"
    /// An array value inside an array value.
    public static let nestedArray: DiagnosticCode = "MOF1017"
    /// A `;` where no declaration is open.
    public static let extraSemicolon: DiagnosticCode = "MOF1018"
    /// An array size that is not a positive decimal integer.
    public static let invalidArraySize: DiagnosticCode = "MOF1019"

    // MARK: Pragmas and includes (MOF20xx)

    /// A pragma mofcomp does not know; ignored.
    public static let unknownPragma: DiagnosticCode = "MOF2001"
    /// `#pragma include` of a file that cannot be found or read.
    public static let includeNotFound: DiagnosticCode = "MOF2002"
    /// `#pragma include` of a file that is already being included.
    public static let includeCycle: DiagnosticCode = "MOF2003"
    /// Pragma arguments of the wrong number or kind.
    public static let invalidPragmaArguments: DiagnosticCode = "MOF2004"
    /// A `#pragma locale` value that is not a locale name.
    public static let unknownLocale: DiagnosticCode = "MOF2005"
    /// `#pragma include` of a file outside the named input's folder and the `-I` folders (read, with a warning).
    public static let includeOutsideInputFolder: DiagnosticCode = "MOF2006"
}
