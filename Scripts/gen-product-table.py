# Generates Sources/Applicability/BuiltInProducts.swift (the bundled product table as JSON text).
import json
NTCV = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"
WCV = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion"
INETSTP = "HKLM\\SOFTWARE\\Microsoft\\InetStp"
IE = "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer"
SQL = "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion"
EXSETUP = "HKLM\\SOFTWARE\\Microsoft\\Exchange\\Setup"
def osv(v): return {"osVersion": v}
def pt(t): return {"osProductType": t}
def suite(b, absent=False):
    d = {"osSuite": b}
    if absent: d["absent"] = True
    return d
def reg(key, value=None, **kw):
    d = {"key": key}
    if value is not None: d["value"] = value
    d.update(kw); return d
def prog(p): return {"program": p}
def f(path, **kw):
    d = {"file": path}; d.update(kw); return d
def svc(s): return {"service": s}
def office(ver, app): return reg(f"HKLM\\SOFTWARE\\Microsoft\\Office\\{ver}\\{app}\\InstallRoot")

KB_VER = "OS version, product type and suite: OSVERSIONINFOEX (learn.microsoft.com, OSVERSIONINFOEXA); NT registry CurrentVersion/CurrentBuildNumber/CSDVersion and ProductOptions ProductType/ProductSuite"
P = []
def product(name, alts, source, aliases=None):
    e = {"product": name, "anyOf": alts, "source": source}
    if aliases: e["aliases"] = aliases
    P.append(e)

NT4 = "4.0.1381"
product("Windows NT Workstation 4.0", [[osv(NT4), pt("workstation")]], KB_VER)
product("Windows NT Server 4.0", [[osv(NT4), pt("server"), suite(0x12, True)]], KB_VER)
product("Windows NT Server 4.0, Enterprise Edition", [[osv(NT4), pt("server"), suite(0x2)]], KB_VER)
product("Windows NT Server 4.0, Terminal Server Edition", [[osv(NT4), suite(0x10)]], KB_VER)
W2K = "5.0.2195"
product("Windows 2000 Professional", [[osv(W2K), pt("workstation")]], KB_VER)
product("Windows 2000 Server", [[osv(W2K), pt("server"), suite(0x82, True)]], KB_VER)
product("Windows 2000 Advanced Server", [[osv(W2K), pt("server"), suite(0x2), suite(0x80, True)]], KB_VER)
product("Windows 2000 Datacenter Server", [[osv(W2K), pt("server"), suite(0x80)]], KB_VER)
V9X = "9x VersionNumber under HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion (KB 158238: 4.00.950 Windows 95, 4.00.1111 OSR2, 4.03.1212-1214 OSR2.1/2.5, 4.10.1998 Windows 98, 4.10.2222 Windows 98 Second Edition with SubVersionNumber ' A ', 4.90.3000 Windows Me)"
product("Windows 95", [[osv("4.0.950")], [osv("4.0.1111")], [osv("4.3.1212")], [osv("4.3.1213")], [osv("4.3.1214")]], V9X)
product("Windows 98", [[osv("4.10.1998")]], V9X)
product("Windows 98 SE", [[osv("4.10.2222")]], V9X, ["Windows 98 Second Edition", "Windows 98se"])
product("Windows Me", [[osv("4.90.3000")]], V9X, ["Windows Millennium Edition"])
XP = "5.1.2600"
product("Windows XP", [[osv(XP)]], KB_VER)
product("Windows XP Professional", [[osv(XP), pt("workstation"), suite(0x200, True)]], KB_VER)
product("Windows XP Home Edition", [[osv(XP), suite(0x200)]], KB_VER)
S3 = "5.2.3790"
product("Windows Server 2003", [[osv(S3), pt("server")]], KB_VER)
product("Windows Server 2003, Standard Edition", [[osv(S3), pt("server"), suite(0x482, True)]], KB_VER)
product("Windows Server 2003, Enterprise Edition", [[osv(S3), pt("server"), suite(0x2), suite(0x80, True)]], KB_VER)
product("Windows Server 2003, Datacenter Edition", [[osv(S3), pt("server"), suite(0x80)]], KB_VER)
product("Windows Server 2003, Web Edition", [[osv(S3), pt("server"), suite(0x400)]], KB_VER)
IIS = "HKLM\\SOFTWARE\\Microsoft\\InetStp MajorVersion (KB 224609, 'How to determine which version of IIS is installed')"
product("Internet Information Server 3.0", [[svc("W3SVC"), osv(NT4), reg(INETSTP, "MajorVersion", absent=True)], [reg(INETSTP, "MajorVersion", equals="3")]], IIS + "; IIS 3 predates InetStp on NT4, so the W3SVC service on NT4 without it")
product("Internet Information Server 4.0", [[reg(INETSTP, "MajorVersion", equals="4"), osv("4.0.1381")]], IIS)
product("Internet Information Services 5.0", [[reg(INETSTP, "MajorVersion", equals="5")]], IIS, ["Internet Information Server 5.0"])
product("Internet Information Services 5.1", [[reg(INETSTP, "MajorVersion", equals="5"), reg(INETSTP, "MinorVersion", equals="1")]], IIS)
product("Internet Information Services 6.0", [[reg(INETSTP, "MajorVersion", equals="6")]], IIS)
product("Personal Web Server 4.0", [[reg(INETSTP, "MajorVersion", equals="4"), reg(NTCV, absent=True)]], IIS + " on Windows 9x (no Windows NT CurrentVersion key)")
product("Indexing Services for Windows 2000", [[osv(W2K), svc("cisvc")]], "the Indexing Service is the cisvc service")
product("Index Server 2.0", [[osv(NT4), svc("cisvc")]], "Index Server 2.0 (NT4 Option Pack) runs as the cisvc service")
IEV = "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer Version (KB 164539, 'How to determine which version of Internet Explorer is installed')"
def iev(lo, hi): return [[reg(IE, "Version", atLeast=lo, below=hi)]]
product("Internet Explorer 4.0", iev("4.71", "4.72"), IEV)
product("Internet Explorer 4.01", iev("4.72", "4.73"), IEV)
product("Internet Explorer 5", iev("5.0", "5.0.2919.6307"), IEV, ["Internet Explorer 5.0"])
product("Internet Explorer 5.01", iev("5.0.2919.6307", "5.50"), IEV)
product("Internet Explorer 5.5", iev("5.50", "5.51"), IEV)
product("Internet Explorer 6", iev("6.0", "6.1"), IEV, ["Internet Explorer 6.0"])
MSIMN = "%ProgramFiles%\\Outlook Express\\msimn.exe"
OE = "the version of msimn.exe, Outlook Express's program (it follows the Internet Explorer release it shipped with)"
product("Outlook Express 4.01", [[f(MSIMN, atLeast="4.72", below="4.73")]], OE)
product("Outlook Express 5.01", [[f(MSIMN, atLeast="5.0.2919", below="5.50")]], OE)
product("Outlook Express 5.5", [[f(MSIMN, atLeast="5.50", below="5.51")]], OE)
product("Outlook Express 6", [[f(MSIMN, atLeast="6.0", below="6.1")]], OE, ["Outlook Express 6.0"])
MAC = "a Macintosh product: never on a Windows machine"
for name in ["Internet Explorer 4.5 for Macintosh", "Outlook Express 5 for Macintosh", "Office 98 for Macintosh", "Word 98", "PowerPoint 98"]:
    product(name, [], MAC)
