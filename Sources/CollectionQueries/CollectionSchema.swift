import InventoryCollection
import InventoryRules
import Reports

/// The classes a collection query can name, and where each is stored: `SMS_R_System`, the
/// `SMS_G_System_<GROUP>` inventory classes of the compiled `SMS_def.mof`, `SMS_G_System_PATCHSTATE`,
/// and the classes only a site has.
public struct CollectionSchema: Sendable {
    /// Every class, by lower-cased name.
    public private(set) var classes: [String: SiteClass] = [:]
    /// Inventory classes a default `SMS_def.mof` defines that this schema lacks: lower-cased class name →
    /// (reporting class, group name), for the "enable this class" message.
    public private(set) var disabledDefaults: [String: (reportingClass: String, group: String)] = [:]

    /// An empty schema.
    public init() {}

    /// Adds (or replaces) `cls`.
    public mutating func add(_ cls: SiteClass) {
        classes[cls.name.lowercased()] = cls
        disabledDefaults[cls.name.lowercased()] = nil
    }

    /// The class named `name` (any case).
    public func `class`(named name: String) -> SiteClass? { classes[name.lowercased()] }

    /// Class names, sorted, for "the names that exist" notes.
    public var classNames: [String] { classes.values.map(\.name).sorted() }

    /// The `SMS_G_System_` classes of `rules` as `v_GS_` tables with `<Property>0` columns (the same
    /// names `InventoryDatabase` of `Reports` writes).
    public static func inventoryClasses(_ rules: CollectionRules) -> [SiteClass] {
        let groups = InventoryCollector(rules: rules).emptyGroups()
        let tables = InventoryDatabase.uniqueTableNames(groups)
        return zip(groups, tables).map { group, table in
            var properties = [SiteProperty(name: "ResourceID", column: "ResourceID", cimType: "uint32"),
                              SiteProperty(name: "MachineName", column: "MachineName", cimType: "string")]
            for (column, name) in zip(group.columns.dropFirst(), InventoryDatabase.uniqueColumnNames(group)) {
                properties.append(SiteProperty(name: column.name, column: name, cimType: column.cimType))
            }
            return SiteClass(name: "SMS_G_System_" + table.dropFirst("v_GS_".count).uppercased(), table: table,
                             nameColumn: "MachineName", source: .inventory, properties: properties)
        }
    }

    /// `SMS_R_System`, the site-only classes and `SMS_G_System_PATCHSTATE` (when `compliance`), plus
    /// `inventory`. The bundled default groups missing from `inventory` are remembered as disabled.
    public static func site(inventory: [SiteClass], compliance: Bool) -> CollectionSchema {
        var schema = CollectionSchema()
        for (rule, c) in zip(DefaultInventory.rules.reportedClasses, inventoryClasses(DefaultInventory.rules)) {
            schema.disabledDefaults[c.name.lowercased()] = (rule.className, rule.groupName ?? rule.className)
        }
        schema.add(SiteTables.system)
        for cls in SiteTables.siteOnly { schema.add(cls) }
        if compliance { schema.add(SiteTables.patchState) }
        for cls in inventory { schema.add(cls) }
        return schema
    }

    /// ``standard`` plus the inventory classes of `rules` (a site's `SMS_def.mof` extensions).
    public static func standard(adding rules: CollectionRules) -> CollectionSchema {
        site(inventory: inventoryClasses(DefaultInventory.rules) + inventoryClasses(rules), compliance: true)
    }

    /// The schema of a scan database with the bundled default groups: what `--check` validates against
    /// without `--db`.
    public static let standard: CollectionSchema = site(inventory: inventoryClasses(DefaultInventory.rules), compliance: true)
}
