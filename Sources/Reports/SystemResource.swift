import MachineState

/// One machine's `SMS_R_System` record (`v_R_System` row), built from its snapshot the way a site
/// builds it from discovery and the client's heartbeat. Fields only a site or Active Directory knows
/// (creation date, last logon timestamp, OS branch, client edition, AD group membership) stay NULL;
/// `Active0` is 1 and `Obsolete0`/`Decommissioned0` 0 for every machine of the fleet. See
/// `Docs/collections.md`.
public struct SystemResource: Sendable {
    /// The resource id (1-based position of the machine, as in `Machines`).
    public var resourceID: Int64
    /// Scalar values by WQL property name (``SiteTables/system``).
    public var values: [String: SQLiteDatabase.Value]
    /// Array values by WQL property name (`IPAddresses` → each address).
    public var arrays: [String: [String]]

    /// Gives the record another ResourceID (its `ResourceId` value too): records are made on worker
    /// threads and numbered in machine order afterwards.
    public mutating func renumber(_ resourceID: Int64) {
        self.resourceID = resourceID
        values["ResourceId"] = .integer(resourceID)
    }

    /// The record of `snapshot` with `resourceID`.
    public init(resourceID: Int64, snapshot: MachineSnapshot) {
        self.resourceID = resourceID
        var values: [String: SQLiteDatabase.Value] = [:]
        var arrays: [String: [String]] = [:]
        func text(_ s: String?) -> SQLiteDatabase.Value { s.map { $0.isEmpty ? .null : .text($0) } ?? .null }
        let computer = snapshot.wmiInstances(namespace: "root\\cimv2", className: "Win32_ComputerSystem").first
        let name = snapshot.machineName.uppercased()
        values["ResourceId"] = .integer(resourceID)
        values["ResourceType"] = .integer(5)
        values["Name"] = text(name)
        values["NetbiosName"] = text(name)
        values["Active"] = .integer(1)
        values["Obsolete"] = .integer(0)
        values["Decommissioned"] = .integer(0)

        // Domain: Win32_ComputerSystem.Domain (DNS name) → the NetBIOS-style first label, upper-cased;
        // a workgroup machine reports its workgroup.
        let tcpip = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters"
        let dnsDomain = computer?["Domain"]?.stringValue ?? snapshot.registryValue(tcpip, name: "Domain")?.stringValue
        let partOfDomain = computer?["PartOfDomain"].map { $0.integerValue == 1 } ?? (dnsDomain.map { $0.contains(".") } ?? false)
        if let dnsDomain, !dnsDomain.isEmpty {
            if partOfDomain {
                values["ResourceDomainORWorkgroup"] = text(String(dnsDomain.split(separator: ".").first ?? "").uppercased())
                values["FullDomainName"] = text(dnsDomain.uppercased())
            } else {
                values["ResourceDomainORWorkgroup"] = text(dnsDomain.uppercased())
            }
        }
        if let workgroup = computer?["Workgroup"]?.stringValue, values["ResourceDomainORWorkgroup"] == nil {
            values["ResourceDomainORWorkgroup"] = text(workgroup.uppercased())
        }

        // "Microsoft Windows NT Workstation 10.0" / "Microsoft Windows NT Server 6.3" (a domain controller:
        // "Advanced Server"), as the client's discovery record states it.
        let os = snapshot.os
        if let major = os.majorVersion, let minor = os.minorVersion {
            let kind: String
            switch os.productType {
            case .workstation?: kind = "Workstation"
            case .domainController?: kind = "Advanced Server"
            case .server?: kind = "Server"
            case nil: kind = ""
            }
            values["OperatingSystemNameandVersion"] = text(kind.isEmpty ? "Microsoft Windows NT \(major).\(minor)" : "Microsoft Windows NT \(kind) \(major).\(minor)")
            if let build = os.build { values["Build"] = text("\(major).\(minor).\(build)") }
        }
        if let architecture = os.architecture { values["CPUType"] = text(architecture.rawValue) }

        // The ConfigMgr client, when the snapshot has its registry key.
        let client = "HKLM\\SOFTWARE\\Microsoft\\SMS\\Mobile Client"
        if snapshot.registryKey(client) != nil {
            values["Client"] = .integer(1)
            values["ClientType"] = .integer(1)
            values["ClientVersion"] = text(snapshot.registryValue(client, name: "ProductVersion")?.stringValue)
        } else {
            values["Client"] = .integer(0)
        }
        let ccm = snapshot.wmiInstances(namespace: "root\\ccm", className: "CCM_Client").first
        values["SMSUniqueIdentifier"] = text(ccm?["ClientId"]?.stringValue)
        values["HardwareID"] = text(ccm?["HardwareID"]?.stringValue)

        // Last logged-on user: Win32_ComputerSystem.UserName (DOMAIN\user), else LogonUI's last SAM user.
        let logonUI = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Authentication\\LogonUI"
        if let user = computer?["UserName"]?.stringValue ?? snapshot.registryValue(logonUI, name: "LastLoggedOnSAMUser")?.stringValue, !user.isEmpty {
            let parts = user.split(separator: "\\", maxSplits: 1)
            values["LastLogonUserName"] = text(String(parts.last ?? ""))
            if parts.count == 2 { values["LastLogonUserDomain"] = text(String(parts[0])) }
        }

        // Virtual machine: the model or manufacturer of a hypervisor's virtual hardware.
        if let computer {
            let model = (computer["Model"]?.stringValue ?? "").lowercased()
            let maker = (computer["Manufacturer"]?.stringValue ?? "").lowercased()
            let virtual = model.contains("virtual") || model.hasPrefix("vmware") || maker.contains("vmware") || maker.contains("qemu")
                || maker == "xen" || model.contains("kvm")
            values["IsVirtualMachine"] = .integer(virtual ? 1 : 0)
        }

        // Active Directory: the machine's distinguished name (Group Policy state) gives SystemOUName, as
        // discovery lists it: every OU level, "DOMAIN.COM/OU1", "DOMAIN.COM/OU1/OU2", upper-cased.
        let gpState = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Group Policy\\State\\Machine"
        if let dn = snapshot.registryValue(gpState, name: "Distinguished-Name")?.stringValue, !dn.isEmpty {
            values["DistinguishedName"] = text(dn)
            arrays["SystemOUName"] = Self.organizationalUnits(distinguishedName: dn)
        }
        let netlogon = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Netlogon\\Parameters"
        values["ADSiteName"] = text(snapshot.registryValue(netlogon, name: "DynamicSiteName")?.stringValue.map { $0.trimmingCharacters(in: "\0") })

        // Network: IP-enabled adapters' addresses, subnets (network address of each IPv4 address and
        // mask, as discovery computes them) and MAC addresses.
        var ipv4: [String] = []
        var ipv6: [String] = []
        var subnets: [String] = []
        var macs: [String] = []
        for adapter in snapshot.wmiInstances(namespace: "root\\cimv2", className: "Win32_NetworkAdapterConfiguration") {
            if let enabled = adapter["IPEnabled"], enabled.integerValue == 0 { continue }
            let addresses = Self.strings(adapter["IPAddress"])
            let masks = Self.strings(adapter["IPSubnet"])
            for (i, address) in addresses.enumerated() {
                if address.contains(":") { ipv6.append(address); continue }
                ipv4.append(address)
                if i < masks.count, let subnet = Self.subnet(address, mask: masks[i]), !subnets.contains(subnet) { subnets.append(subnet) }
            }
            if let mac = adapter["MACAddress"]?.stringValue, !macs.contains(mac) { macs.append(mac) }
        }
        arrays["IPAddresses"] = ipv4
        arrays["IPv6Addresses"] = ipv6
        arrays["IPSubnets"] = subnets
        arrays["MACAddresses"] = macs
        self.values = values
        self.arrays = arrays
    }

