#!/usr/bin/env python3
"""Writes small wsusscn2.cab-layout cabinets for the tests (project-written data, no Microsoft file).

Usage: gen-wsusscn2-cab.py OUT_DIR
       gen-wsusscn2-cab.py --bench REVISIONS OUT.cab


Writes OUT_DIR/wsusscn2-wua.cab (Windows Update semantics: detectoids, a category, AtLeastOne groups,
a servicing-stack prerequisite, bundles of both shapes, package-level IsSuperseded, supersedence,
zero-row WmiQuery, ids spelled in upper case) and OUT_DIR/wsusscn2-small.cab: index.xml, package.cab (package.xml), package2.cab and
package3.cab with core (c/), extended (x/) and localized (l/en/, l/de/) fragments whose rules match
the machines in Corpus/machines (expected statuses: Tests/ApplicabilityTests/Golden/wsusscn2-small.cab.tsv,
checked by hand in Tests/ApplicabilityTests/WsusCabinetEvalTests.swift), and
OUT_DIR/broken/wsusscn2-bad-fragment.cab: the same with one malformed core fragment, one orphan
fragment, one fragment in the wrong cabinet and one member outside the layout.
Cabinets are stored (uncompressed), built by gen-catalog-cab.py.

--bench writes one deterministic, MSZIP-compressed cabinet of REVISIONS updates for
Benchmarks/wsusscn2-convert.sh: 2,000 revisions per packageN.cab (a real wsusscn2.cab has ~136,000
updates in ~75 cabinets), each with a core fragment (prerequisite, supersedence, rules), an extended
fragment (KB, file) and an English localized fragment.
"""
import importlib.util
import os
import sys

_spec = importlib.util.spec_from_file_location("gencab", os.path.join(os.path.dirname(__file__), "gen-catalog-cab.py"))
gencab = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gencab)

GUID = "5b0c6f4e-3333-4c3c-8d8d-{:012x}"
SECURITY_UPDATES = "0fa1201d-4330-4fa8-8ae9-b877473b6441"  # the UpdateClassification id of "Security Updates"

# revision id: (update id, revision number, title en, title de, description, kb, cab, core rules, relationships, update type)
DETECTOID = GUID.format(0x101)
UPDATES = [
    dict(revision=101, id=DETECTOID, number=3, type="Detectoid",
         en="Windows 10 Version 22H2 detectoid", de="Windows 10 Version 22H2 (Erkennung)",
         rules='<IsInstalled><b.WindowsVersion Comparison="EqualTo" MajorVersion="10" MinorVersion="0" BuildNumber="19045"/></IsInstalled>'
               '<IsInstallable><False/></IsInstallable>'),
    dict(revision=102, id=GUID.format(0x102), number=201, kb="5033372", severity="Critical",
         en="2023-12 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5033372)",
         de="2023-12 Kumulatives Update für Windows 10 Version 22H2 für x64-basierte Systeme (KB5033372)",
         description="Install this update to resolve issues in Windows.",
         prerequisites=[DETECTOID], supersedes=[GUID.format(0x103)], classification=True,
         file=("windows10.0-kb5033372-x64.cab", "q1Zl7Y0x2B3c4D5e6F7g8H9i0Jk=", "667286405"),
         rules='<IsInstalled><Or><b.FileVersion Csidl="37" Path="\\ntoskrnl.exe" Comparison="GreaterThanOrEqualTo" Version="10.0.19041.3803"/>'
               '<CbsPackageInstalledByIdentity PackageIdentity="Package_for_RollupFix~31bf3856ad364e35~amd64~~19041.3803.1.7"/></Or></IsInstalled>'
               '<IsInstallable><b.WindowsVersion Comparison="GreaterThanOrEqualTo" MajorVersion="10" MinorVersion="0" BuildNumber="19041"/></IsInstallable>'),
    dict(revision=103, id=GUID.format(0x103), number=200, kb="5032189", severity="Important",
         en="2023-11 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5032189)",
         de="2023-11 Kumulatives Update für Windows 10 Version 22H2 für x64-basierte Systeme (KB5032189)",
         prerequisites=[DETECTOID], superseded_by=[102], classification=True,
         rules='<IsInstalled><b.RegDword Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" Value="UBR" Comparison="EqualTo" Data="3693"/></IsInstalled>'
               '<IsInstallable><b.WindowsVersion Comparison="GreaterThanOrEqualTo" MajorVersion="10" MinorVersion="0" BuildNumber="19041"/></IsInstallable>'),
    dict(revision=301, id=GUID.format(0x301), number=100,
         en="Update for 7-Zip 23.01 (x64 edition)", de="Update für 7-Zip 23.01 (x64-Edition)",
         file=("7z2301-x64.msi", "Zm9vYmFyYmF6cXV4MDEyMzQ1Njc4OTA=", "1592832"),
         rules='<IsInstalled><m.MsiProductInstalled ProductCode="{23170F69-40C1-2702-2201-000001000000}" VersionMin="23.1"/></IsInstalled>'
               '<IsInstallable><m.MsiProductInstalled ProductCode="{23170F69-40C1-2702-2201-000001000000}"/></IsInstallable>'),
    dict(revision=302, id=GUID.format(0x302), number=104, kb="900302", severity="Moderate",
         en="Security Update for Contoso App 4.2 (KB900302)", de="Sicherheitsupdate für Contoso App 4.2 (KB900302)",
         classification=True,
         rules='<IsInstalled><b.RegSz Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\\Contoso\\App" Value="Version" Comparison="EqualTo" Data="4.3.0"/></IsInstalled>'
               '<IsInstallable><And><b.RegKeyExists Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\\Contoso\\App"/>'
               '<Not><b.RegSz Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\\Contoso\\App" Value="Version" Comparison="EqualTo" Data=""/></Not></And></IsInstallable>'
               '<IsSuperseded><False/></IsSuperseded>'),
]


