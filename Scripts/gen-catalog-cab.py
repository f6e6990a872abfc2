#!/usr/bin/env python3
"""Writes a Microsoft cabinet (MS-CAB) with stored (uncompressed) data, one folder.

Usage: gen-catalog-cab.py OUT.cab FILE[=NAME_IN_CAB] ...

Enough for test fixtures: libmspack and Windows' expand read it. No signature, no compression
(build(members, mszip=True), used by the benchmark generator, compresses each 32 KiB block with
MSZIP: "CK" and a raw deflate stream per block).
"""
import struct
import sys
import zlib

def build(members, mszip=False):
    data = b"".join(content for _, content in members)
    blocks = [data[i:i + 32768] for i in range(0, len(data), 32768)] or [b""]
    header_size = 36
    folder_size = 8
    files = b""
    offset = 0
    for name, content in members:
        files += struct.pack("<IIHHHH", len(content), offset, 0, 0x5821, 0, 0x20) + name.encode() + b"\0"
        offset += len(content)
    files_offset = header_size + folder_size
    data_offset = files_offset + len(files)
    if mszip:
        packed = []
        for block in blocks:
            compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed.append((b"CK" + compressor.compress(block) + compressor.flush(), len(block)))
    else:
        packed = [(block, len(block)) for block in blocks]
    cfdata = b"".join(struct.pack("<IHH", 0, len(b), n) + b for b, n in packed)
    total = data_offset + len(cfdata)
    header = struct.pack("<4sIIIIIBBHHHHH", b"MSCF", 0, total, 0, files_offset, 0, 3, 1, 1, len(members), 0, 0x1234, 0)
    folder = struct.pack("<IHH", data_offset, len(blocks), 1 if mszip else 0)
    return header + folder + files + cfdata

def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    members = []
    for argument in sys.argv[2:]:
        path, _, name = argument.partition("=")
        with open(path, "rb") as handle:
            members.append((name or path.rsplit("/", 1)[-1], handle.read()))
    with open(sys.argv[1], "wb") as handle:
        handle.write(build(members))

if __name__ == "__main__":
    main()
