import LinterCore

/// A rule as configured for this run.
public struct ResolvedRule: Sendable {
    public var rule: any Rule
    public var severity: Severity
    public var enabled: Bool
    public var options: RuleOptions

    public var metadata: RuleMetadata { rule.metadata }
}

/// What a lint run produced.
public struct LintOutcome: Sendable {
    public var findings: [Finding]
    /// Every file read, by root-relative path (for code frames and editors).
    public var sources: [String: SourceFile]
    /// Every rule of the registry with its configured state, in registry order.
    public var rules: [ResolvedRule]
    public var fileCount: Int
    /// Fingerprints of every finding before the baseline filter (for `--write-baseline`), in no
    /// particular order, as numbers (see `Finding.fingerprintHash`).
    public var allFingerprintHashes: [UInt64]

    /// `allFingerprintHashes` as written in baselines and reports.
    public var allFingerprints: [String] { allFingerprintHashes.map(Fingerprint.hex(hash:)) }
    /// The model and index the findings were computed from.
    public var project: ProjectModel
    /// Root-relative paths of the linted files (those in focus, when files were named) that hold
    /// no ECS or ECR shape ecslint knows, so nothing in them was checked.
    public var unrecognizedPaths: [String] = []
    /// Byte ranges of secret values per root-relative path (`SecretDetector.secretLocations`),
    /// which no report may show, not even in a code frame.
    public var secretRanges: [String: [ByteRange]] = [:]
    /// The files findings were limited to (source paths), when files were named: the rest of the
    /// project was read as context only.
    public var focus: Set<String>?
}
