#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Linter
import LinterCore

/// `ecslint rules`: every rule with its id, name, severity, state and summary.
struct RulesCommand {
    static let help = """
        Usage: ecslint rules [--config FILE] [--format text|json]

        Lists every rule (built-in and rules.d) with its effective severity, whether it is enabled
        under the current configuration, and the preset that turns it on ("extends" in .ecslint.json):

        """ + RulePreset.all.map { "  \($0.name.padded(to: 12)) \($0.summary)" }
        .joined(separator: "\n")

    static func run(_ arguments: [String], console: Console, context: CommandContext) -> ExitCode {
        var configPath: String?
        var json = false
        var scanner = ArgumentScanner(arguments)
        while let argument = scanner.next() {
            let (name, inline) = ArgumentScanner.split(argument)
            switch name {
            case "-h", "--help":
                console.writeOut(help + "\n")
                return .clean
            case "--config":
                guard let value = try? scanner.value(for: name, inline: inline) else {
                    console.writeError("ecslint rules: --config needs a value\n")
                    return .failure
                }
                configPath = value
            case "--format":
                let value = (try? scanner.value(for: name, inline: inline)) ?? ""
                guard value == "json" || value == "text" else {
                    console.writeError("ecslint rules: --format takes text or json\n")
                    return .failure
                }
                json = value == "json"
            default:
                console.writeError("ecslint rules: unknown argument '\(argument)'\n\(help)\n")
                return .failure
            }
        }
        switch ProjectSetup.load(configPath: configPath, workingDirectory: console.workingDirectory, context: context) {
        case .failure(let message):
            console.writeError(message)
            return .failure
        case .success(let setup):
            let engine = LintEngine(registry: setup.registry, configuration: setup.configuration)
            let rules = engine.resolvedRules.sorted { $0.metadata.id < $1.metadata.id }
            if json {
                let value = JSONValue.array(rules.map { rule in
                    .object([
                        ("id", .string(rule.metadata.id)), ("name", .string(rule.metadata.name)),
                        ("severity", .string(rule.severity.rawValue)), ("enabled", .bool(rule.enabled)),
                        ("presets", .array(
                            ((rule.metadata.enabledByDefault ? [RulePreset.recommended.name] : []) + rule.metadata.presets)
                                .map { JSONValue.string($0) })),
                        ("category", .string(rule.metadata.category.rawValue)),
                        ("fixes", .array(rule.metadata.fixes.map { .string($0.rawValue) })),
                        ("summary", .string(rule.metadata.summary)),
                    ])
                })
                console.writeOut(value.pretty + "\n")
                return .clean
            }
            let nameWidth = rules.map(\.metadata.name.count).max() ?? 4
            var output = "ID      " + "NAME".padded(to: nameWidth + 2) + "SEVERITY ON   PRESET      FIX    SUMMARY\n"
            for rule in rules {
                output += rule.metadata.id.padded(to: 8)
                output += rule.metadata.name.padded(to: nameWidth + 2)
                output += rule.severity.rawValue.padded(to: 9)
                output += (rule.enabled ? "yes" : "no").padded(to: 5)
                let preset = rule.metadata.enabledByDefault ? RulePreset.recommended.name : rule.metadata.presets.first ?? "-"
                output += preset.padded(to: 12)
                let fix = rule.metadata.fixes.count > 1 ? "both" : rule.metadata.fixes.first?.rawValue ?? "-"
                output += fix.padded(to: 7)
                output += rule.metadata.summary + "\n"
            }
            console.writeOut(output)
            return .clean
        }
    }
}

/// `ecslint explain ID|NAME`: the rule's documentation page.
struct ExplainCommand {
    static let help = """
        Usage: ecslint explain ID|NAME

        Prints a rule's summary, rationale, options and examples (the same page as docs/rules/ID.md).
        """

    static func run(_ arguments: [String], console: Console, context: CommandContext) -> ExitCode {
        guard arguments.count == 1, let key = arguments.first, !key.hasPrefix("-") else {
            if arguments.contains("-h") || arguments.contains("--help") {
                console.writeOut(help + "\n")
                return .clean
            }
            console.writeError("ecslint explain: give one rule id or name\n\(help)\n")
            return .failure
        }
        switch ProjectSetup.load(configPath: nil, workingDirectory: console.workingDirectory, context: context) {
        case .failure(let message):
            console.writeError(message)
            return .failure
        case .success(let setup):
            guard let rule = setup.registry.rule(key) else {
                console.writeError("ecslint explain: no rule '\(key)'\(Suggestion.didYouMean(key, setup.registry.allKeys))\n")
                return .failure
            }
            console.writeOut(RuleDocRenderer.markdown(rule.metadata))
            return .clean
        }
    }
}

/// `ecslint init`: writes a starter `.ecslint.json`, never over an existing one.
struct InitCommand {
    static let starter = """
        {
          "$schema": "https://raw.githubusercontent.com/ecslint/ecslint/main/schemas/ecslint-config.schema.json",
          "failOn": "warning",
          "exclude": ["**/cdk.out/**/asset.*/**"],
          "stableTagPatterns": ["v[0-9]*", "stable-*", "release-*", "prod-*"],
          "coTags": [],
          "repositories": {},
          "rules": {}
        }

        """

