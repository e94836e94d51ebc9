import LinterCore

/// The resolved, immutable configuration of a run.
public struct Configuration: Sendable {
    /// A rule's setting: off, or on with an optional severity and options.
    public struct RuleSetting: Sendable {
        public var enabled: Bool
        public var severity: Severity?
        public var options: RuleOptions

        public init(enabled: Bool = true, severity: Severity? = nil, options: RuleOptions = RuleOptions()) {
            self.enabled = enabled
            self.severity = severity
            self.options = options
        }
    }

    /// `{ "path": glob, "rules": [...] }`: silence rules in matching files.
    public struct IgnoreEntry: Sendable {
        public var path: String
        public var rules: [String]
        public var location: Location?

        public init(path: String, rules: [String], location: Location? = nil) {
            self.path = path
            self.rules = rules
            self.location = location
        }
    }

    /// The file the configuration came from, if any.
    public var path: String?
    /// The directory findings are reported relative to: where the config or `.git` lives.
    public var rootDirectory: String
    /// Settings per rule id or name, as written (resolved against the registry by the engine).
    public var rules: [String: RuleSetting]
    public var include: [String]
    public var exclude: [String]
    public var settings: LintSettings
    public var repositories: [String: RepositoryMapping]
    public var rulesDirectories: [String]
    /// Presets (`RulePreset`) whose rules run besides the recommended ones.
    public var extends: [String]
    public var ignore: [IgnoreEntry]
    public var failOn: Severity
    public var limits: ParseLimits
    /// Bounds on evaluating Terraform expressions (`limits` keys too).
    public var evaluationLimits = HCLEvaluationLimits.default
    /// `terraform.varFiles`: variable files (absolute paths) applied after the tfvars files that
    /// Terraform loads itself, each to the root module in its directory, as `-var-file` would.
    public var terraformVarFiles: [String] = []
    /// Files larger than this are skipped with a warning.
    public var maxFileSize: Int

    /// Where each key of `rules` is written, to report unknown rule ids.
    public var ruleKeyOffsets: [String: Int] = [:]
    public var sourceFile: SourceFile?

    public static let defaultMaxFileSize = 20 * 1024 * 1024

    public init(
        path: String? = nil, rootDirectory: String, rules: [String: RuleSetting] = [:], include: [String] = [],
        exclude: [String] = [], settings: LintSettings = LintSettings(), repositories: [String: RepositoryMapping] = [:],
        rulesDirectories: [String] = [], extends: [String] = [], ignore: [IgnoreEntry] = [], failOn: Severity = .warning,
        limits: ParseLimits = .default, maxFileSize: Int = Configuration.defaultMaxFileSize
    ) {
        self.path = path
        self.rootDirectory = rootDirectory
        self.rules = rules
        self.include = include
        self.exclude = exclude
        self.settings = settings
        self.repositories = repositories
        self.rulesDirectories = rulesDirectories
        self.extends = extends
        self.ignore = ignore
        self.failOn = failOn
        self.limits = limits
        self.maxFileSize = maxFileSize
    }
}
