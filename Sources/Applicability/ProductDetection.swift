import FoundationEssentials
import MachineState
import MofkitSource

/// One fact a product or service pack is recognised by on a machine.
///
/// Exactly one subject is given — a registry key (with or without a value), a service, a file, a
/// program in Add/Remove Programs or MSI, or an OS fact — and optionally a comparison. `absent: true`
/// turns the fact round (the key, file, service… must not be there).
///
/// JSON shape (the bundled table, `Docs/evaluation.md` "Product detection", and `--products FILE`):
/// `{"key": "HKLM\\SOFTWARE\\Microsoft\\InetStp", "value": "MajorVersion", "equals": "4"}`.
public struct ProductFact: Codable, Sendable, Hashable {
    /// A registry key (`HKLM\…`): it exists; with ``value``, that value exists.
    public var key: String?
    /// A value name under ``key`` (`""` is the default value).
    public var value: String?
    /// The value (REG_DWORD as decimal) or the file's version equals this text (case ignored).
    public var equals: String?
    /// A REG_SZ value contains this text, or a REG_MULTI_SZ value has this element (case ignored).
    public var contains: String?
    /// The value or the file version, read as a version, is at least this.
    public var atLeast: String?
    /// The value or the file version, read as a version, is below this.
    public var below: String?
    /// A Windows service (`HKLM\SYSTEM\CurrentControlSet\Services\NAME`, or a `Win32_Service` instance) exists.
    public var service: String?
    /// A file (`%windir%`-style variables allowed) exists; ``atLeast``/``below``/``equals`` test its version.
    public var file: String?
    /// A program whose Add/Remove Programs `DisplayName` or MSI product name begins with this text.
    public var program: String?
    /// The OS version begins with these parts (`4.0`, `5.0`, `4.10.2222`): `os.version`, else the
    /// registry's `CurrentVersion`.`CurrentBuildNumber` (NT) or `VersionNumber` (9x).
    public var osVersion: String?
    /// `workstation`, `server` (a domain controller is a server too) or `domainController`: `os.productType`,
    /// else `HKLM\SYSTEM\CurrentControlSet\Control\ProductOptions` `ProductType` (WinNT, ServerNT, LanmanNT).
    public var osProductType: String?
    /// The OS service pack number: `os.servicePackMajor`, else the registry's `CSDVersion` ("Service Pack 6").
    public var osServicePack: Int?
    /// One of these suite bits is set: `os.suiteMask`, else `ProductSuite` names (0x2 Enterprise,
    /// 0x10 Terminal Server, 0x80 DataCenter, 0x200 Personal, 0x400 Blade).
    public var osSuite: Int?
    /// Turns the fact round.
    public var absent: Bool?

    /// A fact; give exactly one subject.
    public init(
        key: String? = nil, value: String? = nil, equals: String? = nil, contains: String? = nil, atLeast: String? = nil,
        below: String? = nil, service: String? = nil, file: String? = nil, program: String? = nil, osVersion: String? = nil,
        osProductType: String? = nil, osServicePack: Int? = nil, osSuite: Int? = nil, absent: Bool? = nil
    ) {
        self.key = key
        self.value = value
        self.equals = equals
        self.contains = contains
        self.atLeast = atLeast
        self.below = below
        self.service = service
        self.file = file
        self.program = program
        self.osVersion = osVersion
        self.osProductType = osProductType
        self.osServicePack = osServicePack
        self.osSuite = osSuite
        self.absent = absent
    }
}

/// How one product is recognised: it is on the machine when every fact of one of ``anyOf``'s lists holds.
public struct ProductRecognition: Codable, Sendable, Hashable {
    /// The product's name as catalogs spell it (`Windows NT Server 4.0, Enterprise Edition`).
    public var product: String
    /// Other spellings of the name in catalogs.
    public var aliases: [String]?
    /// Alternatives, each a list of facts that must all hold.
    public var anyOf: [[ProductFact]]
    /// Where the facts come from (KB article, documentation), for the reader.
    public var source: String?
}

