import Foundation
import PerimeterModel

/// The reads that follow from the first answers: node groups, access entries, the launch template versions
/// nodes launch from, DNS flags of peered VPCs, prefix-list entries, IAM roles and the cluster's OIDC provider.
extension CollectionRun {
    func nodegroups() async -> [EKSNodegroupDTO] {
        struct List: Decodable {
            var nodegroups: [String]?
            var nextToken: String?
        }
        struct Answer: Decodable { var nodegroup: EKSNodegroupDTO }
        let names =
            await gather("node groups") { () -> [String] in
                var names: [String] = []
                var token: String?
                repeat {
                    let query = [("maxResults", "100")] + (token.map { [("nextToken", $0)] } ?? [])
                    let page = try await client.restGet(
                        .eks, operation: "ListNodegroups", pathSegments: ["clusters", cluster, "node-groups"],
                        query: query, as: List.self)
                    names += page.nodegroups ?? []
                    token = page.nextToken.flatMap { $0.isEmpty || $0 == token ? nil : $0 }
                } while token != nil
                return names
            } ?? []
        return await withTaskGroup(of: EKSNodegroupDTO?.self) { group in
            for name in names {
                group.addTask {
                    await gather("node group \(name)") {
                        try await client.restGet(
                            .eks, operation: "DescribeNodegroup",
                            pathSegments: ["clusters", cluster, "node-groups", name], as: Answer.self
                        ).nodegroup
                    }
                }
            }
            var found: [EKSNodegroupDTO] = []
            for await dto in group { if let dto { found.append(dto) } }
            return found.sorted { $0.nodegroupName < $1.nodegroupName }
        }
    }

    /// Access entries with their policies. Endpoints without the API (moto) give a warning, not an error.
    func accessEntries() async -> ([AccessEntry], [AccessPolicyAssociation]) {
        struct List: Decodable {
            var accessEntries: [String]?
            var nextToken: String?
        }
        struct Entry: Decodable { var accessEntry: EKSAccessEntryDTO }
        struct Policies: Decodable {
            var associatedAccessPolicies: [EKSAssociatedPolicyDTO]?
            var nextToken: String?
        }
        let principals =
            await gather("access entries") { () -> [String] in
                var all: [String] = []
                var token: String?
                repeat {
                    let query = [("maxResults", "100")] + (token.map { [("nextToken", $0)] } ?? [])
                    let page = try await client.restGet(
                        .eks, operation: "ListAccessEntries", pathSegments: ["clusters", cluster, "access-entries"],
                        query: query, as: List.self)
                    all += page.accessEntries ?? []
                    token = page.nextToken.flatMap { $0.isEmpty || $0 == token ? nil : $0 }
                } while token != nil
                return all
            } ?? []
        return await withTaskGroup(of: (AccessEntry?, [AccessPolicyAssociation]).self) { group in
            for principal in principals {
                group.addTask {
                    let entry = await gather("access entry \(principal)") {
                        try await client.restGet(
                            .eks, operation: "DescribeAccessEntry",
                            pathSegments: ["clusters", cluster, "access-entries", principal], as: Entry.self
                        ).accessEntry
                    }
                    let policies =
                        await gather("access policies of \(principal)") {
                            try await client.restGet(
                                .eks, operation: "ListAssociatedAccessPolicies",
                                pathSegments: ["clusters", cluster, "access-entries", principal, "access-policies"],
                                as: Policies.self
                            ).associatedAccessPolicies ?? []
                        } ?? []
                    return (
                        entry.map { EKSMapping.accessEntry($0, cluster: cluster) },
                        policies.map { EKSMapping.policyAssociation($0, principal: principal, cluster: cluster) }
                    )
                }
            }
            var entries: [AccessEntry] = []
            var associations: [AccessPolicyAssociation] = []
            for await (entry, policies) in group {
                if let entry { entries.append(entry) }
                associations += policies
            }
            return (
                entries.sorted { ($0.principalArn.value ?? "") < ($1.principalArn.value ?? "") },
                associations.sorted {
                    ($0.principalArn.value ?? "", $0.policyArn.value ?? "") < ($1.principalArn.value ?? "", $1.policyArn.value ?? "")
                }
            )
        }
    }

