import PerimeterModel

/// What a change did to the findings: the ones it fixed, the ones it introduced, the ones left.
/// A finding is the same on both sides when its check and resource are (messages may word details differently).
public struct FindingDiff: Sendable {
    public var fixed: [Finding]
    public var introduced: [Finding]
    public var unchanged: [Finding]

    public init(before: [Finding], after: [Finding]) {
        func identity(_ finding: Finding) -> String { finding.ruleId + "\u{0}" + finding.resource }
        let beforeKeys = Set(before.map(identity))
        let afterKeys = Set(after.map(identity))
        fixed = before.filter { !afterKeys.contains(identity($0)) }.sorted(by: Scanner.order)
        introduced = after.filter { !beforeKeys.contains(identity($0)) }.sorted(by: Scanner.order)
        unchanged = after.filter { beforeKeys.contains(identity($0)) }.sorted(by: Scanner.order)
    }
}
