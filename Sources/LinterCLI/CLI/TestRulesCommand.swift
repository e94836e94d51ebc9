import Linter
import LinterCore

/// `ecslint test-rules [DIR...]`: runs the examples of declarative rule files.
struct TestRulesCommand {
    static let help = """
        Usage: ecslint test-rules [DIR...]

        Runs every example of the declarative rules in DIR (default: the rules.d shipped with
        ecslint). A valid example must give no finding of its rule; an invalid one at least one,
        exactly at its ↓ markers when it has any. Prints one line per failure and a summary.

        Exit codes: 0 all examples hold, 1 some fail, 2 a rule file does not load.
        """

    static func run(_ arguments: [String], console: Console, context: CommandContext) -> ExitCode {
        var directories: [String] = []
        for argument in arguments {
            if argument == "-h" || argument == "--help" {
                console.writeOut(help + "\n")
                return .clean
            }
            if argument.hasPrefix("-") && argument != "-" {
                console.writeError("ecslint test-rules: unknown option '\(argument)'\n\(help)\n")
                return .failure
            }
            directories.append(
                FilePath.resolve(argument, against: console.workingDirectory))
        }
        var registry: RuleRegistry
        do {
            registry = try RuleRegistry(context.builtinRules)
        } catch {
            console.writeError("ecslint: internal error: \(error.message)\n")
            return .failure
        }
        var compiledFiles: [RuleFileText] = []
        if directories.isEmpty {
            compiledFiles = context.shippedRuleFiles
            directories = context.shippedRuleDirectories
        } else {
            // Tested on their own, user rules must still not clash with the shipped ones. A tested
            // directory's file replaces the compiled-in file of the same name: testing rules.d
            // itself, or a copy being edited, does not clash with the copy in the binary.
            let testedNames = Set(directories.flatMap { directory in
                (RuleDirectoryLoader.ruleFiles(in: directory) ?? []).map(Self.fileName)
            })
            let kept = context.shippedRuleFiles.filter { !testedNames.contains(Self.fileName($0.path)) }
            if case .success(let rules) = RuleDirectoryLoader.loadRules(kept, existing: registry.allMetadata) {
                for rule in rules { try? registry.add(rule) }
            }
            for shipped in context.shippedRuleDirectories where !directories.contains(shipped) {
                if case .success(let rules) = RuleDirectoryLoader.load(shipped, existing: registry.allMetadata) {
                    for rule in rules { try? registry.add(rule) }
                }
            }
        }
        var tested: [DeclarativeRule] = []
        var loadErrors: [String] = []
        // Each set is loaded against the rules added before it, so a clash names both places.
        var sources: [([RuleMetadata]) -> Result<[DeclarativeRule], RuleLoadErrors>] = []
        if !compiledFiles.isEmpty { sources.append { RuleDirectoryLoader.loadRules(compiledFiles, existing: $0) } }
        for directory in directories {
            sources.append { RuleDirectoryLoader.loadRules(directory, existing: $0) }
        }
        for load in sources {
            switch load(registry.allMetadata) {
            case .failure(let errors):
                loadErrors += errors.errors.map(\.description)
            case .success(let rules):
                for rule in rules {
                    do {
                        try registry.add(rule)
                        tested.append(rule)
                    } catch {
                        loadErrors.append("\(rule.sourcePath):\(rule.position): error: \(error.message)")
                    }
                }
            }
        }
        if !loadErrors.isEmpty {
            console.writeError(loadErrors.map { $0 + "\n" }.joined())
            return .failure
        }
        let runner = DeclarativeExampleRunner(registry: registry)
        var passed = 0
        var failed = 0
        var lines = ""
        for rule in tested {
            let result = runner.run(rule)
            passed += result.passed
            failed += result.failures.count
            for failure in result.failures { lines += failure.description + "\n" }
            if rule.metadata.examples.isEmpty {
                lines += "\(rule.sourcePath):\(rule.position): \(rule.metadata.id) has no examples\n"
            }
        }
        console.writeOut(lines + "\(passed) passed, \(failed) failed\n")
        return failed == 0 ? .clean : .findings
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