WMP = "the player's program version: mplayer2.exe (6.4) and wmplayer.exe (7.x) under %ProgramFiles%\\Windows Media Player"
product("Windows Media Player 6.4", [[f("%ProgramFiles%\\Windows Media Player\\mplayer2.exe", atLeast="6.4", below="6.5")]], WMP + "; WMP 7 keeps mplayer2.exe 6.4 beside it, so both are recognised")
product("Windows Media Player 7.0", [[f("%ProgramFiles%\\Windows Media Player\\wmplayer.exe", atLeast="7.0", below="7.1")]], WMP)
product("Windows Media Player 7.1", [[f("%ProgramFiles%\\Windows Media Player\\wmplayer.exe", atLeast="7.1", below="7.2")]], WMP)
WMS = "the Windows Media Unicast service (nsunicast) and the server's program version; not verified on a real machine"
product("Windows Media Services 4.0", [[svc("nsunicast"), f("%SystemRoot%\\system32\\Windows Media\\Server\\nsum.exe", atLeast="4.0", below="4.1")]], WMS)
product("Windows Media Services 4.1", [[svc("nsunicast"), f("%SystemRoot%\\system32\\Windows Media\\Server\\nsum.exe", atLeast="4.1", below="4.2")]], WMS)
ARP = "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
for name, p in [("Windows Media Encoder 4.0", "Windows Media Encoder 4.0"), ("Windows Media Encoder 4.1", "Windows Media Encoder 4.1"),
                ("Windows Media Rights Manager 1", "Windows Media Rights Manager"),
                ("Money 2001", "Microsoft Money 2001"), ("Money 2000", "Microsoft Money 2000"), ("Works 2000", "Microsoft Works 2000"),
                ("PictureIt 2000", "Microsoft Picture It! 2000"), ("Home Publishing 2000", "Microsoft Home Publishing 2000"),
                ("Publisher 99", "Microsoft Publisher 99"), ("Publisher 2000", "Microsoft Publisher 2000"),
                ("Photo Draw 2000 Version 1", "Microsoft PhotoDraw 2000"), ("Photo Draw 2000 Version 2", "Microsoft PhotoDraw 2000 Version 2"),
                ("Greetings 2000", "Microsoft Greetings 2000"), ("Systems Management Server 1.2", "Systems Management Server 1.2"),
                ("Systems Management Server 2.0", "Systems Management Server 2.0"), ("Site Server 3.0", "Microsoft Site Server 3.0"),
                ("Site Server 3.0, Commerce Edition", "Microsoft Site Server 3.0 Commerce Edition"),
                ("Microsoft Commercial Internet System 2.5", "Microsoft Commercial Internet System 2.5"),
                ("Microsoft Commercial Internet System 2.0", "Microsoft Commercial Internet System 2.0"),
                ("Windows 98 Resource Kit", "Microsoft Windows 98 Resource Kit"), ("BackOffice Resource Kit SE", "Microsoft BackOffice Resource Kit"),
                ("Windows 98 Resource Kit Sampler", "Windows 98 Resource Kit Sampler"), ("Project 98", "Microsoft Project 98"),
                ("Project 2000", "Microsoft Project 2000"), ("Visual Basic 5.0", "Microsoft Visual Basic 5.0"), ("Visual Basic 6.0", "Microsoft Visual Basic 6.0"),
                ("Visual Studio 6.0", "Microsoft Visual Studio 6.0"), ("Connection Manager", "Connection Manager Administration Kit"),
                ("ISA Server 2000", "Microsoft ISA Server"), ("Services for Unix 2.0 (NT)", "Windows Services for UNIX"),
                ("Services for Unix 2.0 (Win2K)", "Windows Services for UNIX"), ("BackOffice Server 4.0", "Microsoft BackOffice Server 4.0"),
                ("Office 95", "Microsoft Office 95"), ("Outlook 98", "Microsoft Outlook 98"),
                ("FrontPage 97", "Microsoft FrontPage 97"), ("FrontPage 98", "Microsoft FrontPage 98"), ("FrontPage 2000", "Microsoft FrontPage 2000"),
                ("FrontPage 97 Personal Web Server 1.0", "FrontPage Personal Web Server"), ("FrontPage 98 Personal Web Server 1.0", "FrontPage Personal Web Server")]:
    alts = [[prog(p)]]
    if "(NT)" in name: alts = [[prog(p), osv(NT4)]]
    if "(Win2K)" in name: alts = [[prog(p), osv(W2K)]]
    product(name, alts, ARP)
