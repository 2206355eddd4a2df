import PerimeterModel

/// The questions the `rbac` commands answer, over one authorizer: who-can, can, matrix and summary,
/// with EKS principals merged in.
public struct RBACQueries: Sendable {
    public let authorizer: RBACAuthorizer

    public init(authorizer: RBACAuthorizer) {
        self.authorizer = authorizer
    }

    /// An IAM principal that gets in, with what it gets, for who-can answers.
    public struct PrincipalGrants: Sendable {
        public var principal: EKSPrincipal
        public var grants: [RBACGrant]
    }

    public struct WhoCanAnswer: Sendable {
        public var request: AccessRequest
        public var subjects: [SubjectGrants]
        public var principals: [PrincipalGrants]
        public var notes: [String]
    }

    public func whoCan(_ request: AccessRequest) -> WhoCanAnswer {
        let subjects = authorizer.whoCan(request)
        let principals = authorizer.eks.principals.compactMap { principal -> PrincipalGrants? in
            let grants = authorizer.authorize(authorizer.eks.user(for: principal), request, principalArn: principal.arn)
            return grants.isEmpty ? nil : PrincipalGrants(principal: principal, grants: grants)
        }
        return WhoCanAnswer(request: request, subjects: subjects, principals: principals, notes: notes(for: request))
    }

    /// The user a subject stands for, and the IAM principal behind it when there is one.
    public struct ResolvedSubject: Sendable {
        public var subject: SubjectRef
        public var user: UserInfo
        public var principalArn: String?
        /// Set when the subject cannot authenticate at all (an IAM principal no mapping knows).
        public var unmapped: String?
    }

    public func resolve(_ subject: SubjectRef, extraGroups: [String] = []) -> ResolvedSubject {
        guard case .iamPrincipal(let arn) = subject else {
            return ResolvedSubject(subject: subject, user: UserInfo.implied(by: subject, extraGroups: extraGroups))
        }
        if let principal = authorizer.eks.principal(arn: arn) {
            var user = authorizer.eks.user(for: principal)
            user.groups += extraGroups
            return ResolvedSubject(subject: subject, user: user, principalArn: principal.arn)
        }
        let account = arn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first.map(String.init) ?? ""
        if authorizer.eks.mappedAccounts.contains(account) {
            // mapAccounts: the ARN is the username and there are no groups.
            return ResolvedSubject(
                subject: subject, user: UserInfo.withImplicitGroups(UserInfo(name: arn, groups: extraGroups)), principalArn: arn)
        }
        return ResolvedSubject(
            subject: subject, user: UserInfo(name: arn, groups: []), principalArn: arn,
            unmapped: "no aws-auth entry, access entry or mapped account lets '\(arn)' in")
    }

    public func can(_ subject: ResolvedSubject, _ request: AccessRequest) -> [RBACGrant] {
        if subject.unmapped != nil { return [] }
        return authorizer.authorize(subject.user, request, principalArn: subject.principalArn)
    }

