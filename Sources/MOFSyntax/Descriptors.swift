import MofkitSource

extension SyntaxCode {
    /// The explanation of every code the syntax front end emits (`mofkit explain CODE`).
    public static let descriptors: [DiagnosticDescriptor] = [
        DiagnosticDescriptor(
            code: SyntaxCode.unexpectedCharacter, title: "unexpected character", defaultSeverity: .error,
            explanation: """
                The text holds a character that cannot start any MOF token, such as '@', '`' or a \
                control character. It is skipped. A common cause is text pasted from a document or \
                web page (smart quotes, stray markup).
                """,
            wrongExample: "class A { string Name; @ };",
            rightExample: "class A { string Name; };"),
        DiagnosticDescriptor(
            code: SyntaxCode.unterminatedString, title: "unterminated string literal", defaultSeverity: .error,
            explanation: """
                A string literal has no closing '"' before the end of its line (or of the file). \
                The literal is taken to end at the line break and parsing goes on with the next line.
                """,
            wrongExample: "[Description(\"Name of the product)]\nstring Name;",
            rightExample: "[Description(\"Name of the product\")]\nstring Name;"),
        DiagnosticDescriptor(
            code: SyntaxCode.brokenString, title: "string literal broken across lines", defaultSeverity: .error,
            explanation: """
                A string literal holds a raw line break: it starts on one line and its closing '"' \
                is on a later line. DSP0004 does not allow this and mofcomp rejects the file. It \
                usually happens when a long registry path in a PropertyContext or ClassContext \
                qualifier is wrapped by an editor, e-mail client or web page. The value would hold the \
                line break and the indentation of the next line, so the registry key would not be \
                found. Join the lines, or split the value into adjacent literals ("..." "..."), which \
                MOF joins. The literal is read up to its closing quote so the rest of the file is checked.
                """,
            wrongExample: """
                [PropertyContext("local|HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\CurrentControlSet\\\\Control\\\\
                        Terminal Server|TSEnabled"), Dynamic, Provider("RegPropProv")] TSEnabled;
                """,
            rightExample: """
                [PropertyContext("local|HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\CurrentControlSet\\\\Control\\\\"
                        "Terminal Server|TSEnabled"), Dynamic, Provider("RegPropProv")] TSEnabled;
                """),
        DiagnosticDescriptor(
            code: SyntaxCode.invalidEscape, title: "invalid escape sequence", defaultSeverity: .warning,
            explanation: """
                Inside string and char16 literals a backslash starts an escape: \\b \\t \\n \\f \\r \
                \\" \\' \\\\ or \\x followed by one to four hex digits. Any other character after a \
                backslash is not an escape: the backslash and the character are kept as written, which \
                is usually what a Windows path meant, but DSP0004 does not allow it and other \
                compilers may drop the backslash. Registry paths and namespaces need every backslash doubled.
                """,
            wrongExample: "[PropertyContext(\"local|HKEY_LOCAL_MACHINE\\Software\\Vendor|Version\")]",
            rightExample: "[PropertyContext(\"local|HKEY_LOCAL_MACHINE\\\\Software\\\\Vendor|Version\")]"),
        DiagnosticDescriptor(
            code: SyntaxCode.unterminatedComment, title: "unterminated block comment", defaultSeverity: .error,
            explanation: """
                A '/*' comment has no closing '*/', so everything up to the end of the file is \
                commented out and silently ignored.
                """,
            wrongExample: "/* inventory extension\nclass A { string Name; };",
            rightExample: "/* inventory extension */\nclass A { string Name; };"),
        DiagnosticDescriptor(
            code: SyntaxCode.invalidNumber, title: "invalid numeric literal", defaultSeverity: .error,
            explanation: """
                A number is malformed: a hex literal without digits ('0x'), a digit 8 or 9 in an \
                octal literal (integers written with a leading 0 are octal), or letters right after \
                the digits.
                """,
            wrongExample: "uint32 Mode = 09;",
            rightExample: "uint32 Mode = 9;"),
        DiagnosticDescriptor(
            code: SyntaxCode.integerOverflow, title: "integer literal out of range", defaultSeverity: .error,
            explanation: """
                An integer literal does not fit in 64 bits: MOF integers range from \
                -9223372036854775808 (sint64) to 18446744073709551615 (uint64).
                """,
            wrongExample: "uint64 Size = 18446744073709551616;",
            rightExample: "uint64 Size = 18446744073709551615;"),
        DiagnosticDescriptor(
            code: SyntaxCode.invalidChar16, title: "invalid char16 literal", defaultSeverity: .error,
            explanation: """
                A char16 literal is one character or one escape between single quotes: 'a', '\\x41', \
                '\\''. It may not be empty, hold several characters, or run past the end of the line.
                """,
            wrongExample: "char16 Separator = 'ab';",
            rightExample: "char16 Separator = 'a';"),
        DiagnosticDescriptor(
            code: SyntaxCode.lineContinuation, title: "line continuation outside a string", defaultSeverity: .warning,
            explanation: """
                A backslash at the end of a line, outside a string literal, is a C preprocessor line \
                continuation. MOF has no such thing; the backslash is ignored, as mofcomp does. It \
                usually comes from a MOF file written for a C preprocessor (WDK driver MOFs).
                """,
            wrongExample: "[read, Description(\"x\") : amended, \\\n ValueMap{\"0\"}] uint8 Type;",
            rightExample: "[read, Description(\"x\") : amended,\n ValueMap{\"0\"}] uint8 Type;"),
        DiagnosticDescriptor(
            code: SyntaxCode.expectedAliasName, title: "expected alias name", defaultSeverity: .error,
            explanation: "An alias is '$' immediately followed by a name, as in 'instance of A as $a'.",
            wrongExample: "instance of __Win32Provider as $ { Name = \"P\"; };",
            rightExample: "instance of __Win32Provider as $P { Name = \"P\"; };"),
        DiagnosticDescriptor(
            code: SyntaxCode.expectedToken, title: "expected token", defaultSeverity: .error,
            explanation: """
                The grammar requires a token that is missing here, most often the ';' after a \
                property, a class or an instance, a ')' closing a qualifier value, or a '}' closing \
                a body. The message says what was expected; for a missing ';' it points just after \
                the previous token. Parsing resumes at the next ';', '}' or declaration.
                """,
            wrongExample: "class A\n{\n    string Name\n    string Version;\n};",
            rightExample: "class A\n{\n    string Name;\n    string Version;\n};"),
        DiagnosticDescriptor(
            code: SyntaxCode.unexpectedToken, title: "unexpected token", defaultSeverity: .error,
            explanation: """
                A token appears where it cannot start the construct the parser expects (for \
                example something other than 'class', 'instance of', 'qualifier' or '#pragma' at \
                the top level). The tokens are skipped up to the next ';' or declaration.
                """,
            wrongExample: "clas A { };",
            rightExample: "class A { };"),
        DiagnosticDescriptor(
            code: SyntaxCode.unknownDataType, title: "unknown data type", defaultSeverity: .error,
            explanation: """
                A property, parameter or qualifier type is not one of the CIM types: boolean, \
                string, char16, datetime, object, uint8, sint8, uint16, sint16, uint32, sint32, \
                uint64, sint64, real32, real64. A property that refers to a class is written \
                'ClassName REF name'. Methods may also return 'void'.
                """,
            wrongExample: "class A { int32 Weight; };",
            rightExample: "class A { sint32 Weight; };"),
        DiagnosticDescriptor(
            code: SyntaxCode.invalidScope, title: "invalid qualifier scope", defaultSeverity: .error,
            explanation: """
                The scope of a qualifier declaration lists where the qualifier may be used: any, \
                class, association, indication, property, reference, method, parameter, qualifier, \
                schema, instance.
                """,
            wrongExample: "Qualifier Abstract : boolean = false, Scope(class, classes);",
            rightExample: "Qualifier Abstract : boolean = false, Scope(class, association);"),
        DiagnosticDescriptor(
            code: SyntaxCode.invalidFlavor, title: "invalid flavor", defaultSeverity: .error,
            explanation: """
                Flavors say how a qualifier propagates and may be overridden: EnableOverride, \
                DisableOverride, ToSubclass, NotToSubclass, Restricted, ToInstance, NotToInstance, \
                Translatable, Amended. They follow a qualifier after ':' (space-separated) or appear \
                in the Flavor(...) list of a qualifier declaration.
                """,
            wrongExample: "[Description(\"x\") : ToSubclasses] string Name;",
            rightExample: "[Description(\"x\") : ToSubclass] string Name;"),
        DiagnosticDescriptor(
            code: SyntaxCode.nestingTooDeep, title: "nesting too deep", defaultSeverity: .error,
            explanation: """
                Embedded 'instance of' values are nested more deeply than the parser allows. The \
                innermost value is skipped. Real MOF files never come close to the limit; the \
                input is probably generated or damaged.
                """,
            wrongExample: "instance of A { V = instance of A { V = instance of A { … } }; };  (thousands deep)",
            rightExample: "instance of A { V = instance of B { Name = \"x\"; }; };"),
        DiagnosticDescriptor(
            code: SyntaxCode.unsupportedDeclaration, title: "enumeration or structure declaration", defaultSeverity: .error,
            explanation: """
                DSP0004 3.0 added 'enumeration' and 'structure' declarations. mofcomp does not \
                accept them, and mofkit does not support them yet: the declaration is skipped up to \
                its closing '}'.
                """,
            wrongExample: "enumeration Color : string { red, green };",
            rightExample: "class A { [ValueMap{\"red\", \"green\"}] string Color; };"),
        DiagnosticDescriptor(
            code: SyntaxCode.nestedArray, title: "nested array value", defaultSeverity: .error,
            explanation: "MOF arrays are one-dimensional: an array value cannot contain another array value.",
            wrongExample: "uint8 Matrix[] = {{1, 2}, {3, 4}};",
            rightExample: "uint8 Matrix[] = {1, 2, 3, 4};"),
        DiagnosticDescriptor(
            code: SyntaxCode.extraSemicolon, title: "extra semicolon", defaultSeverity: .warning,
            explanation: "A ';' stands where no declaration or member is open. It is ignored.",
            wrongExample: "class A { string Name;; };",
            rightExample: "class A { string Name; };"),
        DiagnosticDescriptor(
            code: SyntaxCode.invalidArraySize, title: "invalid array size", defaultSeverity: .error,
            explanation: "A fixed array size is a positive decimal integer: 'uint8 Data[16]'.",
            wrongExample: "uint8 Data[0x10];",
            rightExample: "uint8 Data[16];"),
        DiagnosticDescriptor(
            code: SyntaxCode.unknownPragma, title: "unknown pragma", defaultSeverity: .warning,
            explanation: """
                mofcomp knows these pragmas: include, namespace, locale, amendment, classflags, \
                instanceflags, deleteclass, deleteinstance, autorecover. Any other pragma is \
                ignored with a warning, as mofcomp does.
                """,
            wrongExample: "#pragma namespaces(\"\\\\\\\\.\\\\root\\\\cimv2\")",
            rightExample: "#pragma namespace(\"\\\\\\\\.\\\\root\\\\cimv2\")"),
        DiagnosticDescriptor(
            code: SyntaxCode.includeNotFound, title: "include file not found", defaultSeverity: .error,
            explanation: """
                A '#pragma include' names a file that cannot be found or read. The path is looked \
                up relative to the including file's directory, then in each -I directory in order. \
                Backslashes are read as '/', and a name that differs only in case is accepted. Use \
                --no-includes to check a file on its own.
                """,
            wrongExample: "#pragma include (\"cim_schema\\\\CIM_Core.mof\")   // no such file",
            rightExample: "#pragma include (\"cim_schema/CIM_Core.mof\")   // with -I pointing at its parent"),
        DiagnosticDescriptor(
            code: SyntaxCode.includeCycle, title: "include cycle", defaultSeverity: .error,
            explanation: """
                A file includes itself, directly or through other files (or includes are nested \
                absurdly deep). The repeated include is ignored.
                """,
            wrongExample: "// a.mof\n#pragma include (\"b.mof\")\n// b.mof\n#pragma include (\"a.mof\")",
            rightExample: "// a.mof\n#pragma include (\"b.mof\")\n// b.mof\nclass B { };"),
        DiagnosticDescriptor(
            code: SyntaxCode.invalidPragmaArguments, title: "invalid pragma arguments", defaultSeverity: .error,
            explanation: """
                A known pragma has arguments of the wrong number or kind. include, namespace, \
                locale and amendment take one string; deleteclass and deleteinstance take a string \
                and FAIL or NOFAIL; classflags and instanceflags take flag strings or a number; \
                autorecover takes none.
                """,
            wrongExample: "#pragma deleteclass(\"Win32Reg_AddRemovePrograms\")",
            rightExample: "#pragma deleteclass(\"Win32Reg_AddRemovePrograms\", NOFAIL)"),
        DiagnosticDescriptor(
            code: SyntaxCode.unknownLocale, title: "unknown locale", defaultSeverity: .warning,
            explanation: """
                '#pragma locale' takes a locale name such as "MS_409" (mofcomp) or "en_US" (DSP0004). \
                Other values are ignored.
                """,
            wrongExample: "#pragma locale (\"english\")",
            rightExample: "#pragma locale (\"en_US\")"),
        DiagnosticDescriptor(
            code: SyntaxCode.includeOutsideInputFolder, title: "include outside the input's folder", defaultSeverity: .warning,
            explanation: """
                A '#pragma include' resolves (after following symbolic links) to a file outside the \
                folder of the file named on the command line and outside every -I folder, for \
                example through '../' or an absolute path. The file is read, as mofcomp reads it, \
                but a MOF file from elsewhere should not reach arbitrary files without you \
                knowing: pass the folder with -I to accept it, or use --no-includes.
                """,
            wrongExample: "#pragma include (\"../../etc/passwd\")",
            rightExample: "#pragma include (\"shared/qualifiers.mof\")   // or -I ../shared"),
    ]
}
