import PerimeterModel

/// Everything people and tools need to know about a check; `perimeter checks`, SARIF rules and
/// the README table are all generated from it.
public struct CheckDescription: Codable, Hashable, Sendable {
    /// Stable, never reused: `NET-001`.
    public var id: String
    /// Short kebab-case name: `kubelet-open-to-internet`.
    public var slug: String
    public var title: String
    public var severity: Severity
    /// Why it matters, in a few sentences.
    public var rationale: String
    /// What to change, in words.
    public var remediation: String
    /// The fix as Terraform, when there is one.
    public var terraformFix: String?
    /// Links to the source documents, AWS/GCP/Kubernetes docs.
    public var references: [String]
    /// OWASP Kubernetes Top 10 (2022) item, such as `K08: Cluster to Cluster Network Segmentation`.
    public var owasp: String?
    /// CIS EKS / GKE benchmark item where one fits, such as `CIS EKS 1.8.0 5.4.2`.
    public var cis: String?

    public init(
        id: String, slug: String, title: String, severity: Severity, rationale: String, remediation: String,
        terraformFix: String? = nil, references: [String] = [], owasp: String? = nil, cis: String? = nil
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.severity = severity
        self.rationale = rationale
        self.remediation = remediation
        self.terraformFix = terraformFix
        self.references = references
        self.owasp = owasp
        self.cis = cis
    }
}

/// A check is a pure function of the snapshot and the engines' answers.
public protocol Check: Sendable {
    var description: CheckDescription { get }
    func run(_ context: CheckContext) -> [Finding]
}

extension Check {
    /// A finding of this check with its id, severity and title filled in.
    public func finding(resource: String, location: SourceLocation?, message: String, evidence: [String] = []) -> Finding {
        Finding(
            ruleId: description.id, severity: description.severity, title: description.title,
            resource: resource, location: location, message: message, evidence: evidence)
    }
}
