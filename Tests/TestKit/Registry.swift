import Linter
import Rules

/// Lints in-memory files with the built-in rules, built into one registry once.
public enum TestLint {
    /// The engine rules and every built-in rule.
    public static let registry: RuleRegistry = {
        do {
            return try RuleRegistry(BuiltinRules.all)
        } catch {
            fatalError("duplicate built-in rule: \(error)")
        }
    }()

    public static func outcome(_ files: [(String, String)], only rules: Set<String>? = nil) -> LintOutcome {
        let engine = LintEngine(
            registry: registry, configuration: Configuration(rootDirectory: "."), workers: 1, onlyRules: rules)
        return engine.lint(sources: files.map { SourceFile(path: $0.0, text: $0.1) })
    }

    public static func findings(_ files: [(String, String)], only rules: Set<String>) -> [Finding] {
        outcome(files, only: rules).findings.filter { rules.contains($0.ruleId) }
    }
}
