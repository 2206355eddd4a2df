import PerimeterModel

/// NET-016: an instance that routes for other networks (a VPN router) drops forwarded packets while source/dest check is on.
public struct RouterSourceDestCheckCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "NET-016",
        slug: "router-source-dest-check",
        title: "Instance used as a route target keeps source/destination check on",
        severity: .low,
        rationale: """
            A route sends other networks' traffic to this instance (a VPN or subnet router), but EC2 drops packets \
            whose source or destination is not the instance itself while source/dest check is on: the private path \
            to the API endpoint silently fails.
            """,
        remediation: "Turn source/destination checking off on the instance that forwards traffic.",
        terraformFix: """
            resource "aws_instance" "vpn_router" {
              # ...
              source_dest_check = false
            }
            """,
        references: [Reference.eksPrivateClusters, Reference.sourceDestCheck],
        owasp: Reference.owaspNetworkSegmentation
    )

    public func run(_ context: CheckContext) -> [Finding] {
        let snapshot = context.snapshot
        let instances = ObjectLookup(snapshot.instances, key: \.key, id: \.id)
        let interfaces = ObjectLookup(snapshot.networkInterfaces, key: \.key, id: { _ in nil })
        var routesByInstance: [String: [Route]] = [:]
        for route in snapshot.routes {
            let instance: Instance?
            switch route.target {
            case .instance(let ref): instance = instances.resolve(ref)
            case .networkInterface(let ref): instance = instances.resolve(interfaces.resolve(ref)?.instance)
            default: instance = nil
            }
            if let instance { routesByInstance[instance.key, default: []].append(route) }
        }
        return snapshot.instances.compactMap { instance in
            guard let routes = routesByInstance[instance.key] else { return nil }
            switch instance.sourceDestCheck {
            case .known(false)?, .unknown?: return nil
            case .known(true)?, nil: break
            }
            let destinations = routes.map { $0.destination.value ?? "an unknown destination" }
            return finding(
                resource: instance.provenance.resource, location: instance.provenance.location,
                message:
                    "instance '\(instance.provenance.resource)' forwards traffic for \(destinations.joined(separator: ", ")) but source/dest check is on",
                evidence: routes.map {
                    "route to \($0.destination.value ?? "?") via this instance (\($0.provenance.resource), \(Describe.location($0.provenance.location)))"
                }
                    + [instance.sourceDestCheck == nil ? "source_dest_check not set (default true)" : "source_dest_check = true"])
        }
    }
}

extension RouterSourceDestCheckCheck {
    /// Instances that routes send traffic through whose source/dest check is unknown.
    public func undecided(_ context: CheckContext) -> [Undecided] {
        let snapshot = context.snapshot
        let instances = ObjectLookup(snapshot.instances, key: \.key, id: \.id)
        let interfaces = ObjectLookup(snapshot.networkInterfaces, key: \.key, id: { _ in nil })
        var routed = Set<String>()
        for route in snapshot.routes {
            switch route.target {
            case .instance(let ref): if let instance = instances.resolve(ref) { routed.insert(instance.key) }
            case .networkInterface(let ref):
                if let instance = instances.resolve(interfaces.resolve(ref)?.instance) { routed.insert(instance.key) }
            default: continue
            }
        }
        return snapshot.instances.compactMap { instance in
            guard routed.contains(instance.key),
                let reason = UnknownValue.reason(instance.sourceDestCheck, "source_dest_check")
            else { return nil }
            return undecided(on: instance.provenance, because: reason)
        }
    }
}
