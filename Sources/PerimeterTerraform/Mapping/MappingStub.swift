// TEMPORARY: replaced by the real mapping at merge.
import Foundation
import PerimeterModel
public enum SnapshotMapper {
    public static func map(_ resources: [ResourceInstance], origin: Provenance.Origin) -> (snapshot: Snapshot, diagnostics: [Diagnostic]) { (Snapshot(), []) }
}
public enum PlanReader {
    public static func read(data: Data, path: String) -> (resources: [ResourceInstance], diagnostics: [Diagnostic]) { ([], []) }
    public static func looksLikePlan(_ data: Data) -> Bool { false }
}
