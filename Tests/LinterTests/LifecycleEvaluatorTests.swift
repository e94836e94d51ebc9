import Testing
@testable import LinterCore
@testable import Linter
import TestKit

private func tagged(_ index: Int, _ priority: Int, patterns: [String], keep: Int) -> LifecycleRuleSpec {
    LifecycleRuleSpec(index: index, priority: priority, tagStatus: .tagged, tagPatterns: patterns,
                      countType: .imageCountMoreThan, countNumber: keep)
}

@Suite("Lifecycle evaluator: AWS worked examples (docs/aws-semantics.md §1.4)")
struct LifecycleWorkedExampleTests {
    let multipleRulesImages = [
        LifecycleImage(id: "A", tags: ["beta-1", "prod-1"], pushedDaysAgo: 10),
        LifecycleImage(id: "B", tags: ["beta-2", "prod-2"], pushedDaysAgo: 9),
        LifecycleImage(id: "C", tags: ["beta-3"], pushedDaysAgo: 8),
    ]

    @Test("Multiple rules, Example A: only A expires")
    func multipleRulesExampleA() {
        let policy = LifecyclePolicySpec(rules: [
            tagged(0, 1, patterns: ["prod*"], keep: 1),
            tagged(1, 2, patterns: ["beta*"], keep: 1),
        ])
        let result = evaluateLifecyclePolicy(policy, images: multipleRulesImages)
        #expect(result.expiredImageIDs == ["A"])
        #expect(result.decision(forImageID: "A")?.rulePriority == 1)
        #expect(result.decision(forImageID: "B") == nil)  // rule 2 would mark it, but rule 1 owns it
        #expect(result.decision(forImageID: "C") == nil)  // newest beta image, kept by rule 2
        #expect(result.ownerRuleIndexByPosition == [0, 0, 1])
        #expect(result.transitionedImageIDs.isEmpty)
    }

    @Test("Multiple rules, Example B (priorities swapped): A and B expire")
    func multipleRulesExampleB() {
        let policy = LifecyclePolicySpec(rules: [
            tagged(0, 1, patterns: ["beta*"], keep: 1),
            tagged(1, 2, patterns: ["prod*"], keep: 1),
        ])
        let result = evaluateLifecyclePolicy(policy, images: multipleRulesImages)
        #expect(result.expiredImageIDs == ["A", "B"])
        #expect(result.decision(forImageID: "A")?.rulePriority == 1)
        #expect(result.decision(forImageID: "B")?.rulePriority == 1)
        #expect(result.decision(forImageID: "C") == nil)
        #expect(result.ownerRuleIndexByPosition == [0, 0, 0])  // rule 2 sees no images of its own
    }

    @Test("Multiple tags in one rule, Example A: only C expires")
    func multipleTagsExampleA() {
        let images = [
            LifecycleImage(id: "A", tags: ["alpha-1"], pushedDaysAgo: 12),
            LifecycleImage(id: "B", tags: ["beta-1"], pushedDaysAgo: 11),
            LifecycleImage(id: "C", tags: ["alpha-2", "beta-2"], pushedDaysAgo: 10),
            LifecycleImage(id: "D", tags: ["alpha-3"], pushedDaysAgo: 4),
            LifecycleImage(id: "E", tags: ["beta-3"], pushedDaysAgo: 3),
            LifecycleImage(id: "F", tags: ["alpha-4", "beta-4"], pushedDaysAgo: 2),
        ]
        let policy = LifecyclePolicySpec(rules: [
            LifecycleRuleSpec(index: 0, priority: 1, tagStatus: .tagged, tagPatterns: ["alpha*", "beta*"],
                              countType: .sinceImagePushed, countNumber: 5),
        ])
        let result = evaluateLifecyclePolicy(policy, images: images)
        #expect(result.expiredImageIDs == ["C"])
        // Only C and F match both patterns; A, B, D, E are selected by no rule.
        #expect(result.ownerRuleIndexByPosition == [nil, nil, 0, nil, nil, 0])
        #expect(result.decision(forImageID: "F") == nil)  // 2 days old, not older than 5
    }