# wsusscn2-wua.cab: how Windows Update judges prerequisites, detectoids, categories, bundles and
# supersedence (expected statuses, with the rule and source that decides each:
# Tests/ApplicabilityTests/Golden/wsusscn2-wua.md; asserted by WsusAgentSemanticsTests).
WUA = "5b0c6f4e-4444-4c3c-8d8d-{:012x}"
CATEGORY = WUA.format(0x201)
ANY_CATEGORY = ("any", [CATEGORY], True)
D_ARM64, D_W11, D_W10, D_SRV, D_UNKNOWN = (WUA.format(n) for n in (0x202, 0x203, 0x204, 0x205, 0x602))
SSU_W11 = WUA.format(0x302)


def cbs(identity):
    return f'<CbsPackageInstalledByIdentity PackageIdentity="{identity}"/>'


WUA_UPDATES = [
    dict(revision=201, id=CATEGORY, number=1, type="Category", en="Windows 10, version 1903 and later", de="Windows 10, Version 1903 und höher",
         rules="<IsInstalled><True/></IsInstalled>"),
    dict(revision=202, id=D_ARM64, number=2, type="Detectoid", en="Windows 11 arm64", de="Windows 11 arm64",
         rules='<IsInstalled><And><b.WindowsVersion Comparison="GreaterThanOrEqualTo" MajorVersion="10" MinorVersion="0" BuildNumber="22000"/>'
               '<b.Processor Architecture="12"/></And></IsInstalled>'),
    dict(revision=203, id=D_W11, number=2, type="Detectoid", en="Windows 11 x64", de="Windows 11 x64",
         rules='<IsInstalled><And><b.WindowsVersion Comparison="GreaterThanOrEqualTo" MajorVersion="10" MinorVersion="0" BuildNumber="22000"/>'
               '<b.Processor Architecture="9"/></And></IsInstalled>'),
    dict(revision=204, id=D_W10, number=2, type="Detectoid", en="Windows 10 Version 22H2 x64", de="Windows 10 Version 22H2 x64",
         rules='<IsInstalled><And><b.WindowsVersion Comparison="EqualTo" MajorVersion="10" MinorVersion="0" BuildNumber="19045"/>'
               '<b.Processor Architecture="9"/></And></IsInstalled>'),
    dict(revision=205, id=D_SRV, number=2, type="Detectoid", en="Windows Server 2019", de="Windows Server 2019",
         rules='<IsInstalled><b.WindowsVersion Comparison="EqualTo" MajorVersion="10" MinorVersion="0" BuildNumber="17763" ProductType="3"/></IsInstalled>'),
    dict(revision=301, id=WUA.format(0x301), number=200, kb="5033375", classification=True,
         en="2023-12 Cumulative Update for Windows 11 Version 23H2 for arm64-based Systems (KB5033375)", de="2023-12 Kumulatives Update für Windows 11 Version 23H2 für arm64-basierte Systeme (KB5033375)",
         prerequisites=[D_ARM64, ANY_CATEGORY],
         rules='<IsInstalled><ProductReleaseInstalled Name="Windows.Client" Version="22631.2861"/></IsInstalled><IsInstallable><True/></IsInstallable>'),
    dict(revision=302, id=SSU_W11, number=200, kb="5034200", classification=True,
         en="2024-01 Servicing Stack Update for Windows 11 Version 23H2 for x64-based Systems (KB5034200)", de="2024-01 Servicing Stack Update für Windows 11 Version 23H2 für x64-basierte Systeme (KB5034200)",
         prerequisites=[D_W11, ANY_CATEGORY],
         rules='<IsInstalled>' + cbs("Package_for_ServicingStack_3000~31bf3856ad364e35~amd64~~22621.3000.1.1") + '</IsInstalled><IsInstallable><True/></IsInstallable>'),
    dict(revision=303, id=WUA.format(0x303), number=200, kb="5034123", classification=True,
         en="2024-01 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5034123)", de="2024-01 Kumulatives Update für Windows 11 Version 23H2 für x64-basierte Systeme (KB5034123)",
         prerequisites=[D_W11, SSU_W11, ANY_CATEGORY], supersedes=[WUA.format(0x304)],
         rules='<IsInstalled>' + cbs("Package_for_RollupFix~31bf3856ad364e35~amd64~~22621.3007.1.9") + '</IsInstalled><IsInstallable><True/></IsInstallable>'),
    dict(revision=304, id=WUA.format(0x304), number=200, kb="5033375", classification=True, superseded_by=[303],
         en="2023-12 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5033375)", de="2023-12 Kumulatives Update für Windows 11 Version 23H2 für x64-basierte Systeme (KB5033375)",
         prerequisites=[D_W11, ANY_CATEGORY], supersedes=[WUA.format(0x305).upper()],
         rules='<IsInstalled>' + cbs("Package_for_RollupFix~31bf3856ad364e35~amd64~~22621.2861.1.6") + '</IsInstalled><IsInstallable><True/></IsInstallable>'),
    dict(revision=305, id=WUA.format(0x305), number=200, kb="5032190", classification=True, superseded_by=[304],
         en="2023-11 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5032190)", de="2023-11 Kumulatives Update für Windows 11 Version 23H2 für x64-basierte Systeme (KB5032190)",
         prerequisites=[D_W11.upper(), ANY_CATEGORY],
         rules='<IsInstalled>' + cbs("Package_for_RollupFix~31bf3856ad364e35~amd64~~22621.2715.1.7") + '</IsInstalled><IsInstallable><True/></IsInstallable>'),
    dict(revision=306, id=WUA.format(0x306), number=200, kb="5032339", classification=True,
         en="2023-11 Update for Windows 10 Version 22H2 for x64-based Systems (KB5032339)", de="2023-11 Update für Windows 10 Version 22H2 für x64-basierte Systeme (KB5032339)",
         prerequisites=[D_W10, ANY_CATEGORY],
         rules='<IsInstalled><b.RegDword Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\\Microsoft\\Updates\\KB5032339" Value="Installed" Comparison="EqualTo" Data="1"/></IsInstalled>'
               '<IsInstallable><True/></IsInstallable>'
               '<IsSuperseded>' + cbs("Package_for_KB5032907~31bf3856ad364e35~amd64~~19041.3684.1.1") + '</IsSuperseded>'),
    dict(revision=307, id=WUA.format(0x307), number=200, kb="5033372", classification=True,
         en="2023-12 Security Update for Windows 10 Version 22H2 kernel (KB5033372)", de="2023-12 Sicherheitsupdate für den Kernel von Windows 10 Version 22H2 (KB5033372)",
         prerequisites=[D_W10, ANY_CATEGORY],
         rules='<IsInstalled><b.FileVersion Csidl="37" Path="\\ntoskrnl.exe" Comparison="GreaterThanOrEqualTo" Version="10.0.19041.3803"/></IsInstalled>'
               '<IsInstallable><b.FileVersion Csidl="37" Path="\\ntoskrnl.exe" Comparison="LessThan" Version="10.0.19041.3803"/></IsInstallable>'),
    dict(revision=401, id=WUA.format(0x401), number=200, kb="5033372", classification=True,
         en="2023-12 Cumulative Update for Windows 10 Version 22H2 (KB5033372)", de="2023-12 Kumulatives Update für Windows 10 Version 22H2 (KB5033372)",
         prerequisites=[D_W10, ANY_CATEGORY], bundles=[WUA.format(0x402)]),
    dict(revision=402, id=WUA.format(0x402), number=1, en="Package_for_RollupFix 19041.3803", de="Package_for_RollupFix 19041.3803",
         prerequisites=[D_W10],
         rules='<IsInstalled>' + cbs("Package_for_RollupFix~31bf3856ad364e35~amd64~~19041.3803.1.7") + '</IsInstalled><IsInstallable><True/></IsInstallable>'),
    dict(revision=403, id=WUA.format(0x403), number=200, kb="5031539", classification=True,
         en="2023-10 Servicing Stack Update for Windows 10 Version 22H2 (KB5031539)", de="2023-10 Servicing Stack Update für Windows 10 Version 22H2 (KB5031539)",
         prerequisites=[D_W10, ANY_CATEGORY], bundles_any=[WUA.format(0x404)]),
    dict(revision=404, id=WUA.format(0x404), number=1, en="Package_for_ServicingStack 3570", de="Package_for_ServicingStack 3570",
         prerequisites=[D_W10],
         rules='<IsInstalled>' + cbs("Package_for_ServicingStack_3570~31bf3856ad364e35~amd64~~19041.3570.1.0") + '</IsInstalled><IsInstallable><True/></IsInstallable>'),
    dict(revision=501, id=WUA.format(0x501), number=200, kb="5034500", classification=True,
         en="Update for Windows Deployment Services on Windows Server 2019 (KB5034500)", de="Update für Windows-Bereitstellungsdienste unter Windows Server 2019 (KB5034500)",
         prerequisites=[D_SRV],
         rules='<IsInstalled><b.RegKeyExists Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\\Microsoft\\WDS\\KB5034500"/></IsInstalled>'
               '<IsInstallable><b.WmiQuery Namespace="root\\cimv2" WqlQuery="SELECT Name FROM Win32_Service WHERE Name = \'WDSServer\'"/></IsInstallable>'),
    dict(revision=502, id=WUA.format(0x502), number=200, kb="5034501", classification=True,
         en="Update for the DHCP Server role on Windows Server 2019 (KB5034501)", de="Update für die DHCP-Serverrolle unter Windows Server 2019 (KB5034501)",
         prerequisites=[D_SRV],
         rules='<IsInstalled><False/></IsInstalled>'
               '<IsInstallable><b.WmiQuery Namespace="root\\cimv2" WqlQuery="SELECT ID FROM Win32_ServerFeature WHERE ID = 10"/></IsInstallable>'),
    dict(revision=503, id=WUA.format(0x503), number=200, kb="5033371", classification=True,
         en="2023-12 Cumulative Update for Windows Server 2019 for x64-based Systems (KB5033371)", de="2023-12 Kumulatives Update für Windows Server 2019 für x64-basierte Systeme (KB5033371)",
         prerequisites=[D_SRV],
         rules='<IsInstalled>' + cbs("Package_for_RollupFix~31bf3856ad364e35~amd64~~17763.5206.1.10") + '</IsInstalled><IsInstallable><True/></IsInstallable>'),
    dict(revision=601, id=WUA.format(0x601), number=200, kb="5034600",
         en="Update for touch-screen devices (KB5034600)", de="Update für Touchscreen-Geräte (KB5034600)",
         prerequisites=[D_UNKNOWN],
         rules='<IsInstalled><False/></IsInstalled><IsInstallable><True/></IsInstallable>'),
    dict(revision=602, id=D_UNKNOWN, number=2, type="Detectoid", en="Touch-screen device", de="Touchscreen-Gerät",
         rules='<IsInstalled><b.SystemMetric Comparison="GreaterThan" Index="94" Value="0"/></IsInstalled>'),
]


