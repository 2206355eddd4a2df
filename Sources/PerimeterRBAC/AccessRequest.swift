/// The attributes the API server authorizes: a verb on a resource (group, resource, subresource,
/// name, namespace) or on a non-resource URL.
public struct AccessRequest: Hashable, Sendable, CustomStringConvertible {
    public var verb: String
    public var apiGroup: String
    public var resource: String
    public var subresource: String
    /// Empty when the request names no object (create, list, deletecollection).
    public var name: String
    /// Empty for a cluster-wide request and for cluster-scoped resources.
    public var namespace: String
    /// Set for non-resource requests such as `/healthz`; then the resource fields are empty.
    public var path: String?

    public init(verb: String, apiGroup: String = "", resource: String, subresource: String = "", name: String = "", namespace: String = "")
    {
        self.verb = verb
        self.apiGroup = apiGroup
        self.resource = resource
        self.subresource = subresource
        self.name = name
        self.namespace = namespace
        self.path = nil
    }

    public init(verb: String, path: String) {
        self.verb = verb
        self.apiGroup = ""
        self.resource = ""
        self.subresource = ""
        self.name = ""
        self.namespace = ""
        self.path = path
    }

    public var isResourceRequest: Bool { path == nil }

    /// `pods/exec`, or `resource` alone when there is no subresource.
    public var resourceWithSubresource: String { subresource.isEmpty ? resource : "\(resource)/\(subresource)" }

    public var description: String {
        if let path { return "\(verb) \(path)" }
        var text = "\(verb) \(resourceWithSubresource)"
        if !apiGroup.isEmpty { text += " (group \(apiGroup))" }
        if !name.isEmpty { text += " name=\(name)" }
        text += namespace.isEmpty ? " cluster-wide" : " in namespace \(namespace)"
        return text
    }

    /// Parses RESOURCE as `kubectl auth can-i` writes it: `pods`, `pods/exec`, `deployments.apps`,
    /// `deployments.apps/scale`, `*`, or a non-resource URL such as `/healthz`. Without a group, a
    /// well-known resource gets its group (deployments are in apps); `--api-group` overrides.
    public static func parse(verb: String, resource text: String, namespace: String?, name: String?, apiGroup: String?) -> AccessRequest {
        if text.hasPrefix("/") { return AccessRequest(verb: verb, path: text) }
        var base = text
        var subresource = ""
        if let slash = text.firstIndex(of: "/") {
            base = String(text[..<slash])
            subresource = String(text[text.index(after: slash)...])
        }
        var resource = base
        var group = apiGroup
        if group == nil, let dot = base.firstIndex(of: ".") {
            resource = String(base[..<dot])
            group = String(base[base.index(after: dot)...])
        }
        let resolvedGroup = group ?? (resource == "*" ? "*" : KnownResources.group(of: resource))
        var requestNamespace = namespace ?? ""
        if KnownResources.isClusterScoped(resource, group: resolvedGroup) && !keepsNamespace(verb: verb, resource: resource) {
            requestNamespace = ""
        }
        // A request on the Namespace object itself carries that namespace (a RoleBinding there can grant it).
        if resource == "namespaces", resolvedGroup == "", let name, !name.isEmpty { requestNamespace = name }
        return AccessRequest(
            verb: verb, apiGroup: resolvedGroup, resource: resource, subresource: subresource,
            name: name ?? "", namespace: requestNamespace)
    }

    /// Requests on a cluster-scoped resource that the API server still makes in a namespace: writing a
    /// RoleBinding in namespace X that refers to a ClusterRole checks `bind` on that clusterrole in X, so a
    /// RoleBinding in X can grant it (the documentation's role-grantor example). `escalate` is checked
    /// with the namespace of the role being written, which for a ClusterRole is none; impersonating a
    /// service account is namespaced already, users and groups never are.
    static func keepsNamespace(verb: String, resource: String) -> Bool {
        verb == "bind" && resource == "clusterroles"
    }
}
