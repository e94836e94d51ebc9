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
    public struct Marker: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var column: Int

        public static func < (lhs: Marker, rhs: Marker) -> Bool {
            (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
        }

        public var description: String { "\(path):\(line):\(column)" }
    }

    /// A marker with what it states about its finding besides where it starts.
    public struct Expectation: Sendable, Hashable {
        public var marker: Marker
        /// `↓⟨warning⟩`: the finding's severity.
        public var severity: Severity?
        /// `↓⟨warning: fragment⟩`: text the finding's message contains.
        public var fragment: String?

        public init(marker: Marker, severity: Severity? = nil, fragment: String? = nil) {
            self.marker = marker
            self.severity = severity
            self.fragment = fragment
        }
    }

    /// What opens and closes a marker's statement (`↓⟨warning: text⟩`).
    public static let statementOpen: Character = "⟨"
    public static let statementClose: Character = "⟩"

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

    /// Removes markers (and their statements) from a source and returns where they were (1-based
    /// line, UTF-16 column).
    public static func stripMarkers(_ source: String, path: String) -> (SourceFile, [Marker]) {
        let parsed = parseMarkers(source, path: path)
        return (parsed.file, parsed.expectations.map(\.marker))
    }

    /// The text without markers and their statements, as the documentation shows it.
    public static func unmarked(_ source: String) -> String {
        scan(source).clean
    }

    /// Removes markers and their statements from a source: the clean file, each marker with what
    /// it states, and why a statement is malformed (an unknown severity, no closing `⟩`).
    public static func parseMarkers(_ source: String, path: String) -> (file: SourceFile, expectations: [Expectation], problems: [String]) {
        let scanned = scan(source)
        let file = SourceFile(path: path, text: scanned.clean)
        var expectations: [Expectation] = []
        var problems: [String] = []
        for found in scanned.markers {
            let position = file.position(of: found.offset)
            let marker = Marker(path: path, line: position.line, column: position.column)
            switch parseStatement(found.statement) {
            case .success(let (severity, fragment)):
                expectations.append(Expectation(marker: marker, severity: severity, fragment: fragment))
            case .failure(let problem):
                problems.append("the marker at \(marker) is malformed: \(problem.message)")
                expectations.append(Expectation(marker: marker))
            }
        }
        return (file, expectations, problems)
    }

    struct ExampleProblem: Error {
        var message: String
    }

    /// What follows a marker's arrow.
    enum ScannedStatement {
        /// A plain `↓`.
        case none
        /// `↓⟨text⟩`: the text between the brackets.
        case closed(String)
        /// `↓⟨` with no `⟩` on its line: the text stays in the source.
        case unclosed
    }

    /// The markers of a source (their byte offsets in the clean text, and their statements) and
    /// the clean text.
    static func scan(_ source: String) -> (clean: String, markers: [(offset: Int, statement: ScannedStatement)]) {
        var clean = ""
        var markers: [(offset: Int, statement: ScannedStatement)] = []
        var byteCount = 0
        var index = source.startIndex
        while index < source.endIndex {
            let character = source[index]
            index = source.index(after: index)
            guard character == RuleExample.marker else {
                clean.append(character)
                byteCount += String(character).utf8.count
                continue
            }
            guard index < source.endIndex, source[index] == statementOpen else {
                markers.append((byteCount, .none))
                continue
            }
            let bodyStart = source.index(after: index)
            var end = bodyStart
            while end < source.endIndex, source[end] != statementClose, !source[end].isNewline { end = source.index(after: end) }
            if end < source.endIndex, source[end] == statementClose {
                markers.append((byteCount, .closed(String(source[bodyStart..<end]))))
                index = source.index(after: end)
            } else {
                markers.append((byteCount, .unclosed))
            }
        }
        return (clean, markers)
    }

    /// Nothing, `warning` or `warning: fragment`.
    static func parseStatement(_ scanned: ScannedStatement) -> Result<(Severity?, String?), ExampleProblem> {
        let statement: String
        switch scanned {
        case .none: return .success((nil, nil))
        case .unclosed: return .failure(ExampleProblem(message: "'\(statementOpen)' is not closed by '\(statementClose)' on its line"))
        case .closed(let text): statement = text
        }
        let (word, fragment): (Substring, Substring?)
        if let colon = statement.firstIndex(of: ":") {
            (word, fragment) = (statement[..<colon], statement[statement.index(after: colon)...])
        } else {
            (word, fragment) = (statement[...], nil)
        }
        let name = String(word).trimming(.whitespaces)
        guard let severity = Severity(rawValue: name) else {
            return .failure(
                ExampleProblem(message: "'\(name)' is not a severity (error, warning or note come first: ↓⟨warning: text⟩)"))
        }
        guard let fragment else { return .success((severity, nil)) }
        let text = String(fragment).trimming(.whitespaces)
        if text.isEmpty { return .failure(ExampleProblem(message: "nothing after the colon (give a fragment of the message, or no colon)")) }
        return .success((severity, text))
    }

    /// Why the findings do not bear out what the markers state, if they do not. Each stating
    /// marker takes a finding at its position that satisfies it (the findings' positions are
    /// already known to be the markers').
    static func statementProblem(_ expectations: [Expectation], findings: [Finding]) -> String? {
        var available = findings
        var problems: [String] = []
        for expectation in expectations where expectation.severity != nil || expectation.fragment != nil {
            let marker = expectation.marker
            let here = available.indices.filter {
                available[$0].path == marker.path && available[$0].range.start.line == marker.line
                    && available[$0].range.start.column == marker.column
            }
            let satisfies = { (finding: Finding) in
                (expectation.severity.map { finding.severity == $0 } ?? true)
                    && (expectation.fragment.map { finding.message.contains($0) } ?? true)
            }
            if let match = here.first(where: { satisfies(available[$0]) }) {
                available.remove(at: match)
                continue
            }
            guard let finding = here.first.map({ available[$0] }) else {
                problems.append("no finding at \(marker) is left for its statement")
                continue
            }
            if let severity = expectation.severity, finding.severity != severity {
                problems.append("the finding at \(marker) is \(article(finding.severity)), its marker says \(severity.rawValue)")
            }
            if let fragment = expectation.fragment, !finding.message.contains(fragment) {
                problems.append(
                    "the message at \(marker) does not contain \(NodeJSONWriter.quoted(fragment)): \(NodeJSONWriter.quoted(finding.message))")
            }
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    static func article(_ severity: Severity) -> String {
        severity == .error ? "an error" : "a \(severity.rawValue)"
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
        var expectations: [Expectation] = []
        for file in example.files {
            let parsed = parseMarkers(file.fixed ?? file.source, path: file.name)
            if let malformed = parsed.problems.first { return ("in the fixed text, " + malformed, classes) }
            let expected = parsed.file
            expectations += parsed.expectations
            let actual = result.changed[file.name]?.bytes ?? outcome.sources[file.name]?.bytes ?? []
            if actual != expected.bytes {
                return ("\(file.name) after the fixes is not its fixed text: " + firstDifference(expected.bytes, actual), classes)
            }
        }
        let remaining = result.outcome.findings.filter { $0.ruleId == ruleId }
        let found = remaining.map { Marker(path: $0.path, line: $0.range.start.line, column: $0.range.start.column) }
        let expectedMarkers = expectations.map(\.marker)
        if found.sorted() != expectedMarkers.sorted() {
            let details = remaining.map { "\($0.path):\($0.range.start): \($0.message)" }.joined(separator: "; ")
            return (
                "after the fixes, expected findings at \(expectedMarkers.sorted().map(\.description)), got \(found.sorted().map(\.description))"
                    + (details.isEmpty ? "" : " — \(details)"), classes
            )
        }
        if let problem = statementProblem(expectations, findings: remaining) { return ("after the fixes, " + problem, classes) }
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
