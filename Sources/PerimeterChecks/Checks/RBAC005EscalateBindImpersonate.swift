import PerimeterModel
import PerimeterRBAC

/// RBAC-005: the verbs that get around RBAC's own escalation checks.
public struct EscalateBindImpersonateCheck: RBACBindingCheck, ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "RBAC-005",
        slug: "rbac-escalate-bind-impersonate",
        title: "escalate, bind or impersonate",
        severity: .high,
        rationale: """
            escalate on roles lets a subject write any permission into a role it holds; bind on roles lets it bind \
            itself to cluster-admin; impersonate lets it act as any user, group (system:masters) or service account. \
            Each is a path to full control. Impersonating users and groups is checked at cluster scope, so only a \
            ClusterRoleBinding grants it; service accounts can be impersonated through a RoleBinding in their namespace.
            """,
        remediation:
            "Remove escalate, bind and impersonate; if bind is needed, restrict it with resourceNames to the roles it may hand out.",
        references: [Reference.rbacGoodPractices, Reference.rbacDocs, Reference.kubernetesAuthorization],
        owasp: Reference.owaspOverlyPermissiveRBAC,
        cis: "CIS EKS 1.8.0 4.1.8"
    )

    public func run(_ context: CheckContext) -> [Finding] { context.rbacFindings(for: self) }

    public func undecided(_ context: CheckContext) -> [Undecided] { rbacUndecided(context) }

    func concern(on bound: BoundRole, in context: CheckContext) -> RBACConcern? {
        guard !bound.subjects.isEmpty else { return nil }
        let rbacGroup = "rbac.authorization.k8s.io"
        var rules: [PolicyRule] = []
        var namedBinds: [PolicyRule] = []
        for resource in ["roles", "clusterroles"] {
            for rule in RBACRequests.allows(
                bound.rules, verbs: ["escalate", "bind"], group: rbacGroup, resource: resource, ignoringNames: true)
            {
                let escalates = RuleMatching.verbMatches(rule.verbs, "escalate")
                if rule.resourceNames.isEmpty || escalates { rules.append(rule) } else { namedBinds.append(rule) }
            }
        }
        rules += RBACRequests.allows(bound.rules, verbs: ["impersonate"], group: "", resource: "serviceaccounts", ignoringNames: true)
        if bound.binding.isClusterRoleBinding {
            for (group, resource) in [
                ("", "users"), ("", "groups"), ("authentication.k8s.io", "uids"), ("authentication.k8s.io", "userextras")
            ] {
                rules += RBACRequests.allows(bound.rules, verbs: ["impersonate"], group: group, resource: resource, ignoringNames: true)
            }
        }
        rules = RBACRequests.unique(rules)
        // bind limited by resourceNames hands out only the named roles: no concern when they grant nothing
        // beyond what the subject already holds through this role, a lower one otherwise.
        var handedOut: [String] = []
        for rule in RBACRequests.unique(namedBinds) where !rules.contains(rule) {
            let beyond = Self.rolesBeyond(rule, bound: bound, context: context)
            if !beyond.isEmpty {
                rules.append(rule)
                handedOut += beyond.filter { !handedOut.contains($0) }
            }
        }
        guard !rules.isEmpty else { return nil }
        let onlyNamedBind = rules.allSatisfy { namedBinds.contains($0) }
        var result = concern(
            bound, subjects: bound.subjects, rules: rules,
            what: onlyNamedBind ? "bind on named roles" : "escalate, bind or impersonate", context: context)
        if onlyNamedBind, let lower = Severity.allCases.last(where: { $0 < result.severity }) {
            result.severityReasons.append(
                "severity lowered from \(result.severity.rawValue) to \(lower.rawValue): bind is restricted by resourceNames, "
                    + "so only \(handedOut.joined(separator: ", ")) can be handed out (each grants more than the subject holds)")
            result.severity = lower
        }
        return result
    }

    /// The roles named by a resourceNames-restricted bind rule that grant more than the bound role itself
    /// (unknown roles count: what they grant cannot be told).
    static func rolesBeyond(_ rule: PolicyRule, bound: BoundRole, context: CheckContext) -> [String] {
        var beyond: [String] = []
        for name in rule.resourceNames {
            for resource in rule.resources where ["clusterroles", "roles", "*"].contains(resource) {
                let key =
                    resource == "roles"
                    ? KubeObjectMeta.resourceName(kind: "Role", namespace: bound.binding.meta.namespace, name: name)
                    : KubeObjectMeta.resourceName(kind: "ClusterRole", namespace: "", name: name)
                if resource == "roles" && bound.binding.isClusterRoleBinding {
                    beyond.append("Role \(name) in any namespace")
                    continue
                }
                let rules = context.rbac.role(named: key).map { context.rbac.effectiveRules[$0] } ?? context.rbac.policy?.role(key)?.rules
                guard let rules, context.rbac.policy?.role(key)?.aggregationSelectors == nil || context.rbac.role(named: key) != nil else {
                    beyond.append(key)
                    continue
                }
                if !rules.allSatisfy({ BootstrapPolicy.covers(bound.rules, $0) }) { beyond.append(key) }
            }
        }
        return beyond.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }
}
