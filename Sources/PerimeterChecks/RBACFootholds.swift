import PerimeterModel
import PerimeterRBAC

/// One request a foothold check asks about: any of `verbs` on a resource (and subresource).
struct FootholdRequest {
    var verbs: [String]
    var group: String = ""
    var resource: String
    var subresource: String = ""
}

extension RBACBindingCheck {
    /// Concerns on ClusterRoleBindings whose role allows any of the requests for every object (a rule
    /// limited by resourceNames allows it only for those names and is left to the other checks).
    func footholdConcern(
        on bound: BoundRole, in context: CheckContext, requests: [FootholdRequest], what: String, evidence: [String] = []
    ) -> RBACConcern? {
        guard bound.binding.isClusterRoleBinding, !bound.subjects.isEmpty else { return nil }
        var rules: [PolicyRule] = []
        for request in requests {
            rules += RBACRequests.allows(
                bound.rules, verbs: request.verbs, group: request.group, resource: request.resource,
                subresource: request.subresource)
        }
        guard !rules.isEmpty else { return nil }
        var result = concern(bound, subjects: bound.subjects, rules: rules, what: what, context: context)
        result.evidence += evidence
        return result
    }

    /// Until 1.35 the websocket upgrade of exec, attach and portforward was authorized as `get` alone; from
    /// 1.35 `create` is needed too (AuthorizePodWebsocketUpgradeCreatePermission, on by default).
    static func streamingVerbs(_ context: CheckContext) -> (verbs: [String], note: String) {
        let version = context.rbac.policy?.version ?? BootstrapPolicy.newest
        let parts = version.split(separator: ".").compactMap { Int($0) }
        if parts.count == 2 && (parts[0], parts[1]) < (1, 35) {
            return (["create", "get"], "Kubernetes \(version): a websocket GET (the get verb) is enough below 1.35")
        }
        return (["create"], "Kubernetes \(version): from 1.35 the websocket upgrade also needs create")
    }
}
