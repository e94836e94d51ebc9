/// The read-only world a rule sees: the project model, its cross-file index, the rule's options
/// and the shared settings from the configuration.
public struct RuleContext: Sendable {
    public var project: ProjectModel
    public var options: RuleOptions
    public var settings: LintSettings

    public init(project: ProjectModel, options: RuleOptions = RuleOptions(), settings: LintSettings = LintSettings()) {
        self.project = project
        self.options = options
        self.settings = settings
    }

    public var index: ProjectIndex { project.index }
}

/// Settings that several rules read, from `.ecslint.json`.
public struct LintSettings: Sendable {
    public static let defaultStableTagPatterns = ["v[0-9]*", "stable-*", "release-*", "prod-*"]

    /// Tags that name releases and must never be expired by a lifecycle policy.
    public var stableTagPatterns: [String]
    /// Tags CI pushes together with every image (for example `sha-*`), which stay on an image
    /// after its main tag moves.
    public var coTags: [String]

    public init(stableTagPatterns: [String] = LintSettings.defaultStableTagPatterns, coTags: [String] = []) {
        self.stableTagPatterns = stableTagPatterns
        self.coTags = coTags
    }
}
