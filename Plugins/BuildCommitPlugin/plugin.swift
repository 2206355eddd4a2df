import Foundation
import PackagePlugin

/// Writes the commit the package is built from into `BuildCommit.swift` before every build, so that
/// `perimeter --version` names it. A prebuild command, because the manifest alone is evaluated once and
/// cached: a commit read there goes stale. The file is rewritten only when the commit changed.
@main
struct BuildCommitPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildCommit.swift")
        let script = """
            commit=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
            [ "$commit" = unknown ] || git -C "$1" diff --quiet HEAD -- 2>/dev/null || commit="$commit-dirty"
            text="let buildCommit = \\"$commit\\""
            [ "$(cat "$2" 2>/dev/null)" = "$text" ] || printf '%s\\n' "$text" > "$2"
            """
        return [
            .prebuildCommand(
                displayName: "Recording the commit perimeter is built from",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script, "sh", context.package.directoryURL.path, output.path],
                outputFilesDirectory: context.pluginWorkDirectoryURL)
        ]
    }
}
