#!/usr/bin/env bash
# Fleet evaluation benchmark: the HP catalog (~1.8k packages) × N generated machines (default 10,000),
# release build. Prints rule evaluations per second per thread, wall time and peak RSS.
# Usage: Benchmarks/eval-fleet.sh [N] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
THREADS=${2:-$(nproc)}
CATALOG=../shared/corpus/catalogs/scup/HpCatalogForSms.xml
if [ ! -f "$CATALOG" ]; then echo "skipped: $CATALOG is absent"; exit 0; fi
FLEET=${TMPDIR:-/tmp}/mofkit-eval-fleet-$N
if [ ! -f "$FLEET/.complete" ]; then
  rm -rf "$FLEET"
  python3 Scripts/gen-eval-fleet.py "$N" "$FLEET" "$CATALOG"
  touch "$FLEET/.complete"
fi
. Benchmarks/mofkit-binary.sh
OUT=${TMPDIR:-/tmp}/mofkit-eval-report-$N
rm -rf "$OUT"
/usr/bin/time -f "wall %e s, peak RSS %M KiB" "$MOFKIT" scan \
  --catalog "$CATALOG" --machines "$FLEET" --out "$OUT" --threads "$THREADS" --timing --scan-time "2024-05-01 00:00:00"
sqlite3 "$OUT/mofkit.db" "select Status, count(*) from PatchStatus group by Status" 2>/dev/null || true
