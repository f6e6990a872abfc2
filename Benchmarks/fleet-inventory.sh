#!/bin/sh
# Benchmark: reading a generated fleet of machine snapshots (Scripts/gen-fleet.py) and collecting
# inventory for it. Three runs, release build: parse + merge + OS derivation only (--print-snapshot
# to a directory, i.e. read and write back), and `mofkit inventory` with the TSAPPMode MOF and with
# the SMS_def-example MOF (CSV to a directory). Reports wall time, user CPU, machines/s, peak RSS.
#
#   Benchmarks/fleet-inventory.sh              # 10,000 machines, release build (Benchmarks/mofkit-binary.sh)
#   MACHINES=1000 Benchmarks/fleet-inventory.sh
#   THREADS=1 Benchmarks/fleet-inventory.sh     # worker threads (default: every core)
set -eu
cd "$(dirname "$0")/.."
MACHINES=${MACHINES:-10000}
THREADS=${THREADS:-$(nproc)}
OUT=Benchmarks/out
FLEET="$OUT/fleet-$MACHINES"
mkdir -p "$OUT"
. Benchmarks/mofkit-binary.sh
[ -d "$FLEET" ] || python3 Scripts/gen-fleet.py "$MACHINES" "$FLEET"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)  cores: $(nproc)  threads: $THREADS  fleet: $MACHINES machines, $(du -sh "$FLEET" | cut -f1)"

measure() { # label command...
    label=$1; shift
    /usr/bin/time -f "%e %U %M" -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/stderr.txt" || { echo "$label failed:"; head "$OUT/stderr.txt"; }
    read -r wall user rss < "$OUT/time.txt"
    awk -v l="$label" -v n="$MACHINES" -v w="$wall" -v u="$user" -v r="$rss" 'BEGIN {
        printf "%-28s wall %6.2f s  user %6.2f s  %8.0f machines/s (wall)  peak RSS %6.1f MiB\n", l, w, u, (w > 0 ? n / w : 0), r / 1024 }'
}

rm -rf "$OUT/fleet-snapshots" "$OUT/fleet-csv-ts" "$OUT/fleet-csv-contoso"
measure "read + write snapshots" "$MOFKIT" inventory --threads "$THREADS" --print-snapshot --machines "$FLEET" -o "$OUT/fleet-snapshots"
measure "inventory TSAPPMode" "$MOFKIT" inventory --threads "$THREADS" --mof Corpus/mof/tsappmode-fixed.mof --machines "$FLEET" --format csv -o "$OUT/fleet-csv-ts"
measure "inventory SMS_def-example" "$MOFKIT" inventory --threads "$THREADS" --mof Corpus/mof/SMS_def-example.mof --machines "$FLEET" --format csv -o "$OUT/fleet-csv-contoso"
wc -l "$OUT"/fleet-csv-ts/*.csv "$OUT"/fleet-csv-contoso/*.csv | sed 's/^/  rows+1: /'
