import PerimeterAnalysis
import PerimeterModel
import PerimeterRBAC

/// What every check reads: the snapshot, and the engines built once per snapshot.
public final class CheckContext: Sendable {
    public let snapshot: Snapshot
    public let index: SnapshotIndex
    public let membership: NodeMembership
    public let exposure: ExposureEngine
    /// The RBAC authorizer over the snapshot's Kubernetes objects and EKS identities.
    public let rbac: RBACAuthorizer
    /// The checks that run on this context (nil: every check); RBAC findings that share a cause are merged among them.
    public let activeCheckIDs: Set<String>?
    let rbacFindingCache = RBACFindingCache()

    /// `policy`: the bootstrap policy of `--kubernetes-version`; nil picks the live cluster's version or the newest shipped.
    public init(snapshot: Snapshot, policy: BootstrapPolicy? = nil, checks: [String]? = nil) {
        self.snapshot = snapshot
        index = SnapshotIndex(snapshot: snapshot)
        membership = NodeMembership(index: index)
        exposure = ExposureEngine(index: index)
        rbac = RBACAuthorizer(snapshot: snapshot, policy: policy)
        activeCheckIDs = checks.map(Set.init)
    }

    /// Every node target whose security groups are known, with what reaches it on `port`.
    func nodeExposures(protocol ipProtocol: IPProtocol = .tcp, port: Int) -> [(target: NodeTarget, exposure: Exposure)] {
        membership.allNodeTargets.filter(\.isMembershipKnown).map { target in
            (target, exposure.exposure(of: target, protocol: ipProtocol, port: port))
        }
    }

    /// Why a node-port check cannot decide, object by object: node targets whose security groups are
    /// unknown or cannot be resolved, and rules on known node groups that cover `port` from an unknown
    /// source or whose protocol or ports are unknown. `nodeExposures` leaves all of these out.
    func nodeExposureGaps(protocol ipProtocol: IPProtocol = .tcp, port: Int) -> [ExposureGap] {
        var gaps: [ExposureGap] = []
        for target in membership.allNodeTargets {
            gaps += membershipGaps(of: target)
            guard target.isMembershipKnown else { continue }
            gaps += exposureGaps(exposure.exposure(of: target, protocol: ipProtocol, port: port))
        }
        return gaps
    }

    /// A target whose groups cannot all be named: nothing about its ports can be decided for certain.
    func membershipGaps(of target: NodeTarget) -> [ExposureGap] {
        if let reason = target.membershipUnknown {
            return [
                ExposureGap(
                    provenance: target.provenance, reason: "security groups of the nodes of '\(target.name)' are unknown: \(reason)")
            ]
        }
        return target.unresolved.map {
            ExposureGap(provenance: target.provenance, reason: "nodes of '\(target.name)': \(Self.describe($0))")
        }
    }

    /// `a security group of launch template 'x' is unknown: variable 'ids' has no value`.
    static func describe(_ unresolved: UnresolvedReference) -> String {
        if case .unknown(let why) = unresolved.ref { return "\(unresolved.reason): \(why)" }
        return "\(unresolved.reason) (\(unresolved.ref))"
    }

    /// Rules of the queried groups that may or may not let the traffic through.
    func exposureGaps(_ exposure: Exposure) -> [ExposureGap] {
        let traffic = "\(exposure.direction.rawValue) \(exposure.ipProtocol) \(exposure.port)"
        let sources = exposure.unknownSources.map { grant -> ExposureGap in
            let why = if case .unknown(let reason) = grant.source { reason } else { grant.source.description }
            let side = exposure.direction == .ingress ? "source" : "destination"
            return ExposureGap(
                resource: grant.resource, location: grant.location,
                reason: "\(side) of \(traffic) on \(SecurityGroupName.display(grant.groupKey)) is unknown: \(why)")
        }
        let rules = exposure.uncertain.map {
            ExposureGap(
                resource: $0.rule.provenance.resource, location: $0.rule.provenance.location,
                reason: "whether the rule covers \(traffic) is unknown: \($0.reason)")
        }
        return sources + rules
    }
}

/// One object a check could not decide on, and the unknown value that blocked it.
struct ExposureGap: Hashable {
    var resource: String
    var location: SourceLocation?
    var reason: String

    init(resource: String, location: SourceLocation?, reason: String) {
        self.resource = resource
        self.location = location
        self.reason = reason
    }

    init(provenance: Provenance, reason: String) {
        self.init(resource: provenance.resource, location: provenance.location, reason: reason)
    }
}

extension Check {
    /// The gaps as this check's undecided entries, without repeats.
    func undecided(_ gaps: [ExposureGap]) -> [Undecided] {
        var list = UndecidedList()
        for gap in gaps { list.add(undecided(on: gap.resource, location: gap.location, because: gap.reason)) }
        return list.entries
    }
}

/// Findings about rules: one per rule, naming every node target it exposes.
struct RuleFindings {
    private var order: [Int] = []
    private var grantsByRule: [Int: [Grant]] = [:]
    private var targetsByRule: [Int: [String]] = [:]

    mutating func add(_ grant: Grant, target: NodeTarget) {
        if grantsByRule[grant.ruleIndex] == nil { order.append(grant.ruleIndex) }
        if !(grantsByRule[grant.ruleIndex] ?? []).contains(where: { $0.endpoint == grant.endpoint }) {
            grantsByRule[grant.ruleIndex, default: []].append(grant)
        }
        if !(targetsByRule[grant.ruleIndex] ?? []).contains(target.name) {
            targetsByRule[grant.ruleIndex, default: []].append(target.name)
        }
    }

    /// Each rule with the grants it made and the node targets it reaches.
    var entries: [(grants: [Grant], targets: [String])] {
        order.map { (grantsByRule[$0] ?? [], targetsByRule[$0] ?? []) }
    }
}
