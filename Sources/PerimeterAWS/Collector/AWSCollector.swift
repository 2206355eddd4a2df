import Foundation
import PerimeterKubelet
import PerimeterModel

/// Reads one EKS cluster and the region's network around it, read-only, into a snapshot the checks understand.
///
/// Calls run concurrently (bounded by the client); a failed call leaves a gap in the snapshot and a diagnostic,
/// never a half-read object. Only bad credentials and an unreadable cluster stop the collection.
public enum AWSCollector {
    public static func collect(
        _ request: AWSCollectionRequest,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> Snapshot {
        let chain = CredentialChain(environment: request.environment)
        guard let region = chain.region(explicit: request.region, profile: request.profile) else {
            throw AWSCollectionError("No AWS region: give --region, set AWS_REGION, or set region in the AWS profile")
        }
        let credentials: AWSCredentials
        do {
            let source = try chain.resolve(profile: request.profile)
            credentials = try await CredentialProvider.credentials(for: source, region: region, options: request.client)
        } catch let error as CredentialError {
            throw AWSCollectionError(error.description)
        }
        let client = AWSClient(credentials: credentials, region: region, options: request.client)
        let run = CollectionRun(client: client, request: request, region: region, progress: progress)
        return try await run.collect()
    }
}

/// One collection: the calls, in the order their inputs allow, and the assembly of the snapshot.
struct CollectionRun: Sendable {
    let client: AWSClient
    let request: AWSCollectionRequest
    let region: String
    let progress: @Sendable (String) -> Void
    let gaps = GapLog()

    var cluster: String { request.cluster }

