import PerimeterAnalysis
import PerimeterModel

/// NET-006: an APIService or admission webhook whose pods the control plane cannot reach on their port.
public struct BackendPortUnreachableCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "NET-006",
        slug: "api-backend-port-unreachable",
        title: "An APIService or admission webhook backend port is not reachable from the cluster security group",
        severity: .medium,
        rationale: """
            The API server calls aggregated APIs (metrics-server on 4443, for example) and admission webhooks \
            (linkerd's tap on 8089, policy engines, cert-manager) on their pods' own port. A node security group \
            trimmed to 443 and 10250 silently breaks them: `kubectl top` and autoscaling fail, and a webhook with \
            failurePolicy Fail blocks every create or update it intercepts.
            """,
        remediation: "Allow the backend's pod port on the node security group from the cluster security group, and no wider.",
        terraformFix: """
            resource "aws_security_group_rule" "node_metrics_server_from_cluster" {
              type                     = "ingress"
              security_group_id        = aws_security_group.node.id
              protocol                 = "tcp"
              from_port                = 4443
              to_port                  = 4443
              source_security_group_id = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
            }
            """,
        references: [Reference.apiServerAggregation, Reference.eksWebhookPorts],
        owasp: Reference.owaspClusterComponents
    )

    public func run(_ context: CheckContext) -> [Finding] {
        let objects = context.snapshot.kubernetes
        var findings: [Finding] = []
        for backend in objects.apiBackends {
            // A Service or port the inputs do not show is not guessed.
            guard let ports = BackendPorts.ports(of: backend, in: objects) else { continue }
            for cluster in context.snapshot.eksClusters {
                let controlPlane = context.membership.controlPlane(of: cluster)
                guard !controlPlane.securityGroupKeys.isEmpty else { continue }
                for port in ports.sorted() {
                    let closed = context.membership.nodeGroups(of: cluster).filter { target in
                        guard target.isMembershipKnown, target.unresolved.isEmpty else { return false }
                        let ingress = context.exposure.exposure(of: target, protocol: .tcp, port: port)
                        return ingress.isComplete && !ControlPlaneAccess.admits(ingress, controlPlane: controlPlane.securityGroupKeys)
                    }
                    guard !closed.isEmpty else { continue }
                    let names = closed.map { "'\($0.name)'" }.joined(separator: ", ")
                    findings.append(
                        finding(
                            resource: backend.meta.resourceName, location: backend.meta.provenance.location,
                            message: "\(backend.summary) is served on \(port)/tcp by the pods of Service "
                                + "\(backend.serviceNamespace)/\(backend.serviceName); no rule on the security groups of \(names) "
                                + "admits \(port)/tcp from the control plane of '\(Describe.name(cluster.name, fallback: cluster.key))'",
                            evidence: [
                                "Service \(backend.serviceNamespace)/\(backend.serviceName) port \(backend.servicePort) -> pod port \(port)"
                            ]
                                + closed.map { "node security groups of '\($0.name)': \($0.securityGroupKeys.joined(separator: ", "))" }
                                + ["control-plane security groups: \(controlPlane.securityGroupKeys.joined(separator: ", "))"]))
                }
            }
        }
        return findings
    }
}

extension BackendPortUnreachableCheck {
    /// Backends whose Service or pod port the inputs do not show, and node groups or rules that keep
    /// the control plane's reach to a backend port unknown.
    public func undecided(_ context: CheckContext) -> [Undecided] {
        let objects = context.snapshot.kubernetes
        guard !context.snapshot.eksClusters.isEmpty else { return [] }
        var gaps: [ExposureGap] = []
        for backend in objects.apiBackends {
            guard let ports = BackendPorts.ports(of: backend, in: objects) else {
                gaps.append(
                    ExposureGap(
                        provenance: backend.meta.provenance,
                        reason: "the pod port behind Service \(backend.serviceNamespace)/\(backend.serviceName) "
                            + "port \(backend.servicePort) is not in the inputs"))
                continue
            }
            for cluster in context.snapshot.eksClusters {
                guard !context.membership.controlPlane(of: cluster).securityGroupKeys.isEmpty else { continue }
                for target in context.membership.nodeGroups(of: cluster) {
                    let membership = context.membershipGaps(of: target)
                    gaps += membership
                    guard membership.isEmpty else { continue }
                    for port in ports.sorted() {
                        gaps += context.exposureGaps(context.exposure.exposure(of: target, protocol: .tcp, port: port))
                    }
                }
            }
        }
        return undecided(gaps)
    }
}
