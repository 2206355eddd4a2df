/// Built-in resources: their API group (what discovery would tell kubectl) and whether they are
/// cluster-scoped (their requests carry no namespace, so only ClusterRoleBindings grant them).
public enum KnownResources {
    static let groups: [String: String] = {
        var map: [String: String] = [:]
        let table: [(String, [String])] = [
            ("apps", ["deployments", "daemonsets", "statefulsets", "replicasets", "controllerrevisions"]),
            ("batch", ["jobs", "cronjobs"]),
            ("rbac.authorization.k8s.io", ["roles", "rolebindings", "clusterroles", "clusterrolebindings"]),
            ("networking.k8s.io", ["ingresses", "ingressclasses", "networkpolicies", "ipaddresses", "servicecidrs"]),
            ("certificates.k8s.io", ["certificatesigningrequests", "clustertrustbundles"]),
            (
                "admissionregistration.k8s.io",
                [
                    "validatingwebhookconfigurations", "mutatingwebhookconfigurations",
                    "validatingadmissionpolicies", "validatingadmissionpolicybindings"
                ]
            ),
            ("apiextensions.k8s.io", ["customresourcedefinitions"]),
            ("apiregistration.k8s.io", ["apiservices"]),
            ("authentication.k8s.io", ["tokenreviews", "selfsubjectreviews", "uids", "userextras"]),
            (
                "authorization.k8s.io",
                [
                    "subjectaccessreviews", "selfsubjectaccessreviews", "selfsubjectrulesreviews",
                    "localsubjectaccessreviews"
                ]
            ),
            ("autoscaling", ["horizontalpodautoscalers"]),
            ("policy", ["poddisruptionbudgets"]),
            ("storage.k8s.io", ["storageclasses", "csinodes", "csidrivers", "csistoragecapacities", "volumeattachments"]),
            ("coordination.k8s.io", ["leases"]),
            ("discovery.k8s.io", ["endpointslices"]),
            ("scheduling.k8s.io", ["priorityclasses"]),
            ("node.k8s.io", ["runtimeclasses"]),
            ("flowcontrol.apiserver.k8s.io", ["flowschemas", "prioritylevelconfigurations"]),
            ("events.k8s.io", []),
            ("resource.k8s.io", ["resourceclaims", "resourceclaimtemplates", "deviceclasses", "resourceslices"])
        ]
        for (group, resources) in table {
            for resource in resources { map[resource] = group }
        }
        return map
    }()

    static let clusterScoped: Set<String> = [
        "nodes", "namespaces", "persistentvolumes", "componentstatuses",
        "clusterroles", "clusterrolebindings", "certificatesigningrequests", "clustertrustbundles",
        "validatingwebhookconfigurations", "mutatingwebhookconfigurations", "validatingadmissionpolicies",
        "validatingadmissionpolicybindings", "customresourcedefinitions", "apiservices", "tokenreviews",
        "selfsubjectreviews", "subjectaccessreviews", "selfsubjectaccessreviews", "selfsubjectrulesreviews",
        "storageclasses", "csinodes", "csidrivers", "volumeattachments", "priorityclasses", "runtimeclasses",
        "ingressclasses", "flowschemas", "prioritylevelconfigurations", "ipaddresses", "servicecidrs",
        "deviceclasses", "resourceslices", "users", "groups", "uids", "userextras"
    ]

    /// The group of a built-in resource; the core group `""` otherwise.
    public static func group(of resource: String) -> String { groups[resource] ?? "" }

    /// True for built-in cluster-scoped resources in their own group.
    public static func isClusterScoped(_ resource: String, group: String) -> Bool {
        clusterScoped.contains(resource) && (group == "*" || self.group(of: resource) == group)
    }
}
