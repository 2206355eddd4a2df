import PerimeterModel

/// The RBAC authorizer over a snapshot's roles and bindings, with the API server's semantics, indexed once
/// so that who-can over tens of thousands of rules answers in milliseconds.
public final class RBACAuthorizer: Sendable {
    public let roles: [KubeRole]
    /// Rules after aggregation, per role.
    public let effectiveRules: [[PolicyRule]]
    public let bindings: [KubeRoleBinding]
    /// The role each binding refers to, nil when it does not exist (skipped, not fatal).
    public let boundRole: [Int?]
    public let eks: EKSAccess

    private let roleByKey: [String: Int]
    private let bindingsByRole: [[Int]]
    /// Every rule of every role, flattened: (role index, rule index).
    private let flatRules: [(role: Int, rule: Int)]
    private let rulesByResource: [String: [Int]]
    private let nonResourceRules: [Int]

    /// The bootstrap policy built-in roles come from, and defaults are compared with.
    public let policy: BootstrapPolicy?
    /// Roles taken from the bootstrap policy because a binding refers to them and no input defines them.
    public let builtInRoles: Set<Int>

    /// `policy` nil: the newest shipped version, or the live cluster's own when the snapshot knows it.
    public convenience init(snapshot: Snapshot, policy: BootstrapPolicy? = nil) {
        let chosen = policy ?? (try? BootstrapPolicy.select(requested: nil, serverVersion: snapshot.kubernetes.serverVersion).get())
        self.init(objects: snapshot.kubernetes, snapshot: snapshot, policy: chosen)
    }

    /// A binding's roleRef as a role key: `ClusterRole/name` or `Role/namespace/name`.
    public static func roleKey(of binding: KubeRoleBinding) -> String {
        binding.roleKind == "ClusterRole"
            ? KubeObjectMeta.resourceName(kind: "ClusterRole", namespace: "", name: binding.roleName)
            : KubeObjectMeta.resourceName(kind: "Role", namespace: binding.meta.namespace, name: binding.roleName)
    }

    init(objects: KubernetesObjects, snapshot: Snapshot, policy: BootstrapPolicy?) {
        self.policy = policy
        let withBuiltIns = BuiltInRoles.add(to: objects.roles, referencedBy: objects.bindings, from: policy)
        roles = withBuiltIns.roles
        builtInRoles = withBuiltIns.added
        bindings = objects.bindings
        effectiveRules = Aggregation.effectiveRules(roles)
        var byKey: [String: Int] = [:]
        for (index, role) in roles.enumerated() where byKey[role.meta.resourceName] == nil { byKey[role.meta.resourceName] = index }
        roleByKey = byKey
        let resolved = objects.bindings.map { binding -> Int? in byKey[Self.roleKey(of: binding)] }
        boundRole = resolved
        var byRole = Array(repeating: [Int](), count: roles.count)
        for (bindingIndex, roleIndex) in resolved.enumerated() {
            if let roleIndex { byRole[roleIndex].append(bindingIndex) }
        }
        bindingsByRole = byRole
        var flat: [(role: Int, rule: Int)] = []
        var byResource: [String: [Int]] = [:]
        var nonResource: [Int] = []
        for (roleIndex, rules) in effectiveRules.enumerated() where !byRole[roleIndex].isEmpty {
            for (ruleIndex, rule) in rules.enumerated() {
                let id = flat.count
                flat.append((roleIndex, ruleIndex))
                for resource in Set(rule.resources) { byResource[resource, default: []].append(id) }
                if !rule.nonResourceURLs.isEmpty { nonResource.append(id) }
            }
        }
        flatRules = flat
        rulesByResource = byResource
        nonResourceRules = nonResource
        eks = EKSAccess(snapshot: snapshot)
    }

    public func role(at index: Int) -> KubeRole { roles[index] }

    public func role(named key: String) -> Int? { roleByKey[key] }

    /// `ClusterRole/admin`, or `ClusterRole/admin (built-in, Kubernetes 1.32)` for a role from the bootstrap policy.
    public func roleLabel(_ index: Int) -> String {
        let name = roles[index].meta.resourceName
        guard builtInRoles.contains(index) else { return name }
        return "\(name) (built-in, Kubernetes \(policy?.version ?? "?"))"
    }

    /// Bindings whose roleRef names a role that is not in the inputs.
    public var unresolvedBindings: [KubeRoleBinding] {
        bindings.indices.filter { boundRole[$0] == nil }.map { bindings[$0] }
    }

    /// The rules (by role and rule index) that allow a request, found through the index.
    public func matchingRules(_ request: AccessRequest, ignoringNames: Bool = false) -> [(role: Int, rule: Int)] {
        var candidates: [Int]
        if request.isResourceRequest {
            var keys = ["*", request.resourceWithSubresource]
            if !request.subresource.isEmpty { keys.append("*/" + request.subresource) }
            candidates = keys.flatMap { rulesByResource[$0] ?? [] }
            if keys.count > 1 { candidates = Array(Set(candidates)).sorted() }
        } else {
            candidates = nonResourceRules
        }
        return candidates.compactMap { id in
            let (roleIndex, ruleIndex) = flatRules[id]
            return RuleMatching.allows(effectiveRules[roleIndex][ruleIndex], request, ignoringNames: ignoringNames) ? flatRules[id] : nil
        }
    }

