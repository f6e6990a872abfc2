import MofkitSource

/// The stable codes of the semantic checks (`MOF3xxx`) and the ConfigMgr/SMS inventory checks
/// (`MOF4xxx`). Codes never change meaning once published.
public enum SemanticCode: DiagnosticCodeSet {
    /// `MOF3001`: unknown superclass.
    public static let unknownSuperclass: DiagnosticCode = "MOF3001"
    /// `MOF3002`: unknown class.
    public static let unknownClass: DiagnosticCode = "MOF3002"
    /// `MOF3003`: unknown property.
    public static let unknownProperty: DiagnosticCode = "MOF3003"
    /// `MOF3004`: undeclared qualifier.
    public static let unknownQualifier: DiagnosticCode = "MOF3004"
    /// `MOF3005`: duplicate property, method or parameter.
    public static let duplicateMember: DiagnosticCode = "MOF3005"
    /// `MOF3006`: class defined twice.
    public static let duplicateClass: DiagnosticCode = "MOF3006"
    /// `MOF3007`: qualifier given twice.
    public static let duplicateQualifier: DiagnosticCode = "MOF3007"
    /// `MOF3008`: qualifier on a wrong element.
    public static let qualifierScope: DiagnosticCode = "MOF3008"
    /// `MOF3009`: qualifier value of the wrong type.
    public static let qualifierValueType: DiagnosticCode = "MOF3009"
    /// `MOF3010`: value of the wrong type.
    public static let valueType: DiagnosticCode = "MOF3010"
    /// `MOF3011`: array and scalar mixed up.
    public static let arrayMismatch: DiagnosticCode = "MOF3011"
    /// `MOF3012`: number out of range.
    public static let integerRange: DiagnosticCode = "MOF3012"
    /// `MOF3013`: malformed datetime.
    public static let datetimeFormat: DiagnosticCode = "MOF3013"
    /// `MOF3014`: malformed char16.
    public static let char16Format: DiagnosticCode = "MOF3014"
    /// `MOF3015`: value breaks its constraint.
    public static let constraintViolated: DiagnosticCode = "MOF3015"
    /// `MOF3016`: constraint qualifier on a wrong type.
    public static let constraintNotApplicable: DiagnosticCode = "MOF3016"
    /// `MOF3017`: instance without key value.
    public static let missingKeyValue: DiagnosticCode = "MOF3017"
    /// `MOF3018`: override of a DisableOverride qualifier.
    public static let disableOverride: DiagnosticCode = "MOF3018"
    /// `MOF3019`: undefined alias.
    public static let undefinedAlias: DiagnosticCode = "MOF3019"
    /// `MOF3020`: alias defined twice.
    public static let duplicateAlias: DiagnosticCode = "MOF3020"
    /// `MOF3021`: deleteclass of an unknown class.
    public static let deleteUndefinedClass: DiagnosticCode = "MOF3021"
    /// `MOF3022`: class redefinition that fails.
    public static let redefinitionFails: DiagnosticCode = "MOF3022"
    /// `MOF3023`: bad namespace pragma.
    public static let badNamespacePragma: DiagnosticCode = "MOF3023"
    /// `MOF3024`: conflicting qualifier declaration.
    public static let conflictingQualifierDeclaration: DiagnosticCode = "MOF3024"
    /// `MOF3025`: unknown type.
    public static let unknownType: DiagnosticCode = "MOF3025"
    /// `MOF3026`: bad classflags/instanceflags value.
    public static let unknownPragmaFlag: DiagnosticCode = "MOF3026"
    /// `MOF3027`: unknown flavor.
    public static let badFlavor: DiagnosticCode = "MOF3027"
    /// `MOF3028`: instance that #pragma instanceflags makes fail.
    public static let instanceFlagsFail: DiagnosticCode = "MOF3028"

    /// `MOF4001`: reported property missing from the data class.
    public static let reportedPropertyMissing: DiagnosticCode = "MOF4001"
    /// `MOF4002`: reported property type differs from the data class.
    public static let reportedPropertyType: DiagnosticCode = "MOF4002"
    /// `MOF4003`: data class not in the compilation.
    public static let dataClassNotFound: DiagnosticCode = "MOF4003"
    /// `MOF4004`: SMS_Class_ID missing.
    public static let classIDMissing: DiagnosticCode = "MOF4004"
    /// `MOF4005`: malformed SMS_Class_ID.
    public static let classIDShape: DiagnosticCode = "MOF4005"
    /// `MOF4006`: SMS_Class_ID used twice.
    public static let classIDDuplicate: DiagnosticCode = "MOF4006"
    /// `MOF4007`: SMS_Group_Name missing.
    public static let groupNameMissing: DiagnosticCode = "MOF4007"
    /// `MOF4008`: SMS_Group_Name used twice.
    public static let groupNameDuplicate: DiagnosticCode = "MOF4008"
    /// `MOF4009`: no reported key.
    public static let noReportedKey: DiagnosticCode = "MOF4009"
    /// `MOF4010`: reporting class not derived from SMS_Class_Template.
    public static let notFromClassTemplate: DiagnosticCode = "MOF4010"
    /// `MOF4020`: DYNPROPS instance of a non-DYNPROPS class.
    public static let dynPropsClass: DiagnosticCode = "MOF4020"
    /// `MOF4028`: PropertyContext values on an instance not marked DYNPROPS.
    public static let instanceNotDynProps: DiagnosticCode = "MOF4028"
    /// `MOF4021`: PropertyContext without Dynamic/Provider.
    public static let propertyContextProvider: DiagnosticCode = "MOF4021"
    /// `MOF4022`: RegPropProv without PropertyContext.
    public static let providerWithoutContext: DiagnosticCode = "MOF4022"
    /// `MOF4023`: malformed registry context.
    public static let contextShape: DiagnosticCode = "MOF4023"
    /// `MOF4024`: unknown registry hive.
    public static let unknownHive: DiagnosticCode = "MOF4024"
    /// `MOF4025`: HKEY_CURRENT_USER in inventory.
    public static let currentUserHive: DiagnosticCode = "MOF4025"
    /// `MOF4026`: line break in a registry context.
    public static let contextLineBreak: DiagnosticCode = "MOF4026"
    /// `MOF4027`: space around \ in a registry path.
    public static let contextStraySpace: DiagnosticCode = "MOF4027"
    /// `MOF4030`: RegProv class without ClassContext.
    public static let regProvClassContext: DiagnosticCode = "MOF4030"
    /// `MOF4031`: RegProv property without PropertyContext.
    public static let regProvPropertyContext: DiagnosticCode = "MOF4031"
    /// `MOF4040`: namespace string escaped wrong.
    public static let namespaceEscaping: DiagnosticCode = "MOF4040"
}
