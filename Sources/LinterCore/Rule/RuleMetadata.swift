/// Everything known about a rule besides its logic: it feeds `ecslint rules`, `explain`, the
/// generated docs, SARIF `rules[]` and the examples-as-tests harness.
public struct RuleMetadata: Sendable {
    public enum Category: String, Sendable, CaseIterable {
        case correctness, reliability, security, maintainability, engine
    }

    /// Stable forever, never reused: `ECS101`.
    public var id: String
    /// Kebab-case alias accepted wherever the id is: `image-latest-tag`.
    public var name: String
    /// One sentence.
    public var summary: String
    /// Markdown: why the rule exists and how to fix what it finds.
    public var rationale: String
    public var defaultSeverity: Severity
    public var category: Category
    public var tags: [String]
    /// 0.1–10.0, for security rules (GitHub code scanning sorts by it).
    public var securitySeverity: Double?
    /// In the `recommended` preset: on unless the configuration turns it off.
    public var enabledByDefault: Bool
    /// Opt-in presets (`RulePreset`) that turn the rule on when the configuration extends them.
    public var presets: [String]
    public var references: [String]
    public var options: [RuleOptionDoc]
    public var examples: [RuleExample]
    /// The classes of the fixes the rule offers (none when it offers none); the examples runner
    /// checks that its examples show each.
    public var fixes: [FixSafety]
    /// Overrides the generated documentation page address (declarative rules may set one).
    public var helpURI: String?

    public init(
        id: String, name: String, summary: String, rationale: String, defaultSeverity: Severity,
        category: Category, tags: [String] = [], securitySeverity: Double? = nil, enabledByDefault: Bool = true,
        presets: [String] = [], references: [String] = [], options: [RuleOptionDoc] = [],
        examples: [RuleExample] = [], fixes: [FixSafety] = [], helpURI: String? = nil
    ) {
        self.id = id
        self.name = name
        self.summary = summary
        self.rationale = rationale
        self.defaultSeverity = defaultSeverity
        self.category = category
        self.tags = tags
        self.securitySeverity = securitySeverity
        self.enabledByDefault = enabledByDefault
        self.presets = presets
        self.references = references
        self.options = options
        self.examples = examples
        self.fixes = fixes.sorted()
        self.helpURI = helpURI
    }

    public static let documentationBase = "https://github.com/ecslint/ecslint/blob/main/docs/rules/"

    /// Whether the rule runs when the configuration extends `presets` and does not set it.
    public func isEnabled(extending presets: [String]) -> Bool {
        enabledByDefault || self.presets.contains { presets.contains($0) }
    }

    /// How the rule is switched on, for listings: `on`, `off`, or the presets that turn it on.
    public var defaultState: String {
        if enabledByDefault { return "on" }
        return presets.isEmpty ? "off" : presets.joined(separator: ", ")
    }

    /// Where the rule's documentation page lives.
    public var documentationURI: String { helpURI ?? RuleMetadata.documentationBase + id + ".md" }
}

/// One documented option of a rule.
public struct RuleOptionDoc: Sendable {
    public var name: String
    public var type: String
    public var defaultValue: String
    public var description: String

    public init(name: String, type: String, defaultValue: String, description: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.description = description
    }
}

/// A documented example that is also a test. Files may hold `↓` markers where each finding of the
/// rule must start; an invalid example has at least one, a valid example none.
///
/// When the rule's findings in an invalid example carry fixes, each file gives its `fixed` text:
/// what applying every fix (safe and unsafe) makes of it. Its markers are the findings that
/// remain; without any, the fixed text lints clean for the rule.
public struct RuleExample: Sendable {
    public enum Kind: String, Sendable { case valid, invalid }

    public struct File: Sendable {
        public var name: String
        public var source: String
        /// The text after the fixes, when the example shows them (nil: the file does not change).
        public var fixed: String?

        public init(_ name: String, _ source: String, fixed: String? = nil) {
            self.name = name
            self.source = source
            self.fixed = fixed
        }
    }

    public static let marker: Character = "↓"

    public var kind: Kind
    public var files: [File]
    /// `.ecslint.json` text for this example (rule options, repositories, stable tags).
    public var configuration: String?
    /// A short caption for docs.
    public var caption: String?

    public init(_ kind: Kind, _ files: [File], configuration: String? = nil, caption: String? = nil) {
        self.kind = kind
        self.files = files
        self.configuration = configuration
        self.caption = caption
    }

    public static func valid(_ name: String, _ source: String, configuration: String? = nil, caption: String? = nil)
        -> RuleExample
    {
        RuleExample(.valid, [File(name, source)], configuration: configuration, caption: caption)
    }

    public static func invalid(
        _ name: String, _ source: String, fixed: String? = nil, configuration: String? = nil, caption: String? = nil
    ) -> RuleExample {
        RuleExample(.invalid, [File(name, source, fixed: fixed)], configuration: configuration, caption: caption)
    }

    /// Whether the example shows fixed text.
    public var showsFix: Bool { files.contains { $0.fixed != nil } }
}