    func collect() async throws -> Snapshot {
        let identity = try await callerIdentity()
        progress("cluster \(cluster)")

        // The cluster first: an unknown one stops the run before any other call is in flight (cancelling
        // URLSession's in-flight calls can hang on Linux).
        let clusterDTO = try await describeCluster(account: identity.account)

        // Everything that needs only the region and the cluster name, at once.
        async let peerings = gather("VPC peering connections") {
            try await client.ec2Pages("DescribeVpcPeeringConnections", listName: "vpcPeeringConnectionSet")
        }
        async let prefixLists = gather("managed prefix lists") {
            try await client.ec2Pages("DescribeManagedPrefixLists", listName: "prefixListSet")
        }
        async let nodegroups = nodegroups()
        async let oidcArns = gather("OIDC providers") {
            try await client.queryPages(
                .iam, "ListOpenIDConnectProviders", listName: "OpenIDConnectProviderList",
                tokenParameter: "Marker", tokenElement: "Marker"
            ).compactMap { $0.string("Arn") }
        }
        async let asgs = gather("auto scaling groups") {
            try await client.queryPages(
                .autoscaling, "DescribeAutoScalingGroups", listName: "AutoScalingGroups",
                tokenParameter: "NextToken", tokenElement: "NextToken")
        }
        async let access = accessEntries()

        let peeringItems = await peerings ?? []

        // The network the cluster sits in: its VPC and the VPCs peered with it (or the whole region).
        let vpcFilter =
            networkScope(clusterVPC: clusterDTO.resourcesVpcConfig?.vpcId, peerings: peeringItems)
            .map { [("vpc-id", $0)] } ?? []
        async let vpcs = gather("VPCs") {
            try await client.ec2Pages("DescribeVpcs", QueryParameters.filters(vpcFilter), listName: "vpcSet")
        }
        async let subnets = gather("subnets") {
            try await client.ec2Pages("DescribeSubnets", QueryParameters.filters(vpcFilter), listName: "subnetSet")
        }
        async let routeTables = gather("route tables") {
            try await client.ec2Pages("DescribeRouteTables", QueryParameters.filters(vpcFilter), listName: "routeTableSet")
        }
        async let groups = gather("security groups") {
            try await client.ec2Pages(
                "DescribeSecurityGroups", QueryParameters.filters(vpcFilter), listName: "securityGroupInfo",
                pageSize: request.pageSize)
        }
        async let acls = gather("network ACLs") {
            try await client.ec2Pages("DescribeNetworkAcls", QueryParameters.filters(vpcFilter), listName: "networkAclSet")
        }
        async let reservations = gather("instances") {
            try await client.ec2Pages(
                "DescribeInstances",
                QueryParameters.filters(vpcFilter + [("instance-state-name", ["pending", "running", "stopping", "stopped"])]),
                listName: "reservationSet", pageSize: request.pageSize)
        }
        async let interfaces = gather("network interfaces") {
            try await client.ec2Pages("DescribeNetworkInterfaces", QueryParameters.filters(vpcFilter), listName: "networkInterfaceSet")
        }

        let groupItems = await groups ?? []
        let nodegroupDTOs = await nodegroups
        let asgItems = await asgs ?? []
        let (entries, associations) = await access
        progress("launch templates, roles, attributes")

        // What the first answers name.
        let existingGroups = Set(groupItems.compactMap { $0.string("groupId") })
        let ownASGNames = Set(nodegroupDTOs.flatMap { $0.resources?.autoScalingGroups ?? [] }.compactMap(\.name))
        let clusterASGs = asgItems.filter { item in
            guard let name = item.string("AutoScalingGroupName") else { return false }
            if ownASGNames.contains(name) { return true }
            let tags = Dictionary(
                item.list("Tags").compactMap { tag in tag.string("Key").map { ($0, tag.string("Value") ?? "") } },
                uniquingKeysWith: { first, _ in first })
            return tags["eks:cluster-name"] == cluster || ["owned", "shared"].contains(tags["kubernetes.io/cluster/\(cluster)"] ?? "")
        }
        var templateVersions: [(id: String, version: String)] = nodegroupDTOs.compactMap { dto in
            dto.launchTemplate?.id.map { ($0, dto.launchTemplate?.version ?? "$Default") }
        }
        for item in clusterASGs {
            if let spec = QueryMapping.launchTemplateVersion(item), !templateVersions.contains(where: { $0.id == spec.id }) {
                templateVersions.append(spec)
            }
        }
        let peeredVPCs = Set(
            peeringItems.flatMap { item in
                [item["requesterVpcInfo"]?.string("vpcId"), item["accepterVpcInfo"]?.string("vpcId")].compactMap { $0 }
            }
        ).sorted()
        let referencedPrefixLists = Set(
            groupItems.flatMap { group in
                (group.list("ipPermissions") + group.list("ipPermissionsEgress")).flatMap { $0.list("prefixListIds") }
                    .compactMap { $0.string("prefixListId") }
            }
        ).sorted()
        var roleArns = [clusterDTO.roleArn].compactMap { $0 } + nodegroupDTOs.compactMap(\.nodeRole)
        roleArns += entries.compactMap { $0.principalArn.value }.filter { $0.contains(":role/") }
        let issuerHost = clusterDTO.identity?.oidc?.issuer.map { $0.replacingOccurrences(of: "https://", with: "") }

        async let templates = launchTemplates(templateVersions)
        async let dns = vpcDNSAttributes(peeredVPCs)
        async let prefixEntries = prefixListEntries(referencedPrefixLists)
        async let roles = iamRoles(Array(Set(roleArns)).sorted())
        let providerArns = await oidcArns ?? []
        async let providerDetails = oidcDetails(providerArns.filter { arn in issuerHost.map { arn.hasSuffix("/" + $0) } ?? false })

        // Assembly.
        var snapshot = Snapshot()
        snapshot.sources = ["aws:\(region)/\(cluster)"]
        let eksCluster = EKSMapping.cluster(clusterDTO)
        snapshot.eksClusters = [eksCluster]
        var owners: [String: String] = [:]
        if let id = clusterDTO.resourcesVpcConfig?.clusterSecurityGroupId { owners[id] = eksCluster.key }
        for item in groupItems {
            guard let (group, rules) = EC2Mapping.securityGroup(item, clusterOwners: owners) else { continue }
            snapshot.securityGroups.append(group)
            snapshot.securityGroupRules += rules
        }
        snapshot.nodeGroups = nodegroupDTOs.map {
            EKSMapping.nodeGroup($0, cluster: eksCluster.key, existingSecurityGroups: existingGroups)
        }
        snapshot.launchTemplates = await templates
        // Kubelet flags and NodeConfig in the templates' user data (NODE-002..004), as for Terraform.
        snapshot.kubeletSettings = snapshot.launchTemplates.compactMap { template in
            LaunchTemplateKubelet.settings(
                userData: template.userData, key: template.key, provenance: template.provenance,
                location: template.provenance.location)
        }
        snapshot.autoScalingGroups = clusterASGs.compactMap(QueryMapping.autoScalingGroup)
        snapshot.instances = EC2Mapping.instances(reservations: await reservations ?? [])
        snapshot.networkInterfaces = (await interfaces ?? []).compactMap(EC2Mapping.networkInterface)
        let dnsByVPC = await dns
        snapshot.vpcs = (await vpcs ?? []).compactMap(EC2Mapping.vpc).map { vpc in
            var vpc = vpc
            if let flags = dnsByVPC[vpc.key] {
                vpc.enableDnsSupport = flags.support.map { .known($0) }
                vpc.enableDnsHostnames = flags.hostnames.map { .known($0) }
            }
            return vpc
        }
        snapshot.subnets = (await subnets ?? []).compactMap(EC2Mapping.subnet)
        for item in await routeTables ?? [] {
            guard let (table, routes) = EC2Mapping.routeTable(item) else { continue }
            snapshot.routeTables.append(table)
            snapshot.routes += routes
        }
        snapshot.peeringConnections = peeringItems.compactMap(EC2Mapping.peering)
        snapshot.networkACLs = (await acls ?? []).compactMap(EC2Mapping.networkACL)
        let entriesByList = await prefixEntries
        snapshot.prefixLists = (await prefixLists ?? []).compactMap {
            EC2Mapping.prefixList($0, entries: entriesByList[$0.string("prefixListId") ?? ""])
        }
        snapshot.iamRoles = await roles
        let details = await providerDetails
        snapshot.oidcProviders = providerArns.map { QueryMapping.oidcProvider(arn: $0, details: details[$0]) }
        snapshot.accessEntries = entries
        snapshot.accessPolicyAssociations = associations

        snapshot.collection = CollectionInfo(
            provider: "aws", region: region, accountID: identity.account, caller: identity.arn, cluster: cluster,
            collectedAt: ISO8601DateFormatter().string(from: Date()), toolVersion: request.toolVersion,
            calls: client.callCount, gaps: await gaps.gaps.map(\.diagnostic))
        return snapshot
    }

