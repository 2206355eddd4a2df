import PerimeterModel
import Testing

@testable import PerimeterTerraform

@Suite struct ComputeMappingTests {
    typealias B = Build

    @Test func launchTemplateWithIMDSv2AndBase64UserData() throws {
        // base64encode("#!/bin/bash\n/etc/eks/bootstrap.sh dev\n")
        let template = B.resource(
            "aws_launch_template", "nodes", line: 50,
            [
                "name": .string("nodes"),
                "vpc_security_group_ids": .list([B.ref("aws_security_group.node")]),
                "network_interfaces": .list([.object(["security_groups": B.strings("sg-0eni")])]),
                "metadata_options": B.block([
                    "http_tokens": .string("required"), "http_endpoint": .string("enabled"),
                    "http_put_response_hop_limit": .number(2)
                ]),
                "user_data": .string("IyEvYmluL2Jhc2gKL2V0Yy9la3MvYm9vdHN0cmFwLnNoIGRldgo="),
                "tags": .object(["kubernetes.io/cluster/dev": .string("owned"), "Count": .number(3)])
            ])
        let mapped = try #require(B.map(template).snapshot.launchTemplates.first)
        #expect(
            mapped
                == LaunchTemplate(
                    key: "aws_launch_template.nodes",
                    provenance: Provenance(resource: "aws_launch_template.nodes", location: B.at(50), origin: .terraform),
                    name: .known("nodes"), securityGroups: [.key("aws_security_group.node"), .external("sg-0eni")],
                    setsSecurityGroups: .known(true),
                    metadataOptions: MetadataOptions(httpTokens: .known("required"), httpEndpoint: .known("enabled"), hopLimit: .known(2)),
                    userData: .known("#!/bin/bash\n/etc/eks/bootstrap.sh dev\n"),
                    tags: ["kubernetes.io/cluster/dev": "owned", "Count": "3"]))
    }

    @Test func launchTemplateWithoutGroupsOrMetadataOptions() throws {
        let plain = B.resource("aws_launch_template", "plain", ["user_data": .string("not base64: echo hi")])
        let unknownData = B.resource(
            "aws_launch_template", "computed",
            [
                "user_data": .unknown(Unknown(reason: "a string built from a value that is not known")),
                "security_group_names": B.strings("default")
            ])
        let templates = B.map(plain, unknownData).snapshot.launchTemplates
        #expect(templates[0].setsSecurityGroups == .known(false))
        #expect(templates[0].securityGroups.isEmpty)
        #expect(templates[0].metadataOptions == nil)
        #expect(templates[0].userData == .known("not base64: echo hi"))
        #expect(templates[1].userData == .unknown("a string built from a value that is not known"))
        #expect(templates[1].securityGroups == [.external("default")])
    }

    @Test func autoScalingGroupTagsAndLaunchTemplates() {
        let direct = B.resource(
            "aws_autoscaling_group", "workers",
            [
                "name": .string("workers"),
                "launch_template": B.block(["id": B.ref("aws_launch_template.nodes"), "version": .string("$Latest")]),
                "tag": .list([
                    .object(["key": .string("kubernetes.io/cluster/dev"), "value": .string("owned"), "propagate_at_launch": .bool(true)]),
                    .object(["key": .string("Name"), "value": B.ref("random_pet.p")])
                ])
            ])
        let mixed = B.resource(
            "aws_autoscaling_group", "mixed",
            [
                "name_prefix": .string("mixed-"),
                "mixed_instances_policy": B.block([
                    "launch_template": B.block(["launch_template_specification": B.block(["launch_template_name": .string("nodes")])])
                ]),
                "tags": .list([.object(["key": .string("team"), "value": .string("core")])])
            ])
        let template = B.resource("aws_launch_template", "nodes", ["name": .string("nodes")])
        let groups = B.map(direct, mixed, template).snapshot.autoScalingGroups
        #expect(groups[0].launchTemplate == .key("aws_launch_template.nodes"))
        #expect(groups[0].tags == ["kubernetes.io/cluster/dev": "owned"])
        #expect(groups[0].name == .known("workers"))
        #expect(groups[1].launchTemplate == .key("aws_launch_template.nodes"))
        #expect(groups[1].tags == ["team": "core"])
        #expect(groups[1].name == .unknown("the name is generated from name_prefix 'mixed-'"))
    }

    @Test func instanceSourceDestCheck() {
        let unset = B.resource(
            "aws_instance", "vpn", line: 70,
            [
                "subnet_id": B.ref("aws_subnet.public"), "vpc_security_group_ids": .list([B.ref("aws_security_group.vpn")]),
                "private_ip": .string("172.31.9.218"), "tags": .object(["Name": .string("vpn")])
            ])
        let off = B.resource(
            "aws_instance", "router",
            [
                "source_dest_check": .string("false"), "security_groups": B.strings("default"),
                "metadata_options": B.block(["http_tokens": .string("optional")])
            ])
        let instances = B.map(unset, off).snapshot.instances
        #expect(
            instances[0]
                == Instance(
                    key: "aws_instance.vpn", provenance: Provenance(resource: "aws_instance.vpn", location: B.at(70), origin: .terraform),
                    securityGroups: [.key("aws_security_group.vpn")], subnet: .key("aws_subnet.public"), sourceDestCheck: nil,
                    privateIP: "172.31.9.218", tags: ["Name": "vpn"]))
        #expect(instances[1].sourceDestCheck == .known(false))
        #expect(instances[1].securityGroups == [.external("default")])
        #expect(instances[1].metadataOptions == MetadataOptions(httpTokens: .known("optional")))
    }

    @Test func base64() {
        #expect(Base64.decodeText("aGVsbG8=") == "hello")
        #expect(Base64.decodeText("aGVsbG8h") == "hello!")
        #expect(Base64.decodeText("aGk=\n") == "hi")
        #expect(Base64.decodeText("7ZWc6riA") == "한글")
        #expect(Base64.decodeText("aGVsbG8") == nil)
        #expect(Base64.decodeText("a=bc") == nil)
        #expect(Base64.decodeText("////") == nil)
        #expect(Base64.decodeText("") == nil)
    }
}
