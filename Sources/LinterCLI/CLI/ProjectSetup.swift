import Linter
import LinterCore

/// Loads the configuration and the rule registry (built-ins plus rules.d) for a command.
struct ProjectSetup {
    var configuration: Configuration
    var registry: RuleRegistry

    enum Result {
        case success(ProjectSetup)
        case failure(String)
    }

    enum ConfigurationResult {
        case success(Configuration)
        case failure(String)
    }

    static func load(configPath: String?, workingDirectory: String, context: CommandContext) -> Result {
        switch loadConfiguration(configPath: configPath, workingDirectory: workingDirectory) {
        case .failure(let message): return .failure(message)
        case .success(let configuration): return load(configuration: configuration, context: context)
        }
    }

    /// The configuration alone: cheap, and all that parsing a file needs.
    static func loadConfiguration(configPath: String?, workingDirectory: String) -> ConfigurationResult {
        let path = configPath.map { FilePath.resolve($0, against: workingDirectory) }
            ?? ConfigurationLoader.discover(from: workingDirectory)
        guard let path else {
            return .success(Configuration(rootDirectory: ConfigurationLoader.projectRoot(from: workingDirectory)))
        }
        do {
            return .success(
                try ConfigurationLoader().load(
                    path: path, displayPath: FilePath.relative(path, to: FilePath.normalize(workingDirectory))))
        } catch {
            return .failure(error.description + "\n")
        }
    }

    /// The rule registry for a loaded configuration: the built-in rules and every rule directory.
    static func load(configuration: Configuration, context: CommandContext) -> Result {
        var registry: RuleRegistry
        do {
            registry = try RuleRegistry(context.builtinRules)
        } catch {
            return .failure("ecslint: internal error: \(error.message)\n")
        }
        if let message = context.loadShippedRules(&registry) { return .failure(message) }
        for directory in configuration.rulesDirectories {
            switch context.loadRuleDirectory(directory, &registry) {
            case .none: break
            case .some(let message): return .failure(message)
            }
        }
        let engine = LintEngine(registry: registry, configuration: configuration)
        let errors = engine.unknownRuleKeys()
        if !errors.isEmpty {
            return .failure(errors.map { $0.description + "\n" }.joined())
        }
        return .success(ProjectSetup(configuration: configuration, registry: registry))
    }
}
