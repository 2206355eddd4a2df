import PerimeterKubelet
import PerimeterModel
import Testing

@testable import PerimeterTerraform

/// `data "cloudinit_config"` as the provider renders it at plan time, read back by the user data reader.
@Suite struct CloudInitRendererTests {
    static func archive(_ values: [String: Value]) -> ResourceInstance {
        ResourceInstance(mode: .data, type: "cloudinit_config", name: "nodes", values: values)
    }

    static let parts: Value = .list([
        .object(["content": .string("#!/bin/bash\necho pre\n"), "content_type": .string("text/x-shellscript")]),
        .object([
            "content": .unknown(
                Unknown(
                    reason: "cluster endpoint unknown",
                    partial: PartialString(
                        prefix: "", suffix: "",
                        written:
                            "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n    flags:\n      - --read-only-port=10255\n  cluster:\n    apiServerEndpoint: ${aws_eks_cluster.this.endpoint}\n"
                    ))),
            "content_type": .string("application/node.eks.aws")
        ])
    ])

    @Test func partsBecomeAMIMEArchiveTheReaderUnderstands() throws {
        let text = try #require(CloudInitRenderer.text(Self.archive(["boundary": .string("//"), "gzip": .bool(false), "part": Self.parts])))
        #expect(text.hasPrefix("Content-Type: multipart/mixed; boundary=\"//\"\n"))
        #expect(text.hasSuffix("--//--\n"))
        let settings = try #require(
            LaunchTemplateKubelet.settings(
                userData: .unknown("rendered is known only after apply"), partialText: text, key: "lt",
                provenance: .init(resource: "lt", origin: .terraform), location: nil))
        #expect(settings.readOnlyPort?.value == .known(10255))
    }

    @Test func gzipOrPartsNotKnownCannotBeRendered() {
        #expect(CloudInitRenderer.text(Self.archive(["gzip": .bool(true), "part": Self.parts])) == nil)
        #expect(CloudInitRenderer.text(Self.archive(["gzip": .unknown(Unknown(reason: "x")), "part": Self.parts])) == nil)
        #expect(CloudInitRenderer.text(Self.archive(["part": .unknown(Unknown(reason: "dynamic part over an unknown list"))])) == nil)
        #expect(CloudInitRenderer.text(Self.archive(["part": .list([.object(["content": .unknown(Unknown(reason: "x"))])])])) == nil)
        #expect(CloudInitRenderer.text(ResourceInstance(mode: .managed, type: "cloudinit_config", name: "x", values: [:])) == nil)
    }
}
