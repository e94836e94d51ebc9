import LinterCore

/// Checks an example's fixes: applied, they must turn each file into its `fixed` text.
extension ExampleRunner {
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
