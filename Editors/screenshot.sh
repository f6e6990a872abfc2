#!/usr/bin/env bash
# Renders Docs/images/neovim-diagnostics.png: Neovim (with Editors/nvim) in a tmux pane showing
# mofkit's diagnostics on Corpus/mof/tsappmode-seed.mof; the pane is captured with its colours,
# turned into HTML and photographed by headless Chromium.
#   Editors/screenshot.sh [MOFKIT]      (needs tmux, nvim, chromium)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mofkit="${1:-$root/.build/debug/mofkit}"
work="$(mktemp -d)"
trap 'tmux kill-session -t mofkit-shot 2>/dev/null || true; rm -rf "$work"' EXIT
cp "$root/Corpus/mof/tsappmode-seed.mof" "$work/tsappmode-seed.mof"
cat > "$work/init.lua" <<LUA
vim.opt.runtimepath:append("$root/Editors/nvim")
vim.cmd("runtime ftdetect/mof.vim")
vim.opt.termguicolors = true
vim.opt.number = true
vim.opt.signcolumn = "yes"
vim.cmd("syntax on")
local mofkit = require("mofkit")
mofkit.cmd = { "$mofkit", "lsp" }
mofkit.setup({})
vim.diagnostic.config({ virtual_text = { prefix = "●" }, severity_sort = true, float = { border = "rounded", source = "always" } })
vim.cmd("highlight Normal guibg=#1e1e1e guifg=#d4d4d4")
vim.cmd("highlight NormalFloat guibg=#2d2d3a guifg=#e0e0e0")
vim.cmd("highlight FloatBorder guibg=#2d2d3a guifg=#8888aa")
vim.cmd("highlight SignColumn guibg=#1e1e1e")
vim.cmd("highlight LineNr guifg=#777777")
vim.cmd("highlight DiagnosticVirtualTextError guifg=#f14c4c")
vim.cmd("highlight DiagnosticSignError guifg=#f14c4c guibg=#1e1e1e")
LUA
tmux kill-session -t mofkit-shot 2>/dev/null || true
tmux new-session -d -s mofkit-shot -x 150 -y 32 "nvim -u $work/init.lua -i NONE $work/tsappmode-seed.mof"
sleep 6
# Put the cursor on the first broken string and show its diagnostic float.
tmux send-keys -t mofkit-shot "14G" ""
sleep 0.5
tmux send-keys -t mofkit-shot ":lua vim.diagnostic.open_float()" Enter
sleep 1.5
tmux capture-pane -t mofkit-shot -e -p > "$work/pane.ansi"
python3 "$root/Editors/ansi2html.py" < "$work/pane.ansi" > "$work/pane.html"
mkdir -p "$root/Docs/images"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1240,560 \
    --screenshot="$root/Docs/images/neovim-diagnostics.png" "file://$work/pane.html" 2>/dev/null
echo "wrote Docs/images/neovim-diagnostics.png"
