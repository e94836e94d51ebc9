import LinterCore

/// Leaves out the violations that a suppression silences: comments and CloudFormation metadata
/// in the files, then `.ecslint.json` ignore entries. With `reportUnused`, a suppression that
/// silenced nothing, for a rule that could have fired, becomes an `unused-suppression`
/// violation (a comment's with a fix that removes it).
struct SuppressionFilter {
    var suppressions: [Suppression]
    var ignores: [Configuration.IgnoreEntry]
    var reportUnused: Bool

    func apply(
        _ violations: consuming [RuleViolation], table: RuleTable, registry: RuleRegistry,
        sources: [String: SourceFile], paths: RelativePaths
    ) -> [RuleViolation] {
        let ignoreGlobs = ignores.map { (Glob($0.path), $0) }
        var used = Array(repeating: false, count: suppressions.count)
        var usedIgnores = Array(repeating: false, count: ignoreGlobs.count)
        // Filtered where they are: a second array of every violation would raise the peak memory
        // of a large project, and with no suppressions and no ignores nothing is removed.
        var kept = consume violations
        var suppressionsByPath: [String: [Int]] = [:]
        for (position, suppression) in suppressions.enumerated() {
            suppressionsByPath[suppression.path, default: []].append(position)
        }
        func isSilenced(_ item: RuleViolation) -> Bool {
            let violation = item.violation
            let ruleId = table.ids[item.rule]
            let ruleName = table.names[item.rule]
            var silenced = false
            if let positions = suppressionsByPath[violation.location.path], let file = sources[violation.location.path] {
                let line = file.line(of: violation.location.range.start)
                for position in positions {
                    let suppression = suppressions[position]
                    if suppression.covers(ruleId: ruleId, ruleName: ruleName),
                        suppression.covers(line: line, offset: violation.location.range.start)
                    {
                        used[position] = true
                        silenced = true
                    }
                }
            }
            let relativePath = ignoreGlobs.isEmpty ? "" : paths.relative(violation.location.path)
            for (position, (glob, entry)) in ignoreGlobs.enumerated() where glob.matchesPath(relativePath) {
                if entry.rules.isEmpty || entry.rules.contains(ruleId) || entry.rules.contains(ruleName) {
                    usedIgnores[position] = true
                    silenced = true
                }
            }
            return silenced
        }
        if !suppressions.isEmpty || !ignoreGlobs.isEmpty {
            kept.removeAll { item in isSilenced(item) }
        }
        guard reportUnused, let unusedRule = table.position(of: EngineRules.unusedSuppression) else { return kept }
        let severity = table.rules[unusedRule].severity
        let enabledIds = Set(table.enabledPositions.map { table.ids[$0] })
        for (position, suppression) in suppressions.enumerated() where !used[position] {
            guard let location = suppression.location else { continue }
            let names = suppression.rules.isEmpty ? "all rules" : suppression.rules.joined(separator: ", ")
            let reachable = suppression.rules.isEmpty
                || suppression.rules.contains { key in registry.rule(key).map { enabledIds.contains($0.metadata.id) } ?? true }
            guard reachable else { continue }
            // A comment goes with its line; a metadata list or ignore entry is the author's
            // structure to tidy.
            let fix = suppression.origin == .comment
                ? Fix("Remove the unused suppression comment", safety: .safe,
                      edits: [FixEdit(path: location.path, .removeComment(location.range))])
                : nil
            let message = "this \(suppression.origin.rawValue) suppression (\(names)) silences nothing; remove it"
            kept.append(RuleViolation(rule: unusedRule, violation: Violation(message, at: location, fix: fix), severity: severity))
        }
        for (position, (_, entry)) in ignoreGlobs.enumerated() where !usedIgnores[position] {
            guard let location = entry.location else { continue }
            let message = "the ignore entry for '\(entry.path)' silences nothing; remove it"
            kept.append(RuleViolation(rule: unusedRule, violation: Violation(message, at: location), severity: severity))
        }
        return kept
    }
}
