import Foundation
import PerimeterKubelet
import PerimeterModel
import Testing

@Suite struct UserDataReaderTests {
    private func settings(_ text: String) -> KubeletSettings {
        var settings = KubeletSettings(key: "lt", provenance: Provenance(resource: "lt", origin: .terraform), source: .userData)
        UserDataReader.read(text, into: &settings, file: "user-data") {
            PerimeterModel.SourceLocation(file: "user-data", line: $0, column: $1)
        }
        return settings
    }

    /// nodeadm's own e2e inputs (awslabs/amazon-eks-ami): flags and config in NodeConfig documents.
    @Test func nodeadmInputsFromAmazonEKSAMI() throws {
        let flags = settings(try SharedData.text("k8s/kubelet/eks-nodeadm/kubelet-flags--config.yaml"))
        #expect(flags.isEmpty, "--v, --node-labels and --register-with-taints are not security flags")
        let config = settings(try SharedData.text("k8s/kubelet/eks-nodeadm/kubelet-config-dir--config.kubelet-config-yaml.yaml"))
        #expect(config.isEmpty)
    }

    @Test func mimeArchiveWithScriptAndNodeConfig() throws {
        let nodeConfig = """
            apiVersion: node.eks.aws/v1alpha1
            kind: NodeConfig
            spec:
              kubelet:
                config:
                  readOnlyPort: 10255
                  authorization:
                    mode: AlwaysAllow
                flags:
                  - --read-only-port=0
            """
        let archive = """
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="==BOUNDARY=="\r
            \r
            --==BOUNDARY==\r
            Content-Type: text/x-shellscript\r
            \r
            #!/bin/bash\r
            echo --anonymous-auth=true > /tmp/flags\r
            --==BOUNDARY==\r
            Content-Type: application/node.eks.aws\r
            Content-Transfer-Encoding: base64\r
            \r
            \(Data(nodeConfig.utf8).base64EncodedString())\r
            --==BOUNDARY==--\r
            """
        let read = settings(archive)
        #expect(read.readOnlyPort?.value == .known(0), "NodeConfig flags override its config")
        #expect(read.authorizationMode?.value == .known("AlwaysAllow"))
        #expect(read.anonymousAuth?.value == .known(true))
        #expect(read.anonymousAuth?.location?.line == 8, "a plain part keeps its lines")
        #expect(read.authorizationMode?.location?.line == 10, "a base64 part is reported at its headers")
    }
}
