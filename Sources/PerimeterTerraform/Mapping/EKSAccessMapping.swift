import PerimeterModel

/// Who gets into an EKS cluster: `aws_eks_access_entry`, `aws_eks_access_policy_association`,
/// and the `aws-auth` ConfigMap written with the kubernetes provider.
enum EKSAccessMapping {
    static func mapAccessEntry(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        context.snapshot.accessEntries.append(
            AccessEntry(
                provenance: fields.provenance(),
                cluster: cluster(fields),
                principalArn: fields.string("principal_arn") ?? .unknown("\(instance.address): principal_arn is not set"),
                kubernetesGroups: fields.strings("kubernetes_groups") ?? .known([]),
                username: fields.string("user_name"),
                type: fields.string("type")))
    }

    static func mapPolicyAssociation(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        let scope = fields.block("access_scope")
        context.snapshot.accessPolicyAssociations.append(
            AccessPolicyAssociation(
                provenance: fields.provenance(),
                cluster: cluster(fields),
                principalArn: fields.string("principal_arn") ?? .unknown("\(instance.address): principal_arn is not set"),
                policyArn: fields.arn("policy_arn") ?? .unknown("\(instance.address): policy_arn is not set"),
                scopeType: scope?.string("type") ?? fields.unknownBlockReason("access_scope").map { .unknown($0) }
                    ?? .unknown("\(instance.address): access_scope is not set"),
                namespaces: scope?.strings("namespaces")?.value ?? []))
    }

    private static func cluster(_ fields: Fields) -> ObjectRef {
        fields.reference("cluster_name", to: .eksCluster) ?? .unknown("\(fields.instance.address): cluster_name is not set")
    }

    /// `kubernetes_config_map`, `kubernetes_config_map_v1` and `kubernetes_config_map_v1_data`
    /// named `aws-auth` in `kube-system`; any other ConfigMap is not part of the snapshot.
    static func mapConfigMap(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        guard let metadata = fields.block("metadata"), metadata.string("name") == .known("aws-auth") else { return }
        if case .known(let namespace)? = metadata.string("namespace"), namespace != "kube-system" { return }
        // `data` is a map attribute, not a block.
        let data = Fields(values: fields.value("data")?.fields ?? [:], path: "data", instance: instance, context: context)
        let whole = fields.value("data")?.unknown.map { Resolved<String>.unknown($0.reason) }
        context.snapshot.awsAuthConfigMaps.append(
            AWSAuthConfigMap(
                provenance: fields.provenance(),
                mapRoles: data.string("mapRoles") ?? whole,
                mapUsers: data.string("mapUsers") ?? whole,
                mapAccounts: data.string("mapAccounts") ?? whole))
    }
}

extension Fields {
    /// An ARN whose resource part is known decides which resource it names, even when its
    /// partition or account is not (`arn:${data.aws_partition.current.partition}:eks::aws:
    /// cluster-access-policy/AmazonEKSClusterAdminPolicy`): it reads as written, unknown parts as `${...}`.
    func arn(_ name: String) -> Resolved<String>? {
        if case .unknown(let unknown)? = value(name), let partial = unknown.partial,
            partial.prefix == "arn:", partial.suffix.hasPrefix(":"),
            partial.suffix.split(separator: ":", omittingEmptySubsequences: false).count >= 5
        {
            // Only the partition is unknown: service, region, account and resource are as written.
            return .known(partial.written)
        }
        return string(name)
    }
}
