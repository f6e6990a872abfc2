#!/usr/bin/env bash
# Installs the Debian packages mofkit builds against when any is missing, then gets out of the way:
#   libxml2-dev libmspack-dev libsqlite3-dev pkg-config   (the C libraries, found with pkg-config)
# Extra package names may follow (`.ci/run` adds `time`). `--best-effort PKG…` installs optional
# packages and never fails. Runs apt-get as root, or through sudo; prints what it does.
# The README's first command (`Scripts/setup.sh && swift run …`) and `.ci/run` both use it.
set -euo pipefail

best_effort=0
if [ "${1:-}" = "--best-effort" ]; then
    best_effort=1
    shift
    packages=("$@")
else
    packages=(libxml2-dev libmspack-dev libsqlite3-dev pkg-config "$@")
fi

fail() {
    echo "setup: $*" >&2
    [ "$best_effort" = 1 ] && exit 0
    exit 1
}

if ! command -v dpkg >/dev/null 2>&1; then
    # Not Debian: nothing to install here; say what the build needs if pkg-config cannot find it.
    if [ "$best_effort" = 0 ] && ! pkg-config --exists libxml-2.0 libmspack sqlite3 2>/dev/null; then
        fail "not a Debian system; install libxml2, libmspack, SQLite 3 (with headers) and pkg-config"
    fi
    exit 0
fi

missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    run=(env DEBIAN_FRONTEND=noninteractive)
elif command -v sudo >/dev/null 2>&1; then
    run=(sudo env DEBIAN_FRONTEND=noninteractive)
else
    fail "missing ${missing[*]}; run as root: apt-get install -y ${missing[*]}"
fi
echo "setup: installing ${missing[*]}" >&2
"${run[@]}" apt-get update -qq || fail "apt-get update failed"
"${run[@]}" apt-get install -y -qq "${missing[@]}" >&2 || fail "could not install ${missing[*]}"
