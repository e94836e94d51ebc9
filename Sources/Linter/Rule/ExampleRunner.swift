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

        public var description: String { "\(ruleId) \(kind.rawValue) example #\(exampleIndex + 1): \(message)" }
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

    public func run(_ rule: any Rule) -> [Failure] {
        rule.metadata.examples.enumerated().flatMap { index, example in run(example, index: index, of: rule) }
    }

    public func run(_ example: RuleExample, index: Int, of rule: any Rule) -> [Failure] {
        let metadata = rule.metadata
        func failure(_ message: String) -> Failure {
            Failure(ruleId: metadata.id, exampleIndex: index, kind: example.kind, message: message)
        }
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
                return [failure("its configuration does not load: \(error)")]
            }
        }
        if configuration.rules[metadata.id] == nil && configuration.rules[metadata.name] == nil && !metadata.enabledByDefault {
            configuration.rules[metadata.id] = Configuration.RuleSetting(enabled: true)
        }
        let engine = LintEngine(registry: registry, configuration: configuration, workers: 1, onlyRules: [metadata.id])
        for error in engine.unknownRuleKeys() {
            return [failure("its configuration is invalid: \(error)")]
        }
        let outcome = engine.lint(sources: sources)
        let found = outcome.findings.map { Marker(path: $0.path, line: $0.range.start.line, column: $0.range.start.column) }
        switch example.kind {
        case .valid:
            if !found.isEmpty {
                let details = outcome.findings.map { "\($0.path):\($0.range.start): \($0.message)" }.joined(separator: "; ")
                return [failure("expected no finding, got \(found.count): \(details)")]
            }
            return []
        case .invalid:
            if markers.isEmpty { return [failure("an invalid example needs at least one ↓ marker")] }
            if found.sorted() != markers.sorted() {
                let details = outcome.findings.map { "\($0.path):\($0.range.start): \($0.message)" }.joined(separator: "; ")
                return [
                    failure(
                        "expected findings at \(markers.sorted().map(\.description)), got \(found.sorted().map(\.description))"
                            + (details.isEmpty ? "" : " — \(details)"))
                ]
            }
            return []
        }
    }
}
