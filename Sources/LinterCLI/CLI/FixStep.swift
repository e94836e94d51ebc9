#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Linter
import LinterCore

/// `--fix`, `--unsafe-fixes` and `--diff`: applies the fixes of a lint in memory (`FixRunner`),
/// then writes the changed files, or prints what would change.
struct FixStep {
    var engine: LintEngine
    var safety: FixSafety
    /// `--diff`: print a unified diff and write nothing.
    var diffOnly: Bool
    var quiet: Bool
    /// Root-relative path → the path shown to the user.
    var display: (String) -> String

    enum Outcome {
        /// The files were written; the project should be linted again for the report.
        case written(FixRunner.Result)
        /// `--diff`: the diff was printed; nothing was written.
        case diffed(FixRunner.Result)
        /// A file could not be written.
        case failed
    }

    func run(_ outcome: LintOutcome, console: Console) -> Outcome {
        let result = FixRunner(engine: engine, safety: safety).run(outcome)
        if !quiet {
            for rolledBack in result.rolledBack { console.writeError(describe(rolledBack) + "\n") }
        }
        let paths = result.changed.keys.sorted()
        if diffOnly {
            for path in paths {
                guard let old = result.originals[path], let new = result.changed[path] else { continue }
                var diff = UnifiedDiff(oldLabel: display(path), newLabel: display(path))
                diff.oldSecrets = outcome.secretRanges[path] ?? []
                diff.newSecrets = result.outcome.secretRanges[path] ?? []
                console.writeOut(diff.render(old: old.bytes, new: new.bytes))
            }
            return .diffed(result)
        }
        // Every file is checked before any is written: a read-only one stops the run with none
        // of them changed.
        var files: [(AtomicFile.Replaceable, [UInt8])] = []
        do {
            for path in paths {
                guard let new = result.changed[path] else { continue }
                files.append((try AtomicFile.Replaceable(new.path, shownPath: display(path)), new.bytes))
            }
        } catch {
            console.writeError("ecslint: \(error.description); no file was changed\n")
            return .failed
        }
        for (written, (file, bytes)) in files.enumerated() {
            do {
                try file.replace(with: bytes)
            } catch {
                let before = written == 0 ? "" : "; the fixes of \(written) \(written == 1 ? "file" : "files") before it were written"
                console.writeError("ecslint: \(error.description)\(before)\n")
                return .failed
            }
        }
        return .written(result)
    }

    /// `path:line:col: note: the fix "…" [ECS402 name] was not applied: reason`.
    func describe(_ rolledBack: FixRunner.RolledBack) -> String {
        let finding = rolledBack.finding
        let reason: String
        switch rolledBack.reason {
        case .doesNotParse(let message): reason = "the fixed file does not parse (\(message))"
        case .notRecognized: reason = "the fixed file no longer holds an ECS or ECR shape"
        case .findingRemains: reason = "the finding is still reported after it"
        case .newFinding(let new):
            reason = "it brings a new finding at \(display(new.path)):\(new.range.start): \(new.message) [\(new.ruleId) \(new.ruleName)]"
        }
        return "\(display(finding.path)):\(finding.range.start): note: the fix '\(finding.fix?.title ?? "")' [\(finding.ruleId) \(finding.ruleName)] was rolled back: \(reason)"
    }

    /// `fixed 3 findings in 2 files` (or `would fix` for `--diff`).
    static func summary(_ result: FixRunner.Result, diffOnly: Bool) -> String {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        var text = (diffOnly ? "would fix " : "fixed ") + plural(result.applied.count, "finding")
        if !result.changed.isEmpty { text += " in " + plural(result.changed.count, "file") }
        if !result.rolledBack.isEmpty {
            text += "; \(result.rolledBack.count) \(result.rolledBack.count == 1 ? "fix" : "fixes") rolled back"
        }
        if result.stoppedAtLimit {
            text += "; stopped after linting \(plural(result.lints, "fixed version")) of the text, with fixes still to try: run it again to try them"
        }
        return text
    }
}
