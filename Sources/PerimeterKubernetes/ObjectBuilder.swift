import PerimeterModel
import Yams

/// Turns parsed YAML/JSON documents into typed objects: RBAC, service accounts, workloads, aws-auth,
/// and every other object by kind and name.
struct ObjectBuilder {
    let file: String
    let origin: Provenance.Origin
    var namespaces = ManifestNamespace()
    /// Namespaced objects that had no namespace from anywhere and were read into `default`.
    var placedInDefault: [String] = []
    var objects = KubernetesObjects()
    var awsAuth: [AWSAuthConfigMap] = []
    var diagnostics: [Diagnostic] = []

    static let podControllers: Set<String> = ["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController"]
    /// Kinds that are namespaced: without a namespace they take `--namespace`, a kustomization's, or `default`.
    static let namespacedKinds: Set<String> = podControllers.union([
        "Role", "RoleBinding", "ServiceAccount", "Pod", "CronJob",
        "ConfigMap", "Secret", "Service"
    ])

    mutating func add(document: Node) {
        guard case .mapping = document else { return }
        if let kind = document["kind"]?.string, kind.hasSuffix("List"), let items = document["items"] {
            for item in items.array() { add(object: item) }
        } else {
            add(object: document)
        }
    }

    private mutating func add(object node: Node) {
        guard case .mapping = node, let kind = node["kind"]?.string, let apiVersion = node["apiVersion"]?.string else { return }
        let metadata = node["metadata"]
        guard let name = metadata?["name"]?.string ?? metadata?["generateName"]?.string else {
            diagnostics.append(.warning("\(kind) without metadata.name is skipped", at: location(of: node)))
            return
        }
        var namespace = metadata?["namespace"]?.string ?? ""
        if Self.namespacedKinds.contains(kind) {
            if let override = namespaces.kustomization {
                namespace = override
            } else if namespace.isEmpty, let given = namespaces.given {
                namespace = given
            } else if namespace.isEmpty {
                namespace = "default"
                placedInDefault.append(KubeObjectMeta.resourceName(kind: kind, namespace: "", name: name))
            }
        }
        if !Self.namespacedKinds.contains(kind) && ["ClusterRole", "ClusterRoleBinding"].contains(kind) { namespace = "" }
        let meta = KubeObjectMeta(
            kind: kind, apiVersion: apiVersion, namespace: namespace, name: name,
            labels: stringMap(metadata?["labels"]), annotations: stringMap(metadata?["annotations"]),
            provenance: Provenance(
                resource: KubeObjectMeta.resourceName(kind: kind, namespace: namespace, name: name),
                location: location(of: node), origin: origin))
        let isRBAC = apiVersion.hasPrefix("rbac.authorization.k8s.io/")
        switch kind {
        case "Role" where isRBAC, "ClusterRole" where isRBAC:
            objects.roles.append(role(node, meta: meta))
        case "RoleBinding" where isRBAC, "ClusterRoleBinding" where isRBAC:
            if let binding = binding(node, meta: meta) { objects.bindings.append(binding) }
        case "ServiceAccount":
            objects.serviceAccounts.append(meta)
        case "Pod":
            objects.workloads.append(workload(podSpec: node["spec"], podMetadata: metadata, meta: meta))
        case "CronJob":
            let template = node["spec"]?["jobTemplate"]?["spec"]?["template"]
            objects.workloads.append(workload(podSpec: template?["spec"], podMetadata: template?["metadata"], meta: meta))
        case _ where Self.podControllers.contains(kind):
            objects.workloads.append(
                workload(
                    podSpec: node["spec"]?["template"]?["spec"], podMetadata: node["spec"]?["template"]?["metadata"],
                    meta: meta))
        case "APIService" where apiVersion.hasPrefix("apiregistration.k8s.io/"):
            objects.others.append(meta)
            objects.apiBackends += BackendReader.apiService(node, meta: meta)
        case "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration":
            objects.others.append(meta)
            objects.apiBackends += BackendReader.webhooks(node, meta: meta)
        case "Service":
            objects.others.append(meta)
            objects.services.append(BackendReader.service(node, meta: meta))
        case "ConfigMap" where name == "aws-auth" && namespace == "kube-system":
            objects.others.append(meta)
            awsAuth.append(awsAuthConfigMap(node, meta: meta))
        default:
            objects.others.append(meta)
        }
    }

    private func role(_ node: Node, meta: KubeObjectMeta) -> KubeRole {
        let rules = node["rules"].map { $0.array().map(rule) } ?? []
        var selectors: [LabelSelector]?
        if meta.kind == "ClusterRole", let aggregation = node["aggregationRule"] {
            selectors = aggregation["clusterRoleSelectors"]?.array().map(labelSelector) ?? []
        }
        return KubeRole(meta: meta, rules: rules, aggregationSelectors: selectors)
    }

