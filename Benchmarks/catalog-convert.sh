#!/bin/sh
# Benchmark: `mofkit catalog convert --format jsonl` on deterministic generated catalogs (SCUP-style and
# wsusscn2 package.xml-style, 20 MB and 200 MB) against `xmllint --stream --noout` and a no-op libxml2
# SAX2 pass (Benchmarks/catalog-sax-noop.c). Reports wall time, user CPU, MB/s and peak RSS.
#
#   Benchmarks/catalog-convert.sh            # release build into .build-catalog, inputs in Benchmarks/out/
#   SIZES="20" Benchmarks/catalog-convert.sh # only the small inputs
#   MOFKIT=path/to/mofkit Benchmarks/catalog-convert.sh  # use an existing release binary
#   CALLGRIND=1 Benchmarks/catalog-convert.sh  # also count instructions (valgrind) on 2 MB inputs
#
# On a loaded machine compare user CPU (and callgrind counts), not wall time. mofkit's start-up
# (dynamic linking, Swift runtime, argument parsing) is about 33 M instructions: measured here on an
# empty input so it can be told apart on the 2 MB counts.
set -eu
cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-.build-catalog}
SIZES=${SIZES:-"20 200"}
OUT=Benchmarks/out
mkdir -p "$OUT"
if [ -z "${MOFKIT:-}" ]; then
    swift build -c release --scratch-path "$SCRATCH" --product mofkit >/dev/null
    MOFKIT="$SCRATCH/release/mofkit"
fi
cc -O2 $(pkg-config --cflags libxml-2.0) Benchmarks/catalog-sax-noop.c $(pkg-config --libs libxml-2.0) -o "$OUT/catalog-sax-noop"

measure() { # label file command...
    label=$1; file=$2; shift 2
    bytes=$(stat -c %s "$file")
    /usr/bin/time -f "%e %U %M" -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/stderr.txt" || { echo "$label failed:"; cat "$OUT/stderr.txt"; }
    read -r wall user rss < "$OUT/time.txt"
    awk -v l="$label" -v f="$(basename "$file")" -v s="$bytes" -v w="$wall" -v u="$user" -v r="$rss" 'BEGIN {
        mb = s / 1048576; printf "%-9s %-26s %7.1f MB  wall %6.2f s (%6.1f MB/s)  user %6.2f s (%6.1f MB/s)  peak RSS %6.1f MiB\n",
        l, f, mb, w, (w > 0 ? mb / w : 0), u, (u > 0 ? mb / u : 0), r / 1024 }'
}

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)  cores: $(nproc)"
for size in $SIZES; do
    for style in scup package; do
        file="$OUT/catalog-$style-$size.xml"
        [ -f "$file" ] || python3 Scripts/gen-catalog-bench.py "$style" "$size" "$file" >/dev/null
        measure noop-sax "$file" "$OUT/catalog-sax-noop" "$file"
        measure xmllint "$file" xmllint --stream --noout "$file"
        measure mofkit "$file" "$MOFKIT" catalog convert --format jsonl "$file"
    done
done
if [ -n "${CALLGRIND:-}" ]; then
    count() { # label command...: instructions executed, libraries included
        label=$1; shift
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk -v l="$label" '/refs:/ { gsub(",", "", $4); printf "%-28s %8.1f M instructions\n", l, $4 / 1e6 }'
    }
    printf '' > "$OUT/empty.xml"
    count "mofkit start-up (empty)" "$MOFKIT" catalog convert --format jsonl "$OUT/empty.xml"
    for style in scup package; do
        file="$OUT/catalog-$style-2.xml"
        [ -f "$file" ] || python3 Scripts/gen-catalog-bench.py "$style" 2 "$file" >/dev/null
        count "noop-sax $style 2 MB" "$OUT/catalog-sax-noop" "$file"
        count "xmllint $style 2 MB" xmllint --stream --noout "$file"
        count "mofkit $style 2 MB" "$MOFKIT" catalog convert --format jsonl "$file"
    done
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
