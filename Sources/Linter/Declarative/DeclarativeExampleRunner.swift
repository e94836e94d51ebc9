import LinterCore

/// Runs the examples of declarative rules: a valid example must give no finding of its rule; an
/// invalid one at least one, exactly at its `↓` markers when it has any. A marker may state the
/// finding's severity and a fragment of its message, as in built-in rules' examples
/// (`↓⟨error: uses log driver⟩`; see `ExampleRunner`).
public struct DeclarativeExampleRunner: Sendable {
    public struct Failure: Sendable, CustomStringConvertible {
        public var rulePath: String
        public var position: SourcePosition?
        public var ruleId: String
        public var exampleIndex: Int
        public var kind: RuleExample.Kind
        public var message: String

        /// `rules.d/org.json:12:9: ORG-001 invalid example #1: …`; an index of -1 is about the
        /// rule's examples as a whole.
        public var description: String {
            let place = position.map { "\(rulePath):\($0.line):\($0.column)" } ?? rulePath
            if exampleIndex < 0 { return "\(place): \(ruleId) examples: \(message)" }
            return "\(place): \(ruleId) \(kind.rawValue) example #\(exampleIndex + 1): \(message)"
        }
    }

    public var registry: RuleRegistry

    public init(registry: RuleRegistry) {
        self.registry = registry
    }

    /// Every failure of every example of a rule; `passed` counts the examples that held.
    public func run(_ rule: DeclarativeRule) -> (passed: Int, failures: [Failure]) {
        var passed = 0
        var failures: [Failure] = []
        var shown: Set<FixSafety> = []
        for (index, example) in rule.metadata.examples.enumerated() {
            // Number examples per kind, as they are written in the file.
            let ordinal = rule.metadata.examples[..<index].filter { $0.kind == example.kind }.count
            let position = index < rule.examplePositions.count ? rule.examplePositions[index] : nil
            let (problem, classes) = check(example, of: rule)
            shown.formUnion(classes)
            if let message = problem {
                failures.append(
                    Failure(
                        rulePath: rule.sourcePath, position: position, ruleId: rule.metadata.id, exampleIndex: ordinal,
                        kind: example.kind, message: message))
            } else {
                passed += 1
            }
        }
        if let problem = ExampleRunner.fixClassProblem(declared: rule.metadata.fixes, shown: shown, examples: rule.metadata.examples) {
            failures.append(
                Failure(
                    rulePath: rule.sourcePath, position: rule.position, ruleId: rule.metadata.id, exampleIndex: -1,
                    kind: .invalid, message: problem))
        }
        return (passed, failures)
    }

    /// The engine an example is linted with (the example's options set, only the rule on), or why
    /// its options do not load.
    func engine(for example: RuleExample, of rule: DeclarativeRule) -> Result<LintEngine, ExampleRunner.ExampleProblem> {
        let metadata = rule.metadata
        var configuration = Configuration(rootDirectory: ".")
        if let options = example.configuration {
            let text = "{\"rules\": {\(NodeJSONWriter.quoted(metadata.id)): {\"options\": \(options)}}}"
            do {
                configuration = try ConfigurationLoader().parse(SourceFile(path: ".ecslint.json", text: text), rootDirectory: ".")
            } catch {
                return .failure(ExampleRunner.ExampleProblem(message: "its options do not load: \(error)"))
            }
        }
        let engine = LintEngine(registry: registry, configuration: configuration, workers: 1, onlyRules: [metadata.id])
        if let problem = engine.unknownRuleKeys().first {
            return .failure(ExampleRunner.ExampleProblem(message: "its options are invalid: \(problem.message)"))
        }
        return .success(engine)
    }

    /// The rule's findings in an example, linted as the runner lints it (markers removed), or nil
    /// when its options do not load.
    public func findings(of example: RuleExample, for rule: DeclarativeRule) -> [Finding]? {
        guard case .success(let engine) = engine(for: example, of: rule) else { return nil }
        let sources = example.files.map { ExampleRunner.parseMarkers($0.source, path: $0.name).file }
        return engine.lint(sources: sources).findings.filter { $0.ruleId == rule.metadata.id }
    }

    /// Why the example fails (nil when it holds), and the classes of the fixes it shows.
    func check(_ example: RuleExample, of rule: DeclarativeRule) -> (problem: String?, classes: Set<FixSafety>) {
        let metadata = rule.metadata
        var sources: [SourceFile] = []
        var expectations: [ExampleRunner.Expectation] = []
        for file in example.files {
            let parsed = ExampleRunner.parseMarkers(file.source, path: file.name)
            if let malformed = parsed.problems.first { return (malformed, []) }
            sources.append(parsed.file)
            expectations += parsed.expectations
        }
        let markers = expectations.map(\.marker)
        let engine: LintEngine
        switch self.engine(for: example, of: rule) {
        case .success(let value): engine = value
        case .failure(let problem): return (problem.message, [])
        }
        let outcome = engine.lint(sources: sources)
        let findings = outcome.findings.filter { $0.ruleId == metadata.id }
        let details = findings.map { "\($0.path):\($0.range.start): \($0.message)" }.joined(separator: "; ")
        switch example.kind {
        case .valid:
            if !findings.isEmpty { return ("expected no finding, got \(findings.count): \(details)", []) }
        case .invalid:
            if findings.isEmpty { return ("expected at least one finding, got none", []) }
            let found = findings.map { ExampleRunner.Marker(path: $0.path, line: $0.range.start.line, column: $0.range.start.column) }
            if !markers.isEmpty && found.sorted() != markers.sorted() {
                return ("expected findings at \(markers.sorted().map(\.description)), got \(found.sorted().map(\.description)) — \(details)", [])
            }
            if let problem = ExampleRunner.statementProblem(expectations, findings: findings) { return (problem, []) }
        }
        return ExampleRunner.checkFixes(example, engine: engine, outcome: outcome, ruleId: metadata.id)
    }
}
