import Foundation
import PerimeterModel
import Testing

@testable import PerimeterAWS

/// Real moto wire samples (`shared/data/aws-api-samples`) → snapshot objects, without a network.
@Suite struct ResponseMappingTests {
    static let samples = LoopbackServer.sharedDirectory.appendingPathComponent("data/aws-api-samples")

    func xml(_ name: String) throws -> XMLElement {
        try XMLElement.parse(try Data(contentsOf: Self.samples.appendingPathComponent(name)))
    }

    @Test func securityGroupsWithEveryRuleShape() throws {
        let items = try xml("ec2-DescribeSecurityGroups.xml").list("securityGroupInfo")
        #expect(items.count == 4)
        let mapped = items.compactMap { EC2Mapping.securityGroup($0, clusterOwners: ["sg-aaaebbe410be2a7c5": "eks-secure-infra-dev"]) }
        let cluster = try #require(mapped.first { $0.0.id == "sg-aaaebbe410be2a7c5" })
        #expect(cluster.0.role == .eksClusterSecurityGroup)
        #expect(cluster.0.ownerCluster == "eks-secure-infra-dev")
        #expect(cluster.0.vpc == .key("vpc-1646b898d0d164582"))
        let selfRule = try #require(cluster.1.first { $0.direction == .ingress && $0.ipProtocol == .known(.all) })
        #expect(selfRule.endpoints == [.selfGroup])
        #expect(selfRule.ports == .known(.all))
        let https = try #require(cluster.1.first { $0.direction == .ingress && $0.ports == .known(PortRange(from: 443, to: 443)) })
        #expect(https.endpoints == [.cidr("172.31.0.0/16"), .securityGroup(.key("sg-bdb792a247c93a27b"))])
        #expect(https.provenance == Provenance(resource: "sg-aaaebbe410be2a7c5", origin: .aws))
        let egress = cluster.1.filter { $0.direction == .egress }
        #expect(egress.count == 2)

        let demo = try #require(mapped.first { $0.0.name == .known("wire-format-demo") })
        #expect(demo.0.role == .ordinary)
        #expect(demo.1.contains { $0.endpoints == [.cidr("0.0.0.0/0"), .cidr("::/0")] })
        #expect(demo.1.contains { $0.endpoints == [.prefixList(.key("pl-de52c6c03c6a3ed85"))] })
        let icmp = try #require(demo.1.first { $0.ipProtocol == .known(.icmp) })
        #expect(icmp.ports == .known(.all))
        #expect(demo.1.contains { $0.ipProtocol == .known(.udp) && $0.ports == .known(PortRange(from: 30000, to: 32767)) })
    }

    @Test func instancesBeforeState() throws {
        let instances = EC2Mapping.instances(reservations: try xml("ec2-DescribeInstances.before.xml").list("reservationSet"))
        #expect(instances.count == 3)
        let vpn = try #require(instances.first { $0.tags["Role"] == "vpn" })
        #expect(vpn.sourceDestCheck == .known(true))
        #expect(vpn.publicIP == "13.125.215.119")
        #expect(vpn.privateIP == "172.31.9.218")
        #expect(vpn.metadataOptions?.httpTokens == .known("required"))
        let nodes = instances.filter { $0.tags["Role"] != "vpn" }
        #expect(nodes.count == 2)
        for node in nodes {
            #expect(node.metadataOptions?.httpTokens == .known("optional"))
            #expect(node.metadataOptions?.hopLimit == .known(1))
            #expect(node.securityGroups == [.key("sg-aaaebbe410be2a7c5")])
            #expect(node.provenance.resource == node.id)
            #expect(node.provenance.location == nil)
        }
    }

    @Test func instancePagesCarryNextToken() throws {
        let first = try xml("ec2-DescribeInstances.page1.xml")
        #expect(first.string("nextToken")?.hasPrefix("r-") == true)
        #expect(try xml("ec2-DescribeInstances.page2.xml").string("nextToken") == nil)
    }

    @Test func launchTemplateVersions() throws {
        let versions = try xml("ec2-DescribeLaunchTemplateVersions.xml").list("launchTemplateVersionSet").compactMap(
            EC2Mapping.launchTemplate)
        #expect(versions.map(\.version) == ["1", "2"])
        #expect(versions[0].setsSecurityGroups == .known(false))
        #expect(versions[0].metadataOptions?.httpTokens == .known("optional"))
        #expect(versions[1].securityGroups == [.key("sg-bdb792a247c93a27b")])
        #expect(versions[1].setsSecurityGroups == .known(true))
        #expect(versions[1].metadataOptions?.hopLimit == .known(2))
        #expect(versions[1].key == "lt-8440c632e4c8de8fe")
    }

