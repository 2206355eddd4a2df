import PerimeterModel
import PerimeterRBAC

/// What the RBAC checks share: which objects are defaults, which subjects are system identities, and
/// one finding per binding with the role → rule path behind it.
enum RBACDefaults {
    static let vendorLabels = ["eks.amazonaws.com/component", "addonmanager.kubernetes.io/mode"]
    static let vendorPrefixes = ["eks:", "aws-node", "gce:", "system:gcp-", "system:gke-"]

    /// Bootstrap roles and bindings (kept by the API server unless `autoupdate: "false"` says someone changed
    /// them) and vendor-managed ones (EKS, GKE add-ons) are not findings.
    static func isDefault(_ meta: KubeObjectMeta) -> Bool {
        if meta.labels["kubernetes.io/bootstrapping"] == "rbac-defaults" {
            return meta.annotations["rbac.authorization.kubernetes.io/autoupdate"] != "false"
        }
        if vendorLabels.contains(where: { meta.labels[$0] != nil }) { return true }
        return vendorPrefixes.contains { meta.name.hasPrefix($0) }
    }

    /// Users and groups the platform itself uses (`system:…`, `eks:…`). Service accounts are never system
    /// subjects: a grant to one is a grant to every pod that runs as it.
    static func isSystem(_ subject: SubjectRef) -> Bool {
        switch subject {
        case .user(let name), .group(let name): name.hasPrefix("system:") || name.hasPrefix("eks:")
        default: false
        }
    }
}

/// One non-default binding with a role that exists, and the subjects it applies to.
struct BoundRole {
    var index: Int
    var binding: KubeRoleBinding
    var role: KubeRole
    var rules: [PolicyRule]
    var subjects: [SubjectRef]
}

extension CheckContext {
    /// Non-default bindings whose role exists (a missing role grants nothing we can know), with their subjects.
    var customBindings: [BoundRole] {
        rbac.bindings.indices.compactMap { index in
            let binding = rbac.bindings[index]
            guard !RBACDefaults.isDefault(binding.meta), let roleIndex = rbac.boundRole[index] else { return nil }
            let subjects = binding.subjects.compactMap { rbac.effectiveSubject($0, in: binding) }
            return BoundRole(index: index, binding: binding, role: rbac.roles[roleIndex], rules: rbac.effectiveRules[roleIndex],
                             subjects: subjects)
        }
    }

    /// Workloads whose pods run as the service account with a mounted token.
    func workloadsMounting(_ subject: SubjectRef) -> [KubeWorkload] {
        guard case .serviceAccount(let namespace, let name) = subject else { return [] }
        return snapshot.kubernetes.workloads.filter {
            $0.meta.namespace == namespace && $0.serviceAccountName == name && $0.automountToken != false
        }
    }
}

extension Check {
    /// A finding on a binding: the subjects, the role, the rules that matter; one severity higher when a
    /// service account among the subjects is mounted by running workloads.
    func bindingFinding(_ bound: BoundRole, subjects: [SubjectRef], rules: [PolicyRule], what: String,
                        context: CheckContext) -> Finding {
        let names = subjects.map(\.description).joined(separator: ", ")
        let scope = bound.binding.isClusterRoleBinding ? "cluster-wide" : "in namespace \(bound.binding.meta.namespace)"
        var evidence = rules.map { "\(bound.binding.meta.resourceName) → \(bound.role.meta.resourceName) → \($0.summary)" }
        let mounted = subjects.flatMap { context.workloadsMounting($0) }
        if !mounted.isEmpty {
            evidence.append("mounted by: " + mounted.map(\.meta.resourceName).joined(separator: ", "))
        }
        var result = finding(resource: bound.binding.meta.resourceName, location: bound.binding.meta.provenance.location,
                             message: "'\(bound.binding.meta.resourceName)' grants \(what) \(scope) to \(names) through '\(bound.role.meta.resourceName)'",
                             evidence: evidence)
        if !mounted.isEmpty, let higher = Severity.allCases.first(where: { $0 > result.severity }) {
            result.severity = higher
        }
        return result
    }
}

/// Requests the checks ask about, in the API server's terms.
enum RBACRequests {
    static func allows(_ rules: [PolicyRule], verbs: [String], group: String, resource: String, subresource: String = "",
                       ignoringNames: Bool = false) -> [PolicyRule] {
        rules.filter { rule in
            verbs.contains { verb in
                RuleMatching.allows(rule, AccessRequest(verb: verb, apiGroup: group, resource: resource, subresource: subresource),
                                    ignoringNames: ignoringNames)
            }
        }
    }

    /// `*` verbs, `*` resources and `*` groups: cluster-admin's first rule.
    static func isFullWildcard(_ rule: PolicyRule) -> Bool {
        rule.verbs.contains("*") && rule.apiGroups.contains("*") && rule.resources.contains("*")
    }
}
