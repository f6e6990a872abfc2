import MofkitSource

/// The ConfigMgr/SMS hardware-inventory checks (`MOF4xxx`) over a built model.
struct InventoryChecker {
    let model: MOFSemanticModel
    let options: MOFSemanticOptions
    var diagnostics: [Diagnostic] = []

    init(model: MOFSemanticModel, options: MOFSemanticOptions) {
        self.model = model
        self.options = options
    }

    mutating func report(_ code: DiagnosticCode, _ severity: Severity, _ message: String, _ range: SourceRange, notes: [DiagnosticNote] = []) {
        diagnostics.append(Diagnostic(code: code, severity: severity, message: message, range: range, notes: notes))
    }

    mutating func run() -> [Diagnostic] {
        checkReportingClasses()
        // Only classes naming a provider or marked DYNPROPS have anything to check: look at their
        // qualifiers in place before copying a class out.
        for index in model.slots.indices where model.slots[index]?.origin == .compilation {
            guard let qualifiers = model.slots[index]?.qualifiers,
                qualifiers.contains(named: "Provider") || qualifiers.contains(named: "DYNPROPS"),
                let definition = model.slots[index] else { continue }
            checkRegProvClass(definition)
        }
        for instance in model.instances where instance.origin == .compilation { checkRegistryInstance(instance) }
        return diagnostics
    }

    // MARK: Reporting classes

    mutating func checkReportingClasses() {
        var classIDs: [String: FirstUser] = [:]
        var groupNames: [String: FirstUser] = [:]
        // IDs and group names the context (a stock SMS_def.mof) already uses, except by the same class.
        for index in model.slots.indices where model.slots[index].map({ $0.origin != .compilation }) ?? false {
            guard model.isReportingClass(at: index), let definition = model.slots[index] else { continue }
            if let id = definition.qualifiers.string("SMS_Class_ID") { classIDs[id.lowercased()] = FirstUser(definition) }
            if let group = definition.qualifiers.string("SMS_Group_Name") { groupNames[group.lowercased()] = FirstUser(definition) }
        }
        for index in model.reportingClassIndices {
            guard let slot = model.slots[index] else { continue }
            let reporting = model.reportingClass(slot)
            let definition = reporting.definition
            let name = definition.name
            // Data class and reported properties.
            if reporting.dataInSMSNamespace {
                // The provider in the SMS namespace supplies the data; nothing to compare.
            } else if let data = reporting.dataClass {
                var cursor = 0
                for property in reporting.reportedProperties {
                    guard let dataProperty = data.property(named: property.name, cursor: &cursor) else {
                        report(SemanticCode.reportedPropertyMissing, data.superclassChainComplete ? .error : .warning,
                               "reported property \(property.name) does not exist in data class \(data.name) (\(data.namespace))",
                               property.nameRange, notes: [DiagnosticNote(message: "data class defined here", range: data.nameRange)])
                        continue
                    }
                    if !compatible(property.type, dataProperty.type) {
                        report(SemanticCode.reportedPropertyType, .error,
                               "reported property \(property.name) has type \(property.type) but the data class \(data.name) declares it as \(dataProperty.type)",
                               property.nameRange, notes: [DiagnosticNote(message: "data class property", range: dataProperty.nameRange)])
                    }
                }
            } else {
                report(SemanticCode.dataClassNotFound, .note,
                       "data class \(name) is not defined in \(reporting.dataNamespace) in the compilation or the context; a provider on the client must supply it",
                       definition.nameRange)
            }
            // SMS_Class_ID.
            if let idQualifier = definition.qualifiers.first(named: "SMS_Class_ID") {
                let id = idQualifier.value?.stringValue ?? ""
                if !Self.isWellFormedClassID(id) {
                    // Real extensions ship one-part IDs ("HP_Docks") and the site imports them.
                    report(SemanticCode.classIDShape, .warning,
                           "SMS_Class_ID \"\(id.escapedForMessage)\" must have the shape VENDOR|Class|Version (three non-empty parts, a numeric version)",
                           idQualifier.value?.range ?? idQualifier.range)
                }
                if let other = classIDs[id.lowercased()], other.name.lowercased() != name.lowercased(), !isArchitectureVariant(definition, other) {
                    report(SemanticCode.classIDDuplicate, .error,
                           "SMS_Class_ID \"\(id)\" is also used by class \(other.name)", idQualifier.range,
                           notes: [other.note])
                } else {
                    classIDs[id.lowercased()] = FirstUser(definition)
                }
            } else {
                report(SemanticCode.classIDMissing, .error, "reporting class \(name) has no SMS_Class_ID qualifier", definition.nameRange)
            }
            // SMS_Group_Name.
            if let groupQualifier = definition.qualifiers.first(named: "SMS_Group_Name") {
                let group = groupQualifier.value?.stringValue ?? ""
                if let other = groupNames[group.lowercased()], other.name.lowercased() != name.lowercased(), !isArchitectureVariant(definition, other) {
                    report(SemanticCode.groupNameDuplicate, .error,
                           "SMS_Group_Name \"\(group)\" is also used by class \(other.name)", groupQualifier.range,
                           notes: [other.note])
                } else {
                    groupNames[group.lowercased()] = FirstUser(definition)
                }
            } else {
                report(SemanticCode.groupNameMissing, .warning,
                       "reporting class \(name) has no SMS_Group_Name; the site names the group after the class", definition.nameRange)
            }
            // Keys.
            if !reporting.reportedProperties.contains(where: \.isKey) {
                report(SemanticCode.noReportedKey, .warning,
                       "reporting class \(name) reports no key property; the site cannot tell its instances apart",
                       definition.nameRange)
            }
            // Superclass.
            if definition.superclass?.lowercased() != "sms_class_template" {
                report(SemanticCode.notFromClassTemplate, .warning,
                       "reporting class \(name) does not derive from SMS_Class_Template", definition.superclassRange ?? definition.nameRange)
            }
        }
    }

