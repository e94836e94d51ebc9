import LinterCore
import Linter
import Rules
import TestKit
import Testing

/// What each rule says on its own examples, one small file per rule under
/// `Tests/Snapshots/rules/`: a change of wording in one rule changes one file, and shows in review
/// as the lines it changes. `ECSLINT_UPDATE_SNAPSHOTS=1 swift test` rewrites the files.
@Suite("Rule message snapshots")
struct RuleMessageSnapshotTests {
    static var registry: RuleRegistry { TestLint.registryWithShippedRules }
    static var ruleIds: [String] { registry.rules.map(\.metadata.id) }

    /// One line per finding of the rule in each of its examples, in the engine's order:
    /// `ECS101 example 1 taskdef.json:4:30 warning: <message>`, then its related locations and
    /// its fix, indented.
    static func render(_ rule: any Rule) -> String {
        let metadata = rule.metadata
        var output = "# \(metadata.id) \(metadata.name): its findings on its examples\n"
        for (index, example) in metadata.examples.enumerated() {
            let findings: [Finding]?
            if let declarative = rule as? DeclarativeRule {
                findings = DeclarativeExampleRunner(registry: registry).findings(of: example, for: declarative)
            } else {
                findings = ExampleRunner(registry: registry).findings(of: example, for: rule)
            }
            guard let findings else {
                output += "\(metadata.id) example \(index + 1): its configuration does not load\n"
                continue
            }
            for finding in findings {
                let start = finding.range.start
                output += "\(finding.ruleId) example \(index + 1) \(finding.path):\(start.line):\(start.column) \(finding.severity.rawValue): \(finding.message)\n"
                for related in finding.related {
                    let position = related.range.start
                    output += "    related \(related.path):\(position.line):\(position.column): \(related.message)\n"
                }
                if let fix = finding.fix { output += "    fix (\(fix.safety.rawValue)): \(fix.title)\n" }
            }
        }
        return output
    }

    @Test("each rule's findings on its examples are its snapshot in Tests/Snapshots/rules", arguments: ruleIds)
    func messages(ruleId: String) throws {
        let rule = try #require(Self.registry.rule(ruleId))
        Snapshot.expect(Self.render(rule), named: "rules/\(ruleId).txt")
    }

    @Test("every snapshot in Tests/Snapshots/rules belongs to a rule")
    func noStaleSnapshots() {
        let expected = Set(Self.ruleIds.map { "\($0).txt" })
        let present = Snapshot.names(in: "rules")
        #expect(!present.isEmpty)
        for name in present { #expect(expected.contains(name), "Tests/Snapshots/rules/\(name) belongs to no rule") }
    }
}
