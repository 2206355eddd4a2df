import PerimeterModel

/// GKE-003: Autopilot or auto-provisioned node pools with the read-only port on.
public struct GKEAutoProvisionedReadOnlyPortCheck: Check {
    public init() {}

    public let description = CheckDescription(
        id: "GKE-003",
        slug: "gke-autopilot-read-only-port",
        title: "GKE Autopilot / auto-provisioned node pools have the kubelet read-only port (10255) enabled",
        severity: .high,
        rationale: """
            Autopilot clusters and node auto-provisioning create node pools from nodePoolAutoConfig.nodeKubeletConfig. \
            On Autopilot, true or unset leaves 10255 open on every node. On a Standard cluster, auto-provisioned \
            pools inherit the cluster default (GKE-001) unless nodePoolAutoConfig sets true, which is reported here.
            """,
        remediation: """
            gcloud container clusters update CLUSTER --location=LOCATION \
            --no-autoprovisioning-enable-insecure-kubelet-readonly-port (new and existing nodes stop serving the port).
            """,
        terraformFix: """
            node_pool_auto_config {
              node_kubelet_config {
                insecure_kubelet_readonly_port_enabled = "FALSE"
              }
            }
            """,
        references: [Reference.gkeReadOnlyPortSourceDocument, Reference.gkeDisableReadOnlyPort],
        owasp: Reference.owaspClusterComponents,
        cis: "CIS GKE 1.6.0 3.2.4"
    )

    public func run(_ context: CheckContext) -> [Finding] {
        context.snapshot.gkeClusters.compactMap { cluster in
            let name = GKEReadOnlyPort.clusterName(cluster)
            let state = GKEReadOnlyPort.state(cluster.nodePoolAutoConfig)
            switch (cluster.autopilot, state) {
            case (.known(true), .enabled(let location)), (.known(false), .enabled(let location)):
                return finding(resource: cluster.provenance.resource, location: location ?? cluster.provenance.location,
                               message: "cluster '\(name)' enables the kubelet read-only port on \(kind(cluster)) node pools",
                               evidence: ["nodePoolAutoConfig.nodeKubeletConfig.insecureKubeletReadonlyPortEnabled = true"])
            case (.known(true), .unset(let location)):
                return finding(resource: cluster.provenance.resource, location: location ?? cluster.provenance.location,
                               message: "Autopilot cluster '\(name)' does not disable the kubelet read-only port (unset: legacy default, enabled)",
                               evidence: [cluster.nodePoolAutoConfig == nil ? "no nodePoolAutoConfig.nodeKubeletConfig"
                                    : "nodeKubeletConfig without insecureKubeletReadonlyPortEnabled"])
            default:
                return nil
            }
        }
    }

    private func kind(_ cluster: GKECluster) -> String {
        cluster.autopilot == .known(true) ? "Autopilot" : "auto-provisioned"
    }
}
