import Testing
@testable import UpdateCatalog

/// Attribute values read as written: libxml2 hands `&amp;` over as `&#38;` when entity substitution
/// is off, and the reader turns it back.
struct AttributeValueTests {
    @Test func ampersandReferencesAreDecoded() {
        func decode(_ text: String) -> String {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { XMLStreamParser.attributeValue($0) }
        }
        #expect(decode("PCI\\VEN_8086&#38;DEV_1234") == "PCI\\VEN_8086&DEV_1234")
        #expect(decode("a&#38;&#38;b") == "a&&b")
        #expect(decode("plain") == "plain")
        #expect(decode("&#38") == "&#38")  // not a whole reference: kept
        #expect(decode("&lt;") == "&lt;")
    }

    @Test func ampersandInAnSDPAttributeReadsAsWritten() throws {
        let xml = """
            <sdp:SoftwareDistributionPackage xmlns:sdp="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/SoftwareDistributionPackage.xsd">
              <sdp:Properties PackageID="11111111-1111-1111-1111-111111111111" VendorName="Hewlett &amp; Packard"/>
            </sdp:SoftwareDistributionPackage>
            """
        let (records, _) = readCatalog(xml)
        let update = try #require(records.compactMap(\.update).first)
        #expect(update.vendor == "Hewlett & Packard")
    }
}