    /// Whether a binding counts for a request's namespace: ClusterRoleBindings always; RoleBindings only
    /// for a namespaced request in their own namespace.
    public func binding(_ binding: KubeRoleBinding, appliesIn namespace: String) -> Bool {
        binding.isClusterRoleBinding || (!namespace.isEmpty && binding.meta.namespace == namespace)
    }

    /// The scope a binding grants in: `cluster` or its namespace.
    public func scope(of binding: KubeRoleBinding) -> String {
        binding.isClusterRoleBinding ? "cluster" : binding.meta.namespace
    }

    /// A binding's subject as it applies: a ServiceAccount without namespace takes the RoleBinding's; in a
    /// ClusterRoleBinding it matches nobody. Unknown kinds match nobody.
    public func effectiveSubject(_ subject: KubeSubject, in binding: KubeRoleBinding) -> SubjectRef? {
        switch subject.kind {
        case "User": return .user(subject.name)
        case "Group": return .group(subject.name)
        case "ServiceAccount":
            let namespace = subject.namespace.isEmpty && !binding.isClusterRoleBinding ? binding.meta.namespace : subject.namespace
            return namespace.isEmpty ? nil : .serviceAccount(namespace: namespace, name: subject.name)
        default: return nil
        }
    }

    func grant(binding index: Int, rule: PolicyRule?, throughGroup: String? = nil) -> RBACGrant {
        let binding = bindings[index]
        let role =
            boundRole[index].map { roleLabel($0) }
            ?? "\(binding.roleKind)/\(binding.roleKind == "Role" ? binding.meta.namespace + "/" : "")\(binding.roleName)"
        return RBACGrant(
            kind: .binding, via: binding.meta.resourceName, role: role, rule: rule, scope: scope(of: binding),
            location: binding.meta.provenance.location, throughGroup: throughGroup)
    }

    /// Every subject that may make the request, each with the binding → role → rule behind it. The group
    /// `system:masters` is always listed: it bypasses RBAC.
    public func whoCan(_ request: AccessRequest) -> [SubjectGrants] {
        var grantsBySubject: [SubjectRef: [RBACGrant]] = [:]
        grantsBySubject[.group("system:masters")] = [
            RBACGrant(
                kind: .masters, via: "system:masters", role: "(bypasses RBAC)",
                rule: nil, scope: "cluster", location: nil)
        ]
        for (roleIndex, ruleIndex) in matchingRules(request) {
            let rule = effectiveRules[roleIndex][ruleIndex]
            for bindingIndex in bindingsByRole[roleIndex] {
                let binding = bindings[bindingIndex]
                guard self.binding(binding, appliesIn: request.namespace) else { continue }
                for subject in binding.subjects {
                    guard let ref = effectiveSubject(subject, in: binding) else { continue }
                    grantsBySubject[ref, default: []].append(grant(binding: bindingIndex, rule: rule))
                }
            }
        }
        return grantsBySubject.map { SubjectGrants(subject: $0.key, grants: $0.value) }
            .sorted { a, b in
                if (a.subject.kind == "Group" && a.subject.name == "system:masters")
                    != (b.subject.kind == "Group" && b.subject.name == "system:masters")
                {
                    return a.subject.name == "system:masters"
                }
                return a.subject < b.subject
            }
    }

    /// Whether a binding's subjects include the user, directly or through one of its groups.
    public func bindingApplies(_ binding: KubeRoleBinding, to user: UserInfo) -> (applies: Bool, throughGroup: String?) {
        for subject in binding.subjects {
            switch effectiveSubject(subject, in: binding) {
            case .user(let name)?: if !user.name.isEmpty && name == user.name { return (true, nil) }
            case .group(let group)?: if user.groups.contains(group) { return (true, group) }
            case .serviceAccount(let namespace, let name)?:
                if user.name == "system:serviceaccount:\(namespace):\(name)" { return (true, nil) }
            default: continue
            }
        }
        return (false, nil)
    }

    /// Every grant that lets this user make the request (empty means denied by RBAC). EKS access policies
    /// of `principalArn` count too.
    public func authorize(_ user: UserInfo, _ request: AccessRequest, principalArn: String? = nil) -> [RBACGrant] {
        if user.isMaster {
            return [
                RBACGrant(
                    kind: .masters, via: "system:masters", role: "(bypasses RBAC)", rule: nil, scope: "cluster",
                    location: nil, throughGroup: "system:masters")
            ]
        }
        var grants: [RBACGrant] = []
        for (roleIndex, ruleIndex) in matchingRules(request) {
            for bindingIndex in bindingsByRole[roleIndex] where binding(bindings[bindingIndex], appliesIn: request.namespace) {
                let match = bindingApplies(bindings[bindingIndex], to: user)
                if match.applies {
                    grants.append(
                        grant(binding: bindingIndex, rule: effectiveRules[roleIndex][ruleIndex], throughGroup: match.throughGroup))
                }
            }
        }
        if let principalArn { grants += eks.policyGrants(for: principalArn, request: request, authorizer: self) }
        return grants
    }

    /// Bindings that apply to the user (through its name or any of its groups), with their role when it exists.
    public func bindings(applyingTo user: UserInfo) -> [(binding: Int, role: Int?, throughGroup: String?)] {
        bindings.indices.compactMap { index in
            let match = bindingApplies(bindings[index], to: user)
            return match.applies ? (index, boundRole[index], match.throughGroup) : nil
        }
    }
}
