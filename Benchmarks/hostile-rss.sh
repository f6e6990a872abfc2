#!/usr/bin/env bash
# Peak RSS, user CPU and exit status of `mofkit` on each hostile input of the hostile-input tests
# (Tests/MofkitCLITests/HostileInputCLITests.swift), for a release build. Prints a Markdown table.
#
# Usage: Benchmarks/hostile-rss.sh
#
# Environment:
#   MOFKIT=path/to/mofkit, MOFKIT_BENCH_SCRATCH, MOFKIT_BENCH_NO_BUILD: which binary (see
#                          Benchmarks/mofkit-binary.sh; default: a release build in .build-release)
#
# Inputs are generated under Benchmarks/out/hostile/ (git-ignored; about 150 MB).
# Peak RSS comes from GNU time, which measures mofkit as its own forked child.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if ! /usr/bin/time -v true >/dev/null 2>&1; then
    echo "error: GNU time is needed (apt-get install time)" >&2
    exit 2
fi
. Benchmarks/mofkit-binary.sh
bin=$MOFKIT

dir="$root/Benchmarks/out/hostile"
rm -rf "$dir"
mkdir -p "$dir/in" "$dir/out"
echo "== generating inputs in $dir" >&2
python3 - "$dir" <<'PY'
import struct, sys
d = sys.argv[1]
def w(name, data):
    with open(f"{d}/{name}", "wb") as f: f.write(data)
sdp_head = (b'<?xml version="1.0"?>\n<sdp:SoftwareDistributionPackage xmlns:sdp="http://schemas.microsoft.com/wsus/'
            b'2005/04/CorporatePublishing/SoftwareDistributionPackage.xsd">\n'
            b'<sdp:Properties PackageID="11111111-1111-1111-1111-111111111111"/>\n')
sdp_tail = b'</sdp:SoftwareDistributionPackage>\n'
w("xxe.xml", b'<?xml version="1.0"?>\n<!DOCTYPE x [ <!ENTITY l SYSTEM "file:///etc/passwd"> '
  b'<!ENTITY r SYSTEM "http://127.0.0.1:9/x"> ]>\n' + sdp_head.split(b"\n", 1)[1]
  + b'<sdp:LocalizedProperties><sdp:Title>&l;&r;</sdp:Title></sdp:LocalizedProperties>' + sdp_tail)
bomb = '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lollollollollollollollollollol">\n'
for level in range(1, 16):
    bomb += f'<!ENTITY lol{level} "' + f"&lol{level-1};" * 10 + '">\n'
w("bomb.xml", (bomb + ']>\n<OfflineSyncPackage><Updates><Update UpdateId="&lol15;"/></Updates></OfflineSyncPackage>\n').encode())
w("deep.xml", b"<BulletinDatastore>" + b"<a>" * 10000 + b"</a>" * 10000 + b"</BulletinDatastore>")
w("flood.sdp", sdp_head + b"<sdp:LocalizedProperties><sdp:Title" + b"".join(b' a%d="v"' % i for i in range(500000))
  + b'>T</sdp:Title></sdp:LocalizedProperties>' + sdp_tail)
w("attrs.sdp", sdp_head + b"<sdp:LocalizedProperties><sdp:Title" + b"".join(b' a%d="v"' % i for i in range(20000))
  + b' a7="again">T</sdp:Title></sdp:LocalizedProperties>' + sdp_tail)
w("nsflood.xml", b'<OfflineSyncPackage><Updates><Update UpdateId="a">' + b'<b z:w="1"/>' * 800000 + b"</Update></Updates></OfflineSyncPackage>\n")
with open(f"{d}/text100mb.sdp", "wb") as f:
    f.write(sdp_head + b"<sdp:LocalizedProperties><sdp:Description>")
    for _ in range(100): f.write(b"x" * (1 << 20))
    f.write(b"</sdp:Description></sdp:LocalizedProperties>" + sdp_tail)
w("utf8.sdp", sdp_head + b"<sdp:LocalizedProperties><sdp:Title>caf\xc3\x28\xff\xfe</sdp:Title></sdp:LocalizedProperties>" + sdp_tail)
utf16 = '<?xml version="1.0" encoding="UTF-16"?><OfflineSyncPackage><Updates>'.encode("utf-16-le")
w("utf16.xml", b"\xff\xfe" + utf16 + b"\x00\xd8\x41\x00<")
def cab(members, checksum=0, declared=None):
    data = b"".join(c for _, c in members)
    blocks = [data[i:i + 32768] for i in range(0, len(data), 32768)] or [b""]
    files, offset = b"", 0
    for name, content in members:
        files += struct.pack("<IIHHHH", declared if declared is not None else len(content), offset, 0, 0x5821, 0, 0x20) + name.encode() + b"\0"
        offset += len(content)
    data_offset = 44 + len(files)
    cfdata = b"".join(struct.pack("<IHH", checksum, len(b), len(b)) + b for b in blocks)
    header = struct.pack("<4sIIIIIBBHHHHH", b"MSCF", 0, data_offset + len(cfdata), 0, 44, 0, 3, 1, 1, len(members), 0, 0x1234, 0)
    return header + struct.pack("<IHH", data_offset, len(blocks), 0) + files + cfdata
