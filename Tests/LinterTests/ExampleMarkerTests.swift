@testable import LinterCore
@testable import Linter
import TestKit
import Testing

/// A rule for the marker tests: a task definition whose family starts with `bad` is a warning,
/// `bad-error` an error.
private struct BadFamilyRule: Rule {
    var examples: [RuleExample]

    var metadata: RuleMetadata {
        RuleMetadata(
            id: "TST001", name: "bad-family", summary: "A family named bad.", rationale: "Test.", defaultSeverity: .warning,
            category: .correctness, examples: examples)
    }

    func check(_ context: RuleContext) -> [Violation] {
        context.project.taskDefinitions.compactMap { taskDefinition in
            guard let family = taskDefinition.family.value, family.hasPrefix("bad") else { return nil }
            return Violation(
                "family '\(family)' is bad: rename it", at: taskDefinition.family.location,
                severity: family == "bad-error" ? .error : nil)
        }
    }
}

/// A task definition with `family` marked by `marker` (the finding starts at 1:12).
private func taskDefinition(_ family: String, marker: String) -> String {
    #"{"family": \#(marker)"\#(family)", "containerDefinitions": [{"name": "app", "image": "nginx:1.27.0"}]}"#
}

/// The failures of an invalid example, as `ecslint test-rules` and `swift test` print them.
private func failures(_ source: String) throws -> [String] {
    let rule = BadFamilyRule(examples: [.invalid("taskdef.json", source)])
    return ExampleRunner(registry: try RuleRegistry([rule])).run(rule).map(\.description)
}

@Suite("Example markers that state severity and a message fragment")
struct ExampleMarkerTests {
    @Test("a marker's statement is removed from the text and does not move the positions")
    func parsing() {
        let source = "a: ↓x\nb: ↓⟨warning⟩y\nc: ↓⟨error: is bad: rename ⟩z ↓⟨note⟩w\n"
        let parsed = ExampleRunner.parseMarkers(source, path: "f.yaml")
        #expect(String(decoding: parsed.file.bytes, as: UTF8.self) == "a: x\nb: y\nc: z w\n")
        #expect(parsed.problems.isEmpty)
        #expect(parsed.expectations.map(\.marker.description) == ["f.yaml:1:4", "f.yaml:2:4", "f.yaml:3:4", "f.yaml:3:6"])
        #expect(parsed.expectations.map(\.severity) == [nil, .warning, .error, .note])
        // The fragment is everything after the first colon, spaces around it dropped.
        #expect(parsed.expectations.map(\.fragment) == [nil, nil, "is bad: rename", nil])
        #expect(ExampleRunner.unmarked(source) == "a: x\nb: y\nc: z w\n")
        #expect(ExampleRunner.stripMarkers(source, path: "f.yaml").1.map(\.description) == parsed.expectations.map(\.marker.description))
    }

    @Test("a malformed statement is a problem with its position")
    func malformed() {
        let unknown = ExampleRunner.parseMarkers("a: ↓⟨warn⟩x\n", path: "f.yaml")
        #expect(unknown.problems == ["the marker at f.yaml:1:4 is malformed: 'warn' is not a severity (error, warning or note come first: ↓⟨warning: text⟩)"])
        let unclosed = ExampleRunner.parseMarkers("a: ↓⟨warning x\nb: 1\n", path: "f.yaml")
        #expect(unclosed.problems == ["the marker at f.yaml:1:4 is malformed: '⟨' is not closed by '⟩' on its line"])
        #expect(String(decoding: unclosed.file.bytes, as: UTF8.self) == "a: ⟨warning x\nb: 1\n")
        let empty = ExampleRunner.parseMarkers("a: ↓⟨error: ⟩x\n", path: "f.yaml")
        #expect(empty.problems == ["the marker at f.yaml:1:4 is malformed: nothing after the colon (give a fragment of the message, or no colon)"])
    }