    public static let matrixVerbs = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]
    static let commonResources: [(group: String, resource: String)] = [
        ("", "pods"), ("", "pods/exec"), ("", "pods/log"), ("", "services"), ("", "endpoints"), ("", "configmaps"),
        ("", "secrets"), ("", "serviceaccounts"), ("", "serviceaccounts/token"), ("", "persistentvolumeclaims"), ("", "events"),
        ("apps", "deployments"), ("apps", "daemonsets"), ("apps", "statefulsets"), ("apps", "replicasets"),
        ("batch", "jobs"), ("batch", "cronjobs"), ("networking.k8s.io", "ingresses"), ("networking.k8s.io", "networkpolicies"),
        ("rbac.authorization.k8s.io", "roles"), ("rbac.authorization.k8s.io", "rolebindings"),
        ("rbac.authorization.k8s.io", "clusterroles"), ("rbac.authorization.k8s.io", "clusterrolebindings"),
        ("", "namespaces"), ("", "nodes"), ("", "nodes/proxy"), ("", "persistentvolumes"),
        ("certificates.k8s.io", "certificatesigningrequests"),
        ("admissionregistration.k8s.io", "validatingwebhookconfigurations"),
        ("admissionregistration.k8s.io", "mutatingwebhookconfigurations"),
        ("apiextensions.k8s.io", "customresourcedefinitions")
    ]

    /// One matrix row: a resource and, per verb, whether it is allowed (`names` when only some names are).
    public struct MatrixRow: Sendable {
        public var resource: String
        public var apiGroup: String
        public var cells: [String: MatrixCell]
    }

    public enum MatrixCell: String, Sendable {
        case allowed = "yes"
        case denied = "no"
        case someNames = "names"
    }

    /// Resources × verbs, like access-matrix: the common resources plus every resource named in a rule the
    /// subject holds. Cluster-scoped resources are asked cluster-wide.
    public func matrix(_ subject: ResolvedSubject, namespace: String?) -> [MatrixRow] {
        var resources = Self.commonResources
        var seen = Set(resources.map { "\($0.group)/\($0.resource)" })
        let applying = subject.unmapped == nil ? authorizer.bindings(applyingTo: subject.user) : []
        for match in applying {
            guard let roleIndex = match.role else { continue }
            for rule in authorizer.effectiveRules[roleIndex] {
                for group in rule.apiGroups where group != "*" {
                    for resource in rule.resources where !resource.contains("*") && seen.insert("\(group)/\(resource)").inserted {
                        resources.append((group, resource))
                    }
                }
            }
        }
        return resources.map { entry in
            var cells: [String: MatrixCell] = [:]
            let parts = entry.resource.split(separator: "/", maxSplits: 1).map(String.init)
            for verb in Self.matrixVerbs {
                var request = AccessRequest(
                    verb: verb, apiGroup: entry.group, resource: parts[0], subresource: parts.count > 1 ? parts[1] : "",
                    namespace: namespace ?? "")
                if KnownResources.isClusterScoped(parts[0], group: entry.group) { request.namespace = "" }
                if !can(subject, request).isEmpty {
                    cells[verb] = .allowed
                } else if hasNameRestrictedGrant(applying, request) {
                    cells[verb] = .someNames
                } else {
                    cells[verb] = .denied
                }
            }
            return MatrixRow(resource: entry.resource, apiGroup: entry.group, cells: cells)
        }
    }

    /// Whether a binding of the subject would allow the request for some object names (resourceNames).
    private func hasNameRestrictedGrant(_ applying: [(binding: Int, role: Int?, throughGroup: String?)], _ request: AccessRequest) -> Bool {
        let roles = Set(
            applying.filter { authorizer.binding(authorizer.bindings[$0.binding], appliesIn: request.namespace) }.compactMap(\.role))
        guard !roles.isEmpty else { return false }
        return authorizer.matchingRules(request, ignoringNames: true).contains { roles.contains($0.role) }
    }

    /// One binding that applies to a subject, for summaries.
    public struct SummaryEntry: Sendable {
        public var binding: KubeRoleBinding
        public var role: String
        public var rules: [PolicyRule]?
        public var scope: String
        public var throughGroup: String?
    }

    /// Every binding that applies to the subject, through its name or any group (implicit ones included),
    /// in every namespace; plus its EKS access policies.
    public func summary(_ subject: ResolvedSubject) -> (entries: [SummaryEntry], policies: [AccessPolicyAssociation], masters: Bool) {
        let entries = authorizer.bindings(applyingTo: subject.user).map { match in
            let binding = authorizer.bindings[match.binding]
            return SummaryEntry(
                binding: binding,
                role: match.role.map { authorizer.roleLabel($0) } ?? "\(binding.roleKind)/\(binding.roleName) (missing)",
                rules: match.role.map { authorizer.effectiveRules[$0] },
                scope: authorizer.scope(of: binding), throughGroup: match.throughGroup)
        }
        let policies = subject.principalArn.flatMap { authorizer.eks.principal(arn: $0)?.policies } ?? []
        return (entries, policies, subject.user.isMaster)
    }

    func notes(for request: AccessRequest) -> [String] {
        var notes = [
            "RBAC and EKS access policies only: the Node authorizer, webhook authorizers and GKE IAM also grant access and are not visible here"
        ]
        let unresolved = authorizer.unresolvedBindings.count
        if unresolved > 0 { notes.append("\(unresolved) binding(s) refer to a missing role and grant nothing until it exists") }
        if request.isResourceRequest, request.resource == "pods", ["exec", "attach", "portforward"].contains(request.subresource),
            request.verb == "get"
        {
            notes.append(
                "get \(request.resourceWithSubresource) is enough below Kubernetes 1.35; from 1.35 the websocket upgrade also needs create")
        }
        notes += authorizer.eks.unknowns.map { "unknown: \($0)" }
        return notes
    }
}