    static func run(_ arguments: [String], console: Console, context: CommandContext) -> ExitCode {
        if arguments.contains("-h") || arguments.contains("--help") {
            console.writeOut("Usage: ecslint init\n\nWrites a starter .ecslint.json in the current directory; refuses to overwrite one.\n")
            return .clean
        }
        guard arguments.isEmpty else {
            console.writeError("ecslint init: takes no arguments\n")
            return .failure
        }
        let path = FilePath.normalize(console.workingDirectory + "/" + ConfigurationLoader.fileName)
        do {
            try AtomicFile.write(starter, to: path, overwrite: false)
        } catch {
            console.writeError("ecslint init: \(error.description)\n")
            return .failure
        }
        console.writeOut("wrote \(ConfigurationLoader.fileName)\n")
        return .clean
    }
}

/// `ecslint generate-docs [--check] [DIR]`: docs/rules/*.md from the rule metadata.
struct GenerateDocsCommand {
    static let tableStart = "<!-- rules:start (generated by ecslint generate-docs) -->"
    static let tableEnd = "<!-- rules:end -->"

    /// The README with its rule table regenerated; nil when it has no markers.
    static func replacingRuleTable(in readme: String, rules: [RuleMetadata]) -> String? {
        guard let start = readme.firstRange(of: tableStart), let end = readme.firstRange(of: tableEnd),
            start.upperBound <= end.lowerBound
        else { return nil }
        return String(readme[..<start.upperBound]) + "\n" + RuleDocRenderer.table(rules, linkPrefix: "docs/rules/")
            + String(readme[end.lowerBound...])
    }

    static let help = """
        Usage: ecslint generate-docs [--check] [DIR]

        Writes DIR/index.md and DIR/<ID>.md for every rule (default DIR: docs/rules), and the rule
        table between the markers in README.md.
        With --check, writes nothing and exits 1 when the files differ from the metadata.
        """

    static func run(_ arguments: [String], console: Console, context: CommandContext) -> ExitCode {
        var check = false
        var directory = "docs/rules"
        for argument in arguments {
            switch argument {
            case "--check": check = true
            case "-h", "--help":
                console.writeOut(help + "\n")
                return .clean
            default:
                if argument.hasPrefix("-") {
                    console.writeError("ecslint generate-docs: unknown option '\(argument)'\n")
                    return .failure
                }
                directory = argument
            }
        }
        let registry: RuleRegistry
        do {
            var built = try RuleRegistry(context.builtinRules)
            if let message = context.loadShippedRules(&built) {
                console.writeError(message)
                return .failure
            }
            registry = built
        } catch {
            console.writeError("ecslint: \(error.message)\n")
            return .failure
        }
        let root = FilePath.absolute(directory, in: console.workingDirectory)
        let rules = registry.allMetadata.sorted { $0.id < $1.id }
        var pages: [(String, String)] = [("index.md", RuleDocRenderer.index(rules))]
        for rule in rules { pages.append(("\(rule.id).md", RuleDocRenderer.markdown(rule))) }
        var drift: [String] = []
        for (name, content) in pages {
            let path = root + "/" + name
            let existing = FileSystem.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
            if existing != content { drift.append(name) }
        }
        // The README's rule table is generated too, between marker comments.
        let readmePath = console.workingDirectory + "/README.md"
        var readmeUpdate: String?
        if let readme = FileSystem.contents(atPath: readmePath).map({ String(decoding: $0, as: UTF8.self) }),
            let updated = GenerateDocsCommand.replacingRuleTable(in: readme, rules: rules), updated != readme
        {
            readmeUpdate = updated
            drift.append("../../README.md")
        }
        let expected = Set(pages.map(\.0))
        let stale = (FileSystem.entries(ofDirectory: root) ?? []).filter { $0.hasSuffix(".md") && !expected.contains($0) }
        if check {
            if drift.isEmpty && stale.isEmpty {
                console.writeOut("docs are up to date (\(pages.count) files)\n")
                return .clean
            }
            for name in drift {
                let shown = name == "../../README.md" ? "README.md (rule table)" : "\(directory)/\(name)"
                console.writeError("\(shown): out of date; run 'ecslint generate-docs'\n")
            }
            for name in stale { console.writeError("\(directory)/\(name): no rule has this page; run 'ecslint generate-docs'\n") }
            return .findings
        }
        do {
            try FileSystem.createDirectory(atPath: root)
            for (name, content) in pages where drift.contains(name) {
                try AtomicFile.write(content, to: root + "/" + name, overwrite: true)
            }
            if let readmeUpdate { try AtomicFile.write(readmeUpdate, to: readmePath, overwrite: true) }
            for name in stale { try FileSystem.removeFile(atPath: root + "/" + name) }
        } catch {
            console.writeError("ecslint generate-docs: \(error)\n")
            return .failure
        }
        console.writeOut("wrote \(drift.count) of \(pages.count) files in \(directory)\n")
        return .clean
    }
}

extension String {
    /// The text cut or filled with spaces to `width` characters: a column of the rules table.
    fileprivate func padded(to width: Int) -> String {
        count >= width ? String(prefix(width)) : self + String(repeating: " ", count: width - count)
    }
}