    /// One version per template: the one its node group or ASG launches.
    func launchTemplates(_ specs: [(id: String, version: String)]) async -> [LaunchTemplate] {
        await withTaskGroup(of: LaunchTemplate?.self) { group in
            for spec in specs {
                group.addTask {
                    await gather("launch template \(spec.id) version \(spec.version)") {
                        let items = try await client.ec2Pages(
                            "DescribeLaunchTemplateVersions",
                            [("LaunchTemplateId", spec.id), ("LaunchTemplateVersion.1", spec.version)],
                            listName: "launchTemplateVersionSet")
                        return items.first.flatMap(EC2Mapping.launchTemplate)
                    } ?? nil
                }
            }
            var found: [LaunchTemplate] = []
            for await template in group { if let template { found.append(template) } }
            return found.sorted { $0.key < $1.key }
        }
    }

    /// DNS flags are not in DescribeVpcs; read them for the VPCs a peering joins (what NET-015 needs).
    func vpcDNSAttributes(_ vpcIDs: [String]) async -> [String: (support: Bool?, hostnames: Bool?)] {
        await withTaskGroup(of: (String, Bool?, Bool?).self) { group in
            for id in vpcIDs {
                group.addTask {
                    func attribute(_ name: String, _ element: String) async -> Bool? {
                        await gather("\(name) of \(id)") {
                            try await client.query(.ec2, "DescribeVpcAttribute", [("VpcId", id), ("Attribute", name)])[element]?.bool(
                                "value")
                        } ?? nil
                    }
                    return (
                        id, await attribute("enableDnsSupport", "enableDnsSupport"),
                        await attribute("enableDnsHostnames", "enableDnsHostnames")
                    )
                }
            }
            var result: [String: (support: Bool?, hostnames: Bool?)] = [:]
            for await (id, support, hostnames) in group { result[id] = (support, hostnames) }
            return result
        }
    }

    func prefixListEntries(_ ids: [String]) async -> [String: [String]] {
        await withTaskGroup(of: (String, [String]?).self) { group in
            for id in ids {
                group.addTask {
                    (
                        id,
                        await gather("entries of prefix list \(id)") {
                            try await client.ec2Pages("GetManagedPrefixListEntries", [("PrefixListId", id)], listName: "entrySet")
                                .compactMap { $0.string("cidr") }
                        }
                    )
                }
            }
            var result: [String: [String]] = [:]
            for await (id, entries) in group { if let entries { result[id] = entries } }
            return result
        }
    }

    func iamRoles(_ arns: [String]) async -> [IAMRole] {
        await withTaskGroup(of: IAMRole?.self) { group in
            for arn in arns {
                guard let name = arn.split(separator: "/").last.map(String.init) else { continue }
                group.addTask {
                    await gather("IAM role \(arn)") {
                        try await client.query(.iam, "GetRole", [("RoleName", name)]).find("Role").flatMap(QueryMapping.role)
                    } ?? nil
                }
            }
            var found: [IAMRole] = []
            for await role in group { if let role { found.append(role) } }
            return found.sorted { $0.key < $1.key }
        }
    }

    func oidcDetails(_ arns: [String]) async -> [String: XMLElement] {
        await withTaskGroup(of: (String, XMLElement?).self) { group in
            for arn in arns {
                group.addTask {
                    (
                        arn,
                        await gather("OIDC provider \(arn)") {
                            try await client.query(.iam, "GetOpenIDConnectProvider", [("OpenIDConnectProviderArn", arn)])
                                .find("GetOpenIDConnectProviderResult")
                        } ?? nil
                    )
                }
            }
            var result: [String: XMLElement] = [:]
            for await (arn, element) in group { if let element { result[arn] = element } }
            return result
        }
    }
}
