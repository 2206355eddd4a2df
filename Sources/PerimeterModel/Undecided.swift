/// One link of a finding's call chain: the `module` block a value came through, in the caller's file.
/// Printed as `module "eks" at environments/prod/main.tf:12`.
public struct ModuleCallSite: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The instance address: `module.eks`, `module.eks.module.node_group["a"]`.
    public var address: String
    /// The block's label: `eks`.
    public var name: String
    /// Where the `module` block starts.
    public var location: SourceLocation
    /// The block's last line: a `# perimeter:ignore` above any argument inside it counts for this call.
    public var endLine: Int

    public init(address: String, name: String, location: SourceLocation, endLine: Int) {
        self.address = address
        self.name = name
        self.location = location
        self.endLine = endLine
    }

    public var description: String { "module \"\(name)\" at \(location.file):\(location.line)" }
}

/// The third verdict: a check that could not decide (a value known only after apply, a variable
/// without value), or a module call whose code was not read. Silence must mean "checked and clean",
/// so every such gap is listed beside the findings with the value that blocked it.
public struct Undecided: Codable, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Codable, Hashable, Sendable {
        /// A check met a value it cannot know.
        case check
        /// A registry, Git or HTTP module that is not installed, so nothing in it was checked.
        case moduleNotRead = "module-not-read"
    }

    public var kind: Kind
    /// The check that could not decide; nil for a module not read.
    public var ruleId: String?
    /// The object it could not decide on (a Terraform address or cloud ID), or the module call's address.
    public var resource: String
    public var location: SourceLocation?
    /// The value that blocked the verdict: `source of ingress tcp 10250: variable 'allowed' has no value`.
    public var reason: String
    /// What to do about it, when there is one thing to do (`run terraform init or use --download-modules`).
    public var fix: String?
    /// The input it belongs to (a root module directory, a plan or snapshot file).
    public var input: String?
    /// The module calls the object sits in, outermost first; nil at the root.
    public var callChain: [ModuleCallSite]?

    public init(
        kind: Kind = .check, ruleId: String?, resource: String, location: SourceLocation? = nil, reason: String,
        fix: String? = nil, input: String? = nil, callChain: [ModuleCallSite]? = nil
    ) {
        self.kind = kind
        self.ruleId = ruleId
        self.resource = resource
        self.location = location
        self.reason = reason
        self.fix = fix
        self.input = input
        self.callChain = callChain
    }

    /// `NET-001 undecided on aws_security_group_rule.x: source of ingress tcp 10250: variable 'allowed' has no value`.
    public var description: String {
        switch kind {
        case .check: "\(ruleId ?? "?") undecided on \(resource): \(reason)"
        case .moduleNotRead: "\(resource) not read: \(reason)"
        }
    }
}

/// What one input gave the checks: how much was read, and how much could not be decided.
public struct InputCoverage: Codable, Hashable, Sendable {
    /// The input as findings name it (a root module directory, a plan or snapshot file).
    public var input: String
    /// `terraform`, `plan`, `snapshot`, `gcloud`, `node-file`, `kubernetes`.
    public var kind: String
    /// Resource and data blocks read (a block with `count = 3` is one).
    public var resources: Int
    /// Resource instances after count and for_each.
    public var instances: Int
    /// Module calls whose code was read, and those that were not (not installed).
    public var moduleCallsRead: Int
    public var moduleCallsNotRead: Int
    /// Unknown values that kept a check from a verdict (distinct object and reason).
    public var unknownValuesThatMattered: Int
    /// Check verdicts left undecided on this input.
    public var undecidedChecks: Int

    public init(
        input: String, kind: String, resources: Int = 0, instances: Int = 0, moduleCallsRead: Int = 0,
        moduleCallsNotRead: Int = 0, unknownValuesThatMattered: Int = 0, undecidedChecks: Int = 0
    ) {
        self.input = input
        self.kind = kind
        self.resources = resources
        self.instances = instances
        self.moduleCallsRead = moduleCallsRead
        self.moduleCallsNotRead = moduleCallsNotRead
        self.unknownValuesThatMattered = unknownValuesThatMattered
        self.undecidedChecks = undecidedChecks
    }
}
