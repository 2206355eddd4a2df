import Foundation
import PerimeterModel
import Testing

@testable import PerimeterTerraform

/// How unknown values inside nested blocks are traced back to the configuration.
@Suite struct PlanUnknownsTests {
    /// An inline-rule security group in a module instance keyed by string. Terraform orders the set of
    /// `ingress` blocks by hash, so the plan lists the blocks the other way round from the configuration.
    static let plan = #"""
        {
          "format_version": "1.2",
          "planned_values": {"root_module": {"child_modules": [{"address": "module.nodes[\"spot\"]", "resources": [
            {"address": "module.nodes[\"spot\"].aws_security_group.node", "mode": "managed", "type": "aws_security_group", "name": "node",
             "values": {"name": "spot", "ingress": [
               {"protocol": "tcp", "from_port": 10250, "to_port": 10250, "cidr_blocks": [], "security_groups": [null], "self": false, "description": ""},
               {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["10.0.0.0/8"], "security_groups": [null, "sg-0fixed"], "self": false, "description": ""}
             ]}}
          ]}]}},
          "resource_changes": [
            {"address": "module.nodes[\"spot\"].aws_security_group.node", "module_address": "module.nodes[\"spot\"]", "mode": "managed",
             "type": "aws_security_group", "name": "node",
             "change": {"actions": ["create"], "before": null,
               "after": {"name": "spot", "ingress": [
                 {"protocol": "tcp", "from_port": 10250, "to_port": 10250, "cidr_blocks": [], "security_groups": [null], "self": false, "description": ""},
                 {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["10.0.0.0/8"], "security_groups": [null, "sg-0fixed"], "self": false, "description": ""}
               ]},
               "after_unknown": {"id": true, "arn": true, "egress": true, "ingress": [{"security_groups": [true]}, {"security_groups": [true, false]}], "vpc_id": true}}}
          ],
          "configuration": {"root_module": {"module_calls": {"nodes": {
            "source": "./nodes", "expressions": {"bastion": {"references": ["aws_security_group.bastion.id", "aws_security_group.bastion"]}},
            "module": {"resources": [
              {"address": "aws_security_group.node", "mode": "managed", "type": "aws_security_group", "name": "node",
               "expressions": {
                 "name": {"references": ["each.key"]},
                 "vpc_id": {"references": ["local.vpc_id"]},
                 "ingress": [
                   {"protocol": {"constant_value": "tcp"}, "from_port": {"constant_value": 443}, "to_port": {"constant_value": 443},
                    "cidr_blocks": {"constant_value": ["10.0.0.0/8"]},
                    "security_groups": {"references": ["var.bastion"]}},
                   {"protocol": {"constant_value": "tcp"}, "from_port": {"constant_value": 10250}, "to_port": {"constant_value": 10250},
                    "security_groups": {"references": ["module.cluster.security_group_id", "module.cluster"]}}
                 ]}}
            ],
            "module_calls": {"cluster": {"source": "./cluster", "module": {
              "outputs": {"security_group_id": {"expression": {"references": ["aws_eks_cluster.this.vpc_config[0].cluster_security_group_id", "aws_eks_cluster.this.vpc_config[0]", "aws_eks_cluster.this.vpc_config", "aws_eks_cluster.this"]}}},
              "resources": [{"address": "aws_eks_cluster.this", "mode": "managed", "type": "aws_eks_cluster", "name": "this", "expressions": {}}]
            }}}}
          }}}}
        }
        """#

    @Test func nestedBlockReferencesFollowTheirOwnBlock() throws {
        let result = PlanReader.read(data: Data(Self.plan.utf8), path: "plan.json")
        #expect(result.diagnostics.isEmpty)
        let group = try #require(result.resources.first)
        #expect(group.address == "module.nodes[\"spot\"].aws_security_group.node")
        #expect(group.key == nil)
        #expect(group.module == "module.nodes[\"spot\"]")
        let ingress = try #require(group.values["ingress"]?.elements)
        // Block 0 of the plan is the 10250 block, which the configuration writes second.
        #expect(
            ingress[0].fields?["security_groups"]
                == .list([
                    .unknown(
                        .attribute(
                            "vpc_config[0].cluster_security_group_id",
                            of: "module.nodes[\"spot\"].module.cluster.aws_eks_cluster.this"))
                ]))
        // var.bastion comes from the root module's call argument.
        #expect(
            ingress[1].fields?["security_groups"]
                == .list([
                    .unknown(.attribute("id", of: "aws_security_group.bastion")), .string("sg-0fixed")
                ]))
        // Written through a local, which the plan's configuration does not show: unknown without a resource.
        #expect(
            group.values["vpc_id"]
                == .unknown(
                    Unknown(
                        reason: "module.nodes[\"spot\"].aws_security_group.node.vpc_id is known only after apply")))
        // Not written at all: computed by the provider, left out.
        #expect(group.values["egress"] == nil)
        #expect(group.values["id"] == nil)

        let snapshot = SnapshotMapper.map(result.resources, origin: .plan).snapshot
        let kubelet = try #require(snapshot.securityGroupRules.first { $0.ports == .known(PortRange(from: 10250, to: 10250)) })
        #expect(
            kubelet.endpoints == [
                .securityGroup(
                    .key(
                        "module.nodes[\"spot\"].module.cluster.aws_eks_cluster.this.vpc_config[0].cluster_security_group_id"))
            ])
        let https = try #require(snapshot.securityGroupRules.first { $0.ports == .known(PortRange(from: 443, to: 443)) })
        #expect(
            https.endpoints == [
                .cidr("10.0.0.0/8"), .securityGroup(.key("aws_security_group.bastion")),
                .securityGroup(.external("sg-0fixed"))
            ])
        #expect(
            snapshot.securityGroups.first?.vpc
                == .unknown(
                    "module.nodes[\"spot\"].aws_security_group.node.vpc_id is known only after apply"))
    }

    @Test func traversalPaths() throws {
        let path = try #require(TraversalPath(parsing: #"module.a["x.y\"z"].module.b[0].aws_vpc.main[*].cidr_block"#))
        #expect(
            path.steps == [
                .name("module"), .name("a"), .index(.string("x.y\"z")), .name("module"), .name("b"), .index(.int(0)),
                .name("aws_vpc"), .name("main"), .splat, .name("cidr_block")
            ])
        #expect(path.description == #"module.a["x.y\"z"].module.b[0].aws_vpc.main[*].cidr_block"#)
        #expect(TraversalPath(parsing: "a..b") == nil)
        #expect(TraversalPath(parsing: "a[") == nil)
        #expect(TraversalPath(parsing: "[0]") == nil)
        #expect(TraversalPath(parsing: "a.") == nil)
        #expect(TraversalPath(parsing: "") == nil)

        let address = try #require(ResourceAddress(parsing: #"module.eks.data.aws_iam_policy_document.trust["a"].json"#))
        #expect(address.module == "module.eks")
        #expect(address.mode == .data)
        #expect(address.type == "aws_iam_policy_document")
        #expect(address.key == .string("a"))
        #expect(address.instanceAddress == #"module.eks.data.aws_iam_policy_document.trust["a"]"#)
        #expect(address.attribute == "json")
        #expect(ResourceAddress.type(of: #"module.x["k"].aws_security_group_rule.r[3]"#) == "aws_security_group_rule")
        #expect(ResourceAddress(parsing: "var.vpc_id") == nil)
        #expect(ResourceAddress(parsing: "local.x") == nil)
        #expect(ModuleCall.path(#"module.a["x"].module.b"#) == [ModuleCall(name: "a", key: .string("x")), ModuleCall(name: "b")])
        #expect(ModuleCall.path("aws_vpc.main") == nil)
    }
}
