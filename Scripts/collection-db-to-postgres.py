#!/usr/bin/env python3
"""Copies the collection tables of an SQLite report database into a PostgreSQL fleet database.

    Scripts/collection-db-to-postgres.py REPORT.db POSTGRES_URL

For Benchmarks/collection-query.sh: the N-machine database of Scripts/gen-collection-db.py, loaded into
PostgreSQL so that the same queries run on both backends over the same rows. POSTGRES_URL must already
have mofkit's schema (migrations 1 and 2: run `mofkit scan --db URL --status` once). Copied: v_R_System
and its v_RA_System_* tables (into the tables of migration 2), every v_GS_* table (created as
`inventory --db` creates them: plain names, BIGINT / DOUBLE PRECISION / TEXT, an index on ResourceID) and
the inventory-class map (Position = the SQLite rowid). Rows go through `psql` with COPY FROM STDIN (text
format). The SQL engines do the work; nothing here computes a result.
"""
import glob
import os
import sqlite3
import subprocess
import sys


def psql_binary():
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin/psql")) + ["psql"]:
        if candidate == "psql" or os.access(candidate, os.X_OK):
            return candidate
    return "psql"


def copy_text(value):
    if value is None:
        return "\\N"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    source, url = sys.argv[1], sys.argv[2]
    psql = psql_binary()
    db = sqlite3.connect(source)
    # No NOTICE for each DROP TABLE IF EXISTS of a table that is not there yet.
    os.environ["PGOPTIONS"] = "--client-min-messages=warning"

    def run_sql(sql):
        subprocess.run([psql, url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], check=True)

    def copy(table, columns, rows):
        data = "".join("\t".join(copy_text(v) for v in row) + "\n" for row in rows)
        subprocess.run([psql, url, "-v", "ON_ERROR_STOP=1", "-q", "-c", f"COPY {table} ({', '.join(columns)}) FROM STDIN"],
                       input=data.encode("utf-8"), check=True)

    tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    copied = []
    for table in tables:
        lower = table.lower()
        columns = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]
        if lower == "v_r_system" or lower.startswith("v_ra_system_"):
            run_sql(f"TRUNCATE {table}")
        elif lower.startswith("v_gs_"):
            types = {"INTEGER": "BIGINT", "REAL": "DOUBLE PRECISION"}
            definitions = ", ".join(f"{name} {types.get(kind.upper(), 'TEXT')}" for _, name, kind, *_ in db.execute(f'PRAGMA table_info("{table}")'))
            run_sql(f"DROP TABLE IF EXISTS {table}")
            run_sql(f"CREATE TABLE {table} ({definitions})")
        elif lower in ("mofkit_inventoryclasses", "mofkit_inventorycolumns"):
            run_sql(f"DELETE FROM {table}")
            rows = db.execute(f'SELECT rowid, * FROM "{table}" ORDER BY rowid')
            copy(table, ["Position"] + columns, rows)
            copied.append(table)
            continue
        else:
            continue
        copy(table, columns, db.execute(f'SELECT * FROM "{table}"'))
        if lower.startswith("v_gs_"):
            run_sql(f"CREATE INDEX {table}_ix1 ON {table} (ResourceID)")
        copied.append(table)
        print(f"copied {table}", file=sys.stderr)
    run_sql("ANALYZE " + ", ".join(copied))


if __name__ == "__main__":
    main()
