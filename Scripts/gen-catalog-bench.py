#!/usr/bin/env python3
"""Deterministic large update catalogs for benchmarks (never for the repository).

Usage: gen-catalog-bench.py scup|package SIZE_MB OUT

scup:    an Updates Publisher catalog shaped like HP's (SystemsManagementCatalog of packages whose rules
         use lar:And/Or, bar:WmiQuery/Processor/WindowsVersion/FileVersion/RegSz, one installable item).
package: a wsusscn2 package.xml (OfflineSync namespace): Updates with categories, prerequisites,
         supersedence, bundles and payload files, then FileLocations.
The same arguments always give the same bytes.
"""
import sys

NS = "http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/"

def guid(kind, n):
    return f"{kind:08x}-{(n >> 48) & 0xffff:04x}-4{(n >> 36) & 0xfff:03x}-8{(n >> 24) & 0xfff:03x}-{n & 0xffffffffffff:012x}"

def scup_package(n):
    model = ["EliteBook 840 G%d" % (n % 9), "ProBook 450 G%d" % (n % 7), "ZBook 15 G%d" % (n % 5)][n % 3]
    supersedes = "".join(f"\n      <sdp:PackageID>{guid(0x4850, n - k)}</sdp:PackageID>" for k in range(1, 1 + n % 6))
    oses = "".join(f"""
          <lar:And>
            <bar:Processor Architecture="{9 if k % 2 else 0}" />
            <bar:WindowsVersion Comparison="{'EqualTo' if k % 3 else 'GreaterThanOrEqualTo'}" MajorVersion="{6 + k // 3}" MinorVersion="{k % 4}" />
          </lar:And>""" for k in range(4 + n % 4))
    return f"""  <smc:SoftwareDistributionPackage SchemaVersion="1.0">
    <sdp:Properties PackageID="{guid(0x4850, n)}" CreationDate="2019-{1 + n % 12:02d}-{1 + n % 28:02d}T11:48:00" VendorName="Bench Vendor {n % 4}">
      <sdp:MoreInfoUrl>http://ftp.example.invalid/pub/softpaq/sp{60000 + n}.html</sdp:MoreInfoUrl>
      <sdp:SupportUrl>http://www.example.invalid/support</sdp:SupportUrl>
      <sdp:ProductName>{['Driver', 'Software', 'Firmware'][n % 3]}</sdp:ProductName>
    </sdp:Properties>
    <sdp:LocalizedProperties>
      <sdp:Language>en</sdp:Language>
      <sdp:Title>Bench Package {n} for {model} &amp; friends [{n % 100}.{n % 37}.{n % 11}]</sdp:Title>
      <sdp:Description>[{n}] This package provides the driver and control panel for the platforms listed in supported models and operating systems. Quote: "x" &lt;y&gt;.</sdp:Description>
    </sdp:LocalizedProperties>
    <sdp:UpdateSpecificData MsrcSeverity="{['Important', 'Critical', 'Moderate', 'Low'][n % 4]}" UpdateClassification="{['Updates', 'Critical Updates', 'Tools', 'Feature Packs'][n % 4]}">
      <sdp:KBArticleID>sp{60000 + n}</sdp:KBArticleID>
    </sdp:UpdateSpecificData>
    <sdp:IsInstallable>
      <lar:And>
        <bar:WmiQuery Namespace="Root\\cimv2" WqlQuery="select * from Win32_ComputerSystem where (Manufacturer='Bench') and (Model like '%{model}%')" />
        <lar:Or>{oses}
        </lar:Or>
      </lar:And>
    </sdp:IsInstallable>
    <sdp:SupersededPackages>{supersedes}
    </sdp:SupersededPackages>
    <sdp:InstallableItem ID="{guid(0x1717, n)}">
      <sdp:ApplicabilityRules>
        <sdp:IsInstalled>
          <lar:Or>
            <bar:FileVersion Path="\\drivers\\bench{n % 50}.sys" Comparison="GreaterThanOrEqualTo" Version="{n % 30}.{n % 17}.{n % 1000}.{n % 9}" Csidl="37" />
            <bar:RegSz Key="HKEY_LOCAL_MACHINE" Subkey="SOFTWARE\\Bench\\{n % 100}" Value="Version" Comparison="EqualTo" Data="{n}.0" />
          </lar:Or>
        </sdp:IsInstalled>
        <sdp:IsInstallable>
          <lar:True />
        </sdp:IsInstallable>
      </sdp:ApplicabilityRules>
      <sdp:InstallProperties CanRequestUserInput="false" RequiresNetworkConnectivity="false" Impact="Normal" RebootBehavior="CanRequestReboot" />
      <cmd:CommandLineInstallerData Program="sp{60000 + n}.exe" Arguments="-s -e" RebootByDefault="false" DefaultResult="Failed">
        <cmd:ReturnCode Code="0" Result="Succeeded" Reboot="false" />
        <cmd:ReturnCode Code="3010" Result="Succeeded" Reboot="true" />
      </cmd:CommandLineInstallerData>
      <sdp:OriginFile Digest="7sJyfjiOzAzMVjZ7FqJLS0h{n % 10000:05d}=" FileName="sp{60000 + n}.exe" Size="{1000000 + n * 37 % 9000000}" Modified="2019-01-24T07:52:15Z" OriginUri="http://ftp.example.invalid/pub/softpaq/sp{60000 + n}.exe" />
    </sdp:InstallableItem>
  </smc:SoftwareDistributionPackage>
"""

