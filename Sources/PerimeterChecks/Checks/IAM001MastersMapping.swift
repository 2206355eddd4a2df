import PerimeterModel
import PerimeterRBAC

/// IAM-001: an IAM principal mapped to system:masters (aws-auth) or given the cluster admin access policy.
public struct MastersMappingCheck: Check {
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
