import Testing
@testable import UpdateCatalog

/// Attribute values read as written: libxml2 hands `&amp;` over as `&#38;` when entity substitution
/// is off, and the reader turns it back.
struct AttributeValueTests {
    @Test func ampersandInAnSDPAttributeReadsAsWritten() throws {
        let xml = """
            <sdp:SoftwareDistributionPackage xmlns:sdp="http://schemas.microsoft.com/wsus/2005/04/CorporatePublishing/SoftwareDistributionPackage.xsd">
              <sdp:Properties PackageID="11111111-1111-1111-1111-111111111111" VendorName="Hewlett &amp; Packard &amp;&amp; Co"/>
            </sdp:SoftwareDistributionPackage>
            """
        let (records, _) = readCatalog(xml)
        let update = try #require(records.compactMap(\.update).first)
        #expect(update.vendor == "Hewlett & Packard && Co")
    }
}