def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def package_xml(updates):
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<OfflineSyncPackage xmlns="http://schemas.microsoft.com/msus/2004/02/OfflineSync" MinimumClientVersion="5.8.0.2678" '
           'PackageId="5b0c6f4e-3333-4c3c-8d8d-00000000ffff" PackageVersion="1.1" ProtocolVersion="1.0" CreationDate="2024-01-09T00:00:00Z">',
           '  <Updates>']
    for u in updates:
        leaf = ' IsLeaf="true"'
        out.append(f'    <Update UpdateId="{u["id"]}" RevisionNumber="{u["number"]}" RevisionId="{u["revision"]}" '
                   f'CreationDate="2023-12-12T18:00:00Z" DefaultLanguage="en"{leaf}>')
        if u.get("classification"):
            out.append('      <Categories>')
            out.append(f'        <Category Type="UpdateClassification" Id="{SECURITY_UPDATES}" />')
            out.append('      </Categories>')
        if u.get("prerequisites"):
            out.append('      <Prerequisites>')
            # package.xml lists prerequisites flat, lower case (the core fragment has the groups).
            flat = [m for p in u["prerequisites"] for m in (p[1] if isinstance(p, tuple) else [p])]
            out += [f'        <UpdateId Id="{p.lower()}" />' for p in flat]
            out.append('      </Prerequisites>')
        if u.get("superseded_by"):
            out.append('      <SupersededBy>')
            out += [f'        <Revision Id="{r}" />' for r in u["superseded_by"]]
            out.append('      </SupersededBy>')
        if u.get("file"):
            out.append(f'      <PayloadFiles>\n        <File Id="{u["file"][1]}" />\n      </PayloadFiles>')
        out.append('    </Update>')
    out.append('  </Updates>')
    out.append('  <FileLocations>')
    for u in updates:
        if u.get("file"):
            out.append(f'    <FileLocation Id="{u["file"][1]}" Url="http://download.windowsupdate.example/c/{u["file"][0]}" />')
    out.append('  </FileLocations>')
    out.append('</OfflineSyncPackage>')
    return "\n".join(out).encode()