def scup(out, size):
    names = ["BaseApplicabilityRules", "LogicalApplicabilityRules", "SoftwareDistributionPackage"]
    out.write('\ufeff<?xml version="1.0" encoding="utf-8" standalone="yes"?>\r\n')
    out.write('<smc:SystemsManagementCatalog xmlns="http://www.w3.org/2001/XMLSchema" '
              f'xmlns:bar="{NS}BaseApplicabilityRules.xsd" xmlns:lar="{NS}LogicalApplicabilityRules.xsd" '
              f'xmlns:sdp="{NS}SoftwareDistributionPackage.xsd" xmlns:cmd="{NS}Installers/CommandLineInstallation.xsd" '
              'xmlns:smc="http://schemas.microsoft.com/sms/2005/04/CorporatePublishing/SystemsManagementCatalog.xsd">\n')
    n = 0
    while out.tell() < size:
        n += 1
        out.write(scup_package(n))
    out.write("</smc:SystemsManagementCatalog>\n")
    return n

def package(out, size):
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<OfflineSyncPackage xmlns="http://schemas.microsoft.com/msus/2004/02/OfflineSync" '
              'MinimumClientVersion="5.8.0.2678" PackageId="0b3e9a52-6b9f-4f0e-9f54-8d7f1b2f0c11" PackageVersion="1.1" '
              'ProtocolVersion="1.0" CreationDate="2024-06-11T00:00:00Z">\n  <Updates>\n')
    n = 0
    locations_size = size * 0.22
    while out.tell() < size - locations_size:
        n += 1
        parts = [f'    <Update UpdateId="{guid(0x5a5a, n)}" RevisionNumber="{200 + n % 7}" RevisionId="{10000000 + n}" '
                 f'CreationDate="20{10 + n % 15}-{1 + n % 12:02d}-{1 + n % 28:02d}T17:00:00Z" DefaultLanguage="en" IsLeaf="{"true" if n % 5 else "false"}"'
                 + (' IsBundle="true"' if n % 5 == 0 else '') + '>\n']
        parts.append('      <Categories>\n'
                     f'        <Category Type="Company" Id="{guid(0x11, n % 3)}" />\n'
                     f'        <Category Type="Product" Id="{guid(0x22, n % 97)}" />\n'
                     f'        <Category Type="ProductFamily" Id="{guid(0x33, n % 11)}" />\n'
                     f'        <Category Type="UpdateClassification" Id="{guid(0x44, n % 8)}" />\n'
                     '      </Categories>\n')
        if n % 3 == 0:
            parts.append('      <Prerequisites>\n' + "".join(f'        <UpdateId Id="{guid(0x5a5a, n - k)}" />\n' for k in range(1, 3)) + '      </Prerequisites>\n')
        if n % 7 == 0:
            parts.append(f'      <SupersededBy>\n        <Revision Id="{10000000 + n + 3}" />\n      </SupersededBy>\n')
        if n % 5 == 1:
            parts.append(f'      <BundledBy>\n        <Revision Id="{10000000 + n + 4}" />\n      </BundledBy>\n')
        if n % 2 == 0:
            parts.append(f'      <PayloadFiles>\n        <File Id="fQTAfvF3nDnhdPA/eUmJ+{n:09d}=" />\n      </PayloadFiles>\n')
        parts.append('    </Update>\n')
        out.write("".join(parts))
    out.write('  </Updates>\n  <FileLocations>\n')
    k = 0
    while out.tell() < size:
        k += 2
        out.write(f'    <FileLocation Id="fQTAfvF3nDnhdPA/eUmJ+{k:09d}=" Url="http://download.windowsupdate.com/c/msdownload/update/software/secu/20{10 + k % 15}/{1 + k % 12:02d}/windows10.0-kb{4000000 + k}-x64_{k:x}.cab" />\n')
    out.write('  </FileLocations>\n</OfflineSyncPackage>\n')
    return n

def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("scup", "package"):
        sys.exit(__doc__)
    size = int(float(sys.argv[2]) * 1024 * 1024)
    with open(sys.argv[3], "w", encoding="utf-8", newline="") as out:
        count = (scup if sys.argv[1] == "scup" else package)(out, size)
    print(f"{sys.argv[3]}: {count} updates")

if __name__ == "__main__":
    main()
