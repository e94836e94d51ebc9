#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Linter
import LinterCore

/// `ecslint [lint] [OPTIONS] [PATH...]`.
struct LintCommand {
    static let help = """
        Usage: ecslint [lint] [OPTIONS] [PATH...]

        Lints ECS task definitions, services, ECR repositories and lifecycle policies in the given
        files and directories (default: the current directory). Files named explicitly are linted
        with the rest of the project as context, so cross-file checks still work in pre-commit.

        Options:
          --format FORMAT              text (default), json, sarif, github, gitlab
          --output FILE                write the report to FILE (atomically) instead of stdout
          --config FILE                use this configuration instead of discovering .ecslint.json
          --fail-on SEVERITY           lowest severity that makes the exit code 1 (default: warning)
          --show-source                print the source line under each finding (default on a TTY)
          --no-color                   never colour the output (NO_COLOR is honoured too)
          --report-unused-suppressions report suppressions that silence nothing
          --baseline FILE              report only findings whose fingerprint is not in FILE
          --write-baseline FILE        record every current finding's fingerprint in FILE
          --fix                        apply safe fixes to the files, then report what remains
          --unsafe-fixes               apply unsafe fixes too (review them: they change behaviour)
          --diff                       print the fixes as a unified diff and write nothing
                                       (exit code 1 when there is something to fix)
          --stdin                      lint standard input instead of files
          --stdin-filename PATH        the path standard input stands for (needed with --stdin)
          --jobs N                     parse on N threads (default: all cores)
          --sarif-category NAME        SARIF automationDetails id (default: ecslint)
          --sarif-timestamps           add the end time to SARIF (off for reproducible output)
          --quiet                      no summary on stderr
          -h, --help                   show this help

        Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage/config/internal error.
        """

    struct Options {
        var format: OutputFormat = .text
        var output: String?
        var configPath: String?
        var failOn: Severity?
        var showSource: Bool?
        var color = true
        var reportUnused = false
        var baseline: String?
        var writeBaseline: String?
        var stdin = false
        var stdinFilename: String?
        var jobs: Int?
        var sarifCategory: String?
        var sarifTimestamps = false
        var quiet = false
        var fix = false
        var unsafeFixes = false
        var diff = false
        var paths: [String] = []

        /// Whether fixes are applied (or, with `--diff`, shown).
        var fixes: Bool { fix || unsafeFixes || diff }
    }

    static func parse(_ arguments: [String]) throws(ArgumentScanner.UsageError) -> Options? {
        var scanner = ArgumentScanner(arguments)
        var options = Options()
        var onlyPaths = false
        while let argument = scanner.next() {
            if onlyPaths || !argument.hasPrefix("-") || argument == "-" {
                options.paths.append(argument)
                continue
            }
            let (name, inline) = ArgumentScanner.split(argument)
            switch name {
            case "--": onlyPaths = true
            case "-h", "--help": return nil
            case "--format", "-f":
                let value = try scanner.value(for: name, inline: inline)
                guard let format = OutputFormat(rawValue: value) else {
                    throw ArgumentScanner.UsageError(
                        "unknown format '\(value)'; use one of "
                            + OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
                            + Suggestion.didYouMean(value, OutputFormat.allCases.map(\.rawValue)))
                }
                options.format = format
            case "--output", "-o": options.output = try scanner.value(for: name, inline: inline)
            case "--config": options.configPath = try scanner.value(for: name, inline: inline)
            case "--fail-on":
                let value = try scanner.value(for: name, inline: inline)
                guard let severity = Severity(rawValue: value) else {
                    throw ArgumentScanner.UsageError("--fail-on takes error, warning or note, not '\(value)'")
                }
                options.failOn = severity
            case "--show-source": options.showSource = true
            case "--no-show-source": options.showSource = false
            case "--no-color": options.color = false
            case "--report-unused-suppressions": options.reportUnused = true
            case "--baseline": options.baseline = try scanner.value(for: name, inline: inline)
            case "--write-baseline": options.writeBaseline = try scanner.value(for: name, inline: inline)
            case "--stdin": options.stdin = true
            case "--stdin-filename": options.stdinFilename = try scanner.value(for: name, inline: inline)
            case "--jobs", "-j":
                let value = try scanner.value(for: name, inline: inline)
                guard let jobs = Int(value), jobs >= 1 else {
                    throw ArgumentScanner.UsageError("--jobs takes a positive number, not '\(value)'")
                }
                options.jobs = jobs
            case "--sarif-category": options.sarifCategory = try scanner.value(for: name, inline: inline)
            case "--sarif-timestamps": options.sarifTimestamps = true
            case "--quiet", "-q": options.quiet = true
            case "--fix": options.fix = true
            case "--unsafe-fixes": options.unsafeFixes = true
            case "--diff": options.diff = true
            default:
                let known = [
                    "--format", "--output", "--config", "--fail-on", "--show-source", "--no-color",
                    "--report-unused-suppressions", "--baseline", "--write-baseline", "--stdin", "--stdin-filename",
                    "--jobs", "--sarif-category", "--sarif-timestamps", "--quiet", "--fix", "--unsafe-fixes", "--diff",
                    "--help",
                ]
                throw ArgumentScanner.UsageError("unknown option '\(name)'" + Suggestion.didYouMean(name, known))
            }
        }
        if options.stdin && options.stdinFilename == nil {
            throw ArgumentScanner.UsageError("--stdin needs --stdin-filename PATH (the file the buffer stands for)")
        }
        if options.stdin && !options.paths.isEmpty {
            throw ArgumentScanner.UsageError("--stdin lints standard input; do not also name paths")
        }
        if options.stdin && options.fixes {
            throw ArgumentScanner.UsageError("--fix, --unsafe-fixes and --diff change files; they do not apply to --stdin")
        }
        return options
    }

