#!/bin/sh
# Benchmark: `mofkit catalog convert --format jsonl` on deterministic generated catalogs (SCUP-style and
# wsusscn2 package.xml-style, 20 MB and 200 MB) against `xmllint --stream --noout` and a no-op libxml2
# SAX2 pass (Benchmarks/catalog-sax-noop.c). mofkit runs twice: `--threads 1` (everything on one
# thread) and `--threads 2` (libxml2 and record building on a second thread, JSON on the first).
# Reports wall time, user CPU (all threads), MB/s and peak RSS; each figure is the minimum of RUNS runs.
#
#   Benchmarks/catalog-convert.sh            # release build into .build-release, inputs in Benchmarks/out/
#   SIZES="20" Benchmarks/catalog-convert.sh # only the small inputs
#   RUNS=3 Benchmarks/catalog-convert.sh     # minimum of three runs of each command (default 1)
#   MOFKIT=path/to/mofkit Benchmarks/catalog-convert.sh  # use an existing release binary (Benchmarks/mofkit-binary.sh)
#   CALLGRIND=1 Benchmarks/catalog-convert.sh  # also count instructions (valgrind) on 2 MB inputs
#
# On a loaded machine compare user CPU (and callgrind counts), not wall time; `--threads 2` can only
# gain wall time when a second core is free. mofkit's start-up (dynamic linking, Swift runtime,
# argument parsing) is about 33 M instructions: measured here on an empty input so it can be told apart
# on the 2 MB counts. For `--threads 2` callgrind also counts each thread on its own (the parse
# thread's count is what bounds its throughput when both cores are free).
set -eu
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"20 200"}
OUT=Benchmarks/out
mkdir -p "$OUT"
. Benchmarks/mofkit-binary.sh
cc -O2 $(pkg-config --cflags libxml-2.0) Benchmarks/catalog-sax-noop.c $(pkg-config --libs libxml-2.0) -o "$OUT/catalog-sax-noop"

RUNS=${RUNS:-1}

measure() { # label file command...: the minimum wall and user time of RUNS runs, the largest RSS
    label=$1; file=$2; shift 2
    bytes=$(stat -c %s "$file")
    wall=; user=; rss=0
    run=0
    while [ "$run" -lt "$RUNS" ]; do
        /usr/bin/time -f "%e %U %M" -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/stderr.txt" || { echo "$label failed:"; cat "$OUT/stderr.txt"; }
        read -r w u r < "$OUT/time.txt"
        wall=$(awk -v a="${wall:-$w}" -v b="$w" 'BEGIN { print (b < a ? b : a) }')
        user=$(awk -v a="${user:-$u}" -v b="$u" 'BEGIN { print (b < a ? b : a) }')
        rss=$(awk -v a="$rss" -v b="$r" 'BEGIN { print (b > a ? b : a) }')
        run=$((run + 1))
    done
    awk -v l="$label" -v f="$(basename "$file")" -v s="$bytes" -v w="$wall" -v u="$user" -v r="$rss" 'BEGIN {
        mb = s / 1048576; printf "%-10s %-26s %7.1f MB  wall %6.2f s (%6.1f MB/s)  user %6.2f s (%6.1f MB/s)  peak RSS %6.1f MiB\n",
        l, f, mb, w, (w > 0 ? mb / w : 0), u, (u > 0 ? mb / u : 0), r / 1024 }'
}

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)  cores: $(nproc)"
for size in $SIZES; do
    for style in scup package; do
        file="$OUT/catalog-$style-$size.xml"
        [ -f "$file" ] || python3 Scripts/gen-catalog-bench.py "$style" "$size" "$file" >/dev/null
        measure noop-sax "$file" "$OUT/catalog-sax-noop" "$file"
        measure xmllint "$file" xmllint --stream --noout "$file"
        measure mofkit-t1 "$file" "$MOFKIT" catalog convert --threads 1 --format jsonl "$file"
        measure mofkit-t2 "$file" "$MOFKIT" catalog convert --threads 2 --format jsonl "$file"
    done
done
if [ -n "${CALLGRIND:-}" ]; then
    count() { # label command...: instructions executed, libraries included
        label=$1; shift
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk -v l="$label" '/refs:/ { gsub(",", "", $4); printf "%-28s %8.1f M instructions\n", l, $4 / 1e6 }'
    }
    threads() { # label command...: instructions of each thread (callgrind --separate-threads)
        label=$1; shift
        rm -f "$OUT"/callgrind.threads*
        valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$OUT/callgrind.threads" "$@" >/dev/null 2>&1
        for part in "$OUT"/callgrind.threads-*; do
            awk -v l="$label" -v t="${part##*-}" '/^(summary|totals):/ { printf "%-28s %8.1f M instructions (thread %s)\n", l, $2 / 1e6, t; exit }' "$part"
        done
        rm -f "$OUT"/callgrind.threads*
    }
    printf '' > "$OUT/empty.xml"
    count "mofkit start-up (empty)" "$MOFKIT" catalog convert --threads 1 --format jsonl "$OUT/empty.xml"
    for style in scup package; do
        file="$OUT/catalog-$style-2.xml"
        [ -f "$file" ] || python3 Scripts/gen-catalog-bench.py "$style" 2 "$file" >/dev/null
        count "noop-sax $style 2 MB" "$OUT/catalog-sax-noop" "$file"
        count "xmllint $style 2 MB" xmllint --stream --noout "$file"
        count "mofkit-t1 $style 2 MB" "$MOFKIT" catalog convert --threads 1 --format jsonl "$file"
        count "mofkit-t2 $style 2 MB" "$MOFKIT" catalog convert --threads 2 --format jsonl "$file"
        threads "mofkit-t2 $style 2 MB" "$MOFKIT" catalog convert --threads 2 --format jsonl "$file"
    done
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
