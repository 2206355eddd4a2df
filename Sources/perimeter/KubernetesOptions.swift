import ArgumentParser
import PerimeterRBAC

/// `--kubernetes-version`: which shipped bootstrap RBAC policy supplies built-in roles and the defaults.
struct KubernetesVersionOption: ParsableArguments {
    @Option(
        name: .customLong("kubernetes-version"),
        help: ArgumentHelp(
            "Kubernetes minor version whose bootstrap RBAC policy (cluster-admin, admin, edit, view, system:*) "
                + "supplies roles the inputs bind but do not define, and the defaults they are compared with.",
            discussion: "Shipped: \(BootstrapPolicy.shippedVersions.joined(separator: ", ")). Default: a live "
                + "cluster's own version when known, else the newest shipped.",
            valueName: "MAJOR.MINOR"))
    var kubernetesVersion: String?

    func validate() throws {
        if let kubernetesVersion, case .failure(let error) = BootstrapPolicy.select(requested: kubernetesVersion, serverVersion: nil) {
            throw ValidationError(error.message)
        }
    }

    /// The chosen policy; nil leaves the choice to each snapshot (its live version, else the newest).
    var policy: BootstrapPolicy? {
        kubernetesVersion.flatMap { try? BootstrapPolicy.select(requested: $0, serverVersion: nil).get() }
    }
}
