import Foundation
import PerimeterChecks
import PerimeterModel
import PerimeterScan
import Testing

@testable import PerimeterAWS

/// Every test against moto_server lives under this suite: one server, seeded state shared, one test at a time.
@Suite(.serialized) struct LiveAWSTests {}

/// The checks' findings as `RULE resource` lines, sorted.
func findingLines(_ snapshot: Snapshot) -> [String] {
    Scanner.scan(ScanOptions(paths: [], snapshots: [snapshot])).findings.map { "\($0.ruleId) \($0.resource)" }.sorted()
}

/// What the before state must give, named the way AWS names each object.
func expectedBeforeFindings(_ seed: SeedSummary) -> [String] {
    ([
        "NET-004 \(seed.nodegroup.name)",
        "NET-010 \(seed.cluster.name)",
        "NODE-001 \(seed.nodegroup.launch_template_id)",
        "NODE-001 \(seed.nodegroup.eks_managed_launch_template_id)"
    ] + seed.nodegroup.instance_ids.map { "NODE-001 \($0)" }).sorted()
}

extension LiveAWSTests {
    @Suite struct Scenario {
        @Test func beforeStateGivesExactlyTheKubeletAndEndpointFindings() async throws {
            let seed = try await MotoScenario.shared.seed()
            let snapshot = try await collect(endpoint: try await MotoScenario.shared.url())
            #expect(findingLines(snapshot) == expectedBeforeFindings(seed))

            // The cluster SG is recognised from DescribeCluster, and the nodes really carry it.
            let clusterSG = try #require(snapshot.securityGroups.first { $0.id == seed.security_groups.cluster })
            #expect(clusterSG.role == .eksClusterSecurityGroup)
            #expect(clusterSG.ownerCluster == MotoScenario.cluster)
            for id in seed.nodegroup.instance_ids {
                let node = try #require(snapshot.instances.first { $0.id == id })
                #expect(node.securityGroups == [.key(seed.security_groups.cluster)])
            }
            #expect(snapshot.launchTemplates.first { $0.id == seed.nodegroup.launch_template_id }?.setsSecurityGroups == .known(false))
            #expect(snapshot.peeringConnections.isEmpty)
            #expect(snapshot.sources == ["aws:ap-northeast-2/eks-secure-infra-dev"])
            #expect(snapshot.securityGroupRules.allSatisfy { $0.provenance.origin == .aws && $0.provenance.location == nil })
            let collection = try #require(snapshot.collection)
            #expect(collection.accountID == "123456789012")
            #expect(collection.gaps.allSatisfy { $0.severity == .warning }, "moto lacks only the access-entry API: \(collection.gaps)")
        }

        @Test func afterStateGivesNoFinding() async throws {
            let seed = try await MotoScenario.shared.seed(after: true)
            let snapshot = try await collect(endpoint: try await MotoScenario.shared.url())
            #expect(findingLines(snapshot) == [])

            // Not a finding, but there: the node SG's node-to-node self rule and the leftover /32.
            let nodeSG = try #require(seed.security_groups.node)
            #expect(
                snapshot.securityGroupRules.contains {
                    $0.group == .key(nodeSG) && $0.endpoints == [.selfGroup] && $0.ipProtocol == .known(.all)
                })
            let cluster = try #require(snapshot.eksClusters.first)
            #expect(cluster.endpointPublicAccess == .known(false))
            #expect(cluster.publicAccessCidrs == .known(["13.125.215.119/32"]))
            // Live data Terraform cannot show: peering status, both routes, DNS flags, instance flags.
            let peering = try #require(snapshot.peeringConnections.first { $0.id == seed.peering?.id })
            #expect(peering.status == "active")
            #expect(peering.requesterAllowsRemoteDNS == .known(true))
            #expect(snapshot.routes.filter { $0.target == .peeringConnection(.key(peering.key)) }.count >= 2)
            #expect(snapshot.vpcs.first { $0.id == seed.vpn.vpc_id }?.enableDnsSupport == .known(true))
            #expect(snapshot.instances.first { $0.id == seed.vpn.instance_id }?.sourceDestCheck == .known(false))
            #expect(snapshot.launchTemplates.first { $0.id == seed.nodegroup.launch_template_id }?.version == "2")
            #expect(snapshot.iamRoles.count == 2, "cluster role and node role")
            #expect(snapshot.oidcProviders.first?.clientIDs == .known(["sts.amazonaws.com"]))
        }

