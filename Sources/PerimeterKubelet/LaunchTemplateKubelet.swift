import PerimeterModel

/// The kubelet settings a launch template's or instance's user data gives its nodes, whichever input
/// the template came from (Terraform, a plan, the EC2 API).
public enum LaunchTemplateKubelet {
    /// nil when the user data is unknown, has no kubelet settings, or sets none of the three.
    /// Findings point at `location` (the `user_data` attribute, or the template itself).
    public static func settings(
        userData: Resolved<String>?, key: String, provenance: Provenance,
        location: SourceLocation?
    ) -> KubeletSettings? {
        guard case .known(let text)? = userData else { return nil }
        guard UserDataReader.looksLikeUserData(text) || KubeletFlags.mentionsFlags(text) else { return nil }
        var settings = KubeletSettings(key: key + "#user_data", provenance: provenance, source: .userData)
        UserDataReader.read(text, into: &settings, file: location?.file ?? provenance.resource) { _, _ in location }
        return settings.isEmpty ? nil : settings
    }
}
