import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Hostile inputs through the `mofkit` binary: each gets a diagnostic with file, line and column and a
/// stable code, a failing exit status, no output that looks complete, and a bounded peak RSS (mofkit's
/// own `ru_maxrss`, see ``ChildProcess``; not checked when GNU time is missing, which is printed).
/// `Benchmarks/hostile-rss.sh` prints the same figures for a release build. Inputs are generated in a
/// temporary folder; nothing big is committed.
@Suite(.serialized) struct HostileInputCLITests {
    /// Peak RSS allowed for a case, in MiB, unless the case says otherwise. A debug `mofkit` reading a
    /// small file peaks near 30 MiB; the bounds leave room for a debug build and allocator slack while
    /// still catching anything proportional to an expansion or to a 100 MB input.
    static let defaultBoundMiB = 160.0

    /// One case: files to write, the command, and what must come out.
    struct Run {
        var outcome: ChildProcess.Outcome
        var directory: URL
        var lines: [Substring] { outcome.outputText.split(separator: "\n") }
        var lastRecord: [String: Any]? {
            lines.last.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
    }

    static func run(_ files: [String: [UInt8]], _ arguments: [String], boundMiB: Double = defaultBoundMiB,
                    sourceLocation: SourceLocation = #_sourceLocation, prepare: (URL) -> Void = { _ in }) -> Run {
        let directory = MofkitBinary.makeTemporaryDirectory()
        for (name, bytes) in files { MofkitBinary.write(bytes, to: name, in: directory) }
        prepare(directory)
        let outcome = ChildProcess.runMofkit(arguments, in: directory)
        let label = arguments.joined(separator: " ")
        print(String(format: "hostile-rss: %-60@ status %3d  peak RSS %7.1f MiB  %6.2f s", label as NSString,
                     outcome.status, outcome.peakRSSMiB, outcome.seconds))
        #expect(outcome.status < 128, "killed by signal \(outcome.status - 128): \(label)", sourceLocation: sourceLocation)
        #expect(outcome.peakRSSMiB < boundMiB, "peak RSS \(outcome.peakRSSMiB) MiB ≥ \(boundMiB) MiB: \(label)",
                sourceLocation: sourceLocation)
        return Run(outcome: outcome, directory: directory)
    }