    @Test("a marker whose severity and fragment match its finding passes")
    func matching() throws {
        #expect(try failures(taskDefinition("bad", marker: "↓")) == [])
        #expect(try failures(taskDefinition("bad", marker: "↓⟨warning⟩")) == [])
        #expect(try failures(taskDefinition("bad", marker: "↓⟨warning: family 'bad' is bad⟩")) == [])
        #expect(try failures(taskDefinition("bad-error", marker: "↓⟨error: rename it⟩")) == [])
    }

    @Test("a wrong severity fails the example")
    func wrongSeverity() throws {
        #expect(
            try failures(taskDefinition("bad", marker: "↓⟨error⟩")) == [
                "TST001 invalid example #1: the finding at taskdef.json:1:12 is a warning, its marker says error"
            ])
        #expect(
            try failures(taskDefinition("bad-error", marker: "↓⟨note: is bad⟩")) == [
                "TST001 invalid example #1: the finding at taskdef.json:1:12 is an error, its marker says note"
            ])
    }

    @Test("a fragment the message does not contain fails the example")
    func wrongFragment() throws {
        #expect(
            try failures(taskDefinition("bad", marker: "↓⟨warning: is good⟩")) == [
                #"TST001 invalid example #1: the message at taskdef.json:1:12 does not contain "is good": "family 'bad' is bad: rename it""#
            ])
        #expect(
            try failures(taskDefinition("bad", marker: "↓⟨error: is good⟩")) == [
                #"TST001 invalid example #1: the finding at taskdef.json:1:12 is a warning, its marker says error; the message at taskdef.json:1:12 does not contain "is good": "family 'bad' is bad: rename it""#
            ])
    }

    @Test("a malformed statement fails the example, even where a finding starts")
    func malformedFails() throws {
        #expect(
            try failures(taskDefinition("bad", marker: "↓⟨warn⟩")) == [
                "TST001 invalid example #1: the marker at taskdef.json:1:12 is malformed: 'warn' is not a severity (error, warning or note come first: ↓⟨warning: text⟩)"
            ])
    }

    @Test("declarative rules' examples check statements too")
    func declarative() throws {
        func rule(_ marker: String) throws -> DeclarativeRule {
            let text = """
                version: 1
                rules:
                  - id: ORG-001
                    name: org-rule
                    summary: A test rule.
                    severity: warning
                    target: container
                    assert: {path: image, op: notMatches, value: ':latest$'}
                    message: "container '{container.name}' runs {value}"
                    examples:
                      invalid:
                        - file: taskdef.json
                          source: '{"family": "a", "containerDefinitions": [{"name": "web", "image": \(marker)"nginx:latest"}]}'
                      valid:
                        - file: taskdef.json
                          source: '{"family": "a", "containerDefinitions": [{"name": "web", "image": "nginx:1.27.0"}]}'

                """
            var parser = RuleFileParser(file: SourceFile(path: "rules.yaml", text: text))
            let parsed = parser.parse()
            #expect(parser.errors.isEmpty, Testing.Comment(rawValue: parser.errors.map(\.description).joined(separator: "\n")))
            return try #require(parsed.first?.rule)
        }
        func failures(_ marker: String) throws -> [String] {
            let declarative = try rule(marker)
            return DeclarativeExampleRunner(registry: try RuleRegistry([declarative])).run(declarative).failures.map(\.message)
        }
        #expect(try failures("↓⟨warning: runs nginx:latest⟩") == [])
        #expect(try failures("↓⟨error⟩") == ["the finding at taskdef.json:1:67 is a warning, its marker says error"])
        #expect(
            try failures("↓⟨warning: runs httpd⟩") == [
                #"the message at taskdef.json:1:67 does not contain "runs httpd": "container 'web' runs nginx:latest""#
            ])
    }

    @Test("the documentation shows examples without markers or their statements")
    func documentation() {
        let rule = BadFamilyRule(examples: [.invalid("taskdef.json", taskDefinition("bad", marker: "↓⟨warning: is bad⟩"))])
        let markdown = RuleDocRenderer.markdown(rule.metadata)
        #expect(markdown.contains("```json\n" + taskDefinition("bad", marker: "") + "\n```"))
        for character in ["↓", "⟨", "⟩"] { #expect(!markdown.contains(character)) }
    }
}
