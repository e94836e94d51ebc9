import LinterCore

/// Applies the fixes of a lint run in rounds, in memory, and keeps only those that prove
/// themselves: after each round the project is parsed and linted again, and a fix whose file no
/// longer parses, whose finding is still there, or that brings a finding that was not there is
/// taken back.
///
/// Within a round, fixes are taken in a fixed order (path, position, rule, message) and one that
/// touches bytes another already took waits for the next round, which lints the changed text
/// afresh. Rounds stop when no fix applies, after `maxRounds`, or when `maxLints` versions of the
/// text have been linted: fixes that fail together are tried one by one, and a file whose fixes
/// keep failing together would otherwise be linted hundreds of times.
public struct FixRunner: Sendable {
    public var engine: LintEngine
    /// The least safe class applied: `.safe` for `--fix`, `.unsafe` with `--unsafe-fixes`.
    public var safety: FixSafety
    public var maxRounds: Int
    /// How many fixed versions of the text are linted at most.
    public var maxLints: Int

    public init(engine: LintEngine, safety: FixSafety, maxRounds: Int = 16, maxLints: Int = 100) {
        var engine = engine
        engine.computesFingerprints = false  // the rounds compare findings by place, not fingerprint
        self.engine = engine
        self.safety = safety
        self.maxRounds = max(1, maxRounds)
        self.maxLints = max(1, maxLints)
    }

    /// A fix that was made and taken back.
    public struct RolledBack: Sendable {
        public enum Reason: Sendable {
            /// The fixed file, or JSON in one of its strings, does not parse (the parser's message).
            case doesNotParse(String)
            /// The fixed file no longer holds anything ecslint recognizes.
            case notRecognized
            /// The finding the fix was for is still reported.
            case findingRemains
            /// A finding appeared that was not there before.
            case newFinding(Finding)
        }

        public var finding: Finding
        public var reason: Reason
    }

    public struct Result: Sendable {
        /// Every file the fixes changed, by root-relative path: as read, and as fixed.
        public var originals: [String: SourceFile]
        public var changed: [String: SourceFile]
        /// The findings whose fixes were kept, as found in the round that applied them.
        public var applied: [Finding]
        public var rolledBack: [RolledBack]
        /// The lint of the fixed text.
        public var outcome: LintOutcome
        /// How many fixed versions of the text were linted.
        public var lints: Int
        /// Whether the run stopped at `maxLints` with fixes left untried: running it again on the
        /// fixed text goes on from there.
        public var stoppedAtLimit: Bool
    }

    /// The text and lint of a round.
    private struct State {
        var sources: [String: SourceFile]
        var outcome: LintOutcome
    }

    /// What the run has spent, and the analyses of the text the edits start from: the fixes of
    /// a round all start from the same text, which is analyzed once for them, not once per fix.
    private struct Attempts {
        var lintsLeft: Int
        var stoppedAtLimit = false
        var analysesBefore: [String: (bytes: [UInt8], facts: ParseFacts)] = [:]

        var exhausted: Bool { lintsLeft <= 0 }
    }

    /// What decides whether a fix broke its file.
    private struct ParseFacts {
        var parseError: String?
        var problems: [String]
        var isRecognized: Bool

        init(_ analysis: FileAnalysis) {
            parseError = analysis.parseError?.message
            problems = analysis.documents.flatMap(\.problems).map(\.message)
            isRecognized = analysis.isRecognized
        }
    }

    public func run(_ outcome: LintOutcome) -> Result {
        let originals = outcome.sources
        var state = State(sources: originals, outcome: outcome)
        var applied: [Finding] = []
        var rolledBack: [RolledBack] = []
        var attempted: Set<String> = []
        var attempts = Attempts(lintsLeft: maxLints)
        for _ in 0..<maxRounds {
            let chosen = choose(from: state, excluding: attempted)
            if chosen.isEmpty { break }
            guard !attempts.exhausted else {
                attempts.stoppedAtLimit = true
                break
            }
            let batch = attempt(chosen, from: state, &attempts)
            if let next = batch.state {
                state = next
                applied += chosen
                continue
            }
            // Something in the batch failed: each fix is tried alone to find which.
            var good: [(Finding, State)] = []
            for finding in chosen {
                if attempts.exhausted {
                    // The fixes found good so far are kept below, as at the end of any round.
                    attempts.stoppedAtLimit = true
                    break
                }
                let single = attempt([finding], from: state, &attempts)
                if let next = single.state {
                    good.append((finding, next))
                } else {
                    rolledBack.append(RolledBack(finding: finding, reason: single.failure ?? .findingRemains))
                    attempted.insert(FixRunner.key(finding))
                }
            }
            guard let (firstFinding, firstState) = good.first else { continue }
            if good.count > 1, !attempts.exhausted, let together = attempt(good.map(\.0), from: state, &attempts).state {
                state = together
                applied += good.map(\.0)
            } else {
                state = firstState
                applied.append(firstFinding)
            }
        }
        var changedOriginals: [String: SourceFile] = [:]
        var changed: [String: SourceFile] = [:]
        for (path, source) in state.sources where originals[path]?.bytes != source.bytes {
            changedOriginals[path] = originals[path]
            changed[path] = source
        }
        return Result(
            originals: changedOriginals, changed: changed, applied: applied, rolledBack: rolledBack, outcome: state.outcome,
            lints: maxLints - attempts.lintsLeft, stoppedAtLimit: attempts.stoppedAtLimit)
    }

