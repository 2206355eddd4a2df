import Testing
@testable import PerimeterRBAC

@Suite struct ExploreTests {
    @Test func explore() {
        let authorizer = RBACAuthorizer(snapshot: SharedData.bootstrap)
        print("roles", authorizer.roles.count, "bindings", authorizer.bindings.count, "unresolved", authorizer.unresolvedBindings.map(\.meta.name))
        for (verb, resource, ns) in [("create", "pods", nil as String?), ("get", "nodes/proxy", nil), ("escalate", "clusterroles", nil), ("create","pods","kube-system"), ("get","secrets",nil)] {
            let request = AccessRequest.parse(verb: verb, resource: resource, namespace: ns, name: nil, apiGroup: nil)
            print("WHO", request, subjects(authorizer.whoCan(request)))
        }
        let admin = authorizer.role(named: "ClusterRole/admin")!
        print("admin rules", authorizer.effectiveRules[admin].count)
    }
}