def core(u):
    text = f'<UpdateIdentity UpdateID="{u["id"]}" RevisionNumber="{u["number"]}" />'
    text += f'<Properties UpdateType="{u.get("type", "Software")}" ExplicitlyDeployable="true" AutoSelectOnWebSites="true" />'
    relations = ""
    if u.get("supersedes"):
        relations += "<SupersededUpdates>" + "".join(f'<UpdateIdentity UpdateID="{s}" />' for s in u["supersedes"]) + "</SupersededUpdates>"
    if u.get("prerequisites"):
        # A str is a plain UpdateIdentity (ANDed); ("any", [ids], is_category) is an AtLeastOne group.
        parts = []
        for p in u["prerequisites"]:
            if isinstance(p, tuple):
                category = ' IsCategory="true"' if p[2] else ""
                parts.append(f"<AtLeastOne{category}>" + "".join(f'<UpdateIdentity UpdateID="{m}" />' for m in p[1]) + "</AtLeastOne>")
            else:
                parts.append(f'<UpdateIdentity UpdateID="{p}" />')
        relations += "<Prerequisites>" + "".join(parts) + "</Prerequisites>"
    if u.get("bundles"):
        relations += "<BundledUpdates>" + "".join(f'<UpdateIdentity UpdateID="{b}" RevisionNumber="1" />' for b in u["bundles"]) + "</BundledUpdates>"
    if u.get("bundles_any"):
        relations += ("<BundledUpdates><AtLeastOne>" + "".join(f'<UpdateIdentity UpdateID="{b}" RevisionNumber="1" />' for b in u["bundles_any"])
                      + "</AtLeastOne></BundledUpdates>")
    if relations:
        text += f"<Relationships>{relations}</Relationships>"
    if u.get("rules"):
        text += f'<ApplicabilityRules>{u["rules"]}</ApplicabilityRules>'
    return text.encode()


