import PerimeterModel

/// Why a subject may do something: binding → role → rule, the system:masters bypass, or an EKS access policy.
public struct RBACGrant: Hashable, Sendable {
    public enum Kind: String, Sendable {
        case binding
        /// `system:masters` bypasses RBAC; no binding can revoke it.
        case masters
        /// An EKS access policy associated with an access entry; enforced outside RBAC objects.
        case accessPolicy
    }

    public var kind: Kind
    /// `ClusterRoleBinding/name`, `RoleBinding/ns/name`, or the access entry's principal.
    public var via: String
    /// `ClusterRole/name`, `Role/ns/name`, or the access policy ARN.
    public var role: String
    public var rule: PolicyRule?
    /// `cluster`, or the namespace(s) the grant holds in.
    public var scope: String
    /// Where the binding (or association) is written.
    public var location: SourceLocation?
    /// The group of the user through which the grant applies, when not the user's own name.
    public var throughGroup: String?

    public init(
        kind: Kind, via: String, role: String, rule: PolicyRule?, scope: String, location: SourceLocation?,
        throughGroup: String? = nil
    ) {
        self.kind = kind
        self.via = via
        self.role = role
        self.rule = rule
        self.scope = scope
        self.location = location
        self.throughGroup = throughGroup
    }

    /// `ClusterRoleBinding/x → ClusterRole/y → verbs=[...] ...`
    public var path: String {
        var parts = [via, role]
        if let rule { parts.append(rule.summary) }
        return parts.joined(separator: " → ")
    }
}

/// A subject and every grant that lets it make a request.
public struct SubjectGrants: Hashable, Sendable {
    public var subject: SubjectRef
    public var grants: [RBACGrant]
}
