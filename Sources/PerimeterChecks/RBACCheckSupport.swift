import PerimeterModel
import PerimeterRBAC

/// What the RBAC checks share: which objects are defaults (by content, compared with the bootstrap
/// policy, never by label), which subjects are system identities, and the bindings the checks look at.
enum RBACDefaults {
    static let defaultsLabel = "kubernetes.io/bootstrapping"
    static let vendorLabels = ["eks.amazonaws.com/component", "addonmanager.kubernetes.io/mode"]
    static let vendorPrefixes = ["eks:", "aws-node", "gce:", "system:gcp-", "system:gke-"]

    /// Vendor-managed roles and bindings (EKS, GKE add-ons) are not findings.
    static func isVendor(_ meta: KubeObjectMeta) -> Bool {
        if vendorLabels.contains(where: { meta.labels[$0] != nil }) { return true }
        return vendorPrefixes.contains { meta.name.hasPrefix($0) }
    }

    static func claimsDefault(_ meta: KubeObjectMeta) -> Bool { meta.labels[defaultsLabel] == "rbac-defaults" }

    /// Users and groups the platform itself uses (`system:…`, `eks:…`). Service accounts are never system
    /// subjects: a grant to one is a grant to every pod that runs as it.
    static func isSystem(_ subject: SubjectRef) -> Bool {
        switch subject {
        case .user(let name), .group(let name): name.hasPrefix("system:") || name.hasPrefix("eks:")
        default: false
        }
    }
}

/// One binding with a role that exists, and the subjects it applies to.
struct BoundRole {
    var index: Int
    var binding: KubeRoleBinding
    var role: KubeRole
    var roleIndex: Int
    /// `ClusterRole/admin`, marked `(built-in, Kubernetes 1.32)` when it comes from the bootstrap policy.
    var roleLabel: String
    var rules: [PolicyRule]
    var subjects: [SubjectRef]
    /// Set when the binding or role is labelled as a default but differs from it: how.
    var defaultDifferences: [String]
}

extension CheckContext {
    /// Bindings whose role exists (a missing role grants nothing we can know), with their subjects; bindings
    /// whose binding and role both hold exactly the bootstrap policy's content are left out.
    var customBindings: [BoundRole] {
        rbac.bindings.indices.compactMap { index in
            let binding = rbac.bindings[index]
            guard !RBACDefaults.isVendor(binding.meta), let roleIndex = rbac.boundRole[index] else { return nil }
            let role = rbac.roles[roleIndex]
            let builtIn = rbac.builtInRoles.contains(roleIndex)
            let bindingDifference = rbac.policy?.difference(of: binding)
            let roleDifference: [String]? = builtIn ? [] : rbac.policy?.difference(of: role)
            if bindingDifference == [] && roleDifference == [] { return nil }
            var differences: [String] = []
            // A built-in role carries the label because it is the default: only what the inputs label counts.
            let roleClaims = !builtIn && RBACDefaults.claimsDefault(role.meta)
            if RBACDefaults.claimsDefault(binding.meta) || roleClaims {
                let version = rbac.policy?.version ?? "?"
                let claim = "labelled \(RBACDefaults.defaultsLabel): rbac-defaults, yet differs from the Kubernetes \(version) default"
                differences.append(claim)
                differences += (bindingDifference ?? ["no default binding \(binding.meta.resourceName)"]).map {
                    "  \(binding.meta.resourceName): \($0)"
                }
                if roleClaims {
                    differences += (roleDifference ?? ["no default role \(role.meta.resourceName)"]).map {
                        "  \(role.meta.resourceName): \($0)"
                    }
                }
            }
            let subjects = binding.subjects.compactMap { rbac.effectiveSubject($0, in: binding) }
            return BoundRole(
                index: index, binding: binding, role: role, roleIndex: roleIndex, roleLabel: rbac.roleLabel(roleIndex),
                rules: rbac.effectiveRules[roleIndex], subjects: subjects, defaultDifferences: differences)
        }
    }

    /// Workloads whose pods run as the service account with a mounted token.
    func workloadsMounting(_ subject: SubjectRef) -> [KubeWorkload] {
        guard case .serviceAccount(let namespace, let name) = subject else { return [] }
        return snapshot.kubernetes.workloads.filter {
            $0.meta.namespace == namespace && $0.serviceAccountName == name && $0.automountToken != false
        }
    }

    /// Where a subject of a binding is written, for findings to point at the entry.
    func location(of subject: SubjectRef, in binding: KubeRoleBinding) -> SourceLocation? {
        binding.subjects.first { rbac.effectiveSubject($0, in: binding) == subject }?.location
    }
}

/// Requests the checks ask about, in the API server's terms.
enum RBACRequests {
    static func allows(
        _ rules: [PolicyRule], verbs: [String], group: String, resource: String, subresource: String = "",
        ignoringNames: Bool = false
    ) -> [PolicyRule] {
        rules.filter { rule in
            verbs.contains { verb in
                RuleMatching.allows(
                    rule, AccessRequest(verb: verb, apiGroup: group, resource: resource, subresource: subresource),
                    ignoringNames: ignoringNames)
            }
        }
    }

    /// `*` verbs, `*` resources and `*` groups: cluster-admin's first rule.
    static func isFullWildcard(_ rule: PolicyRule) -> Bool {
        rule.verbs.contains("*") && rule.apiGroups.contains("*") && rule.resources.contains("*")
    }

    static func unique(_ rules: [PolicyRule]) -> [PolicyRule] {
        rules.reduce(into: [PolicyRule]()) { if !$0.contains($1) { $0.append($1) } }
    }
}
