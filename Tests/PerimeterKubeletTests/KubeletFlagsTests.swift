import PerimeterKubelet
import PerimeterModel
import Testing

@Suite struct KubeletFlagsTests {
    private func read(_ text: String) -> (Int?, Bool?, String?, [PerimeterModel.SourceLocation?]) {
        let read = KubeletFlags.read(text) { PerimeterModel.SourceLocation(file: "f", line: $0, column: $1) }
        return (
            read.readOnlyPort?.value.value, read.anonymousAuth?.value.value, read.authorizationMode?.value.value,
            [read.readOnlyPort?.location, read.anonymousAuth?.location, read.authorizationMode?.location]
        )
    }

    @Test func spellings() {
        #expect(read("--read-only-port=10255").0 == 10255)
        #expect(read("--read-only-port 10255").0 == 10255)
        #expect(read("--read-only-port=\"10255\"").0 == 10255)
        #expect(read("--anonymous-auth").1 == true)
        #expect(read("--anonymous-auth=false").1 == false)
        // pflag: a bool flag takes its value only after '='; 'false' here is a positional argument.
        #expect(read("--anonymous-auth false").1 == true)
        #expect(read("--authorization-mode AlwaysAllow").2 == "AlwaysAllow")
        #expect(read("--read-only-port-other=1").0 == nil)
    }

    @Test func lastOccurrenceWinsAndCommentsAreSkipped() {
        let text = """
            # --read-only-port=10255 used to be here
            KUBELET_EXTRA_ARGS="--read-only-port=10255 --anonymous-auth=true"
            KUBELET_EXTRA_ARGS="$KUBELET_EXTRA_ARGS --read-only-port=0"
            """
        let (port, anonymous, mode, locations) = read(text)
        #expect(port == 0)
        #expect(anonymous == true)
        #expect(mode == nil)
        #expect(locations[0] == PerimeterModel.SourceLocation(file: "f", line: 3, column: 41))
        #expect(locations[1] == PerimeterModel.SourceLocation(file: "f", line: 2, column: 44))
    }

    @Test func bootstrapExtraArgs() {
        let (port, anonymous, mode, _) = read(
            "/etc/eks/bootstrap.sh prod --kubelet-extra-args '--node-labels=a=b --read-only-port=10255 --authorization-mode=AlwaysAllow'")
        #expect(port == 10255)
        #expect(anonymous == nil)
        #expect(mode == "AlwaysAllow")
    }

    @Test func templatedValuesAreUnknown() {
        let read = KubeletFlags.read("--read-only-port=${PORT} --anonymous-auth={{ .Values.anon }}") { _, _ in nil }
        #expect(read.readOnlyPort?.value.isKnown == false)
        #expect(read.anonymousAuth?.value.isKnown == false)
    }
}