    @Test func routesPeeringsACLsInterfaces() throws {
        let tables = try xml("ec2-DescribeRouteTables.xml").list("routeTableSet").compactMap(EC2Mapping.routeTable)
        #expect(tables.count == 4)
        let routes = tables.flatMap(\.1)
        #expect(routes.filter { if case .peeringConnection(.key("pcx-a185fcfdc022c1e06")) = $0.target { true } else { false } }.count == 2)
        #expect(routes.contains { $0.target == .natGateway(.key("nat-afbe31c8b71b0eaab")) })
        #expect(routes.contains { $0.target == .local })
        let privateTable = try #require(tables.first { $0.0.id == "rtb-5fc44be4df19050a7" })
        #expect(privateTable.0.subnets.count == 2)

        let peering = try #require(
            try xml("ec2-DescribeVpcPeeringConnections.xml").list("vpcPeeringConnectionSet").compactMap(EC2Mapping.peering).first)
        #expect(peering.status == "active")
        #expect(peering.requesterVPC == .key("vpc-1646b898d0d164582"))
        #expect(peering.requesterAllowsRemoteDNS == .known(true) && peering.accepterAllowsRemoteDNS == .known(true))

        let acls = try xml("ec2-DescribeNetworkAcls.xml").list("networkAclSet").compactMap(EC2Mapping.networkACL)
        let first = try #require(acls.first)
        #expect(first.subnets.count == 4)
        #expect(first.entries.contains { $0.ruleNumber == .known(32767) && $0.allow == .known(false) && $0.direction == .egress })

        let interfaces = try xml("ec2-DescribeNetworkInterfaces.xml").list("networkInterfaceSet").compactMap(EC2Mapping.networkInterface)
        let vpnInterface = try #require(interfaces.first { $0.key == "eni-690608b72f78758bf" })
        #expect(vpnInterface.instance == .key("i-327f98f3d7d5d75a3"))
        #expect(vpnInterface.securityGroups == [.key("sg-d29acd283b2414c09")])
        #expect(vpnInterface.privateIPs == ["172.31.9.218"])

