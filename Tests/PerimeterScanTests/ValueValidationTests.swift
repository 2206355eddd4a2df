import Foundation
import PerimeterModel
import PerimeterScan
import Testing

/// Values checks rely on, given wrong: each is a warning at its position and leaves its check undecided,
/// never a silent drop and never read as some other value; the good values' findings stay.
@Suite struct ValueValidationTests {
    static let checks = Paths.package.appendingPathComponent("Tests/PerimeterChecksTests/Fixtures/checks")

    static func directory(_ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-values-\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func badCIDRsAndPortsWarnAtTheirLineAndDecideNothing() throws {
        let directory = try Self.directory("cidr")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func rule(_ name: String, _ cidrs: String, from: Int = 10250, to: Int = 10250) -> String {
            """
            resource "aws_security_group_rule" "\(name)" {
              type              = "ingress"
              security_group_id = aws_security_group.node.id
              protocol          = "tcp"
              from_port         = \(from)
              to_port           = \(to)
              cidr_blocks       = [\(cidrs)]
            }

            """
        }
        let fixture = try String(
            contentsOfFile: Self.checks.appendingPathComponent("NET-001/trigger_ranges_protocols_ipv6.tf").path,
            encoding: .utf8)
        let source =
            fixture + "\n" + rule("world", "\"0.0.0.0/0\"") + rule("prefix_33", "\"10.0.0.0/33\"") + rule("octet_999", "\"999.1.1.1/8\"")
            + rule("trailing_space", "\"0.0.0.0/0 \"") + rule("port_70000", "\"0.0.0.0/0\"", from: 10250, to: 70000)
            + rule("backwards", "\"0.0.0.0/0\"", from: 10255, to: 10250)
        try source.write(toFile: directory + "/main.tf", atomically: true, encoding: .utf8)
        let result = Scanner.scan(ScanOptions(paths: [directory]))
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        func line(of text: String, after resource: String) -> Int {
            let start = lines.firstIndex { $0.contains("\"\(resource)\"") }!
            return lines[start...].firstIndex { $0.contains(text) }! + 1
        }
        let warnings = result.diagnostics.filter { $0.severity == .warning }
        for (resource, text, needle) in [
            ("prefix_33", "'10.0.0.0/33' is not a CIDR block", "cidr_blocks"),
            ("octet_999", "'999.1.1.1/8' is not a CIDR block", "cidr_blocks"),
            ("trailing_space", "'0.0.0.0/0 ' is not a CIDR block", "cidr_blocks"),
            ("port_70000", "to_port 70000 is not a port", "to_port"),
            ("backwards", "from_port 10255 is above to_port 10250", "from_port")
        ] {
            let warning = warnings.first { $0.message.contains("aws_security_group_rule.\(resource)") && $0.message.contains(text) }
            #expect(warning != nil, "\(resource): \(warnings.map(\.description))")
            #expect(warning?.location?.file == directory + "/main.tf")
            #expect(warning?.location?.line == line(of: needle, after: resource), "\(resource) at its line: \(String(describing: warning))")
        }
        let net001 = result.findings.filter { $0.ruleId == "NET-001" }.map(\.resource)
        #expect(
            net001.sorted() == [
                "aws_security_group.node_extra", "aws_security_group_rule.kubelet_world",
                "aws_security_group_rule.self_and_world", "aws_security_group_rule.world",
                "aws_vpc_security_group_ingress_rule.all_ipv6"
            ],
            "the good rules are found, the bad ones decide nothing: \(net001)")
    }

    @Test func gcloudSourceRangesGivenAsAStringIsOneRange() throws {
        let directory = try Self.directory("gcloud")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let original = try String(
            contentsOfFile: Self.checks.appendingPathComponent("GKE-004/trigger_firewall_rules_list.json").path, encoding: .utf8)
        let list = "\"sourceRanges\": [\n      \"0.0.0.0/0\"\n    ],\n    \"targetTags\": [\n      \"gke-prod-1a2b3c4d-node\"\n    ]"
        #expect(original.contains(list), "the fixture's first rule")
        let asString = original.replacingOccurrences(
            of: list, with: "\"sourceRanges\": \"0.0.0.0/0\",\n    \"targetTags\": [\n      \"gke-prod-1a2b3c4d-node\"\n    ]")
        try asString.write(toFile: directory + "/firewalls.json", atomically: true, encoding: .utf8)
        let result = Scanner.scan(ScanOptions(paths: [directory + "/firewalls.json"]))
        #expect(result.findings.filter { $0.ruleId == "GKE-004" }.map(\.resource) == ["allow-node-ports"], "GKE-004 is not missed")

        let spaced = original.replacingOccurrences(
            of: list,
            with: "\"sourceRanges\": [\n      \"0.0.0.0/0 \"\n    ],\n    \"targetTags\": [\n      \"gke-prod-1a2b3c4d-node\"\n    ]")
        try spaced.write(toFile: directory + "/spaced.json", atomically: true, encoding: .utf8)
        let bad = Scanner.scan(ScanOptions(paths: [directory + "/spaced.json"]))
        #expect(bad.findings.filter { $0.ruleId == "GKE-004" }.isEmpty, "not read as 0.0.0.0/0")
        let warning = bad.diagnostics.first { $0.message.contains("sourceRanges '0.0.0.0/0 ' is not a CIDR block") }
        #expect(warning?.location?.file == directory + "/spaced.json")
        let expectedLine = spaced.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\"0.0.0.0/0 \"") }.map
        { $0 + 1 }
        #expect(warning?.location?.line == expectedLine, "\(bad.diagnostics)")
    }

    @Test func aPlanOfAnUnknownFormatVersionWarnsAndIsStillRead() throws {
        let directory = try Self.directory("plan")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let original = try String(contentsOfFile: Self.checks.appendingPathComponent("NET-001/trigger.plan.json").path, encoding: .utf8)
        #expect(original.contains("\"format_version\": \"1.2\""))
        try original.replacingOccurrences(of: "\"format_version\": \"1.2\"", with: "\"format_version\": \"99.0\"")
            .write(toFile: directory + "/plan.json", atomically: true, encoding: .utf8)
        let known = Scanner.scan(ScanOptions(paths: [Self.checks.appendingPathComponent("NET-001/trigger.plan.json").path]))
        #expect(!known.diagnostics.contains { $0.message.contains("format_version") })
        let result = Scanner.scan(ScanOptions(paths: [directory]))
        #expect(
            result.diagnostics.contains {
                $0.severity == .warning && $0.file == directory + "/plan.json"
                    && $0.message.contains("format_version '99.0' is not one this perimeter knows")
            }, "\(result.diagnostics)")
        #expect(
            result.findings.filter { $0.ruleId == "NET-001" }.map(\.resource).sorted()
                == ["aws_security_group_rule.kubelet_world", "aws_security_group_rule.range_ipv6"])
    }
}
