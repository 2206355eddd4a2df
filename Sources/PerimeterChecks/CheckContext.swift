import PerimeterAnalysis
import PerimeterModel

/// What every check reads: the snapshot, and engines built once per snapshot.
public final class CheckContext: Sendable {
    public let snapshot: Snapshot

    public init(snapshot: Snapshot) {
        self.snapshot = snapshot
    }
}
