import CollectionQueries
import Reports

/// The fleet database's schema, declared once as data and rendered to SQLite and PostgreSQL DDL.
///
/// Migration 1 holds the scan coordinator's tables (scans, their machine lists and batches), the
/// results (`PatchStatus`: one row per machine, catalog and update whose status is not
/// `not-applicable`, the latest for that machine and catalog) and the site-shaped views
/// `v_GS_PatchState` and `v_UpdateCompliance`. Migration 2 holds the site tables collection queries
/// name (`v_R_System` and its `v_RA_System_…` tables, the site-only classes, the inventory-class map;
/// `Docs/collections.md`).
public enum FleetSchema {
    /// The table that records applied migrations.
    public static let versionTable = TableDefinition("MofkitSchema", [
        ColumnDefinition("Version", .integer, nullable: false), ColumnDefinition("Summary", .text),
        ColumnDefinition("AppliedAt", .integer),
    ], primaryKey: ["Version"])

    /// Every machine ever planned or inventoried, keyed by how it was named (`--machines` entry).
    public static let machines = TableDefinition("Machines", [
        ColumnDefinition("ResourceID", .identity), ColumnDefinition("Source", .text, nullable: false),
        ColumnDefinition("MachineName", .text),
    ], unique: [["Source"]])

    /// Catalogs by identity: content hash of the file plus the evaluation options.
    public static let catalogs = TableDefinition("Catalogs", [
        ColumnDefinition("CatalogID", .identity), ColumnDefinition("Identity", .text, nullable: false),
        ColumnDefinition("Path", .text), ColumnDefinition("Format", .text), ColumnDefinition("UpdateCount", .integer),
    ], unique: [["Identity"]])

    /// The updates of each catalog.
    public static let updates = TableDefinition("Updates", [
        ColumnDefinition("CatalogID", .integer, nullable: false), ColumnDefinition("UpdateIndex", .integer, nullable: false),
        ColumnDefinition("UpdateID", .text, nullable: false), ColumnDefinition("QNumbers", .text), ColumnDefinition("Bulletin", .text),
        ColumnDefinition("Title", .text), ColumnDefinition("Product", .text), ColumnDefinition("Vendor", .text),
        ColumnDefinition("Severity", .text), ColumnDefinition("DatePosted", .timestamp), ColumnDefinition("DateRevised", .timestamp),
    ], primaryKey: ["CatalogID", "UpdateIndex"])

    /// One row per planned scan.
    public static let scans = TableDefinition("Scans", [
        ColumnDefinition("ScanID", .identity), ColumnDefinition("CatalogID", .integer, nullable: false),
        ColumnDefinition("CatalogPath", .text, nullable: false), ColumnDefinition("CatalogIdentity", .text, nullable: false),
        ColumnDefinition("ScanTime", .text, nullable: false), ColumnDefinition("CreatedAt", .integer),
        ColumnDefinition("BatchSize", .integer), ColumnDefinition("MachineCount", .integer), ColumnDefinition("BatchCount", .integer),
        ColumnDefinition("StoreNotApplicable", .integer), ColumnDefinition("FullScan", .integer),
        ColumnDefinition("CaseSensitiveStrings", .integer), ColumnDefinition("MissingVersionIsZero", .integer),
    ])

    /// A scan's machine list, in order, each in one batch.
    public static let scanMachines = TableDefinition("ScanMachines", [
        ColumnDefinition("ScanID", .integer, nullable: false), ColumnDefinition("Position", .integer, nullable: false),
        ColumnDefinition("BatchNo", .integer, nullable: false), ColumnDefinition("ResourceID", .integer, nullable: false),
        ColumnDefinition("Specification", .text, nullable: false),
    ], primaryKey: ["ScanID", "Position"], indexes: [["ScanID", "BatchNo"]])

