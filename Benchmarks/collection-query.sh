#!/bin/sh
# mofkit collection on a report database of N machines (default 100,000): a typical "not in (select …)"
# collection rule, an array-property rule and a join, each run MOFKIT_BENCH_RUNS (default 5) times.
#
#   Benchmarks/collection-query.sh [N]
#
# The database is generated once into Benchmarks/out/collection-N.db by Scripts/gen-collection-db.py,
# with the schema of a real `mofkit scan` database (the Corpus fleet) as its template.
#
# With a PostgreSQL server (MOFKIT_BENCH_POSTGRES_URL, else MOFKIT_TEST_POSTGRES_URL: see
# Scripts/pg-test-cluster.sh), the same rows are loaded into a new database there
# (Scripts/collection-db-to-postgres.py) and the "not in (select …)" query runs on PostgreSQL too.
set -eu
cd "$(dirname "$0")/.."
. Benchmarks/mofkit-binary.sh
N=${1:-100000}
RUNS=${MOFKIT_BENCH_RUNS:-5}
mkdir -p Benchmarks/out
DB=Benchmarks/out/collection-$N.db
if [ ! -f "$DB" ]; then
    rm -rf Benchmarks/out/collection-template
    "$MOFKIT" scan --catalog Corpus/catalogs/mssecure-small.xml --machines Corpus/machines --out Benchmarks/out/collection-template >/dev/null || true
    echo "== generating $DB ($N machines)" >&2
    python3 Scripts/gen-collection-db.py "$N" Benchmarks/out/collection-template/mofkit.db "$DB"
fi
echo "database: $DB, $(du -m "$DB" | cut -f1) MB; rows: v_R_System $(sqlite3 "$DB" 'select count(*) from v_R_System'), v_GS_ADD_REMOVE_PROGRAMS_64 $(sqlite3 "$DB" 'select count(*) from v_GS_ADD_REMOVE_PROGRAMS_64')"

run() {
    label=$1
    query=$2
    db=${3:-$DB}
    members=$("$MOFKIT" collection --db "$db" --query "$query" | tail -1)
    times=""
    for i in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %U %M" -o Benchmarks/out/collection-time.txt "$MOFKIT" collection --db "$db" --query "$query" >/dev/null
        times="$times$(cat Benchmarks/out/collection-time.txt)
"
    done
    printf '%s' "$times" | sort -n | awk -v label="$label" -v members="$members" '
        { wall[NR] = $1; user[NR] = $2; rss[NR] = $3 }
        END { m = int((NR + 1) / 2); printf "%-28s %s; wall median %.2f s (best %.2f), user CPU median %.2f s, peak RSS %.0f MiB\n", label, members, wall[m], wall[1], user[m], rss[m] / 1024 }'
}

NOT_IN="select SMS_R_System.ResourceId, SMS_R_System.Name from SMS_R_System where SMS_R_System.Client = 1 and SMS_R_System.ResourceId not in (select SMS_G_System_ADD_REMOVE_PROGRAMS_64.ResourceID from SMS_G_System_ADD_REMOVE_PROGRAMS_64 where SMS_G_System_ADD_REMOVE_PROGRAMS_64.DisplayName like '7-Zip%')"
run "not in (select …)" "$NOT_IN"
run "array (SystemOUName like)" "select * from SMS_R_System where SMS_R_System.SystemOUName like 'CONTOSO.COM/SITE1_/SERVERS'"
run "join + like + DateDiff" "select * from SMS_R_System inner join SMS_G_System_OPERATING_SYSTEM on SMS_G_System_OPERATING_SYSTEM.ResourceID = SMS_R_System.ResourceId where SMS_G_System_OPERATING_SYSTEM.Caption like 'Microsoft Windows 1%' and DateDiff(dd, SMS_G_System_OPERATING_SYSTEM.LastBootUpTime, GetDate()) > 30"

PG_URL=${MOFKIT_BENCH_POSTGRES_URL:-${MOFKIT_TEST_POSTGRES_URL:-}}
if [ -n "$PG_URL" ]; then
    # A new database on the server, named after N, loaded once per run of this script.
    name=mofkit_bench_collection_$N
    base=${PG_URL%/*}
    psql=$(ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -1)
    psql=${psql:-psql}
    "$psql" "$PG_URL" -q -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    PG_DB="$base/$name"
    echo "== loading $DB into PostgreSQL ($(echo "$PG_DB" | sed 's|://[^@]*@|://…@|'))" >&2
    "$MOFKIT" scan --db "$PG_DB" --status >/dev/null
    python3 Scripts/collection-db-to-postgres.py "$DB" "$PG_DB"
    run "PostgreSQL: not in (select …)" "$NOT_IN" "$PG_DB"
    run "PostgreSQL: array (SystemOUName)" "select * from SMS_R_System where SMS_R_System.SystemOUName like 'CONTOSO.COM/SITE1_/SERVERS'" "$PG_DB"
    run "PostgreSQL: join + DateDiff" "select * from SMS_R_System inner join SMS_G_System_OPERATING_SYSTEM on SMS_G_System_OPERATING_SYSTEM.ResourceID = SMS_R_System.ResourceId where SMS_G_System_OPERATING_SYSTEM.Caption like 'Microsoft Windows 1%' and DateDiff(dd, SMS_G_System_OPERATING_SYSTEM.LastBootUpTime, GetDate()) > 30" "$PG_DB"
    "$psql" "$PG_URL" -q -c "DROP DATABASE IF EXISTS $name" >/dev/null
else
    echo "PostgreSQL: skipped (set MOFKIT_BENCH_POSTGRES_URL or MOFKIT_TEST_POSTGRES_URL; Scripts/pg-test-cluster.sh start)"
fi
