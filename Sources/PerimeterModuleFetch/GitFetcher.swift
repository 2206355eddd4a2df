import Foundation

/// Clones a Git source with the `git` binary: a shallow clone of a branch or tag, or a fetch of one commit.
/// Git never prompts (a missing credential is an error, not a hang) and its `.git` is dropped afterwards.
enum GitFetcher {
    static func fetch(url: String, ref: String?, into directory: String, timeout: Double) throws(ModuleFetchError) {
        // No prompts, and only the transports a module source may name (never `ext::`, which runs commands).
        let environment = [
            "GIT_TERMINAL_PROMPT": "0", "GIT_SSH_COMMAND": "ssh -o BatchMode=yes", "GIT_ASKPASS": "/bin/false",
            "GIT_ALLOW_PROTOCOL": "https:http:ssh:git:file"
        ]
        let deadline = Date().addingTimeInterval(timeout)
        func remaining() -> Double { max(1, deadline.timeIntervalSinceNow) }
        if let ref, isCommit(ref) {
            try ToolRunner.check(["git", "init", "-q", directory], timeout: remaining(), environment: environment)
            let fetched = try ToolRunner.run(
                ["git", "-C", directory, "fetch", "-q", "--depth", "1", "--", url, ref],
                timeout: remaining(), environment: environment)
            if fetched.status == 0 {
                try ToolRunner.check(
                    ["git", "-C", directory, "checkout", "-q", "FETCH_HEAD"], timeout: remaining(), environment: environment)
            } else {
                // A short hash or a server that refuses single commits: fetch everything, then check out.
                try ToolRunner.check(
                    [
                        "git", "-C", directory, "fetch", "-q", "--", url, "+refs/heads/*:refs/remotes/origin/*",
                        "+refs/tags/*:refs/tags/*"
                    ], timeout: remaining(), environment: environment)
                try ToolRunner.check(["git", "-C", directory, "checkout", "-q", ref], timeout: remaining(), environment: environment)
            }
        } else {
            var arguments = ["git", "clone", "-q", "--depth", "1"]
            if let ref { arguments += ["--branch", ref] }
            try ToolRunner.check(arguments + ["--", url, directory], timeout: remaining(), environment: environment)
        }
        try? FileManager.default.removeItem(atPath: directory + "/.git")
    }

    /// 7 to 40 hexadecimal digits: what Terraform users write for a commit.
    static func isCommit(_ ref: String) -> Bool {
        (7...40).contains(ref.count) && ref.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
