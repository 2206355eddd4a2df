import PerimeterModel

/// Roles a binding from files refers to but no input defines: every cluster has the bootstrap policy, and
/// manifests bind `cluster-admin`, `admin`, `edit` or `view` by name. An aggregated built-in role brings the
/// built-in roles its selectors pick, so its rules are computed as the controller would. Live snapshots are
/// the cluster itself: a role missing there does not exist.
enum BuiltInRoles {
    static func add(to roles: [KubeRole], referencedBy bindings: [KubeRoleBinding], from policy: BootstrapPolicy?)
        -> (roles: [KubeRole], added: Set<Int>)
    {
        guard let policy else { return (roles, []) }
        var all = roles
        var added = Set<Int>()
        var defined = Set(roles.map(\.meta.resourceName))
        var pending = bindings.filter { $0.meta.provenance.origin != .kubernetes }.map(RBACAuthorizer.roleKey(of:))
        while let key = pending.popLast() {
            guard !defined.contains(key), let role = policy.role(key) else { continue }
            defined.insert(key)
            added.insert(all.count)
            all.append(role)
            guard let selectors = role.aggregationSelectors else { continue }
            for source in policy.roles where source.isClusterRole && selectors.contains(where: { $0.matches(source.meta.labels) }) {
                pending.append(source.meta.resourceName)
            }
        }
        return (all, added)
    }
}
