#!/usr/bin/env python3
"""Instructions per edit of `mofkit lsp`, and how many of them are the check engine's, counted by
valgrind's callgrind (repeatable on a loaded machine, unlike wall-clock times). See Docs/lsp-benchmark.md.

    Benchmarks/lsp-callgrind.py [--mofkit PATH] [--size-mb N] [--edits N]

Runs the server under callgrind twice, driven like Benchmarks/lsp-latency.py drives it (open the
`Scripts/gen-smsdef.py` file, then one-character edits, each sent when the previous version's
diagnostics are in): once with no edit and once with N. The difference divided by N is the cost of
one edit (didChange to publishDiagnostics, plus the background parse of the tokens); the inclusive
cost of `CheckEngine.check` in the same difference is the check engine's share, the rest the
server's own (text sync, snapshot, diagnostics conversion and JSON, the token parse).
"""
import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "Benchmarks"))
latency = __import__("lsp-latency")

# Inclusive costs reported per edit (a symbol matches when its demangled name contains the text).
PARTS = [
    ("check engine (CheckEngine.check)", "CheckEngine.check("),
    ("token parse for hover/completion (MOFParser.parse)", "MOFParser.parse("),
    ("diagnostics to protocol (RangeMapper.diagnostic)", "RangeMapper.diagnostic("),
    ("publishDiagnostics JSON (DiagnosticsJSON)", "DiagnosticsJSON.notification("),
    ("publishDiagnostics JSON (JSONEncoder)", "OutgoingMessage.encode"),
    ("didChange JSON decoding (IncomingMessage)", "IncomingMessage.params"),
    ("text edit (TextDocument.apply)", "TextDocument.apply("),
]


def run(mofkit, path, edits, out_dir):
    out = out_dir / f"callgrind.{edits}"
    wrapper = out_dir / "server.sh"
    wrapper.write_text(f"#!/bin/sh\nexec valgrind --tool=callgrind --callgrind-out-file={out} {mofkit} \"$@\" 2>/dev/null\n")
    wrapper.chmod(0o755)
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    client = latency.start(str(wrapper))
    uri, _, _ = latency.open_document(client, path, text)
    latency.edit_latencies(client, uri, lines, edits)
    client.close()
    return out


def costs(out):
    """Total instructions and the inclusive cost of each of PARTS."""
    annotated = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(out)],
                               capture_output=True, text=True, check=True).stdout
    annotate = subprocess.run(["swift", "demangle", "--simplified"], input=annotated,
                              capture_output=True, text=True, check=True).stdout
    total = None
    found = {}
    for line in annotate.splitlines():
        match = re.match(r"\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(.*)", line)
        if not match:
            continue
        value = int(match.group(1).replace(",", ""))
        name = match.group(2)
        if "PROGRAM TOTALS" in name:
            total = value
        for label, needle in PARTS:
            if needle in name and label not in found:
                found[label] = value
    return total, found


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mofkit", default=str(ROOT / ".build-release" / "release" / "mofkit"))
    parser.add_argument("--size-mb", type=int, default=1)
    parser.add_argument("--edits", type=int, default=8)
    parser.add_argument("--keep", help="copy the callgrind outputs to this directory (for callgrind_annotate)")
    args = parser.parse_args()
    path = ROOT / "Benchmarks" / "out" / f"lsp-smsdef-{args.size_mb}mb.mof"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        subprocess.run([sys.executable, str(ROOT / "Scripts" / "gen-smsdef.py"), str(args.size_mb), str(path)], check=True)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = pathlib.Path(scratch)
        # valgrind 3.19 gives up on the DWARF of Swift 6.3 release binaries ("possibly corrupted
        # debuginfo"); the symbol table, all the report needs, survives --strip-debug.
        stripped = scratch / "mofkit"
        subprocess.run(["strip", "--strip-debug", "-o", str(stripped), args.mofkit], check=True)
        args.mofkit = str(stripped)
        base_total, base_parts = costs(run(args.mofkit, path, 0, scratch))
        edit_total, edit_parts = costs(run(args.mofkit, path, args.edits, scratch))
        if args.keep:
            pathlib.Path(args.keep).mkdir(parents=True, exist_ok=True)
            for out in scratch.glob("callgrind.*"):
                shutil.copy(out, args.keep)
    per_edit = (edit_total - base_total) / args.edits
    print(f"{path.name}: {args.edits} edits; instructions per edit (callgrind, open and shutdown subtracted)")
    print(f"  total                                   {per_edit / 1e6:8.1f} M")
    for label, _ in PARTS:
        if label in edit_parts:
            value = (edit_parts[label] - base_parts.get(label, 0)) / args.edits
            print(f"  {label:<52} {value / 1e6:8.1f} M")
    check = (edit_parts.get(PARTS[0][0], 0) - base_parts.get(PARTS[0][0], 0)) / args.edits
    print(f"  server's own share (total - check engine) {(per_edit - check) / 1e6:8.1f} M")


if __name__ == "__main__":
    main()
