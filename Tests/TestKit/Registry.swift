import LinterCore
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

    /// The declarative rules shipped in rules.d, as compiled into the executable.
    public static let shippedRules: [DeclarativeRule] = {
        switch RuleDirectoryLoader.loadRules(ShippedRules.files(environment: [:]), existing: registry.allMetadata) {
        case .success(let rules): return rules
        case .failure(let errors): fatalError("the shipped rules do not load: \(errors.errors.map(\.description))")
        }
    }()

    /// The built-in rules and the shipped declarative ones: every rule `ecslint` runs.
    public static let registryWithShippedRules: RuleRegistry = {
        var registry = TestLint.registry
        do {
            for rule in shippedRules { try registry.add(rule) }
        } catch {
            fatalError("a shipped rule clashes with a built-in one: \(error)")
        }
        return registry
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
