import Foundation
import PerimeterModel

/// How much of the region's network a collection reads.
public enum AWSCollectionScope: String, Sendable, CaseIterable {
    /// The cluster's VPC and the VPCs peered with it: what its perimeter is made of, and a cost that
    /// grows with the cluster, not with the account.
    case cluster
    /// Every VPC of the region.
    case region
}

/// What `perimeter collect aws` was asked for.
public struct AWSCollectionRequest: Sendable {
    public var cluster: String
    public var scope: AWSCollectionScope
    public var region: String?
    public var profile: String?
    public var client: AWSClientOptions
    public var environment: [String: String]
    /// `MaxResults` of the paged EC2 calls (tests make it small to force several pages).
    public var pageSize: Int
    public var toolVersion: String

    public init(
        cluster: String, scope: AWSCollectionScope = .cluster, region: String? = nil, profile: String? = nil,
        client: AWSClientOptions = AWSClientOptions(),
        environment: [String: String] = ProcessInfo.processInfo.environment, pageSize: Int = 1000,
        toolVersion: String = "dev"
    ) {
        self.cluster = cluster
        self.scope = scope
        self.region = region
        self.profile = profile
        self.client = client
        self.environment = environment
        self.pageSize = pageSize
        self.toolVersion = toolVersion
    }
}

/// A collection that could not start or could not read the cluster at all: one line for the user.
public struct AWSCollectionError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Failed calls that did not stop the collection, in the order they happened.
actor GapLog {
    private(set) var gaps: [(operation: String, diagnostic: Diagnostic)] = []

    func add(_ error: AWSCallError, missing: String) {
        let severity: Diagnostic.Severity = error.kind == .unsupported ? .warning : .error
        gaps.append((error.operation, Diagnostic(severity, "\(error); \(missing) not collected")))
    }
}
