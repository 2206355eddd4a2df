import PerimeterModel

/// A plan of existing infrastructure shows a security group's inline `ingress` / `egress` and a
/// route table's inline `route` as they are in AWS, which repeats the rules and routes declared as
/// separate resources (`aws_security_group_rule`, `aws_route`). The copy on the group or table is
/// removed so each rule is reported once, under the resource that declares it; anything the
/// separate resources do not account for (a rule added by hand) stays.
enum RepeatedRules {
    static func remove(from snapshot: inout Snapshot) {
        removeRepeatedSecurityGroupRules(&snapshot)
        removeRepeatedRoutes(&snapshot)
    }

    private struct RuleShape: Hashable {
        var group: String
        var direction: TrafficDirection
        var ipProtocol: IPProtocol
        var ports: PortRange
    }

    /// Inline rules have the group itself as provenance; separate rules name their own resource.
    private static func isInline(_ rule: SecurityGroupRule) -> Bool {
        rule.group == .key(rule.provenance.resource)
    }

    private static func shape(_ rule: SecurityGroupRule) -> RuleShape? {
        guard let group = rule.group.knownKey, let ipProtocol = rule.ipProtocol.value, let ports = rule.ports.value else { return nil }
        return RuleShape(group: group, direction: rule.direction, ipProtocol: ipProtocol, ports: ports)
    }

    private static func removeRepeatedSecurityGroupRules(_ snapshot: inout Snapshot) {
        var declared: [RuleShape: Set<RuleEndpoint>] = [:]
        for rule in snapshot.securityGroupRules where !isInline(rule) {
            if let shape = shape(rule) { declared[shape, default: []].formUnion(rule.endpoints) }
        }
        guard !declared.isEmpty else { return }
        snapshot.securityGroupRules = snapshot.securityGroupRules.compactMap { rule in
            guard isInline(rule), let shape = shape(rule), let covered = declared[shape] else { return rule }
            var remaining = rule
            remaining.endpoints = rule.endpoints.filter { !covered.contains($0) }
            return remaining.endpoints.isEmpty && !rule.endpoints.isEmpty ? nil : remaining
        }
    }

    private static func removeRepeatedRoutes(_ snapshot: inout Snapshot) {
        struct RouteShape: Hashable {
            var table: String
            var destination: String
            var target: Route.Target
        }
        func shape(_ route: Route) -> RouteShape? {
            guard let table = route.routeTable.knownKey, let destination = route.destination.value else { return nil }
            return RouteShape(table: table, destination: destination, target: route.target)
        }
        let declared = Set(snapshot.routes.filter { $0.routeTable != .key($0.provenance.resource) }.compactMap(shape))
        guard !declared.isEmpty else { return }
        snapshot.routes.removeAll { route in
            route.routeTable == .key(route.provenance.resource) && shape(route).map(declared.contains) == true
        }
    }
}
