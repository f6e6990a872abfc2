import MofkitSource

/// What exists before the checked files are compiled: the bundled description of a ConfigMgr
/// client's repository, then any `--schema` files, in order.
public struct MOFContext: Sendable {
    /// One compilation of the context and where it comes from.
    public struct Layer: Sendable {
        /// The declarations.
        public var compilation: ParsedCompilation
        /// `.bundled` or `.schema`.
        public var origin: ElementOrigin
    }

    /// The layers, compiled in order before the checked files.
    public var layers: [Layer]

    /// A context from its layers; ``bundled`` is the usual start.
    public init(layers: [Layer] = []) { self.layers = layers }

    /// The bundled context only.
    public static var bundled: MOFContext {
        MOFContext(layers: [Layer(compilation: BundledContext.compilation, origin: .bundled)])
    }

    /// Adds a `--schema` compilation (the DMTF CIM schema, a site's stock SMS_def.mof …).
    public mutating func addSchema(_ compilation: ParsedCompilation) {
        layers.append(Layer(compilation: compilation, origin: .schema))
    }
}

/// The project-written description of a ConfigMgr/SMS client before any file is compiled: WMI
/// standard and provider qualifiers, the SMS inventory qualifiers, the DMTF standard (and optional)
/// qualifier declarations, WMI system classes and `SMS_Class_Template`.
///
/// Facts from DSP0004 (qualifier types, scopes, flavors), the WMI "Standard Qualifiers" and
/// provider documentation, and the SMS/ConfigMgr SDK; written here as values, not copied.
public enum BundledContext {
    /// The path used in the source ranges of bundled declarations.
    public static let path = "<mofkit bundled context>"

    /// Classes the bundled context describes only partly (instances may set other properties).
    static let partialClassPrefix = "__"

    /// The bundled declarations, as one compilation.
    public static let compilation: ParsedCompilation = {
        var declarations: [ParsedDeclaration] = []
        for q in qualifiers {
            declarations.append(.qualifierDeclaration(q))
        }
        declarations.append(.pragma(ParsedPragma(name: "namespace", arguments: [ModelValue(.string("root\\cimv2"), range: here)], range: here)))
        for c in systemClasses { declarations.append(.classDeclaration(c)) }
        declarations.append(.pragma(ParsedPragma(name: "namespace", arguments: [ModelValue(.string("root\\wmi"), range: here)], range: here)))
        declarations.append(.classDeclaration(cls("WMIEvent", super: "__ExtrinsicEvent", [], qualifiers: [flag("abstract")])))
        declarations.append(.pragma(ParsedPragma(name: "namespace", arguments: [ModelValue(.string("root\\cimv2\\sms"), range: here)], range: here)))
        declarations.append(.classDeclaration(cls("SMS_Class_Template", [], qualifiers: [flag("abstract")])))
        return ParsedCompilation(declarations: declarations)
    }()

    static let here = SourceRange(file: path, start: SourceLocation(line: 1, column: 1, offset: 0), end: SourceLocation(line: 1, column: 1, offset: 0))

    static func flag(_ name: String) -> ParsedQualifier { ParsedQualifier(name: name, range: here) }

    static func cls(_ name: String, super superclass: String? = nil, _ properties: [(String, String, Bool)], qualifiers: [ParsedQualifier] = []) -> ParsedClass {
        ParsedClass(
            qualifiers: qualifiers, name: name, nameRange: here, superclass: superclass, superclassRange: superclass == nil ? nil : here,
            properties: properties.map { p in
                ParsedProperty(qualifiers: p.2 ? [flag("key")] : [], typeName: p.1, name: p.0, nameRange: here, range: here)
            }, range: here)
    }