    @Test("All images, Example B: A, B and D expire")
    func allImagesExampleB() {
        // Input order is push order; D and E are both 1 day old and E was pushed after D.
        let images = [
            LifecycleImage(id: "A", tags: ["alpha-1", "beta-1"], pushedDaysAgo: 4),
            LifecycleImage(id: "B", tags: [], pushedDaysAgo: 3),
            LifecycleImage(id: "C", tags: ["alpha-2"], pushedDaysAgo: 2),
            LifecycleImage(id: "D", tags: ["git hash"], pushedDaysAgo: 1),
            LifecycleImage(id: "E", tags: [], pushedDaysAgo: 1),
        ]
        let policy = LifecyclePolicySpec(rules: [
            tagged(0, 1, patterns: ["alpha*"], keep: 1),
            LifecycleRuleSpec(index: 1, priority: 2, tagStatus: .untagged, countType: .sinceImagePushed, countNumber: 1),
            LifecycleRuleSpec(index: 2, priority: 3, tagStatus: .any, countType: .imageCountMoreThan, countNumber: 1),
        ])
        let result = evaluateLifecyclePolicy(policy, images: images)
        #expect(result.expiredImageIDs == ["A", "B", "D"])
        #expect(result.decision(forImageID: "A")?.rulePriority == 1)  // C is the newest alpha image
        #expect(result.decision(forImageID: "B")?.rulePriority == 2)  // E is not older than a day
        #expect(result.decision(forImageID: "C") == nil)
        #expect(result.decision(forImageID: "D")?.rulePriority == 3)  // rule 3 keeps E, owns only D
        #expect(result.decision(forImageID: "E") == nil)
        #expect(result.ownerRuleIndexByPosition == [0, 1, 0, 2, 1])
    }
}

@Suite("Lifecycle evaluator: ordering and rule types")
struct LifecycleEvaluatorTests {
    @Test("rules are applied by rulePriority, not by array order")
    func priorityNotArrayOrder() {
        let images = [
            LifecycleImage(id: "A", tags: ["beta-1", "prod-1"], pushedDaysAgo: 10),
            LifecycleImage(id: "B", tags: ["beta-2", "prod-2"], pushedDaysAgo: 9),
            LifecycleImage(id: "C", tags: ["beta-3"], pushedDaysAgo: 8),
        ]
        // Example A's priorities, but the prod rule sits second in the array.
        let exampleA = LifecyclePolicySpec(rules: [
            tagged(0, 20, patterns: ["beta*"], keep: 1),
            tagged(1, 5, patterns: ["prod*"], keep: 1),
        ])
        let a = evaluateLifecyclePolicy(exampleA, images: images)
        #expect(a.expiredImageIDs == ["A"])
        #expect(a.decision(forImageID: "A")?.ruleIndex == 1)
        #expect(exampleA.rulesInPriorityOrder.map(\.index) == [1, 0])

        // Example B's priorities, but the beta rule sits second in the array.
        let exampleB = LifecyclePolicySpec(rules: [
            tagged(0, 7, patterns: ["prod*"], keep: 1),
            tagged(1, 3, patterns: ["beta*"], keep: 1),
        ])
        let b = evaluateLifecyclePolicy(exampleB, images: images)
        #expect(b.expiredImageIDs == ["A", "B"])
        #expect(b.decisions.map(\.ruleIndex) == [1, 1])
    }

