import PerimeterKubelet
import PerimeterModel

/// `aws_launch_template`, `aws_autoscaling_group` and `aws_instance`.
enum ComputeMapping {
    static func mapLaunchTemplate(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        var securityGroups = fields.references("vpc_security_group_ids", to: .securityGroup)
        securityGroups += fields.references("security_group_names", to: .securityGroup)
        var unknownInterfaces: String?
        for block in fields.blocks("network_interfaces") {
            switch block {
            case .known(let interface): securityGroups += interface.references("security_groups", to: .securityGroup)
            case .unknown(let reason, _): unknownInterfaces = reason
            }
        }
        let setsSecurityGroups: Resolved<Bool>
        if !securityGroups.isEmpty {
            setsSecurityGroups = .known(true)
        } else if let unknownInterfaces {
            setsSecurityGroups = .unknown(unknownInterfaces)
        } else {
            setsSecurityGroups = .known(false)
        }
        var name = fields.string("name")
        if name == nil, case .known(let prefix)? = fields.string("name_prefix") {
            name = .unknown("the name is generated from name_prefix '\(prefix)'")
        }
        context.snapshot.launchTemplates.append(
            LaunchTemplate(
                key: instance.address, provenance: fields.provenance(), id: fields.string("id")?.value, name: name,
                securityGroups: securityGroups, setsSecurityGroups: setsSecurityGroups,
                metadataOptions: metadataOptions(fields), userData: userData(fields), tags: fields.stringMap("tags")))
        kubeletSettings(fields, instance, context)
    }

    /// The kubelet settings a launch template's or instance's user data gives its nodes
    /// (`bootstrap.sh --kubelet-extra-args`, nodeadm NodeConfig, MIME parts). Findings point at `user_data`.
    static func kubeletSettings(_ fields: Fields, _ instance: ResourceInstance, _ context: MappingContext) {
        let path = fields.string("user_data") != nil ? "user_data" : "user_data_base64"
        if let settings = LaunchTemplateKubelet.settings(
            userData: userData(fields), partialText: partialUserData(fields, context), key: instance.address,
            provenance: fields.provenance(),
            location: MappingContext.location(in: instance, path: path))
        {
            context.snapshot.kubeletSettings.append(settings)
        }
    }

    /// The `metadata_options` block, or nil when there is none (AWS then allows IMDSv1).
    static func metadataOptions(_ fields: Fields) -> MetadataOptions? {
        guard let options = fields.block("metadata_options") else {
            return fields.unknownBlockReason("metadata_options").map { MetadataOptions(httpTokens: .unknown($0)) }
        }
        return MetadataOptions(
            httpTokens: options.string("http_tokens"), httpEndpoint: options.string("http_endpoint"),
            hopLimit: options.int("http_put_response_hop_limit"))
    }

    /// User data as text: base64 is decoded (launch templates require it), plain text is kept.
    static func userData(_ fields: Fields) -> Resolved<String>? {
        switch fields.string("user_data") ?? fields.string("user_data_base64") {
        case .known(let text)?: .known(Base64.decodeText(text) ?? text)
        case .unknown(let reason)?: .unknown(reason)
        case nil: nil
        }
    }

    /// User data that Terraform knows only in part (a template over unknown values, maybe base64-encoded),
    /// written with each unknown part as `${reference}`; or a `cloudinit_config` archive rendered from its parts.
    static func partialUserData(_ fields: Fields, _ context: MappingContext) -> String? {
        guard case .unknown(let unknown)? = fields.value("user_data") ?? fields.value("user_data_base64") else { return nil }
        if let text = (unknown.partial ?? unknown.base64Of)?.written { return text }
        guard unknown.attribute == "rendered", let resource = unknown.resource, let archive = context.index.instances[resource]
        else { return nil }
        return CloudInitRenderer.text(archive)
    }

    static func mapAutoScalingGroup(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        var launchTemplate = EKSMapping.launchTemplate(fields.block("launch_template"))
        if launchTemplate == nil {
            let specification = fields.block("mixed_instances_policy", "launch_template", "launch_template_specification")
            launchTemplate = EKSMapping.launchTemplate(specification)
        }
        var tags: [String: String] = [:]
        for block in fields.blocks("tag") + fields.blocks("tags") {
            guard case .known(let tag) = block, case .known(let key)? = tag.string("key"),
                case .known(let value)? = tag.string("value")
            else { continue }
            tags[key] = value
        }
        var name = fields.string("name")
        if name == nil, case .known(let prefix)? = fields.string("name_prefix") {
            name = .unknown("the name is generated from name_prefix '\(prefix)'")
        }
        context.snapshot.autoScalingGroups.append(
            AutoScalingGroup(
                key: instance.address, provenance: fields.provenance(), name: name, launchTemplate: launchTemplate, tags: tags))
    }

    static func mapInstance(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        let securityGroups =
            fields.references("vpc_security_group_ids", to: .securityGroup)
            + fields.references("security_groups", to: .securityGroup)
        context.snapshot.instances.append(
            Instance(
                key: instance.address, provenance: fields.provenance(), id: fields.string("id")?.value,
                securityGroups: securityGroups, subnet: fields.reference("subnet_id", to: .subnet),
                sourceDestCheck: fields.bool("source_dest_check"), metadataOptions: metadataOptions(fields),
                privateIP: fields.string("private_ip")?.value, publicIP: fields.string("public_ip")?.value,
                tags: fields.stringMap("tags")))
        kubeletSettings(fields, instance, context)
    }
}
