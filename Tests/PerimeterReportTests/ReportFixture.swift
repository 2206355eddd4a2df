import PerimeterChecks
import PerimeterModel
import PerimeterReport

/// The fixed report every golden file renders: every severity, two findings of one rule, a live
/// finding without a location, an input error and an input warning. Findings are deliberately out
/// of order so the goldens also pin the reporters' ordering.
enum ReportFixture {
    static let version = "9.9.9-golden"

    static let checks: [CheckDescription] = [
        CheckDescription(
            id: "NET-001", slug: "kubelet-open-to-internet", title: "Kubelet API open to the internet",
            severity: .critical,
            rationale: "Anyone on the internet can reach the kubelet on 10250 and, with weak kubelet auth, run commands in pods.",
            remediation: "Allow 10250/tcp on node security groups only from the cluster security group.",
            terraformFix: """
                resource "aws_security_group_rule" "kubelet" {
                  type                     = "ingress"
                  from_port                = 10250
                  to_port                  = 10250
                  protocol                 = "tcp"
                  source_security_group_id = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
                }
                """,
            references: ["https://docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html"],
            owasp: "K08: Cluster to Cluster Network Segmentation", cis: "CIS EKS 1.8.0 5.4.2"),
        CheckDescription(
            id: "NET-002", slug: "kubelet-open-to-cidr", title: "Kubelet API open to a CIDR range",
            severity: .high,
            rationale: "Every host in the range reaches the kubelet, not just the control plane.",
            remediation:
                "Replace the CIDR source with the cluster security group.\nKeep node-to-node rules on a dedicated node security group.",
            references: ["https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/"],
            owasp: "K08: Cluster to Cluster Network Segmentation"),
        CheckDescription(
            id: "NET-010", slug: "public-endpoint-restricted", title: "EKS public endpoint enabled",
            severity: .medium,
            rationale: "The API server is reachable from the listed public ranges.",
            remediation: "Disable the public endpoint or keep publicAccessCidrs to the ranges that need it."),
        CheckDescription(
            id: "RBAC-001", slug: "rbac-wildcard", title: "Wildcard RBAC grant",
            severity: .high,
            rationale: "Wildcards grant every verb or resource, including ones added later.",
            remediation: "List the verbs and resources the subject needs.",
            references: ["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
            owasp: "K03: Overly Permissive RBAC Configurations"),
        CheckDescription(
            id: "IAM-004", slug: "irsa-without-aud", title: "IRSA trust without an audience condition",
            severity: .low,
            rationale: "Without an `:aud` condition a token minted for another audience is accepted.",
            remediation: "Add a StringEquals condition on the OIDC provider's :aud for sts.amazonaws.com."),
        CheckDescription(
            id: "WL-009", slug: "mutable-image-tag", title: "Mutable image tag",
            severity: .info,
            rationale: "A tag such as latest can point at different images over time.",
            remediation: "Pin images by digest.")
    ]

    static let findings: [Finding] = [
        Finding(
            ruleId: "WL-009", severity: .info, title: "Mutable image tag", resource: "Deployment/default/web",
            location: SourceLocation(file: "manifests/web.yaml", line: 21, column: 18),
            message: "container 'web' uses image 'nginx:latest'"),
        Finding(
            ruleId: "NET-002", severity: .high, title: "Kubelet API open to a CIDR range",
            resource: "aws_security_group_rule.kubelet_vpc",
            location: SourceLocation(file: "terraform/nodes.tf", line: 18, column: 1),
            message: "ingress tcp 10250 from 10.0.0.0/8 on 'aws_security_group.node'",
            evidence: ["rule covers tcp 10250-10250 from 10.0.0.0/8"]),
        Finding(
            ruleId: "NET-001", severity: .critical, title: "Kubelet API open to the internet",
            resource: "module.eks.aws_security_group_rule.kubelet[\"0.0.0.0/0\"]",
            location: SourceLocation(file: "terraform/modules/nodes/main.tf", line: 42, column: 3),
            message: "ingress tcp 10250 from 0.0.0.0/0 on 'module.eks.aws_security_group.node'",
            evidence: [
                "rule covers tcp 0-65535 from 0.0.0.0/0",
                "node group 'default' carries module.eks.aws_security_group.node"
            ],
            callChain: [callSite]),
        Finding(
            ruleId: "NET-010", severity: .medium, title: "EKS public endpoint enabled", resource: "prod-eks",
            message: "public endpoint open to 203.0.113.0/24",
            evidence: ["publicAccessCidrs = [203.0.113.0/24]"]),
        Finding(
            ruleId: "RBAC-001", severity: .high, title: "Wildcard RBAC grant",
            resource: "ClusterRoleBinding/ci-deployer",
            location: SourceLocation(file: "manifests/rbac.yaml", line: 7, column: 1),
            message: "ServiceAccount ci/deployer gets verbs [*] on deployments"),
        Finding(
            ruleId: "IAM-004", severity: .low, title: "IRSA trust without an audience condition",
            resource: "aws_iam_role.irsa", location: SourceLocation(file: "terraform/iam.tf", line: 30, column: 5),
            message: "trust policy of 'aws_iam_role.irsa' has no :aud condition"),
        Finding(
            ruleId: "NET-001", severity: .critical, title: "Kubelet API open to the internet",
            resource: "aws_security_group.legacy_nodes",
            location: SourceLocation(file: "terraform/legacy.tf", line: 5, column: 3),
            message: "ingress all protocols from ::/0 on 'aws_security_group.legacy_nodes'")
    ]

    /// The caller's `module "eks"` block, so the goldens show a finding's call chain.
    static let callSite = ModuleCallSite(
        address: "module.eks", name: "eks",
        location: SourceLocation(file: "terraform/main.tf", line: 12, column: 1), endLine: 20)

    /// One undecided check inside the module, one at the root, and one module call not read.
    static let undecided: [Undecided] = [
        Undecided(
            kind: .moduleNotRead, ruleId: nil, resource: "module.vpc",
            location: SourceLocation(file: "terraform/main.tf", line: 3, column: 12),
            reason: "source 'terraform-aws-modules/vpc/aws' is not installed, so nothing in it was checked",
            fix: "run terraform init or use --download-modules", input: "terraform"),
        Undecided(
            ruleId: "NET-010", resource: "aws_eks_cluster.this",
            location: SourceLocation(file: "terraform/eks.tf", line: 1, column: 1),
            reason: "endpoint_public_access is unknown: variable 'public' has no value", input: "terraform"),
        Undecided(
            ruleId: "NET-001", resource: "module.eks.aws_security_group_rule.extra",
            location: SourceLocation(file: "terraform/modules/nodes/main.tf", line: 60, column: 1),
            reason: "source of ingress tcp 10250 on 'module.eks.aws_security_group.node' is unknown: variable 'allowed' has no value",
            input: "terraform", callChain: [callSite])
    ]

    static let coverage: [InputCoverage] = [
        InputCoverage(
            input: "terraform", kind: "terraform", resources: 14, instances: 17, moduleCallsRead: 1,
            moduleCallsNotRead: 1, unknownValuesThatMattered: 2, undecidedChecks: 2),
        InputCoverage(input: "plan.json", kind: "plan", resources: 3, instances: 3),
        InputCoverage(input: "manifests", kind: "kubernetes")
    ]

    static let diagnostics: [Diagnostic] = [
        .warning("no resource_changes in plan; reading planned_values only", file: "plan.json"),
        .error(
            "expected '=' after attribute name 'cidr_blocks'",
            at: SourceLocation(file: "terraform/broken.tf", line: 3, column: 7))
    ]

    static var report: ScanReport {
        ScanReport(
            findings: findings, diagnostics: diagnostics, checks: checks,
            inputs: ["terraform", "manifests", "plan.json"], toolVersion: version, suppressed: 2)
    }

    /// The same scan as a scanner reports it: with what it could not decide and per-input coverage.
    static var undecidedReport: ScanReport {
        report.with(undecided: undecided, coverage: coverage)
    }
}