/// One service pack of a series and the facts that say a machine is at it.
public struct ServicePackRecognition: Codable, Sendable, Hashable {
    /// The name as catalogs spell it (`Windows NT4 Service Pack 6a`).
    public var name: String
    /// Other spellings.
    public var aliases: [String]?
    /// Every fact must hold.
    public var allOf: [ProductFact]
}

/// Service packs of one product line, oldest first: "at or above" a service pack means one at its
/// position or later holds.
public struct ServicePackSeries: Codable, Sendable, Hashable {
    /// The product line (`Windows NT 4.0`).
    public var series: String
    /// Oldest first.
    public var servicePacks: [ServicePackRecognition]
    /// Where the facts come from.
    public var source: String?
}

/// The product detection table: products and service-pack series.
///
/// Catalogs such as mssecure.xml name products and service packs but not how to recognise them;
/// the scanner did that (HFNetChk "scans your computer to determine the operating system, service
/// packs, and programs", KB Q303215). ``builtIn`` covers every product of the shared 2001 mssecure.xml
/// and the later Windows versions; ``merging(_:)`` adds a user's table (`mofkit eval --products FILE`).
/// Names are compared whole (case, `Microsoft `, `(R)` and commas ignored), never as substrings:
/// "Windows 98" is not "Windows 98 Second Edition".
public struct ProductTable: Codable, Sendable, Hashable {
    /// The products.
    public var products: [ProductRecognition]
    /// The service-pack series.
    public var servicePackSeries: [ServicePackSeries]

    /// A table.
    public init(products: [ProductRecognition] = [], servicePackSeries: [ServicePackSeries] = []) {
        self.products = products
        self.servicePackSeries = servicePackSeries
    }

    /// Reads a table from JSON text (the shape of `Docs/evaluation.md`); the error names the problem.
    public static func decode(_ bytes: [UInt8]) -> Result<ProductTable, ProductTableError> {
        do {
            return .success(try JSONDecoder().decode(ProductTable.self, from: Data(bytes)))
        } catch let DecodingError.dataCorrupted(context) {
            return .failure(ProductTableError(message: "not valid JSON: \(context.debugDescription)"))
        } catch let DecodingError.keyNotFound(key, context) {
            return .failure(ProductTableError(message: "missing member '\(key.stringValue)' at \(Self.path(context.codingPath))"))
        } catch let DecodingError.typeMismatch(_, context) {
            return .failure(ProductTableError(message: "wrong type at \(Self.path(context.codingPath)): \(context.debugDescription)"))
        } catch let DecodingError.valueNotFound(_, context) {
            return .failure(ProductTableError(message: "null at \(Self.path(context.codingPath))"))
        } catch {
            return .failure(ProductTableError(message: "\(error)"))
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    }

    /// This table with `other`'s entries added; an entry of `other` with the same (normalized) name replaces this one's.
    public func merging(_ other: ProductTable) -> ProductTable {
        var result = self
        for product in other.products {
            let key = ProductName.normalize(product.product)
            result.products.removeAll { ProductName.normalize($0.product) == key }
            result.products.append(product)
        }
        for series in other.servicePackSeries {
            result.servicePackSeries.removeAll { $0.series == series.series }
            result.servicePackSeries.append(series)
        }
        return result
    }

    /// The bundled table with the user's table in `path` merged in (`mofkit eval --products FILE`).
    public static func builtIn(mergingFile path: String) -> Result<ProductTable, ProductTableError> {
        let bytes: [UInt8]
        do {
            bytes = try readBytes(path: path)
        } catch {
            return .failure(ProductTableError(message: "\(path): \(error)"))
        }
        switch decode(bytes) {
        case .success(let table): return .success(builtIn.merging(table))
        case .failure(let error): return .failure(ProductTableError(message: "\(path): \(error.message)"))
        }
    }

    /// The bundled table (`BuiltInProducts.swift`).
    public static let builtIn: ProductTable = {
        switch decode(Array(builtInProductTableJSON.utf8)) {
        case .success(let table): return table
        // input-unreachable: the bundled text is a constant, decoded by a test (ProductDetectionTests).
        case .failure: return ProductTable()
        }
    }()
}

/// A user product table that could not be read.
public struct ProductTableError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    public var description: String { message }
}

