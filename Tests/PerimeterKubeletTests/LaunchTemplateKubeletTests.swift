import Foundation
import PerimeterKubelet
import PerimeterModel
import Testing

/// User data as the EC2 API returns it (decoded from base64 by the collector), or as Terraform evaluates it.
@Suite struct LaunchTemplateKubeletTests {
    let provenance = Provenance(resource: "lt-0abc", origin: .aws)

    @Test func liveTemplateWithBootstrapFlags() throws {
        let userData = "#!/bin/bash\n/etc/eks/bootstrap.sh prod --kubelet-extra-args '--read-only-port=10255 --anonymous-auth=false'\n"
        let settings = try #require(
            LaunchTemplateKubelet.settings(userData: .known(userData), key: "lt-0abc", provenance: provenance, location: nil))
        #expect(settings.key == "lt-0abc#user_data")
        #expect(settings.source == .userData)
        #expect(settings.readOnlyPort?.value == .known(10255))
        #expect(settings.anonymousAuth?.value == .known(false))
        #expect(settings.authorizationMode == nil)
    }

    @Test func nothingToReport() {
        #expect(
            LaunchTemplateKubelet.settings(
                userData: .known("#!/bin/bash\n/etc/eks/bootstrap.sh prod\n"), key: "k",
                provenance: provenance, location: nil) == nil)
        #expect(LaunchTemplateKubelet.settings(userData: nil, key: "k", provenance: provenance, location: nil) == nil)
    }

    /// User data known only after apply may set any of the three: unknown, never assumed safe.
    @Test func unknownUserDataLeavesEverySettingUnknown() throws {
        let settings = try #require(
            LaunchTemplateKubelet.settings(userData: .unknown("known after apply"), key: "k", provenance: provenance, location: nil))
        #expect(settings.readOnlyPort?.value == .unknown("known after apply") && settings.readOnlyPort?.text == "user_data")
        #expect(settings.anonymousAuth?.value.isKnown == false && settings.authorizationMode?.value.isKnown == false)
    }

    /// User data known in part: the flags written around the unknown parts count, one set from an unknown part is unknown.
    @Test func partlyKnownUserDataKeepsItsKnownFlags() throws {
        let written =
            "#!/bin/bash\n/etc/eks/bootstrap.sh ${var.name} --kubelet-extra-args '--anonymous-auth=true --read-only-port=${var.port}'\n"
        let settings = try #require(
            LaunchTemplateKubelet.settings(
                userData: .unknown("var.name has no value"), partialText: written, key: "k", provenance: provenance, location: nil))
        #expect(settings.anonymousAuth?.value == .known(true))
        #expect(settings.readOnlyPort?.value.isKnown == false)
        #expect(settings.authorizationMode == nil)
    }
}
