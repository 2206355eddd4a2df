import Foundation
import PerimeterModel
import Testing

@Suite struct CIDRTests {
    @Test(arguments: [
        ("10.0.0.0/8", AddressFamily.ipv4, 8, "10.0.0.0/8"),
        ("13.125.215.119/32", .ipv4, 32, "13.125.215.119/32"),
        ("13.125.215.119", .ipv4, 32, "13.125.215.119/32"),
        ("0.0.0.0/0", .ipv4, 0, "0.0.0.0/0"),
        ("::/0", .ipv6, 0, "::/0"),
        ("2001:db8::/32", .ipv6, 32, "2001:db8::/32"),
        ("2001:DB8:0:0:0:0:0:1/128", .ipv6, 128, "2001:db8::1/128"),
        ("2001:db8::1", .ipv6, 128, "2001:db8::1/128"),
        ("::ffff:1.2.3.4/128", .ipv6, 128, "::ffff:1.2.3.4/128"),
        ("::FFFF:102:304", .ipv6, 128, "::ffff:1.2.3.4/128"),
        ("fe80:0:0:1:0:0:0:0/64", .ipv6, 64, "fe80:0:0:1::/64"),
        ("2001:db8:0:0:1:0:0:1/128", .ipv6, 128, "2001:db8::1:0:0:1/128"),
        ("1:0:0:2:0:0:0:3/128", .ipv6, 128, "1:0:0:2::3/128"),
        ("1:2:3:4:5:6:7::", .ipv6, 128, "1:2:3:4:5:6:7:0/128"),
        ("::1.2.3.4", .ipv6, 128, "::102:304/128"),
        (" 192.168.1.0/24 ", .ipv4, 24, "192.168.1.0/24")
    ])
    func parsesValidText(text: String, family: AddressFamily, prefix: Int, canonical: String) throws {
        let cidr = try #require(CIDR(parsing: text))
        #expect(cidr.family == family)
        #expect(cidr.prefixLength == prefix)
        #expect(cidr.description == canonical)
        #expect(!cidr.hasHostBits)
    }

    @Test(arguments: [
        "", "10.0.0.0/", "10.0.0/8", "10.0.0.0.0/8", "256.0.0.0/8", "10.0.0.0/33", "10.0.0.0/-1", "::/129",
        "010.0.0.1", "10.0.0.0/8/8", "1:2:3:4:5:6:7:8:9", "1::2::3", ":::", "1:::2", "12345::", "g::1",
        "::ffff:1.2.3/128", "1.2.3.4::", "fe80::1%eth0", "10.0.0.0 /8", "10.0.0.0/0008", "/8", "abc", "::1/1a"
    ])
    func rejectsInvalidText(text: String) {
        #expect(CIDR(parsing: text) == nil)
    }

    @Test func normalizesHostBits() throws {
        let cidr = try #require(CIDR(parsing: "10.1.2.3/8"))
        #expect(cidr.hasHostBits)
        #expect(cidr.description == "10.0.0.0/8")
        #expect(cidr == CIDR(parsing: "10.0.0.0/8"))
        #expect(cidr.first == 10 << 24)
        #expect(cidr.last == (10 << 24) | 0xFF_FFFF)
    }

    @Test func bounds() throws {
        let v6 = try #require(CIDR(parsing: "2001:db8::/32"))
        #expect(v6.first == UInt128(0x2001_0db8) << 96)
        #expect(v6.last == (UInt128(0x2001_0db8) << 96) | (UInt128.max >> 32))
        #expect(CIDR.wholeIPv6.last == .max)
        #expect(CIDR.wholeIPv4.last == UInt128(UInt32.max))
        #expect(CIDR.wholeIPv4.addressCount == 1 << 32)
        #expect(CIDR.wholeIPv6.addressCount == .max)
        #expect(try #require(CIDR(parsing: "10.0.0.0/31")).addressCount == 2)
    }

    @Test func wholeInternet() throws {
        #expect(try #require(CIDR(parsing: "0.0.0.0/0")).isWholeInternet)
        #expect(try #require(CIDR(parsing: "::/0")).isWholeInternet)
        #expect(try #require(CIDR(parsing: "0.0.0.0/1")).isWholeInternet == false)
        #expect(try #require(CIDR(parsing: "::ffff:0.0.0.0/96")).isWholeInternet == false)
    }

    @Test func containment() throws {
        let vpc = try #require(CIDR(parsing: "10.0.0.0/16"))
        #expect(vpc.contains(try #require(IPAddress(parsing: "10.0.255.255"))))
        #expect(!vpc.contains(try #require(IPAddress(parsing: "10.1.0.0"))))
        #expect(vpc.contains(try #require(CIDR(parsing: "10.0.4.0/24"))))
        #expect(!vpc.contains(try #require(CIDR(parsing: "10.0.0.0/8"))))
        #expect(vpc.contains(vpc))
        #expect(CIDR.wholeIPv4.contains(vpc))
        // Families never mix, even for the IPv4-mapped form of a contained address.
        #expect(!CIDR.wholeIPv6.contains(vpc))
        #expect(!vpc.contains(try #require(IPAddress(parsing: "::ffff:10.0.0.1"))))
        #expect(vpc.overlaps(try #require(CIDR(parsing: "10.0.0.0/8"))))
        #expect(!vpc.overlaps(try #require(CIDR(parsing: "10.1.0.0/16"))))
    }

    @Test func ipv4Mapped() throws {
        let mapped = try #require(CIDR(parsing: "::ffff:1.2.3.0/120"))
        #expect(mapped.family == .ipv6)
        #expect(mapped.mappedIPv4 == CIDR(parsing: "1.2.3.0/24"))
        #expect(try #require(CIDR(parsing: "2001:db8::/120")).mappedIPv4 == nil)
        let address = try #require(IPAddress(parsing: "::ffff:13.125.215.119"))
        #expect(address.isIPv4Mapped)
        #expect(address.mappedIPv4 == IPAddress(parsing: "13.125.215.119"))
    }

    @Test func codableKeepsTextAsWritten() throws {
        let original = try #require(CIDR(parsing: "10.1.2.3/8"))
        let data = try JSONEncoder().encode([original])
        let decoded = try JSONDecoder().decode([String].self, from: data)
        #expect(decoded == ["10.1.2.3/8"])
        let roundTripped = try JSONDecoder().decode([CIDR].self, from: data)
        #expect(roundTripped == [original])
        #expect(roundTripped.first?.hasHostBits == true)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CIDR].self, from: Data(#"["bogus"]"#.utf8)) }
    }

    @Test func orderingPutsIPv4FirstAndBroaderFirst() {
        let texts = ["::/0", "10.0.0.0/16", "10.0.0.0/8", "9.0.0.0/8"]
        let sorted = texts.compactMap { CIDR(parsing: $0) }.sorted().map(\.description)
        #expect(sorted == ["9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "::/0"])
    }

    @Test func addressTextRoundTrips() throws {
        for text in ["0.0.0.0", "255.255.255.255", "::", "::1", "1::", "2001:db8::8:800:200c:417a", "ff02::1:ff00:0"] {
            let address = try #require(IPAddress(parsing: text))
            #expect(address.description == text)
            #expect(IPAddress(parsing: address.description) == address)
        }
    }
}
