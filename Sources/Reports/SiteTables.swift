import InventoryCollection
import MachineState

/// One property of a site class as the report database stores it.
public struct SiteProperty: Sendable, Hashable {
    /// The WQL property name (`NetbiosName`).
    public var name: String
    /// The column of the class's table (`Netbios_Name0`), or of ``arrayTable`` for an array property.
    public var column: String
    /// The CIM type (`string`, `uint32`, `boolean`, `datetime`, `string[]`).
    public var cimType: String
    /// For an array property: the child table holding one row per element (`v_RA_System_IPSubnets`),
    /// joined to the class's table on `ResourceID`.
    public var arrayTable: String?

    /// A property and where it is stored.
    public init(name: String, column: String, cimType: String, arrayTable: String? = nil) {
        self.name = name
        self.column = column
        self.cimType = cimType
        self.arrayTable = arrayTable
    }

    /// Whether the property holds several values (one child-table row each).
    public var isArray: Bool { arrayTable != nil }
}

/// Where a WQL class's rows come from.
public enum SiteClassSource: String, Sendable, Hashable {
    /// Built by mofkit from each machine snapshot (`SMS_R_System`).
    case snapshot
    /// A hardware-inventory group of the compiled `SMS_def.mof` (`SMS_G_System_<GROUP>`).
    case inventory
    /// The compliance results of `mofkit scan` (`SMS_G_System_PATCHSTATE`).
    case compliance
    /// Data only a site has (discovery, client health, other resource types): the table exists and is empty.
    case siteOnly = "site-only"
}

/// A WQL class a collection query can name, and the table of the report database that holds it.
public struct SiteClass: Sendable, Hashable {
    /// The WQL class name (`SMS_R_System`, `SMS_G_System_OPERATING_SYSTEM`).
    public var name: String
    /// The table or view (`v_R_System`, `v_GS_OPERATING_SYSTEM`).
    public var table: String
    /// The column holding each row's resource (`ResourceID`).
    public var resourceColumn: String
    /// The column naming each row's resource, for member lists (`Name0`, `MachineName`).
    public var nameColumn: String
    /// Where the rows come from.
    public var source: SiteClassSource
    /// The properties a query can name.
    public var properties: [SiteProperty]

    /// A class with its table and properties.
    public init(name: String, table: String, resourceColumn: String = "ResourceID", nameColumn: String, source: SiteClassSource, properties: [SiteProperty]) {
        self.name = name
        self.table = table
        self.resourceColumn = resourceColumn
        self.nameColumn = nameColumn
        self.source = source
        self.properties = properties
    }

    /// The property named `name`, compared without case as the site does.
    public func property(named name: String) -> SiteProperty? {
        let wanted = name.lowercased()
        return properties.first { $0.name.lowercased() == wanted }
    }
}

