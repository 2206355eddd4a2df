import Foundation
import PerimeterKubernetes
import PerimeterModel

@testable import PerimeterRBAC

/// Real data beside the clone: `../shared/data/k8s`.
enum SharedData {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let k8s = package.deletingLastPathComponent().appendingPathComponent("shared/data/k8s")

    static func path(_ relative: String) -> String { k8s.appendingPathComponent(relative).path }

    /// The upstream bootstrap policy: every file in bootstrap-rbac/, loaded together.
    static let bootstrap: Snapshot = {
        var snapshot = Snapshot()
        for file in [
            "cluster-roles.yaml", "cluster-role-bindings.yaml", "namespace-roles.yaml", "namespace-role-bindings.yaml",
            "controller-roles.yaml", "controller-role-bindings.yaml"
        ] {
            snapshot.merge(ManifestLoader.load(file: path("bootstrap-rbac/" + file)).snapshot)
        }
        return snapshot
    }()
}

/// Objects written inline, as a manifest file would hold them.
func manifests(_ yaml: String) -> Snapshot {
    let result = ManifestLoader.load(text: yaml, file: "inline.yaml", origin: .file)
    precondition(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
    return result.snapshot
}

func subjects(_ answer: [SubjectGrants]) -> [String] { answer.map(\.subject.description) }