def extended(u):
    attributes = f'DefaultPropertiesLanguage="en" Handler="http://schemas.microsoft.com/msus/2002/12/UpdateHandlers/Cbs" MaxDownloadSize="{u["file"][2] if u.get("file") else 0}" MinDownloadSize="0"'
    if u.get("severity"):
        attributes += f' MsrcSeverity="{u["severity"]}"'
    children = "<InstallationBehavior RebootBehavior=\"CanRequestReboot\" />"
    if u.get("kb"):
        children += f'<SupportUrl>https://support.example/help/{u["kb"]}</SupportUrl><KBArticleID>{u["kb"]}</KBArticleID>'
    text = f"<ExtendedProperties {attributes}>{children}</ExtendedProperties>"
    if u.get("file"):
        name, digest, size = u["file"]
        text += (f'<Files><File Digest="{digest}" DigestAlgorithm="SHA1" FileName="{name}" Size="{size}" '
                 f'Modified="2023-12-08T01:02:03Z" PatchingType="SelfContained" /></Files>')
    return text.encode()


def localized(u, language):
    title = u["en"] if language == "en" else u["de"]
    text = f"<LocalizedProperties><Language>{language}</Language><Title>{xml_escape(title)}</Title>"
    if u.get("description") and language == "en":
        text += f"<Description>{xml_escape(u['description'])}</Description>"
    if u.get("kb"):
        text += f"<MoreInfoUrl>https://support.example/help/{u['kb']}</MoreInfoUrl>"
    text += "</LocalizedProperties>"
    return text.encode("utf-8")