    static func run(_ arguments: [String], console: Console, context: CommandContext) -> ExitCode {
        let options: Options
        do {
            guard let parsed = try parse(arguments) else {
                console.writeOut(help + "\n")
                return .clean
            }
            options = parsed
        } catch {
            console.writeError("ecslint: \(error.message)\nRun 'ecslint --help' for usage.\n")
            return .failure
        }
        let cwd = FilePath.normalize(console.workingDirectory)
        let workers = options.jobs ?? ProcessFacts.activeProcessorCount
        let configuration: Configuration
        switch ProjectSetup.loadConfiguration(configPath: options.configPath, workingDirectory: cwd) {
        case .failure(let message):
            console.writeError(message)
            return .failure
        case .success(let loaded):
            configuration = loaded
        }
        // Standard input is parsed and modelled on a second thread while the rule directories
        // load: for an editor's on-save run of one template the two take about as long.
        var standardInput: SourceFile?
        var pendingAnalysis: BackgroundTask<FileAnalysis>?
        // Bounded like a file on disk: one byte past the limit tells an oversized input apart
        // without holding an endless stream in memory.
        let inputLimit = max(0, min(configuration.maxFileSize, ByteRange.maxOffset))
        if options.stdin, let name = options.stdinFilename {
            let source = SourceFile(
                path: FilePath.resolve(name, against: cwd), bytes: console.readInput(inputLimit + 1))
            standardInput = source
            if workers > 1 && source.bytes.count <= inputLimit {
                let limits = configuration.limits
                pendingAnalysis = BackgroundTask { FileAnalysis.analyze(source, limits: limits, workers: workers) }
            }
        }
        let engine: LintEngine
        switch ProjectSetup.load(configuration: configuration, context: context) {
        case .failure(let message):
            console.writeError(message)
            return .failure
        case .success(let setup):
            var configured = LintEngine(
                registry: setup.registry, configuration: setup.configuration, workers: workers,
                reportUnusedSuppressions: options.reportUnused)
            configured.computesFingerprints = options.writeBaseline != nil || options.format.showsFingerprints
            if let baselinePath = options.baseline {
                switch Baseline.read(FilePath.resolve(baselinePath, against: cwd)) {
                case .success(let fingerprints): configured.baseline = fingerprints
                case .failure(let message):
                    console.writeError("ecslint: \(message)\n")
                    return .failure
                }
            }
            engine = configured
        }

        var outcome: LintOutcome
        if let standardInput, let name = options.stdinFilename {
            guard standardInput.bytes.count <= inputLimit else {
                console.writeError(
                    "ecslint: \(name): standard input is larger than the limit of \(inputLimit) bytes (limits.maxFileSize); nothing was linted\n")
                return .failure
            }
            if let analysis = pendingAnalysis?.result() {
                outcome = engine.lint(buffer: analysis.source, analysis: analysis, workingDirectory: cwd)
            } else {
                outcome = engine.lint(buffer: standardInput, workingDirectory: cwd)
            }
        } else {
            do {
                outcome = try engine.lint(paths: options.paths, workingDirectory: cwd)
            } catch {
                for path in error.paths { console.writeError("ecslint: \(path): no such file or directory\n") }
                return .failure
            }
        }

        let root = engine.configuration.rootDirectory
        let display: @Sendable (String) -> String = { relative in
            let absolute = FilePath.resolve(relative, against: root)
            return FilePath.relative(absolute, to: cwd)
        }
        var fixSummary: String?
        if options.fixes {
            let step = FixStep(
                engine: engine, safety: options.unsafeFixes ? .unsafe : .safe, diffOnly: options.diff, quiet: options.quiet,
                display: display)
            switch step.run(outcome, console: console) {
            case .failed:
                return .failure
            case .diffed(let result):
                if !options.quiet { console.writeError("ecslint: " + FixStep.summary(result, diffOnly: true) + "\n") }
                return result.changed.isEmpty ? .clean : .findings
            case .written(let result):
                fixSummary = FixStep.summary(result, diffOnly: false)
                if !result.changed.isEmpty {
                    // What remains is what the files now hold, read again like any other run.
                    do {
                        outcome = try engine.lint(paths: options.paths, workingDirectory: cwd)
                    } catch {
                        for path in error.paths { console.writeError("ecslint: \(path): no such file or directory\n") }
                        return .failure
                    }
                }
            }
        }
        let finalOutcome = outcome
        defer { BackgroundRelease.release(finalOutcome) }

        let failOn = options.failOn ?? engine.configuration.failOn
        let exitCode: ExitCode = outcome.findings.contains { $0.severity >= failOn } ? .findings : .clean
        // Reporters ask for the display path of every finding: compute each path once.
        var displayPaths: [String: String] = [:]
        var lastPath: String?
        for finding in outcome.findings {
            if finding.path != lastPath, displayPaths[finding.path] == nil { displayPaths[finding.path] = display(finding.path) }
            lastPath = finding.path
            for related in finding.related where displayPaths[related.path] == nil {
                displayPaths[related.path] = display(related.path)
            }
        }
        let knownDisplayPaths = displayPaths
        let report = ReportContext(
            outcome: outcome, version: context.version,
            displayPath: { relative in knownDisplayPaths[relative] ?? display(relative) },
            color: options.color && console.isTerminal && console.environment[EnvironmentVariables.noColor] == nil && options.output == nil,
            showSource: options.showSource ?? (console.isTerminal && options.output == nil),
            sarifTimestamps: options.sarifTimestamps, exitCode: exitCode, workers: engine.workers)
        if options.output == nil && options.format == .text {
            TextReporter.write(report, to: console.writeOutBytes)
        } else {
            let bytes = Reporter.renderBytes(options.format, report, sarifCategory: options.sarifCategory)
            if let output = options.output {
                do {
                    try AtomicFile.write(
                        bytes, to: FilePath.resolve(output, against: cwd), overwrite: true)
                } catch {
                    console.writeError("ecslint: \(error.description)\n")
                    return .failure
                }
            } else {
                console.writeOutBytes(bytes)
            }
        }
        if let baselinePath = options.writeBaseline {
            do {
                try AtomicFile.write(
                    Baseline.render(outcome.allFingerprints),
                    to: FilePath.resolve(baselinePath, against: cwd),
                    overwrite: true)
            } catch {
                console.writeError("ecslint: \(error.description)\n")
                return .failure
            }
            if !options.quiet {
                console.writeError("ecslint: wrote \(outcome.allFingerprintHashes.count) fingerprints to \(baselinePath)\n")
            }
            return .clean
        }
        if !options.quiet && options.format == .text {
            console.writeError(Reporter.summary(report) + "\n")
        }
        if !options.quiet, let fixSummary {
            let remaining = outcome.findings.count
            console.writeError("ecslint: \(fixSummary); \(remaining) \(remaining == 1 ? "finding remains" : "findings remain")\n")
        }
        if !options.quiet, standardInput == nil, !options.paths.isEmpty, outcome.fileCount > 0,
            outcome.unrecognizedPaths.count == outcome.fileCount
        {
            // Every file named was read, and none holds anything ecslint lints: say so, so that an
            // empty report is not taken for a clean one.
            let shown = outcome.unrecognizedPaths.prefix(5).map(display)
            let more = outcome.unrecognizedPaths.count - shown.count
            let named = shown.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")
            console.writeError(
                "ecslint: nothing was linted: \(named) \(outcome.fileCount == 1 ? "holds" : "hold") no ECS task definition, service, ECR repository or lifecycle policy in a shape ecslint knows (README, 'Input shapes')\n")
        }
        return exitCode
    }
}
