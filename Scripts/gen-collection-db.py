#!/usr/bin/env python3
"""Writes a report database of N synthetic machines for the collection-query benchmark.

    Scripts/gen-collection-db.py N TEMPLATE.db OUT.db [--seed S]

TEMPLATE.db is a database written by `mofkit scan` (any fleet): its schema -- v_R_System and its
array tables, the default inventory groups, the inventory-class map -- is copied as mofkit wrote it,
so the benchmark measures mofkit's own tables. OUT.db then gets N machines: v_R_System rows (name,
domain, OS name and version, client flag), IP subnets and OU paths (the array tables), and the
inventory rows queries use most: Operating System (1 row per machine), Computer System (1) and Add
Remove Programs (64) (10 to 30 programs per machine, about 2 million rows for N = 100,000). The same
N and seed always give the same data.
"""
import argparse
import random
import sqlite3
import os
import zlib

PROGRAMS = [
    ("7-Zip 22.01 (x64)", "Igor Pavlov", "22.01"), ("Google Chrome", "Google LLC", "120.0.6099.110"),
    ("Mozilla Firefox (x64 en-US)", "Mozilla", "121.0"), ("Microsoft Edge", "Microsoft Corporation", "120.0.2210.77"),
    ("Microsoft 365 Apps for enterprise - en-us", "Microsoft Corporation", "16.0.17029.20108"),
    ("Microsoft Visio Professional 2016", "Microsoft Corporation", "16.0.4266.1001"),
    ("Adobe Acrobat Reader DC", "Adobe Systems Incorporated", "23.006.20360"), ("Notepad++ (64-bit x64)", "Notepad++ Team", "8.6"),
    ("VLC media player", "VideoLAN", "3.0.20"), ("Zoom", "Zoom Video Communications, Inc.", "5.16.10"),
    ("Microsoft Teams", "Microsoft Corporation", "1.6.00.33567"), ("Cisco AnyConnect Secure Mobility Client", "Cisco Systems, Inc.", "4.10.07073"),
    ("Microsoft Visual C++ 2015-2022 Redistributable (x64)", "Microsoft Corporation", "14.38.33130.0"),
    ("Microsoft Visual C++ 2013 Redistributable (x64)", "Microsoft Corporation", "12.0.40664.0"),
    ("Java 8 Update 391 (64-bit)", "Oracle Corporation", "8.0.3910.13"), ("Git", "The Git Development Community", "2.43.0"),
    ("Python 3.12.1 (64-bit)", "Python Software Foundation", "3.12.1150.0"), ("WinSCP 6.1.2", "Martin Prikryl", "6.1.2"),
    ("PuTTY release 0.80 (64-bit)", "Simon Tatham", "0.80.0.0"), ("KeePass Password Safe 2.55", "Dominik Reichl", "2.55"),
    ("SQL Server Management Studio", "Microsoft Corporation", "19.2.56.2"), ("Wireshark 4.2.0 64-bit", "The Wireshark developer community", "4.2.0"),
    ("Microsoft Power BI Desktop (x64)", "Microsoft Corporation", "2.124.1052.0"), ("Visual Studio Code", "Microsoft Corporation", "1.85.1"),
    ("Contoso Agent", "Contoso Ltd.", "4.2.1"), ("Slack", "Slack Technologies Inc.", "4.35.131"),
    ("Citrix Workspace 2311", "Citrix Systems, Inc.", "23.11.0.132"), ("TeamViewer", "TeamViewer", "15.49.2"),
    ("Microsoft OneDrive", "Microsoft Corporation", "23.246.1127.0002"), ("Greenshot 1.2.10.6", "Greenshot", "1.2.10.6"),
]
SYSTEMS = [
    ("Microsoft Windows 10 Enterprise", "10.0.19045", "Workstation"), ("Microsoft Windows 11 Enterprise", "10.0.22631", "Workstation"),
    ("Microsoft Windows Server 2019 Standard", "10.0.17763", "Server"), ("Microsoft Windows Server 2022 Datacenter", "10.0.20348", "Server"),
]
MODELS = [("LENOVO", "20XW0026GE"), ("Dell Inc.", "Latitude 7420"), ("HP", "EliteBook 840 G8"), ("VMware, Inc.", "VMware7,1"),
          ("Microsoft Corporation", "Virtual Machine")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("template")
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if os.path.exists(args.out):
        os.remove(args.out)
    template = sqlite3.connect(args.template)
    db = sqlite3.connect(args.out, isolation_level=None)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    for (sql,) in template.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"):
        db.execute(sql)
    for table in ("mofkit_InventoryClasses", "mofkit_InventoryColumns"):
        rows = template.execute("SELECT * FROM %s" % table).fetchall()
        if rows:
            db.executemany("INSERT INTO %s VALUES (%s)" % (table, ",".join("?" * len(rows[0]))), rows)
    has_machines = template.execute("SELECT count(*) FROM sqlite_master WHERE name = 'Machines'").fetchone()[0]
    machine_columns = [r[1] for r in template.execute("PRAGMA table_info(Machines)")] if has_machines else []

    def rows():
        for i in range(1, args.n + 1):
            caption, version, kind = rng.choice(SYSTEMS)
            maker, model = rng.choice(MODELS)
            name = "PC%06d" % i if kind == "Workstation" else "SRV%06d" % i
            client = 1 if rng.random() < 0.95 else 0
            site = rng.randrange(50)
            subnet = "10.%d.%d.0" % (site, rng.randrange(8))
            ous = ["CONTOSO.COM/SITE%02d" % site, "CONTOSO.COM/SITE%02d/%s" % (site, "WORKSTATIONS" if kind == "Workstation" else "SERVERS")]
            programs = rng.sample(PROGRAMS, rng.randint(10, 30))
            yield i, name, caption, version, kind, maker, model, client, subnet, ous, programs

    db.execute("BEGIN")
    for i, name, caption, version, kind, maker, model, client, subnet, ous, programs in rows():
        if machine_columns:
            db.execute("INSERT INTO Machines (ResourceID, MachineName) VALUES (?, ?)", (i, name))
        db.execute("INSERT INTO v_R_System (ResourceID, ResourceType, Name0, Netbios_Name0, Resource_Domain_OR_Workgr0, Full_Domain_Name0, "
                   "Operating_System_Name_and0, Build01, Client0, Client_Type0, Active0, Obsolete0, Decommissioned0, Is_Virtual_Machine0) "
                   "VALUES (?, 5, ?, ?, 'CONTOSO', 'CONTOSO.COM', ?, ?, ?, ?, 1, 0, 0, ?)",
                   (i, name, name, "Microsoft Windows NT %s %s" % (kind, version[:4]), version, client, client or None, 1 if "irtual" in model or "VMware" in model else 0))
        db.execute("INSERT INTO v_RA_System_IPSubnets VALUES (?, ?)", (i, subnet))
        db.executemany("INSERT INTO v_RA_System_SystemOUName VALUES (?, ?)", [(i, ou) for ou in ous])
        db.execute("INSERT INTO v_GS_OPERATING_SYSTEM (ResourceID, MachineName, Caption0, Version0, BuildNumber0, LastBootUpTime0) VALUES (?, ?, ?, ?, ?, ?)",
                   (i, name, caption, version, version.split(".")[2], "202311%02d080000.000000+000" % rng.randint(1, 28)))
        db.execute("INSERT INTO v_GS_COMPUTER_SYSTEM (ResourceID, MachineName, Name0, Domain0, Manufacturer0, Model0) VALUES (?, ?, ?, 'contoso.com', ?, ?)",
                   (i, name, name, maker, model))
        db.executemany("INSERT INTO v_GS_ADD_REMOVE_PROGRAMS_64 (ResourceID, MachineName, ProdID0, DisplayName0, Publisher0, Version0) VALUES (?, ?, ?, ?, ?, ?)",
                       [(i, name, "{%08X}" % zlib.crc32(p[0].encode()), p[0], p[1], p[2]) for p in programs])
    db.execute("COMMIT")
    db.close()


if __name__ == "__main__":
    main()