    /// The fixes of this round: applicable, in their fixed order, none touching another's bytes.
    private func choose(from state: State, excluding attempted: Set<String>) -> [Finding] {
        let focus = state.outcome.focus
        let candidates = state.outcome.findings.filter { finding in
            guard let fix = finding.fix, fix.safety <= safety, !attempted.contains(FixRunner.key(finding)) else { return false }
            // Only files that were linted (not files read as context) are changed.
            return fix.edits.allSatisfy { edit in
                guard let source = state.sources[edit.path] else { return false }
                return focus?.contains(source.path) ?? true
            }
        }.sorted { left, right in
            let a = (left.path, left.range.start.offset, left.range.end.offset, left.ruleId, left.message)
            let b = (right.path, right.range.start.offset, right.range.end.offset, right.ruleId, right.message)
            return a < b
        }
        var chosen: [Finding] = []
        var taken: [TextEdit] = []
        for finding in candidates {
            let edits = finding.fix?.edits ?? []
            guard !edits.contains(where: { edit in taken.contains { $0.overlaps(edit) } }) else { continue }
            chosen.append(finding)
            taken += edits
        }
        return chosen
    }

    /// Applies the fixes of `findings` to the state's text, lints it again and checks the result;
    /// the new state, or why it is refused. Spends one of the run's lints when it gets that far.
    private func attempt(
        _ findings: [Finding], from state: State, _ attempts: inout Attempts
    ) -> (state: State?, failure: RolledBack.Reason?) {
        var editsByPath: [String: [TextEdit]] = [:]
        for finding in findings {
            for edit in finding.fix?.edits ?? [] { editsByPath[edit.path, default: []].append(edit) }
        }
        var sources = state.sources
        var applied: [String: AppliedEdits] = [:]
        for (path, edits) in editsByPath {
            guard let source = sources[path] else { return (nil, .notRecognized) }
            let edits = AppliedEdits(edits)
            applied[path] = edits
            sources[path] = SourceFile(path: source.path, bytes: edits.apply(to: source.bytes))
        }
        for path in editsByPath.keys.sorted() {
            guard let before = state.sources[path], let after = sources[path] else { continue }
            if let problem = parseProblem(before: before, after: after, &attempts) { return (nil, problem) }
        }
        attempts.lintsLeft -= 1
        let relinted = engine.lint(
            sources: sources.values.sorted { $0.path < $1.path }, focus: state.outcome.focus)
        if let problem = FixRunner.compare(before: state.outcome.findings, after: relinted.findings, applied: applied, fixed: findings) {
            return (nil, problem)
        }
        return (State(sources: sources, outcome: relinted), nil)
    }

    /// Why the fixed text no longer reads as the original did, if it does not.
    private func parseProblem(before: SourceFile, after: SourceFile, _ attempts: inout Attempts) -> RolledBack.Reason? {
        let limits = engine.configuration.limits
        let old: ParseFacts
        if let cached = attempts.analysesBefore[before.path], cached.bytes == before.bytes {
            old = cached.facts
        } else {
            old = ParseFacts(FileAnalysis.analyze(before, limits: limits))
            attempts.analysesBefore[before.path] = (before.bytes, old)
        }
        let new = ParseFacts(FileAnalysis.analyze(after, limits: limits))
        if old.parseError == nil, let error = new.parseError { return .doesNotParse(error) }
        if let problem = new.problems.dropFirst(old.problems.count).first { return .doesNotParse(problem) }
        if old.isRecognized && !new.isRecognized { return .notRecognized }
        return nil
    }

    /// A finding's place for comparing lints across edits: rule, file and start, the start of
    /// the earlier lint moved through the edits. Messages are not compared: a fix may change
    /// what another finding says about the same place.
    private struct Place: Hashable {
        var ruleId: String
        var path: String
        var offset: Int
    }

    /// Why the lint after the edits is not the lint before minus the fixed findings, if it is not.
    static func compare(
        before: [Finding], after: [Finding], applied: [String: AppliedEdits], fixed: [Finding]
    ) -> RolledBack.Reason? {
        func place(_ finding: Finding, moved: Bool) -> Place {
            let offset = finding.range.start.offset
            return Place(
                ruleId: finding.ruleId, path: finding.path,
                offset: moved ? applied[finding.path]?.newOffset(of: offset) ?? offset : offset)
        }
        var counts: [Place: Int] = [:]
        for finding in before { counts[place(finding, moved: true), default: 0] += 1 }
        var expected = counts
        for finding in fixed { expected[place(finding, moved: true), default: 0] -= 1 }
        var found: [Place: Int] = [:]
        for finding in after { found[place(finding, moved: false), default: 0] += 1 }
        for finding in after {
            let key = place(finding, moved: false)
            if (found[key] ?? 0) > (counts[key] ?? 0) { return .newFinding(finding) }
        }
        for finding in fixed {
            let key = place(finding, moved: true)
            if (found[key] ?? 0) > (expected[key] ?? 0) { return .findingRemains }
        }
        return nil
    }

    /// Identifies a fix by what it writes where: one that was taken back is not tried again,
    /// for another finding that offers the same edit either (a repository's immutability answers
    /// the repository's finding and those of the images in it).
    static func key(_ finding: Finding) -> String {
        let edits = finding.fix?.edits.map { "\($0.path)@\($0.range.start.offset)-\($0.range.end.offset):\($0.replacement)" } ?? []
        return ([finding.fix?.title ?? ""] + edits).joined(separator: "\u{1}")
    }
}
