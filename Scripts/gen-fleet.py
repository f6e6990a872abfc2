#!/usr/bin/env python3
"""Writes N synthetic machine snapshots (Docs/snapshot.md) for fleet benchmarks.

    Scripts/gen-fleet.py N OUT_DIR [--seed S] [--pretty]

Each machine is OUT_DIR/fleet-NNNNN.json; the same N and seed always give the same bytes. Machines
vary: OS (XP SP2/SP3, Server 2003 SP2, Vista SP2, 7 SP1, Server 2008 R2, 10 22H2, 11 23H2, Server
2016/2019/2022), architecture, product type, language, registry (Uninstall entries in both views,
Terminal Server, a Contoso application on some), system files with OS-matching versions, MSI
products, installed KBs, CBS packages (Vista and later), WMI OS/processor/computer-system instances.
`mofkit inventory --machines OUT_DIR --print-snapshot -o DIR` rewrites them in mofkit's own form.
"""
import argparse
import hashlib
import json
import os
import random
import sys

# (caption, version, build, sp, product type, 64-bit possible, 32-bit possible, KB pool prefix)
OPERATING_SYSTEMS = [
    ("Microsoft Windows XP Professional", "5.1.2600", 2600, 2, "workstation", False, True),
    ("Microsoft Windows XP Professional", "5.1.2600", 2600, 3, "workstation", False, True),
    ("Microsoft(R) Windows(R) Server 2003, Standard Edition", "5.2.3790", 3790, 2, "server", True, True),
    ("Microsoft Windows Vista Business", "6.0.6002", 6002, 2, "workstation", True, True),
    ("Microsoft Windows 7 Enterprise", "6.1.7601", 7601, 1, "workstation", True, True),
    ("Microsoft Windows Server 2008 R2 Standard", "6.1.7601", 7601, 1, "server", True, False),
    ("Microsoft Windows 10 Enterprise", "10.0.19045", 19045, 0, "workstation", True, True),
    ("Microsoft Windows 11 Pro", "10.0.22631", 22631, 0, "workstation", True, False),
    ("Microsoft Windows Server 2016 Standard", "10.0.14393", 14393, 0, "server", True, False),
    ("Microsoft Windows Server 2019 Standard", "10.0.17763", 17763, 0, "server", True, False),
    ("Microsoft Windows Server 2022 Datacenter", "10.0.20348", 20348, 0, "server", True, False),
]
LANGUAGES = [1033, 1033, 1033, 1031, 1036, 1041, 2052, 1034, 1040, 1043]
SYSTEM_FILES = ["ntoskrnl.exe", "win32k.sys", "mshtml.dll", "kernel32.dll", "ntdll.dll", "msxml3.dll", "rpcrt4.dll",
                "schannel.dll", "tcpip.sys", "srv.sys"]
MSI_PRODUCTS = [
    ("{90160000-0011-0000-0000-0000000FF1CE}", "Microsoft Office Professional Plus 2016", "Microsoft Corporation", ["16.0.4266.1001", "16.0.5422.1000"]),
    ("{90110409-6000-11D3-8CFE-0150048383C9}", "Microsoft Office Professional Edition 2003", "Microsoft Corporation", ["11.0.8173.0"]),
    ("{EE9B98BA-4AB3-4C5A-9D7A-ABA2E1E9C0B1}", "SQL Server 2019 Database Engine Services", "Microsoft Corporation", ["15.0.2000.5", "15.0.4345.5"]),
    ("{26A24AE4-039D-4CA4-87B4-2F83216011FF}", "J2SE Runtime Environment 5.0 Update 11", "Sun Microsystems, Inc.", ["1.5.0.110"]),
    ("{23170F69-40C1-2702-2201-000001000000}", "7-Zip 22.01 (x64 edition)", "Igor Pavlov", ["22.01.00.0"]),
    ("{AC76BA86-7AD7-1033-7B44-AC0F074E4100}", "Adobe Acrobat Reader DC", "Adobe Systems Incorporated", ["23.006.20360", "21.001.20155"]),
    ("{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}", "Microsoft Visual C++ 2015-2022 Redistributable (x64)", "Microsoft Corporation", ["14.38.33130.0", "14.29.30133.0"]),
    ("{5FCE6D76-F5DC-37AB-B2B8-22AB8CEDB1D4}", "Microsoft Visual C++ 2008 Redistributable - x86", "Microsoft Corporation", ["9.0.30729.6161"]),
]
UNINSTALL = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\"


