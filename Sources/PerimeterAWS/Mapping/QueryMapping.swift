import Foundation
import PerimeterModel

/// AutoScaling and IAM Query answers (XML, PascalCase, `member` lists) → snapshot objects.
enum QueryMapping {
    static func autoScalingGroup(_ member: XMLElement) -> AutoScalingGroup? {
        guard let name = member.string("AutoScalingGroupName") else { return nil }
        var tags: [String: String] = [:]
        for tag in member.list("Tags") {
            if let key = tag.string("Key") { tags[key] = tag.string("Value") ?? "" }
        }
        let template =
            member["LaunchTemplate"]?.string("LaunchTemplateId")
            ?? member["MixedInstancesPolicy"]?["LaunchTemplate"]?["LaunchTemplateSpecification"]?.string("LaunchTemplateId")
        return AutoScalingGroup(
            key: name, provenance: Provenance(resource: name, origin: .aws), name: .known(name),
            launchTemplate: template.map { .key($0) }, tags: tags,
            instances: member.list("Instances").compactMap { $0.string("InstanceId") }.map { .key($0) })
    }

    /// The launch template version an ASG launches (`$Default`, `$Latest` or a number).
    static func launchTemplateVersion(_ member: XMLElement) -> (id: String, version: String)? {
        let spec = member["LaunchTemplate"] ?? member["MixedInstancesPolicy"]?["LaunchTemplate"]?["LaunchTemplateSpecification"]
        guard let id = spec?.string("LaunchTemplateId") else { return nil }
        return (id, spec?.string("Version") ?? "$Default")
    }

    static func role(_ element: XMLElement) -> IAMRole? {
        guard let name = element.string("RoleName") else { return nil }
        let raw = element.string("AssumeRolePolicyDocument") ?? ""
        // AWS URL-encodes the trust policy; some endpoints (moto's ListRoles) do not.
        let document = raw.hasPrefix("{") ? raw : (raw.removingPercentEncoding ?? raw)
        let arn = element.string("Arn")
        return IAMRole(
            key: arn ?? name, provenance: Provenance(resource: arn ?? name, origin: .aws), name: .known(name),
            arn: arn, assumeRolePolicy: .known(document))
    }

    /// From the provider ARN and, when read, GetOpenIDConnectProvider's answer.
    static func oidcProvider(arn: String, details: XMLElement?) -> OIDCProvider {
        let fromArn = arn.components(separatedBy: ":oidc-provider/").last ?? arn
        let url = details?.string("Url") ?? fromArn
        let clients: Resolved<[String]> =
            details.map { .known($0.list("ClientIDList").map(\.text)) }
            ?? .unknown("GetOpenIDConnectProvider was not called for \(arn)")
        return OIDCProvider(
            key: arn, provenance: Provenance(resource: arn, origin: .aws),
            url: .known(url.hasPrefix("https://") ? url : "https://" + url), clientIDs: clients, arn: arn)
    }
}
