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

    public init(snapshot: Snapshot) {
        self.snapshot = snapshot
        index = SnapshotIndex(snapshot: snapshot)
        membership = NodeMembership(index: index)
        exposure = ExposureEngine(index: index)
        rbac = RBACAuthorizer(snapshot: snapshot)
    }

    /// Every node target whose security groups are known, with what reaches it on `port`.
    func nodeExposures(protocol ipProtocol: IPProtocol = .tcp, port: Int) -> [(target: NodeTarget, exposure: Exposure)] {
        membership.allNodeTargets.filter(\.isMembershipKnown).map { target in
            (target, exposure.exposure(of: target, protocol: ipProtocol, port: port))
        }
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