    static let systemClasses: [ParsedClass] = [
        cls("__SystemClass", []),
        cls("__NAMESPACE", super: "__SystemClass", [("Name", "string", true)]),
        cls("__Provider", super: "__SystemClass", [("Name", "string", true)], qualifiers: [flag("abstract")]),
        cls("__Win32Provider", super: "__Provider", [("CLSID", "string", false), ("HostingModel", "string", false)]),
        cls("__ProviderRegistration", super: "__SystemClass", [], qualifiers: [flag("abstract")]),
        cls("__ObjectProviderRegistration", super: "__ProviderRegistration", [], qualifiers: [flag("abstract")]),
        cls("__InstanceProviderRegistration", super: "__ObjectProviderRegistration", []),
        cls("__ClassProviderRegistration", super: "__ObjectProviderRegistration", []),
        cls("__PropertyProviderRegistration", super: "__ProviderRegistration", []),
        cls("__MethodProviderRegistration", super: "__ProviderRegistration", []),
        cls("__EventProviderRegistration", super: "__ProviderRegistration", []),
        cls("__EventConsumerProviderRegistration", super: "__ProviderRegistration", []),
        cls("__IndicationRelated", super: "__SystemClass", [], qualifiers: [flag("abstract")]),
        cls("__Event", super: "__IndicationRelated", [], qualifiers: [flag("abstract")]),
        cls("__ExtrinsicEvent", super: "__Event", [], qualifiers: [flag("abstract")]),
        cls("__InstanceOperationEvent", super: "__Event", [("TargetInstance", "object", false)]),
        cls("__InstanceCreationEvent", super: "__InstanceOperationEvent", []),
        cls("__InstanceModificationEvent", super: "__InstanceOperationEvent", []),
        cls("__InstanceDeletionEvent", super: "__InstanceOperationEvent", []),
        cls("__ClassOperationEvent", super: "__Event", []),
        cls("__NamespaceOperationEvent", super: "__Event", []),
        cls("__TimerEvent", super: "__Event", []),
        cls("__EventGenerator", super: "__IndicationRelated", [], qualifiers: [flag("abstract")]),
        cls("__TimerInstruction", super: "__EventGenerator", [("TimerId", "string", true)], qualifiers: [flag("abstract")]),
        cls("__IntervalTimerInstruction", super: "__TimerInstruction", []),
        cls("__AbsoluteTimerInstruction", super: "__TimerInstruction", []),
        cls("__EventFilter", super: "__IndicationRelated", [("Name", "string", true)]),
        cls("__EventConsumer", super: "__IndicationRelated", [], qualifiers: [flag("abstract")]),
        cls("__FilterToConsumerBinding", super: "__IndicationRelated", []),
        cls("__NotifyStatus", super: "__SystemClass", [("StatusCode", "uint32", false)]),
        cls("__ExtendedStatus", super: "__NotifyStatus", []),
        cls("__PARAMETERS", super: "__SystemClass", []),
        cls("__SecurityRelatedClass", super: "__SystemClass", []),
        cls("__Trustee", super: "__SecurityRelatedClass", []),
        cls("__ACE", super: "__SecurityRelatedClass", []),
        cls("__SecurityDescriptor", super: "__SecurityRelatedClass", []),
        cls("__CIMOMIdentification", super: "__SystemClass", []),
        cls("__SystemSecurity", super: "__SystemClass", []),
    ]