    static func strings(_ value: WMIValue?) -> [String] {
        switch value {
        case .array(let items)?: return items.compactMap(\.stringValue)
        case .string(let s)?: return [s]
        default: return []
        }
    }

    /// `CN=PC,OU=Desktops,OU=HQ,DC=contoso,DC=com` → `CONTOSO.COM/HQ`, `CONTOSO.COM/HQ/DESKTOPS`.
    public static func organizationalUnits(distinguishedName: String) -> [String] {
        let parts = distinguishedName.split(separator: ",").map { $0.trimmingCharacters(in: " ") }
        var ous: [String] = []
        var dcs: [String] = []
        for part in parts {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            switch pair[0].uppercased() {
            case "OU": ous.append(String(pair[1]))
            case "DC": dcs.append(String(pair[1]))
            default: break
            }
        }
        let domain = dcs.joined(separator: ".").uppercased()
        var result: [String] = []
        var path = domain
        for ou in ous.reversed() {
            path += "/" + ou.uppercased()
            result.append(path)
        }
        return result
    }

    /// The network address of an IPv4 `address` under `mask` (`10.1.2.34`, `255.255.255.0` → `10.1.2.0`).
    public static func subnet(_ address: String, mask: String) -> String? {
        func octets(_ s: String) -> [UInt8]? {
            let parts = s.split(separator: ".").compactMap { UInt8($0) }
            return parts.count == 4 ? parts : nil
        }
        guard let a = octets(address), let m = octets(mask) else { return nil }
        return zip(a, m).map { String($0 & $1) }.joined(separator: ".")
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}

extension SystemResource {
    /// `snapshot`, with a `Win32_OperatingSystem` instance made from its OS facts when it has none (a JSON
    /// snapshot states them once, in `os`), so that the default "Operating System" group has its row.
    public static func withOperatingSystemInstance(_ snapshot: MachineSnapshot) -> MachineSnapshot {
        let os = snapshot.os
        guard !os.isEmpty, snapshot.wmiInstances(namespace: "root\\cimv2", className: "Win32_OperatingSystem").isEmpty else { return snapshot }
        var properties: [(name: String, value: WMIValue)] = []
        if let caption = os.caption { properties.append(("Caption", .string(caption))) }
        if let version = os.version { properties.append(("Version", .string(version))) }
        if let build = os.build { properties.append(("BuildNumber", .string(String(build)))) }
        if let sp = os.servicePackMajor, sp > 0 { properties.append(("CSDVersion", .string("Service Pack \(sp)"))) }
        if let type = os.productType { properties.append(("ProductType", .integer(Int64(type.number)))) }
        if let architecture = os.architecture { properties.append(("OSArchitecture", .string(architecture.is64Bit ? "64-bit" : "32-bit"))) }
        if let language = os.language { properties.append(("OSLanguage", .integer(Int64(language)))) }
        if let directory = os.systemDirectory { properties.append(("SystemDirectory", .string(directory))) }
        if let directory = os.windowsDirectory { properties.append(("WindowsDirectory", .string(directory))) }
        var copy = snapshot
        copy.wmi.append(WMIInstance(namespace: "root\\cimv2", className: "Win32_OperatingSystem", properties: properties))
        return copy
    }
}
