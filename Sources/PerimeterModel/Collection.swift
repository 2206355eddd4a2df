/// How a snapshot was collected from a live cloud account: when, from where, and what could not be read.
/// Absent in snapshots built from Terraform or plan JSON.
public struct CollectionInfo: Codable, Hashable, Sendable {
    /// `aws`.
    public var provider: String
    public var region: String
    public var accountID: String?
    /// The caller's ARN (never a secret).
    public var caller: String?
    public var cluster: String
    /// ISO 8601, UTC.
    public var collectedAt: String
    public var toolVersion: String
    /// API calls sent, retries included.
    public var calls: Int
    /// Calls that failed after retries: what is missing from this snapshot and why. An incomplete
    /// snapshot makes `scan` exit 2, because a check may have missed what it could not see.
    public var gaps: [Diagnostic]

    public init(
        provider: String, region: String, accountID: String? = nil, caller: String? = nil, cluster: String,
        collectedAt: String, toolVersion: String, calls: Int = 0, gaps: [Diagnostic] = []
    ) {
        self.provider = provider
        self.region = region
        self.accountID = accountID
        self.caller = caller
        self.cluster = cluster
        self.collectedAt = collectedAt
        self.toolVersion = toolVersion
        self.calls = calls
        self.gaps = gaps
    }
}
