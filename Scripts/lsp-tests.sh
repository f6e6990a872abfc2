#!/usr/bin/env bash
# The `mofkit lsp` suites driven by clients this project did not write (see Docs/editors.md):
#
#   Scripts/lsp-tests.sh [pytest|nvim|vscode|all]        (default: all)
#
# pytest: pytest-lsp (PyPI; pygls's language client) runs Tests/lsp/test_mofkit_lsp.py. It is
#         installed into .build-lsp/venv on first use (git-ignored).
# nvim:   Neovim's built-in LSP client, headless, runs Tests/lsp/nvim_test.lua (Debian: apt-get install neovim).
# vscode: Editors/vscode/extension.js driven through a stand-in `vscode` module by Node
#         (Tests/lsp/vscode_extension_test.js); skipped without node.
#
# Builds .build/debug/mofkit first unless MOFKIT=/path/to/mofkit is set.
# Exit status: 0 every suite that ran passed; 1 a suite failed; 77 nothing failed but a suite could
# not run (no neovim, PyPI unreachable): the reason is printed.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
which_suites="${1:-all}"
case "$which_suites" in pytest|nvim|vscode|all) ;; *) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;; esac

if [ -z "${MOFKIT:-}" ]; then
    swift build --product mofkit >/dev/null || { echo "lsp-tests: swift build failed" >&2; exit 1; }
    MOFKIT="$root/.build/debug/mofkit"
fi
export MOFKIT MOFKIT_ROOT="$root"

failed=0
skipped=0

run_pytest() {
    local venv="$root/.build-lsp/venv"
    if [ ! -x "$venv/bin/pytest" ] || ! "$venv/bin/python" -c 'import pytest_lsp' 2>/dev/null; then
        mkdir -p "$root/.build-lsp"
        if ! { python3 -m venv "$venv" && "$venv/bin/pip" install -q 'pytest-lsp>=1.0,<2'; }; then
            echo "lsp-tests: SKIP pytest-lsp suite: could not install pytest-lsp into $venv (PyPI unreachable?)"
            skipped=1
            return
        fi
    fi
    echo "lsp-tests: pytest-lsp suite (Tests/lsp/test_mofkit_lsp.py)"
    if ! (cd "$root/Tests/lsp" && "$venv/bin/python" -m pytest -q -p no:cacheprovider test_mofkit_lsp.py); then
        echo "lsp-tests: FAIL pytest-lsp suite"
        failed=1
    fi
}

run_nvim() {
    if ! command -v nvim >/dev/null 2>&1; then
        echo "lsp-tests: SKIP Neovim suite: nvim is not installed (apt-get install neovim)"
        skipped=1
        return
    fi
    echo "lsp-tests: Neovim suite ($(nvim --version | head -1), Tests/lsp/nvim_test.lua)"
    if ! timeout 300 nvim --headless -u NONE -i NONE -c "luafile $root/Tests/lsp/nvim_test.lua" </dev/null; then
        echo "lsp-tests: FAIL Neovim suite"
        failed=1
    fi
}

run_vscode() {
    if ! command -v node >/dev/null 2>&1; then
        echo "lsp-tests: SKIP VS Code extension suite: node is not installed"
        skipped=1
        return
    fi
    echo "lsp-tests: VS Code extension suite (Tests/lsp/vscode_extension_test.js, node $(node --version))"
    if ! timeout 120 node "$root/Tests/lsp/vscode_extension_test.js"; then
        echo "lsp-tests: FAIL VS Code extension suite"
        failed=1
    fi
}

case "$which_suites" in
    pytest) run_pytest ;;
    nvim) run_nvim ;;
    vscode) run_vscode ;;
    all) run_pytest; run_nvim; run_vscode ;;
esac
[ "$failed" = 1 ] && exit 1
[ "$skipped" = 1 ] && exit 77
exit 0