def fragment_cab(updates):
    members = []
    for u in updates:
        members.append((f"c\\{u['revision']}", core(u)))
    for u in updates:
        if u.get("kb") or u.get("file"):
            members.append((f"x\\{u['revision']}", extended(u)))
    for language in ("de", "en"):
        for u in updates:
            members.append((f"l\\{language}\\{u['revision']}", localized(u, language)))
    return members


INDEX = b'<INDEX VERSION="1">\n    <CABLIST XOR="0">\n        <CAB NAME="package.cab" />\n        <CAB NAME="package2.cab" RANGESTART="0" FILESDIR="1" />\n        <CAB NAME="package3.cab" RANGESTART="300" />\n    </CABLIST>\n</INDEX>\n'


def wsusscn2(broken=False):
    low = [u for u in UPDATES if u["revision"] < 300]
    high = [u for u in UPDATES if u["revision"] >= 300]
    package2 = fragment_cab(low)
    package3 = fragment_cab(high)
    if broken:
        # c/302 cut short in the middle of a rule; x/999 names no revision of package.xml;
        # l/en/102 also in package3 (index.xml puts 102 in package2); e/302 is outside the layout.
        package3 = [(name, data[:data.index(b"<b.RegKeyExists") + 30] if name == "c\\302" else data) for name, data in package3]
        package3.append(("x\\999", b'<ExtendedProperties DefaultPropertiesLanguage="en" MaxDownloadSize="0" MinDownloadSize="0" />'))
        package3.append(("l\\fr\\102", b"<LocalizedProperties><Language>fr</Language><Title>Mise \xc3\xa0 jour cumulative (KB5033372)</Title></LocalizedProperties>"))
        package3.append(("e\\302", b"<EulaText>not read</EulaText>"))
    return gencab.build([
        ("index.xml", INDEX),
        ("package.cab", gencab.build([("package.xml", package_xml(UPDATES))])),
        ("package2.cab", gencab.build(package2)),
        ("package3.cab", gencab.build(package3)),
    ])


def wsusscn2_wua():
    low = [u for u in WUA_UPDATES if u["revision"] < 400]
    high = [u for u in WUA_UPDATES if u["revision"] >= 400]
    index = INDEX.replace(b'RANGESTART="300"', b'RANGESTART="400"')
    return gencab.build([
        ("index.xml", index),
        ("package.cab", gencab.build([("package.xml", package_xml(WUA_UPDATES))])),
        ("package2.cab", gencab.build(fragment_cab(low))),
        ("package3.cab", gencab.build(fragment_cab(high))),
    ])


