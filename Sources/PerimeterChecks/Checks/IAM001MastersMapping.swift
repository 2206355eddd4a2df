import PerimeterModel
import PerimeterRBAC

/// IAM-001: an IAM principal mapped to system:masters (aws-auth) or given the cluster admin access policy.
public struct MastersMappingCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "IAM-001",
        slug: "eks-principal-cluster-admin",
        title: "aws-auth ConfigMap or an access entry maps a principal to system:masters / cluster admin policy",
        severity: .high,
        rationale: """
            system:masters bypasses RBAC and admission webhooks, and no binding can revoke it; \
            AmazonEKSClusterAdminPolicy is enforced by EKS outside RBAC objects. Neither shows up in \
            `kubectl get clusterrolebindings`, so RBAC tools miss both. Every such principal is a cluster admin.
            """,
        remediation: """
            Map principals to ordinary groups bound to narrower roles; keep cluster admin for one break-glass role \
            through an access entry, and move off aws-auth (authentication mode API).
            """,
        terraformFix: """
            resource "aws_eks_access_policy_association" "ops" {
              cluster_name  = aws_eks_cluster.this.name
              principal_arn = aws_iam_role.ops.arn
              policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"
              access_scope {
                type       = "namespace"
                namespaces = ["ops"]
              }
            }
            """,
        references: [Reference.eksAccessEntries, Reference.eksAuthConfigMap, Reference.eksBestPracticesIAM, Reference.rbacGoodPractices],
        owasp: Reference.owaspBrokenAuthentication,
        cis: "CIS EKS 1.8.0 4.1.1"
    )

    public func run(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        for principal in context.rbac.eks.principals where principal.source != .accessEntry && principal.groups.contains("system:masters") {
            findings.append(
                finding(
                    resource: principal.provenance.resource, location: principal.provenance.location,
                    message:
                        "\(principal.source.rawValue) maps '\(principal.arn)' to group system:masters (username '\(principal.username)')",
                    evidence: [
                        "\(principal.source.rawValue): \(principal.arn) → groups \(principal.groups.joined(separator: ", "))",
                        "system:masters bypasses RBAC and cannot be revoked by bindings"
                    ]))
        }
        for association in context.snapshot.accessPolicyAssociations {
            guard let policy = association.policyArn.value, EKSAccess.policyName(policy) == "AmazonEKSClusterAdminPolicy",
                association.scopeType.value == "cluster"
            else { continue }
            let principal = association.principalArn.value ?? "an unknown principal"
            findings.append(
                finding(
                    resource: association.provenance.resource, location: association.provenance.location,
                    message: "access entry of '\(principal)' has AmazonEKSClusterAdminPolicy at cluster scope",
                    evidence: ["\(principal) → \(policy) (scope cluster)"]))
        }
        for principal in context.rbac.eks.principals where principal.source == .accessEntry && principal.groups.contains("system:masters") {
            findings.append(
                finding(
                    resource: principal.provenance.resource, location: principal.provenance.location,
                    message: "access entry maps '\(principal.arn)' to group system:masters",
                    evidence: ["access entry: \(principal.arn) → groups \(principal.groups.joined(separator: ", "))"]))
        }
        return findings
    }
}

extension MastersMappingCheck {
    /// aws-auth maps whose text is unknown, and access policy associations whose policy (or, for the cluster
    /// admin policy, scope) is unknown.
    public func undecided(_ context: CheckContext) -> [Undecided] {
        var list = UndecidedList()
        for configMap in context.snapshot.awsAuthConfigMaps {
            for (name, map) in [("mapRoles", configMap.mapRoles), ("mapUsers", configMap.mapUsers)] {
                if let reason = UnknownValue.reason(map, "aws-auth \(name)") {
                    list.add(undecided(on: configMap.provenance, because: reason))
                }
            }
        }
        for association in context.snapshot.accessPolicyAssociations {
            // A scope known to be namespaced never gives cluster admin, whatever the policy.
            if let scope = association.scopeType.value, scope != "cluster" { continue }
            let reason: String?
            switch association.policyArn {
            case .unknown(let why): reason = "policy_arn is unknown: \(why)"
            case .known(let policy):
                reason =
                    EKSAccess.policyName(policy) == "AmazonEKSClusterAdminPolicy"
                    ? UnknownValue.reason(association.scopeType, "access_scope.type") : nil
            }
            if let reason { list.add(undecided(on: association.provenance, because: reason)) }
        }
        return list.entries
    }
}
