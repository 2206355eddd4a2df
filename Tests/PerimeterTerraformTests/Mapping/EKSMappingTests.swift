import PerimeterModel
import Testing

@testable import PerimeterTerraform

@Suite struct EKSMappingTests {
    typealias B = Build

    @Test func clusterDefaultsAndItsSecurityGroup() throws {
        let cluster = B.resource(
            "aws_eks_cluster", "this", module: "module.eks", line: 5,
            [
                "name": .string("dev"),
                "vpc_config": B.block(["subnet_ids": .list([B.ref("module.vpc.aws_subnet.private[0]"), .string("subnet-0b")])])
            ])
        let subnet = B.resource(
            "aws_subnet", "private", module: "module.vpc", key: .int(0),
            [
                "vpc_id": B.ref("module.vpc.aws_vpc.this"), "cidr_block": .string("10.0.10.0/24")
            ])
        let (snapshot, diagnostics) = B.map(cluster, subnet)
        #expect(diagnostics.isEmpty)
        let provenance = Provenance(resource: "module.eks.aws_eks_cluster.this", location: B.at(5), origin: .terraform)
        let groupKey = "module.eks.aws_eks_cluster.this.vpc_config[0].cluster_security_group_id"
        #expect(
            snapshot.eksClusters == [
                EKSCluster(
                    key: "module.eks.aws_eks_cluster.this", provenance: provenance, name: .known("dev"),
                    clusterSecurityGroup: .key(groupKey),
                    subnets: [.key("module.vpc.aws_subnet.private[0]"), .external("subnet-0b")], vpc: .key("module.vpc.aws_vpc.this"),
                    endpointPublicAccess: .known(true), endpointPrivateAccess: .known(false))
            ])
        let group = try #require(snapshot.securityGroups.first { $0.key == groupKey })
        #expect(
            group
                == SecurityGroup(
                    key: groupKey, provenance: provenance, vpc: .key("module.vpc.aws_vpc.this"),
                    role: .eksClusterSecurityGroup, ownerCluster: "module.eks.aws_eks_cluster.this"))
        #expect(snapshot.subnets.first?.mapPublicIPOnLaunch == .known(false))
    }

    @Test func clusterEndpointSettings() throws {
        let cluster = B.resource(
            "aws_eks_cluster", "this",
            [
                "name": B.ref("random_pet.name", "id"),
                "vpc_config": .object([
                    "endpoint_public_access": .string("true"),
                    "endpoint_private_access": .unknown(Unknown(reason: "var.private has no value")),
                    "public_access_cidrs": B.strings("13.125.215.119/32"),
                    "security_group_ids": .list([B.ref("aws_security_group.extra")])
                ]),
                "access_config": B.block(["authentication_mode": .string("API")])
            ])
        let eks = try #require(B.map(cluster).snapshot.eksClusters.first)
        #expect(eks.name == .unknown("random_pet.name.id is known only after apply"))
        #expect(eks.endpointPublicAccess == .known(true))
        #expect(eks.endpointPrivateAccess == .unknown("var.private has no value"))
        #expect(eks.publicAccessCidrs == .known(["13.125.215.119/32"]))
        #expect(eks.additionalSecurityGroups == [.key("aws_security_group.extra")])
        #expect(eks.authenticationMode == .known("API"))
    }

    @Test func knownClusterSecurityGroupIDIsItsKey() {
        let cluster = B.resource(
            "aws_eks_cluster", "this",
            [
                "name": .string("dev"), "vpc_config": B.block(["cluster_security_group_id": .string("sg-015841da165f32250")])
            ])
        let rule = B.resource(
            "aws_security_group_rule", "self",
            [
                "type": .string("ingress"), "protocol": .string("-1"), "from_port": .number(0), "to_port": .number(0),
                "security_group_id": .string("sg-015841da165f32250"), "self": .bool(true)
            ])
        let snapshot = B.map(cluster, rule).snapshot
        #expect(snapshot.securityGroups.first?.id == "sg-015841da165f32250")
        #expect(snapshot.securityGroupRules.first?.group == .key("aws_eks_cluster.this.vpc_config[0].cluster_security_group_id"))
    }

    @Test func managedNodeGroup() throws {
        let nodeGroup = B.resource(
            "aws_eks_node_group", "spot", line: 30,
            [
                "cluster_name": B.ref("aws_eks_cluster.this", "name"), "node_group_name": .string("spot"),
                "launch_template": B.block(["name": .string("nodes"), "version": .string("$Latest")]),
                "remote_access": B.block(["source_security_group_ids": .list([B.ref("aws_security_group.bastion")])])
            ])
        let template = B.resource("aws_launch_template", "nodes", ["name": .string("nodes")])
        let snapshot = B.map(nodeGroup, template).snapshot
        #expect(
            snapshot.nodeGroups == [
                NodeGroup(
                    key: "aws_eks_node_group.spot",
                    provenance: Provenance(resource: "aws_eks_node_group.spot", location: B.at(30), origin: .terraform),
                    kind: .managed, name: .known("spot"), cluster: .key("aws_eks_cluster.this"),
                    launchTemplate: .key("aws_launch_template.nodes"), extraSecurityGroups: [.key("aws_security_group.bastion")])
            ])
    }

    @Test func nodeGroupOfAClusterKnownOnlyByName() {
        let nodeGroup = B.resource(
            "aws_eks_node_group", "ng",
            [
                "cluster_name": .string("prod"), "node_group_name_prefix": .string("ng-"),
                "launch_template": B.block([
                    "id": B.ref("aws_launch_template.lt"), "version": B.ref("aws_launch_template.lt", "latest_version")
                ])
            ])
        let group = B.map(nodeGroup).snapshot.nodeGroups.first
        #expect(group?.cluster == .external("prod"))
        #expect(group?.name == .unknown("the name is generated from node_group_name_prefix 'ng-'"))
        #expect(group?.launchTemplate == .key("aws_launch_template.lt"))
    }

    @Test func accessEntriesAndPolicies() {
        let entry = B.resource(
            "aws_eks_access_entry", "admin",
            [
                "cluster_name": B.ref("aws_eks_cluster.this", "name"), "principal_arn": .string("arn:aws:iam::111122223333:role/admin"),
                "kubernetes_groups": B.strings("system:masters"), "type": .string("STANDARD"), "user_name": .string("admin")
            ])
        let association = B.resource(
            "aws_eks_access_policy_association", "admin",
            [
                "cluster_name": B.ref("aws_eks_cluster.this", "name"), "principal_arn": .string("arn:aws:iam::111122223333:role/admin"),
                "policy_arn": .string("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"),
                "access_scope": B.block(["type": .string("namespace"), "namespaces": B.strings("dev", "ops")])
            ])
        let snapshot = B.map(entry, association).snapshot
        #expect(snapshot.accessEntries.first?.cluster == .key("aws_eks_cluster.this"))
        #expect(snapshot.accessEntries.first?.kubernetesGroups == .known(["system:masters"]))
        #expect(snapshot.accessEntries.first?.username == .known("admin"))
        #expect(snapshot.accessEntries.first?.type == .known("STANDARD"))
        #expect(snapshot.accessPolicyAssociations.first?.scopeType == .known("namespace"))
        #expect(snapshot.accessPolicyAssociations.first?.namespaces == ["dev", "ops"])
        #expect(
            snapshot.accessPolicyAssociations.first?.policyArn
                == .known("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"))
    }

    @Test func accessEntryWithoutGroupsHasNone() {
        let entry = B.resource(
            "aws_eks_access_entry", "node",
            [
                "cluster_name": .string("dev"), "principal_arn": B.ref("aws_iam_role.node", "arn"), "type": .string("EC2_LINUX")
            ])
        let mapped = B.map(entry).snapshot.accessEntries.first
        #expect(mapped?.kubernetesGroups == .known([]))
        #expect(mapped?.principalArn == .unknown("aws_iam_role.node.arn is known only after apply"))
    }

    @Test func awsAuthConfigMapOnly() {
        let mapRoles = "- rolearn: arn:aws:iam::111122223333:role/admin\n  username: admin\n  groups:\n    - system:masters\n"
        let awsAuth = B.resource(
            "kubernetes_config_map_v1", "aws_auth", line: 12,
            [
                "metadata": B.block(["name": .string("aws-auth"), "namespace": .string("kube-system")]),
                "data": .object(["mapRoles": .string(mapRoles), "mapAccounts": .unknown(Unknown(reason: "local.accounts is not known"))])
            ])
        let patch = B.resource(
            "kubernetes_config_map_v1_data", "aws_auth",
            [
                "metadata": .object(["name": .string("aws-auth"), "namespace": .string("kube-system")]),
                "data": .object(["mapUsers": .string("[]")])
            ])
        let other = B.resource("kubernetes_config_map", "app", ["metadata": B.block(["name": .string("app")]), "data": .object([:])])
        let elsewhere = B.resource(
            "kubernetes_config_map", "copy",
            [
                "metadata": B.block(["name": .string("aws-auth"), "namespace": .string("default")])
            ])
        let maps = B.map(awsAuth, patch, other, elsewhere).snapshot.awsAuthConfigMaps
        #expect(maps.count == 2)
        #expect(
            maps.first
                == AWSAuthConfigMap(
                    provenance: Provenance(resource: "kubernetes_config_map_v1.aws_auth", location: B.at(12), origin: .terraform),
                    mapRoles: .known(mapRoles), mapAccounts: .unknown("local.accounts is not known")))
        #expect(maps.last?.mapUsers == .known("[]"))
    }
}
