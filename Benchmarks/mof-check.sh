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
#   MOFKIT_BENCH_ARGS      extra arguments for both stages' `mofkit check`
#   MOFKIT_BENCH_CIM       the CIM schema root MOF to time (default: the CIM 2.49 root under ../shared/corpus)
#
# Each run times `check --syntax-only FILE` and then the full `check FILE` (interleaved, so both
# stages see the same machine load), then the CIM 2.49 root with its includes.
# Targets (full check): throughput >= 150 MB/s (median run, MB = 10^6 bytes) and >= 0.6 of the
# syntax-only throughput of the same run; peak RSS <= 3 x file size; CIM 2.49 root <= 0.1 s.
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
run_once() {  # $1 = run name, then the check arguments; prints "nanoseconds rss_kib status user_cpu_seconds"
    local name=$1 start end status
    shift
    start=$(date +%s%N)
    set +e
    /usr/bin/time -v -o "$work/time.$name" "$bin" check "$@" >"$work/out.$name" 2>"$work/err.$name"
    status=$?
    set -e
    end=$(date +%s%N)
    local rss user
    rss=$(awk -F': *' '/Maximum resident set size/ {print $2}' "$work/time.$name")
    user=$(awk -F': *' '/User time \(seconds\)/ {print $2}' "$work/time.$name")
    echo "$(( end - start )) ${rss:-0} $status ${user:-0}"
}

# shellcheck disable=SC2206  # MOFKIT_BENCH_ARGS is a list of words
extra=(${MOFKIT_BENCH_ARGS:-})
echo "== mofkit check [--syntax-only] ${MOFKIT_BENCH_ARGS:+$MOFKIT_BENCH_ARGS }$file ($runs runs of each after a warm-up)" >&2
run_once warmup --syntax-only "${extra[@]}" "$file" >/dev/null
run_once warmup "${extra[@]}" "$file" >/dev/null
: >"$work/syntax"
: >"$work/full"
for i in $(seq 1 "$runs"); do
    for stage in syntax full; do
        if [ "$stage" = syntax ]; then result=$(run_once "$stage.$i" --syntax-only "${extra[@]}" "$file")
        else result=$(run_once "$stage.$i" "${extra[@]}" "$file"); fi
        echo "$result" >>"$work/$stage"
        read -r ns rss status user <<<"$result"
        printf '   run %d %-6s: %.3f s wall, %.2f s user CPU, peak RSS %.1f MiB, exit status %d\n' "$i" "$stage" \
            "$(awk -v n="$ns" 'BEGIN{print n/1e9}')" "$user" "$(awk -v k="$rss" 'BEGIN{print k/1024}')" "$status" >&2
    done
done

median() {  # $1 = file, $2 = column; the median of that column
    awk -v c="$2" '{print $c}' "$1" | sort -n | awk '{u[NR] = $1} END { print (NR % 2) ? u[(NR + 1) / 2] : (u[NR / 2] + u[NR / 2 + 1]) / 2 }'
}
summary() {  # $1 = stage file, $2 = label; prints the stage's figures
    local wall_median user_median
    wall_median=$(median "$1" 1)
    user_median=$(median "$1" 4)
    sort -n -k1,1 "$1" | awk -v bytes="$bytes" -v label="$2" -v median_ns="$wall_median" -v user_median="$user_median" '
        NR == 1 { best = $1 / 1e9 }
        { if ($2 > peak) peak = $2 }
        END {
            mb = bytes / 1e6
            median = median_ns / 1e9
            printf "%-12s wall best %.3f s (%.1f MB/s), median %.3f s (%.1f MB/s); user CPU median %.2f s (%.1f MB/s); peak RSS %.1f MiB (%.2f x file)\n",
                label, best, mb / best, median, mb / median, user_median, (user_median > 0) ? mb / user_median : 0, peak / 1024, peak * 1024 / bytes
        }'
}

syntax_wall=$(median "$work/syntax" 1)
full_wall=$(median "$work/full" 1)
full_peak=$(awk '{ if ($2 > p) p = $2 } END { print p + 0 }' "$work/full")
statuses=$(awk '{print $3}' "$work/full" "$work/syntax" | sort -u | tr '\n' ' ')
echo "file:         $file"
echo "size:         $bytes bytes ($(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB), $lines lines"
echo "runs:         $runs of each stage, interleaved"
summary "$work/syntax" "syntax-only:"
summary "$work/full" "full check:"
echo "exit status:  $statuses"

# 4. The CIM 2.49 schema root with its includes (a real-world many-file compilation).
cim="${MOFKIT_BENCH_CIM:-../shared/corpus/mof/cim/cim_schema_2.49.0/cim_schema_2.49.0.mof}"
cim_median=""
if [ -f "$cim" ]; then
    : >"$work/cim"
    run_once cim.warmup "$cim" >/dev/null
    for i in $(seq 1 "$runs"); do run_once "cim.$i" "$cim" >>"$work/cim"; done
    cim_median=$(median "$work/cim" 1)
    cim_user=$(median "$work/cim" 4)
    printf 'CIM 2.49:     %s: median %.3f s wall, %.2f s user CPU (%d runs)\n' "$cim" "$(awk -v n="$cim_median" 'BEGIN{print n/1e9}')" "$cim_user" "$runs"
else
    echo "CIM 2.49:     $cim not found (../shared is absent): not timed"
fi

awk -v bytes="$bytes" -v s="$syntax_wall" -v f="$full_wall" -v peak="$full_peak" -v cim="$cim_median" \
    -v target_mbps="$target_mbps" -v target_ratio="$target_rss_ratio" '
    BEGIN {
        mb = bytes / 1e6
        full_mbps = mb / (f / 1e9)
        ratio = s / f
        rss_ratio = peak * 1024 / bytes
        speed_ok = full_mbps >= target_mbps
        ratio_ok = ratio >= 0.6
        rss_ok = rss_ratio <= target_ratio
        cim_ok = cim == "" || cim / 1e9 <= 0.1
        printf "target speed:    full check >= %d MB/s (median: %.1f MB/s) ... %s\n", target_mbps, full_mbps, speed_ok ? "PASS" : "FAIL"
        printf "target ratio:    full >= 0.6 x syntax-only throughput (median: %.2f) ... %s\n", ratio, ratio_ok ? "PASS" : "FAIL"
        printf "target memory:   full check peak RSS <= %d x file size (%.2f x) ... %s\n", target_ratio, rss_ratio, rss_ok ? "PASS" : "FAIL"
        if (cim != "") printf "target CIM 2.49: <= 0.1 s (median: %.3f s) ... %s\n", cim / 1e9, cim_ok ? "PASS" : "FAIL"
        exit (speed_ok && ratio_ok && rss_ok && cim_ok) ? 0 : 1
    }' && targets_met=1 || targets_met=0

# `mofkit check` exits 0 for a clean file; anything else means the figures are not a real check.
if [ "$statuses" != "0 " ]; then
    echo "warning: mofkit check exited with status $statuses; the generated file should check clean." >&2
    echo "         first lines of its output:" >&2
    head -n 5 "$work/out.full.1" "$work/err.full.1" >&2 || true
fi
if [ "$targets_met" = 0 ] && [ "${MOFKIT_BENCH_STRICT:-0}" = 1 ]; then
    exit 1
fi
exit 0
