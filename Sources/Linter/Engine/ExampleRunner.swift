import LinterCore

/// Runs a rule's documented examples as tests: every `↓` marker in an invalid example must be
/// the start of exactly one finding of the rule, and a valid example must produce none.
/// Used by `swift test`, `ecslint test-rules` and the docs.
public struct ExampleRunner: Sendable {
    public struct Marker: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var column: Int

        public static func < (lhs: Marker, rhs: Marker) -> Bool {
            (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
        }

        public var description: String { "\(path):\(line):\(column)" }
    }

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

    /// Removes markers from a source and returns where they were (1-based line, UTF-16 column).
    public static func stripMarkers(_ source: String, path: String) -> (SourceFile, [Marker]) {
        var clean = ""
        var offsets: [Int] = []
        var byteCount = 0
        for character in source {
            if character == RuleExample.marker {
                offsets.append(byteCount)
            } else {
                clean.append(character)
                byteCount += String(character).utf8.count
            }
        }
        let file = SourceFile(path: path, text: clean)
        let markers = offsets.map { offset -> Marker in
            let position = file.position(of: offset)
            return Marker(path: path, line: position.line, column: position.column)
        }
        return (file, markers)
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

    func check(_ example: RuleExample, index: Int, of rule: any Rule) -> (failures: [Failure], classes: Set<FixSafety>) {
        let metadata = rule.metadata
        func failure(_ message: String) -> Failure {
            Failure(ruleId: metadata.id, exampleIndex: index, kind: example.kind, message: message)
        }
        func failed(_ message: String) -> (failures: [Failure], classes: Set<FixSafety>) { ([failure(message)], []) }
        var sources: [SourceFile] = []
        var markers: [Marker] = []
        for file in example.files {
            let (source, fileMarkers) = ExampleRunner.stripMarkers(file.source, path: file.name)
            sources.append(source)
            markers += fileMarkers
        }
        var configuration = Configuration(rootDirectory: ".")
        if let text = example.configuration {
            do {
                configuration = try ConfigurationLoader().parse(SourceFile(path: ".ecslint.json", text: text), rootDirectory: ".")
            } catch {
                return failed("its configuration does not load: \(error)")
            }
        }
        if configuration.rules[metadata.id] == nil && configuration.rules[metadata.name] == nil && !metadata.enabledByDefault {
            configuration.rules[metadata.id] = Configuration.RuleSetting(enabled: true)
        }
        let engine = LintEngine(
            registry: registry, configuration: configuration, workers: 1,
            reportUnusedSuppressions: metadata.id == EngineRules.unusedSuppression.metadata.id, onlyRules: [metadata.id])
        for error in engine.unknownRuleKeys() {
            return failed("its configuration is invalid: \(error)")
        }
        let outcome = engine.lint(sources: sources)
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
        }
        let (problem, classes) = ExampleRunner.checkFixes(example, engine: engine, outcome: outcome, ruleId: metadata.id)
        return (problem.map { [failure($0)] } ?? [], classes)
    }

    /// Applies every fix (safe and unsafe) the example's findings carry and compares each file
    /// with its `fixed` text; the findings left must be at the fixed text's markers, and fixing
    /// again must change nothing. Returns why the example fails, and the fix classes it shows.
    static func checkFixes(
        _ example: RuleExample, engine: LintEngine, outcome: LintOutcome, ruleId: String
    ) -> (problem: String?, classes: Set<FixSafety>) {
        let fixable = outcome.findings.filter { $0.ruleId == ruleId && $0.fix != nil }
        let classes = Set(fixable.compactMap { $0.fix?.safety })
        guard example.showsFix else {
            if fixable.isEmpty { return (nil, classes) }
            let titles = fixable.compactMap { $0.fix?.title }.joined(separator: "; ")
            return ("its findings carry fixes (\(titles)); give each file's fixed text", classes)
        }
        let runner = FixRunner(engine: engine, safety: .unsafe)
        let result = runner.run(outcome)
        if let rolledBack = result.rolledBack.first {
            return ("the fix '\(rolledBack.finding.fix?.title ?? "")' was rolled back: \(rolledBack.reason)", classes)
        }
        var expectedMarkers: [Marker] = []
        for file in example.files {
            let (expected, markers) = stripMarkers(file.fixed ?? file.source, path: file.name)
            expectedMarkers += markers
            let actual = result.changed[file.name]?.bytes ?? outcome.sources[file.name]?.bytes ?? []
            if actual != expected.bytes {
                return ("\(file.name) after the fixes is not its fixed text: " + firstDifference(expected.bytes, actual), classes)
            }
        }
        let remaining = result.outcome.findings.filter { $0.ruleId == ruleId }
        let found = remaining.map { Marker(path: $0.path, line: $0.range.start.line, column: $0.range.start.column) }
        if found.sorted() != expectedMarkers.sorted() {
            let details = remaining.map { "\($0.path):\($0.range.start): \($0.message)" }.joined(separator: "; ")
            return (
                "after the fixes, expected findings at \(expectedMarkers.sorted().map(\.description)), got \(found.sorted().map(\.description))"
                    + (details.isEmpty ? "" : " — \(details)"), classes
            )
        }
        if !runner.run(result.outcome).changed.isEmpty { return ("fixing a second time changes the text again", classes) }
        return (nil, classes)
    }

    /// The first line where two texts differ, both versions shown.
    static func firstDifference(_ expected: [UInt8], _ actual: [UInt8]) -> String {
        let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for (index, pair) in zip(expectedLines, actualLines).enumerated() where pair.0 != pair.1 {
            return "line \(index + 1) is \(NodeJSONWriter.quoted(String(pair.1))), expected \(NodeJSONWriter.quoted(String(pair.0)))"
        }
        return "it has \(actualLines.count) lines, expected \(expectedLines.count)"
    }
}