/// The site-shaped tables a collection query runs on, written into the SQLite output of `mofkit scan`
/// and `mofkit inventory`: `v_R_System` (one row per machine, from its snapshot) with its array tables
/// (`v_RA_System_IPAddresses`, …), empty tables for the classes only a site has, and
/// `mofkit_InventoryClasses` / `mofkit_InventoryColumns`, which map each `SMS_G_System_<GROUP>` class to its
/// `v_GS_` table. One definition for every backend: the DDL here is plain SQL.
public enum SiteTables {
    /// `SMS_R_System` → `v_R_System`, with the site's column names.
    public static let system: SiteClass = {
        func p(_ name: String, _ column: String, _ type: String) -> SiteProperty { SiteProperty(name: name, column: column, cimType: type) }
        func a(_ name: String, _ column: String) -> SiteProperty {
            SiteProperty(name: name, column: column, cimType: "string[]", arrayTable: "v_RA_System_" + name)
        }
        return SiteClass(
            name: "SMS_R_System", table: "v_R_System", nameColumn: "Name0", source: .snapshot,
            properties: [
                p("ResourceId", "ResourceID", "uint32"), p("ResourceType", "ResourceType", "uint32"),
                p("Name", "Name0", "string"), p("NetbiosName", "Netbios_Name0", "string"),
                p("ResourceDomainORWorkgroup", "Resource_Domain_OR_Workgr0", "string"),
                p("FullDomainName", "Full_Domain_Name0", "string"),
                p("OperatingSystemNameandVersion", "Operating_System_Name_and0", "string"),
                p("Build", "Build01", "string"), p("OSBranch", "OSBranch01", "uint32"),
                p("Client", "Client0", "boolean"), p("ClientType", "Client_Type0", "uint32"),
                p("ClientVersion", "Client_Version0", "string"), p("ClientEdition", "Client_Edition0", "uint32"),
                p("Active", "Active0", "boolean"), p("Obsolete", "Obsolete0", "boolean"),
                p("Decommissioned", "Decommissioned0", "boolean"),
                p("SMSUniqueIdentifier", "SMS_Unique_Identifier0", "string"),
                p("LastLogonUserName", "User_Name0", "string"), p("LastLogonUserDomain", "User_Domain0", "string"),
                p("LastLogonTimestamp", "Last_Logon_Timestamp0", "datetime"),
                p("CreationDate", "Creation_Date0", "datetime"),
                p("DistinguishedName", "Distinguished_Name0", "string"), p("ADSiteName", "AD_Site_Name0", "string"),
                p("IsVirtualMachine", "Is_Virtual_Machine0", "boolean"),
                p("VirtualMachineHostName", "Virtual_Machine_Host_Name0", "string"),
                p("HardwareID", "Hardware_ID0", "string"), p("CPUType", "CPUType0", "string"),
                p("DNSForestGuid", "DNS_Forest_Guid0", "string"),
                a("IPAddresses", "IP_Addresses0"), a("IPSubnets", "IP_Subnets0"), a("IPv6Addresses", "IPv6_Addresses0"),
                a("MACAddresses", "MAC_Addresses0"), a("SystemOUName", "System_OU_Name0"),
                a("SystemRoles", "System_Roles0"), a("SystemGroupName", "System_Group_Name0"),
                a("SecurityGroupName", "Security_Group_Name0"), a("AgentName", "Agent_Name0"),
            ])
    }()

    /// `SMS_G_System_PATCHSTATE` → the `v_GS_PatchState` view of `mofkit scan`.
    public static let patchState = SiteClass(
        name: "SMS_G_System_PATCHSTATE", table: "v_GS_PatchState", nameColumn: "MachineName", source: .compliance,
        properties: [
            SiteProperty(name: "ResourceID", column: "ResourceID", cimType: "uint32"),
            SiteProperty(name: "ID", column: "ID0", cimType: "string"), SiteProperty(name: "QNumbers", column: "QNumbers0", cimType: "string"),
            SiteProperty(name: "Product", column: "Product0", cimType: "string"), SiteProperty(name: "Title", column: "Title0", cimType: "string"),
            SiteProperty(name: "Status", column: "Status0", cimType: "string"),
            SiteProperty(name: "DatePosted", column: "DatePosted0", cimType: "datetime"),
            SiteProperty(name: "DateRevised", column: "DateRevised0", cimType: "datetime"),
            SiteProperty(name: "TimeDetected", column: "TimeDetected0", cimType: "datetime"),
        ])