    /// `(name, type, scopes, flavors)`; type `nil` = typeless (any value, as WMI accepts);
    /// a trailing `[]` makes an array type.
    static let qualifierTable: [(String, String?, String, String)] = [
        // DSP0004 standard qualifiers (CIM schema qualifiers.mof).
        ("Association", "boolean", "association", "DisableOverride ToSubclass"),
        ("Indication", "boolean", "class indication", "DisableOverride ToSubclass"),
        ("Abstract", "boolean", "class association indication", "EnableOverride Restricted"),
        ("Aggregate", "boolean", "reference", "DisableOverride ToSubclass"),
        ("Aggregation", "boolean", "association", "DisableOverride ToSubclass"),
        ("ArrayType", "string", "property parameter", "DisableOverride ToSubclass"),
        ("BitMap", "string[]", "property method parameter", ""),
        ("BitValues", "string[]", "property method parameter", "EnableOverride ToSubclass Translatable"),
        ("ClassConstraint", "string[]", "class association indication", ""),
        ("Composition", "boolean", "association", "DisableOverride ToSubclass"),
        ("Correlatable", "string[]", "property", ""),
        ("Counter", "boolean", "property method parameter", ""),
        ("Deprecated", "string[]", "any", "EnableOverride Restricted"),
        ("Description", "string", "any", "EnableOverride ToSubclass Translatable"),
        ("DisplayName", "string", "any", "EnableOverride ToSubclass Translatable"),
        ("DN", "boolean", "property method parameter", "DisableOverride ToSubclass"),
        ("EmbeddedInstance", "string", "property method parameter", ""),
        ("EmbeddedObject", "boolean", "property method parameter", "DisableOverride ToSubclass"),
        ("Exception", "boolean", "class indication", "DisableOverride ToSubclass"),
        ("Experimental", "boolean", "any", "EnableOverride Restricted"),
        ("Gauge", "boolean", "property method parameter", ""),
        ("In", "boolean", "parameter", "DisableOverride ToSubclass"),
        ("IsPUnit", "boolean", "property method parameter", ""),
        ("Key", "boolean", "property reference", "DisableOverride ToSubclass"),
        ("MappingStrings", "string[]", "any", ""),
        // Reference ends in DSP0004; WDM driver MOF also puts Max(n) on an array property to give it
        // n elements (Windows-driver-samples: `[WmiDataId(1), Max(6)] uint8 MacAddress[]`).
        ("Max", "uint32", "reference property", ""),
        ("MaxLen", "uint32", "property method parameter", ""),
        ("MaxValue", "sint64", "property method parameter", ""),
        ("MethodConstraint", "string[]", "method", ""),
        ("Min", "uint32", "reference", ""),
        ("MinLen", "uint32", "property method parameter", ""),
        ("MinValue", "sint64", "property method parameter", ""),
        ("ModelCorrespondence", "string[]", "any", ""),
        ("NullValue", "string", "property", "DisableOverride ToSubclass"),
        ("OctetString", "boolean", "property method parameter", "DisableOverride ToSubclass"),
        ("Out", "boolean", "parameter", "DisableOverride ToSubclass"),
        ("Override", "string", "property reference method", "EnableOverride Restricted"),
        ("Propagated", "string", "property", "DisableOverride ToSubclass"),
        ("PropertyConstraint", "string[]", "property reference", ""),
        ("PUnit", "string", "property method parameter", ""),
        ("Read", "boolean", "property", ""),
        ("Reference", "string", "property", ""),
        ("Required", "boolean", "property reference method parameter", "DisableOverride ToSubclass"),
        ("Revision", "string", "class association indication", "EnableOverride ToSubclass Translatable"),
        ("Schema", "string", "property method", "DisableOverride ToSubclass Translatable"),
        ("Static", "boolean", "property method", "DisableOverride ToSubclass"),
        ("Structure", "boolean", "class indication", "DisableOverride ToSubclass"),
        ("Terminal", "boolean", "class association indication", ""),
        ("UMLPackagePath", "string", "class association indication", ""),
        ("Units", "string", "property method parameter", "EnableOverride ToSubclass Translatable"),
        ("ValueMap", "string[]", "property method parameter", ""),
        ("Values", "string[]", "property method parameter", "EnableOverride ToSubclass Translatable"),
        ("Version", "string", "class association indication", "EnableOverride Restricted Translatable"),
        ("Weak", "boolean", "reference", "DisableOverride ToSubclass"),
        ("Write", "boolean", "property", ""),
        ("XMLNamespaceName", "string", "property method parameter", ""),
        // DSP0004 optional qualifiers (qualifiers_optional.mof).
        ("Alias", "string", "property reference method", "EnableOverride ToSubclass Translatable"),
        ("Delete", "boolean", "association reference", ""),
        ("DisplayDescription", "string", "any", "EnableOverride ToSubclass Translatable"),
        ("Expensive", "boolean", "any", ""),
        ("IfDeleted", "boolean", "association reference", ""),
        ("Invisible", "boolean", "class association property reference method", ""),
        ("Large", "boolean", "class property", ""),
        ("PropertyUsage", "string", "property", ""),
        ("Provider", "string", "any", ""),
        ("SyntaxType", "string", "property reference method parameter", ""),
        ("Syntax", "string", "property reference method parameter", ""),
        ("TriggerType", "string", "class association indication property reference method", ""),
        ("UnknownValues", "string[]", "property", "DisableOverride ToSubclass"),
        ("UnsupportedValues", "string[]", "property", "DisableOverride ToSubclass"),
        // WMI standard qualifiers (typeless where WMI accepts several value types).
        ("Amendment", "boolean", "class", ""),
        ("CIM_Key", "boolean", "property", ""),
        ("CIMTYPE", "string", "property method parameter", ""),
        ("Dynamic", "boolean", "class property instance", ""),
        ("DYNPROPS", "boolean", "class instance", ""),
        ("EnumPrivileges", "string[]", "class", ""),
        ("Fixed", "boolean", "property", ""),
        ("Implemented", "boolean", "method", ""),
        ("Indexed", "boolean", "property", ""),
        ("Lazy", "boolean", "property", ""),
        ("Locale", nil, "any", ""),
        ("NotNull", "boolean", "property", ""),
        ("Privileges", "string[]", "property method", ""),
        ("Range", nil, "property parameter", ""),
        ("Singleton", "boolean", "class", ""),
        ("SubType", "string", "property", ""),
        ("SUPPORTS_CREATE", "boolean", "class", ""),
        ("SUPPORTS_DELETE", "boolean", "class", ""),
        ("SUPPORTS_UPDATE", "boolean", "class", ""),
        ("UUID", "string", "class", ""),
        ("WriteAtCreate", "boolean", "property", ""),
        ("WriteAtUpdate", "boolean", "property", ""),
        ("ID", nil, "any", ""),
        ("Optional", "boolean", "parameter", ""),
        ("Bypass_GetObject", "boolean", "any", ""),
        ("Constructor", "boolean", "class", ""),
        ("Destructor", "boolean", "class", ""),
        ("Volatile", "boolean", "property", ""),
        // Provider qualifiers (RegProv, RegPropProv, view provider, WDK WMI).
        ("ClassContext", "string", "class", ""),
        ("PropertyContext", "string", "property instance", ""),
        ("InstanceContext", "string", "instance", ""),
        ("MethodContext", "string", "method", ""),
        ("Union", "boolean", "class", ""),
        ("Association_View", "boolean", "class", ""),
        ("JoinOn", "string", "class", ""),
        ("PostJoinFilter", "string", "class", ""),
        ("ViewSources", "string[]", "class", ""),
        ("ViewSpaces", "string[]", "class", ""),
        ("PropertySources", "string[]", "property", ""),
        ("HiPerf", "boolean", "class", ""),
        ("Cooked", "boolean", "class", ""),
        ("Namespace", "string", "class", ""),
        ("guid", "string", "class", ""),
        ("WmiDataId", nil, "property", ""),
        ("WmiMethodId", nil, "method", ""),
        ("WmiSizeIs", "string", "property parameter", ""),
        ("WmiExpense", nil, "class", ""),
        ("WmiVersion", nil, "property", ""),
        ("WmiScale", nil, "property", ""),
        ("WmiTimeStamp", nil, "property", ""),
        ("WmiComplexity", nil, "any", ""),
        ("WmiEvent", nil, "class", ""),
        ("WmiDataBlock", nil, "class", ""),
        ("WmiInstanceName", nil, "property", ""),
        ("DefineDataId", nil, "property", ""),
        // DSC resource schema qualifiers.
        ("ClassVersion", "string", "class", ""),
        ("FriendlyName", "string", "class", ""),
        // ConfigMgr/SMS hardware inventory qualifiers.
        ("SMS_Report", "boolean", "class property", ""),
        ("SMS_Group_Name", "string", "class", ""),
        ("SMS_Class_ID", "string", "class", ""),
        ("SMS_Namespace", "boolean", "class", ""),
        ("SMS_Units", "string", "property", ""),
        ("SMS_Context_1", "string", "class", ""),
        ("SMS_Context_2", "string", "class", ""),
        ("SMS_Context_3", "string", "class", ""),
        ("SMS_Context_4", "string", "class", ""),
        ("SMS_Context_5", "string", "class", ""),
        ("SMS_Context_6", "string", "class", ""),
        ("SMS_Context_7", "string", "class", ""),
        ("SMS_Context_8", "string", "class", ""),
        ("SMS_Context_9", "string", "class", ""),
        ("SMS_Depot_Class", nil, "class", ""),
        ("SMS_Depot_Key", nil, "property", ""),
        ("SMS_Depot_Name", nil, "any", ""),
        ("ResID", nil, "any", ""),
        ("ResDLL", "string", "any", ""),
        ("ResIDValueLookup", nil, "property", ""),
        ("Bits", nil, "property", ""),
        ("Enumeration", nil, "property", ""),
        ("SizeLimit", nil, "property", ""),
        ("Secure", "boolean", "class", ""),
        ("SecurityVerbs", nil, "instance", ""),
        ("Embedded", nil, "class", ""),
    ]

    static let qualifiers: [ParsedQualifierDeclaration] = qualifierTable.map { entry in
        let (name, typeText, scopes, flavors) = entry
        var typeName = typeText
        var array = ArrayKind.scalar
        if let t = typeText, t.hasSuffix("[]") {
            typeName = String(t.dropLast(2))
            array = .unbounded
        }
        return ParsedQualifierDeclaration(
            name: name, nameRange: here, typeName: typeName, array: array,
            scopes: scopes.split(separator: " ").map(String.init),
            flavors: flavors.split(separator: " ").map(String.init), range: here)
    }
}
