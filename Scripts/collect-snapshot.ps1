<#
.SYNOPSIS
    Writes a mofkit machine snapshot (Docs/snapshot.md, schema Docs/snapshot-schema.json) of this machine.

.DESCRIPTION
    Collects, without changing anything on the machine:
      - OS facts through CIM (Win32_OperatingSystem, Win32_Processor), the way mofkit derives them;
      - registry keys: the standard ones (Uninstall in both views, Windows NT\CurrentVersion,
        ComputerName, Terminal Server, Session Manager\Environment), the facts mofkit's product
        detection table reads for mssecure.xml (Docs/snapshot.md "Facts for mssecure product
        detection": Hotfix and Updates keys, ProductOptions, Windows\CurrentVersion, InetStp,
        Internet Explorer, Office InstallRoot keys, SQL Server, Exchange, FrontPage server extensions,
        the services the table names) plus -RegistryKey, each in the 64-bit and the 32-bit view, with
        -Depth levels of subkeys;
      - files given with -File, the program files the product table reads, and with -MssecureCatalog
        every file a catalog's FileChange names (version, size, dates, SHA-256 and SHA-1);
      - special folders (CSIDL number -> path);
      - WMI instances of -WmiClass (namespace:class);
      - MSI products and applied patches through the WindowsInstaller.Installer COM object
        (not Win32_Product, which triggers consistency checks and repairs); components with
        -IncludeMsiComponents;
      - installed updates from Win32_QuickFixEngineering;
      - CBS packages from the Component Based Servicing registry key.
    Written for Windows PowerShell 5.1 and PowerShell 7, but UNTESTED on Windows: it has never been run.
    Its output members are checked statically against Docs/snapshot-schema.json (mofkit's SchemaTests);
    check a first snapshot with `mofkit inventory --print-snapshot --machine OUT.json`.
    Run elevated for complete CBS and file data.

    Keep in step with the schema: every top-level member is set with $snapshot[...] = … in the Write section below, and a
    mofkit test checks those names against Docs/snapshot-schema.json.

.EXAMPLE
    .\collect-snapshot.ps1 -OutFile \\server\share\snapshots\$env:COMPUTERNAME.json -RegistryKey 'HKLM\SOFTWARE\Contoso' -File 'C:\Windows\System32\ntoskrnl.exe'
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)] [string] $OutFile,
    [string[]] $RegistryKey = @(),
    [int] $Depth = 1,
    [string[]] $File = @(),
    # An mssecure.xml: the files its FileChanges name (Files/File + Locations) are collected too.
    [string] $MssecureCatalog,
    [string[]] $WmiClass = @('root\cimv2:Win32_OperatingSystem', 'root\cimv2:Win32_ComputerSystem', 'root\cimv2:Win32_Processor',
                             'root\cimv2:Win32_LogicalDisk', 'root\cimv2:Win32_BIOS'),
    [switch] $IncludeMsiComponents
)

Set-StrictMode -Version 2
$ErrorActionPreference = 'Stop'

function ConvertTo-Hex([byte[]] $Bytes) {
    if ($null -eq $Bytes) { return '' }
    return (($Bytes | ForEach-Object { $_.ToString('x2') }) -join '')
}

function ConvertTo-UInt32([object] $Value) { [BitConverter]::ToUInt32([BitConverter]::GetBytes([int32]$Value), 0) }
function ConvertTo-UInt64([object] $Value) { [BitConverter]::ToUInt64([BitConverter]::GetBytes([int64]$Value), 0) }

