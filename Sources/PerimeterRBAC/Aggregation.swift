import PerimeterModel

/// Computes the rules of aggregated ClusterRoles the way the aggregation controller does: the union over
/// every selector of the rules of every other ClusterRole it selects, repeated until nothing changes so
/// that nested aggregation (view → edit → admin) resolves.
enum Aggregation {
    /// Rules per role, in the order of `roles`. Roles read from a live cluster already hold the union, so
    /// their stored rules are kept and extended; roles from manifests get the computed union instead,
    /// unless nothing in the inputs is selected and the role carries rules (a partial `kubectl get` dump).
    static func effectiveRules(_ roles: [KubeRole]) -> [[PolicyRule]] {
        var rules = roles.map { role in
            role.aggregationSelectors != nil && role.meta.provenance.origin != .kubernetes ? [] : role.rules
        }
        let aggregated = roles.indices.filter { roles[$0].aggregationSelectors != nil && roles[$0].isClusterRole }
        guard !aggregated.isEmpty else { return rules }
        let clusterRoles = roles.indices.filter { roles[$0].isClusterRole }
        // Each aggregated role's sources are fixed by labels, so find them once.
        let sources: [Int: [Int]] = Dictionary(
            uniqueKeysWithValues: aggregated.map { index in
                let selectors = roles[index].aggregationSelectors ?? []
                let matched = clusterRoles.filter { other in
                    other != index && selectors.contains { $0.matches(roles[other].meta.labels) }
                }
                return (index, matched)
            })
        var changed = true
        var rounds = 0
        while changed && rounds <= aggregated.count + 1 {
            changed = false
            rounds += 1
            for index in aggregated {
                var seen = Set(rules[index])
                var union = rules[index]
                for source in sources[index] ?? [] {
                    for rule in rules[source] where seen.insert(rule).inserted { union.append(rule) }
                }
                if union.count != rules[index].count {
                    rules[index] = union
                    changed = true
                }
            }
        }
        for index in aggregated where rules[index].isEmpty && !roles[index].rules.isEmpty {
            rules[index] = roles[index].rules
        }
        return rules
    }
}