/// Product and service-pack names compared whole.
enum ProductName {
    static func normalize(_ name: String) -> String {
        var text = name.lowercased()
        for noise in ["microsoft ", "(r)", "®", "(tm)", ","] { text = text.replacing(noise, with: " ") }
        if text.hasPrefix("microsoft") { text = String(text.dropFirst("microsoft".count)) }
        return text.split(separator: " ").joined(separator: " ")
    }
}

/// A product table indexed by normalized name, ready to test facts on a machine.
struct ProductIndex: Sendable {
    let products: [String: ProductRecognition]
    /// Normalized service-pack name → (series index, position, entry).
    let servicePacks: [String: (series: Int, position: Int, entry: ServicePackRecognition)]
    let series: [ServicePackSeries]

    init(_ table: ProductTable) {
        var products: [String: ProductRecognition] = [:]
        for product in table.products {
            for name in [product.product] + (product.aliases ?? []) { products[ProductName.normalize(name)] = product }
        }
        var servicePacks: [String: (Int, Int, ServicePackRecognition)] = [:]
        for (s, series) in table.servicePackSeries.enumerated() {
            for (p, entry) in series.servicePacks.enumerated() {
                for name in [entry.name] + (entry.aliases ?? []) { servicePacks[ProductName.normalize(name)] = (s, p, entry) }
            }
        }
        self.products = products
        self.servicePacks = servicePacks
        series = table.servicePackSeries
    }

    func product(_ name: String) -> ProductRecognition? { products[ProductName.normalize(name)] }

    func servicePack(_ name: String) -> (series: Int, position: Int, entry: ServicePackRecognition)? {
        servicePacks[ProductName.normalize(name)]
    }
}

/// Tests product facts on a machine, three-valued, with a sentence saying what was seen.
enum FactCheck {
    static let uninstall = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall"

    /// Every fact holds (Kleene And); the text names each fact and what was seen.
    static func all(_ facts: [ProductFact], _ view: MachineView) -> (Truth, [String]) {
        var truth = Truth.true
        var seen: [String] = []
        for fact in facts {
            let (t, text) = check(fact, view)
            seen.append(text)
            truth = truth && t
            if truth == .false { break }
        }
        return (truth, seen)
    }

    /// One alternative holds (Kleene Or of Ands); the text is that of the alternative that decided.
    static func any(_ alternatives: [[ProductFact]], _ view: MachineView) -> (Truth, [String]) {
        var truth = Truth.false
        var decided: [String] = []
        for facts in alternatives {
            let (t, seen) = all(facts, view)
            if t == .true { return (.true, seen) }
            if t == .unknown && truth == .false { decided = seen }
            if decided.isEmpty { decided = seen }
            truth = truth || t
        }
        return (truth, decided)
    }

    static func check(_ fact: ProductFact, _ view: MachineView) -> (Truth, String) {
        let (truth, text) = subject(fact, view)
        if fact.absent == true { return (!truth, "not (\(text))") }
        return (truth, text)
    }

    static func compare(_ actual: String, _ fact: ProductFact) -> Truth {
        if let wanted = fact.equals, actual.lowercased() != wanted.lowercased() {
            // Versions compare by number ("4.0" = "4.00").
            guard let a = RuleComparison.parseVersion(actual), let w = RuleComparison.parseVersion(wanted),
                  RuleComparison.compareVersions(a, w) == 0 else { return .false }
        }
        if let wanted = fact.contains, !actual.lowercased().contains(wanted.lowercased()) { return .false }
        if fact.atLeast != nil || fact.below != nil {
            guard let version = RuleComparison.parseVersion(actual) else { return .false }
            if let bound = fact.atLeast.flatMap(RuleComparison.parseVersion), RuleComparison.compareVersions(version, bound) < 0 { return .false }
            if let bound = fact.below.flatMap(RuleComparison.parseVersion), RuleComparison.compareVersions(version, bound) >= 0 { return .false }
        }
        return .true
    }

