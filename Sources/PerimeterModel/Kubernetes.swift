/// The Kubernetes objects perimeter reasons about, read from manifests, `kubectl get -o json` dumps or a live API.
public struct KubernetesObjects: Codable, Hashable, Sendable {
    public var roles: [KubeRole] = []
    public var bindings: [KubeRoleBinding] = []
    public var serviceAccounts: [KubeObjectMeta] = []
    /// Pods and pod controllers, with the service account their pods run as.
    public var workloads: [KubeWorkload] = []
    /// Every other object, kept by kind and name so checks can see what is there.
    public var others: [KubeObjectMeta] = []
    /// The Services that APIServices and admission webhooks send the API server's calls to.
    public var apiBackends: [KubeAPIBackend] = []
    public var services: [KubeService] = []
    /// The API server's own version (`v1.32.4-eks-…`) when read from a live cluster; it selects the bootstrap policy.
    public var serverVersion: String?

    public init() {}

    public var isEmpty: Bool {
        roles.isEmpty && bindings.isEmpty && serviceAccounts.isEmpty && workloads.isEmpty && others.isEmpty
            && apiBackends.isEmpty && services.isEmpty
    }

    public mutating func merge(_ other: KubernetesObjects) {
        roles += other.roles
        bindings += other.bindings
        serviceAccounts += other.serviceAccounts
        workloads += other.workloads
        others += other.others
        apiBackends += other.apiBackends
        services += other.services
        if serverVersion == nil { serverVersion = other.serverVersion }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        roles = try container.decodeIfPresent([KubeRole].self, forKey: .roles) ?? []
        bindings = try container.decodeIfPresent([KubeRoleBinding].self, forKey: .bindings) ?? []
        serviceAccounts = try container.decodeIfPresent([KubeObjectMeta].self, forKey: .serviceAccounts) ?? []
        workloads = try container.decodeIfPresent([KubeWorkload].self, forKey: .workloads) ?? []
        others = try container.decodeIfPresent([KubeObjectMeta].self, forKey: .others) ?? []
        apiBackends = try container.decodeIfPresent([KubeAPIBackend].self, forKey: .apiBackends) ?? []
        services = try container.decodeIfPresent([KubeService].self, forKey: .services) ?? []
        serverVersion = try container.decodeIfPresent(String.self, forKey: .serverVersion)
    }
}

/// The identity of any object: kind, namespace, name, labels and annotations, and where it came from.
public struct KubeObjectMeta: Codable, Hashable, Sendable {
    public var kind: String
    public var apiVersion: String
    /// Empty for cluster-scoped objects.
    public var namespace: String
    public var name: String
    public var labels: [String: String]
    public var annotations: [String: String]
    public var provenance: Provenance

    public init(
        kind: String, apiVersion: String, namespace: String = "", name: String, labels: [String: String] = [:],
        annotations: [String: String] = [:], provenance: Provenance
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.namespace = namespace
        self.name = name
        self.labels = labels
        self.annotations = annotations
        self.provenance = provenance
    }

    /// `Kind/namespace/name`, or `Kind/name` when cluster-scoped: how findings name Kubernetes objects.
    public static func resourceName(kind: String, namespace: String, name: String) -> String {
        namespace.isEmpty ? "\(kind)/\(name)" : "\(kind)/\(namespace)/\(name)"
    }

    public var resourceName: String { Self.resourceName(kind: kind, namespace: namespace, name: name) }
}

/// One rule of a Role or ClusterRole, as written.
public struct PolicyRule: Codable, Hashable, Sendable {
    public var verbs: [String]
    public var apiGroups: [String]
    public var resources: [String]
    public var resourceNames: [String]
    public var nonResourceURLs: [String]

    public init(
        verbs: [String], apiGroups: [String] = [], resources: [String] = [], resourceNames: [String] = [],
        nonResourceURLs: [String] = []
    ) {
        self.verbs = verbs
        self.apiGroups = apiGroups
        self.resources = resources
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
    }