        let vpcs = try xml("ec2-DescribeVpcs.xml").list("vpcSet").compactMap(EC2Mapping.vpc)
        #expect(vpcs.map(\.cidrBlocks) == [.known(["172.31.0.0/16"]), .known(["10.0.0.0/16"])])
        let subnets = try xml("ec2-DescribeSubnets.xml").list("subnetSet").compactMap(EC2Mapping.subnet)
        #expect(subnets.contains { $0.mapPublicIPOnLaunch == .known(true) && $0.cidrBlock == .known("172.31.0.0/20") })
        let list = try #require(try xml("ec2-DescribeManagedPrefixLists.xml").list("prefixListSet").first)
        let entries = try xml("ec2-GetManagedPrefixListEntries.xml").list("entrySet").compactMap { $0.string("cidr") }
        #expect(EC2Mapping.prefixList(list, entries: entries)?.entries == .known(["203.0.113.0/24"]))
    }

    @Test func autoScalingAndIAM() throws {
        let groups = try xml("autoscaling-DescribeAutoScalingGroups.xml").find("AutoScalingGroups")?.children ?? []
        let group = try #require(groups.first.flatMap(QueryMapping.autoScalingGroup))
        #expect(group.launchTemplate == .key("lt-07ba5dca80af9d692"))
        #expect(group.instances.count == 2)
        #expect(group.tags["eks:nodegroup-name"] == "eks-secure-infra-dev-spot")
        #expect(QueryMapping.launchTemplateVersion(groups[0])?.version == "1")

        let role = try #require(try xml("iam-GetRole.xml").find("Role").flatMap(QueryMapping.role))
        let trust = try #require(role.assumeRolePolicy.value)
        #expect(trust.hasPrefix("{") && trust.contains("sts:AssumeRoleWithWebIdentity"))
        let listed = try xml("iam-ListRoles.xml").find("Roles")?.children.compactMap(QueryMapping.role) ?? []
        #expect(!listed.isEmpty && listed.allSatisfy { $0.assumeRolePolicy.value?.hasPrefix("{") == true })

        let arn = try #require(try xml("iam-ListOpenIDConnectProviders.xml").find("Arn")?.text)
        let provider = QueryMapping.oidcProvider(
            arn: arn, details: try xml("iam-GetOpenIDConnectProvider.xml").find("GetOpenIDConnectProviderResult"))
        #expect(provider.url == .known("https://oidc.eks.ap-northeast-2.amazonaws.com/id/3zXdImA4ht"))
        #expect(provider.clientIDs == .known(["sts.amazonaws.com"]))
    }

    @Test func eksClusterAndNodegroup() throws {
        struct ClusterAnswer: Decodable { var cluster: EKSClusterDTO }
        struct NodegroupAnswer: Decodable { var nodegroup: EKSNodegroupDTO }
        let before = try JSONDecoder().decode(
            ClusterAnswer.self, from: Data(contentsOf: Self.samples.appendingPathComponent("eks-DescribeCluster.before.json")))
        let cluster = EKSMapping.cluster(before.cluster)
        #expect(cluster.key == "eks-secure-infra-dev")
        #expect(cluster.clusterSecurityGroup == .key("sg-aaaebbe410be2a7c5"))
        #expect(cluster.endpointPublicAccess == .known(true))
        #expect(cluster.publicAccessCidrs == .known(["13.125.215.119/32"]))
        let after = try JSONDecoder().decode(
            ClusterAnswer.self, from: Data(contentsOf: Self.samples.appendingPathComponent("eks-DescribeCluster.json")))
        #expect(EKSMapping.cluster(after.cluster).endpointPublicAccess == .known(false))

        let dto = try JSONDecoder().decode(
            NodegroupAnswer.self, from: Data(contentsOf: Self.samples.appendingPathComponent("eks-DescribeNodegroup.json"))
        ).nodegroup
        let group = EKSMapping.nodeGroup(dto, cluster: "eks-secure-infra-dev", existingSecurityGroups: [])
        #expect(group.launchTemplate == .key("lt-8440c632e4c8de8fe"))
        #expect(group.extraSecurityGroups.isEmpty, "moto's invented remote-access group is not in EC2, so it is not placed on nodes")
        #expect(EKSMapping.nodeGroup(dto, cluster: "c", existingSecurityGroups: ["sg-tbbmidc7sjuw3uedg"]).extraSecurityGroups.count == 1)
    }

    /// moto has no access-entry API, so no recorded sample exists: these are the shapes of AWS's API reference.
    @Test func accessEntriesAndPolicies() throws {
        struct Entry: Decodable { var accessEntry: EKSAccessEntryDTO }
        struct Policies: Decodable { var associatedAccessPolicies: [EKSAssociatedPolicyDTO] }
        let entry = try JSONDecoder().decode(
            Entry.self,
            from: Data(
                """
                {"accessEntry": {"clusterName": "prod", "principalArn": "arn:aws:iam::123456789012:role/admin",
                 "kubernetesGroups": ["ops"], "username": "arn:aws:sts::123456789012:assumed-role/admin/{{SessionName}}",
                 "type": "STANDARD", "createdAt": 1.7e9, "tags": {}}}
                """.utf8)
        ).accessEntry
        let mapped = EKSMapping.accessEntry(entry, cluster: "prod")
        #expect(mapped.principalArn == .known("arn:aws:iam::123456789012:role/admin"))
        #expect(mapped.kubernetesGroups == .known(["ops"]))
        #expect(mapped.type == .known("STANDARD"))
        #expect(mapped.provenance.resource == "arn:aws:iam::123456789012:role/admin")
        let policies = try JSONDecoder().decode(
            Policies.self,
            from: Data(
                """
                {"clusterName": "prod", "principalArn": "arn:aws:iam::123456789012:role/admin", "associatedAccessPolicies": [
                  {"policyArn": "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", "accessScope": {"type": "cluster", "namespaces": []}},
                  {"policyArn": "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", "accessScope": {"type": "namespace", "namespaces": ["dev"]}}]}
                """.utf8)
        ).associatedAccessPolicies
        let associations = policies.map { EKSMapping.policyAssociation($0, principal: entry.principalArn, cluster: "prod") }
        #expect(associations.map(\.scopeType) == [.known("cluster"), .known("namespace")])
        #expect(associations[1].namespaces == ["dev"])
    }

    @Test func errorClassification() throws {
        func error(_ name: String, status: Int, headers: [String: String] = [:]) throws -> AWSCallError {
            AWSCallError.from(
                operation: "x:Y", status: status, headers: headers, body: try Data(contentsOf: Self.samples.appendingPathComponent(name)))
        }
        let auth = try error("ec2-error.AuthFailure.bad-signature.xml", status: 401)
        #expect(auth.kind == .authentication && auth.code == "AuthFailure")
        #expect(try error("sts-error.SignatureDoesNotMatch.xml", status: 403).kind == .authentication)
        #expect(try error("ec2-error.InvalidGroup.NotFound.xml", status: 400).kind == .notFound)
        let eks = try error(
            "eks-error.ResourceNotFoundException.json", status: 404,
            headers: ["x-amzn-errortype": "ResourceNotFoundException:http://internal"])
        #expect(eks.kind == .notFound && eks.code == "ResourceNotFoundException")
        #expect(eks.message == "No cluster found for name: does-not-exist.")
        #expect(try error("eks-ListAccessEntries.unsupported-404.html", status: 404).kind == .unsupported)
        let server = try error("ec2-error.bad-NextToken-500.html", status: 500)
        #expect(server.kind == .server && server.isRetryable)
        #expect(try error("iam-error.NoSuchEntity.xml", status: 404).kind == .notFound)
        let throttled = AWSCallError.from(
            operation: "ec2:DescribeVpcs", status: 503, headers: [:],
            body: Data(
                "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Rate exceeded</Message></Error></Errors></Response>"
                    .utf8))
        #expect(throttled.kind == .throttled && throttled.isRetryable)
    }

    @Test func backoffStaysWithinItsBounds() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: 0.1, maxDelay: 1)
        for attempt in 1...6 {
            let delay = policy.delay(afterAttempt: attempt)
            #expect(delay >= 0 && delay <= min(1, 0.1 * pow(2, Double(attempt - 1))))
        }
    }
}
