import PerimeterModel

/// The kubelet settings a launch template's or instance's user data gives its nodes, whichever input
/// the template came from (Terraform, a plan, the EC2 API).
public enum LaunchTemplateKubelet {
    /// nil when the user data has no kubelet settings or sets none of the three. User data that is wholly
    /// unknown leaves all three unknown; `partialText` is user data known only in part, written with each unknown
    /// part as `${reference}`, so the flags around those parts still count and a flag set from one is unknown.
    /// Findings point at `location` (the `user_data` attribute, or the template itself).
    public static func settings(
        userData: Resolved<String>?, partialText: String? = nil, key: String, provenance: Provenance,
        location: SourceLocation?
    ) -> KubeletSettings? {
        var settings = KubeletSettings(key: key + "#user_data", provenance: provenance, source: .userData)
        let text: String
        switch userData {
        case nil: return nil
        case .known(let known)?: text = known
        case .unknown(let why)?:
            guard let partialText else {
                let reason = why
                settings.readOnlyPort = KubeletSetting(value: .unknown(reason), location: location, text: "user_data")
                settings.anonymousAuth = KubeletSetting(value: .unknown(reason), location: location, text: "user_data")
                settings.authorizationMode = KubeletSetting(value: .unknown(reason), location: location, text: "user_data")
                return settings
            }
            text = partialText
        }
        guard UserDataReader.looksLikeUserData(text) || KubeletFlags.mentionsFlags(text) else { return nil }
        UserDataReader.read(text, into: &settings, file: location?.file ?? provenance.resource) { _, _ in location }
        return settings.isEmpty ? nil : settings
    }
}
