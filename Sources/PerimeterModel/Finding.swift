public enum Severity: String, Codable, Hashable, Sendable, CaseIterable, Comparable {
    case info
    case low
    case medium
    case high
    case critical

    private var rank: Int { Severity.allCases.firstIndex(of: self)! }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One problem a check found, naming the exact object and line to change.
public struct Finding: Codable, Hashable, Sendable {
    public var ruleId: String
    public var severity: Severity
    public var title: String
    /// As the object's own world prints it: a Terraform address, a cloud ID, `Kind/namespace/name`.
    public var resource: String
    public var location: SourceLocation?
    /// Short and specific: `ingress tcp 10250 from 0.0.0.0/0 on 'aws_security_group.node'`.
    public var message: String
    /// Further facts behind the message, one line each (the rule, the path, the membership).
    public var evidence: [String]
    /// The input it was found in (a root module directory, a plan or snapshot file), so that the same
    /// address in two root modules stays two findings a reader can tell apart.
    public var input: String?
    /// The module calls the finding came through, outermost first (`module "eks" at main.tf:12`);
    /// nil at the root. `location` stays the line inside the module.
    public var callChain: [ModuleCallSite]?

    public init(
        ruleId: String, severity: Severity, title: String, resource: String, location: SourceLocation? = nil,
        message: String, evidence: [String] = [], input: String? = nil, callChain: [ModuleCallSite]? = nil
    ) {
        self.ruleId = ruleId
        self.severity = severity
        self.title = title
        self.resource = resource
        self.location = location
        self.message = message
        self.evidence = evidence
        self.input = input
        self.callChain = callChain
    }
}
