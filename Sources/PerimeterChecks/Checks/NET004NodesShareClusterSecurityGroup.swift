import PerimeterAnalysis
import PerimeterModel

/// NET-004: nodes sit in a control-plane security group whose self rule admits every member on every port.
public struct NodesShareClusterSecurityGroupCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "NET-004",
        slug: "nodes-share-cluster-security-group",
        title: "Nodes share a control-plane security group that allows all traffic from itself",
        severity: .medium,
        rationale: """
            By default EKS puts managed nodes in the cluster security group, which has a self-referencing \
            all-traffic rule. Anything else that carries that group (other node groups, load balancers, \
            endpoints, pods with security groups) then reaches 10250 and every other port on every node: the \
            kubelet boundary is not the node group. A dedicated node security group makes the boundary explicit.
            """,
        remediation: """
            Give the nodes a dedicated security group in their launch template, allow 10250 on it only from the \
            cluster security group, and keep node-to-node traffic as a self rule on the node group's own SG.
            """,
        terraformFix: """
            resource "aws_launch_template" "node_group" {
              vpc_security_group_ids = [aws_security_group.node.id]
              # ...
            }
            """,
        references: [Reference.eksSecurityBestPractices, Reference.eksSecurityGroups],
        owasp: Reference.owaspNetworkSegmentation
    )

    public func run(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        for target in context.membership.allNodeTargets where target.isMembershipKnown {
            for group in target.securityGroupKeys where context.membership.isControlPlaneGroup(group) {
                let selfRules = context.exposure.rules(of: group, direction: .ingress).filter {
                    isSelfAllTraffic($0, group: group, context)
                }
                guard let rule = selfRules.first else { continue }
                findings.append(
                    finding(
                        resource: target.provenance.resource, location: target.provenance.location,
                        message:
                            "nodes of '\(target.name)' carry \(SecurityGroupName.display(group)), a control-plane group whose self rule lets every member reach 10250",
                        evidence: [
                            "\(Describe.rule(rule)) on \(SecurityGroupName.display(group)) (\(rule.provenance.resource), \(Describe.location(rule.provenance.location)))",
                            "node group '\(target.name)' gets \(SecurityGroupName.display(group)) (no dedicated node security group)"
                        ]))
            }
        }
        return findings
    }

    private func isSelfAllTraffic(_ rule: SecurityGroupRule, group: String, _ context: CheckContext) -> Bool {
        guard case .known(let ipProtocol) = rule.ipProtocol, ipProtocol.normalized == .all else { return false }
        return rule.endpoints.contains { endpoint in
            switch endpoint {
            case .selfGroup: true
            case .securityGroup(let ref): context.index.securityGroupKey(for: ref) == group
            default: false
            }
        }
    }
}

extension NodesShareClusterSecurityGroupCheck {
    /// Node groups whose security groups are unknown: whether they carry a control-plane group is too.
    public func undecided(_ context: CheckContext) -> [Undecided] {
        undecided(context.membership.allNodeTargets.flatMap(context.membershipGaps(of:)))
    }
}
