#!/bin/bash
# Interleaved rounds on one catalog: the no-op SAX2 pass, xmllint --stream, convert --threads 1 and
# --threads 2, one after the other, N rounds; prints "command wall user" per run. Run from the repo
# root after Benchmarks/catalog-convert.sh has built the inputs and the no-op binary:
#   Benchmarks/catalog-interleave.sh Benchmarks/out/catalog-scup-200.xml 9
# Compare within a round: the machine's speed drifts between rounds. The binary: Benchmarks/mofkit-binary.sh.
cd "$(dirname "$0")/.."
. Benchmarks/mofkit-binary.sh
f=$1; n=${2:-5}; M=$MOFKIT
log=$(mktemp); trap 'rm -f "$log"' EXIT
for i in $(seq $n); do
  for cmd in noop xmllint t1 t2; do
    case $cmd in
      noop) c=(Benchmarks/out/catalog-sax-noop $f);;
      xmllint) c=(xmllint --stream --noout $f);;
      t1) c=($M catalog convert --threads 1 --format jsonl $f);;
      t2) c=($M catalog convert --threads 2 --format jsonl $f);;
    esac
    /usr/bin/time -f "$cmd %e %U" "${c[@]}" > /dev/null 2>>"$log" || true
    tail -1 "$log" | tee -a "$log.rounds"
  done
done
# Medians of the per-round throughput ratios (time of the baseline ÷ time of mofkit).
python3 - "$log.rounds" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
rounds = [{r[0]: float(r[1]) for r in rows[i:i + 4]} for i in range(0, len(rows), 4)]
for t in ("t1", "t2"):
    for base in ("xmllint", "noop"):
        ratio = statistics.median(r[base] / r[t] for r in rounds if r.get(t))
        print(f"{base} / {t}: {ratio:.0%} (median of {len(rounds)} rounds)")
PY
rm -f "$log.rounds"