FPSE = "HKLM\\SOFTWARE\\Microsoft\\Shared Tools\\Web Server Extensions\\<version> (2.0 FrontPage 97, 3.0 FrontPage 98, 4.0 FrontPage 2000 Server Extensions)"
product("FrontPage 97 Server Extensions", [[reg("HKLM\\SOFTWARE\\Microsoft\\Shared Tools\\Web Server Extensions\\2.0")]], FPSE)
product("FrontPage 98 Server Extensions", [[reg("HKLM\\SOFTWARE\\Microsoft\\Shared Tools\\Web Server Extensions\\3.0")]], FPSE)
product("Front Page 2000 Server Extensions", [[reg("HKLM\\SOFTWARE\\Microsoft\\Shared Tools\\Web Server Extensions\\4.0")]], FPSE, ["FrontPage 2000 Server Extensions"])
OFF = "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
for ver, year in [("8.0", "97"), ("9.0", "2000"), ("10.0", "2002")]:
    product(f"Office {year}", [[reg(f"HKLM\\SOFTWARE\\Microsoft\\Office\\{ver}\\Common\\InstallRoot")]], OFF)
    for app in ["Word", "Excel", "PowerPoint", "Access", "Outlook"]:
        product(f"{app} {year}", [[office(ver, app)]], OFF)
