import PerimeterModel
import Testing

@testable import PerimeterKubelet

@Suite struct ReadOnlyPortUseTests {
    /// The samples printed in the source document (GKE's "disable the kubelet read-only port" page).
    @Test func gkeDocumentSamples() throws {
        let file = SharedData.path("k8s/kubelet/metrics/gke-docs-kubelet_http_requests_total-readonly.prom")
        let use = try #require(
            KubeletMetricsReader.read(
                try SharedData.text("k8s/kubelet/metrics/gke-docs-kubelet_http_requests_total-readonly.prom"),
                file: file, resource: "node-1.prom"))
        #expect(use.port == .known(10255))
        #expect(use.requestsByPath == ["healthz": 3, "metrics": 2549, "metrics/probes": 2546, "other": 2, "pods": 1, "stats": 2549])
        #expect(use.provenance.location?.line == 1)
    }

    @Test func labelEscapesAndReadWriteOnly() {
        #expect(KubeletMetricsReader.parseLabels(#"a="x\"y",b="2""#[...]) == ["a": "x\"y", "b": "2"])
        let text = #"kubelet_http_requests_total{path="metrics",server_type="readwrite"} 10"#
        #expect(KubeletMetricsReader.read(text, file: "m", resource: "m") == nil)
    }

    @Test func workloadReferences() throws {
        let yaml = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: scrape, namespace: ops}
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers:
                      - name: c
                        image: curl:8.8.0
                        readinessProbe:
                          httpGet: {path: /healthz, port: 10255}
                        env:
                        - {name: URL, value: "http://10.0.0.1:10255/pods"}
                        - {name: OTHER, value: "http://10.0.0.1:102550/pods"}
            """
        let document = try #require(try MarkedYAML.documents(yaml, file: "w.yaml").get().first)
        let uses = WorkloadPortReferences.find(in: document, file: "w.yaml")
        #expect(uses.map(\.provenance.resource) == ["CronJob/ops/scrape", "CronJob/ops/scrape"])
        #expect(uses.map(\.field).sorted() == ["containers[c].env[URL]", "containers[c].readinessProbe.httpGet.port"])
    }
}