    /// The work queue: state `waiting`, `running` (leased to `Worker` until `LeaseUntil`) or `done`.
    public static let batches = TableDefinition("Batches", [
        ColumnDefinition("ScanID", .integer, nullable: false), ColumnDefinition("BatchNo", .integer, nullable: false),
        ColumnDefinition("State", .text, nullable: false), ColumnDefinition("Worker", .text),
        ColumnDefinition("Attempts", .integer, nullable: false), ColumnDefinition("LeaseUntil", .integer),
        ColumnDefinition("ClaimedAt", .integer), ColumnDefinition("FinishedAt", .integer),
        ColumnDefinition("Machines", .integer, nullable: false), ColumnDefinition("Evaluated", .integer),
        ColumnDefinition("Skipped", .integer), ColumnDefinition("RowsWritten", .integer),
    ], primaryKey: ["ScanID", "BatchNo"], indexes: [["ScanID", "State"]])

    /// The last completed evaluation of each machine against each catalog: the snapshot's content
    /// hash (incremental scans skip a machine whose hash is unchanged) and the scan that wrote it.
    public static let machineCatalog = TableDefinition("MachineCatalog", [
        ColumnDefinition("ResourceID", .integer, nullable: false), ColumnDefinition("CatalogID", .integer, nullable: false),
        ColumnDefinition("ContentHash", .text, nullable: false), ColumnDefinition("ScanID", .integer, nullable: false),
        ColumnDefinition("ReadFailed", .integer, nullable: false),
    ], primaryKey: ["ResourceID", "CatalogID"])

    /// Per machine, catalog and update: the status when it is not `not-applicable` (or every status
    /// with `--store-not-applicable`), with its reason and the scan time.
    public static let patchStatus = TableDefinition("PatchStatus", [
        ColumnDefinition("ResourceID", .integer, nullable: false), ColumnDefinition("CatalogID", .integer, nullable: false),
        ColumnDefinition("UpdateIndex", .integer, nullable: false), ColumnDefinition("Status", .text, nullable: false),
        ColumnDefinition("Reason", .text), ColumnDefinition("TimeDetected", .timestamp, nullable: false),
        ColumnDefinition("ScanID", .integer, nullable: false),
    ], primaryKey: ["ResourceID", "CatalogID", "UpdateIndex"])

    /// `v_GS_PatchState`: installed and applicable rows with the SMS 2003 column names.
    public static let patchStateView = ViewDefinition("v_GS_PatchState", """
        SELECT p.ResourceID AS ResourceID, m.MachineName AS MachineName, u.QNumbers AS QNumbers0, u.Bulletin AS ID0, \
        u.Product AS Product0, u.Title AS Title0, u.DatePosted AS DatePosted0, u.DateRevised AS DateRevised0, \
        p.TimeDetected AS TimeDetected0, CASE p.Status WHEN 'installed' THEN 'Installed' ELSE 'Applicable' END AS Status0, \
        u.UpdateID AS UpdateID, p.Status AS MofkitStatus, p.Reason AS Reason, p.CatalogID AS CatalogID \
        FROM PatchStatus p JOIN Machines m ON m.ResourceID = p.ResourceID \
        JOIN Updates u ON u.CatalogID = p.CatalogID AND u.UpdateIndex = p.UpdateIndex \
        WHERE p.Status IN ('installed', 'missing')
        """)

    /// `v_UpdateCompliance`: per catalog update, the counts of the "compliance by software ID" report.
    /// Not-applicable is counted, not stored: machines evaluated against the catalog minus the others.
    public static let complianceView = ViewDefinition("v_UpdateCompliance", """
        SELECT u.CatalogID AS CatalogID, u.UpdateIndex AS UpdateIndex, u.UpdateID AS UpdateID, u.QNumbers AS QNumbers, \
        u.Bulletin AS Bulletin, u.Title AS Title, u.Product AS Product, \
        COUNT(CASE WHEN p.Status IN ('installed', 'missing') THEN 1 END) AS Applicable, \
        COUNT(CASE WHEN p.Status = 'installed' THEN 1 END) AS Installed, \
        COUNT(CASE WHEN p.Status = 'missing' THEN 1 END) AS Missing, \
        COUNT(CASE WHEN p.Status = 'superseded' THEN 1 END) AS Superseded, \
        (SELECT COUNT(*) FROM MachineCatalog mc WHERE mc.CatalogID = u.CatalogID) \
            - COUNT(CASE WHEN p.Status <> 'not-applicable' THEN 1 END) AS NotApplicable, \
        COUNT(CASE WHEN p.Status = 'unknown' THEN 1 END) AS Unknown, \
        ROUND(CASE WHEN COUNT(CASE WHEN p.Status IN ('installed', 'missing') THEN 1 END) = 0 THEN 100.0 \
            ELSE 100.0 * COUNT(CASE WHEN p.Status = 'installed' THEN 1 END) \
                / COUNT(CASE WHEN p.Status IN ('installed', 'missing') THEN 1 END) END, 1) AS PercentCompliant, \
        COUNT(CASE WHEN p.Status = 'cannot-determine' THEN 1 END) AS CannotDetermine \
        FROM Updates u LEFT JOIN PatchStatus p ON p.CatalogID = u.CatalogID AND p.UpdateIndex = u.UpdateIndex \
        GROUP BY u.CatalogID, u.UpdateIndex
        """)

