import PerimeterModel
import PerimeterRBAC

/// RBAC-007: grants to everyone who can reach the API server, or to every authenticated identity.
public struct AnonymousOrAllAuthenticatedCheck: RBACBindingCheck, ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "RBAC-007",
        slug: "rbac-anonymous-or-all-authenticated",
        title: "Grants to system:anonymous, system:unauthenticated or system:authenticated beyond the defaults",
        severity: .high,
        rationale: """
            system:anonymous and system:unauthenticated are anyone who reaches the API endpoint; \
            system:authenticated is every identity the cluster accepts (on GKE any Google account, on EKS every \
            principal of a mapped account). Beyond the default discovery roles, a grant to them is a grant to all.
            """,
        remediation: "Bind the role to the groups or service accounts that need it instead of the built-in all-users groups.",
        references: [Reference.rbacGoodPractices, Reference.rbacDocs, Reference.kubernetesAuthorization],
        owasp: Reference.owaspOverlyPermissiveRBAC,
        cis: "CIS GKE 1.6.0 4.1.10"
    )

    static let everyone: Set<SubjectRef> = [.user("system:anonymous"), .group("system:unauthenticated"), .group("system:authenticated")]

    public func run(_ context: CheckContext) -> [Finding] { context.rbacFindings(for: self) }

    public func undecided(_ context: CheckContext) -> [Undecided] { rbacUndecided(context) }

    func concern(on bound: BoundRole, in context: CheckContext) -> RBACConcern? {
        let subjects = bound.subjects.filter { Self.everyone.contains($0) }
        guard !subjects.isEmpty, !bound.rules.isEmpty else { return nil }
        var result = concern(bound, subjects: subjects, rules: bound.rules, what: "\(bound.rules.count) rule(s)", context: context)
        if subjects.contains(where: { $0 != .group("system:authenticated") }), result.severity < .critical {
            result.severityReasons.append(
                "severity raised from \(result.severity.rawValue) to critical: system:anonymous and "
                    + "system:unauthenticated need no credentials at all")
            result.severity = .critical
        }
        return result
    }
}
