#!/usr/bin/env python3
"""`mofkit lsp` latency and memory, measured from a client's side (a minimal LSP client over pipes,
standard library only). See Docs/lsp-benchmark.md.

    Benchmarks/lsp-latency.py [--mofkit PATH] [--edits N] [--queries N] [--huge] [--json OUT]

Scenarios:
  smsdef-1mb  Scripts/gen-smsdef.py 1 (≈1 MB): one-character edits (insert a space at the start of an
              indented line, then delete it), time from didChange to the publishDiagnostics of that
              version; hover and definition on class names.
  cim-2.49    ../shared/corpus/mof/cim/cim_schema_2.49.0/cim_schema_2.49.0.mof with its ~1600
              includes: one-character edits in the root file (skipped when ../shared is absent).
  huge-64mb   (--huge) Scripts/gen-smsdef.py 64: open, first diagnostics, one edit.
Server memory: VmRSS / VmHWM of the server process after each scenario, against the size of the
documents it holds (and, for CIM, of the files the check reads).
Release build expected: swift build -c release --scratch-path .build-release (the default PATH).
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]


class Client:
    """A minimal LSP client: framed JSON over the server's stdin/stdout, a reader thread."""

    def __init__(self, command):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.lock = threading.Condition()
        self.responses = {}
        self.diagnostics = []  # (time, uri, version, count)
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = stream.read(length)
            now = time.perf_counter()
            message = json.loads(body)
            with self.lock:
                if message.get("method") == "textDocument/publishDiagnostics":
                    params = message["params"]
                    self.diagnostics.append((now, params["uri"], params.get("version"), len(params["diagnostics"])))
                elif "id" in message:
                    self.responses[message["id"]] = (now, message)
                self.lock.notify_all()

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, method, params, timeout=600):
        self.next_id += 1
        ident = self.next_id
        start = time.perf_counter()
        self.send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        with self.lock:
            self.lock.wait_for(lambda: ident in self.responses, timeout)
            end, message = self.responses.pop(ident)
        return end - start, message

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_diagnostics(self, uri, version, since, timeout=600):
        with self.lock:
            ok = self.lock.wait_for(lambda: any(u == uri and v == version and t >= since for t, u, v, _ in self.diagnostics), timeout)
            if not ok:
                raise TimeoutError(f"no diagnostics for {uri} v{version}")
            return next((t, n) for t, u, v, n in self.diagnostics if u == uri and v == version and t >= since)

    def memory_kb(self):
        values = {}
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    values[line.split(":")[0]] = int(line.split()[1])
        return values

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=60)
        return self.process.returncode


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def summary(values):
    ms = [v * 1000 for v in values]
    return {"n": len(ms), "p50_ms": round(percentile(ms, 50), 2), "p95_ms": round(percentile(ms, 95), 2),
            "max_ms": round(max(ms), 2) if ms else None}


def start(mofkit):
    client = Client([mofkit, "lsp"])
    client.request("initialize", {"capabilities": {}, "processId": os.getpid()})
    client.notify("initialized", {})
    return client


def open_document(client, path, text):
    uri = path.as_uri()
    began = time.perf_counter()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "mof", "version": 1, "text": text}})
    first, count = client.wait_diagnostics(uri, 1, began)
    return uri, first - began, count