    @Test("sinceImagePulled archives by last activity; sinceImageTransitioned deletes archived images")
    func pullAndArchiveRules() {
        let policy = LifecyclePolicySpec(rules: [
            LifecycleRuleSpec(index: 0, priority: 1, tagStatus: .any, countType: .sinceImagePulled,
                              countNumber: 30, action: .transition),
            LifecycleRuleSpec(index: 1, priority: 2, tagStatus: .any, storageClass: .archive,
                              countType: .sinceImageTransitioned, countNumber: 90),
        ])
        let images = [
            LifecycleImage(id: "pulledRecently", tags: ["v1"], pushedDaysAgo: 100, lastPulledDaysAgo: 2),
            LifecycleImage(id: "pulledLongAgo", tags: ["v2"], pushedDaysAgo: 100, lastPulledDaysAgo: 31),
            LifecycleImage(id: "neverPulledOld", pushedDaysAgo: 45),
            LifecycleImage(id: "neverPulledNew", pushedDaysAgo: 10),
            LifecycleImage(id: "restoredRecently", pushedDaysAgo: 400, lastPulledDaysAgo: 300, lastActivatedDaysAgo: 5),
            LifecycleImage(id: "archivedLongAgo", pushedDaysAgo: 400, storageClass: .archive, archivedDaysAgo: 120),
            LifecycleImage(id: "archivedRecently", pushedDaysAgo: 400, storageClass: .archive, archivedDaysAgo: 60),
            LifecycleImage(id: "archivedUnknown", pushedDaysAgo: 400, storageClass: .archive),
        ]
        let result = evaluateLifecyclePolicy(policy, images: images)
        #expect(result.transitionedImageIDs == ["pulledLongAgo", "neverPulledOld"])
        #expect(result.expiredImageIDs == ["archivedLongAgo"])
    }

    @Test("transition actions on count and push-age rules; manifest-list children are ranked but kept")
    func transitionAndManifestList() {
        let policy = LifecyclePolicySpec(rules: [
            LifecycleRuleSpec(index: 0, priority: 1, tagStatus: .untagged, countType: .imageCountMoreThan,
                              countNumber: 1, action: .transition),
        ])
        let images = [
            LifecycleImage(id: "old", pushedDaysAgo: 3),
            LifecycleImage(id: "child", pushedDaysAgo: 2, referencedByManifestList: true),
            LifecycleImage(id: "new", pushedDaysAgo: 1),
        ]
        let result = evaluateLifecyclePolicy(policy, images: images)
        #expect(result.transitionedImageIDs == ["old"])
        #expect(result.expiredImageIDs.isEmpty)
    }

    @Test("day rules fire strictly after N days")
    func dayBoundary() {
        let policy = LifecyclePolicySpec(rules: [
            LifecycleRuleSpec(index: 0, priority: 1, tagStatus: .tagged, tagPrefixes: ["v"],
                              countType: .sinceImagePushed, countNumber: 7),
        ])
        let images = [
            LifecycleImage(id: "exactly7", tags: ["v1"], pushedDaysAgo: 7),
            LifecycleImage(id: "sevenAndAHalf", tags: ["v2"], pushedDaysAgo: 7.5),
            LifecycleImage(id: "notMatching", tags: ["x1"], pushedDaysAgo: 70),
        ]
        #expect(evaluateLifecyclePolicy(policy, images: images).expiredImageIDs == ["sevenAndAHalf"])
    }

    struct SelectCase: Sendable, CustomTestStringConvertible {
        var name: String
        var rule: LifecycleRuleSpec
        var tags: [String]
        var storage: LifecycleStorageClass
        var expected: Bool
        var testDescription: String { name }
    }

