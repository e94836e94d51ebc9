import LinterCore
import Linter
import Rules
import Testing
import TestKit

@Suite("Rule examples")
struct RuleExamplesTests {
    static var registry: RuleRegistry { TestLint.registry }

    static var ruleIds: [String] { registry.rules.map(\.metadata.id) }

    @Test("every example of the rule gives findings exactly at its markers", arguments: ruleIds)
    func examples(ruleId: String) throws {
        let rule = try #require(Self.registry.rule(ruleId))
        let failures = ExampleRunner(registry: Self.registry).run(rule)
        for failure in failures {
            Issue.record(Comment(rawValue: failure.description))
        }
    }

    @Test("every rule documents at least one valid and one invalid example", arguments: ruleIds)
    func hasExamples(ruleId: String) throws {
        let rule = try #require(Self.registry.rule(ruleId))
        let metadata = rule.metadata
        guard metadata.category != .engine || metadata.id == "ECS000" else { return }
        #expect(metadata.examples.contains { $0.kind == .valid }, "\(ruleId) has no valid example")
        #expect(metadata.examples.contains { $0.kind == .invalid }, "\(ruleId) has no invalid example")
    }

    @Test("ids are unique and names are kebab-case")
    func identifiers() {
        var ids: Set<String> = []
        var names: Set<String> = []
        for metadata in Self.registry.allMetadata {
            #expect(ids.insert(metadata.id).inserted, "duplicate id \(metadata.id)")
            #expect(names.insert(metadata.name).inserted, "duplicate name \(metadata.name)")
            #expect(metadata.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(metadata.name) is not kebab-case")
            #expect(metadata.summary.hasSuffix("."), "\(metadata.id) summary should be one sentence ending in a period")
            #expect(metadata.tags.count <= 10)
        }
    }
}
