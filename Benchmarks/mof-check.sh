#!/usr/bin/env bash
# Benchmark `mofkit check` on a generated SMS_def.mof-like file.
#
# Usage: Benchmarks/mof-check.sh [SIZE_MB]        (default 50)
#
# Environment:
#   MOFKIT=path/to/mofkit, MOFKIT_BENCH_SCRATCH, MOFKIT_BENCH_NO_BUILD: which binary (see
#                          Benchmarks/mofkit-binary.sh; default: a release build in .build-release)
#   MOFKIT_BENCH_RUNS      timed runs (default 5; one untimed warm-up run comes first)
#   MOFKIT_BENCH_STRICT    set to 1 to exit with status 1 when a target is missed
#   MOFKIT_BENCH_ARGS      extra arguments for `mofkit check` (e.g. --syntax-only to time one stage)
#
# Targets: throughput >= 150 MB/s (median run, MB = 10^6 bytes), peak RSS <= 3 x file size.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

size_mb="${1:-50}"
if ! [[ "$size_mb" =~ ^[0-9]+([.][0-9]+)?$ ]]; then
    echo "usage: $0 [SIZE_MB]" >&2
    exit 2
fi
runs="${MOFKIT_BENCH_RUNS:-5}"
target_mbps=150
target_rss_ratio=3

# GNU time gives the peak RSS; install it when missing.
if ! /usr/bin/time -v true >/dev/null 2>&1; then
    echo "== installing GNU time (apt-get install time)" >&2
    if [ "$(id -u)" = 0 ]; then apt-get install -y -qq time >/dev/null; else sudo apt-get install -y -qq time >/dev/null; fi
fi

# 1. The binary.
. Benchmarks/mofkit-binary.sh
bin=$MOFKIT

# 2. The input (generated once, deterministic).
mkdir -p Benchmarks/out
file="Benchmarks/out/SMS_def-${size_mb}MB.mof"
if [ ! -s "$file" ]; then
    echo "== generating $file" >&2
    python3 Scripts/gen-smsdef.py "$size_mb" "$file.tmp"
    mv "$file.tmp" "$file"
fi
bytes=$(stat -c %s "$file")
lines=$(wc -l <"$file")

# 3. The runs. Wall time is taken with a nanosecond clock around the call (GNU time's own figure
#    has only 10 ms resolution); GNU time reports the peak RSS.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
run_once() {  # $1 = run index; prints "nanoseconds rss_kib status user_cpu_seconds"
    local start end status
    start=$(date +%s%N)
    set +e
    # shellcheck disable=SC2086  # MOFKIT_BENCH_ARGS is a list of words
    /usr/bin/time -v -o "$work/time.$1" "$bin" check ${MOFKIT_BENCH_ARGS:-} "$file" >"$work/out.$1" 2>"$work/err.$1"
    status=$?
    set -e
    end=$(date +%s%N)
    local rss user
    rss=$(awk -F': *' '/Maximum resident set size/ {print $2}' "$work/time.$1")
    user=$(awk -F': *' '/User time \(seconds\)/ {print $2}' "$work/time.$1")
    echo "$(( end - start )) ${rss:-0} $status ${user:-0}"
}

echo "== mofkit check ${MOFKIT_BENCH_ARGS:+$MOFKIT_BENCH_ARGS }$file ($runs runs after a warm-up)" >&2
run_once warmup >/dev/null
: >"$work/results"
for i in $(seq 1 "$runs"); do
    result=$(run_once "$i")
    echo "$result" >>"$work/results"
    read -r ns rss status user <<<"$result"
    printf '   run %d: %.3f s wall, %.2f s user CPU, peak RSS %.1f MiB, exit status %d\n' "$i" "$(awk -v n="$ns" 'BEGIN{print n/1e9}')" \
        "$user" "$(awk -v k="$rss" 'BEGIN{print k/1024}')" "$status" >&2
done

statuses=$(awk '{print $3}' "$work/results" | sort -u | tr '\n' ' ')
# User CPU is what to compare on a loaded machine (wall time includes waiting for a core).
user_median=$(awk '{print $4}' "$work/results" | sort -n | awk '{u[NR] = $1} END { print (NR % 2) ? u[(NR + 1) / 2] : (u[NR / 2] + u[NR / 2 + 1]) / 2 }')
sort -n -k1,1 "$work/results" | awk -v bytes="$bytes" -v lines="$lines" -v file="$file" \
    -v target_mbps="$target_mbps" -v target_ratio="$target_rss_ratio" -v statuses="$statuses" -v user_median="$user_median" '
    { wall[NR] = $1 / 1e9; if ($2 > peak) peak = $2 }
    END {
        n = NR
        best = wall[1]
        median = (n % 2) ? wall[(n + 1) / 2] : (wall[n / 2] + wall[n / 2 + 1]) / 2
        mb = bytes / 1e6
        rss_mib = peak / 1024
        ratio = peak * 1024 / bytes
        best_mbps = (best > 0) ? mb / best : 0
        median_mbps = (median > 0) ? mb / median : 0
        printf "file:            %s\n", file
        printf "size:            %d bytes (%.1f MB)\n", bytes, mb
        printf "lines (wc -l):   %d\n", lines
        printf "runs:            %d\n", n
        printf "wall best:       %.3f s (%.1f MB/s)\n", best, best_mbps
        printf "wall median:     %.3f s (%.1f MB/s)\n", median, median_mbps
        printf "user CPU median: %.2f s (%.1f MB/s)\n", user_median, (user_median > 0) ? mb / user_median : 0
        printf "peak RSS:        %.1f MiB (%.2f x file size)\n", rss_mib, ratio
        printf "exit status:     %s\n", statuses
        speed_ok = median_mbps >= target_mbps
        rss_ok = ratio <= target_ratio
        printf "target speed:    >= %d MB/s (median) ... %s\n", target_mbps, speed_ok ? "PASS" : "FAIL"
        printf "target memory:   peak RSS <= %d x file size ... %s\n", target_ratio, rss_ok ? "PASS" : "FAIL"
        exit (speed_ok && rss_ok) ? 0 : 1
    }' && targets_met=1 || targets_met=0

# `mofkit check` exits 0 for a clean file; anything else means the figures are not a real check.
if [ "$statuses" != "0 " ]; then
    echo "warning: mofkit check exited with status $statuses; the generated file should check clean." >&2
    echo "         first lines of its output:" >&2
    head -n 5 "$work/out.1" "$work/err.1" >&2 || true
fi
if [ "$targets_met" = 0 ] && [ "${MOFKIT_BENCH_STRICT:-0}" = 1 ]; then
    exit 1
fi
exit 0
