import Testing
@testable import LinterCore
@testable import Linter

private func tagged(_ i: Int, _ p: Int, prefixes: [String]? = nil, patterns: [String]? = nil,
                    storage: LifecycleStorageClass = .standard) -> LifecycleRuleSpec {
    LifecycleRuleSpec(index: i, priority: p, tagStatus: .tagged, tagPrefixes: prefixes, tagPatterns: patterns,
                      storageClass: storage, countType: .imageCountMoreThan, countNumber: 5)
}

private func status(_ i: Int, _ p: Int, _ s: LifecycleTagStatus, storage: LifecycleStorageClass = .standard) -> LifecycleRuleSpec {
    LifecycleRuleSpec(index: i, priority: p, tagStatus: s, storageClass: storage,
                      countType: storage == .archive ? .sinceImageTransitioned : .sinceImagePushed, countNumber: 90)
}

@Suite("describeSelection")
struct DescribeSelectionTests {
    @Test func descriptions() {
        #expect(describeSelection(status(0, 1, .any)) == "any image (tagged or untagged)")
        #expect(describeSelection(status(0, 1, .untagged)) == "untagged images")
        #expect(describeSelection(tagged(0, 1, patterns: ["dev-*"])) == "images carrying tags matching all of [dev-*]")
        #expect(describeSelection(tagged(0, 1, patterns: ["alpha*", "beta*"]))
            == "images carrying tags matching all of [alpha*, beta*]")
        #expect(describeSelection(tagged(0, 1, prefixes: ["prod"])) == "images carrying tags starting with all of [prod]")
        #expect(describeSelection(status(0, 1, .any, storage: .archive)) == "any image (tagged or untagged) in archive storage")
    }
}

@Suite("unreachableRules")
struct UnreachableRulesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var rules: [LifecycleRuleSpec]
        /// (shadowed index, shadowing index)
        var expected: [[Int]]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "prefix prod then prefix prod-", rules: [tagged(0, 1, prefixes: ["prod"]), tagged(1, 2, prefixes: ["prod-"])], expected: [[1, 0]]),
        Case(name: "prefix prod- then prefix prod: reachable", rules: [tagged(0, 1, prefixes: ["prod-"]), tagged(1, 2, prefixes: ["prod"])], expected: []),
        Case(name: "pattern prod* after prefix prod", rules: [tagged(0, 1, prefixes: ["prod"]), tagged(1, 2, patterns: ["prod*"])], expected: [[1, 0]]),
        Case(name: "prefix prod after pattern prod*", rules: [tagged(0, 1, patterns: ["prod*"]), tagged(1, 2, prefixes: ["prod"])], expected: [[1, 0]]),
        Case(name: "anything after any", rules: [status(0, 1, .any), tagged(1, 2, prefixes: ["x"]), status(2, 3, .untagged)], expected: [[1, 0], [2, 0]]),
        Case(name: "any in another storage class does not shadow", rules: [status(0, 1, .any, storage: .archive), status(1, 2, .untagged)], expected: []),
        Case(name: "second untagged rule", rules: [status(0, 1, .untagged), status(1, 2, .untagged)], expected: [[1, 0]]),
        Case(name: "untagged does not shadow tagged or any", rules: [status(0, 1, .untagged), tagged(1, 2, prefixes: ["a"]), status(2, 3, .any)], expected: []),
        Case(name: "tagged does not shadow any", rules: [tagged(0, 1, patterns: ["*"]), status(1, 2, .any)], expected: []),
        Case(name: "narrower rule with extra entries is shadowed", rules: [tagged(0, 1, prefixes: ["a"]), tagged(1, 2, prefixes: ["b", "a1"])], expected: [[1, 0]]),
        Case(name: "wider rule with fewer entries is reachable", rules: [tagged(0, 1, prefixes: ["a", "b"]), tagged(1, 2, prefixes: ["a"])], expected: []),
        Case(name: "*-prod vs release-*: overlap only", rules: [tagged(0, 1, patterns: ["*-prod"]), tagged(1, 2, patterns: ["release-*"])], expected: []),
        Case(name: "*x* covers x*", rules: [tagged(0, 1, patterns: ["*x*"]), tagged(1, 2, patterns: ["x*"])], expected: [[1, 0]]),
        Case(name: "array order is not priority order", rules: [tagged(0, 5, prefixes: ["prod-"]), tagged(1, 2, prefixes: ["prod"])], expected: [[0, 1]]),
        Case(name: "equal priorities are not reported", rules: [tagged(0, 1, prefixes: ["prod"]), tagged(1, 1, prefixes: ["prod-"])], expected: []),
        Case(name: "malformed shadower is ignored", rules: [tagged(0, 1), tagged(1, 2, prefixes: ["x"])], expected: []),
        Case(name: "union of two rules is not attempted", rules: [status(0, 1, .untagged), tagged(1, 2, patterns: ["*"]), status(2, 3, .any)], expected: []),
        Case(name: "first proving rule is reported", rules: [tagged(0, 1, prefixes: ["p"]), tagged(1, 2, prefixes: ["pr"]), tagged(2, 3, prefixes: ["pro"])], expected: [[1, 0], [2, 0]]),
    ]

    @Test("shadowing", arguments: cases)
    func shadowing(_ c: Case) {
        let found = unreachableRules(LifecyclePolicySpec(rules: c.rules)).map { [$0.rule.index, $0.shadowedBy.index] }
        #expect(found == c.expected)
    }
}
