/// Facts about the build itself. `buildCommit` comes from the BuildCommitPlugin's generated file.
public enum BuildInfo {
    public static let version = "0.2.0-dev"
    /// The short commit hash, `-dirty` when the tree had uncommitted changes, `unknown` outside git.
    public static let commit = buildCommit

    /// `0.2.0-dev (commit 1a2b3c4d5e6f)`, as `perimeter --version` prints it.
    public static var description: String { "\(version) (commit \(commit))" }
}