    /// `verbs=[get,list] apiGroups=[""] resources=[pods]`, for evidence lines.
    public var summary: String {
        func list(_ values: [String]) -> String { "[" + values.map { $0.isEmpty ? "\"\"" : $0 }.joined(separator: ",") + "]" }
        var parts = ["verbs=\(list(verbs))"]
        if !nonResourceURLs.isEmpty { parts.append("nonResourceURLs=\(list(nonResourceURLs))") }
        if !resources.isEmpty || nonResourceURLs.isEmpty {
            parts.append("apiGroups=\(list(apiGroups))")
            parts.append("resources=\(list(resources))")
        }
        if !resourceNames.isEmpty { parts.append("resourceNames=\(list(resourceNames))") }
        return parts.joined(separator: " ")
    }
}

/// A label selector: matchLabels and matchExpressions, ANDed.
public struct LabelSelector: Codable, Hashable, Sendable {
    public struct Requirement: Codable, Hashable, Sendable {
        public var key: String
        /// In, NotIn, Exists, DoesNotExist.
        public var `operator`: String
        public var values: [String]

        public init(key: String, operator: String, values: [String] = []) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }
    }

    public var matchLabels: [String: String]
    public var matchExpressions: [Requirement]

    public init(matchLabels: [String: String] = [:], matchExpressions: [Requirement] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// An empty selector selects everything, as `LabelSelectorAsSelector` does.
    public func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels where labels[key] != value { return false }
        for requirement in matchExpressions {
            let value = labels[requirement.key]
            switch requirement.operator {
            case "In": guard let value, requirement.values.contains(value) else { return false }
            case "NotIn": if let value, requirement.values.contains(value) { return false }
            case "Exists": if value == nil { return false }
            case "DoesNotExist": if value != nil { return false }
            default: return false
            }
        }
        return true
    }
}

/// A Role (namespaced) or ClusterRole (namespace empty).
public struct KubeRole: Codable, Hashable, Sendable {
    public var meta: KubeObjectMeta
    public var rules: [PolicyRule]
    /// ClusterRole `aggregationRule.clusterRoleSelectors`; nil when the role is not aggregated.
    public var aggregationSelectors: [LabelSelector]?

    public init(meta: KubeObjectMeta, rules: [PolicyRule], aggregationSelectors: [LabelSelector]? = nil) {
        self.meta = meta
        self.rules = rules
        self.aggregationSelectors = aggregationSelectors
    }

    public var isClusterRole: Bool { meta.kind == "ClusterRole" }
}

/// A subject of a binding, as written (ServiceAccount namespace may be empty).
public struct KubeSubject: Codable, Hashable, Sendable {
    public var kind: String
    public var name: String
    public var namespace: String
    /// Where the subject entry is written (findings point at it); nil for live objects and older snapshots.
    public var location: SourceLocation?

    public init(kind: String, name: String, namespace: String = "", location: SourceLocation? = nil) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.location = location
    }
}

/// A RoleBinding (namespaced) or ClusterRoleBinding (namespace empty).
public struct KubeRoleBinding: Codable, Hashable, Sendable {
    public var meta: KubeObjectMeta
    /// `Role` or `ClusterRole`.
    public var roleKind: String
    public var roleName: String
    public var subjects: [KubeSubject]

    public init(meta: KubeObjectMeta, roleKind: String, roleName: String, subjects: [KubeSubject]) {
        self.meta = meta
        self.roleKind = roleKind
        self.roleName = roleName
        self.subjects = subjects
    }

    public var isClusterRoleBinding: Bool { meta.kind == "ClusterRoleBinding" }
}

/// A Pod or pod controller and the service account its pods run as.
public struct KubeWorkload: Codable, Hashable, Sendable {
    public var meta: KubeObjectMeta
    /// `default` when the pod spec names none.
    public var serviceAccountName: String
    /// `automountServiceAccountToken` of the pod spec, when written.
    public var automountToken: Bool?
    /// The labels its pods carry, which Services select (optional: older snapshots lack them).
    public var podLabels: [String: String]?
    /// Named container ports of its pods (`https: 4443`), which a Service's `targetPort` may name.
    public var namedPorts: [String: Int]?

    public init(
        meta: KubeObjectMeta, serviceAccountName: String, automountToken: Bool? = nil,
        podLabels: [String: String]? = nil, namedPorts: [String: Int]? = nil
    ) {
        self.meta = meta
        self.serviceAccountName = serviceAccountName
        self.automountToken = automountToken
        self.podLabels = podLabels
        self.namedPorts = namedPorts
    }
}
