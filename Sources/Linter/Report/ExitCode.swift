import LinterCore

/// The process exit codes, a contract with CI systems and pre-commit.
public enum ExitCode: Int32, Sendable {
    /// No finding at or above `failOn`.
    case clean = 0
    /// At least one finding at or above `failOn`.
    case findings = 1
    /// A usage, configuration or internal error: the tool could not do its job.
    case failure = 2
}
