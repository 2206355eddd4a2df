import PerimeterModel

/// Cluster objects and the network they run on usually come from different inputs: manifests or
/// `collect kube` beside Terraform, a plan or `collect aws`. Checks that need both see each network
/// input joined with every cluster-object input.
enum InputJoin {
    static func joined(_ snapshots: [Snapshot]) -> [Snapshot] {
        let clusterSide = snapshots.filter { !$0.kubernetes.apiBackends.isEmpty && $0.eksClusters.isEmpty }
        guard !clusterSide.isEmpty else { return [] }
        var objects = KubernetesObjects()
        for snapshot in clusterSide { objects.merge(snapshot.kubernetes) }
        // A snapshot that holds both already had every check run on it.
        return snapshots.filter { !$0.eksClusters.isEmpty && $0.kubernetes.apiBackends.isEmpty }.map { network in
            var joined = network
            joined.kubernetes.merge(objects)
            return joined
        }
    }
}