    /// The VPC IDs to read with the cluster scope: the cluster's VPC and every VPC a peering joins it to.
    /// nil reads the whole region (the region scope, or a cluster whose VPC is not known).
    private func networkScope(clusterVPC: String?, peerings: [XMLElement]) -> [String]? {
        guard request.scope == .cluster, let clusterVPC else { return nil }
        var scope: Set<String> = [clusterVPC]
        for peering in peerings {
            let sides = [peering["requesterVpcInfo"]?.string("vpcId"), peering["accepterVpcInfo"]?.string("vpcId")]
            if sides.contains(clusterVPC) { scope.formUnion(sides.compactMap { $0 }) }
        }
        return scope.sorted()
    }

    // MARK: Calls that stop the collection

    private func callerIdentity() async throws -> (account: String?, arn: String?) {
        progress("caller identity")
        do {
            let answer = try await client.query(.sts, "GetCallerIdentity")
            return (answer.find("Account")?.text, answer.find("Arn")?.text)
        } catch let error as AWSCallError {
            if error.kind == .authentication || error.kind == .accessDenied {
                throw AWSCollectionError("AWS rejected the credentials (\(client.credentials)): \(error)")
            }
            throw AWSCollectionError("Cannot check the AWS credentials: \(error)")
        }
    }

    private func describeCluster(account: String?) async throws -> EKSClusterDTO {
        struct Answer: Decodable { var cluster: EKSClusterDTO }
        do {
            return try await client.restGet(.eks, operation: "DescribeCluster", pathSegments: ["clusters", cluster], as: Answer.self)
                .cluster
        } catch let error as AWSCallError {
            if error.kind == .notFound {
                throw AWSCollectionError("EKS cluster '\(cluster)' not found in \(region)\(account.map { " (account \($0))" } ?? "")")
            }
            throw AWSCollectionError("Cannot read EKS cluster '\(cluster)': \(error)")
        }
    }

    // MARK: Calls that may leave a gap (the reads themselves are in CollectionRun+Reads.swift)

    /// Runs one call; a failure becomes a gap and nil.
    func gather<T: Sendable>(_ what: String, _ call: () async throws -> T) async -> T? {
        do {
            let value = try await call()
            progress(what)
            return value
        } catch let error as AWSCallError {
            await gaps.add(error, missing: what)
            return nil
        } catch {
            await gaps.add(AWSCallError(operation: what, kind: .other, message: "\(error)"), missing: what)
            return nil
        }
    }
}