# --- OS --------------------------------------------------------------------------------------
$os = Get-CimInstance -ClassName Win32_OperatingSystem
$cpu = Get-CimInstance -ClassName Win32_Processor | Select-Object -First 1
$architecture = switch ([int]$cpu.Architecture) { 0 { 'x86' } 5 { 'arm' } 6 { 'ia64' } 9 { 'x64' } 12 { 'arm64' } default { $null } }
if ($architecture -eq 'x64' -and [int]$cpu.AddressWidth -eq 32) { $architecture = 'x86' }
if ($architecture -eq 'arm64' -and [int]$cpu.AddressWidth -eq 32) { $architecture = 'arm' }
$productType = switch ([int]$os.ProductType) { 1 { 'workstation' } 2 { 'domain-controller' } 3 { 'server' } default { $null } }
$osSection = [ordered]@{
    caption          = [string]$os.Caption
    version          = [string]$os.Version
    build            = [int]$os.BuildNumber
    servicePackMajor = [int]$os.ServicePackMajorVersion
    servicePackMinor = [int]$os.ServicePackMinorVersion
    suiteMask        = [int64]$os.SuiteMask
    language         = [int]$os.OSLanguage
    windowsDirectory = [string]$os.WindowsDirectory
    systemDirectory  = [string]$os.SystemDirectory
}
if ($productType) { $osSection['productType'] = $productType }
if ($architecture) { $osSection['architecture'] = $architecture }
$ubr = (Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' -Name UBR -ErrorAction SilentlyContinue)
if ($ubr) { $osSection['revision'] = [int]$ubr.UBR }

# --- Registry --------------------------------------------------------------------------------
$hives = @{
    'HKLM' = [Microsoft.Win32.RegistryHive]::LocalMachine; 'HKEY_LOCAL_MACHINE' = [Microsoft.Win32.RegistryHive]::LocalMachine
    'HKCU' = [Microsoft.Win32.RegistryHive]::CurrentUser;  'HKEY_CURRENT_USER' = [Microsoft.Win32.RegistryHive]::CurrentUser
    'HKCR' = [Microsoft.Win32.RegistryHive]::ClassesRoot;  'HKEY_CLASSES_ROOT' = [Microsoft.Win32.RegistryHive]::ClassesRoot
    'HKU'  = [Microsoft.Win32.RegistryHive]::Users;        'HKEY_USERS' = [Microsoft.Win32.RegistryHive]::Users
}
$standardKeys = @(
    @{ Path = 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall'; Depth = 1 },
    @{ Path = 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion'; Depth = 0 },
    @{ Path = 'HKLM\SYSTEM\CurrentControlSet\Control\ComputerName\ComputerName'; Depth = 0 },
    @{ Path = 'HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server'; Depth = 0 },
    @{ Path = 'HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment'; Depth = 0 },
    # Facts for mssecure product detection (Docs/snapshot.md).
    @{ Path = 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Hotfix'; Depth = 1 },
    @{ Path = 'HKLM\SOFTWARE\Microsoft\Updates'; Depth = 3 },
    @{ Path = 'HKLM\SYSTEM\CurrentControlSet\Control\ProductOptions'; Depth = 0 },
    @{ Path = 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion'; Depth = 0 },
    @{ Path = 'HKLM\SOFTWARE\Microsoft\InetStp'; Depth = 0 },
    @{ Path = 'HKLM\SOFTWARE\Microsoft\Internet Explorer'; Depth = 0 },
    @{ Path = 'HKLM\SOFTWARE\Microsoft\MSSQLServer\MSSQLServer\CurrentVersion'; Depth = 0 },
    @{ Path = 'HKLM\SOFTWARE\Microsoft\Exchange\Setup'; Depth = 0 },
    @{ Path = 'HKLM\SOFTWARE\Microsoft\Shared Tools\Web Server Extensions'; Depth = 1 }
)
foreach ($office in '8.0', '9.0', '10.0', '11.0') {
    foreach ($application in 'Common', 'Word', 'Excel', 'PowerPoint', 'Access', 'Outlook') {
        $standardKeys += @{ Path = "HKLM\SOFTWARE\Microsoft\Office\$office\$application\InstallRoot"; Depth = 0 }
    }
}
foreach ($service in 'W3SVC', 'IISADMIN', 'cisvc', 'MSSQLServer', 'MSExchangeIS', 'nsunicast') {
    $standardKeys += @{ Path = "HKLM\SYSTEM\CurrentControlSet\Services\$service"; Depth = 0 }
}
$registry = New-Object System.Collections.Generic.List[object]
$seenKeys = @{}

function Add-RegistryKey([Microsoft.Win32.RegistryKey] $Key, [string] $DisplayPath, [string] $View, [int] $Levels) {
    $id = "$View|$DisplayPath".ToLowerInvariant()
    if ($seenKeys.ContainsKey($id)) { return }
    $seenKeys[$id] = $true
    $values = [ordered]@{}
    foreach ($name in $Key.GetValueNames()) {
        $kind = $Key.GetValueKind($name)
        $raw = $Key.GetValue($name, $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
        $entry = switch ($kind) {
            'String'       { [ordered]@{ type = 'REG_SZ'; data = [string]$raw } }
            'ExpandString' { [ordered]@{ type = 'REG_EXPAND_SZ'; data = [string]$raw } }
            'MultiString'  { [ordered]@{ type = 'REG_MULTI_SZ'; data = [object[]]@($raw | ForEach-Object { [string]$_ }) } }
            'DWord'        { [ordered]@{ type = 'REG_DWORD'; data = (ConvertTo-UInt32 $raw) } }
            'QWord'        { [ordered]@{ type = 'REG_QWORD'; data = (ConvertTo-UInt64 $raw) } }
            'Binary'       { [ordered]@{ type = 'REG_BINARY'; data = (ConvertTo-Hex $raw) } }
            default        { [ordered]@{ type = 'REG_NONE'; data = (ConvertTo-Hex ([byte[]]$raw)) } }
        }
        $values[$name] = $entry
    }
    $registry.Add([ordered]@{ path = $DisplayPath; view = $View; values = $values })
    if ($Levels -le 0) { return }
    foreach ($subName in $Key.GetSubKeyNames()) {
        if ($subName -eq 'Wow6432Node') { continue }  # the 32-bit view is collected on its own
        try {
            $sub = $Key.OpenSubKey($subName)
            if ($sub) { Add-RegistryKey $sub "$DisplayPath\$subName" $View ($Levels - 1); $sub.Close() }
        } catch { Write-Verbose "skipped $DisplayPath\$subName : $_" }
    }
}

$wanted = @($standardKeys) + @($RegistryKey | ForEach-Object { @{ Path = $_; Depth = $Depth } })
$views = @(@{ Name = '64'; View = [Microsoft.Win32.RegistryView]::Registry64 }, @{ Name = '32'; View = [Microsoft.Win32.RegistryView]::Registry32 })
if (-not [Environment]::Is64BitOperatingSystem) { $views = @(@{ Name = 'native'; View = [Microsoft.Win32.RegistryView]::Default }) }
foreach ($item in $wanted) {
    $parts = $item.Path -split '\\', 2
    $hive = $hives[$parts[0].ToUpperInvariant()]
    if ($null -eq $hive) { Write-Warning "not a registry hive: $($item.Path)"; continue }
    foreach ($view in $views) {
        $base = [Microsoft.Win32.RegistryKey]::OpenBaseKey($hive, $view.View)
        $key = if ($parts.Count -gt 1) { $base.OpenSubKey($parts[1]) } else { $base }
        if ($key) { Add-RegistryKey $key $item.Path $view.Name $item.Depth; $key.Close() }
        $base.Close()
    }
}

# --- Files -----------------------------------------------------------------------------------
# The program files the product table reads (missing ones are skipped quietly), and an mssecure
# catalog's FileChange files (%windir%-style locations expanded from this machine's environment).
$productFiles = @('%ProgramFiles%\Outlook Express\msimn.exe', '%ProgramFiles%\Windows Media Player\wmplayer.exe',
                  '%ProgramFiles%\Windows Media Player\mplayer2.exe', '%ProgramFiles%\NetMeeting\conf.exe',
                  '%SystemRoot%\system32\vbscript.dll', '%SystemRoot%\system32\msjava.dll',
                  '%SystemRoot%\system32\Windows Media\Server\nsum.exe')
$quietFiles = @($productFiles | ForEach-Object { [Environment]::ExpandEnvironmentVariables($_) })
if ($MssecureCatalog) {
    [xml] $catalog = Get-Content -LiteralPath $MssecureCatalog -Raw
    $locations = @{}
    foreach ($location in $catalog.BulletinDatastore.Locations.Location) { $locations[$location.LocationID] = $location.Path }
    foreach ($entry in $catalog.BulletinDatastore.Files.File) {
        $folder = $locations[$entry.LocationID]
        if ($folder -and $folder -ne 'na') { $quietFiles += [Environment]::ExpandEnvironmentVariables((Join-Path $folder $entry.Name)) }
    }
}
$File = @($File) + @($quietFiles | Where-Object { Test-Path -LiteralPath $_ -PathType Leaf } | Sort-Object -Unique)
$files = New-Object System.Collections.Generic.List[object]
foreach ($path in $File) {
    $info = Get-Item -LiteralPath $path -ErrorAction SilentlyContinue
    if (-not $info -or $info.PSIsContainer) { Write-Warning "no file $path"; continue }
    $entry = [ordered]@{
        path     = $info.FullName
        size     = [int64]$info.Length
        created  = $info.CreationTimeUtc.ToString('yyyy-MM-ddTHH:mm:ssZ')
        modified = $info.LastWriteTimeUtc.ToString('yyyy-MM-ddTHH:mm:ssZ')
        hashes   = [ordered]@{
            sha256 = (Get-FileHash -LiteralPath $path -Algorithm SHA256).Hash.ToLowerInvariant()
            sha1   = (Get-FileHash -LiteralPath $path -Algorithm SHA1).Hash.ToLowerInvariant()
        }
    }
    if ($info.VersionInfo.FileVersionRaw) { $entry['version'] = $info.VersionInfo.FileVersionRaw.ToString() }
    $files.Add($entry)
}

# --- Special folders (Environment.SpecialFolder values are CSIDL numbers) ----------------------
$folders = [ordered]@{}
foreach ($folder in [Enum]::GetValues([Environment+SpecialFolder])) {
    $folderPath = [Environment]::GetFolderPath($folder)
    if ($folderPath) { $folders[[string][int]$folder] = $folderPath }
}

# --- WMI -------------------------------------------------------------------------------------
function ConvertTo-SnapshotValue([object] $Value) {
    if ($null -eq $Value) { return $null }
    if ($Value -is [datetime]) { return [Management.ManagementDateTimeConverter]::ToDmtfDateTime($Value) }
    if ($Value -is [string] -or $Value -is [bool] -or $Value -is [ValueType]) { return $Value }
    if ($Value -is [array]) { return [object[]]@($Value | ForEach-Object { ConvertTo-SnapshotValue $_ }) }
    return [string]$Value  # embedded instances: their text form
}
$wmi = [ordered]@{}
foreach ($spec in $WmiClass) {
    $namespace, $className = if ($spec -like '*:*') { $spec -split ':', 2 } else { 'root\cimv2', $spec }
    try { $instances = @(Get-CimInstance -Namespace $namespace -ClassName $className) } catch { Write-Warning "no class ${spec}: $_"; continue }
    if (-not $wmi.Contains($namespace)) { $wmi[$namespace] = [ordered]@{} }
    $list = New-Object System.Collections.Generic.List[object]
    foreach ($instance in $instances) {
        $properties = [ordered]@{}
        foreach ($property in $instance.CimInstanceProperties) {
            $properties[$property.Name] = ConvertTo-SnapshotValue $property.Value
        }
        $list.Add($properties)
    }
    $wmi[$namespace][$className] = $list
}

# --- MSI -------------------------------------------------------------------------------------
$products = New-Object System.Collections.Generic.List[object]
$patches = New-Object System.Collections.Generic.List[object]
$components = New-Object System.Collections.Generic.List[object]
try {
    $installer = New-Object -ComObject WindowsInstaller.Installer
    foreach ($code in $installer.Products) {
        $product = [ordered]@{ productCode = $code }
        foreach ($pair in @(@('version', 'VersionString'), @('language', 'Language'), @('name', 'ProductName'), @('publisher', 'Publisher'))) {
            try {
                $value = $installer.ProductInfo($code, $pair[1])
                if ($value -ne '') { $product[$pair[0]] = if ($pair[0] -eq 'language') { [int]$value } else { $value } }
            } catch { }
        }
        $products.Add($product)
        try {
            foreach ($patch in $installer.Patches($code)) {
                $patches.Add([ordered]@{ patchCode = $patch; productCode = $code; state = 'applied' })
            }
        } catch { }
    }
    if ($IncludeMsiComponents) {
        foreach ($component in $installer.Components) {
            foreach ($client in $installer.ComponentClients($component)) {
                $components.Add([ordered]@{ componentCode = $component; productCode = $client; path = $installer.ComponentPath($client, $component) })
            }
        }
    }
} catch { Write-Warning "Windows Installer not available: $_" }

# --- Updates and CBS packages ----------------------------------------------------------------
$updates = New-Object System.Collections.Generic.List[object]
foreach ($qfe in @(Get-CimInstance -ClassName Win32_QuickFixEngineering)) {
    if (-not $qfe.HotFixID) { continue }
    $update = [ordered]@{ id = $qfe.HotFixID; description = [string]$qfe.Description }
    if ($qfe.InstalledOn) { $update['installedOn'] = ([datetime]$qfe.InstalledOn).ToString('yyyy-MM-dd') }
    $updates.Add($update)
}
$cbsStates = @{ 0 = 'Absent'; 5 = 'UninstallPending'; 16 = 'Resolving'; 32 = 'Resolved'; 48 = 'Staging'; 64 = 'Staged';
                80 = 'Superseded'; 96 = 'InstallPending'; 101 = 'PartiallyInstalled'; 112 = 'Installed'; -1 = 'Permanent' }
$cbs = New-Object System.Collections.Generic.List[object]
$cbsRoot = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\Packages'
if (Test-Path $cbsRoot) {
    foreach ($package in Get-ChildItem -Path $cbsRoot -ErrorAction SilentlyContinue) {
        $state = $package.GetValue('CurrentState')
        if ($null -eq $state) { continue }
        $name = $cbsStates[[int]$state]
        if (-not $name) { $name = "0x{0:x}" -f [int]$state }
        $cbs.Add([ordered]@{ identity = $package.PSChildName; state = $name })
    }
}

# --- Write -----------------------------------------------------------------------------------
$snapshot = [ordered]@{}
$snapshot['formatVersion'] = 1
$snapshot['machineName'] = $env:COMPUTERNAME
$snapshot['os'] = $osSection
$snapshot['registry'] = $registry
$snapshot['files'] = $files
$snapshot['specialFolders'] = $folders
$snapshot['wmi'] = $wmi
$snapshot['msi'] = [ordered]@{ products = $products; patches = $patches; components = $components }
$snapshot['installedUpdates'] = $updates
$snapshot['cbsPackages'] = $cbs

$json = $snapshot | ConvertTo-Json -Depth 12
$directory = Split-Path -Parent ([IO.Path]::GetFullPath($OutFile))
if ($directory -and -not (Test-Path $directory)) { New-Item -ItemType Directory -Path $directory | Out-Null }
[IO.File]::WriteAllText([IO.Path]::GetFullPath($OutFile), $json, (New-Object Text.UTF8Encoding $false))
Write-Verbose "wrote $OutFile"
