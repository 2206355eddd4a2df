import Foundation
import PerimeterModel

/// The parts of EKS's JSON answers perimeter reads.
struct EKSClusterDTO: Decodable {
    struct VpcConfig: Decodable {
        var subnetIds: [String]?
        var securityGroupIds: [String]?
        var clusterSecurityGroupId: String?
        var vpcId: String?
        var endpointPublicAccess: Bool?
        var endpointPrivateAccess: Bool?
        var publicAccessCidrs: [String]?
    }
    struct AccessConfig: Decodable { var authenticationMode: String? }
    struct Identity: Decodable {
        struct OIDC: Decodable { var issuer: String? }
        var oidc: OIDC?
    }

    var name: String
    var arn: String?
    var roleArn: String?
    var resourcesVpcConfig: VpcConfig?
    var accessConfig: AccessConfig?
    var identity: Identity?
}

struct EKSNodegroupDTO: Decodable {
    struct LaunchTemplateSpec: Decodable {
        var id: String?
        var name: String?
        var version: String?
    }
    struct Resources: Decodable {
        struct Group: Decodable { var name: String? }
        var autoScalingGroups: [Group]?
        var remoteAccessSecurityGroup: String?
    }
    struct RemoteAccess: Decodable { var sourceSecurityGroups: [String]? }

    var nodegroupName: String
    var clusterName: String?
    var nodeRole: String?
    var launchTemplate: LaunchTemplateSpec?
    var resources: Resources?
    var remoteAccess: RemoteAccess?
}

struct EKSAccessEntryDTO: Decodable {
    var principalArn: String
    var kubernetesGroups: [String]?
    var username: String?
    var type: String?
}

struct EKSAssociatedPolicyDTO: Decodable {
    struct Scope: Decodable {
        var type: String?
        var namespaces: [String]?
    }
    var policyArn: String
    var accessScope: Scope?
}

enum EKSMapping {
    static func cluster(_ dto: EKSClusterDTO) -> EKSCluster {
        let config = dto.resourcesVpcConfig
        let clusterSG: ObjectRef =
            config?.clusterSecurityGroupId.map { .key($0) }
            ?? .unknown("DescribeCluster did not report clusterSecurityGroupId")
        return EKSCluster(
            key: dto.name, provenance: Provenance(resource: dto.name, origin: .aws), name: .known(dto.name),
            clusterSecurityGroup: clusterSG,
            additionalSecurityGroups: (config?.securityGroupIds ?? []).map { .key($0) },
            subnets: (config?.subnetIds ?? []).map { .key($0) }, vpc: config?.vpcId.map { .key($0) },
            endpointPublicAccess: config?.endpointPublicAccess.map { .known($0) }
                ?? .unknown("DescribeCluster did not report endpointPublicAccess"),
            endpointPrivateAccess: config?.endpointPrivateAccess.map { .known($0) }
                ?? .unknown("DescribeCluster did not report endpointPrivateAccess"),
            // EKS always reports the list; an absent one means the default, which the model writes as nil.
            publicAccessCidrs: config?.publicAccessCidrs.map { .known($0) },
            authenticationMode: dto.accessConfig?.authenticationMode.map { .known($0) })
    }

    /// `existingSecurityGroups` filters the remote-access group to one EC2 knows (moto invents a missing one).
    static func nodeGroup(_ dto: EKSNodegroupDTO, cluster: String, existingSecurityGroups: Set<String>) -> NodeGroup {
        var extra: [ObjectRef] = []
        if let remote = dto.resources?.remoteAccessSecurityGroup, existingSecurityGroups.contains(remote) {
            extra.append(.key(remote))
        }
        return NodeGroup(
            key: dto.nodegroupName, provenance: Provenance(resource: dto.nodegroupName, origin: .aws), kind: .managed,
            name: .known(dto.nodegroupName), cluster: .key(cluster),
            launchTemplate: dto.launchTemplate?.id.map { .key($0) }, extraSecurityGroups: extra)
    }

    static func accessEntry(_ dto: EKSAccessEntryDTO, cluster: String) -> AccessEntry {
        AccessEntry(
            provenance: Provenance(resource: dto.principalArn, origin: .aws), cluster: .key(cluster),
            principalArn: .known(dto.principalArn), kubernetesGroups: .known(dto.kubernetesGroups ?? []),
            username: dto.username.map { .known($0) }, type: dto.type.map { .known($0) })
    }

    static func policyAssociation(_ dto: EKSAssociatedPolicyDTO, principal: String, cluster: String) -> AccessPolicyAssociation {
        AccessPolicyAssociation(
            provenance: Provenance(resource: principal, origin: .aws), cluster: .key(cluster),
            principalArn: .known(principal), policyArn: .known(dto.policyArn),
            scopeType: dto.accessScope?.type.map { .known($0) } ?? .unknown("no access scope reported"),
            namespaces: dto.accessScope?.namespaces ?? [])
    }
}
