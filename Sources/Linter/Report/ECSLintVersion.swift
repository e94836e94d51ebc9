import LinterCore

/// The version of ecslint, as reports and `--version` show it.
public enum ECSLintVersion {
    /// The release's semantic version: SARIF's `semanticVersion`, the wheel's and the tarball's.
    public static let current = "0.1.0"

    /// What `--version` prints: `ecslint 0.1.0`, with `(commit abc123…)` when it is known.
    public static func line(version: String, commit: String?) -> String {
        guard let commit, !commit.isEmpty else { return "ecslint \(version)" }
        return "ecslint \(version) (commit \(commit))"
    }
}
