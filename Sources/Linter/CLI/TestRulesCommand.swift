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
                argument.hasPrefix("/") ? argument : FilePath.normalize(console.workingDirectory + "/" + argument))
        }
        var registry: RuleRegistry
        do {
            registry = try RuleRegistry(context.builtinRules)
        } catch {
            console.writeError("ecslint: internal error: \(error.message)\n")
            return .failure
        }
        if directories.isEmpty {
            directories = context.shippedRuleDirectories
        } else {
            // Tested on their own, user rules must still not clash with the shipped ones.
            for shipped in context.shippedRuleDirectories where !directories.contains(shipped) {
                if case .success(let rules) = RuleDirectoryLoader.load(shipped, existing: registry.allMetadata) {
                    for rule in rules { try? registry.add(rule) }
                }
            }
        }
        var tested: [DeclarativeRule] = []
        var loadErrors: [String] = []
        for directory in directories {
            switch RuleDirectoryLoader.loadRules(directory, existing: registry.allMetadata) {
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
}
