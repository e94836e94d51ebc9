import LinterCore

/// The registry's rules as the configuration sets them (enabled, severity, options), and the
/// configuration's rule keys that name no rule or option.
extension LintEngine {
    public var resolvedRules: [ResolvedRule] {
        registry.rules.map { rule in
            let metadata = rule.metadata
            let setting = configuration.rules[metadata.id] ?? configuration.rules[metadata.name]
            var enabled = setting?.enabled ?? metadata.isEnabled(extending: configuration.extends)
            if let onlyRules { enabled = onlyRules.contains(metadata.id) }
            return ResolvedRule(
                rule: rule, severity: setting?.severity ?? metadata.defaultSeverity, enabled: enabled,
                options: setting?.options ?? RuleOptions())
        }
    }

    /// Rule keys in the configuration that name no rule, and rule options no rule documents:
    /// configuration errors.
    public func unknownRuleKeys() -> [ConfigurationError] {
        var errors: [ConfigurationError] = []
        for key in configuration.rules.keys.sorted() where registry.rule(key) == nil {
            let position = configuration.sourceFile.flatMap { file in
                configuration.ruleKeyOffsets[key].map { file.position(of: $0) }
            }
            errors.append(
                ConfigurationError(
                    path: configuration.path ?? ConfigurationLoader.fileName, position: position,
                    message: "unknown rule '\(key)'" + Suggestion.didYouMean(key, registry.allKeys)))
        }
        for rule in resolvedRules {
            let documented = Set(rule.metadata.options.map(\.name))
            guard let entries = rule.options.node?.entries else { continue }
            for entry in entries {
                guard let name = entry.name, !documented.contains(name) else { continue }
                let position = configuration.sourceFile?.position(of: entry.key.range.start)
                errors.append(
                    ConfigurationError(
                        path: configuration.path ?? ConfigurationLoader.fileName, position: position,
                        message: "rule \(rule.metadata.id) (\(rule.metadata.name)) has no option '\(name)'"
                            + Suggestion.didYouMean(name, documented.sorted())))
            }
        }
        return errors
    }
}

/// The run's rules by position. Violations carry their rule as a position in these lists: a
/// rule's `metadata` goes through its existential and copies every string of it, too slow to ask
/// per violation.
struct RuleTable: Sendable {
    let rules: [ResolvedRule]
    let ids: [String]
    let names: [String]
    /// The severity `.ecslint.json` sets for each rule, by id or name; nil when it sets none.
    let configuredSeverities: [Severity?]
    private let positionById: [String: Int]

    init(_ rules: [ResolvedRule], configuration: Configuration) {
        self.rules = rules
        ids = rules.map(\.metadata.id)
        names = rules.map(\.metadata.name)
        configuredSeverities = zip(ids, names).map { id, name in
            configuration.rules[id]?.severity ?? configuration.rules[name]?.severity
        }
        positionById = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    var enabledPositions: [Int] { rules.indices.filter { rules[$0].enabled } }

    /// The position of an engine rule, whether or not it is enabled.
    func position(of rule: EngineRule) -> Int? { positionById[rule.metadata.id] }

    /// The position of an engine rule when it is enabled.
    func enabledPosition(of rule: EngineRule) -> Int? {
        position(of: rule).flatMap { rules[$0].enabled ? $0 : nil }
    }
}

/// A rule's violation with the severity it is reported at.
struct RuleViolation: Sendable {
    var rule: Int
    var violation: Violation
    var severity: Severity
}
