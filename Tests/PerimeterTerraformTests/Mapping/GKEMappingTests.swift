import PerimeterModel
import Testing

@testable import PerimeterTerraform

@Suite struct GKEMappingTests {
    typealias B = Build

    @Test func clusterLevels() throws {
        let cluster = B.resource(
            "google_container_cluster", "primary", line: 1,
            locations: [
                "node_pool_defaults[0].node_config_defaults[0]": 10,
                "node_pool_defaults[0].node_config_defaults[0].insecure_kubelet_readonly_port_enabled": 11,
                "node_pool[0]": 30
            ],
            [
                "name": .string("gke-prod"),
                "node_pool_defaults": B.block([
                    "node_config_defaults": B.block([
                        "insecure_kubelet_readonly_port_enabled": .string("FALSE")
                    ])
                ]),
                "node_config": B.block(["kubelet_config": B.block(["insecure_kubelet_readonly_port_enabled": .string("TRUE")])]),
                "node_pool_auto_config": B.block([
                    "node_kubelet_config": B.block([
                        "insecure_kubelet_readonly_port_enabled": .unknown(Unknown(reason: "var.readonly has no value"))
                    ])
                ]),
                "cluster_autoscaling": B.block(["enabled": .bool(true)]),
                "node_pool": .list([
                    .object([
                        "name": .string("default-pool"),
                        "node_config": B.block(["kubelet_config": B.block(["insecure_kubelet_readonly_port_enabled": .bool(false)])])
                    ]),
                    .object(["name": .string("bare")])
                ])
            ])
        let (snapshot, diagnostics) = B.map(cluster)
        #expect(diagnostics.isEmpty)
        let gke = try #require(snapshot.gkeClusters.first)
        #expect(gke.name == .known("gke-prod"))
        #expect(gke.autopilot == .known(false))
        #expect(gke.nodePoolDefaults == GKEKubeletSettings(insecureKubeletReadonlyPortEnabled: .known(false), location: B.at(11)))
        #expect(gke.defaultPoolNodeConfig?.insecureKubeletReadonlyPortEnabled == .known(true))
        #expect(gke.nodePoolAutoConfig?.insecureKubeletReadonlyPortEnabled == .unknown("var.readonly has no value"))
        #expect(gke.autoProvisioning == .known(true))
        #expect(
            snapshot.gkeNodePools == [
                GKENodePool(
                    key: "google_container_cluster.primary.node_pool[0]",
                    provenance: Provenance(resource: "google_container_cluster.primary", location: B.at(30), origin: .terraform),
                    name: .known("default-pool"), cluster: .key("google_container_cluster.primary"),
                    kubelet: GKEKubeletSettings(insecureKubeletReadonlyPortEnabled: .known(false), location: B.at(30))),
                GKENodePool(
                    key: "google_container_cluster.primary.node_pool[1]",
                    provenance: Provenance(resource: "google_container_cluster.primary", location: B.at(1), origin: .terraform),
                    name: .known("bare"), cluster: .key("google_container_cluster.primary"))
            ])
    }

    @Test func autopilotClusterWithoutSettings() throws {
        let cluster = B.resource(
            "google_container_cluster", "auto", line: 3, locations: ["node_pool_defaults[0].node_config_defaults[0]": 6],
            [
                "name": .string("auto"), "enable_autopilot": .bool(true),
                // Written, but without the flag: unset at this level, with a place to point at.
                "node_pool_defaults": B.block(["node_config_defaults": B.block(["logging_variant": .string("DEFAULT")])]),
                "node_config_defaults_unused": .null
            ])
        let gke = try #require(B.map(cluster).snapshot.gkeClusters.first)
        #expect(gke.autopilot == .known(true))
        #expect(gke.nodePoolDefaults == GKEKubeletSettings(location: B.at(6)))
        #expect(gke.defaultPoolNodeConfig == nil)
        #expect(gke.nodePoolAutoConfig == nil)
        #expect(gke.autoProvisioning == nil)
    }

    @Test func kubeletConfigInsideNodeConfigDefaults() {
        let cluster = B.resource(
            "google_container_cluster", "c",
            [
                "name": .string("c"),
                "node_pool_defaults": B.block([
                    "node_config_defaults": B.block([
                        "node_kubelet_config": B.block([
                            "insecure_kubelet_readonly_port_enabled": .string("TRUE")
                        ])
                    ])
                ])
            ])
        #expect(B.map(cluster).snapshot.gkeClusters.first?.nodePoolDefaults?.insecureKubeletReadonlyPortEnabled == .known(true))
    }

    @Test func separateNodePools() {
        let cluster = B.resource("google_container_cluster", "primary", ["name": .string("gke-prod")])
        let byReference = B.resource(
            "google_container_node_pool", "spot", line: 40,
            [
                "cluster": B.ref("google_container_cluster.primary", "name"), "name": .string("spot"),
                "node_config": B.block([
                    "kubelet_config": B.block([
                        "insecure_kubelet_readonly_port_enabled": .string("FALSE"),
                        "cpu_manager_policy": .string("static")
                    ])
                ])
            ])
        let byID = B.resource(
            "google_container_node_pool", "byid",
            [
                "cluster": .string("projects/p/locations/europe-west1/clusters/gke-prod"), "name_prefix": .string("np-")
            ])
        let elsewhere = B.resource("google_container_node_pool", "other", ["cluster": .string("other-cluster")])
        let pools = B.map(cluster, byReference, byID, elsewhere).snapshot.gkeNodePools
        #expect(pools[0].cluster == .key("google_container_cluster.primary"))
        #expect(pools[0].kubelet?.insecureKubeletReadonlyPortEnabled == .known(false))
        #expect(pools[0].provenance.location == B.at(40))
        #expect(pools[1].cluster == .key("google_container_cluster.primary"))
        #expect(pools[1].kubelet == nil)
        #expect(pools[1].name == .unknown("the name is generated from name_prefix 'np-'"))
        #expect(pools[2].cluster == .external("other-cluster"))
    }

    @Test func firewalls() throws {
        let kubelet = B.resource(
            "google_compute_firewall", "kubelet", line: 60,
            [
                "name": .string("allow-kubelet"), "network": .string("default"),
                "allow": .list([
                    .object(["protocol": .string("tcp"), "ports": B.strings("10250", "10000-11000")]),
                    .object(["protocol": .string("icmp")])
                ]),
                "deny": B.block(["protocol": .string("all")]),
                "source_ranges": B.strings("0.0.0.0/0"), "target_tags": B.strings("gke-node")
            ])
        let egress = B.resource(
            "google_compute_firewall", "egress",
            [
                "name": .string("egress"), "direction": .string("EGRESS"), "disabled": .string("true"), "priority": .number(65534),
                "allow": B.block(["protocol": .string("sctp"), "ports": B.strings("10250 - 10255")])
            ])
        let bad = B.resource(
            "google_compute_firewall", "bad",
            [
                "name": .string("bad"), "allow": B.block(["protocol": .string("tcp"), "ports": B.strings("http")])
            ])
        let (snapshot, diagnostics) = B.map(kubelet, egress, bad)
        let first = try #require(snapshot.gcpFirewalls.first)
        #expect(
            first
                == GCPFirewall(
                    key: "google_compute_firewall.kubelet",
                    provenance: Provenance(resource: "google_compute_firewall.kubelet", location: B.at(60), origin: .terraform),
                    name: .known("allow-kubelet"),
                    allowed: [
                        GCPFirewall.Permission(
                            ipProtocol: .known(.tcp),
                            ports: .known([
                                PortRange(from: 10250, to: 10250),
                                PortRange(from: 10000, to: 11000)
                            ])),
                        GCPFirewall.Permission(ipProtocol: .known(.icmp), ports: .known([]))
                    ],
                    denied: [GCPFirewall.Permission(ipProtocol: .known(.all), ports: .known([]))],
                    sourceRanges: .known(["0.0.0.0/0"]), targetTags: .known(["gke-node"]), network: .external("default")))
        #expect(snapshot.gcpFirewalls[1].direction == .egress)
        #expect(snapshot.gcpFirewalls[1].disabled == .known(true))
        #expect(snapshot.gcpFirewalls[1].priority == .known(65534))
        #expect(snapshot.gcpFirewalls[1].allowed.first?.ipProtocol == .known(.number(132)))
        #expect(snapshot.gcpFirewalls[1].allowed.first?.ports == .known([PortRange(from: 10250, to: 10255)]))
        #expect(snapshot.gcpFirewalls[2].allowed.first?.ports == .unknown("port 'http' is not valid"))
        #expect(diagnostics.count == 1)
    }
}
