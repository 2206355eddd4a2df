import Foundation
import PerimeterChecks
import PerimeterGKE
import PerimeterModel
import Testing

/// Firewall rules carry their VPC network; GKE-004 decides shadowing per network, by priority (a deny wins
/// a tie), and by target tags and service accounts: GKE's real exkubelet deny beside one added allow.
@Suite struct FirewallNetworkTests {
    static let realList = "gke/firewall/yagosys-202301-gke-firewall-rules-list.json"

    @Test func gcloudNetworkURLIsReadAsTheNetworkName() throws {
        let path = SharedData.path(Self.realList)
        let read = GCloudReader.read(try String(contentsOfFile: path, encoding: .utf8), file: path)
        #expect(read.snapshot.gcpFirewalls.count == 5)
        #expect(read.snapshot.gcpFirewalls.allSatisfy { $0.network == .external("gkenetwork1") })
    }

    /// The real list plus one allow of tcp 10255 from 0.0.0.0/0 at priority 1000 (exkubelet's priority).
    private func findings(network: String, targets: String) throws -> [String] {
        let path = SharedData.path(Self.realList)
        var rules = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [[String: Any]])
        var added: [String: Any] = [
            "kind": "compute#firewall", "name": "allow-readonly", "direction": "INGRESS", "disabled": false, "priority": 1000,
            "network": "https://www.googleapis.com/compute/v1/projects/cfos-384323/global/networks/\(network)",
            "sourceRanges": ["0.0.0.0/0"], "allowed": [["IPProtocol": "tcp", "ports": ["10255"]]]
        ]
        switch targets {
        case "node-tag": added["targetTags"] = ["gke-my-first-cluster-1-c86fed8d-node"]
        case "account": added["targetServiceAccounts"] = ["nodes@cfos-384323.iam.gserviceaccount.com"]
        default: break
        }
        rules.append(added)
        let text = String(decoding: try JSONSerialization.data(withJSONObject: rules), as: UTF8.self)
        let read = GCloudReader.read(text, file: "rules.json")
        let check = try #require(CheckRegistry.check(id: "GKE-004"))
        return check.run(CheckContext(snapshot: read.snapshot)).map(\.resource)
    }

    @Test func denyOfTheSameNetworkWinsTheTie() throws {
        #expect(try findings(network: "gkenetwork1", targets: "node-tag") == [])
    }

    @Test func denyOfAnotherNetworkShadowsNothing() throws {
        #expect(try findings(network: "other-vpc", targets: "node-tag") == ["allow-readonly"])
    }

    /// exkubelet targets the node tag only: an allow to every instance, or to a service account, stays open.
    @Test func denyMustCoverTheAllowsTargets() throws {
        #expect(try findings(network: "gkenetwork1", targets: "none") == ["allow-readonly"])
        #expect(try findings(network: "gkenetwork1", targets: "account") == ["allow-readonly"])
    }
}
