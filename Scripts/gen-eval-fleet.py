#!/usr/bin/env python3
"""Deterministic generator of synthetic machines for `mofkit scan` benchmarks against the HP catalog.

Usage: gen-eval-fleet.py N OUT_DIR [HP_CATALOG]

Writes N JSON snapshots (Docs/snapshot.md format) into OUT_DIR. When HP_CATALOG is given, the
baseboard product ids, PCI/USB device ids and driver file names used by its rules are harvested so
that most HP machines match some packages (installed or missing); otherwise a small built-in list is
used. About 70% of machines are HP business clients, the rest Dell/Lenovo/HP ProLiant servers.
"""
import json
import os
import random
import re
import sys


def harvest(path):
    boards, devices, files = set(), set(), set()
    if not path:
        return ["1905", "1906", "8079"], ["PCI\\VEN_8086&DEV_3B29"], ["drivers\\iaStorA.sys"]
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    for m in re.finditer(r"Product LIKE '%([0-9A-Za-z]{4})%'", text):
        boards.add(m.group(1))
    for m in re.finditer(r"DeviceID LIKE '%((?:PCI|USB)\\\\[^%']*)%'", text):
        devices.add(m.group(1).replace("\\\\", "\\").replace("&amp;", "&"))
    for m in re.finditer(r'Csidl="37" Path="([^"]+)"', text):
        files.add(m.group(1).lstrip("\\"))
    return sorted(boards), sorted(devices), sorted(files)


OSES = [
    # caption, version, build, sp, arch
    ("Microsoft Windows 7 Professional", "6.1.7601", 7601, 1, "x64"),
    ("Microsoft Windows 7 Professional", "6.1.7601", 7601, 1, "x86"),
    ("Microsoft Windows 8.1 Pro", "6.3.9600", 9600, 0, "x64"),
    ("Microsoft Windows 10 Enterprise", "10.0.19045", 19045, 0, "x64"),
    ("Microsoft Windows XP Professional", "5.1.2600", 2600, 3, "x86"),
]


def machine(i, rng, boards, devices, files):
    name = "PC%05d" % i
    caption, version, build, sp, arch = rng.choice(OSES)
    kind = rng.random()
    if kind < 0.7:
        manufacturer, model = rng.choice(["Hewlett-Packard", "HP"]), "HP EliteBook %dp" % rng.randint(8000, 8999)
    elif kind < 0.8:
        manufacturer, model = "HP", "ProLiant DL380 Gen9"
    else:
        manufacturer, model = rng.choice(["Dell Inc.", "LENOVO"]), "Model %d" % rng.randint(100, 999)
    board = rng.choice(boards)
    pnp = [{"DeviceID": d + "&SUBSYS_%08X&REV_0%d\\%d" % (rng.getrandbits(32), rng.randint(0, 9), n)}
           for n, d in enumerate(rng.sample(devices, min(len(devices), 12)))]
    pnp += [{"DeviceID": "ACPI\\PNP%04X\\%d" % (rng.getrandbits(16), n)} for n in range(40)]
    system32 = "C:\\Windows\\system32"
    driver_files = [{"path": system32 + "\\" + f, "version": "%d.%d.%d.%d" % (rng.randint(1, 15), rng.randint(0, 9), rng.randint(0, 999), rng.randint(0, 9999)),
                     "size": rng.randint(10000, 900000)} for f in rng.sample(files, min(len(files), 25))]
    return {
        "formatVersion": 1,
        "machineName": name,
        "os": {"caption": caption, "version": version, "build": build, "servicePackMajor": sp, "servicePackMinor": 0,
               "productType": "workstation", "suiteMask": 256, "architecture": arch, "language": 1033,
               "windowsDirectory": "C:\\Windows", "systemDirectory": system32},
        "registry": [{"path": "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion",
                      "values": {"ProgramFilesDir": {"type": "REG_SZ", "data": "C:\\Program Files"}}}],
        "files": driver_files,
        "wmi": {"root\\cimv2": {
            "Win32_ComputerSystem": [{"Name": name, "Manufacturer": manufacturer, "Model": model, "NumberOfLogicalProcessors": 4}],
            "Win32_BaseBoard": [{"Product": board, "Manufacturer": manufacturer}],
            "Win32_BIOS": [{"ReleaseDate": "20%02d%02d%02d000000.000000+000" % (rng.randint(10, 17), rng.randint(1, 12), rng.randint(1, 28))}],
            "Win32_PnPEntity": pnp,
        }},
    }


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    count, out = int(sys.argv[1]), sys.argv[2]
    boards, devices, files = harvest(sys.argv[3] if len(sys.argv) > 3 else None)
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20240501)
    for i in range(count):
        with open(os.path.join(out, "PC%05d.json" % i), "w", encoding="utf-8") as f:
            json.dump(machine(i, rng, boards, devices, files), f, sort_keys=True)


if __name__ == "__main__":
    main()