catalog = sdp_head + b"<sdp:LocalizedProperties><sdp:Title>T</sdp:Title></sdp:LocalizedProperties>" + sdp_tail
good = cab([("package.xml", catalog)])
w("escape.cab", cab([("../escape.xml", catalog), ("/tmp/mofkit-absolute.sdp", catalog)]))
w("truncated.cab", good[:-50])
w("checksum.cab", cab([("package.xml", catalog)], checksum=0xDEADBEEF))
w("hugesize.cab", cab([("package.xml", catalog)], declared=0xFFFFFFF0))
import os
os.makedirs(f"{d}/in", exist_ok=True); os.makedirs(f"{d}/out", exist_ok=True)
w("in/a.mof", b'#pragma include ("b.mof")\nclass A { };\n')
w("in/b.mof", b'#pragma include ("a.mof")\n#pragma include ("../out/c.mof")\nclass B { };\n')
w("out/c.mof", b"class C { };\n")
w("nul.mof", b"class A {\n  string B\0\0\0;\n};\n")
w("utf8.mof", b'class A { [Description("caf\xc3\x28\xed\xa0\x80")] string B; };\n')
w("utf16.mof", b"\xff\xfe" + 'class A { string B = "'.encode("utf-16-le") + b"\x00\xdc\x22\x00;\x00}\x00;\x00\n")
with open(f"{d}/line20mb.mof", "wb") as f:
    f.write(b'class A { [Description("')
    for _ in range(20): f.write(b"x" * (1 << 20))
w("deep.json", b"[" * 100000)
w("nul.json", b'{"machineName": "a\0b"}')
with open(f"{d}/line20mb.reg", "wb") as f:
    f.write(b'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\r\n"V"="')
    for _ in range(20): f.write(b"y" * (1 << 20))
PY

cd "$dir"
echo "| case | command | exit | peak RSS (MiB) | user CPU (s) |"
echo "|---|---|---:|---:|---:|"
run() {
    local name="$1"; shift
    local status=0
    /usr/bin/time -q -f "%M %U" -o "$dir/time.txt" "$bin" "$@" >/dev/null 2>&1 || status=$?
    read -r rss user < "$dir/time.txt"
    awk -v n="$name" -v c="mofkit $*" -v s="$status" -v r="$rss" -v u="$user" \
        'BEGIN { printf "| %s | `%s` | %d | %.1f | %.2f |\n", n, c, s, r / 1024, u }'
}
run "XXE file:// + http://"   catalog convert xxe.xml
run "entity bomb (10^15)"     catalog convert bomb.xml
run "10,000-deep elements"    catalog convert deep.xml
run "20,000 attributes + dup" catalog convert attrs.sdp
run "500,000 attributes"      catalog convert flood.sdp
run "800,000 diagnostics in one record (2 threads)" catalog convert --threads 2 nsflood.xml
run "100 MB text node"        catalog convert text100mb.sdp -o out.jsonl
run "malformed UTF-8 XML"     catalog convert utf8.sdp
run "malformed UTF-16 XML"    catalog convert utf16.xml
run "cab: ../ and /abs names" catalog convert escape.cab
run "cab: truncated"          catalog convert truncated.cab
run "cab: bad checksums"      catalog convert checksum.cab
run "cab: 4 GiB declared"     catalog convert hugesize.cab
run "MOF include cycle + ../" check --syntax-only in/a.mof
run "MOF NUL bytes"           check nul.mof
run "MOF bad UTF-8 / UTF-16"  check utf8.mof utf16.mof
run "MOF 20 MB line"          check --format json line20mb.mof
run "JSON 100,000 deep"       inventory --print-snapshot --machine deep.json
run "JSON NUL byte"           inventory --print-snapshot --machine nul.json
run ".reg 20 MB line"         inventory --print-snapshot --machine line20mb.reg
if [ -e out.jsonl ] || [ -e /tmp/mofkit-absolute.sdp ] || [ -e "$dir/../escape.xml" ]; then
    echo "error: a hostile case left a file behind" >&2
    exit 1
fi