    /// Classes whose data only a site has (user and group discovery, client health, software
    /// inventory, site objects). Queries naming them translate and run; their tables are empty.
    public static let siteOnly: [SiteClass] = {
        func cls(_ name: String, _ table: String, name nameColumn: String = "Name0", _ props: [(String, String, String)], arrays: [(String, String, String)] = []) -> SiteClass {
            SiteClass(
                name: name, table: table, nameColumn: nameColumn, source: .siteOnly,
                properties: props.map { SiteProperty(name: $0.0, column: $0.1, cimType: $0.2) }
                    + arrays.map { SiteProperty(name: $0.0, column: $0.1, cimType: "string[]", arrayTable: $0.2) })
        }
        let gs: [(String, String, String)] = [("ResourceID", "ResourceID", "uint32"), ("GroupID", "GroupID", "uint32")]
        return [
            cls("SMS_R_User", "v_R_User", [("ResourceId", "ResourceID", "uint32"), ("ResourceType", "ResourceType", "uint32"), ("Name", "Name0", "string"),
                ("UniqueUserName", "Unique_User_Name0", "string"), ("UserName", "User_Name0", "string"), ("WindowsNTDomain", "Windows_NT_Domain0", "string"),
                ("FullUserName", "Full_User_Name0", "string"), ("DistinguishedName", "Distinguished_Name0", "string"), ("Mail", "Mail0", "string"),
                ("UserPrincipalName", "User_Principal_Name0", "string")],
                arrays: [("UserGroupName", "User_Group_Name0", "v_RA_User_UserGroupName"), ("UserOUName", "User_OU_Name0", "v_RA_User_UserOUName"),
                         ("SecurityGroupName", "Security_Group_Name0", "v_RA_User_SecurityGroupName")]),
            cls("SMS_R_UserGroup", "v_R_UserGroup", [("ResourceId", "ResourceID", "uint32"), ("ResourceType", "ResourceType", "uint32"), ("Name", "Name0", "string"),
                ("UniqueUsergroupName", "Unique_Usergroup_Name0", "string"), ("UsergroupName", "Usergroup_Name0", "string"),
                ("WindowsNTDomain", "Windows_NT_Domain0", "string")]),
            cls("SMS_R_UnknownSystem", "v_R_UnknownSystem", [("ResourceId", "ResourceID", "uint32"), ("ResourceType", "ResourceType", "uint32"),
                ("Name", "Name0", "string"), ("Description", "Description0", "string"), ("SMSUniqueIdentifier", "SMS_Unique_Identifier0", "string")]),
            cls("SMS_UserMachineRelationship", "v_UserMachineRelationship", name: "MachineResourceName", [("ResourceID", "ResourceID", "uint32"),
                ("MachineResourceName", "MachineResourceName", "string"), ("UniqueUserName", "UniqueUserName", "string"),
                ("IsActive", "IsActive", "boolean"), ("Types", "Types", "uint32"), ("RelationshipResourceID", "RelationshipResourceID", "uint32")]),
            cls("SMS_Site", "v_Site", name: "SiteName", [("ResourceID", "ResourceID", "uint32"), ("SiteCode", "SiteCode", "string"), ("SiteName", "SiteName", "string"),
                ("Version", "Version", "string"), ("BuildNumber", "BuildNumber", "uint32"), ("ServerName", "ServerName", "string")]),
            cls("SMS_Client_ComanagementState", "v_ClientCoManagementState", name: "ResourceID", [("ResourceId", "ResourceID", "uint32"),
                ("ComgmtPolicyPresent", "ComgmtPolicyPresent", "boolean"), ("MDMEnrolled", "MDMEnrolled", "boolean"),
                ("MDMProvisioned", "MDMProvisioned", "boolean"), ("HybridAADJoined", "HybridAADJoined", "boolean"), ("AADJoined", "AADJoined", "boolean")]),
            cls("SMS_G_System_CH_ClientSummary", "v_CH_ClientSummary", name: "NetBiosName", [("ResourceID", "ResourceID", "uint32"),
                ("NetBiosName", "NetBiosName", "string"), ("ClientActiveStatus", "ClientActiveStatus", "uint32"), ("ClientStateDescription", "ClientStateDescription", "string"),
                ("IsActiveHW", "IsActiveHW", "boolean"), ("IsActiveSW", "IsActiveSW", "boolean"), ("IsActiveDDR", "IsActiveDDR", "boolean"),
                ("IsActivePolicyRequest", "IsActivePolicyRequest", "boolean"), ("IsActiveStatusMessages", "IsActiveStatusMessages", "boolean"),
                ("LastHW", "LastHW", "datetime"), ("LastSW", "LastSW", "datetime"), ("LastDDR", "LastDDR", "datetime"),
                ("LastPolicyRequest", "LastPolicyRequest", "datetime"), ("LastOnline", "LastOnline", "datetime")]),
            cls("SMS_G_System_WORKSTATION_STATUS", "v_GS_WORKSTATION_STATUS", name: "ResourceID",
                gs + [("LastHardwareScan", "LastHWScan", "datetime")]),
            cls("SMS_G_System_LastSoftwareScan", "v_GS_LastSoftwareScan", name: "ResourceID",
                gs + [("LastScanDate", "LastScanDate", "datetime"), ("LastCollectedFileScanDate", "LastCollectedFileScanDate", "datetime")]),
            cls("SMS_G_System_SoftwareFile", "v_GS_SoftwareFile", name: "ResourceID",
                gs + [("FileName", "FileName", "string"), ("FilePath", "FilePath", "string"), ("FileVersion", "FileVersion", "string"),
                      ("FileSize", "FileSize", "uint32"), ("FileDescription", "FileDescription", "string"), ("FileModifiedDate", "FileModifiedDate", "datetime"),
                      ("ProductId", "ProductId", "uint32")]),
            cls("SMS_G_System_SoftwareProduct", "v_GS_SoftwareProduct", name: "ResourceID",
                gs + [("ProductName", "ProductName", "string"), ("ProductVersion", "ProductVersion", "string"), ("CompanyName", "CompanyName", "string")]),
        ]
    }()

