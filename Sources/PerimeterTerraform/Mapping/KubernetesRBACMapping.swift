import PerimeterModel

/// The Terraform kubernetes provider's RBAC resources (`kubernetes_cluster_role(_v1)`, `kubernetes_role(_v1)`,
/// `kubernetes_cluster_role_binding(_v1)`, `kubernetes_role_binding(_v1)`) as the same Kubernetes objects
/// manifests give, each with its Terraform address and file:line. A value Terraform knows only after
/// apply leaves the part it decides out (a role name unknown: the binding refers to no role).
enum KubernetesRBACMapping {
    static let types: Set<String> = [
        "kubernetes_cluster_role", "kubernetes_cluster_role_v1", "kubernetes_role", "kubernetes_role_v1",
        "kubernetes_cluster_role_binding", "kubernetes_cluster_role_binding_v1",
        "kubernetes_role_binding", "kubernetes_role_binding_v1"
    ]

    static func map(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        let isBinding = instance.type.contains("_binding")
        let isCluster = instance.type.hasPrefix("kubernetes_cluster_role")
        let kind = (isCluster ? "ClusterRole" : "Role") + (isBinding ? "Binding" : "")
        guard let meta = meta(fields, kind: kind, namespaced: !isCluster) else { return }
        if isBinding {
            context.snapshot.kubernetes.bindings.append(binding(fields, meta: meta))
        } else {
            context.snapshot.kubernetes.roles.append(role(fields, meta: meta, isCluster: isCluster))
        }
    }

    /// `metadata { name namespace labels annotations }`; the provider puts a namespaced object without a
    /// namespace in `default`.
    private static func meta(_ fields: Fields, kind: String, namespaced: Bool) -> KubeObjectMeta? {
        let instance = fields.instance
        guard let metadata = fields.block("metadata") else {
            fields.context.warn("metadata is not known; the \(kind) is left out", instance: instance, path: "metadata")
            return nil
        }
        guard case .known(let name)? = metadata.string("name") else {
            fields.context.warn("metadata.name is not known; the \(kind) is left out", instance: instance, path: "metadata")
            return nil
        }
        var namespace = ""
        if namespaced {
            switch metadata.string("namespace") {
            case .known(let value)?: namespace = value
            case .unknown?:
                fields.context.warn("metadata.namespace is not known; the \(kind) is left out", instance: instance, path: "metadata")
                return nil
            case nil: namespace = "default"
            }
        }
        var provenance = fields.provenance()
        provenance.resource = instance.address
        return KubeObjectMeta(
            kind: kind, apiVersion: "rbac.authorization.k8s.io/v1", namespace: namespace, name: name,
            labels: metadata.stringMap("labels"), annotations: metadata.stringMap("annotations"), provenance: provenance)
    }

    private static func role(_ fields: Fields, meta: KubeObjectMeta, isCluster: Bool) -> KubeRole {
        let rules = fields.blocks("rule").compactMap { block -> PolicyRule? in
            guard case .known(let rule) = block else { return nil }
            func list(_ name: String) -> [String] { rule.strings(name)?.value ?? [] }
            return PolicyRule(
                verbs: list("verbs"), apiGroups: list("api_groups"), resources: list("resources"),
                resourceNames: list("resource_names"), nonResourceURLs: list("non_resource_urls"))
        }
        var selectors: [LabelSelector]?
        if isCluster, let aggregation = fields.block("aggregation_rule") {
            selectors = aggregation.blocks("cluster_role_selectors").compactMap { block in
                guard case .known(let selector) = block else { return nil }
                let expressions = selector.blocks("match_expressions").compactMap { expression -> LabelSelector.Requirement? in
                    guard case .known(let requirement) = expression, case .known(let key)? = requirement.string("key"),
                        case .known(let op)? = requirement.string("operator")
                    else { return nil }
                    return LabelSelector.Requirement(key: key, operator: op, values: requirement.strings("values")?.value ?? [])
                }
                return LabelSelector(matchLabels: selector.stringMap("match_labels"), matchExpressions: expressions)
            }
        }
        return KubeRole(meta: meta, rules: rules, aggregationSelectors: selectors)
    }

    private static func binding(_ fields: Fields, meta: KubeObjectMeta) -> KubeRoleBinding {
        let roleRef = fields.block("role_ref")
        var roleKind = "ClusterRole"
        var roleName = ""
        if case .known(let kind)? = roleRef?.string("kind") { roleKind = kind }
        switch roleRef?.string("name") {
        case .known(let name)?: roleName = name
        case .unknown(let reason)?:
            // No role of this name exists: the binding grants nothing known, and says why.
            roleName = "(unknown: \(reason))"
        case nil: roleName = "(not set)"
        }
        let subjects = fields.blocks("subject").compactMap { block -> KubeSubject? in
            guard case .known(let subject) = block, case .known(let kind)? = subject.string("kind"),
                case .known(let name)? = subject.string("name")
            else { return nil }
            let namespace = subject.string("namespace")?.value ?? ""
            return KubeSubject(
                kind: kind, name: name, namespace: namespace,
                location: fields.context.provenance(fields.instance, path: subject.path).location)
        }
        return KubeRoleBinding(meta: meta, roleKind: roleKind, roleName: roleName, subjects: subjects)
    }
}
