import PerimeterKubelet
import PerimeterModel
import Yams

/// Reads `gcloud container clusters describe|list`, `gcloud container node-pools describe|list` and
/// `gcloud compute firewall-rules list` output (`--format=json`, or `--format=yaml`) into the model.
/// Each level of the read-only port setting stays apart: cluster defaults, the default pool's
/// deprecated `nodeConfig`, every node pool's own `config.kubeletConfig`, and `nodePoolAutoConfig`.
public enum GCloudReader {
    /// Whether text looks like one of those outputs (cheap, for input discovery).
    public static func looksLikeGCloud(_ text: String) -> Bool {
        text.contains("container.googleapis.com") || text.contains("compute#firewall")
            || text.contains("insecureKubeletReadonlyPortEnabled")
    }

    public static func read(_ text: String, file: String) -> (snapshot: Snapshot, diagnostics: [Diagnostic]) {
        var snapshot = Snapshot()
        snapshot.sources = [file]
        var diagnostics: [Diagnostic] = []
        switch MarkedYAML.documents(text, file: file) {
        case .failure(let diagnostic):
            return (snapshot, [diagnostic])
        case .success(let documents):
            for document in documents {
                let items: [Node] = if case .sequence(let list) = document { Array(list) } else { [document] }
                for item in items {
                    diagnostics += GCloudFirewall.warnings(item, file: file)
                    if !read(item, file: file, into: &snapshot) {
                        diagnostics.append(
                            .warning(
                                "Not a GKE cluster, node pool or firewall rule; skipped",
                                at: MarkedYAML.location(item, file: file)))
                    }
                }
            }
        }
        return (snapshot, diagnostics)
    }

    private static func read(_ item: Node, file: String, into snapshot: inout Snapshot) -> Bool {
        let selfLink = MarkedYAML.value(item, "selfLink")?.scalarText ?? ""
        if MarkedYAML.value(item, "kind")?.scalarText == "compute#firewall" || selfLink.contains("/firewalls/")
            || (MarkedYAML.value(item, "allowed") ?? MarkedYAML.value(item, "denied")) != nil
        {
            snapshot.gcpFirewalls.append(GCloudFirewall.read(item, file: file))
            return true
        }
        if selfLink.contains("/nodePools/") || (MarkedYAML.value(item, "config") != nil && MarkedYAML.value(item, "nodePools") == nil) {
            let cluster = clusterName(fromPoolLink: selfLink)
            snapshot.gkeNodePools.append(pool(item, cluster: cluster, file: file))
            return true
        }
        guard
            MarkedYAML.value(item, "nodePools") != nil || MarkedYAML.value(item, "nodeConfig") != nil
                || MarkedYAML.value(item, "autopilot") != nil || selfLink.contains("/clusters/")
        else { return false }
        readCluster(item, file: file, into: &snapshot)
        return true
    }

    private static func readCluster(_ item: Node, file: String, into snapshot: inout Snapshot) {
        let nameNode = MarkedYAML.entry(item, "name")
        let name = nameNode?.value.scalarText ?? "unnamed"
        let location = MarkedYAML.location(nameNode?.key ?? item, file: file)
        let autoscaling = MarkedYAML.value(item, "autoscaling")
        let autoProvisioning = MarkedYAML.value(autoscaling, "enableNodeAutoprovisioning")?.scalarText.map { $0 == "true" }
        snapshot.gkeClusters.append(
            GKECluster(
                key: clusterKey(name), provenance: Provenance(resource: name, location: location, origin: .gke),
                name: .known(name),
                autopilot: .known(MarkedYAML.value(item, "autopilot", "enabled")?.scalarText == "true"),
                nodePoolDefaults: kubelet(
                    MarkedYAML.entry(MarkedYAML.value(item, "nodePoolDefaults", "nodeConfigDefaults"), "nodeKubeletConfig"),
                    file: file),
                defaultPoolNodeConfig: kubelet(MarkedYAML.entry(MarkedYAML.value(item, "nodeConfig"), "kubeletConfig"), file: file),
                nodePoolAutoConfig: kubelet(
                    MarkedYAML.entry(MarkedYAML.value(item, "nodePoolAutoConfig"), "nodeKubeletConfig"), file: file),
                autoProvisioning: autoProvisioning.map { Resolved.known($0) }))
        for pool in MarkedYAML.value(item, "nodePools")?.sequenceItems ?? [] {
            snapshot.gkeNodePools.append(self.pool(pool, cluster: name, file: file))
        }
    }

    private static func pool(_ item: Node, cluster: String?, file: String) -> GKENodePool {
        let nameNode = MarkedYAML.entry(item, "name")
        let name = nameNode?.value.scalarText ?? "unnamed"
        let resource = "\(cluster ?? "?")/nodePools/\(name)"
        return GKENodePool(
            key: resource,
            provenance: Provenance(resource: resource, location: MarkedYAML.location(nameNode?.key ?? item, file: file), origin: .gke),
            name: .known(name),
            cluster: cluster.map { .key(clusterKey($0)) } ?? .unknown("the node pool's selfLink does not name its cluster"),
            kubelet: kubelet(MarkedYAML.entry(MarkedYAML.value(item, "config"), "kubeletConfig"), file: file),
            describesLiveState: true)
    }

    static func clusterKey(_ name: String) -> String { "gke:\(name)" }

    /// `…/clusters/NAME/nodePools/POOL` → NAME.
    private static func clusterName(fromPoolLink link: String) -> String? {
        let parts = link.split(separator: "/")
        guard let index = parts.firstIndex(of: "clusters"), index + 1 < parts.count else { return nil }
        return String(parts[index + 1])
    }

    /// One level's kubelet block: nil when absent; present without the flag means "unset here".
    private static func kubelet(_ entry: (key: Node, value: Node)?, file: String) -> GKEKubeletSettings? {
        guard let entry else { return nil }
        guard let flag = MarkedYAML.entry(entry.value, "insecureKubeletReadonlyPortEnabled") else {
            return GKEKubeletSettings(location: MarkedYAML.location(entry.key, file: file))
        }
        let value: Resolved<Bool> =
            switch flag.value.scalarText {
            case "true": .known(true)
            case "false": .known(false)
            case let other: .unknown("insecureKubeletReadonlyPortEnabled is '\(other ?? "not a scalar")'")
            }
        return GKEKubeletSettings(insecureKubeletReadonlyPortEnabled: value, location: MarkedYAML.location(flag.key, file: file))
    }
}
