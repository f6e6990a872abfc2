#!/usr/bin/env bash
# Compare what two mofkit binaries print for `mofkit check` on every MOF file of the corpora: the
# safety net for changes to the check engine that must not change a single diagnostic.
#
# Usage: Scripts/compare-check-output.sh BEFORE_BINARY AFTER_BINARY [EXTRA_FILE...]
#
# For each `.mof` under Corpus/ and ../shared/corpus/mof (when present), plus the extra files given
# (e.g. Benchmarks/out/SMS_def-10MB.mof), runs both binaries with
#   check --format json
#   check --color never          (text, with source excerpts)
#   check --strict --format json
# and compares standard output and the exit status byte for byte. Prints each difference and exits
# with status 1 when there is one.
#
# Environment: MOFKIT_COMPARE_JOBS  parallel jobs (default 2)
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 BEFORE_BINARY AFTER_BINARY [EXTRA_FILE...]" >&2
    exit 2
fi
before=$(realpath "$1")
after=$(realpath "$2")
shift 2

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

list="$(mktemp)"
trap 'rm -f "$list"' EXIT
find Corpus -name '*.mof' -type f >"$list"
if [ -d ../shared/corpus/mof ]; then find ../shared/corpus/mof -name '*.mof' -type f >>"$list"; fi
for extra in "$@"; do echo "$extra" >>"$list"; done
sort -o "$list" "$list"
count=$(wc -l <"$list")

compare_one() {  # $1 = file; prints one line per difference
    local file=$1 mode out_a out_b status_a status_b
    for mode in "--format json" "--color never" "--strict --format json"; do
        # shellcheck disable=SC2086
        out_a=$("$MOFKIT_BEFORE" check $mode "$file" 2>/dev/null) && status_a=0 || status_a=$?
        # shellcheck disable=SC2086
        out_b=$("$MOFKIT_AFTER" check $mode "$file" 2>/dev/null) && status_b=0 || status_b=$?
        if [ "$status_a" != "$status_b" ] || [ "$out_a" != "$out_b" ]; then
            echo "DIFFERENT ($mode): $file (status $status_a vs $status_b)"
        fi
    done
}
export -f compare_one
export MOFKIT_BEFORE="$before" MOFKIT_AFTER="$after"

differences=$(tr '\n' '\0' <"$list" | xargs -0 -n 1 -P "${MOFKIT_COMPARE_JOBS:-2}" bash -c 'compare_one "$0"')
if [ -n "$differences" ]; then
    echo "$differences"
    echo "$(wc -l <<<"$differences") difference(s) over $count files" >&2
    exit 1
fi
echo "identical output and exit status on $count files (3 modes each)" >&2