    /// 32- and 64-bit variants of one class (Win32Reg_X and Win32Reg_X_64) share ID and group on
    /// purpose; they differ in their SMS_Context_n (`__ProviderArchitecture=64|uint32`).
    func isArchitectureVariant(_ a: ClassDefinition, _ b: FirstUser) -> Bool {
        func contexts(_ qualifiers: [Qualifier]) -> [String] {
            qualifiers.filter { $0.name.lowercased().hasPrefix("sms_context_") }.compactMap { $0.value?.stringValue?.lowercased() }.sorted()
        }
        return contexts(a.qualifiers) != contexts(b.qualifiers)
    }

    /// What the duplicate checks need of the class that used an ID or group name first (a whole
    /// `ClassDefinition` per entry would be copied into the tables for nothing).
    struct FirstUser {
        var name: String
        var nameSpan: ModelSpan
        var qualifiers: [Qualifier]
        var origin: ElementOrigin

        init(_ definition: ClassDefinition) {
            name = definition.name
            nameSpan = definition.nameSpan
            qualifiers = definition.qualifiers
            origin = definition.origin
        }

        /// Where the other user is; a context class (a site's stock SMS_def.mof) says so.
        var note: DiagnosticNote {
            DiagnosticNote(message: origin == .compilation ? "first used here" : "used here by \(name), loaded as context (--schema)",
                           range: nameSpan.range)
        }
    }

    func compatible(_ a: MOFDataType, _ b: MOFDataType) -> Bool {
        guard a.isArray == b.isArray else { return false }
        switch (a.base, b.base) {
        case (.reference, .reference), (.reference, .string), (.string, .reference): return true
        case (.object, _), (_, .object), (.embedded, _), (_, .embedded): return true
        default: return a.base == b.base
        }
    }