    static let selectCases: [SelectCase] = {
        func rule(_ status: LifecycleTagStatus, prefixes: [String]? = nil, patterns: [String]? = nil,
                  storage: LifecycleStorageClass = .standard) -> LifecycleRuleSpec {
            LifecycleRuleSpec(index: 0, priority: 1, tagStatus: status, tagPrefixes: prefixes, tagPatterns: patterns,
                              storageClass: storage, countType: .imageCountMoreThan, countNumber: 1)
        }
        return [
            SelectCase(name: "any selects untagged", rule: rule(.any), tags: [], storage: .standard, expected: true),
            SelectCase(name: "any selects tagged", rule: rule(.any), tags: ["x"], storage: .standard, expected: true),
            SelectCase(name: "any is per storage class", rule: rule(.any), tags: [], storage: .archive, expected: false),
            SelectCase(name: "archive rule on archive image", rule: rule(.any, storage: .archive), tags: [], storage: .archive, expected: true),
            SelectCase(name: "untagged selects empty", rule: rule(.untagged), tags: [], storage: .standard, expected: true),
            SelectCase(name: "untagged rejects tagged", rule: rule(.untagged), tags: ["a"], storage: .standard, expected: false),
            SelectCase(name: "tagged rejects untagged", rule: rule(.tagged, prefixes: [""]), tags: [], storage: .standard, expected: false),
            SelectCase(name: "prefix match", rule: rule(.tagged, prefixes: ["prod"]), tags: ["production"], storage: .standard, expected: true),
            SelectCase(name: "prefix is not substring", rule: rule(.tagged, prefixes: ["prod"]), tags: ["my-prod"], storage: .standard, expected: false),
            SelectCase(name: "prefixes AND over entries", rule: rule(.tagged, prefixes: ["a", "b"]), tags: ["a1"], storage: .standard, expected: false),
            SelectCase(name: "prefixes OR over tags", rule: rule(.tagged, prefixes: ["a", "b"]), tags: ["b1", "zz", "a1"], storage: .standard, expected: true),
            SelectCase(name: "one tag may satisfy two entries", rule: rule(.tagged, patterns: ["rel*", "*-prod"]), tags: ["rel-prod"], storage: .standard, expected: true),
            SelectCase(name: "patterns need all entries", rule: rule(.tagged, patterns: ["release-*", "*-prod"]), tags: ["release-7"], storage: .standard, expected: false),
            SelectCase(name: "extra tags do not matter", rule: rule(.tagged, patterns: ["prod*"]), tags: ["prod-1", "beta-1"], storage: .standard, expected: true),
        ]
    }()

    @Test("rule selection", arguments: selectCases)
    func selection(_ c: SelectCase) {
        #expect(c.rule.selects(tags: Set(c.tags), storageClass: c.storage) == c.expected)
    }
}

/// `owner` finds the selecting rule of least (priority, index) in one pass; it must agree with
/// taking the first selecting rule of the sorted list, the definition of docs/aws-semantics.md §1.6.
@Suite("Lifecycle rule ownership")
struct LifecycleOwnerTests {
    @Test("owner is the first selecting rule in priority order, on generated policies", arguments: [1, 2, 3, 4])
    func matchesPriorityOrder(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed) &* 7_919)
        let statuses: [LifecycleTagStatus] = [.tagged, .untagged, .any]
        let prefixes = ["v", "release-", "prod", ""]
        let tagChoices: [[String]] = [[], ["v1"], ["release-3", "latest"], ["prod-9"], ["x"]]
        for _ in 0..<400 {
            let rules = (0..<Int.random(in: 0...5, using: &generator)).map { index in
                LifecycleRuleSpec(
                    index: index, priority: Int.random(in: 1...4, using: &generator),
                    tagStatus: statuses.randomElement(using: &generator) ?? .any,
                    tagPrefixes: [prefixes.randomElement(using: &generator) ?? "v"],
                    storageClass: Bool.random(using: &generator) ? .standard : .archive,
                    countType: .imageCountMoreThan, countNumber: 1)
            }
            let policy = LifecyclePolicySpec(rules: rules)
            let tags = tagChoices.randomElement(using: &generator) ?? []
            for storage in [LifecycleStorageClass.standard, .archive] {
                let expected = policy.rulesInPriorityOrder.first { $0.selects(tags: Set(tags), storageClass: storage) }
                #expect(policy.owner(tags: tags, storageClass: storage) == expected)
                #expect(policy.owner(tags: Set(tags), storageClass: storage) == expected)
            }
        }
    }
}
