import Foundation
import LinterCore
import Linter
import Rules
import TestKit
import Testing

/// `BuiltinRules.all` is written by hand; these tests make forgetting a rule there fail instead
/// of the rule vanishing silently.
@Suite("The built-in rule registry")
struct RegistryTests {
    /// The types a Swift text declares as conforming to `Rule` or `BuiltInRule` (`struct X: Rule {`,
    /// `struct X: BuiltInRule {`, `struct X: Sendable, Rule {`, `extension X: Rule {`).
    static func ruleConformances(in text: String) -> [String] {
        let declaration = #/(?:struct|class|enum|actor|extension)\s+(\w+)(?:<[^>{]*>)?\s*:\s*([^{]*)\{/#
        return text.matches(of: declaration).filter { match in
            match.output.2.split(separator: ",").contains { conformance in
                let name = conformance.split(whereSeparator: \.isWhitespace).first
                return name == "Rule" || name == "BuiltInRule"
            }
        }.map { String($0.output.1) }
    }

    /// Every type the sources under `Sources/Rules` declare as conforming to `Rule`, with its file.
    static func declaredRuleTypes() throws -> [String: String] {
        let directory = TestPaths.inPackage("Sources/Rules")
        let enumerator = try #require(FileManager.default.enumerator(atPath: directory))
        var types: [String: String] = [:]
        for case let name as String in enumerator where name.hasSuffix(".swift") {
            let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            for type in ruleConformances(in: text) { types[type] = name }
        }
        return types
    }

    static var registeredTypes: [String] { BuiltinRules.all.map { String(describing: type(of: $0)) } }

    @Test("every rule type declared under Sources/Rules is in BuiltinRules.all")
    func everyRuleIsRegistered() throws {
        let declared = try Self.declaredRuleTypes()
        let registered = Set(Self.registeredTypes)
        // The scan sees the rules (a broken pattern would find none and pass vacuously).
        #expect(declared.count >= 30)
        #expect(declared.keys.contains("ImageLatestTagRule"))
        for (type, file) in declared.sorted(by: { $0.key < $1.key }) {
            #expect(registered.contains(type), "Sources/Rules/\(file) declares \(type), which BuiltinRules.all does not list")
        }
        #expect(Self.registeredTypes.count == registered.count, "a rule type is listed twice in BuiltinRules.all")
    }

    @Test("the declaration scan recognises the ways a conformance is written")
    func declarationPatterns() throws {
        let conforms = Self.ruleConformances(in:)
        #expect(conforms("public struct A: Rule {") == ["A"])
        #expect(conforms("struct B: Sendable, Rule {") == ["B"])
        #expect(conforms("public struct C:\n    Rule\n{") == ["C"])
        #expect(conforms("extension D: Rule {}") == ["D"])
        #expect(conforms("final class E: Rule, Sendable {") == ["E"])
        #expect(conforms("public struct H: BuiltInRule {") == ["H"])
        #expect(conforms("struct F: RuleOptionsProvider {") == [])
        #expect(conforms("enum G: String, CaseIterable {") == [])
    }

    @Test("ids and names are unique across the engine and built-in rules, and BuiltinRules.all is sorted by id")
    func uniqueIdsAndNames() {
        let metadata = (EngineRules.all + BuiltinRules.all).map(\.metadata)
        var ids: [String: Int] = [:]
        var names: [String: Int] = [:]
        for rule in metadata {
            ids[rule.id, default: 0] += 1
            names[rule.name, default: 0] += 1
        }
        #expect(ids.filter { $0.value > 1 }.keys.sorted() == [], "ids used twice")
        #expect(names.filter { $0.value > 1 }.keys.sorted() == [], "names used twice")
        #expect(Set(ids.keys).isDisjoint(with: names.keys), "a name that is also an id")
        let builtinIds = BuiltinRules.all.map(\.metadata.id)
        #expect(builtinIds == builtinIds.sorted())
    }

    @Test("every registered rule, engine, built-in and shipped, has its generated docs page")
    func docsPages() throws {
        for rule in TestLint.registryWithShippedRules.rules {
            let metadata = rule.metadata
            let path = "docs/rules/\(metadata.id).md"
            guard let page = try? TestPaths.read(path) else {
                Issue.record("\(metadata.id) has no \(path); run ecslint generate-docs")
                continue
            }
            #expect(page.hasPrefix("# \(metadata.id) \(metadata.name)\n"), "\(path) is not \(metadata.id)'s page")
            for character in [String(RuleExample.marker), String(ExampleRunner.statementOpen), String(ExampleRunner.statementClose)] {
                #expect(!page.contains(character), "\(path) shows an example marker")
            }
        }
        let index = try TestPaths.read("docs/rules/index.md")
        for metadata in TestLint.registryWithShippedRules.allMetadata {
            #expect(index.contains("[\(metadata.id)](\(metadata.id).md)"), "docs/rules/index.md does not list \(metadata.id)")
        }
    }
}
