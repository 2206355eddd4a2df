import PerimeterModel
import PerimeterRBAC

/// Bindings whose role is not known (not in the inputs, or named by a value Terraform knows only after
/// apply): what they grant decides the verdict. A check is undecided on such a binding only when some
/// role could make it a concern; a binding no role can make one (a RoleBinding for a cluster-wide
/// check, subjects the check does not look at) stays decided.
extension RBACBindingCheck {
    func rbacUndecided(_ context: CheckContext) -> [Undecided] {
        var list = UndecidedList()
        for index in context.rbac.bindings.indices where context.rbac.boundRole[index] == nil {
            let binding = context.rbac.bindings[index]
            guard !RBACDefaults.isVendor(binding.meta), let reason = RBACUnknownRole.reason(binding) else { continue }
            let subjects = binding.subjects.compactMap { context.rbac.effectiveSubject($0, in: binding) }
            let couldConcern = RBACUnknownRole.probes.contains { rules in
                let role = KubeRole(meta: RBACUnknownRole.meta(of: binding), rules: rules)
                let bound = BoundRole(
                    index: index, binding: binding, role: role, roleIndex: -1, roleLabel: role.meta.resourceName,
                    rules: rules, subjects: subjects, defaultDifferences: [])
                return concern(on: bound, in: context) != nil
            }
            if couldConcern { list.add(undecided(on: binding.meta.provenance, because: reason)) }
        }
        return list.entries
    }
}

enum RBACUnknownRole {
    /// Roles that stand in for the unknown one: cluster-admin's rules, and a wildcard short of them (which
    /// RBAC-001 reports where RBAC-002 does not).
    static let probes: [[PolicyRule]] = [
        [PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]), PolicyRule(verbs: ["*"], nonResourceURLs: ["*"])],
        [PolicyRule(verbs: ["*"], apiGroups: [""], resources: ["*"])]
    ]

    /// `roleRef ClusterRole/x is not in the inputs` or `role_ref.name is unknown: ...`; nil for a binding
    /// that names no role at all (it grants nothing).
    static func reason(_ binding: KubeRoleBinding) -> String? {
        let unknownPrefix = "(unknown: "
        if binding.roleName.hasPrefix(unknownPrefix) && binding.roleName.hasSuffix(")") {
            return "role_ref.name is unknown: \(binding.roleName.dropFirst(unknownPrefix.count).dropLast())"
        }
        if binding.roleName.isEmpty || binding.roleName == "(not set)" { return nil }
        return "roleRef \(meta(of: binding).resourceName) is not in the inputs"
    }

    static func meta(of binding: KubeRoleBinding) -> KubeObjectMeta {
        let namespace = binding.roleKind == "Role" ? binding.meta.namespace : ""
        return KubeObjectMeta(
            kind: binding.roleKind, apiVersion: "rbac.authorization.k8s.io/v1", namespace: namespace, name: binding.roleName,
            labels: [:], annotations: [:], provenance: binding.meta.provenance)
    }
}
