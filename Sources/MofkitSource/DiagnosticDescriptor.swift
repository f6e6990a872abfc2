/// What a diagnostic code means: the text `mofkit explain CODE` prints.
///
/// Each library publishes the descriptors of the codes it emits through its ``DiagnosticCodeSet``
/// (for example ``SourceCode/descriptors`` here); the CLI joins them into one table.
public struct DiagnosticDescriptor: Sendable, Hashable, Codable {
    /// The code described.
    public var code: DiagnosticCode
    /// A short title, e.g. "unterminated string literal".
    public var title: String
    /// The severity diagnostics with this code have unless an option changes it.
    public var defaultSeverity: Severity
    /// One or more paragraphs: what is wrong and why it matters.
    public var explanation: String
    /// A small input that triggers the diagnostic.
    public var wrongExample: String
    /// The same input, corrected.
    public var rightExample: String

    /// A descriptor with every text.
    public init(
        code: DiagnosticCode, title: String, defaultSeverity: Severity, explanation: String,
        wrongExample: String, rightExample: String
    ) {
        self.code = code
        self.title = title
        self.defaultSeverity = defaultSeverity
        self.explanation = explanation
        self.wrongExample = wrongExample
        self.rightExample = rightExample
    }
}

/// The diagnostic codes of one module, declared the same way in every module: a caseless enum named
/// for its area (`SourceCode`, `SyntaxCode`, `SemanticCode`, `CatalogCode`, …) with one `static let`
/// per code, documented, and ``descriptors`` holding the `mofkit explain` text of each.
///
/// Codes are plain ``DiagnosticCode`` values, so a diagnostic names its code as
/// `SyntaxCode.expectedToken` whatever module it comes from, and two modules never clash over a name.
public protocol DiagnosticCodeSet {
    /// The explanation of every code of the set, in code order.
    static var descriptors: [DiagnosticDescriptor] { get }
}

extension SourceCode {
    /// The codes the decoding stage emits.
    public static let descriptors: [DiagnosticDescriptor] = [
        DiagnosticDescriptor(
            code: SourceCode.invalidUTF8, title: "invalid UTF-8", defaultSeverity: .error,
            explanation: """
                The file is read as UTF-8 — it starts with the UTF-8 byte-order mark EF BB BF, or \
                --encoding utf-8 says so — but holds bytes that are not valid UTF-8. mofcomp \
                would misread them (a BOM-less file with such bytes is read as Windows-1252 instead, \
                see MOF0005). This often happens when text saved in a Windows code page (such as \
                1252) is pasted into a UTF-8 file. Re-save the file as UTF-8 or UTF-16.
                """,
            wrongExample: "(UTF-8 BOM) // caf\\xE9 (a lone Latin-1 byte)\nclass A { };",
            rightExample: "(UTF-8 BOM) // café\nclass A { };"),
        DiagnosticDescriptor(
            code: SourceCode.readAsWindows1252, title: "file read as Windows-1252", defaultSeverity: .warning,
            explanation: """
                The file has no byte-order mark and is not valid UTF-8, so it is read as Windows \
                code page 1252, as mofcomp reads an 8-bit file in the Windows code page (1252 on \
                Western-European systems). This is what Notepad and older editors save: a comment \
                with an em dash is the byte 0x97. The warning names the first byte that is not \
                UTF-8 and where it is; columns count one character per byte, and byte offsets are \
                those on disk. The five bytes code page 1252 leaves unassigned (0x81, 0x8D, 0x8F, \
                0x90, 0x9D) are read as the control characters U+0081, U+008D, U+008F, U+0090, \
                U+009D, as Windows reads them. Only a warning: mofcomp compiles the file, but on a \
                machine with another code page the same bytes mean other characters. Save the file \
                as UTF-16 with a byte-order mark (what Notepad calls Unicode), whose meaning does not \
                depend on the machine, or say which encoding it is with --encoding (utf-8, utf-16le, \
                utf-16be, windows-1252).
                """,
            wrongExample: "// Contoso inventory \\x97 disks (saved by Notepad in code page 1252)\nclass A { };",
            rightExample: "// Contoso inventory — disks (saved as UTF-8 or UTF-16)\nclass A { };"),
        DiagnosticDescriptor(
            code: SourceCode.loneSurrogate, title: "lone UTF-16 surrogate", defaultSeverity: .error,
            explanation: """
                A UTF-16 file holds a high surrogate not followed by a low one, or a low surrogate \
                on its own. Such a code unit is not a character; the file is damaged.
                """,
            wrongExample: "(UTF-16LE bytes) 3D D8 41 00",
            rightExample: "(UTF-16LE bytes) 3D D8 00 DE"),
        DiagnosticDescriptor(
            code: SourceCode.nulByte, title: "NUL character", defaultSeverity: .warning,
            explanation: """
                The text holds a NUL (U+0000) character. mofcomp stops reading a string at NUL, so \
                what follows may be lost. A UTF-16 file read as UTF-8, or a file truncated by a \
                copy tool, are common causes.
                """,
            wrongExample: "class A\\0 { };",
            rightExample: "class A { };"),
        DiagnosticDescriptor(
            code: SourceCode.oddUTF16Length, title: "odd UTF-16 length", defaultSeverity: .error,
            explanation: """
                A UTF-16 file must have an even number of bytes. The last byte is ignored; the file \
                was probably truncated.
                """,
            wrongExample: "(UTF-16LE bytes) FF FE 41 00 42",
            rightExample: "(UTF-16LE bytes) FF FE 41 00 42 00"),
    ]
}