    /// `file:line:col: error[CODE]` (or warning) on standard error (`catalog`, `inventory`) or standard
    /// output (`check` reports there).
    static func expectDiagnostic(_ run: Run, _ file: String, _ code: String, severity: String = "error",
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        let pattern = "\(file):[0-9]+:[0-9]+: \(severity)\\[\(code)\\]"
        let text = run.outcome.standardError + "\n" + run.outcome.outputText
        #expect(text.range(of: pattern, options: .regularExpression) != nil,
                "no \(severity)[\(code)] at \(file):line:col in: \(text.prefix(600))",
                sourceLocation: sourceLocation)
    }

    /// `head`, then `count` bytes of `filler`, then `tail`, written in 1 MiB pieces (building 100 MB
    /// in one array is slow in a debug build).
    static func writeLarge(_ name: String, in directory: URL, head: [UInt8], filler: UInt8, count: Int, tail: [UInt8]) {
        let url = directory.appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: url.path, contents: Data(head))
        guard let handle = try? FileHandle(forWritingTo: url) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        let piece = Data(repeating: filler, count: 1 << 20)
        var left = count
        while left > 0 {
            handle.write(left >= piece.count ? piece : piece.prefix(left))
            left -= piece.count
        }
        handle.write(Data(tail))
    }

    /// A catalog that failed on standard output: every line is JSON and the last is the error trailer.
    static func expectErrorTrailer(_ run: Run, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.outcome.status == 1, "status \(run.outcome.status)", sourceLocation: sourceLocation)
        #expect(run.lastRecord?["kind"] as? String == "error", "last line: \(run.lines.last?.prefix(200) ?? "none")",
                sourceLocation: sourceLocation)
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static let sdpHead = """
        <?xml version="1.0"?>
        <sdp:SoftwareDistributionPackage xmlns:sdp="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/SoftwareDistributionPackage.xsd">
        <sdp:Properties PackageID="11111111-1111-1111-1111-111111111111"/>
        """

    // MARK: XML

    @Test func externalEntitiesAreNeverFetched() throws {
        // A listening socket the entity points at: a fetch attempt would queue a connection on it.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        try #require(bound && listen(listener, 8) == 0)
        let port = UInt16(bigEndian: address.sin_port)
        let secret = "MOFKIT-SECRET-\(UInt64.random(in: 1...UInt64.max))"
        let scratch = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let secretPath = MofkitBinary.write(secret, to: "secret.txt", in: scratch)
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE sdp:SoftwareDistributionPackage [
              <!ENTITY local SYSTEM "file://\(secretPath)">
              <!ENTITY remote SYSTEM "http://127.0.0.1:\(port)/dtd">
              <!ENTITY % remoteDTD SYSTEM "http://127.0.0.1:\(port)/pe"> %remoteDTD;
            ]>
            <sdp:SoftwareDistributionPackage xmlns:sdp="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/SoftwareDistributionPackage.xsd">
            <sdp:Properties PackageID="11111111-1111-1111-1111-111111111111"/>
            <sdp:LocalizedProperties><sdp:Title>&local;&remote;</sdp:Title></sdp:LocalizedProperties>
            </sdp:SoftwareDistributionPackage>
            """
        let run = Self.run(["xxe.xml": Self.bytes(xml)], ["catalog", "convert", "xxe.xml"])
        defer { try? FileManager.default.removeItem(at: run.directory) }
        Self.expectErrorTrailer(run)
        Self.expectDiagnostic(run, "xxe.xml", "CAT1004")
        #expect(!run.outcome.outputText.contains(secret))
        #expect(!run.outcome.standardError.contains(secret))
        // No connection was attempted: nothing is waiting to be accepted.
        _ = fcntl(listener, F_SETFL, O_NONBLOCK)
        let accepted = accept(listener, nil, nil)
        if accepted >= 0 { close(accepted) }
        #expect(accepted < 0, "mofkit connected to the entity's http:// URL")
    }

    @Test func entityExpansionBomb() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 \"lollollollollollollollollollol\">\n"
        for level in 1...15 { xml += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n" }
        xml += "]>\n<OfflineSyncPackage><Updates><Update UpdateId=\"&lol15;\"/></Updates></OfflineSyncPackage>\n"
        let run = Self.run(["bomb.xml": Self.bytes(xml)], ["catalog", "convert", "bomb.xml"])
        defer { try? FileManager.default.removeItem(at: run.directory) }
        Self.expectErrorTrailer(run)
        Self.expectDiagnostic(run, "bomb.xml", "CAT1004")
        #expect(run.outcome.standardOutput.count < 10_000)
    }

    @Test func tenThousandDeepElements() {
        let xml = "<BulletinDatastore>" + String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
            + "</BulletinDatastore>"
        let run = Self.run(["deep.xml": Self.bytes(xml)], ["catalog", "convert", "deep.xml"])
        defer { try? FileManager.default.removeItem(at: run.directory) }
        Self.expectErrorTrailer(run)
        Self.expectDiagnostic(run, "deep.xml", "CAT1005")
    }

    @Test func attributeFloodIsRefused() {
        // 500,000 attributes on one element: libxml2 2.9's pairwise duplicate check would take minutes.
        var xml = Self.sdpHead + "<sdp:LocalizedProperties><sdp:Title"
        for index in 0..<500_000 { xml += " a\(index)=\"v\"" }
        xml += ">T</sdp:Title></sdp:LocalizedProperties></sdp:SoftwareDistributionPackage>\n"
        let run = Self.run(["flood.sdp": Self.bytes(xml)], ["catalog", "convert", "flood.sdp"])
        defer { try? FileManager.default.removeItem(at: run.directory) }
        Self.expectErrorTrailer(run)
        Self.expectDiagnostic(run, "flood.sdp", "CAT1009")
        #expect(run.outcome.seconds < 10)
    }

    @Test func diagnosticFloodInOneRecord() {
        // 800,000 elements with an undeclared prefix in one update: 800,000 diagnostics while the
        // record is open. Two threads used to hold them all until it closed (over 200 MiB here).
        let xml = "<OfflineSyncPackage><Updates><Update UpdateId=\"a\">"
            + String(repeating: "<b z:w=\"1\"/>", count: 800_000) + "</Update></Updates></OfflineSyncPackage>\n"
        let run = Self.run(["nsflood.xml": Self.bytes(xml)], ["catalog", "convert", "--threads", "2", "nsflood.xml"],
                           boundMiB: 100)
        defer { try? FileManager.default.removeItem(at: run.directory) }
        Self.expectErrorTrailer(run)
        Self.expectDiagnostic(run, "nsflood.xml", "CAT1001")
        #expect(run.outcome.standardError.contains("(799000 more diagnostics not shown)"))
    }

    @Test func attributeHeavyElement() {
        // 20,000 distinct attributes on one element, then a duplicate: reported, in bounded time.
        var xml = Self.sdpHead + "<sdp:LocalizedProperties><sdp:Title"
        for index in 0..<20_000 { xml += " a\(index)=\"v\"" }
        xml += " a7=\"again\">T</sdp:Title></sdp:LocalizedProperties></sdp:SoftwareDistributionPackage>\n"
        let run = Self.run(["attrs.sdp": Self.bytes(xml)], ["catalog", "convert", "attrs.sdp"])
        defer { try? FileManager.default.removeItem(at: run.directory) }
        Self.expectErrorTrailer(run)
        Self.expectDiagnostic(run, "attrs.sdp", "CAT1001")
        #expect(run.outcome.seconds < 20)
    }

    @Test func hundredMegabyteTextNode() {
        // One update whose description is 100 MB: over the per-record limit, reported, memory bounded.
        let run = Self.run([:], ["catalog", "convert", "big.sdp", "-o", "out.jsonl"], boundMiB: 320) { directory in
            Self.writeLarge("big.sdp", in: directory, head: Self.bytes(Self.sdpHead + "<sdp:LocalizedProperties><sdp:Description>"),
                            filler: UInt8(ascii: "x"), count: 100 << 20,
                            tail: Self.bytes("</sdp:Description></sdp:LocalizedProperties></sdp:SoftwareDistributionPackage>\n"))
        }
        defer { try? FileManager.default.removeItem(at: run.directory) }
        #expect(run.outcome.status == 1)
        Self.expectDiagnostic(run, "big.sdp", "CAT1008")
        // `-o` is written under a temporary name and renamed only on success: nothing is left.
        let left = (try? FileManager.default.contentsOfDirectory(atPath: run.directory.path)) ?? []
        #expect(left == ["big.sdp"], "\(left)")
    }

    @Test func malformedUTF8AndUTF16Catalogs() {
        var badUTF8 = Self.bytes(Self.sdpHead + "<sdp:LocalizedProperties><sdp:Title>caf")
        badUTF8 += [0xC3, 0x28, 0xFF, 0xFE]
        badUTF8 += Self.bytes("</sdp:Title></sdp:LocalizedProperties></sdp:SoftwareDistributionPackage>\n")
        var badUTF16: [UInt8] = [0xFF, 0xFE]
        for unit in Array("<?xml version=\"1.0\" encoding=\"UTF-16\"?><OfflineSyncPackage><Updates>".utf16) + [0xD800, 0x41] {
            badUTF16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        badUTF16.append(0x3C)  // odd length
        let run = Self.run(["utf8.sdp": badUTF8, "utf16.xml": badUTF16], ["catalog", "convert", "utf8.sdp"])
        defer { try? FileManager.default.removeItem(at: run.directory) }
        Self.expectErrorTrailer(run)
        Self.expectDiagnostic(run, "utf8.sdp", "CAT1001")
        let utf16 = ChildProcess.runMofkit(["catalog", "convert", "utf16.xml"], in: run.directory)
        #expect(utf16.status == 1)
        #expect(utf16.standardError.range(of: "utf16.xml:[0-9]+:[0-9]+: error\\[CAT100[12]\\]", options: .regularExpression) != nil,
                "\(utf16.standardError.prefix(400))")
        #expect(utf16.outputText.split(separator: "\n").last?.contains("\"kind\":\"error\"") == true)
    }

    // MARK: Cabinets

    /// A stored (uncompressed) single-folder cabinet; `checksum` goes in every data block.
    static func cabinet(_ members: [(name: String, bytes: [UInt8])], checksum: UInt32 = 0,
                        declaredSize: UInt32? = nil) -> [UInt8] {
        func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }
        func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> ($0 * 8)) & 0xFF) } }
        let data = members.flatMap(\.bytes)
        let blocks = stride(from: 0, to: max(data.count, 1), by: 32768).map { Array(data[$0..<min($0 + 32768, data.count)]) }
        var files: [UInt8] = []
        var offset: UInt32 = 0
        for member in members {
            files += le32(declaredSize ?? UInt32(member.bytes.count)) + le32(offset) + le16(0) + le16(0x5821) + le16(0) + le16(0x20)
            files += Array(member.name.utf8) + [0]
            offset += UInt32(member.bytes.count)
        }
        let filesOffset = 36 + 8
        let dataOffset = filesOffset + files.count
        var blockBytes: [UInt8] = []
        for block in blocks { blockBytes += le32(checksum) + le16(block.count) + le16(block.count) + block }
        let total = UInt32(dataOffset + blockBytes.count)
        var header = Array("MSCF".utf8) + le32(0) + le32(total) + le32(0) + le32(UInt32(filesOffset)) + le32(0)
        header += [3, 1] + le16(1) + le16(members.count) + le16(0) + le16(0x1234) + le16(0)
        let folder = le32(UInt32(dataOffset)) + le16(blocks.count) + le16(0)
        return header + folder + files + blockBytes
    }

    static let cabCatalog = bytes(sdpHead + "<sdp:LocalizedProperties><sdp:Title>T</sdp:Title></sdp:LocalizedProperties></sdp:SoftwareDistributionPackage>\n")

    @Test func cabinetWithEscapingMemberNamesWritesNothing() throws {
        let scratch = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let absolute = scratch.appendingPathComponent("absolute.sdp").path
        let cab = Self.cabinet([("../escape.xml", Self.cabCatalog), (absolute, Self.cabCatalog), ("..\\..\\win.sdp", Self.cabCatalog)])
        let run = Self.run(["in/evil.cab": cab], ["catalog", "convert", "in/evil.cab"])
        defer { try? FileManager.default.removeItem(at: run.directory) }
        // Members are streamed into the parser, never written: the catalog reads, and no file appears.
        #expect(run.outcome.status == 0, "\(run.outcome.standardError)")
        #expect(run.lastRecord?["kind"] as? String == "end")
        #expect(!FileManager.default.fileExists(atPath: absolute))
        let everything = FileManager.default.enumerator(atPath: run.directory.path)?.allObjects as? [String] ?? []
        #expect(everything.sorted() == ["in", "in/evil.cab"], "\(everything)")
        #expect(!FileManager.default.fileExists(atPath: run.directory.deletingLastPathComponent().appendingPathComponent("escape.xml").path))
    }

    @Test func corruptedCabinets() {
        let good = Self.cabinet([("package.xml", Self.cabCatalog)])
        let badChecksum = Self.cabinet([("package.xml", Self.cabCatalog)], checksum: 0xDEAD_BEEF)
        let hugeSize = Self.cabinet([("package.xml", Self.cabCatalog)], declaredSize: 0xFFFF_FFF0)
        var flipped = good
        flipped[good.count - 40] ^= 0xFF
        let files: [String: [UInt8]] = [
            "truncated.cab": Array(good.prefix(good.count - 50)), "checksum.cab": badChecksum,
            "hugesize.cab": hugeSize, "flipped.cab": flipped,
            "header.cab": Array(good.prefix(20)),
        ]
        let directory = MofkitBinary.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, bytes) in files { MofkitBinary.write(bytes, to: name, in: directory) }
        for name in files.keys.sorted() {
            let outcome = ChildProcess.runMofkit(["catalog", "convert", name, "-o", "out.jsonl"], in: directory)
            print(String(format: "hostile-rss: catalog convert %-30@ status %3d  peak RSS %7.1f MiB", name as NSString, outcome.status, outcome.peakRSSMiB))
            #expect(outcome.status < 128, "\(name) killed by signal \(outcome.status - 128)")
            #expect(outcome.peakRSSMiB < Self.defaultBoundMiB, "\(name): \(outcome.peakRSSMiB) MiB")
            #expect(outcome.status == 1, "\(name): status \(outcome.status) \(outcome.standardError.prefix(300))")
            #expect(outcome.standardError.range(of: "\(name)(/package.xml)?:[0-9]+:[0-9]+: error\\[CAT[0-9]{4}\\]", options: .regularExpression) != nil,
                    "\(name): \(outcome.standardError.prefix(300))")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.jsonl").path), "\(name) left out.jsonl")
        }
    }

    // MARK: MOF

    @Test func mofIncludeCycleAndOutsideInclude() {
        let files: [String: [UInt8]] = [
            "in/a.mof": Self.bytes("#pragma include (\"b.mof\")\nclass A { };\n"),
            "in/b.mof": Self.bytes("#pragma include (\"a.mof\")\n#pragma include (\"../out/c.mof\")\nclass B { };\n"),
            "out/c.mof": Self.bytes("class C { };\n"),
        ]
        let run = Self.run(files, ["check", "--syntax-only", "in/a.mof"])
        defer { try? FileManager.default.removeItem(at: run.directory) }
        #expect(run.outcome.status == 1)
        Self.expectDiagnostic(run, "in/b.mof", "MOF2003")
        Self.expectDiagnostic(run, "in/b.mof", "MOF2006", severity: "warning")
    }

    @Test func mofNulBytesAndBadEncodings() {
        let nul = Self.bytes("class A {\n  string B") + [0, 0, 0] + Self.bytes(";\n};\n")
        let badUTF8 = Self.bytes("class A { [Description(\"caf") + [0xC3, 0x28, 0xED, 0xA0, 0x80] + Self.bytes("\")] string B; };\n")
        var badUTF16: [UInt8] = [0xFF, 0xFE]
        for unit in Array("class A { string B = \"".utf16) + [0xDC00, 0x22, 0x3B, 0x7D, 0x3B] {
            badUTF16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        badUTF16.append(0x0A)
        let run = Self.run(["nul.mof": nul, "utf8.mof": badUTF8, "utf16.mof": badUTF16],
                           ["check", "nul.mof", "utf8.mof", "utf16.mof"])
        defer { try? FileManager.default.removeItem(at: run.directory) }
        #expect(run.outcome.status == 1)
        Self.expectDiagnostic(run, "nul.mof", "MOF0003", severity: "warning")
        // Not UTF-8 and no BOM: read as Windows-1252, as mofcomp reads it, with a warning.
        Self.expectDiagnostic(run, "utf8.mof", "MOF0005", severity: "warning")
        Self.expectDiagnostic(run, "utf16.mof", "MOF000[24]")
    }

    @Test func mofTwentyMegabyteSingleLine() {
        let run = Self.run([:], ["check", "--format", "json", "long.mof"], boundMiB: 400) { directory in
            Self.writeLarge("long.mof", in: directory, head: Self.bytes("class A { [Description(\""), filler: UInt8(ascii: "x"),
                            count: 20 << 20, tail: [])
        }
        defer { try? FileManager.default.removeItem(at: run.directory) }
        #expect(run.outcome.status == 1)
        let document = try? JSONSerialization.jsonObject(with: Data(run.outcome.standardOutput)) as? [String: Any]
        let codes = (document?["diagnostics"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
        #expect(codes.contains("MOF1002"), "\(codes) \(run.outcome.outputText.prefix(300))")
        // The excerpt of a 20 MB line is clipped, not printed whole.
        #expect(run.outcome.standardOutput.count < 1 << 20)
    }

    // MARK: Machine sources

    @Test func hostileSnapshotAndRegistryFiles() {
        let deepJSON = Self.bytes(String(repeating: "[", count: 100_000))
        let nulJSON = Self.bytes("{\"machineName\": \"a") + [0] + Self.bytes("b\"}")
        let run = Self.run(["deep.json": deepJSON, "nul.json": nulJSON],
                           ["inventory", "--print-snapshot", "--machine", "deep.json"], boundMiB: 200) { directory in
            Self.writeLarge("long.reg", in: directory,
                            head: Self.bytes("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\r\n\"V\"=\""),
                            filler: UInt8(ascii: "y"), count: 20 << 20, tail: [])
        }
        defer { try? FileManager.default.removeItem(at: run.directory) }
        #expect(run.outcome.status != 0)
        Self.expectDiagnostic(run, "deep.json", "SNAP[0-9]{4}")
        for (file, limit) in [("nul.json", 200.0), ("long.reg", 400.0)] {
            let outcome = ChildProcess.runMofkit(["inventory", "--print-snapshot", "--machine", file], in: run.directory)
            print(String(format: "hostile-rss: inventory --print-snapshot --machine %-14@ status %3d  peak RSS %7.1f MiB", file as NSString, outcome.status, outcome.peakRSSMiB))
            #expect(outcome.status < 128, "\(file) killed by signal \(outcome.status - 128)")
            #expect(outcome.peakRSSMiB < limit, "\(file): \(outcome.peakRSSMiB) MiB")
            #expect(outcome.standardError.range(of: "\(file):[0-9]+:[0-9]+: (error|warning)\\[[A-Z]+[0-9]{4}\\]", options: .regularExpression) != nil,
                    "\(file): \(outcome.standardError.prefix(400))")
        }
    }
}
