#!/bin/sh
# Benchmark: `mofkit catalog convert --format jsonl` on deterministic generated cabinets in the
# wsusscn2.cab layout (index.xml, package.cab with package.xml, package2.cab … with c/, x/, l/en/
# fragments; MSZIP-compressed), to show that memory follows the revision index and one nested
# cabinet, not the catalog. Reports wall time, user CPU and peak RSS for each size.
#
#   Benchmarks/wsusscn2-convert.sh                      # 20,000 and 136,000 revisions
#   REVISIONS="2000 20000" Benchmarks/wsusscn2-convert.sh
#   MOFKIT=path/to/mofkit Benchmarks/wsusscn2-convert.sh  # use an existing release binary
#
# On a loaded machine compare user CPU, not wall time.
set -eu
cd "$(dirname "$0")/.."
REVISIONS=${REVISIONS:-"20000 136000"}
OUT=Benchmarks/out
mkdir -p "$OUT"
. Benchmarks/mofkit-binary.sh

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)  cores: $(nproc)"
for count in $REVISIONS; do
    file="$OUT/wsusscn2-$count.cab"
    [ -f "$file" ] || python3 Scripts/gen-wsusscn2-cab.py --bench "$count" "$file"
    /usr/bin/time -f "%e %U %M" -o "$OUT/time.txt" "$MOFKIT" catalog convert --format jsonl "$file" >"$OUT/wsusscn2-$count.jsonl" 2>"$OUT/stderr.txt" \
        || { echo "convert failed:"; cat "$OUT/stderr.txt"; }
    read -r wall user rss < "$OUT/time.txt"
    cab=$(stat -c %s "$file")
    json=$(stat -c %s "$OUT/wsusscn2-$count.jsonl")
    awk -v n="$count" -v c="$cab" -v j="$json" -v w="$wall" -v u="$user" -v r="$rss" 'BEGIN {
        printf "%7d revisions  cab %6.1f MiB  JSON %7.1f MiB  wall %6.2f s  user %6.2f s  peak RSS %6.1f MiB\n",
        n, c / 1048576, j / 1048576, w, u, r / 1024 }'
    tail -n 1 "$OUT/wsusscn2-$count.jsonl" | cut -c1-110 | sed 's/^/    /'
    rm -f "$OUT/wsusscn2-$count.jsonl"
done