def bench_updates(count):
    rules = [
        '<IsInstalled><b.FileVersion Csidl="37" Path="\\f{n}.dll" Comparison="GreaterThanOrEqualTo" Version="10.0.{n}.1"/></IsInstalled>'
        '<IsInstallable><And><b.WindowsVersion Comparison="GreaterThanOrEqualTo" MajorVersion="10" MinorVersion="0"/>'
        '<b.RegKeyExists Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\\Vendor{n}"/></And></IsInstallable>',
        '<IsInstalled><m.MsiProductInstalled ProductCode="{{00000000-0000-0000-0000-{n:012d}}}" VersionMin="2.{n}"/></IsInstalled>'
        '<IsInstallable><m.MsiProductInstalled ProductCode="{{00000000-0000-0000-0000-{n:012d}}}"/></IsInstallable>',
        '<IsInstalled><Or><CbsPackageInstalledByIdentity PackageIdentity="Package_for_KB{n}~31bf3856ad364e35~amd64~~10.0.1.{n}"/>'
        '<b.RegDword Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\\Updates\\KB{n}" Value="Installed" Comparison="EqualTo" Data="1"/></Or></IsInstalled>'
        '<IsInstallable><Not><b.WindowsVersion Comparison="LessThan" MajorVersion="6" MinorVersion="1"/></Not></IsInstallable>',
    ]
    updates = []
    for n in range(count):
        revision = 1000 + n
        update = dict(revision=revision, id=GUID.format(0x10000000 + n), number=200 + n % 7, kb=str(5000000 + n),
                      severity=["Critical", "Important", "Moderate"][n % 3], classification=True,
                      en=f"Security Update for Windows (KB{5000000 + n})", description="Install this update to resolve issues in Windows. " * 3,
                      file=(f"windows10.0-kb{5000000 + n}-x64.cab", f"{n:027d}=", str(100000 + n)),
                      rules=rules[n % 3].format(n=n))
        if n > 0:
            update["prerequisites"] = [GUID.format(0x10000000 + n - 1)]
            update["supersedes"] = [GUID.format(0x10000000 + n - 1)]
        if n + 1 < count:
            update["superseded_by"] = [revision + 1]
        updates.append(update)
    return updates


def bench(count, out):
    updates = bench_updates(count)
    members = [None, ("package.cab", gencab.build([("package.xml", package_xml(updates))], mszip=True))]
    index = ['<INDEX VERSION="1">', '    <CABLIST XOR="0">', '        <CAB NAME="package.cab" />']
    per_cab = 2000
    for number, start in enumerate(range(0, count, per_cab), 2):
        chunk = updates[start:start + per_cab]
        fragments = [(f"c\\{u['revision']}", core(u)) for u in chunk]
        fragments += [(f"x\\{u['revision']}", extended(u)) for u in chunk]
        fragments += [(f"l\\en\\{u['revision']}", localized(u, "en")) for u in chunk]
        members.append((f"package{number}.cab", gencab.build(fragments, mszip=True)))
        index.append(f'        <CAB NAME="package{number}.cab" RANGESTART="{0 if start == 0 else chunk[0]["revision"]}" />')
    index += ['    </CABLIST>', '</INDEX>', '']
    members[0] = ("index.xml", "\n".join(index).encode())
    with open(out, "wb") as handle:
        handle.write(gencab.build(members))


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--bench":
        bench(int(sys.argv[2]), sys.argv[3])
        return
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(os.path.join(out, "broken"), exist_ok=True)
    with open(os.path.join(out, "wsusscn2-small.cab"), "wb") as handle:
        handle.write(wsusscn2())
    with open(os.path.join(out, "wsusscn2-wua.cab"), "wb") as handle:
        handle.write(wsusscn2_wua())
    with open(os.path.join(out, "broken", "wsusscn2-bad-fragment.cab"), "wb") as handle:
        handle.write(wsusscn2(broken=True))


if __name__ == "__main__":
    main()
