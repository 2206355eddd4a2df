import Foundation

/// The services perimeter reads, with their wire protocol and default endpoint.
public enum AWSService: String, Sendable, CaseIterable {
    case ec2
    case eks
    case autoscaling
    case iam
    case sts

    /// The Query-protocol API version (EKS is REST-JSON).
    var apiVersion: String? {
        switch self {
        case .ec2: "2016-11-15"
        case .autoscaling: "2011-01-01"
        case .iam: "2010-05-08"
        case .sts: "2011-06-15"
        case .eks: nil
        }
    }

    /// IAM is global: one endpoint per partition, signed for its home region.
    func signingRegion(for region: String) -> String {
        guard self == .iam else { return region }
        return region.hasPrefix("cn-") ? "cn-north-1" : region.hasPrefix("us-gov-") ? "us-gov-west-1" : "us-east-1"
    }

    func defaultEndpoint(region: String) -> URL {
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        let host: String
        switch self {
        case .iam:
            host =
                region.hasPrefix("cn-")
                ? "iam.cn-north-1.\(suffix)" : region.hasPrefix("us-gov-") ? "iam.us-gov.\(suffix)" : "iam.\(suffix)"
        default:
            host = "\(rawValue).\(region).\(suffix)"
        }
        return URL(string: "https://\(host)")!
    }
}