    static func describeComparison(_ fact: ProductFact) -> String {
        var parts: [String] = []
        if let v = fact.equals { parts.append("= \(v)") }
        if let v = fact.contains { parts.append("contains \(v)") }
        if let v = fact.atLeast { parts.append("≥ \(v)") }
        if let v = fact.below { parts.append("< \(v)") }
        return parts.isEmpty ? "" : " " + parts.joined(separator: ", ")
    }

    static func text(_ data: RegistryData) -> String {
        switch data {
        case .dword(let n): return String(n)
        case .qword(let n): return String(n)
        default: return data.stringValue ?? ""
        }
    }

    static func registry(_ path: String, _ view: MachineView, _ registryView: RegistryView = .native) -> MachineRegistryKey? {
        view.snapshot.registry.key(path, view: registryView, wow64: view.wow64)
    }

    static func subject(_ fact: ProductFact, _ view: MachineView) -> (Truth, String) {
        let snapshot = view.snapshot
        if let key = fact.key {
            let label = key + (fact.value.map { "\\\($0)" } ?? "") + describeComparison(fact)
            if snapshot.registry.isEmpty { return (.unknown, "\(label): the snapshot has no registry data") }
            guard let found = registry(key, view) else { return (.false, "\(label) [key absent]") }
            guard let name = fact.value else { return (.true, "\(label) [key present]") }
            guard let data = found.value(named: name) else { return (.false, "\(label) [value absent]") }
            if case .multiString(let items) = data, let wanted = fact.contains {
                let has = items.contains { $0.lowercased() == wanted.lowercased() }
                return (has ? .true : .false, "\(label) [\(items.joined(separator: ", "))]")
            }
            let actual = text(data)
            return (compare(actual, fact), "\(label) [\(actual)]")
        }
        if let service = fact.service {
            let label = "service \(service)"
            if let services = view.wmiClass(classKey: MachineView.classKey("root\\cimv2", "Win32_Service")),
               let names = services.column("name"),
               names.contains(where: { $0?.value.stringValue?.lowercased() == service.lowercased() })
            {
                return (.true, "\(label) [Win32_Service]")
            }
            if snapshot.registry.isEmpty { return (.unknown, "\(label): the snapshot has no registry data") }
            let present = registry("HKLM\\SYSTEM\\CurrentControlSet\\Services\\" + service, view) != nil
            return (present ? .true : .false, "\(label) [\(present ? "present" : "absent")]")
        }
        if let path = fact.file {
            let label = "file \(path)" + describeComparison(fact)
            let (expanded, missing) = view.expand(path)
            guard let expanded else { return (.unknown, "\(label): no value for %\(missing ?? "")% in the snapshot") }
            if snapshot.files.isEmpty { return (.unknown, "\(label): the snapshot has no file data") }
            guard let file = view.index.file(atPath: expanded) else { return (.false, "\(label) [absent]") }
            if fact.equals == nil && fact.atLeast == nil && fact.below == nil { return (.true, "\(label) [present]") }
            guard let version = file.version else { return (.unknown, "\(label): the snapshot has no version for \(expanded)") }
            return (compare(version, fact), "\(label) [\(version)]")
        }
        if let wanted = fact.program {
            let label = "program \"\(wanted)…\""
            let prefix = wanted.lowercased()
            if snapshot.msiProducts.contains(where: { $0.name?.lowercased().hasPrefix(prefix) ?? false }) { return (.true, "\(label) [MSI product]") }
            if snapshot.registry.isEmpty && snapshot.msiProducts.isEmpty { return (.unknown, "\(label): the snapshot has no registry or MSI data") }
            for registryView in view.wow64 ? [RegistryView.native, .bits32] : [.native] {
                for sub in snapshot.registry.subkeyNames(of: uninstall, view: registryView, wow64: view.wow64) {
                    if let name = registry(uninstall + "\\" + sub, view, registryView)?.value(named: "DisplayName")?.stringValue,
                       name.lowercased().hasPrefix(prefix)
                    {
                        return (.true, "\(label) [Add/Remove Programs: \(name)]")
                    }
                }
            }
            return (.false, "\(label) [not installed]")
        }
        if let wanted = fact.osVersion {
            let label = "OS version \(wanted)"
            guard let actual = osVersion(view) else { return (.unknown, "\(label): the snapshot has no OS version") }
            let want = wanted.split(separator: ".").map { Int($0) ?? -1 }
            let have = actual.split(separator: ".").map { Int($0.trimmingPrefix(while: { $0 == " " })) ?? -2 }
            let holds = have.count >= want.count && Array(have.prefix(want.count)) == want
            return (holds ? .true : .false, "\(label) [\(actual)]")
        }
        if let wanted = fact.osProductType {
            let label = "OS product type \(wanted)"
            guard let actual = productType(view) else { return (.unknown, "\(label): the snapshot has no product type") }
            let holds = actual.rawValue == wanted || (wanted == "server" && actual == .domainController)
            return (holds ? .true : .false, "\(label) [\(actual.rawValue)]")
        }
        if let wanted = fact.osServicePack {
            let label = "OS service pack \(wanted)"
            guard let actual = servicePack(view) else { return (.unknown, "\(label): the snapshot has no service pack level") }
            return (actual == wanted ? .true : .false, "\(label) [\(actual)]")
        }
        if let bits = fact.osSuite {
            let label = "OS suite 0x\(String(bits, radix: 16))"
            guard let mask = suiteMask(view) else { return (.unknown, "\(label): the snapshot has no suite mask or ProductSuite") }
            return (mask & bits != 0 ? .true : .false, "\(label) [0x\(String(mask, radix: 16))]")
        }
        return (.unknown, "a product fact with no subject")
    }

