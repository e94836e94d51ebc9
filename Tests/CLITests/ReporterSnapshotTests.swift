import Foundation
import LinterCore
import Linter
import LinterCLI
import Rules
import Testing
import TestKit

/// Exact output bytes of every format, end to end through the CLI, on the bundled examples.
@Suite("Reporter snapshots")
struct ReporterSnapshotTests {
    @Test("each output format but SARIF is byte-identical to its snapshot", arguments: OutputFormat.allCases.filter { $0 != .sarif })
    func format(_ format: OutputFormat) {
        let result = CLI.run(["lint", "--format", format.rawValue, "--quiet", "examples/overwritten-tag"])
        #expect(result.code == .findings)
        let (same, difference) = Snapshot.matches(result.stdout, named: "overwritten-tag.\(format.rawValue)")
        #expect(same, Comment(rawValue: difference))
    }

    /// SARIF lists every rule of the run with its whole documentation, so this snapshot is taken
    /// with two rules (and the four engine rules every run has), on a task definition both
    /// report: one finding with a related location, one with an unsafe fix. A change to another
    /// rule's text does not touch it; `Tests/Snapshots/rules/` holds each rule's messages.
    @Test("SARIF is byte-identical to its snapshot, on a task definition two rules report")
    func sarif() throws {
        let project = try TemporaryProject()
        try project.write(
            "task-definition.json",
            """
            {
              "family": "web",
              "containerDefinitions": [
                {"name": "app", "image": "nginx:1.27.0"},
                {"name": "app", "image": "nginx:1.27.0", "versionConsistency": "disabled"}
              ]
            }

            """)
        let rules: [any Rule] = [VersionConsistencyDisabledRule(), DuplicateContainerNameRule()]
        let result = project.run(["lint", "--format", "sarif", "--quiet", "."], context: CommandContext(builtinRules: rules))
        #expect(result.code == .findings)
        #expect(result.stderr == "")
        let (same, difference) = Snapshot.matches(result.stdout, named: "two-rules.sarif")
        #expect(same, Comment(rawValue: difference))
    }

    @Test("the outage examples print their findings with related locations; the clean example prints none")
    func examples() {
        for example in ["shared-repository", "overwritten-tag"] {
            let result = CLI.run(["lint", "--quiet", "examples/\(example)"])
            #expect(result.code == .findings)
            let (same, difference) = Snapshot.matches(result.stdout, named: "\(example).text")
            #expect(same, Comment(rawValue: difference))
        }
        let clean = CLI.run(["lint", "examples/clean"])
        #expect(clean.code == .clean)
        #expect(clean.stdout == "")
        #expect(clean.stderr == "0 errors, 0 warnings, 0 notes in 1 file\n")
    }

    @Test("the text format shows a code frame with --show-source")
    func codeFrame() throws {
        let project = try TemporaryProject()
        try project.write("td.json", "{\"family\": \"web\", \"containerDefinitions\": [{\"name\": \"app\", \"image\": \"nginx\"}]}\n")
        let result = project.run(["lint", "--show-source", "--quiet", "td.json"])
        #expect(result.stdout.contains("""
              |
            1 | {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx"}]}
              |                                                                     ^~~~~~~
            """))
    }

    @Test("colored text output: bold locations, colored severities, related notes, byte for byte")
    func coloredText() throws {
        let engine = LintEngine(registry: TestLint.registry, configuration: Configuration(rootDirectory: "/p"))
        let outcome = engine.lint(sources: [
            SourceFile(path: "/p/td.json", text: #"{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:latest", "dependsOn": [{"containerName": "app", "condition": "HEALTHY"}]}]}"#)
        ])
        #expect(outcome.findings.contains { !$0.related.isEmpty })
        let context = ReportContext(outcome: outcome, displayPath: { "shown/" + $0 }, color: true)
        // The format as first written, with string interpolation.
        var expected = ""
        for finding in outcome.findings {
            let severityColor = ["error": "1;31", "warning": "1;33", "note": "1;36"][finding.severity.rawValue] ?? ""
            expected += "\u{1B}[1mshown/\(finding.path):\(finding.range.start.line):\(finding.range.start.column)\u{1B}[0m: "
                + "\u{1B}[\(severityColor)m\(finding.severity.rawValue)\u{1B}[0m: \(finding.message) [\(finding.ruleId) \(finding.ruleName)]\n"
            for related in finding.related {
                expected += "  shown/\(related.path):\(related.range.start.line):\(related.range.start.column): note: \(related.message)\n"
            }
        }
        #expect(TextReporter.render(context) == expected)
    }

    /// The findings of `files` copies of a task definition with several findings each, one of
    /// them with a related location.
    static func manyFindings(files: Int) throws -> LintOutcome {
        let engine = LintEngine(registry: TestLint.registry, configuration: Configuration(rootDirectory: "/p"))
        let sources = (0..<files).map { index in
            SourceFile(
                path: "/p/td-\(index).json",
                text: #"{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:latest", "dependsOn": [{"containerName": "app", "condition": "HEALTHY"}]}]}"#)
        }
        return engine.lint(sources: sources)
    }

    @Test("text output is the same byte for byte whether formatted on one thread or several")
    func textOnThreads() throws {
        let outcome = try Self.manyFindings(files: 300)
        #expect(outcome.findings.count > 2 * 512)
        let one = TextReporter.render(ReportContext(outcome: outcome, displayPath: { "shown/" + $0 }, workers: 1))
        let three = TextReporter.render(ReportContext(outcome: outcome, displayPath: { "shown/" + $0 }, workers: 3))
        #expect(one == three)
        #expect(one.split(separator: "\n").count == outcome.findings.reduce(0) { $0 + 1 + $1.related.count })
        #expect(one.hasPrefix("shown/td-0.json:1:"))
    }

    @Test("text written piece by piece is the rendered report, emitted in 512-finding pieces, on one thread or several")
    func textInPieces() throws {
        let outcome = try Self.manyFindings(files: 600)
        // More than one group of pieces on one thread (four pieces of 512 findings per group).
        #expect(outcome.findings.count > 4 * 512)
        for workers in [1, 2, 3] {
            let context = ReportContext(outcome: outcome, displayPath: { "shown/" + $0 }, workers: workers)
            var pieces: [[UInt8]] = []
            TextReporter.write(context) { pieces.append($0) }
            #expect(pieces.count == (outcome.findings.count + 511) / 512)
            #expect(String(decoding: pieces.joined(), as: UTF8.self) == TextReporter.render(context))
        }
        var none: [[UInt8]] = []
        TextReporter.write(ReportContext(outcome: try Self.manyFindings(files: 0))) { none.append($0) }
        #expect(none.isEmpty)
    }

    @Test("a console without a byte writer passes bytes on to its string writer")
    func consoleBytes() {
        let written = CapturedOutput()
        let console = Console(writeOut: { written.appendOut($0) }, writeError: { _ in })
        console.writeOutBytes(Array("a: b ü\n".utf8))
        console.writeOutBytes([])
        #expect(written.stdout == "a: b ü\n")
    }

    @Test("GitHub workflow commands escape %, CR, LF, : and ,")
    func gitHubEscaping() {
        #expect(GitHubReporter.escapeData("50% done\r\nnext") == "50%25 done%0D%0Anext")
        #expect(GitHubReporter.escapeProperty("a:b,c") == "a%3Ab%2Cc")
    }
}

