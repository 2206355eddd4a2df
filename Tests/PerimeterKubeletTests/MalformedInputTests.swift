import Foundation
import PerimeterKubelet
import PerimeterModel
import Testing

/// Truncated and mutated node inputs never crash the readers.
@Suite struct MalformedInputTests {
    static let samples: [String] = [
        "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"B\"\n\n--B\nContent-Type: application/node.eks.aws\nContent-Transfer-Encoding: base64\n\nYXBp\n--B--\n",
        "#!/bin/bash\n/etc/eks/bootstrap.sh prod --kubelet-extra-args '--read-only-port=10255 --anonymous-auth=\"true\"'\n",
        "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n    flags: [\"--authorization-mode=AlwaysAllow\"]\n",
        "kubelet_http_requests_total{path=\"pods\",server_type=\"readonly\"} 3\n"
    ]

    @Test(arguments: samples.indices)
    func everyPrefixAndMutationIsSafe(index: Int) {
        let sample = Array(Self.samples[index].utf8)
        var generator = SystemRandomNumberGenerator()
        var inputs: [String] = (0...sample.count).map { String(decoding: sample.prefix($0), as: UTF8.self) }
        let alphabet = Array("\"'=:-{}[]\n\r\t $#,\\".utf8)
        for _ in 0..<200 {
            var bytes = sample
            for _ in 0..<3 { bytes[Int.random(in: 0..<bytes.count, using: &generator)] = alphabet.randomElement(using: &generator)! }
            inputs.append(String(decoding: bytes, as: UTF8.self))
        }
        for text in inputs {
            var settings = KubeletSettings(key: "k", provenance: Provenance(resource: "k", origin: .file), source: .userData)
            UserDataReader.read(text, into: &settings, file: "f") { PerimeterModel.SourceLocation(file: "f", line: $0, column: $1) }
            _ = KubeletFlags.read(text) { _, _ in nil }
            _ = KubeletMetricsReader.read(text, file: "f", resource: "f")
            if case .success(let documents) = MarkedYAML.documents(text, file: "f") {
                for document in documents { _ = WorkloadPortReferences.find(in: document, file: "f") }
            }
        }
    }
}