    /// The SQL type of a CIM type (the site's columns: integers and booleans as integers).
    public static func sqlType(_ cimType: String) -> String {
        cimType.hasSuffix("[]") ? "TEXT" : InventoryDatabase.sqlType(cimType: cimType)
    }

    static func quoted(_ name: String) -> String { "\"" + name.replacing("\"", with: "\"\"") + "\"" }

    /// The DDL of `cls`: its table and one child table per array property.
    public static func ddl(_ cls: SiteClass) -> String {
        var columns: [String] = []
        var statements: [String] = []
        for property in cls.properties {
            if let child = property.arrayTable {
                statements.append("CREATE TABLE \(quoted(child)) (ResourceID INTEGER NOT NULL, \(quoted(property.column)) TEXT);")
                statements.append("CREATE INDEX \(quoted(child + "_ResourceID")) ON \(quoted(child)) (ResourceID);")
            } else {
                let key = property.column == cls.resourceColumn && cls.source == .snapshot ? " PRIMARY KEY" : ""
                columns.append("\(quoted(property.column)) \(sqlType(property.cimType))\(key)")
            }
        }
        return (["CREATE TABLE \(quoted(cls.table)) (\(columns.joined(separator: ", ")));"] + statements).joined(separator: "\n")
    }

    /// The inventory-class map: which `v_GS_` table holds each `SMS_G_System_` class.
    public static let inventoryCatalogDDL = """
        CREATE TABLE mofkit_InventoryClasses (ClassName TEXT NOT NULL, TableName TEXT NOT NULL, GroupName TEXT, ReportingClass TEXT, ClassID TEXT);
        CREATE TABLE mofkit_InventoryColumns (TableName TEXT NOT NULL, Property TEXT NOT NULL, ColumnName TEXT NOT NULL, CIMType TEXT NOT NULL);
        """

    /// The WQL class name of an inventory group: `SMS_G_System_` and the middle part of its `SMS_Class_ID`
    /// (the name of its `v_GS_` view), else its `SMS_Group_Name` upper-cased with spaces as `_`.
    public static func inventoryClassName(_ group: InventoryGroup) -> String {
        "SMS_G_System_" + group.tableName.dropFirst("v_GS_".count).uppercased()
    }

    /// Creates every site table (empty) and the inventory-class map, in `db`.
    public static func create(in db: SQLiteDatabase) throws {
        try db.execute(ddl(system))
        for cls in siteOnly { try db.execute(ddl(cls)) }
        try db.execute(inventoryCatalogDDL)
    }

    /// Records `groups` (stored as `tables`, with `columns` per group: property, column, CIM type) in the
    /// inventory-class map.
    public static func recordInventory(_ groups: [InventoryGroup], tables: [String], columns: [[(String, String, String)]], in db: SQLiteDatabase) throws {
        try db.insert("INSERT INTO mofkit_InventoryClasses VALUES (?, ?, ?, ?, ?)", rows: zip(groups, tables).map { group, table in
            [.text("SMS_G_System_" + table.dropFirst("v_GS_".count).uppercased()), .text(table), .text(group.groupName), .text(group.className),
             group.classID.map { .text($0) } ?? .null]
        })
        try db.insert("INSERT INTO mofkit_InventoryColumns VALUES (?, ?, ?, ?)", rows: zip(tables, columns).flatMap { table, list in
            list.map { [SQLiteDatabase.Value.text(table), .text($0.0), .text($0.1), .text($0.2)] }
        })
    }

    /// Writes the `v_R_System` rows of `resources` and their array tables.
    public static func insert(_ resources: [SystemResource], in db: SQLiteDatabase) throws {
        let scalar = system.properties.filter { !$0.isArray }
        let placeholders = Array(repeating: "?", count: scalar.count).joined(separator: ", ")
        let columns = scalar.map { quoted($0.column) }.joined(separator: ", ")
        try db.insert("INSERT INTO v_R_System (\(columns)) VALUES (\(placeholders))", rows: resources.lazy.map { resource in
            scalar.map { resource.values[$0.name] ?? .null }
        })
        for property in system.properties {
            guard let child = property.arrayTable else { continue }
            try db.insert("INSERT INTO \(quoted(child)) VALUES (?, ?)", rows: resources.lazy.flatMap { resource in
                (resource.arrays[property.name] ?? []).map { [SQLiteDatabase.Value.integer(resource.resourceID), .text($0)] }
            })
        }
    }
}