    static func isWellFormedClassID(_ id: String) -> Bool {
        // Three parts, none empty or with spaces around it; the version digits and dots, starting
        // with a digit. Read as bytes: every character the shape allows is ASCII.
        let parts = id.utf8.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ part in
            guard let first = part.first, let last = part.last else { return false }
            return !isSpace(first) && !isSpace(last)
        }) else { return false }
        let version = parts[2]
        guard let lead = version.first, isDigit(lead) else { return false }
        return version.allSatisfy { isDigit($0) || $0 == UInt8(ascii: ".") }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// What `trimmingSpaces` trims: space and tab.
    static func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    // MARK: Registry providers

    /// `RegProv` classes enumerate a key: each subkey is an instance.
    mutating func checkRegProvClass(_ definition: ClassDefinition) {
        let provider = definition.qualifiers.string("Provider")?.lowercased()
        if provider == "regprov" {
            if let context = definition.qualifiers.first(named: "ClassContext") {
                checkContext(context, withValueName: false)
            } else {
                report(SemanticCode.regProvClassContext, .error,
                       "class \(definition.name) uses Provider(\"RegProv\") but has no ClassContext(\"local|HIVE\\\\key\") naming the key to enumerate",
                       definition.nameRange)
            }
            for property in definition.localProperties where !property.isKey {
                if let context = property.qualifiers.first(named: "PropertyContext") {
                    if let name = context.value?.stringValue, name.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                        reportControlCharacters(in: context)
                    }
                } else {
                    report(SemanticCode.regProvPropertyContext, .error,
                           "property \(property.name) of RegProv class \(definition.name) has no PropertyContext naming its registry value",
                           property.nameRange)
                }
            }
        }
        if definition.qualifiers.isSet("DYNPROPS") || provider == "regpropprov" {
            // Class-level PropertyContext qualifiers of RegPropProv classes are checked like instance ones.
            for property in definition.localProperties {
                checkPropertyProvider(property.qualifiers, name: property.name, range: property.nameRange, dynProps: true)
            }
        }
    }

    /// `[DYNPROPS] instance of` with RegPropProv property values.
    mutating func checkRegistryInstance(_ instance: InstanceDefinition) {
        let definition = model.lookupClass(instance.className, in: instance.namespace) ?? model.classes(named: instance.className).first
        let hasContexts = instance.values.contains { $0.effectiveQualifiers.first(named: "PropertyContext") != nil }
        if instance.isDynProps, let definition, !definition.effectiveQualifiers.isSet("DYNPROPS") {
            // A convention only: WMI asks the property provider because the instance is [DYNPROPS]
            // (Microsoft's own PerfPropProv sample marks only the instance), and mofcomp compiles it.
            report(SemanticCode.dynPropsClass, .warning,
                   "[DYNPROPS] instance of \(definition.name), but class \(definition.name) is not marked [DYNPROPS]; WMI still asks the property provider (the instance is [DYNPROPS]), but marking the class too is the convention",
                   instance.classNameRange, notes: [DiagnosticNote(message: "class defined here", range: definition.nameRange)])
        } else if !instance.isDynProps && hasContexts {
            report(SemanticCode.instanceNotDynProps, .error,
                   "instance of \(instance.className) has PropertyContext values but is not marked [DYNPROPS]",
                   instance.classNameRange)
        }
        for value in instance.values {
            // A context the value inherits from the class property (ToInstance) is checked there.
            if value.effectiveQualifiers.first(named: "PropertyContext")?.inheritedFrom != nil { continue }
            checkPropertyProvider(value.effectiveQualifiers, name: value.name, range: value.nameRange, dynProps: instance.isDynProps)
        }
    }

    mutating func checkPropertyProvider(_ qualifiers: [Qualifier], name: String, range: SourceRange, dynProps: Bool) {
        let context = qualifiers.first(named: "PropertyContext")
        let dynamic = qualifiers.isSet("Dynamic")
        let provider = qualifiers.string("Provider")
        let isRegPropProv = provider?.lowercased() == "regpropprov"
        if let context {
            var missing: [String] = []
            if !dynamic { missing.append("Dynamic") }
            if !isRegPropProv { missing.append("Provider(\"RegPropProv\")") }
            if !missing.isEmpty && (provider == nil || isRegPropProv) {
                report(SemanticCode.propertyContextProvider, .error,
                       "\(name) has a PropertyContext but not \(missing.joined(separator: " and ")); RegPropProv will not supply it",
                       context.range)
            }
            if provider == nil || isRegPropProv {
                checkContext(context, withValueName: true)
            }
        } else if dynamic && isRegPropProv {
            report(SemanticCode.providerWithoutContext, .error,
                   "\(name) is Dynamic with Provider(\"RegPropProv\") but has no PropertyContext naming the registry value", range)
        }
    }

    // MARK: Context strings

    /// Checks a `PropertyContext`/`ClassContext` registry string: shape, hive, line breaks, spaces.
    mutating func checkContext(_ qualifier: Qualifier, withValueName: Bool) {
        guard let value = qualifier.value, let text = value.stringValue else {
            report(SemanticCode.contextShape, .error, "\(qualifier.name) needs a string value", qualifier.range)
            return
        }
        let expected = withValueName ? "local|HIVE\\\\key|ValueName" : "local|HIVE\\\\key"
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            reportControlCharacters(in: qualifier)
            return
        }
        guard let location = RegistryLocation(context: text, withValueName: withValueName) else {
            report(SemanticCode.contextShape, .error,
                   "\(qualifier.name) \"\(text)\" does not have the shape \"\(expected)\"", value.range)
            return
        }
        if location.machine.lowercased() != "local" {
            report(SemanticCode.contextShape, .warning,
                   "\(qualifier.name) names machine \"\(location.machine)\"; inventory reads the local registry (write \"local\")", value.range)
        }
        let hive = location.hive.uppercased()
        if hive == "HKEY_CURRENT_USER" {
            report(SemanticCode.currentUserHive, .warning,
                   "\(qualifier.name) reads HKEY_CURRENT_USER, but hardware inventory runs as SYSTEM and sees the SYSTEM account's hive, not the user's",
                   value.range)
        } else if !RegistryLocation.knownHives.contains(hive) {
            let hint = ["HKLM": "HKEY_LOCAL_MACHINE", "HKCU": "HKEY_CURRENT_USER", "HKCR": "HKEY_CLASSES_ROOT", "HKU": "HKEY_USERS", "HKCC": "HKEY_CURRENT_CONFIG"][hive]
            report(SemanticCode.unknownHive, .error,
                   "\"\(location.hive)\" is not a registry hive the provider knows" + (hint.map { "; write \($0)" } ?? ""), value.range)
        }
        // Read as bytes: `\\` and the space are ASCII.
        let space = UInt8(ascii: " ")
        let components = location.keyPath.utf8.split(separator: UInt8(ascii: "\\"), omittingEmptySubsequences: false)
        if location.keyPath.utf8.first == space || components.contains(where: { $0.first == space || $0.last == space })
            || location.hive.utf8.last == space
        {
            report(SemanticCode.contextStraySpace, .warning,
                   "\(qualifier.name) has spaces around a \\ in the key path \"\(location.keyPath)\"; no registry key is named like that",
                   value.range)
        } else if components.contains(where: \.isEmpty) && !location.keyPath.isEmpty {
            report(SemanticCode.contextShape, .error,
                   "\(qualifier.name) key path \"\(location.keyPath)\" has an empty component (a doubled or trailing \\)", value.range)
        }
    }

    /// A raw line break or control character inside the string: point at it.
    mutating func reportControlCharacters(in qualifier: Qualifier) {
        guard let value = qualifier.value else { return }
        let text = value.stringValue ?? ""
        let range = rawBreakRange(in: value.range) ?? value.range
        let isBreak = text.unicodeScalars.contains { $0 == "\n" || $0 == "\r" }
        let shown = text.escapedForMessage
        report(SemanticCode.contextLineBreak, .error,
               isBreak
                ? "\(qualifier.name) is broken across lines: the registry path would contain a line break and the leading spaces of the next line"
                : "\(qualifier.name) contains a control character",
               range, notes: [DiagnosticNote(message: "the provider would look up \"\(shown)\"")])
    }

    /// The place of the first raw line break inside a string literal within `range`.
    func rawBreakRange(in range: SourceRange) -> SourceRange? {
        guard let source = model.sources[range.file] else { return nil }
        let text = source.text
        let offset = textOffset(of: range.start, in: source)
        let endOffset = textOffset(of: range.end, in: source)
        var inString = false
        var escaped = false
        var index = offset
        while index < text.count {
            let byte = text[index]
            if index >= endOffset { break }
            if inString {
                if escaped { escaped = false }
                else if byte == UInt8(ascii: "\\") { escaped = true }
                else if byte == UInt8(ascii: "\"") { inString = false }
                else if byte == 0x0A || byte == 0x0D {
                    return source.range(index, index + 1)
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            }
            index += 1
        }
        return nil
    }

    /// The UTF-8 text offset of a location (line and scalar column).
    func textOffset(of location: SourceLocation, in source: SourceFile) -> Int {
        let text = source.text
        var offset = source.textOffset(ofLine: location.line)
        var column = 1
        while column < location.column && offset < text.count {
            offset += utf8Length(text[offset])
            column += 1
        }
        return offset
    }

    func utf8Length(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: return 4
        case 0xE0...: return 3
        case 0xC0...: return 2
        default: return 1
        }
    }
}