    /// The tables of a site class (`Reports.SiteTables`): its table (the scalar properties, keyed by
    /// `ResourceID` for `SMS_R_System`) and one `v_RA_…` table per array property (`ResourceID`, value).
    /// The column names are the SQLite report database's, so one `CollectionSchema` serves both.
    public static func siteTables(_ cls: SiteClass) -> [TableDefinition] {
        var columns: [ColumnDefinition] = []
        var arrays: [TableDefinition] = []
        for property in cls.properties {
            if let child = property.arrayTable {
                arrays.append(TableDefinition(child, [ColumnDefinition("ResourceID", .integer, nullable: false), ColumnDefinition(property.column, .text)],
                                              indexes: [["ResourceID"]]))
            } else {
                columns.append(ColumnDefinition(property.column, ColumnType.cim(property.cimType)))
            }
        }
        let key = cls.source == .snapshot ? [cls.resourceColumn] : []
        return [TableDefinition(cls.table, columns, primaryKey: key)] + arrays
    }

    /// The inventory-class map: which `v_GS_` table holds each `SMS_G_System_` class (`inventory --db`
    /// rewrites it with the tables), in `Position` order.
    public static let inventoryClasses = TableDefinition("mofkit_InventoryClasses", [
        ColumnDefinition("Position", .integer, nullable: false), ColumnDefinition("ClassName", .text, nullable: false),
        ColumnDefinition("TableName", .text, nullable: false), ColumnDefinition("GroupName", .text),
        ColumnDefinition("ReportingClass", .text), ColumnDefinition("ClassID", .text),
    ])

    /// The columns of each mapped inventory table: WQL property, column, CIM type.
    public static let inventoryColumns = TableDefinition("mofkit_InventoryColumns", [
        ColumnDefinition("Position", .integer, nullable: false), ColumnDefinition("TableName", .text, nullable: false),
        ColumnDefinition("Property", .text, nullable: false), ColumnDefinition("ColumnName", .text, nullable: false),
        ColumnDefinition("CIMType", .text, nullable: false),
    ])

    /// Every migration, in version order.
    public static let migrations: [Migration] = [
        Migration(version: 1, summary: "fleet scans: machines, catalogs, updates, scans, batches, patch status, site views",
                  tables: [machines, catalogs, updates, scans, scanMachines, batches, machineCatalog, patchStatus],
                  views: [patchStateView, complianceView]),
        // Collection queries (CollectionQueries over PostgreSQLDialect): SMS_R_System from each scanned or
        // inventoried machine, the classes only a site has (empty), the inventory-class map, and the date
        // function the PostgreSQL dialect reads dates with.
        Migration(version: 2, summary: "collections: v_R_System and its array tables, site-only classes, inventory-class map",
                  tables: siteTables(SiteTables.system) + SiteTables.siteOnly.flatMap(siteTables) + [inventoryClasses, inventoryColumns],
                  postgresStatements: [PostgreSQLDialect.timestampFunction]),
    ]

    /// The schema version this build writes and reads.
    public static var currentVersion: Int { migrations.last?.version ?? 0 }
}