def edit_latencies(client, uri, lines, edits, version=1):
    """Alternately inserts a space at the start of an indented line and deletes it."""
    candidates = [i for i, line in enumerate(lines) if line.startswith("    ")] or [0]
    step = max(1, len(candidates) // max(1, edits // 2))
    latencies = []
    for n in range(edits):
        line = candidates[(n // 2 * step) % len(candidates)]
        version += 1
        if n % 2 == 0:
            change = {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": " "}
        else:
            change = {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}, "text": ""}
        began = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        published, _ = client.wait_diagnostics(uri, version, began)
        latencies.append(published - began)
    return latencies, version


def query_latencies(client, uri, lines, method, queries, word):
    positions = [(i, line.index(word) + 1) for i, line in enumerate(lines) if word in line]
    step = max(1, len(positions) // max(1, queries))
    times = []
    for line, character in positions[::step][:queries]:
        elapsed, response = client.request(method, {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
        if "error" in response:
            raise RuntimeError(response["error"])
        times.append(elapsed)
    return times


def smsdef(mofkit, size_mb, edits, queries, name):
    path = ROOT / "Benchmarks" / "out" / f"lsp-smsdef-{size_mb}mb.mof"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        subprocess.run([sys.executable, str(ROOT / "Scripts" / "gen-smsdef.py"), str(size_mb), str(path)], check=True)
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    client = start(mofkit)
    uri, first, count = open_document(client, path, text)
    latencies, _ = edit_latencies(client, uri, lines, edits)
    result = {"scenario": name, "bytes": len(text.encode()), "open_to_diagnostics_ms": round(first * 1000, 1),
              "diagnostics": count, "didChange_to_publishDiagnostics": summary(latencies)}
    if queries:
        result["hover"] = summary(query_latencies(client, uri, lines, "textDocument/hover", queries, "class "))
        result["definition"] = summary(query_latencies(client, uri, lines, "textDocument/definition", queries, "SMS_Class_Template"))
    memory = client.memory_kb()
    result["server_rss_kb"] = memory.get("VmRSS")
    result["server_peak_rss_kb"] = memory.get("VmHWM")
    result["rss_over_documents"] = round(memory.get("VmHWM", 0) * 1024 / max(1, result["bytes"]), 1)
    result["exit_status"] = client.close()
    return result


def cim(mofkit, edits, queries):
    root = ROOT.parent / "shared" / "corpus" / "mof" / "cim" / "cim_schema_2.49.0" / "cim_schema_2.49.0.mof"
    if not root.exists():
        return {"scenario": "cim-2.49", "skipped": f"{root} not found"}
    text = root.read_text(encoding="utf-8", errors="replace")
    lines = text.split("\n")
    client = start(mofkit)
    uri, first, count = open_document(client, root, text)
    # Edits in the root file's comment header (its body is only #pragma include lines).
    latencies = []
    version = 1
    for n in range(edits):
        version += 1
        change = ({"range": {"start": {"line": 1, "character": 2}, "end": {"line": 1, "character": 2}}, "text": " "} if n % 2 == 0 else
                  {"range": {"start": {"line": 1, "character": 2}, "end": {"line": 1, "character": 3}}, "text": ""})
        began = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        published, _ = client.wait_diagnostics(uri, version, began)
        latencies.append(published - began)
    included = sum(p.stat().st_size for p in root.parent.rglob("*.mof"))
    result = {"scenario": "cim-2.49", "root_bytes": len(text.encode()), "bytes_read_by_check": included,
              "open_to_diagnostics_ms": round(first * 1000, 1), "diagnostics": count,
              "didChange_to_publishDiagnostics": summary(latencies)}
    if queries:
        result["definition_include"] = summary(query_latencies(client, uri, lines, "textDocument/definition", queries, "#pragma include"))
    memory = client.memory_kb()
    result["server_rss_kb"] = memory.get("VmRSS")
    result["server_peak_rss_kb"] = memory.get("VmHWM")
    result["rss_over_files_read"] = round(memory.get("VmHWM", 0) * 1024 / included, 1)
    result["exit_status"] = client.close()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mofkit", default=os.environ.get("MOFKIT", str(ROOT / ".build-release" / "release" / "mofkit")))
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--huge", action="store_true", help="also the 64 MB scenario")
    parser.add_argument("--json", help="write the results here")
    args = parser.parse_args()
    results = [smsdef(args.mofkit, 1, args.edits, args.queries, "smsdef-1mb"), cim(args.mofkit, max(10, args.edits // 5), 20)]
    if args.huge:
        results.append(smsdef(args.mofkit, 64, 4, 0, "huge-64mb"))
    for result in results:
        print(json.dumps(result))
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