        @Test func snapshotsRoundTripAndDiffThroughTheCLI() async throws {
            let endpoint = try await MotoScenario.shared.url()
            let environment = motoEnvironment()
            let beforeFile = PerimeterCLI.temporaryFile("before.json")
            let afterFile = PerimeterCLI.temporaryFile("after.json")
            let base = ["--cluster", MotoScenario.cluster, "--region", MotoScenario.region, "--endpoint-url", endpoint]

            let seed = try await MotoScenario.shared.seed()
            let collectBefore = try PerimeterCLI.run(["collect", "aws"] + base + ["-o", beforeFile], environment: environment)
            #expect(collectBefore.status == 0, "\(collectBefore.stderr)")
            _ = try await MotoScenario.shared.seed(after: true)
            let collectAfter = try PerimeterCLI.run(["collect", "aws"] + base + ["-o", afterFile], environment: environment)
            #expect(collectAfter.status == 0, "\(collectAfter.stderr)")

            let scanBefore = try PerimeterCLI.run(["scan", beforeFile, "--format", "json"], environment: environment)
            #expect(scanBefore.status == 1)
            struct Report: Decodable {
                struct Item: Decodable {
                    var ruleId: String
                    var resource: String
                }
                var findings: [Item]
            }
            let report = try JSONDecoder().decode(Report.self, from: Data(scanBefore.stdout.utf8))
            #expect(report.findings.map { "\($0.ruleId) \($0.resource)" }.sorted() == expectedBeforeFindings(seed))

            let scanAfter = try PerimeterCLI.run(["scan", afterFile], environment: environment)
            #expect(scanAfter.status == 0, "\(scanAfter.stdout)")

            let diff = try PerimeterCLI.run(["diff", beforeFile, afterFile], environment: environment)
            #expect(diff.status == 0)
            #expect(diff.stdout.contains("6 fixed, 0 introduced, 0 unchanged"), "\(diff.stdout)")
            #expect(diff.stdout.contains("- NET-004"))
            let reverse = try PerimeterCLI.run(["diff", afterFile, beforeFile], environment: environment)
            #expect(reverse.status == 1, "a change that introduces findings fails")
            #expect(reverse.stdout.contains("0 fixed, 6 introduced"))

            let live = try PerimeterCLI.run(["scan", "--aws"] + base, environment: environment)
            #expect(live.status == 0, "\(live.stdout)\(live.stderr)")
            #expect(live.stdout.contains("0 findings"))
        }

        @Test func paginationAndConcurrencyAtScale() async throws {
            let seed = try await MotoScenario.shared.seed(scale: 500)
            let scale = try #require(seed.scale)
            let started = Date()
            // Pages of 100 force several DescribeInstances pages (moto pages by reservation).
            let snapshot = try await collect(endpoint: try await MotoScenario.shared.url(), scope: .region, pageSize: 100)
            let seconds = Date().timeIntervalSince(started)
            #expect(scale.count == 500)
            #expect(Set(scale.instance_ids).isSubset(of: Set(snapshot.instances.compactMap(\.id))))
            #expect(Set(scale.security_group_ids).isSubset(of: Set(snapshot.securityGroups.compactMap(\.id))))
            #expect(Set(scale.vpc_ids).isSubset(of: Set(snapshot.vpcs.compactMap(\.id))))
            #expect(snapshot.instances.count == 500 + 3, "scale instances, two nodes, the VPN instance")
            #expect(snapshot.vpcs.count == 500 + 2)
            #expect(Set(snapshot.instances.map(\.key)).count == snapshot.instances.count, "no instance read twice")
            #expect(
                snapshot.securityGroupRules.filter { rule in
                    scale.security_group_ids.contains(rule.group.knownKey ?? "") && rule.direction == .ingress
                }.count == 1000)
            // The benign scale objects add no finding.
            #expect(findingLines(snapshot) == expectedBeforeFindings(seed))
            #expect((snapshot.collection?.calls ?? 0) >= 6 + 10)
            print("collect at --scale 500: \(String(format: "%.2f", seconds)) s, \(snapshot.collection?.calls ?? 0) calls")

            // The cluster scope reads the cluster's VPC (and the VPN VPC once a peering joins them), none of the
            // scale VPCs, and finds the same.
            let scoped = try await collect(endpoint: try await MotoScenario.shared.url(), pageSize: 100)
            let peered = seed.peering != nil
            #expect(Set(scoped.vpcs.compactMap(\.id)) == Set([seed.eks_vpc.vpc_id] + (peered ? [seed.vpn.vpc_id] : [])))
            #expect(scoped.instances.count == (peered ? 3 : 2), "the two nodes, and the VPN instance when peered")
            #expect(Set(scoped.securityGroups.compactMap(\.id)).isDisjoint(with: scale.security_group_ids))
            #expect(findingLines(scoped) == expectedBeforeFindings(seed))
        }
    }
}