SQLS = "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion CurrentVersion (7.00.x SQL Server 7.0, 8.00.x SQL Server 2000) and the MSSQLSERVER service; MSDE is told apart by its Add/Remove Programs name (not verified)"
product("SQL Server 7.0", [[svc("MSSQLServer"), reg(SQL, "CurrentVersion", atLeast="7.0", below="7.1"), prog("Microsoft SQL Server Desktop Engine", ) | {"absent": True}]], SQLS)
product("SQL Server 2000", [[svc("MSSQLServer"), reg(SQL, "CurrentVersion", atLeast="8.0", below="8.1"), prog("Microsoft SQL Server Desktop Engine") | {"absent": True}]], SQLS)
product("SQL Server Desktop Engine (MSDE) 1.0", [[reg(SQL, "CurrentVersion", atLeast="7.0", below="7.1"), prog("Microsoft SQL Server Desktop Engine")], [reg(SQL, "CurrentVersion", atLeast="7.0", below="7.1"), prog("MSDE")]], SQLS)
product("SQL Server Desktop Engine (MSDE) 2000", [[reg(SQL, "CurrentVersion", atLeast="8.0", below="8.1"), prog("Microsoft SQL Server Desktop Engine")]], SQLS)
EXS = "HKLM\\SOFTWARE\\Microsoft\\Exchange\\Setup NewestBuild (1457 Exchange 5.0, 1960-2653 Exchange 5.5, 4417 and later Exchange 2000) and the MSExchangeIS service; Standard and Enterprise editions are not told apart"
product("Exchange Server 5.0", [[svc("MSExchangeIS"), reg(EXSETUP, "NewestBuild", atLeast="1457", below="1960")]], EXS)
product("Exchange Server 5.5", [[svc("MSExchangeIS"), reg(EXSETUP, "NewestBuild", atLeast="1960", below="4000")]], EXS)
product("Exchange 2000 Server", [[svc("MSExchangeIS"), reg(EXSETUP, "NewestBuild", atLeast="4417", below="6000")]], EXS)
product("Exchange 2000 Enterprise Server", [[svc("MSExchangeIS"), reg(EXSETUP, "NewestBuild", atLeast="4417", below="6000")]], EXS)
product("Microsoft Virtual Machine (VM)", [[f("%SystemRoot%\\system32\\msjava.dll")]], "msjava.dll, the Microsoft VM's runtime", ["Microsoft VM"])
product("NetMeeting", [[f("%ProgramFiles%\\NetMeeting\\conf.exe")]], "conf.exe, NetMeeting's program")
WS = "the version of vbscript.dll (Windows Script 5.1 = 5.1.x, 5.5 = 5.5.x)"
product("Windows Script 5.1", [[f("%SystemRoot%\\system32\\vbscript.dll", atLeast="5.1", below="5.5")]], WS)
product("Windows Script 5.5", [[f("%SystemRoot%\\system32\\vbscript.dll", atLeast="5.5", below="5.6")]], WS)

S = []
def series(name, sps, source):
    S.append({"series": name, "servicePacks": sps, "source": source})
def sp(name, facts, aliases=None):
    e = {"name": name, "allOf": facts}
    if aliases: e["aliases"] = aliases
    return e
Q246009 = NTCV + "\\Hotfix\\Q246009"
NTSP = "CSDVersion / OS service pack; SP6a is SP6 with the Q246009 hotfix key (CSDVersion stays 'Service Pack 6', KB 246009)"
series("Windows NT 4.0", [sp("Windows NT4 Gold", [osv(NT4), {"osServicePack": 0}]),
                          sp("Windows NT4 Service Pack 1", [osv(NT4), {"osServicePack": 1}]),
                          sp("Windows NT4 Service Pack 2", [osv(NT4), {"osServicePack": 2}]),
                          sp("Windows NT4 Service Pack 3", [osv(NT4), {"osServicePack": 3}]),
                          sp("Windows NT4 Service Pack 4", [osv(NT4), {"osServicePack": 4}]),
                          sp("Windows NT4 Service Pack 5", [osv(NT4), {"osServicePack": 5}]),
                          sp("Windows NT4 Service Pack 6", [osv(NT4), {"osServicePack": 6}, reg(Q246009, absent=True)]),
                          sp("Windows NT4 Service Pack 6a", [osv(NT4), {"osServicePack": 6}, reg(Q246009)])], NTSP)
series("Windows NT 4.0 Terminal Server", [sp("Windows NT 4 Terminal Server Gold", [osv(NT4), suite(0x10), {"osServicePack": 0}]),
                                          sp("Windows NT4 Terminal Server Service Pack 4", [osv(NT4), suite(0x10), {"osServicePack": 4}]),
                                          sp("Windows NT4 Terminal Server Service Pack 5", [osv(NT4), suite(0x10), {"osServicePack": 5}]),
                                          sp("Windows NT4 Terminal Server Service Pack 6", [osv(NT4), suite(0x10), {"osServicePack": 6}])], NTSP)
