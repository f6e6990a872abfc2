#!/usr/bin/env bash
# Builds one libFuzzer target (Fuzz/ package, ASan + libFuzzer, release) and runs it for SECONDS.
#
#   Scripts/fuzz.sh TARGET SECONDS [JOBS]
#
# TARGET: mof | catalog-xml | catalog-convert | cab | reg | snapshot-json | wmi-mof | wql | lsp-messages
#         | lsp-edits   (see Docs/fuzzing.md)
# JOBS:   parallel libFuzzer workers (-fork=JOBS; default 1). Each worker uses one core.
#
# The corpus grows in Fuzz/out/TARGET/corpus (git-ignored); it is seeded from Corpus/ and, when
# present, ../shared/corpus/ (linked, never copied into the repository). Crashes, leaks, timeouts and
# OOMs land in Fuzz/out/TARGET/artifacts/. The log is Fuzz/out/TARGET/fuzz.log; the last stats line is
# printed at the end. Environment: FUZZ_NO_BUILD=1 skips the build, FUZZ_SHARED=DIR overrides
# ../shared/corpus.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-}"; seconds="${2:-}"; jobs="${3:-1}"
usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ -n "$target" ] && [ -n "$seconds" ] || usage
shared="${FUZZ_SHARED:-$root/../shared/corpus}"

max_len=65536
case "$target" in
  mof)           product=FuzzMOF;          dict=mof.dict ;;
  catalog-xml)   product=FuzzCatalogXML;   dict=catalog.dict ;;
  catalog-convert) product=FuzzCatalogConvert; dict=catalog.dict ;;
  cab)           product=FuzzCabinet;      dict=cab.dict; max_len=262144 ;;
  reg)           product=FuzzRegFile;      dict=reg.dict ;;
  snapshot-json) product=FuzzSnapshotJSON; dict=snapshot-json.dict ;;
  wmi-mof)       product=FuzzWMIMOF;       dict=mof.dict ;;
  wql)           product=FuzzWQL;          dict=wql.dict ;;
  lsp-messages)  product=FuzzLSPMessages;  dict=lsp.dict ;;
  lsp-edits)     product=FuzzLSPEdits;     dict=lsp.dict; max_len=4096 ;;
  *) echo "unknown target '$target'" >&2; usage ;;
esac

# Seed files for a target, one path a line (small enough to be useful inputs).
seeds() {
  local dirs=()
  case "$target" in
    mof)           dirs=("$root/Corpus/mof" "$root/Corpus/sms" "$shared/mof"); pattern='.*\.[mM][oO][fF]$' ;;
    wmi-mof)       dirs=("$root/Corpus/machines" "$root/Corpus/mof"); pattern='.*\.mof$' ;;
    catalog-xml|catalog-convert) dirs=("$root/Corpus/catalogs" "$shared/catalogs"); pattern='.*(\.xml|\.sdp|/[0-9]+)$' ;;
    cab)           dirs=("$root/Corpus/catalogs" "$shared/catalogs"); pattern='.*\.cab$' ;;
    reg)           dirs=("$root/Corpus/machines"); pattern='.*\.reg$' ;;
    snapshot-json) dirs=("$root/Corpus/machines"); pattern='.*\.json$' ;;
    wql)           dirs=("$root/Corpus/collections"); pattern='.*\.(wql|mof)$' ;;
    lsp-messages)  dirs=("$root/Fuzz/seeds/lsp-messages"); pattern='.*' ;;
    lsp-edits)     dirs=(); pattern='.*' ;;
  esac
  for dir in "${dirs[@]}"; do
    [ -d "$dir" ] || continue
    find "$dir" -type f -regextype posix-extended -regex "$pattern" -size -"$((max_len / 1024 + 1))"k
  done
}

out="$root/Fuzz/out/$target"
mkdir -p "$out/corpus" "$out/artifacts" "$out/seeds"
# Seeds are symbolic links named by content hash, so a re-run does not duplicate them.
seeds | while IFS= read -r file; do
  ln -sf "$file" "$out/seeds/$(sha1sum < "$file" | cut -c1-16)"
done
[ -d "$shared" ] || echo "note: $shared not found; seeding from Corpus/ only" >&2

if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  # --sanitize=fuzzer makes SwiftPM link libFuzzer's main; -Xswiftc -sanitize=fuzzer,address (one
  # flag: a later lone -sanitize=address would drop the coverage instrumentation) instruments every
  # module, the library's included.
  (cd "$root/Fuzz" && swift build -c release --product "$product" --sanitize=fuzzer \
      -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -g)
fi
binary="$root/Fuzz/.build/release/$product"

args=(-max_len="$max_len" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10 -max_total_time="$seconds"
      -dict="$root/Fuzz/dict/$dict" -artifact_prefix="$out/artifacts/" -print_final_stats=1)
# Fork mode: a crash, leak, timeout or OOM is saved to artifacts/ and fuzzing goes on.
args+=(-fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
echo "fuzzing $target ($product) for ${seconds}s, $jobs job(s); log: $out/fuzz.log" >&2
status=0
(cd "$out" && ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
    LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/Fuzz/lsan.supp}" "$binary" "${args[@]}" "$out/corpus" "$out/seeds") \
  > "$out/fuzz.log" 2>&1 || status=$?
grep -E '^#[0-9]+' "$out/fuzz.log" | tail -1 || true
grep -E '^(stat::|SUMMARY|==[0-9]+==ERROR|ERROR: libFuzzer)' "$out/fuzz.log" | head -20 || true
echo "corpus: $(find "$out/corpus" -type f | wc -l) files; artifacts: $(find "$out/artifacts" -type f | wc -l)" >&2
exit "$status"