def file_version(os_version, build, rng):
    major, minor, _ = os_version.split(".")
    if int(major) >= 10:
        return "%s.%s.%d.%d" % (major, minor, build if build != 19045 else 19041, rng.randint(1, 4000))
    return "%s.%s.%d.%d" % (major, minor, build, rng.choice([rng.randint(16000, 18000), rng.randint(20000, 24000)]))


def machine(index, rng):
    caption, version, build, sp, product_type, can64, can32 = rng.choice(OPERATING_SYSTEMS)
    x64 = can64 and (not can32 or rng.random() < 0.8)
    arch = "x64" if x64 else "x86"
    name = "FLEET-%05d" % index
    windir = "C:\\Windows" if build >= 6000 else "C:\\WINDOWS"
    sysdir = windir + "\\system32"
    language = rng.choice(LANGUAGES)
    os_section = {"caption": caption, "version": version, "build": build, "servicePackMajor": sp, "servicePackMinor": 0,
                  "productType": product_type, "suiteMask": rng.choice([256, 272, 16]), "architecture": arch,
                  "language": language, "windowsDirectory": windir, "systemDirectory": sysdir}
    if build >= 10240:
        os_section["revision"] = rng.randint(100, 4000)
    registry = [
        {"path": "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion",
         "values": {"ProductName": {"type": "REG_SZ", "data": caption.replace("Microsoft ", "", 1)},
                    "CurrentBuildNumber": {"type": "REG_SZ", "data": str(build)},
                    "InstallDate": {"type": "REG_DWORD", "data": rng.randint(1100000000, 1700000000)}}},
        {"path": "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server",
         "values": {"TSEnabled": {"type": "REG_DWORD", "data": 1 if product_type == "server" else rng.randint(0, 1)},
                    "TSAppCompat": {"type": "REG_DWORD", "data": 1 if product_type == "server" and rng.random() < 0.3 else 0},
                    "fDenyTSConnections": {"type": "REG_DWORD", "data": rng.randint(0, 1)}}},
        {"path": "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment",
         "values": {"PROCESSOR_ARCHITECTURE": {"type": "REG_SZ", "data": "AMD64" if x64 else "x86"},
                    "Path": {"type": "REG_EXPAND_SZ", "data": "%SystemRoot%\\system32;%SystemRoot%"}}},
    ]
    if rng.random() < 0.4:
        registry.append({"path": "HKLM\\SOFTWARE\\Contoso\\App", "view": "32" if x64 and rng.random() < 0.5 else "native",
                         "values": {"Version": {"type": "REG_SZ", "data": "4.%d.%d" % (rng.randint(0, 3), rng.randint(0, 9))},
                                    "InstallCount": {"type": "REG_DWORD", "data": rng.randint(1, 50)},
                                    "Channels": {"type": "REG_MULTI_SZ", "data": rng.sample(["stable", "beta", "security"], rng.randint(0, 3))},
                                    "Token": {"type": "REG_BINARY", "data": "%016x" % rng.getrandbits(64)}}})
    products = []
    for code, product_name, publisher, versions in rng.sample(MSI_PRODUCTS, rng.randint(0, 4)):
        product_version = rng.choice(versions)
        products.append({"productCode": code, "version": product_version, "language": language, "name": product_name, "publisher": publisher})
        registry.append({"path": UNINSTALL + code, "view": "32" if x64 and "x86" in product_name else "native",
                         "values": {"DisplayName": {"type": "REG_SZ", "data": product_name},
                                    "DisplayVersion": {"type": "REG_SZ", "data": product_version},
                                    "Publisher": {"type": "REG_SZ", "data": publisher},
                                    "WindowsInstaller": {"type": "REG_DWORD", "data": 1}}})
    files = []
    for file_name in rng.sample(SYSTEM_FILES, rng.randint(3, len(SYSTEM_FILES))):
        digest = hashlib.sha256(("%s|%s|%d" % (name, file_name, index)).encode()).hexdigest()
        files.append({"path": sysdir + "\\" + file_name, "version": file_version(version, build, rng),
                      "size": rng.randint(100000, 12000000), "modified": "20%02d-%02d-%02dT10:00:00Z" % (rng.randint(4, 23), rng.randint(1, 12), rng.randint(1, 28)),
                      "hashes": {"sha256": digest}})
    kb_base = {2600: 890000, 3790: 920000, 6002: 950000, 7601: 2500000}.get(build, 5000000)
    kbs = sorted(rng.sample(range(kb_base, kb_base + 400), rng.randint(2, 40)))
    updates = [{"id": "KB%d" % kb, "description": rng.choice(["Security Update", "Update", "Hotfix"]),
                "installedOn": "20%02d-%02d-%02d" % (rng.randint(4, 23), rng.randint(1, 12), rng.randint(1, 28))} for kb in kbs]
    cbs = []
    if build >= 6000:
        cbs = [{"identity": "Package_for_KB%d~31bf3856ad364e35~%s~~%s.1.%d" % (kb, "amd64" if x64 else "x86", version.rsplit(".", 1)[0] + "." + str(build), rng.randint(0, 9)),
                "state": rng.choice(["Installed", "Installed", "Installed", "Superseded", "Staged"])} for kb in kbs[: rng.randint(0, len(kbs))]]
    folders = {"36": windir, "37": sysdir, "38": "C:\\Program Files"}
    if x64:
        folders["42"] = "C:\\Program Files (x86)"
    wmi = {"root\\cimv2": {
        "Win32_OperatingSystem": [{"Caption": caption, "CSName": name, "Version": version, "BuildNumber": str(build),
                                   "ServicePackMajorVersion": sp, "ProductType": {"workstation": 1, "server": 3}[product_type],
                                   "OSLanguage": language}],
        "Win32_Processor": [{"DeviceID": "CPU%d" % n, "Architecture": 9 if x64 else 0, "AddressWidth": 64 if x64 else 32,
                             "MaxClockSpeed": rng.choice([1800, 2400, 2800, 3200])} for n in range(rng.choice([1, 1, 2]))],
        "Win32_ComputerSystem": [{"Name": name, "Domain": "contoso.com", "TotalPhysicalMemory": str(rng.choice([2, 4, 8, 16, 32]) << 30)}],
    }}
    snapshot = {"formatVersion": 1, "machineName": name, "os": os_section, "registry": registry, "files": files,
                "specialFolders": folders, "wmi": wmi, "installedUpdates": updates}
    if products:
        snapshot["msi"] = {"products": products}
    if cbs:
        snapshot["cbsPackages"] = cbs
    return name, snapshot


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out_dir")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pretty", action="store_true", help="indent the JSON (larger files)")
    args = parser.parse_args()
    if args.count < 0:
        sys.exit("gen-fleet.py: N must not be negative")
    os.makedirs(args.out_dir, exist_ok=True)
    for index in range(1, args.count + 1):
        rng = random.Random(args.seed * 1_000_003 + index)  # per machine: machine k is the same for any N
        name, snapshot = machine(index, rng)
        with open(os.path.join(args.out_dir, name.lower() + ".json"), "w", encoding="utf-8", newline="\n") as out:
            if args.pretty:
                json.dump(snapshot, out, indent=2, ensure_ascii=False)
            else:
                json.dump(snapshot, out, separators=(",", ":"), ensure_ascii=False)
            out.write("\n")


if __name__ == "__main__":
    main()
