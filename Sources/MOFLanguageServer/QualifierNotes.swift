/// One-line meanings of the qualifiers inventory and provider MOF uses most, shown on hover next to
/// the declaration's type, scope and flavors (which come from the model).
enum QualifierNotes {
    static let meanings: [String: String] = [
        "key": "The property identifies the instance; every key property needs a value in an instance.",
        "description": "Free text describing the element.",
        "dynamic": "Instances are supplied by a provider at run time, not stored in the repository.",
        "provider": "The WMI provider that supplies the class's instances or property values.",
        "dynprops": "The instance's property values come from a property provider (with PropertyContext).",
        "propertycontext": "RegPropProv: where the value comes from, `local|HIVE\\key|ValueName`.",
        "classcontext": "RegProv: the registry key of the class, `local|HIVE\\key`.",
        "abstract": "The class cannot have instances of its own.",
        "association": "The class relates other classes through reference properties.",
        "read": "The property can be read.",
        "write": "The property can be written.",
        "values": "Display strings, one per entry of ValueMap (or per integer value from 0).",
        "valuemap": "The values the property may take; Values gives their display strings.",
        "maxlen": "The longest string the property may hold.",
        "units": "The unit of the property's value.",
        "static": "The method or property belongs to the class, not to instances.",
        "override": "The property overrides the one of the same name in a superclass.",
        "sms_report": "ConfigMgr hardware inventory reports this class or property (on the reporting class in root\\cimv2\\sms).",
        "sms_group_name": "The inventory group name the site shows (Resource Explorer, v_GS_ view).",
        "sms_class_id": "The inventory class id, `VENDOR|Name|Version`; unique per site.",
        "sms_namespace": "TRUE: the data comes from a provider in root\\cimv2\\sms itself.",
        "sms_units": "How the site displays the value (KiloBytes, Megabytes, DecimalString, …).",
        "namespace": "The namespace the reporting class reads its data class from.",
        "singleton": "The class has exactly one instance.",
        "locale": "The locale of the class's localized qualifiers.",
        "amendment": "The class holds localized qualifiers amended onto a base class.",
    ]
}
