import Linter
import LinterCore

/// What every command needs to know about the build it runs in.
public struct CommandContext: Sendable {
    public var version: String
    /// The commit the binary was built from, when the build recorded it (release packages do).
    public var commit: String?
    public var limits: ParseLimits
    public var builtinRules: [any Rule]
    /// The shipped rules compiled into the executable (rules.d's files), always loaded.
    public var shippedRuleFiles: [RuleFileText]
    /// rules.d directories on disk, always loaded (`ECSLINT_RULES_D`, which replaces the files
    /// compiled in).
    public var shippedRuleDirectories: [String]

    public init(
        version: String = ECSLintVersion.current, commit: String? = nil, limits: ParseLimits = .default,
        builtinRules: [any Rule] = [], shippedRuleFiles: [RuleFileText] = [], shippedRuleDirectories: [String] = []
    ) {
        self.version = version
        self.commit = commit
        self.limits = limits
        self.builtinRules = builtinRules
        self.shippedRuleFiles = shippedRuleFiles
        self.shippedRuleDirectories = shippedRuleDirectories
    }

    /// Adds every shipped rule, compiled-in files first; returns an error message on failure.
    func loadShippedRules(_ registry: inout RuleRegistry) -> String? {
        if !shippedRuleFiles.isEmpty {
            let loaded = RuleDirectoryLoader.loadRules(shippedRuleFiles, existing: registry.allMetadata)
            if let message = add(loaded.map { $0 }, from: "rules.d", &registry) { return message }
        }
        for directory in shippedRuleDirectories {
            if let message = loadRuleDirectory(directory, &registry) { return message }
        }
        return nil
    }

    /// Adds the declarative rules of a directory; returns an error message on failure.
    func loadRuleDirectory(_ directory: String, _ registry: inout RuleRegistry) -> String? {
        add(RuleDirectoryLoader.load(directory, existing: registry.allMetadata), from: directory, &registry)
    }

    private func add(_ loaded: Result<[any Rule], RuleLoadErrors>, from source: String, _ registry: inout RuleRegistry) -> String? {
        switch loaded {
        case .failure(let errors):
            return errors.description + "\n"
        case .success(let rules):
            for rule in rules {
                do {
                    try registry.add(rule)
                } catch {
                    return "\(source): error: \(error.message)\n"
                }
            }
            return nil
        }
    }
}

/// The `ecslint` command line. `main.swift` only forwards `CommandLine.arguments` here, so
/// end-to-end tests drive exactly what users run, in process.
public struct CommandLineTool: Sendable {
    public var context: CommandContext

    public init(context: CommandContext = CommandContext()) {
        self.context = context
    }

    public static let help = """
        ecslint — a static analyzer for AWS ECS task definitions, services, ECR repositories and
        lifecycle policies, in API JSON, CloudFormation, CDK output, Terraform source (.tf,
        .tfvars) and plans, and ecspresso configs.

        Usage: ecslint [lint] [OPTIONS] [PATH...]
               ecslint <command> [OPTIONS]

        Commands:
          lint           lint files and directories (the default command)
          rules          list every rule with its id, name, severity, state and fixes
          explain        show a rule's rationale and examples (by id or name)
          init           write a starter .ecslint.json
          generate-docs  write docs/rules/*.md from the rule metadata (--check to verify)
          test-rules     run the examples of declarative rule files
          lsp            run the Language Server over stdio (for editors)
          dump           print the parsed tree or the normalized model of files
          -h, --help     show this help
          --version      print the version (and the commit of a release build)

        Run 'ecslint <command> --help' for a command's options.
        """

    public func run(_ arguments: [String], console: Console) -> ExitCode {
        guard let first = arguments.first else {
            return LintCommand.run([], console: console, context: context)
        }
        let rest = Array(arguments.dropFirst())
        switch first {
        case "--version":
            console.writeOut(ECSLintVersion.line(version: context.version, commit: context.commit) + "\n")
            return .clean
        case "-h", "--help", "help":
            console.writeOut(CommandLineTool.help + "\n")
            return .clean
        case "dump":
            return DumpCommand.run(rest, console: console, context: context)
        case "lint":
            return LintCommand.run(rest, console: console, context: context)
        case "rules":
            return RulesCommand.run(rest, console: console, context: context)
        case "explain":
            return ExplainCommand.run(rest, console: console, context: context)
        case "init":
            return InitCommand.run(rest, console: console, context: context)
        case "generate-docs":
            return GenerateDocsCommand.run(rest, console: console, context: context)
        case "test-rules":
            return TestRulesCommand.run(rest, console: console, context: context)
        case "lsp":
            return LSPCommand.run(rest, console: console, context: context)
        default:
            return LintCommand.run(arguments, console: console, context: context)
        }
    }
}
