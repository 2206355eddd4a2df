import PerimeterTerraform
import Testing

private typealias F = FunctionTesting

@Suite struct NetworkFunctionTests {
    @Test func cidrsubnetExtendsIPv4Prefixes() throws {
        #expect(try F.call("cidrsubnet", .string("10.0.0.0/16"), .number(8), .number(2)) == .string("10.0.2.0/24"))
        #expect(try F.call("cidrsubnet", .string("10.0.0.5/16"), .number(8), .number(2)) == .string("10.0.2.0/24"))
        #expect(try F.call("cidrsubnet", .string("10.0.0.0/8"), .number(0), .number(0)) == .string("10.0.0.0/8"))
        #expect(try F.call("cidrsubnet", .string("0.0.0.0/0"), .number(32), .number(4_294_967_295)) == .string("255.255.255.255/32"))
    }

    @Test func cidrsubnetExtendsIPv6Prefixes() throws {
        #expect(
            try F.call("cidrsubnet", .string("fd00:fd12:3456:7890::/56"), .number(16), .number(162))
                == .string("fd00:fd12:3456:7800:a200::/72"))
        #expect(try F.call("cidrsubnet", .string("2600:1f14::/56"), .number(8), .number(255)) == .string("2600:1f14:0:ff::/64"))
        #expect(try F.call("cidrsubnet", .string("::/0"), .number(64), .number(1)) == .string("0:0:0:1::/64"))
    }

    @Test func cidrsubnetReportsImpossibleRequests() {
        #expect(F.error("cidrsubnet", .string("10.0.0.0/33"), .number(1), .number(0)) == "Invalid CIDR prefix '10.0.0.0/33'")
        #expect(F.error("cidrsubnet", .string("10.0.0/8"), .number(1), .number(0)) == "Invalid CIDR prefix '10.0.0/8'")
        #expect(
            F.error("cidrsubnet", .string("10.0.0.0/16"), .number(8), .number(256))
                == "Prefix extension of 8 does not accommodate a subnet numbered 256")
        #expect(
            F.error("cidrsubnet", .string("10.0.0.0/16"), .number(17), .number(0))
                == "Insufficient address space to extend prefix of 16 by 17")
        #expect(
            F.error("cidrsubnet", .string("10.0.0.0/16"), .number(8), .number(-1))
                == "Invalid argument 3 to 'cidrsubnet': the subnet number must not be negative")
    }

    @Test func cidrhostCountsFromBothEnds() throws {
        #expect(try F.call("cidrhost", .string("10.12.112.0/20"), .number(16)) == .string("10.12.112.16"))
        #expect(try F.call("cidrhost", .string("10.12.112.0/20"), .number(-2)) == .string("10.12.127.254"))
        #expect(try F.call("cidrhost", .string("10.0.0.0/8"), .number(-16_777_216)) == .string("10.0.0.0"))
        #expect(try F.call("cidrhost", .string("fd00:fd12:3456:7890:00a2::/72"), .number(34)) == .string("fd00:fd12:3456:7890::22"))
        #expect(try F.call("cidrhost", .string("2001:db8::/32"), .number(-1)) == .string("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"))
        #expect(try F.call("cidrhost", .string("2001:0:0:1::/64"), .number(0)) == .string("2001:0:0:1::"))
        #expect(F.error("cidrhost", .string("10.0.0.0/30"), .number(4)) == "Prefix of 30 does not accommodate a host numbered 4")
        #expect(
            F.error("cidrhost", .string("10.0.0.0/8"), .number(-16_777_217))
                == "Prefix of 8 does not accommodate a host numbered -16777217")
        #expect(
            F.error("cidrhost", .string("10.0.0.0/8"), .number(1.5))
                == "Invalid argument 2 to 'cidrhost': a whole number is required, got 1.5")
    }

    @Test func cidrnetmaskIsIPv4Only() throws {
        #expect(try F.call("cidrnetmask", .string("172.16.0.0/12")) == .string("255.240.0.0"))
        #expect(try F.call("cidrnetmask", .string("10.0.0.0/0")) == .string("0.0.0.0"))
        #expect(F.error("cidrnetmask", .string("fd00::/12")) == "IPv6 addresses cannot have a netmask: 'fd00::/12'")
    }

    @Test func cidrsubnetsAllocatesAlignedConsecutiveBlocks() throws {
        #expect(
            try F.call("cidrsubnets", .string("10.1.0.0/16"), .number(4), .number(4), .number(8), .number(4))
                == F.strings("10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"))
        #expect(
            try F.call("cidrsubnets", .string("fd00:fd12:3456:7890::/56"), .number(16), .number(16), .number(16), .number(32))
                == F.strings(
                    "fd00:fd12:3456:7800::/72", "fd00:fd12:3456:7800:100::/72", "fd00:fd12:3456:7800:200::/72",
                    "fd00:fd12:3456:7800:300::/88"))
        #expect(try F.call("cidrsubnets", .string("10.1.0.0/16")) == .list([]))
        #expect(
            F.error("cidrsubnets", .string("10.0.0.0/30"), .number(1), .number(1), .number(1))
                == "Not enough remaining address space for a subnet with a prefix of 31 bits after 10.0.0.2/31")
        #expect(
            F.error("cidrsubnets", .string("10.0.0.0/24"), .number(9))
                == "Invalid argument 2 to 'cidrsubnets': would extend the prefix to 33 bits, which is too long for an IPv4 address")
    }
}
