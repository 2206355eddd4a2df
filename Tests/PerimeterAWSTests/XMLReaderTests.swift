import Foundation
import Testing

@testable import PerimeterAWS

/// The XML reader of AWS responses: what AWS sends parses, and every malformed or hostile body is refused
/// with the line it failed on.
@Suite struct XMLReaderTests {
    private func parse(_ text: String) throws -> XMLElement { try XMLElement.parse(Data(text.utf8)) }

    private func refusal(_ text: String) -> String {
        do {
            _ = try parse(text)
            return "parsed"
        } catch {
            return "\(error)"
        }
    }

    @Test func readsAnAWSQueryResponse() throws {
        let root = try parse(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                <requestId>7a62c49f</requestId>
                <!-- a comment -->
                <vpcSet><item><vpcId>vpc-1</vpcId></item><item><vpcId>vpc-2</vpcId></item></vpcSet>
                <empty/>
            </DescribeVpcsResponse>
            """)
        #expect(root.name == "DescribeVpcsResponse")
        #expect(root.string("requestId") == "7a62c49f")
        #expect(root.list("vpcSet").compactMap { $0.string("vpcId") } == ["vpc-1", "vpc-2"])
        #expect(root.string("empty") == "")
    }

    @Test func decodesReferencesAndCDATA() throws {
        let root = try parse("<a><b>x &amp; y &lt;&gt; &quot;&apos; &#65;&#x42;</b><c><![CDATA[<not a tag> & ]]></c></a>")
        #expect(root.string("b") == "x & y <> \"' AB")
        #expect(root.string("c") == "<not a tag> &")
    }

    @Test func stripsNamespacePrefixesButMatchesQualifiedEndTags() throws {
        let root = try parse("<s:Envelope><s:Body attr='1 > 0'>v</s:Body></s:Envelope>")
        #expect(root.name == "Envelope")
        #expect(root.string("Body") == "v")
        #expect(refusal("<s:a></a>").contains("does not match"))
    }

    @Test(arguments: [
        ("<?gei?>", "no root element"),
        ("", "no root element"),
        ("<a>", "'a' is not closed"),
        ("<a></b>", "does not match"),
        ("<a/><b/>", "second root element"),
        ("text<a/>", "text outside the root element"),
        ("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", "DOCTYPE"),
        ("<a>&bogus;</a>", "unknown reference"),
        ("<a>&#0;</a>", "unknown reference"),
        ("<a>& b</a>", "'&' that does not start"),
        ("<a b></a>", "attribute without a value"),
        ("<a b=c></a>", "not quoted"),
        ("<a><!-- open", "comment is not closed"),
        ("<a>\n\n</c>", "line 3")
    ])
    func refusesMalformedBodies(body: String, reason: String) {
        let message = refusal(body)
        #expect(message.contains(reason), "\(body.debugDescription): \(message)")
    }

    @Test func refusesDeepNestingBeforeItCostsTheStack() {
        let deep = String(repeating: "<a>", count: 100_000)
        #expect(refusal(deep).contains("nested deeper than \(XMLReader.maximumDepth)"))
    }
}