    static let ntCurrentVersion = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"
    static let windowsCurrentVersion = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion"
    static let productOptions = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\ProductOptions"

    static func osVersion(_ view: MachineView) -> String? {
        if let version = view.snapshot.os.version { return version }
        if let nt = registry(ntCurrentVersion, view), let current = nt.value(named: "CurrentVersion")?.stringValue {
            if let build = nt.value(named: "CurrentBuildNumber")?.stringValue { return current + "." + build }
            return current
        }
        return registry(windowsCurrentVersion, view)?.value(named: "VersionNumber")?.stringValue
    }

    static func productType(_ view: MachineView) -> ProductType? {
        if let type = view.snapshot.os.productType { return type }
        switch registry(productOptions, view)?.value(named: "ProductType")?.stringValue?.lowercased() {
        case "winnt": return .workstation
        case "servernt": return .server
        case "lanmannt": return .domainController
        default: return nil
        }
    }

    static func servicePack(_ view: MachineView) -> Int? {
        if let level = view.snapshot.os.servicePackMajor { return level }
        guard let csd = registry(ntCurrentVersion, view)?.value(named: "CSDVersion")?.stringValue else {
            // NT without CSDVersion has no service pack; 9x never has one.
            return registry(ntCurrentVersion, view)?.value(named: "CurrentVersion") != nil ? 0 : nil
        }
        guard let range = csd.lowercased().firstRange(of: "service pack ") else { return 0 }
        return Int(csd[range.upperBound...].prefix { $0.isNumber })
    }

    static func suiteMask(_ view: MachineView) -> Int? {
        if let mask = view.snapshot.os.suiteMask { return mask }
        guard let options = registry(productOptions, view) else { return nil }
        guard case .multiString(let names)? = options.value(named: "ProductSuite") else { return 0 }
        var mask = 0
        for name in names {
            switch name.lowercased() {
            case "enterprise": mask |= 0x2
            case "terminal server": mask |= 0x10
            case "datacenter": mask |= 0x80
            case "personal": mask |= 0x200
            case "blade": mask |= 0x400
            case "small business": mask |= 0x1
            default: break
            }
        }
        return mask
    }
}