    private func rule(_ node: Node) -> PolicyRule {
        PolicyRule(
            verbs: strings(node["verbs"]), apiGroups: strings(node["apiGroups"]), resources: strings(node["resources"]),
            resourceNames: strings(node["resourceNames"]), nonResourceURLs: strings(node["nonResourceURLs"]))
    }

    private func labelSelector(_ node: Node) -> LabelSelector {
        let expressions = (node["matchExpressions"]?.array() ?? []).map { expression in
            LabelSelector.Requirement(
                key: expression["key"]?.string ?? "", operator: expression["operator"]?.string ?? "",
                values: strings(expression["values"]))
        }
        return LabelSelector(matchLabels: stringMap(node["matchLabels"]), matchExpressions: expressions)
    }

    private mutating func binding(_ node: Node, meta: KubeObjectMeta) -> KubeRoleBinding? {
        guard let roleRef = node["roleRef"], let roleKind = roleRef["kind"]?.string, let roleName = roleRef["name"]?.string else {
            diagnostics.append(.warning("\(meta.resourceName) has no roleRef kind and name; skipped", at: meta.provenance.location))
            return nil
        }
        let subjects = (node["subjects"]?.array() ?? []).map { subject in
            KubeSubject(
                kind: subject["kind"]?.string ?? "", name: subject["name"]?.string ?? "",
                namespace: subjectNamespace(subject),
                location: origin == .kubernetes ? nil : location(of: subject))
        }
        return KubeRoleBinding(meta: meta, roleKind: roleKind, roleName: roleName, subjects: subjects)
    }

    /// kustomize's namespace transformer also moves ServiceAccount subjects written for `default` (or
    /// without a namespace) into its namespace (`setRoleBindingSubjects: defaultOnly`).
    private func subjectNamespace(_ subject: Node) -> String {
        let written = subject["namespace"]?.string ?? ""
        if let override = namespaces.kustomization, subject["kind"]?.string == "ServiceAccount", written.isEmpty || written == "default" {
            return override
        }
        return written
    }

    private func workload(podSpec: Node?, podMetadata: Node?, meta: KubeObjectMeta) -> KubeWorkload {
        let account = podSpec?["serviceAccountName"]?.string ?? podSpec?["serviceAccount"]?.string ?? ""
        return KubeWorkload(
            meta: meta, serviceAccountName: account.isEmpty ? "default" : account,
            automountToken: podSpec?["automountServiceAccountToken"]?.bool,
            podLabels: stringMap(podMetadata?["labels"]), namedPorts: BackendReader.namedPorts(podSpec))
    }

    /// The map strings as written; a value written as YAML instead of a string is re-serialized, as the
    /// authenticator would see it after `kubectl apply` fails or coerces it.
    private mutating func awsAuthConfigMap(_ node: Node, meta: KubeObjectMeta) -> AWSAuthConfigMap {
        func value(_ key: String) -> Resolved<String>? {
            guard let value = node["data"]?[key] else { return nil }
            if let text = value.scalar?.string { return .known(text) }
            diagnostics.append(.warning("aws-auth data.\(key) is not a string (missing '|'?); read as YAML", at: location(of: value)))
            return (try? Yams.serialize(node: value)).map { .known($0) } ?? .unknown("data.\(key) is not a string")
        }
        var map = AWSAuthConfigMap(
            provenance: meta.provenance, mapRoles: value("mapRoles"), mapUsers: value("mapUsers"),
            mapAccounts: value("mapAccounts"))
        var starts: [String: SourceLocation] = [:]
        for key in ["mapRoles", "mapUsers"] {
            guard origin != .kubernetes, let scalar = node["data"]?[key], let style = scalar.scalar?.style,
                style == .literal || style == .folded, let mark = scalar.mark
            else { continue }
            starts[key] = SourceLocation(file: file, line: mark.line + 1, column: 1)
        }
        if !starts.isEmpty { map.textStarts = starts }
        return map
    }

    private func location(of node: Node) -> SourceLocation? {
        node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
    }

    private func strings(_ node: Node?) -> [String] {
        guard let node else { return [] }
        if let scalar = node.scalar { return node.null == nil ? [scalar.string] : [] }
        return node.array().compactMap(\.string)
    }

    private func stringMap(_ node: Node?) -> [String: String] {
        guard let mapping = node?.mapping else { return [:] }
        var map: [String: String] = [:]
        for (key, value) in mapping {
            if let key = key.string { map[key] = value.string ?? "" }
        }
        return map
    }
}
