import PerimeterModel

/// `aws_iam_role` (its trust policy) and `aws_iam_openid_connect_provider`.
enum IAMMapping {
    static func mapRole(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        var name = fields.string("name")
        if name == nil, case .known(let prefix)? = fields.string("name_prefix") {
            name = .unknown("the name is generated from name_prefix '\(prefix)'")
        }
        context.snapshot.iamRoles.append(
            IAMRole(
                key: instance.address, provenance: fields.provenance(), name: name, arn: fields.string("arn")?.value,
                assumeRolePolicy: trustPolicy(fields, context)))
    }

    /// The trust policy as JSON: a literal or `jsonencode` string, or rendered from the
    /// `aws_iam_policy_document` data source it refers to.
    private static func trustPolicy(_ fields: Fields, _ context: MappingContext) -> Resolved<String> {
        let address = fields.instance.address
        switch fields.value("assume_role_policy") {
        case nil:
            return .unknown("\(address): assume_role_policy is not set")
        case .string(let json)?:
            return .known(json)
        case .object?, .list?:
            // Not valid for the provider, but the intent is plain: the document as an object.
            return .known(JSONText.encode(fields.value("assume_role_policy") ?? .null))
        case .unknown(let unknown)?:
            guard let resource = unknown.resource, let document = context.index.instances[resource],
                document.mode == .data, document.type == "aws_iam_policy_document",
                ["json", "minified_json"].contains(unknown.attribute ?? "")
            else {
                return .unknown(unknown.reason)
            }
            if case .string(let json)? = document.values["json"], !json.isEmpty { return .known(json) }
            return PolicyDocumentRenderer.render(document)
        case let value?:
            return .unknown(fields.wrongType("assume_role_policy", expected: "a JSON string", got: value))
        }
    }

    static func mapOIDCProvider(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        context.snapshot.oidcProviders.append(
            OIDCProvider(
                key: instance.address, provenance: fields.provenance(),
                url: fields.string("url") ?? .unknown("\(instance.address): url is not set"),
                clientIDs: fields.strings("client_id_list") ?? .known([]), arn: fields.string("arn")?.value))
    }
}
