/// Renders a `data "cloudinit_config"` from its `part` blocks, as the cloudinit provider does at plan time:
/// a MIME multi-part archive. terraform-aws-eks and the EKS blueprints build node user data this way, so
/// without it every such node group's kubelet settings would be unknown. A part known only in part keeps
/// its known text (unknown pieces written `${reference}`), which is all the kubelet readers need.
enum CloudInitRenderer {
    /// The archive as text, before any base64 encoding; nil when it cannot be rendered (gzip, parts not known).
    static func text(_ instance: ResourceInstance) -> String? {
        guard instance.mode == .data, instance.type == "cloudinit_config" else { return nil }
        // gzip gives bytes whose text nothing can read; an unknown flag might be on.
        switch instance.values["gzip"] {
        case nil, .null?, .bool(false)?: break
        default: return nil
        }
        let boundary = string(instance.values["boundary"]) ?? "MIMEBOUNDARY"
        guard let parts = blocks(instance.values["part"]) else { return nil }
        var text = "Content-Type: multipart/mixed; boundary=\"\(boundary)\"\nMIME-Version: 1.0\n\n"
        for part in parts {
            guard let content = content(part["content"]) else { return nil }
            text += "--\(boundary)\nContent-Transfer-Encoding: 7bit\n"
            text += "Content-Type: \(string(part["content_type"]) ?? "text/plain")\n"
            if let filename = string(part["filename"]) { text += "Content-Disposition: attachment; filename=\"\(filename)\"\n" }
            text += "Mime-Version: 1.0\n\n\(content)\n"
        }
        return text + "--\(boundary)--\n"
    }

    /// A part's content: known text, or the written form of text known in part.
    private static func content(_ value: Value?) -> String? {
        switch value {
        case .string(let text)?: text
        case .unknown(let unknown)?: unknown.partial?.written
        default: nil
        }
    }

    private static func string(_ value: Value?) -> String? {
        if case .string(let text)? = value, !text.isEmpty { return text }
        return nil
    }

    /// The `part` blocks; nil when they are not known (a `dynamic "part"` over an unknown collection).
    private static func blocks(_ value: Value?) -> [[String: Value]]? {
        switch value {
        case nil, .null?: return []
        case .list(let items)?, .set(let items)?:
            var blocks: [[String: Value]] = []
            for item in items {
                guard let fields = item.fields else { return nil }
                blocks.append(fields)
            }
            return blocks
        default: return nil
        }
    }
}
