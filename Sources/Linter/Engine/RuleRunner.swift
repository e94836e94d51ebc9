import LinterCore

/// Runs the enabled rules over the project model, in parallel, and reports what the engine
/// itself found while reading the files (parse errors, skipped files, unreadable templates) as
/// violations of the engine rules. The order of the result is fixed (rules in registry order,
/// each rule's violations as it returned them, then the engine's), never the threads'.
struct RuleRunner {
    var table: RuleTable
    var settings: LintSettings
    var workers: Int

    func run(on project: ProjectModel, documents: [ModelDocument], firstPath: String) -> [RuleViolation] {
        let table = table
        let settings = settings
        var results: [(rule: Int, violations: [Violation], failure: Violation?)] = ParallelMap.map(
            table.enabledPositions, workers: workers
        ) { position in
            let resolved = table.rules[position]
            let context = RuleContext(project: project, options: resolved.options, settings: settings)
            do {
                var violations = try resolved.rule.check(context)
                Violation.shareMessages(&violations)
                return (position, violations, nil)
            } catch {
                let location = (error as? RuleFailure)?.location ?? Location(path: firstPath, range: .point(0))
                let failure = Violation(
                    "rule \(table.ids[position]) (\(table.names[position])) failed and was skipped for this run: \(error)",
                    at: location)
                return (position, [], failure)
            }
        }
        var violations: [RuleViolation] = []
        violations.reserveCapacity(results.reduce(0) { $0 + $1.violations.count + ($1.failure == nil ? 0 : 1) })
        // A finding at a value a Terraform registry module chose by default says so.
        var defaultNotes: [Location: String] = [:]
        for document in documents {
            for note in document.moduleDefaultNotes { defaultNotes[Location(path: document.path, range: note.range)] = note.note }
        }
        for (position, ruleViolations, failure) in results {
            let severity = table.configuredSeverities[position]
            for var violation in ruleViolations {
                if !defaultNotes.isEmpty, let note = defaultNotes[violation.location] { violation.message += " (" + note + ")" }
                violations.append(
                    RuleViolation(rule: position, violation: violation, severity: severity ?? violation.severity ?? table.rules[position].severity))
            }
            if let failure, let internalRule = table.position(of: EngineRules.internalError) {
                violations.append(RuleViolation(rule: internalRule, violation: failure, severity: table.rules[internalRule].severity))
            }
        }
        results.removeAll()
        return violations
    }

    /// Parse errors (of files and of JSON embedded in them), files skipped unread, and templates
    /// that stay unreadable with their placeholders read as unknown values.
    func engineViolations(
        _ analyses: [FileAnalysis], documents: ProjectDocuments, skipped: [(path: String, reason: String)]
    ) -> [RuleViolation] {
        var violations: [RuleViolation] = []
        if let parseRule = table.enabledPosition(of: EngineRules.parseError) {
            let severity = table.rules[parseRule].severity
            for (analysis, range) in zip(analyses, documents.rangesByFile) {
                if let error = analysis.parseError {
                    let location = Location(path: analysis.source.path, range: error.range)
                    violations.append(RuleViolation(rule: parseRule, violation: Violation(error.message, at: location), severity: severity))
                }
                for document in documents.all[range] {
                    for problem in document.problems {
                        violations.append(
                            RuleViolation(rule: parseRule, violation: Violation(problem.message, at: problem.location), severity: severity))
                    }
                }
            }
        }
        if let skipRule = table.enabledPosition(of: EngineRules.fileSkipped) {
            for (path, reason) in skipped {
                violations.append(
                    RuleViolation(
                        rule: skipRule, violation: Violation(reason, at: Location(path: path, range: .point(0))),
                        severity: table.rules[skipRule].severity))
            }
            for analysis in analyses {
                guard let error = analysis.unreadableTemplate else { continue }
                let format = DocumentParser.format(forPath: analysis.source.path, bytes: analysis.source.bytes).rawValue.uppercased()
                let message = "template source not linted: it is not valid \(format) until rendered, even with its {{ }} placeholders read as unknown values (\(error.message)); lint the rendered output to check it"
                violations.append(
                    RuleViolation(
                        rule: skipRule, violation: Violation(message, at: Location(path: analysis.source.path, range: error.range)),
                        severity: table.configuredSeverities[skipRule] ?? .note))
            }
        }
        return violations
    }
}

/// Every file's documents in the one list the model is made of, moved out of the files'
/// analyses so that each document is held once; `rangesByFile[i]` are the documents of the
/// `i`th analysis.
struct ProjectDocuments {
    var all: [ModelDocument] = []
    var rangesByFile: [Range<Int>] = []

    init(taking analyses: inout [FileAnalysis]) {
        all.reserveCapacity(analyses.reduce(0) { $0 + $1.documents.count })
        rangesByFile.reserveCapacity(analyses.count)
        for index in analyses.indices {
            let start = all.count
            all.append(contentsOf: analyses[index].documents)
            analyses[index].documents = []
            rangesByFile.append(start..<all.count)
        }
    }
}
