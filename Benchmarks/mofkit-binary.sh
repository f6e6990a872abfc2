# Sourced by the benchmark scripts (POSIX sh): sets MOFKIT to the release mofkit binary they measure.
#
#   MOFKIT=path/to/mofkit     use this binary, build nothing (MOFKIT_BIN is the older name, still read)
#   MOFKIT_BENCH_SCRATCH=DIR  scratch path of the release build (default .build-release, the README's)
#   MOFKIT_BENCH_NO_BUILD=1   use the binary already in the scratch path, build nothing
#
# Every script builds into the same scratch path, so one release build serves them all.
if [ -z "${MOFKIT:-}" ] && [ -n "${MOFKIT_BIN:-}" ]; then MOFKIT=$MOFKIT_BIN; fi
if [ -z "${MOFKIT:-}" ]; then
    mofkit_scratch=${MOFKIT_BENCH_SCRATCH:-.build-release}
    if [ "${MOFKIT_BENCH_NO_BUILD:-0}" != 1 ]; then
        echo "== swift build -c release --scratch-path $mofkit_scratch --product mofkit" >&2
        swift build -c release --scratch-path "$mofkit_scratch" --product mofkit >&2 || exit 2
    fi
    MOFKIT="$(swift build -c release --scratch-path "$mofkit_scratch" --show-bin-path)/mofkit"
fi
# Absolute, so it still works after a script changes directory.
case $MOFKIT in /*) ;; *) MOFKIT="$(pwd)/$MOFKIT" ;; esac
if [ ! -x "$MOFKIT" ]; then
    echo "error: no mofkit binary at $MOFKIT" >&2
    exit 2
fi
