#!/usr/bin/env bash
# Fleet scans into PostgreSQL with 1 and 2 worker processes, against the SQLite path, in one run:
# N generated machines (default 100,000) × the HP catalog, release build, a throw-away PostgreSQL
# cluster of its own (Scripts/pg-test-cluster.sh: fsync off). Prints one line per configuration:
# wall seconds, machines per second, peak RSS per worker process, rows stored.
# Usage: Benchmarks/fleet-database.sh [N] [BATCH_SIZE]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
BATCH=${2:-500}
CATALOG=../shared/corpus/catalogs/scup/HpCatalogForSms.xml
if [ ! -f "$CATALOG" ]; then echo "skipped: $CATALOG is absent"; exit 0; fi
FLEET=${MOFKIT_BENCH_FLEET:-${TMPDIR:-/tmp}/mofkit-eval-fleet-$N}
if [ ! -f "$FLEET/.complete" ]; then
  rm -rf "$FLEET"
  python3 Scripts/gen-eval-fleet.py "$N" "$FLEET" "$CATALOG"
  touch "$FLEET/.complete"
fi
. Benchmarks/mofkit-binary.sh
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mofkit-fleetdb-bench.XXXXXX")
eval "$(Scripts/pg-test-cluster.sh start)"
trap 'Scripts/pg-test-cluster.sh stop "$MOFKIT_PG_DIR"; rm -rf "$WORK"' EXIT
BASE=${MOFKIT_TEST_POSTGRES_URL%/*}
TIME="2024-05-01 00:00:00"
now() { date +%s.%N; }
rss() { cut -d' ' -f2 "$1"; }   # KiB, from GNU time -f "%e %M"
mib() { echo "scale=1; $1 / 1024" | bc; }
rate() { echo "scale=0; $N / $1" | bc; }
psql_admin() { PGPASSWORD=mofkit psql -q -h 127.0.0.1 -p "$MOFKIT_TEST_POSTGRES_PORT" -U mofkit -d mofkit -c "$1" >/dev/null; }
rows() { PGPASSWORD=mofkit psql -At -h 127.0.0.1 -p "$MOFKIT_TEST_POSTGRES_PORT" -U mofkit -d "$1" -c "select count(*) from PatchStatus"; }

echo "fleet: $N machines ($FLEET), catalog $CATALOG, batch size $BATCH, $(nproc) cores (shared with other builds: wall times are noisy)"

# 1. Today's SQLite path: one process, every core, reports in --out (mofkit.db is one of them).
t0=$(now)
/usr/bin/time -f "%e %M" -o "$WORK/sqlite.time" "$MOFKIT" scan --catalog "$CATALOG" --machines "$FLEET" --out "$WORK/sqlite-out" \
  --scan-time "$TIME" >/dev/null
t1=$(now); wall=$(echo "$t1 - $t0" | bc)
echo "sqlite --out (all cores, 1 process): wall ${wall} s, $(rate "$wall") machines/s, RSS $(mib "$(rss "$WORK/sqlite.time")") MiB, rows $(sqlite3 "$WORK/sqlite-out/mofkit.db" 'select count(*) from PatchStatus')"

# 2. --db sqlite: the database path with SQLite (plan + one worker per core).
t0=$(now)
/usr/bin/time -f "%e %M" -o "$WORK/sqlitedb.time" "$MOFKIT" scan --db "sqlite:$WORK/fleet.db" --catalog "$CATALOG" --machines "$FLEET" \
  --scan-time "$TIME" --batch-size "$BATCH" >/dev/null
t1=$(now); wall=$(echo "$t1 - $t0" | bc)
echo "sqlite --db (plan + $(nproc) worker threads): wall ${wall} s, $(rate "$wall") machines/s, RSS $(mib "$(rss "$WORK/sqlitedb.time")") MiB, rows $(sqlite3 "$WORK/fleet.db" 'select count(*) from PatchStatus')"

# 3. PostgreSQL, W worker processes of one thread each, after a --plan.
for W in 1 2; do
  db=bench_w$W
  psql_admin "create database $db"
  url="$BASE/$db"
  t0=$(now)
  "$MOFKIT" scan --db "$url" --plan --catalog "$CATALOG" --machines "$FLEET" --scan-time "$TIME" --batch-size "$BATCH" >/dev/null
  t1=$(now)
  pids=()
  for i in $(seq 1 "$W"); do
    /usr/bin/time -f "%e %M" -o "$WORK/pg-$W-$i.time" "$MOFKIT" scan --db "$url" --worker --threads 1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  t2=$(now)
  plan=$(echo "$t1 - $t0" | bc); work=$(echo "$t2 - $t1" | bc); wall=$(echo "$t2 - $t0" | bc)
  peak=0
  for i in $(seq 1 "$W"); do r=$(rss "$WORK/pg-$W-$i.time"); [ "$r" -gt "$peak" ] && peak=$r; done
  echo "postgresql, $W worker process(es): wall ${wall} s (plan ${plan} s + workers ${work} s), $(rate "$wall") machines/s, worker peak RSS $(mib "$peak") MiB, rows $(rows "$db")"
done

# 4. Incremental: the same fleet again into the 2-worker database: every machine unchanged.
t0=$(now)
"$MOFKIT" scan --db "$BASE/bench_w2" --catalog "$CATALOG" --machines "$FLEET" --scan-time "$TIME" --batch-size "$BATCH" --threads 2 >/dev/null
t1=$(now); wall=$(echo "$t1 - $t0" | bc)
echo "postgresql rerun, nothing changed (plan + 2 worker threads): wall ${wall} s"
"$MOFKIT" scan --db "$BASE/bench_w2" --status
