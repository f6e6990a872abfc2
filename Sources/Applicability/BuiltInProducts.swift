/// The bundled product detection table (see ``ProductTable``), as the JSON a user table has too
/// (`mofkit eval --products FILE`). Written by `Scripts/gen-product-table.py`; each entry names its source.
let builtInProductTableJSON = #"""
{
 "products": [
  {
   "product": "Windows NT Workstation 4.0",
   "anyOf": [
    [
     {
      "osVersion": "4.0.1381"
     },
     {
      "osProductType": "workstation"
     }
    ]
   ],
   "source": "OS version, product type and suite: OSVERSIONINFOEX (learn.microsoft.com, OSVERSIONINFOEXA); NT registry CurrentVersion/CurrentBuildNumber/CSDVersion and ProductOptions ProductType/ProductSuite"
  },
  {
   "product": "Windows NT Server 4.0",
   "anyOf": [
    [
     {
      "osVersion": "4.0.1381"
     },
     {
      "osProductType": "server"
     },
     {
      "osSuite": 18,
      "absent": true
     }
    ]
   ],
   "source": "OS version, product type and suite: OSVERSIONINFOEX (learn.microsoft.com, OSVERSIONINFOEXA); NT registry CurrentVersion/CurrentBuildNumber/CSDVersion and ProductOptions ProductType/ProductSuite"
  },
  {
   "product": "Windows NT Server 4.0, Enterprise Edition",
   "anyOf": [
    [
     {
      "osVersion": "4.0.1381"
     },
     {
      "osProductType": "server"
     },
     {
      "osSuite": 2
     }
    ]
   ],
   "source": "OS version, product type and suite: OSVERSIONINFOEX (learn.microsoft.com, OSVERSIONINFOEXA); NT registry CurrentVersion/CurrentBuildNumber/CSDVersion and ProductOptions ProductType/ProductSuite"
  },
  {
   "product": "Windows NT Server 4.0, Terminal Server Edition",
   "anyOf": [
    [
     {
      "osVersion": "4.0.1381"
     },
     {
      "osSuite": 16
     }
    ]
   ],
   "source": "OS version, product type and suite: OSVERSIONINFOEX (learn.microsoft.com, OSVERSIONINFOEXA); NT registry CurrentVersion/CurrentBuildNumber/CSDVersion and ProductOptions ProductType/ProductSuite"
  },
  {
   "product": "Windows 2000 Professional",
   "anyOf": [
    [
     {
      "osVersion": "5.0.2195"
     },
     {
      "osProductType": "workstation"
     }
    ]
   ],
   "source": "OS version, product type and suite: OSVERSIONINFOEX (learn.microsoft.com, OSVERSIONINFOEXA); NT registry CurrentVersion/CurrentBuildNumber/CSDVersion and ProductOptions ProductType/ProductSuite"
  },
  {
   "product": "Windows 2000 Server",
   "anyOf": [
    [
     {
      "osVersion": "5.0.2195"
     },
     {
      "osProductType": "server"
     },
     {
      "osSuite": 130,
      "absent": true
     }
    ]
   ],
   "source": "OS version, product type and suite: OSVERSIONINFOEX (learn.microsoft.com, OSVERSIONINFOEXA); NT registry CurrentVersion/CurrentBuildNumber/CSDVersion and ProductOptions ProductType/ProductSuite"
  },
  {
   "product": "Windows 2000 Advanced Server",
   "anyOf": [
    [
     {
      "osVersion": "5.0.2195"
     },
     {
      "osProductType": "server"
     },
     {
      "osSuite": 2
     },
     {
      "osSuite": 128,
      "absent": true
     }
    ]
   ],
   "source": "OS version, product type and suite: OSVERSIONINFOEX (learn.microsoft.com, OSVERSIONINFOEXA); NT registry CurrentVersion/CurrentBuildNumber/CSDVersion and ProductOptions ProductType/ProductSuite"
  },
  {
   "product": "Windows 2000 Datacenter Server",
   "anyOf": [
    [
     {
      "osVersion": "5.0.2195"
     },
     {
      "osProductType": "server"
     },
     {
      "osSuite": 128
     }
    ]
   ],
   "source": "OS version, product type and suite: OSVERSIONINFOEX (learn.microsoft.com, OSVERSIONINFOEXA); NT registry CurrentVersion/CurrentBuildNumber/CSDVersion and ProductOptions ProductType/ProductSuite"
  },
  {
   "product": "Windows 95",
   "anyOf": [
    [
     {
      "osVersion": "4.0.950"
     }
    ],
    [
     {
      "osVersion": "4.0.1111"
     }
    ],
    [
     {
      "osVersion": "4.3.1212"
     }
    ],
    [
     {
      "osVersion": "4.3.1213"
     }
    ],
    [
     {
      "osVersion": "4.3.1214"
     }
    ]
   ],
   "source": "9x VersionNumber under HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion (KB 158238: 4.00.950 Windows 95, 4.00.1111 OSR2, 4.03.1212-1214 OSR2.1/2.5, 4.10.1998 Windows 98, 4.10.2222 Windows 98 Second Edition with SubVersionNumber ' A ', 4.90.3000 Windows Me)"
  },
  {
   "product": "Windows 98",
   "anyOf": [
    [
     {
      "osVersion": "4.10.1998"
     }
    ]
   ],
   "source": "9x VersionNumber under HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion (KB 158238: 4.00.950 Windows 95, 4.00.1111 OSR2, 4.03.1212-1214 OSR2.1/2.5, 4.10.1998 Windows 98, 4.10.2222 Windows 98 Second Edition with SubVersionNumber ' A ', 4.90.3000 Windows Me)"
  },
  {
   "product": "Windows 98 SE",
   "anyOf": [
    [
     {
      "osVersion": "4.10.2222"
     }
    ]
   ],
   "source": "9x VersionNumber under HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion (KB 158238: 4.00.950 Windows 95, 4.00.1111 OSR2, 4.03.1212-1214 OSR2.1/2.5, 4.10.1998 Windows 98, 4.10.2222 Windows 98 Second Edition with SubVersionNumber ' A ', 4.90.3000 Windows Me)",
   "aliases": [
    "Windows 98 Second Edition",
    "Windows 98se"
   ]
  },
  {
   "product": "Windows Me",
   "anyOf": [
    [
     {
      "osVersion": "4.90.3000"
     }
    ]
   ],
   "source": "9x VersionNumber under HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion (KB 158238: 4.00.950 Windows 95, 4.00.1111 OSR2, 4.03.1212-1214 OSR2.1/2.5, 4.10.1998 Windows 98, 4.10.2222 Windows 98 Second Edition with SubVersionNumber ' A ', 4.90.3000 Windows Me)",
   "aliases": [
    "Windows Millennium Edition"
   ]
  },
  {
   "product": "Windows XP",
   "anyOf": [
    [
     {
      "osVersion": "5.1.2600"
     }
    ]
   ],
   "source": "OS version, product type and suite: OSVERSIONINFOEX (learn.microsoft.com, OSVERSIONINFOEXA); NT registry CurrentVersion/CurrentBuildNumber/CSDVersion and ProductOptions ProductType/ProductSuite"
  },
  {
   "product": "Windows XP Professional",
   "anyOf": [
    [
     {
      "osVersion": "5.1.2600"
     },
     {
      "osProductType": "workstation"
     },
     {
      "osSuite": 512,
      "absent": true
     }
    ]
   ],
   "source": "OS version, product type and suite: OSVERSIONINFOEX (learn.microsoft.com, OSVERSIONINFOEXA); NT registry CurrentVersion/CurrentBuildNumber/CSDVersion and ProductOptions ProductType/ProductSuite"
  },
  {
   "product": "Windows XP Home Edition",
   "anyOf": [
    [
     {
      "osVersion": "5.1.2600"
     },
     {
      "osSuite": 512
     }
    ]
   ],
   "source": "OS version, product type and suite: OSVERSIONINFOEX (learn.microsoft.com, OSVERSIONINFOEXA); NT registry CurrentVersion/CurrentBuildNumber/CSDVersion and ProductOptions ProductType/ProductSuite"
  },
  {
   "product": "Windows Server 2003",
   "anyOf": [
    [
     {
      "osVersion": "5.2.3790"
     },
     {
      "osProductType": "server"
     }
    ]
   ],
   "source": "OS version, product type and suite: OSVERSIONINFOEX (learn.microsoft.com, OSVERSIONINFOEXA); NT registry CurrentVersion/CurrentBuildNumber/CSDVersion and ProductOptions ProductType/ProductSuite"
  },
  {
   "product": "Windows Server 2003, Standard Edition",
   "anyOf": [
    [
     {
      "osVersion": "5.2.3790"
     },
     {
      "osProductType": "server"
     },
     {
      "osSuite": 1154,
      "absent": true
     }
    ]
   ],
   "source": "OS version, product type and suite: OSVERSIONINFOEX (learn.microsoft.com, OSVERSIONINFOEXA); NT registry CurrentVersion/CurrentBuildNumber/CSDVersion and ProductOptions ProductType/ProductSuite"
  },
  {
   "product": "Windows Server 2003, Enterprise Edition",
   "anyOf": [
    [
     {
      "osVersion": "5.2.3790"
     },
     {
      "osProductType": "server"
     },
     {
      "osSuite": 2
     },
     {
      "osSuite": 128,
      "absent": true
     }
    ]
   ],
   "source": "OS version, product type and suite: OSVERSIONINFOEX (learn.microsoft.com, OSVERSIONINFOEXA); NT registry CurrentVersion/CurrentBuildNumber/CSDVersion and ProductOptions ProductType/ProductSuite"
  },
  {
   "product": "Windows Server 2003, Datacenter Edition",
   "anyOf": [
    [
     {
      "osVersion": "5.2.3790"
     },
     {
      "osProductType": "server"
     },
     {
      "osSuite": 128
     }
    ]
   ],
   "source": "OS version, product type and suite: OSVERSIONINFOEX (learn.microsoft.com, OSVERSIONINFOEXA); NT registry CurrentVersion/CurrentBuildNumber/CSDVersion and ProductOptions ProductType/ProductSuite"
  },
  {
   "product": "Windows Server 2003, Web Edition",
   "anyOf": [
    [
     {
      "osVersion": "5.2.3790"
     },
     {
      "osProductType": "server"
     },
     {
      "osSuite": 1024
     }
    ]
   ],
   "source": "OS version, product type and suite: OSVERSIONINFOEX (learn.microsoft.com, OSVERSIONINFOEXA); NT registry CurrentVersion/CurrentBuildNumber/CSDVersion and ProductOptions ProductType/ProductSuite"
  },
  {
   "product": "Internet Information Server 3.0",
   "anyOf": [
    [
     {
      "service": "W3SVC"
     },
     {
      "osVersion": "4.0.1381"
     },
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\InetStp",
      "value": "MajorVersion",
      "absent": true
     }
    ],
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\InetStp",
      "value": "MajorVersion",
      "equals": "3"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\InetStp MajorVersion (KB 224609, 'How to determine which version of IIS is installed'); IIS 3 predates InetStp on NT4, so the W3SVC service on NT4 without it"
  },
  {
   "product": "Internet Information Server 4.0",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\InetStp",
      "value": "MajorVersion",
      "equals": "4"
     },
     {
      "osVersion": "4.0.1381"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\InetStp MajorVersion (KB 224609, 'How to determine which version of IIS is installed')"
  },
  {
   "product": "Internet Information Services 5.0",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\InetStp",
      "value": "MajorVersion",
      "equals": "5"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\InetStp MajorVersion (KB 224609, 'How to determine which version of IIS is installed')",
   "aliases": [
    "Internet Information Server 5.0"
   ]
  },
  {
   "product": "Internet Information Services 5.1",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\InetStp",
      "value": "MajorVersion",
      "equals": "5"
     },
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\InetStp",
      "value": "MinorVersion",
      "equals": "1"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\InetStp MajorVersion (KB 224609, 'How to determine which version of IIS is installed')"
  },
  {
   "product": "Internet Information Services 6.0",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\InetStp",
      "value": "MajorVersion",
      "equals": "6"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\InetStp MajorVersion (KB 224609, 'How to determine which version of IIS is installed')"
  },
  {
   "product": "Personal Web Server 4.0",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\InetStp",
      "value": "MajorVersion",
      "equals": "4"
     },
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion",
      "absent": true
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\InetStp MajorVersion (KB 224609, 'How to determine which version of IIS is installed') on Windows 9x (no Windows NT CurrentVersion key)"
  },
  {
   "product": "Indexing Services for Windows 2000",
   "anyOf": [
    [
     {
      "osVersion": "5.0.2195"
     },
     {
      "service": "cisvc"
     }
    ]
   ],
   "source": "the Indexing Service is the cisvc service"
  },
  {
   "product": "Index Server 2.0",
   "anyOf": [
    [
     {
      "osVersion": "4.0.1381"
     },
     {
      "service": "cisvc"
     }
    ]
   ],
   "source": "Index Server 2.0 (NT4 Option Pack) runs as the cisvc service"
  },
  {
   "product": "Internet Explorer 4.0",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer",
      "value": "Version",
      "atLeast": "4.71",
      "below": "4.72"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer Version (KB 164539, 'How to determine which version of Internet Explorer is installed')"
  },
  {
   "product": "Internet Explorer 4.01",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer",
      "value": "Version",
      "atLeast": "4.72",
      "below": "4.73"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer Version (KB 164539, 'How to determine which version of Internet Explorer is installed')"
  },
  {
   "product": "Internet Explorer 5",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer",
      "value": "Version",
      "atLeast": "5.0",
      "below": "5.0.2919.6307"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer Version (KB 164539, 'How to determine which version of Internet Explorer is installed')",
   "aliases": [
    "Internet Explorer 5.0"
   ]
  },
  {
   "product": "Internet Explorer 5.01",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer",
      "value": "Version",
      "atLeast": "5.0.2919.6307",
      "below": "5.50"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer Version (KB 164539, 'How to determine which version of Internet Explorer is installed')"
  },
  {
   "product": "Internet Explorer 5.5",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer",
      "value": "Version",
      "atLeast": "5.50",
      "below": "5.51"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer Version (KB 164539, 'How to determine which version of Internet Explorer is installed')"
  },
  {
   "product": "Internet Explorer 6",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer",
      "value": "Version",
      "atLeast": "6.0",
      "below": "6.1"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer Version (KB 164539, 'How to determine which version of Internet Explorer is installed')",
   "aliases": [
    "Internet Explorer 6.0"
   ]
  },
  {
   "product": "Outlook Express 4.01",
   "anyOf": [
    [
     {
      "file": "%ProgramFiles%\\Outlook Express\\msimn.exe",
      "atLeast": "4.72",
      "below": "4.73"
     }
    ]
   ],
   "source": "the version of msimn.exe, Outlook Express's program (it follows the Internet Explorer release it shipped with)"
  },
  {
   "product": "Outlook Express 5.01",
   "anyOf": [
    [
     {
      "file": "%ProgramFiles%\\Outlook Express\\msimn.exe",
      "atLeast": "5.0.2919",
      "below": "5.50"
     }
    ]
   ],
   "source": "the version of msimn.exe, Outlook Express's program (it follows the Internet Explorer release it shipped with)"
  },
  {
   "product": "Outlook Express 5.5",
   "anyOf": [
    [
     {
      "file": "%ProgramFiles%\\Outlook Express\\msimn.exe",
      "atLeast": "5.50",
      "below": "5.51"
     }
    ]
   ],
   "source": "the version of msimn.exe, Outlook Express's program (it follows the Internet Explorer release it shipped with)"
  },
  {
   "product": "Outlook Express 6",
   "anyOf": [
    [
     {
      "file": "%ProgramFiles%\\Outlook Express\\msimn.exe",
      "atLeast": "6.0",
      "below": "6.1"
     }
    ]
   ],
   "source": "the version of msimn.exe, Outlook Express's program (it follows the Internet Explorer release it shipped with)",
   "aliases": [
    "Outlook Express 6.0"
   ]
  },
  {
   "product": "Internet Explorer 4.5 for Macintosh",
   "anyOf": [],
   "source": "a Macintosh product: never on a Windows machine"
  },
  {
   "product": "Outlook Express 5 for Macintosh",
   "anyOf": [],
   "source": "a Macintosh product: never on a Windows machine"
  },
  {
   "product": "Office 98 for Macintosh",
   "anyOf": [],
   "source": "a Macintosh product: never on a Windows machine"
  },
  {
   "product": "Word 98",
   "anyOf": [],
   "source": "a Macintosh product: never on a Windows machine"
  },
  {
   "product": "PowerPoint 98",
   "anyOf": [],
   "source": "a Macintosh product: never on a Windows machine"
  },
  {
   "product": "Windows Media Player 6.4",
   "anyOf": [
    [
     {
      "file": "%ProgramFiles%\\Windows Media Player\\mplayer2.exe",
      "atLeast": "6.4",
      "below": "6.5"
     }
    ]
   ],
   "source": "the player's program version: mplayer2.exe (6.4) and wmplayer.exe (7.x) under %ProgramFiles%\\Windows Media Player; WMP 7 keeps mplayer2.exe 6.4 beside it, so both are recognised"
  },
  {
   "product": "Windows Media Player 7.0",
   "anyOf": [
    [
     {
      "file": "%ProgramFiles%\\Windows Media Player\\wmplayer.exe",
      "atLeast": "7.0",
      "below": "7.1"
     }
    ]
   ],
   "source": "the player's program version: mplayer2.exe (6.4) and wmplayer.exe (7.x) under %ProgramFiles%\\Windows Media Player"
  },
  {
   "product": "Windows Media Player 7.1",
   "anyOf": [
    [
     {
      "file": "%ProgramFiles%\\Windows Media Player\\wmplayer.exe",
      "atLeast": "7.1",
      "below": "7.2"
     }
    ]
   ],
   "source": "the player's program version: mplayer2.exe (6.4) and wmplayer.exe (7.x) under %ProgramFiles%\\Windows Media Player"
  },
  {
   "product": "Windows Media Services 4.0",
   "anyOf": [
    [
     {
      "service": "nsunicast"
     },
     {
      "file": "%SystemRoot%\\system32\\Windows Media\\Server\\nsum.exe",
      "atLeast": "4.0",
      "below": "4.1"
     }
    ]
   ],
   "source": "the Windows Media Unicast service (nsunicast) and the server's program version; not verified on a real machine"
  },
  {
   "product": "Windows Media Services 4.1",
   "anyOf": [
    [
     {
      "service": "nsunicast"
     },
     {
      "file": "%SystemRoot%\\system32\\Windows Media\\Server\\nsum.exe",
      "atLeast": "4.1",
      "below": "4.2"
     }
    ]
   ],
   "source": "the Windows Media Unicast service (nsunicast) and the server's program version; not verified on a real machine"
  },
  {
   "product": "Windows Media Encoder 4.0",
   "anyOf": [
    [
     {
      "program": "Windows Media Encoder 4.0"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Windows Media Encoder 4.1",
   "anyOf": [
    [
     {
      "program": "Windows Media Encoder 4.1"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Windows Media Rights Manager 1",
   "anyOf": [
    [
     {
      "program": "Windows Media Rights Manager"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Money 2001",
   "anyOf": [
    [
     {
      "program": "Microsoft Money 2001"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Money 2000",
   "anyOf": [
    [
     {
      "program": "Microsoft Money 2000"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Works 2000",
   "anyOf": [
    [
     {
      "program": "Microsoft Works 2000"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "PictureIt 2000",
   "anyOf": [
    [
     {
      "program": "Microsoft Picture It! 2000"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Home Publishing 2000",
   "anyOf": [
    [
     {
      "program": "Microsoft Home Publishing 2000"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Publisher 99",
   "anyOf": [
    [
     {
      "program": "Microsoft Publisher 99"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Publisher 2000",
   "anyOf": [
    [
     {
      "program": "Microsoft Publisher 2000"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Photo Draw 2000 Version 1",
   "anyOf": [
    [
     {
      "program": "Microsoft PhotoDraw 2000"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Photo Draw 2000 Version 2",
   "anyOf": [
    [
     {
      "program": "Microsoft PhotoDraw 2000 Version 2"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Greetings 2000",
   "anyOf": [
    [
     {
      "program": "Microsoft Greetings 2000"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Systems Management Server 1.2",
   "anyOf": [
    [
     {
      "program": "Systems Management Server 1.2"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Systems Management Server 2.0",
   "anyOf": [
    [
     {
      "program": "Systems Management Server 2.0"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Site Server 3.0",
   "anyOf": [
    [
     {
      "program": "Microsoft Site Server 3.0"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Site Server 3.0, Commerce Edition",
   "anyOf": [
    [
     {
      "program": "Microsoft Site Server 3.0 Commerce Edition"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Microsoft Commercial Internet System 2.5",
   "anyOf": [
    [
     {
      "program": "Microsoft Commercial Internet System 2.5"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Microsoft Commercial Internet System 2.0",
   "anyOf": [
    [
     {
      "program": "Microsoft Commercial Internet System 2.0"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Windows 98 Resource Kit",
   "anyOf": [
    [
     {
      "program": "Microsoft Windows 98 Resource Kit"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "BackOffice Resource Kit SE",
   "anyOf": [
    [
     {
      "program": "Microsoft BackOffice Resource Kit"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Windows 98 Resource Kit Sampler",
   "anyOf": [
    [
     {
      "program": "Windows 98 Resource Kit Sampler"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Project 98",
   "anyOf": [
    [
     {
      "program": "Microsoft Project 98"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Project 2000",
   "anyOf": [
    [
     {
      "program": "Microsoft Project 2000"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Visual Basic 5.0",
   "anyOf": [
    [
     {
      "program": "Microsoft Visual Basic 5.0"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Visual Basic 6.0",
   "anyOf": [
    [
     {
      "program": "Microsoft Visual Basic 6.0"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Visual Studio 6.0",
   "anyOf": [
    [
     {
      "program": "Microsoft Visual Studio 6.0"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Connection Manager",
   "anyOf": [
    [
     {
      "program": "Connection Manager Administration Kit"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "ISA Server 2000",
   "anyOf": [
    [
     {
      "program": "Microsoft ISA Server"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Services for Unix 2.0 (NT)",
   "anyOf": [
    [
     {
      "program": "Windows Services for UNIX"
     },
     {
      "osVersion": "4.0.1381"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Services for Unix 2.0 (Win2K)",
   "anyOf": [
    [
     {
      "program": "Windows Services for UNIX"
     },
     {
      "osVersion": "5.0.2195"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "BackOffice Server 4.0",
   "anyOf": [
    [
     {
      "program": "Microsoft BackOffice Server 4.0"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Office 95",
   "anyOf": [
    [
     {
      "program": "Microsoft Office 95"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "Outlook 98",
   "anyOf": [
    [
     {
      "program": "Microsoft Outlook 98"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "FrontPage 97",
   "anyOf": [
    [
     {
      "program": "Microsoft FrontPage 97"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "FrontPage 98",
   "anyOf": [
    [
     {
      "program": "Microsoft FrontPage 98"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "FrontPage 2000",
   "anyOf": [
    [
     {
      "program": "Microsoft FrontPage 2000"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "FrontPage 97 Personal Web Server 1.0",
   "anyOf": [
    [
     {
      "program": "FrontPage Personal Web Server"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "FrontPage 98 Personal Web Server 1.0",
   "anyOf": [
    [
     {
      "program": "FrontPage Personal Web Server"
     }
    ]
   ],
   "source": "Add/Remove Programs DisplayName or MSI product name (not verified against a real installation of this product)"
  },
  {
   "product": "FrontPage 97 Server Extensions",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Shared Tools\\Web Server Extensions\\2.0"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Shared Tools\\Web Server Extensions\\<version> (2.0 FrontPage 97, 3.0 FrontPage 98, 4.0 FrontPage 2000 Server Extensions)"
  },
  {
   "product": "FrontPage 98 Server Extensions",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Shared Tools\\Web Server Extensions\\3.0"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Shared Tools\\Web Server Extensions\\<version> (2.0 FrontPage 97, 3.0 FrontPage 98, 4.0 FrontPage 2000 Server Extensions)"
  },
  {
   "product": "Front Page 2000 Server Extensions",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Shared Tools\\Web Server Extensions\\4.0"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Shared Tools\\Web Server Extensions\\<version> (2.0 FrontPage 97, 3.0 FrontPage 98, 4.0 FrontPage 2000 Server Extensions)",
   "aliases": [
    "FrontPage 2000 Server Extensions"
   ]
  },
  {
   "product": "Office 97",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Office\\8.0\\Common\\InstallRoot"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
  },
  {
   "product": "Word 97",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Office\\8.0\\Word\\InstallRoot"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
  },
  {
   "product": "Excel 97",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Office\\8.0\\Excel\\InstallRoot"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
  },
  {
   "product": "PowerPoint 97",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Office\\8.0\\PowerPoint\\InstallRoot"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
  },
  {
   "product": "Access 97",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Office\\8.0\\Access\\InstallRoot"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
  },
  {
   "product": "Outlook 97",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Office\\8.0\\Outlook\\InstallRoot"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
  },
  {
   "product": "Office 2000",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Office\\9.0\\Common\\InstallRoot"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
  },
  {
   "product": "Word 2000",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Office\\9.0\\Word\\InstallRoot"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
  },
  {
   "product": "Excel 2000",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Office\\9.0\\Excel\\InstallRoot"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
  },
  {
   "product": "PowerPoint 2000",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Office\\9.0\\PowerPoint\\InstallRoot"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
  },
  {
   "product": "Access 2000",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Office\\9.0\\Access\\InstallRoot"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
  },
  {
   "product": "Outlook 2000",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Office\\9.0\\Outlook\\InstallRoot"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
  },
  {
   "product": "Office 2002",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Office\\10.0\\Common\\InstallRoot"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
  },
  {
   "product": "Word 2002",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Office\\10.0\\Word\\InstallRoot"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
  },
  {
   "product": "Excel 2002",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Office\\10.0\\Excel\\InstallRoot"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
  },
  {
   "product": "PowerPoint 2002",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Office\\10.0\\PowerPoint\\InstallRoot"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
  },
  {
   "product": "Access 2002",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Office\\10.0\\Access\\InstallRoot"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
  },
  {
   "product": "Outlook 2002",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Office\\10.0\\Outlook\\InstallRoot"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Office\\<8.0 = 97, 9.0 = 2000, 10.0 = 2002>\\<application>\\InstallRoot, which Office setup writes for each installed application"
  },
  {
   "product": "SQL Server 7.0",
   "anyOf": [
    [
     {
      "service": "MSSQLServer"
     },
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion",
      "value": "CurrentVersion",
      "atLeast": "7.0",
      "below": "7.1"
     },
     {
      "program": "Microsoft SQL Server Desktop Engine",
      "absent": true
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion CurrentVersion (7.00.x SQL Server 7.0, 8.00.x SQL Server 2000) and the MSSQLSERVER service; MSDE is told apart by its Add/Remove Programs name (not verified)"
  },
  {
   "product": "SQL Server 2000",
   "anyOf": [
    [
     {
      "service": "MSSQLServer"
     },
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion",
      "value": "CurrentVersion",
      "atLeast": "8.0",
      "below": "8.1"
     },
     {
      "program": "Microsoft SQL Server Desktop Engine",
      "absent": true
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion CurrentVersion (7.00.x SQL Server 7.0, 8.00.x SQL Server 2000) and the MSSQLSERVER service; MSDE is told apart by its Add/Remove Programs name (not verified)"
  },
  {
   "product": "SQL Server Desktop Engine (MSDE) 1.0",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion",
      "value": "CurrentVersion",
      "atLeast": "7.0",
      "below": "7.1"
     },
     {
      "program": "Microsoft SQL Server Desktop Engine"
     }
    ],
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion",
      "value": "CurrentVersion",
      "atLeast": "7.0",
      "below": "7.1"
     },
     {
      "program": "MSDE"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion CurrentVersion (7.00.x SQL Server 7.0, 8.00.x SQL Server 2000) and the MSSQLSERVER service; MSDE is told apart by its Add/Remove Programs name (not verified)"
  },
  {
   "product": "SQL Server Desktop Engine (MSDE) 2000",
   "anyOf": [
    [
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion",
      "value": "CurrentVersion",
      "atLeast": "8.0",
      "below": "8.1"
     },
     {
      "program": "Microsoft SQL Server Desktop Engine"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion CurrentVersion (7.00.x SQL Server 7.0, 8.00.x SQL Server 2000) and the MSSQLSERVER service; MSDE is told apart by its Add/Remove Programs name (not verified)"
  },
  {
   "product": "Exchange Server 5.0",
   "anyOf": [
    [
     {
      "service": "MSExchangeIS"
     },
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Exchange\\Setup",
      "value": "NewestBuild",
      "atLeast": "1457",
      "below": "1960"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Exchange\\Setup NewestBuild (1457 Exchange 5.0, 1960-2653 Exchange 5.5, 4417 and later Exchange 2000) and the MSExchangeIS service; Standard and Enterprise editions are not told apart"
  },
  {
   "product": "Exchange Server 5.5",
   "anyOf": [
    [
     {
      "service": "MSExchangeIS"
     },
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Exchange\\Setup",
      "value": "NewestBuild",
      "atLeast": "1960",
      "below": "4000"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Exchange\\Setup NewestBuild (1457 Exchange 5.0, 1960-2653 Exchange 5.5, 4417 and later Exchange 2000) and the MSExchangeIS service; Standard and Enterprise editions are not told apart"
  },
  {
   "product": "Exchange 2000 Server",
   "anyOf": [
    [
     {
      "service": "MSExchangeIS"
     },
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Exchange\\Setup",
      "value": "NewestBuild",
      "atLeast": "4417",
      "below": "6000"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Exchange\\Setup NewestBuild (1457 Exchange 5.0, 1960-2653 Exchange 5.5, 4417 and later Exchange 2000) and the MSExchangeIS service; Standard and Enterprise editions are not told apart"
  },
  {
   "product": "Exchange 2000 Enterprise Server",
   "anyOf": [
    [
     {
      "service": "MSExchangeIS"
     },
     {
      "key": "HKLM\\SOFTWARE\\Microsoft\\Exchange\\Setup",
      "value": "NewestBuild",
      "atLeast": "4417",
      "below": "6000"
     }
    ]
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Exchange\\Setup NewestBuild (1457 Exchange 5.0, 1960-2653 Exchange 5.5, 4417 and later Exchange 2000) and the MSExchangeIS service; Standard and Enterprise editions are not told apart"
  },
  {
   "product": "Microsoft Virtual Machine (VM)",
   "anyOf": [
    [
     {
      "file": "%SystemRoot%\\system32\\msjava.dll"
     }
    ]
   ],
   "source": "msjava.dll, the Microsoft VM's runtime",
   "aliases": [
    "Microsoft VM"
   ]
  },
  {
   "product": "NetMeeting",
   "anyOf": [
    [
     {
      "file": "%ProgramFiles%\\NetMeeting\\conf.exe"
     }
    ]
   ],
   "source": "conf.exe, NetMeeting's program"
  },
  {
   "product": "Windows Script 5.1",
   "anyOf": [
    [
     {
      "file": "%SystemRoot%\\system32\\vbscript.dll",
      "atLeast": "5.1",
      "below": "5.5"
     }
    ]
   ],
   "source": "the version of vbscript.dll (Windows Script 5.1 = 5.1.x, 5.5 = 5.5.x)"
  },
  {
   "product": "Windows Script 5.5",
   "anyOf": [
    [
     {
      "file": "%SystemRoot%\\system32\\vbscript.dll",
      "atLeast": "5.5",
      "below": "5.6"
     }
    ]
   ],
   "source": "the version of vbscript.dll (Windows Script 5.1 = 5.1.x, 5.5 = 5.5.x)"
  }
 ],
 "servicePackSeries": [
  {
   "series": "Windows NT 4.0",
   "servicePacks": [
    {
     "name": "Windows NT4 Gold",
     "allOf": [
      {
       "osVersion": "4.0.1381"
      },
      {
       "osServicePack": 0
      }
     ]
    },
    {
     "name": "Windows NT4 Service Pack 1",
     "allOf": [
      {
       "osVersion": "4.0.1381"
      },
      {
       "osServicePack": 1
      }
     ]
    },
    {
     "name": "Windows NT4 Service Pack 2",
     "allOf": [
      {
       "osVersion": "4.0.1381"
      },
      {
       "osServicePack": 2
      }
     ]
    },
    {
     "name": "Windows NT4 Service Pack 3",
     "allOf": [
      {
       "osVersion": "4.0.1381"
      },
      {
       "osServicePack": 3
      }
     ]
    },
    {
     "name": "Windows NT4 Service Pack 4",
     "allOf": [
      {
       "osVersion": "4.0.1381"
      },
      {
       "osServicePack": 4
      }
     ]
    },
    {
     "name": "Windows NT4 Service Pack 5",
     "allOf": [
      {
       "osVersion": "4.0.1381"
      },
      {
       "osServicePack": 5
      }
     ]
    },
    {
     "name": "Windows NT4 Service Pack 6",
     "allOf": [
      {
       "osVersion": "4.0.1381"
      },
      {
       "osServicePack": 6
      },
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Hotfix\\Q246009",
       "absent": true
      }
     ]
    },
    {
     "name": "Windows NT4 Service Pack 6a",
     "allOf": [
      {
       "osVersion": "4.0.1381"
      },
      {
       "osServicePack": 6
      },
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Hotfix\\Q246009"
      }
     ]
    }
   ],
   "source": "CSDVersion / OS service pack; SP6a is SP6 with the Q246009 hotfix key (CSDVersion stays 'Service Pack 6', KB 246009)"
  },
  {
   "series": "Windows NT 4.0 Terminal Server",
   "servicePacks": [
    {
     "name": "Windows NT 4 Terminal Server Gold",
     "allOf": [
      {
       "osVersion": "4.0.1381"
      },
      {
       "osSuite": 16
      },
      {
       "osServicePack": 0
      }
     ]
    },
    {
     "name": "Windows NT4 Terminal Server Service Pack 4",
     "allOf": [
      {
       "osVersion": "4.0.1381"
      },
      {
       "osSuite": 16
      },
      {
       "osServicePack": 4
      }
     ]
    },
    {
     "name": "Windows NT4 Terminal Server Service Pack 5",
     "allOf": [
      {
       "osVersion": "4.0.1381"
      },
      {
       "osSuite": 16
      },
      {
       "osServicePack": 5
      }
     ]
    },
    {
     "name": "Windows NT4 Terminal Server Service Pack 6",
     "allOf": [
      {
       "osVersion": "4.0.1381"
      },
      {
       "osSuite": 16
      },
      {
       "osServicePack": 6
      }
     ]
    }
   ],
   "source": "CSDVersion / OS service pack; SP6a is SP6 with the Q246009 hotfix key (CSDVersion stays 'Service Pack 6', KB 246009)"
  },
  {
   "series": "Windows 2000",
   "servicePacks": [
    {
     "name": "Windows 2000 Gold",
     "allOf": [
      {
       "osVersion": "5.0.2195"
      },
      {
       "osServicePack": 0
      }
     ]
    },
    {
     "name": "Windows 2000 Service Pack 1",
     "allOf": [
      {
       "osVersion": "5.0.2195"
      },
      {
       "osServicePack": 1
      }
     ],
     "aliases": [
      "Windows 2000 Service Pack 1 (when available)"
     ]
    },
    {
     "name": "Windows 2000 Service Pack 2",
     "allOf": [
      {
       "osVersion": "5.0.2195"
      },
      {
       "osServicePack": 2
      }
     ],
     "aliases": [
      "Windows 2000 Service Pack 2 (when available)"
     ]
    },
    {
     "name": "Windows 2000 Service Pack 3",
     "allOf": [
      {
       "osVersion": "5.0.2195"
      },
      {
       "osServicePack": 3
      }
     ],
     "aliases": [
      "Windows 2000 Service Pack 3 (when available)"
     ]
    },
    {
     "name": "Windows 2000 Service Pack 4",
     "allOf": [
      {
       "osVersion": "5.0.2195"
      },
      {
       "osServicePack": 4
      }
     ],
     "aliases": [
      "Windows 2000 Service Pack 4 (when available)"
     ]
    }
   ],
   "source": "CSDVersion / OS service pack; SP6a is SP6 with the Q246009 hotfix key (CSDVersion stays 'Service Pack 6', KB 246009)"
  },
  {
   "series": "Windows XP",
   "servicePacks": [
    {
     "name": "Windows XP Gold",
     "allOf": [
      {
       "osVersion": "5.1.2600"
      },
      {
       "osServicePack": 0
      }
     ]
    },
    {
     "name": "Windows XP Service Pack 1",
     "allOf": [
      {
       "osVersion": "5.1.2600"
      },
      {
       "osServicePack": 1
      }
     ]
    },
    {
     "name": "Windows XP Service Pack 2",
     "allOf": [
      {
       "osVersion": "5.1.2600"
      },
      {
       "osServicePack": 2
      }
     ]
    },
    {
     "name": "Windows XP Service Pack 3",
     "allOf": [
      {
       "osVersion": "5.1.2600"
      },
      {
       "osServicePack": 3
      }
     ]
    }
   ],
   "source": "CSDVersion / OS service pack; SP6a is SP6 with the Q246009 hotfix key (CSDVersion stays 'Service Pack 6', KB 246009)"
  },
  {
   "series": "Windows Server 2003",
   "servicePacks": [
    {
     "name": "Windows Server 2003 Gold",
     "allOf": [
      {
       "osVersion": "5.2.3790"
      },
      {
       "osServicePack": 0
      }
     ]
    },
    {
     "name": "Windows Server 2003 Service Pack 1",
     "allOf": [
      {
       "osVersion": "5.2.3790"
      },
      {
       "osServicePack": 1
      }
     ]
    },
    {
     "name": "Windows Server 2003 Service Pack 2",
     "allOf": [
      {
       "osVersion": "5.2.3790"
      },
      {
       "osServicePack": 2
      }
     ]
    }
   ],
   "source": "CSDVersion / OS service pack; SP6a is SP6 with the Q246009 hotfix key (CSDVersion stays 'Service Pack 6', KB 246009)"
  },
  {
   "series": "Windows 95",
   "servicePacks": [
    {
     "name": "Windows 95 Gold",
     "allOf": [
      {
       "osVersion": "4.0.950"
      }
     ]
    },
    {
     "name": "Windows 95 OSR2",
     "allOf": [
      {
       "osVersion": "4.0.1111"
      }
     ]
    },
    {
     "name": "Windows 95 SR 2.1",
     "allOf": [
      {
       "osVersion": "4.3.1212"
      }
     ],
     "aliases": [
      "Windows 95 SR 2.1 (4.03.1213)"
     ]
    },
    {
     "name": "Windows 95 SR 2.5",
     "allOf": [
      {
       "osVersion": "4.3.1214"
      }
     ]
    }
   ],
   "source": "9x VersionNumber under HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion (KB 158238: 4.00.950 Windows 95, 4.00.1111 OSR2, 4.03.1212-1214 OSR2.1/2.5, 4.10.1998 Windows 98, 4.10.2222 Windows 98 Second Edition with SubVersionNumber ' A ', 4.90.3000 Windows Me)"
  },
  {
   "series": "Internet Explorer 4.01",
   "servicePacks": [
    {
     "name": "Internet Explorer 4.01 Gold",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer",
       "value": "Version",
       "atLeast": "4.72",
       "below": "4.72.3612.1713"
      }
     ]
    },
    {
     "name": "Internet Explorer 4.01 SP1",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer",
       "value": "Version",
       "atLeast": "4.72.3612.1713",
       "below": "4.72.3711.2900"
      }
     ]
    },
    {
     "name": "Internet Explorer 4.01 SP2",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer",
       "value": "Version",
       "atLeast": "4.72.3711.2900",
       "below": "4.73"
      }
     ]
    }
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer Version (KB 164539, 'How to determine which version of Internet Explorer is installed')"
  },
  {
   "series": "Internet Explorer 5.01",
   "servicePacks": [
    {
     "name": "Internet Explorer 5.01 Gold",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer",
       "value": "Version",
       "atLeast": "5.0.2919.6307",
       "below": "5.0.3105.106"
      }
     ]
    },
    {
     "name": "Internet Explorer 5.01 SP1",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer",
       "value": "Version",
       "atLeast": "5.0.3105.106",
       "below": "5.0.3314.2101"
      }
     ]
    },
    {
     "name": "Internet Explorer 5.01 SP2",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer",
       "value": "Version",
       "atLeast": "5.0.3314.2101",
       "below": "5.50"
      }
     ]
    }
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer Version (KB 164539, 'How to determine which version of Internet Explorer is installed')"
  },
  {
   "series": "Internet Explorer 5.5",
   "servicePacks": [
    {
     "name": "Internet Explorer 5.5 Gold",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer",
       "value": "Version",
       "atLeast": "5.50.4134.600",
       "below": "5.50.4522.1800"
      }
     ]
    },
    {
     "name": "Internet Explorer 5.5 SP1",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer",
       "value": "Version",
       "atLeast": "5.50.4522.1800",
       "below": "5.50.4807.2300"
      }
     ]
    },
    {
     "name": "Internet Explorer 5.5 SP2",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer",
       "value": "Version",
       "atLeast": "5.50.4807.2300",
       "below": "5.51"
      }
     ]
    }
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer Version (KB 164539, 'How to determine which version of Internet Explorer is installed')"
  },
  {
   "series": "SQL Server 7.0",
   "servicePacks": [
    {
     "name": "SQL Server 7.0 Gold",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion",
       "value": "CSDVersion",
       "atLeast": "7.0.623",
       "below": "7.0.699"
      }
     ]
    },
    {
     "name": "SQL Server 7.0 SP1",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion",
       "value": "CSDVersion",
       "atLeast": "7.0.699",
       "below": "7.0.842"
      }
     ]
    },
    {
     "name": "SQL Server 7.0 SP2",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion",
       "value": "CSDVersion",
       "atLeast": "7.0.842",
       "below": "7.0.961"
      }
     ]
    },
    {
     "name": "SQL Server 7.0 SP3",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion",
       "value": "CSDVersion",
       "atLeast": "7.0.961",
       "below": "7.0.1063"
      }
     ]
    }
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion CSDVersion: 7.00.623/699/842/961 (SQL Server 7.0 Gold, SP1-SP3), 8.00.194/384 (SQL Server 2000 Gold, SP1)"
  },
  {
   "series": "SQL Server 2000",
   "servicePacks": [
    {
     "name": "SQL Server 2000 Gold",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion",
       "value": "CSDVersion",
       "atLeast": "8.0.194",
       "below": "8.0.384"
      }
     ]
    },
    {
     "name": "SQL Server 2000 SP1",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion",
       "value": "CSDVersion",
       "atLeast": "8.0.384",
       "below": "8.0.534"
      }
     ]
    }
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\MSSQLServer\\MSSQLServer\\CurrentVersion CSDVersion: 7.00.623/699/842/961 (SQL Server 7.0 Gold, SP1-SP3), 8.00.194/384 (SQL Server 2000 Gold, SP1)"
  },
  {
   "series": "Exchange Server 5.5",
   "servicePacks": [
    {
     "name": "Exchange Server 5.5 Gold",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\Exchange\\Setup",
       "value": "NewestBuild",
       "atLeast": "1960",
       "below": "2232"
      }
     ]
    },
    {
     "name": "Exchange Server 5.5 SP1",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\Exchange\\Setup",
       "value": "NewestBuild",
       "atLeast": "2232",
       "below": "2448"
      }
     ]
    },
    {
     "name": "Exchange Server 5.5 SP2",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\Exchange\\Setup",
       "value": "NewestBuild",
       "atLeast": "2448",
       "below": "2650"
      }
     ]
    },
    {
     "name": "Exchange Server 5.5 SP3",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\Exchange\\Setup",
       "value": "NewestBuild",
       "atLeast": "2650",
       "below": "2653"
      }
     ]
    },
    {
     "name": "Exchange Server 5.5 SP4",
     "allOf": [
      {
       "key": "HKLM\\SOFTWARE\\Microsoft\\Exchange\\Setup",
       "value": "NewestBuild",
       "atLeast": "2653",
       "below": "4000"
      }
     ]
    }
   ],
   "source": "HKLM\\SOFTWARE\\Microsoft\\Exchange\\Setup NewestBuild (1457 Exchange 5.0, 1960-2653 Exchange 5.5, 4417: 1960 Gold, 2232 SP1, 2448 SP2, 2650 SP3, 2653 SP4 (Exchange 5.5)"
  }
 ]
}
"""#
