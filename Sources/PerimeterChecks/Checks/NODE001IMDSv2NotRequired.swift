import PerimeterModel

/// NODE-001: instance metadata reachable with IMDSv1, so a pod or SSRF can read node credentials.
public struct IMDSv2NotRequiredCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "NODE-001",
        slug: "imdsv2-not-required",
        title: "Launch template or instance does not require IMDSv2",
        severity: .high,
        rationale: """
            With http_tokens "optional" (the default), any process that can make an HTTP GET, such as a pod or an \
            SSRF bug, reads the node's IAM role credentials from 169.254.169.254. IMDSv2 requires a session token \
            obtained with a PUT, which such requests cannot do.
            """,
        remediation: "Set http_tokens = \"required\" in metadata_options (and keep the hop limit at 1 or 2 for pods that need it).",
        terraformFix: """
            metadata_options {
              http_endpoint               = "enabled"
              http_tokens                 = "required"
              http_put_response_hop_limit = 2
            }
            """,
        references: [Reference.eksSecurityBestPractices, Reference.imdsv2],
        owasp: Reference.owaspClusterComponents,
        cis: "CIS AWS Foundations 3.0.0 5.6"
    )

    public func run(_ context: CheckContext) -> [Finding] {
        let templates = context.snapshot.launchTemplates.compactMap { template in
            check(template.metadataOptions, provenance: template.provenance, what: "launch template")
        }
        let instances = context.snapshot.instances.compactMap { instance in
            check(instance.metadataOptions, provenance: instance.provenance, what: "instance")
        }
        return templates + instances
    }

    private func check(_ options: MetadataOptions?, provenance: Provenance, what: String) -> Finding? {
        if case .known("disabled")? = options?.httpEndpoint { return nil }
        switch options?.httpTokens {
        case .known("required")?, .unknown?:
            return nil
        case .known(let value)?:
            return finding(
                resource: provenance.resource, location: provenance.location,
                message: "\(what) '\(provenance.resource)' allows IMDSv1 (http_tokens = \"\(value)\")",
                evidence: ["metadata_options.http_tokens = \"\(value)\""])
        case nil:
            return finding(
                resource: provenance.resource, location: provenance.location,
                message: "\(what) '\(provenance.resource)' allows IMDSv1 (http_tokens not set, AWS default \"optional\")",
                evidence: [options == nil ? "no metadata_options block" : "metadata_options without http_tokens"])
        }
    }
}

extension IMDSv2NotRequiredCheck {
    /// Launch templates and instances whose metadata_options.http_tokens is unknown (and whose endpoint is not known to be off).
    public func undecided(_ context: CheckContext) -> [Undecided] {
        let options =
            context.snapshot.launchTemplates.map { ($0.metadataOptions, $0.provenance) }
            + context.snapshot.instances.map { ($0.metadataOptions, $0.provenance) }
        return options.compactMap { options, provenance in
            if case .known("disabled")? = options?.httpEndpoint { return nil }
            return UnknownValue.reason(options?.httpTokens, "metadata_options.http_tokens").map { undecided(on: provenance, because: $0) }
        }
    }
}
