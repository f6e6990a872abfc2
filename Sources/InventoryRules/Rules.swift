import Foundation
import MOFModel
import MofkitSource

/// Where a rule comes from in the MOF.
public struct RuleLocation: Codable, Sendable, Hashable {
    /// The file, as given or as `#pragma include` resolved it.
    public var file: String
    /// The line, from 1.
    public var line: Int
    /// The column, from 1, in Unicode scalars.
    public var column: Int

    /// The start of `range`.
    public init(_ range: SourceRange) {
        file = range.file
        line = range.start.line
        column = range.start.column
    }
}

/// A property of a reported class.
public struct PropertyRule: Codable, Sendable, Hashable {
    /// The property name.
    public var name: String
    /// The CIM type, e.g. `uint32`, `string[]`.
    public var cimType: String
    /// Whether the property is a key.
    public var key: Bool
    /// `SMS_Report(TRUE)`: collected and sent to the site.
    public var reported: Bool
}

/// One registry value read by RegPropProv for one property of one instance.
public struct RegistryValueRule: Codable, Sendable, Hashable {
    /// The property that receives the value.
    public var property: String
    /// The property's CIM type, which the value is converted to.
    public var cimType: String
    /// The hive, spelled out (`HKEY_LOCAL_MACHINE`).
    public var hive: String
    /// The key path below the hive.
    public var key: String
    /// The value read.
    public var valueName: String
    /// The `PropertyContext` string as written (decoded).
    public var context: String
    /// Where the `PropertyContext` is.
    public var location: RuleLocation
}

/// A `[DYNPROPS] instance`: fixed key values plus registry values.
public struct RegistryInstanceRule: Codable, Sendable, Hashable {
    /// Values of the instance's key properties (as MOF text).
    public var keyValues: [String: String]
    /// The registry values read, one per dynamic property.
    public var values: [RegistryValueRule]
    /// Where the instance is.
    public var location: RuleLocation
}

/// A registry value read from every subkey by RegProv.
public struct SubkeyValueRule: Codable, Sendable, Hashable {
    /// The property that receives the value.
    public var property: String
    /// The property's CIM type, which the value is converted to.
    public var cimType: String
    /// The value read in each subkey (the property's `PropertyContext`).
    public var valueName: String
    /// Where the property is.
    public var location: RuleLocation
}

/// Where a data class's instances come from.
public struct DataSourceRule: Codable, Sendable, Hashable {
    /// `wmi-class` (a provider on the client; only the query is known), `registry-values`
    /// (RegPropProv per `[DYNPROPS]` instance) or `registry-keys` (RegProv: one instance per subkey).
    public var kind: String
    /// The `Provider` qualifier, when there is one.
    public var provider: String?
    /// `registry-values`: one entry per `[DYNPROPS] instance`.
    public var instances: [RegistryInstanceRule]?
    /// `registry-keys`: the enumerated key (from `ClassContext`).
    public var hive: String?
    /// The key path below ``hive``.
    public var key: String?
    /// `registry-keys`: the key property that receives the subkey name.
    public var subkeyProperty: String?
    /// `registry-keys`: the values read in each subkey.
    public var subkeyValues: [SubkeyValueRule]?
    /// Where the data class or instance is.
    public var location: RuleLocation?
}

/// What a client's inventory agent does for one reported class.
public struct ReportedClassRule: Codable, Sendable, Hashable {
    /// The reporting class.
    public var className: String
    /// `SMS_Group_Name`, if given.
    public var groupName: String?
    /// `SMS_Class_ID`, if given.
    public var classID: String?
    /// The namespace of the reporting class (`root\cimv2\sms`).
    public var reportingNamespace: String
    /// The namespace the data class is queried in.
    public var dataNamespace: String
    /// The data class's name when the compilation or the context defines it.
    public var dataClass: String?
    /// Where the data class is defined, when it is.
    public var dataClassLocation: RuleLocation?
    /// `SELECT <reported properties> FROM <class>`, run in `dataNamespace`.
    public var query: String
    /// Every property of the reporting class, reported or not.
    public var properties: [PropertyRule]
    /// Where the data comes from.
    public var source: DataSourceRule
    /// Where the reporting class is.
    public var location: RuleLocation
}

/// A registry-backed data class no reporting class reports (its rules still run on the client).
public struct DataClassRule: Codable, Sendable, Hashable {
    /// The data class.
    public var className: String
    /// Its namespace.
    public var namespace: String
    /// Where its data comes from.
    public var source: DataSourceRule
    /// Where it is defined.
    public var location: RuleLocation
}

/// The collection rules of a compilation: the intermediate representation a client's hardware
/// inventory agent follows. Its JSON form is described in `Docs/rules-json.md`.
public struct CollectionRules: Codable, Sendable, Hashable {
    /// Bumped when the JSON shape changes incompatibly.
    public var formatVersion: Int = 1
    /// One rule per reporting class, in definition order.
    public var reportedClasses: [ReportedClassRule]
    /// Registry-backed data classes that no reporting class reports.
    public var unreportedDataClasses: [DataClassRule]

    /// Deterministic JSON: sorted keys, two-space indentation, trailing newline.
    public func jsonText() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}\n" }  // input-unreachable: plain Codable values
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A readable summary, one block per reported class.
    public func text() -> String {
        var out = ""
        func loc(_ l: RuleLocation) -> String { "\(l.file):\(l.line):\(l.column)" }
        for c in reportedClasses {
            out += "class \(c.className)  [\(loc(c.location))]\n"
            out += "  group \(c.groupName.map { "\"\($0)\"" } ?? "(none)"), id \(c.classID.map { "\"\($0)\"" } ?? "(none)")\n"
            out += "  \(c.reportingNamespace) <- \(c.dataNamespace): \(c.query)\n"
            out += "  properties: " + c.properties.filter(\.reported).map { "\($0.name)\($0.key ? "*" : ""):\($0.cimType)" }.joined(separator: ", ") + "\n"
            out += describe(c.source, indent: "  ")
        }
        for d in unreportedDataClasses {
            out += "data class \(d.className) (\(d.namespace), not reported)  [\(loc(d.location))]\n"
            out += describe(d.source, indent: "  ")
        }
        return out
    }

    /// Control characters shown as escapes, so a broken context stays on one line.
    static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += "\\x" + String(scalar.value, radix: 16) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    func describe(_ s: DataSourceRule, indent: String) -> String {
        var out = "\(indent)source: \(s.kind)\(s.provider.map { " (\($0))" } ?? "")\n"
        for instance in s.instances ?? [] {
            let keys = instance.keyValues.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            out += "\(indent)  instance \(keys)\n"
            for v in instance.values {
                out += "\(indent)    \(v.property):\(v.cimType) <- \(Self.visible(v.hive + "\\" + v.key)) [\(Self.visible(v.valueName))]\n"
            }
        }
        if let hive = s.hive, let key = s.key {
            out += "\(indent)  each subkey of \(hive)\\\(key) -> \(s.subkeyProperty ?? "?")\n"
            for v in s.subkeyValues ?? [] {
                out += "\(indent)    \(v.property):\(v.cimType) <- [\(v.valueName)]\n"
            }
        }
        return out
    }
}