series("Windows 2000", [sp("Windows 2000 Gold", [osv(W2K), {"osServicePack": 0}])] +
       [sp(f"Windows 2000 Service Pack {n}", [osv(W2K), {"osServicePack": n}], [f"Windows 2000 Service Pack {n} (when available)"]) for n in range(1, 5)], NTSP)
series("Windows XP", [sp("Windows XP Gold", [osv(XP), {"osServicePack": 0}])] +
       [sp(f"Windows XP Service Pack {n}", [osv(XP), {"osServicePack": n}]) for n in range(1, 4)], NTSP)
series("Windows Server 2003", [sp("Windows Server 2003 Gold", [osv(S3), {"osServicePack": 0}])] +
       [sp(f"Windows Server 2003 Service Pack {n}", [osv(S3), {"osServicePack": n}]) for n in range(1, 3)], NTSP)
series("Windows 95", [sp("Windows 95 Gold", [osv("4.0.950")]), sp("Windows 95 OSR2", [osv("4.0.1111")]),
                      sp("Windows 95 SR 2.1", [osv("4.3.1212")], ["Windows 95 SR 2.1 (4.03.1213)"]), sp("Windows 95 SR 2.5", [osv("4.3.1214")])], V9X)
def ies(name, ranges, source=IEV):
    series(name, [sp(n, [reg(IE, "Version", atLeast=lo, below=hi)]) for n, lo, hi in ranges], source)
ies("Internet Explorer 4.01", [("Internet Explorer 4.01 Gold", "4.72", "4.72.3612.1713"), ("Internet Explorer 4.01 SP1", "4.72.3612.1713", "4.72.3711.2900"),
                               ("Internet Explorer 4.01 SP2", "4.72.3711.2900", "4.73")])
ies("Internet Explorer 5.01", [("Internet Explorer 5.01 Gold", "5.0.2919.6307", "5.0.3105.106"), ("Internet Explorer 5.01 SP1", "5.0.3105.106", "5.0.3314.2101"),
                               ("Internet Explorer 5.01 SP2", "5.0.3314.2101", "5.50")])
ies("Internet Explorer 5.5", [("Internet Explorer 5.5 Gold", "5.50.4134.600", "5.50.4522.1800"), ("Internet Explorer 5.5 SP1", "5.50.4522.1800", "5.50.4807.2300"),
                              ("Internet Explorer 5.5 SP2", "5.50.4807.2300", "5.51")])
SQLSP = "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion CSDVersion: 7.00.623/699/842/961 (SQL Server 7.0 Gold, SP1-SP3), 8.00.194/384 (SQL Server 2000 Gold, SP1)"
def sqlsp(n, lo, hi): return sp(n, [reg(SQL, "CSDVersion", atLeast=lo, below=hi)])
series("SQL Server 7.0", [sqlsp("SQL Server 7.0 Gold", "7.0.623", "7.0.699"), sqlsp("SQL Server 7.0 SP1", "7.0.699", "7.0.842"),
                          sqlsp("SQL Server 7.0 SP2", "7.0.842", "7.0.961"), sqlsp("SQL Server 7.0 SP3", "7.0.961", "7.0.1063")], SQLSP)
series("SQL Server 2000", [sqlsp("SQL Server 2000 Gold", "8.0.194", "8.0.384"), sqlsp("SQL Server 2000 SP1", "8.0.384", "8.0.534")], SQLSP)
EXSP = EXS.split(" and ")[0] + ": 1960 Gold, 2232 SP1, 2448 SP2, 2650 SP3, 2653 SP4 (Exchange 5.5)"
def exsp(n, lo, hi): return sp(n, [reg(EXSETUP, "NewestBuild", atLeast=lo, below=hi)])
series("Exchange Server 5.5", [exsp("Exchange Server 5.5 Gold", "1960", "2232"), exsp("Exchange Server 5.5 SP1", "2232", "2448"),
                               exsp("Exchange Server 5.5 SP2", "2448", "2650"), exsp("Exchange Server 5.5 SP3", "2650", "2653"),
                               exsp("Exchange Server 5.5 SP4", "2653", "4000")], EXSP)
table = {"products": P, "servicePackSeries": S}
text = json.dumps(table, indent=1, ensure_ascii=False)
assert '"""' not in text
swift = ('/// The bundled product detection table (see ``ProductTable``), as the JSON a user table has too\n'
         '/// (`mofkit eval --products FILE`). Written by `Scripts/gen-product-table.py`; each entry names its source.\n'
         'let builtInProductTableJSON = #"""\n' + text + '\n"""#\n')
import sys
open(sys.argv[1], "w").write(swift)
print(len(P), "products", len(S), "series")
