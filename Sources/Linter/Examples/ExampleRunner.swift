import LinterCore

/// Runs a rule's documented examples as tests: every `↓` marker in an invalid example must be
/// the start of exactly one finding of the rule, and a valid example must produce none.
/// Used by `swift test`, `ecslint test-rules` and the docs.
///
/// A marker may also state the finding's severity and a fragment of its message, in angle
/// brackets right after the arrow: `↓⟨warning⟩` or `↓⟨warning: uses the mutable tag⟩`. The
/// severity (`error`, `warning` or `note`) comes first; after a colon, the rest up to `⟩` is text
/// the message must contain (spaces around it are ignored; it cannot hold `⟩` or a line break).
/// The brackets are U+27E8 and U+27E9, which no JSON, YAML or HCL syntax uses, so a statement
/// cannot be confused with the example's content; a plain `↓` still states only the position.
/// Markers and their statements are removed from the text before it is linted, and from the
/// documentation (`RuleDocRenderer`).
public struct ExampleRunner: Sendable {
    public struct Failure: Sendable, CustomStringConvertible {
        public var ruleId: String
        public var exampleIndex: Int
        public var kind: RuleExample.Kind
        public var message: String

        /// An index of -1 is about the rule's examples as a whole.
        public var description: String {
            exampleIndex < 0 ? "\(ruleId) examples: \(message)" : "\(ruleId) \(kind.rawValue) example #\(exampleIndex + 1): \(message)"
        }
    }

    public var registry: RuleRegistry

    public init(registry: RuleRegistry) {
        self.registry = registry
    }

    /// Every failure of the rule's examples, and a failure when the fix classes its examples
    /// show are not the ones its metadata declares.
    public func run(_ rule: any Rule) -> [Failure] {
        let metadata = rule.metadata
        var failures: [Failure] = []
        var shown: Set<FixSafety> = []
        for (index, example) in metadata.examples.enumerated() {
            let (exampleFailures, classes) = check(example, index: index, of: rule)
            failures += exampleFailures
            shown.formUnion(classes)
        }
        if let problem = ExampleRunner.fixClassProblem(declared: metadata.fixes, shown: shown, examples: metadata.examples) {
            failures.append(Failure(ruleId: metadata.id, exampleIndex: -1, kind: .invalid, message: problem))
        }
        return failures
    }

    public func run(_ example: RuleExample, index: Int, of rule: any Rule) -> [Failure] {
        check(example, index: index, of: rule).failures
    }

    /// Why the examples do not document the rule's fixes, if they do not: the declared fix
    /// classes must be those the examples show, and one example's fixed text must lint clean.
    static func fixClassProblem(declared: [FixSafety], shown: Set<FixSafety>, examples: [RuleExample]) -> String? {
        if Set(declared) != shown {
            let names = { (classes: [FixSafety]) in classes.isEmpty ? "none" : classes.map(\.rawValue).joined(separator: " and ") }
            return "the metadata declares fixes \(names(declared)), the examples show \(names(shown.sorted()))"
        }
        let clean = examples.contains { example in
            example.showsFix && example.files.allSatisfy { !($0.fixed ?? $0.source).contains(RuleExample.marker) }
        }
        if !declared.isEmpty && !clean { return "no example's fixed text lints clean for the rule (every one has ↓ markers left)" }
        return nil
    }

    /// An example ready to lint: its files without markers, what the markers state, and the
    /// engine configured as the example says.
    struct Prepared {
        var engine: LintEngine
        var sources: [SourceFile]
        var expectations: [Expectation]
        /// Malformed marker statements.
        var markerProblems: [String]
    }

    func prepare(_ example: RuleExample, of rule: any Rule) -> Result<Prepared, ExampleProblem> {
        let metadata = rule.metadata
        var sources: [SourceFile] = []
        var expectations: [Expectation] = []
        var markerProblems: [String] = []
        for file in example.files {
            let parsed = ExampleRunner.parseMarkers(file.source, path: file.name)
            sources.append(parsed.file)
            expectations += parsed.expectations
            markerProblems += parsed.problems
        }
        var configuration = Configuration(rootDirectory: ".")
        if let text = example.configuration {
            do {
                configuration = try ConfigurationLoader().parse(SourceFile(path: ".ecslint.json", text: text), rootDirectory: ".")
            } catch {
                return .failure(ExampleProblem(message: "its configuration does not load: \(error)"))
            }
        }
        if configuration.rules[metadata.id] == nil && configuration.rules[metadata.name] == nil && !metadata.enabledByDefault {
            configuration.rules[metadata.id] = Configuration.RuleSetting(enabled: true)
        }
        let engine = LintEngine(
            registry: registry, configuration: configuration, workers: 1,
            reportUnusedSuppressions: metadata.id == EngineRules.unusedSuppression.metadata.id, onlyRules: [metadata.id])
        if let error = engine.unknownRuleKeys().first {
            return .failure(ExampleProblem(message: "its configuration is invalid: \(error)"))
        }
        return .success(Prepared(engine: engine, sources: sources, expectations: expectations, markerProblems: markerProblems))
    }

    /// The findings of an example, linted as the runner lints it (markers removed, configured as
    /// the example says, only the rule on), or nil when its configuration does not load.
    public func findings(of example: RuleExample, for rule: any Rule) -> [Finding]? {
        guard case .success(let prepared) = prepare(example, of: rule) else { return nil }
        return prepared.engine.lint(sources: prepared.sources).findings
    }

    func check(_ example: RuleExample, index: Int, of rule: any Rule) -> (failures: [Failure], classes: Set<FixSafety>) {
        let metadata = rule.metadata
        func failure(_ message: String) -> Failure {
            Failure(ruleId: metadata.id, exampleIndex: index, kind: example.kind, message: message)
        }
        func failed(_ message: String) -> (failures: [Failure], classes: Set<FixSafety>) { ([failure(message)], []) }
        let prepared: Prepared
        switch prepare(example, of: rule) {
        case .success(let value): prepared = value
        case .failure(let problem): return failed(problem.message)
        }
        if !prepared.markerProblems.isEmpty { return failed(prepared.markerProblems.joined(separator: "; ")) }
        let engine = prepared.engine
        let markers = prepared.expectations.map(\.marker)
        let outcome = engine.lint(sources: prepared.sources)
        let found = outcome.findings.map { Marker(path: $0.path, line: $0.range.start.line, column: $0.range.start.column) }
        switch example.kind {
        case .valid:
            if !found.isEmpty {
                let details = outcome.findings.map { "\($0.path):\($0.range.start): \($0.message)" }.joined(separator: "; ")
                return failed("expected no finding, got \(found.count): \(details)")
            }
        case .invalid:
            if markers.isEmpty { return failed("an invalid example needs at least one ↓ marker") }
            if found.sorted() != markers.sorted() {
                let details = outcome.findings.map { "\($0.path):\($0.range.start): \($0.message)" }.joined(separator: "; ")
                return failed(
                    "expected findings at \(markers.sorted().map(\.description)), got \(found.sorted().map(\.description))"
                        + (details.isEmpty ? "" : " — \(details)"))
            }
            if let problem = ExampleRunner.statementProblem(prepared.expectations, findings: outcome.findings) { return failed(problem) }
        }
        let (problem, classes) = ExampleRunner.checkFixes(example, engine: engine, outcome: outcome, ruleId: metadata.id)
        return (problem.map { [failure($0)] } ?? [], classes)
    }
}
