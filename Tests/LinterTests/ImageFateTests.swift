import Testing
@testable import LinterCore
@testable import Linter

private func rule(
    _ index: Int, _ priority: Int, _ status: LifecycleTagStatus, prefixes: [String]? = nil, patterns: [String]? = nil,
    storage: LifecycleStorageClass = .standard, _ countType: LifecycleCountType, _ n: Int,
    _ action: LifecycleAction = .expire
) -> LifecycleRuleSpec {
    LifecycleRuleSpec(index: index, priority: priority, tagStatus: status, tagPrefixes: prefixes, tagPatterns: patterns,
                      storageClass: storage, countType: countType, countNumber: n, action: action)
}

@Suite("Image fate simulator: worked outputs (docs/aws-semantics.md §1.6)")
struct ImageFateWorkedOutputTests {
    @Test("1: tag outside the prod* rule falls to the any catch-all")
    func workedOutput1() {
        let policy = LifecyclePolicySpec(rules: [
            rule(0, 1, .tagged, patterns: ["prod*"], .imageCountMoreThan, 10),
            rule(1, 2, .any, .imageCountMoreThan, 5),
        ])
        let fate = simulateImageFate(policy: policy, query: ImageFateQuery(tag: "v1.4.2", mutability: .immutable))
        #expect(fate.verdicts.count == 1)
        let a = fate.verdicts[0]
        #expect(a.phase == .tagged)
        #expect(a.tags == ["v1.4.2"])
        #expect(a.ruleIndex == 1)
        #expect(a.rulePriority == 2)
        #expect(a.outcome == .expiredByCount(5))
        #expect(a.explanation.contains("expired once 5 newer images of any kind are pushed"))
        // Newer prod* images kept by rule 1 count toward the 5.
        #expect(a.explanation.contains("images carrying tags matching all of [prod*]"))
        #expect(a.explanation.contains("may already be gone"))
    }

    @Test("2: untagged sinceImagePushed 1 day, MUTABLE repo, service on latest")
    func workedOutput2() {
        let policy = LifecyclePolicySpec(rules: [rule(0, 1, .untagged, .sinceImagePushed, 1)])
        let fate = simulateImageFate(
            policy: policy,
            query: ImageFateQuery(tag: "latest", mutability: .mutable, versionConsistencyEnabled: true))
        #expect(fate.verdicts.map(\.phase) == [.tagged, .afterTagMoved])
        let a = fate.verdicts[0]
        #expect(a.outcome == .neverExpired)
        #expect(a.ruleIndex == nil)
        #expect(a.rulePriority == nil)
        let b = fate.verdicts[1]
        #expect(b.tags.isEmpty)
        #expect(b.ruleIndex == 0)
        #expect(b.outcome == .expiredByAge(days: 1))
        #expect(!b.assumesMutableTag)
        #expect(b.explanation.contains("deleted 1–2 days after `latest` is re-pushed"))
        #expect(b.explanation.contains("the old image becomes untagged"))
        #expect(b.explanation.contains("can no longer start tasks until a new deployment"))
        #expect(b.explanation.contains("AWS_ECS_TASK_PATCHING_RETIREMENT"))
        #expect(fate.canLoseImage)
    }

    @Test("3: any sinceImagePulled 30 → transition archives a stable service's image")
    func workedOutput3() {
        let policy = LifecyclePolicySpec(rules: [rule(0, 1, .any, .sinceImagePulled, 30, .transition)])
        let fate = simulateImageFate(policy: policy, query: ImageFateQuery(tag: "v7", mutability: .immutable))
        #expect(fate.verdicts.map(\.phase) == [.tagged, .archived])
        #expect(fate.verdicts[0].outcome == .archivedAfterNoPull(days: 30))
        #expect(fate.verdicts[0].ruleIndex == 0)
        #expect(fate.verdicts[0].explanation.contains(
            "archived after 30 days without a pull; running tasks do not pull, so a healthy service triggers this"))
        #expect(fate.verdicts[1].outcome == .keptInArchive)
        #expect(fate.verdicts[1].ruleIndex == nil)
        #expect(fate.verdicts[1].explanation.contains("404"))
    }

    @Test("4: release-7 does not match [release-*, *-prod]; falls through")
    func workedOutput4() {
        let alone = LifecyclePolicySpec(rules: [
            rule(0, 1, .tagged, patterns: ["release-*", "*-prod"], .imageCountMoreThan, 3),
        ])
        let q = ImageFateQuery(tag: "release-7", mutability: .immutable)
        let never = simulateImageFate(policy: alone, query: q)
        #expect(never.verdicts.count == 1)
        #expect(never.verdicts[0].outcome == .neverExpired)
        #expect(never.verdicts[0].ruleIndex == nil)
        #expect(!never.canLoseImage)

        var withNext = alone
        withNext.rules.append(rule(1, 2, .tagged, prefixes: ["release"], .sinceImagePushed, 60))
        let next = simulateImageFate(policy: withNext, query: q)
        #expect(next.verdicts[0].ruleIndex == 1)
        #expect(next.verdicts[0].outcome == .expiredByAge(days: 60))
    }
}

@Suite("Image fate simulator")
struct ImageFateTests {
    @Test("count rule on the referenced tag")
    func countRule() {
        let policy = LifecyclePolicySpec(rules: [rule(0, 1, .tagged, patterns: ["dev-*"], .imageCountMoreThan, 5)])
        let fate = simulateImageFate(policy: policy, query: ImageFateQuery(tag: "dev-42", mutability: .immutable))
        #expect(fate.verdicts.count == 1)
        #expect(fate.verdicts[0].outcome == .expiredByCount(5))
        #expect(fate.verdicts[0].explanation.contains(
            "expired once 5 newer images carrying tags matching all of [dev-*] are pushed"))
    }

    @Test("day rule on the referenced tag is a time bomb")
    func dayRule() {
        let policy = LifecyclePolicySpec(rules: [rule(0, 1, .tagged, prefixes: ["v"], .sinceImagePushed, 90)])
        let fate = simulateImageFate(policy: policy, query: ImageFateQuery(tag: "v2.0.0", mutability: .immutable))
        #expect(fate.verdicts[0].outcome == .expiredByAge(days: 90))
        #expect(fate.verdicts[0].explanation.contains("deleted 90–91 days after the image was first pushed"))
        #expect(fate.verdicts[0].explanation.contains("re-tagging does not reset"))
    }

    @Test("sinceImagePulled transition, then sinceImageTransitioned deletion in archive")
    func pulledThenArchiveRule() {
        let policy = LifecyclePolicySpec(rules: [
            rule(0, 1, .tagged, prefixes: ["v"], .sinceImagePulled, 14, .transition),
            rule(1, 2, .any, storage: .archive, .sinceImageTransitioned, 180),
        ])
        let fate = simulateImageFate(policy: policy, query: ImageFateQuery(tag: "v3", mutability: .immutable))
        #expect(fate.verdicts.map(\.phase) == [.tagged, .archived])
        #expect(fate.verdicts[0].outcome == .archivedAfterNoPull(days: 14))
        #expect(fate.verdicts[1].outcome == .deletedAfterArchive(days: 180))
        #expect(fate.verdicts[1].ruleIndex == 1)
        #expect(fate.verdicts[1].explanation.contains("deleted 180 days after archival"))
    }

    @Test("multi-entry list needs a tag for every entry; co-tags can supply one")
    func multiTagAnd() {
        let policy = LifecyclePolicySpec(rules: [
            rule(0, 1, .tagged, patterns: ["alpha*", "beta*"], .sinceImagePushed, 5),
        ])
        let alone = simulateImageFate(policy: policy, query: ImageFateQuery(tag: "alpha-1", mutability: .immutable))
        #expect(alone.verdicts[0].outcome == .neverExpired)

        let both = simulateImageFate(
            policy: policy, query: ImageFateQuery(tag: "alpha-1", coTags: ["beta-*"], mutability: .immutable))
        #expect(both.verdicts[0].tags == ["alpha-1", "beta-*"])
        #expect(both.verdicts[0].outcome == .expiredByAge(days: 5))
    }

    @Test("rules are taken by priority, not array order")
    func priorityOrder() {
        let policy = LifecyclePolicySpec(rules: [
            rule(0, 10, .any, .imageCountMoreThan, 3),
            rule(1, 1, .tagged, prefixes: ["prod"], .imageCountMoreThan, 50),
        ])
        let fate = simulateImageFate(policy: policy, query: ImageFateQuery(tag: "prod-9", mutability: .immutable))
        #expect(fate.verdicts[0].ruleIndex == 1)
        #expect(fate.verdicts[0].rulePriority == 1)
        #expect(fate.verdicts[0].outcome == .expiredByCount(50))
    }

    @Test("a higher-priority rule protects the image from a later age rule")
    func protectingRule() {
        let policy = LifecyclePolicySpec(rules: [
            rule(0, 1, .tagged, patterns: ["prod*"], .imageCountMoreThan, 50),
            rule(1, 2, .any, .sinceImagePushed, 14),
        ])
        let fate = simulateImageFate(policy: policy, query: ImageFateQuery(tag: "prod-1", mutability: .immutable))
        #expect(fate.verdicts[0].ruleIndex == 0)
        #expect(fate.verdicts[0].outcome == .expiredByCount(50))
    }

    @Test("IMMUTABLE repository: no phase B")
    func immutableRepo() {
        let policy = LifecyclePolicySpec(rules: [rule(0, 1, .untagged, .sinceImagePushed, 1)])
        let fate = simulateImageFate(policy: policy, query: ImageFateQuery(tag: "v1", mutability: .immutable))
        #expect(fate.verdicts.map(\.phase) == [.tagged])
        #expect(!fate.canLoseImage)
    }

    @Test("IMMUTABLE_WITH_EXCLUSION dev-*: dev-1 is mutable, v1 is not")
    func immutableWithExclusion() {
        let policy = LifecyclePolicySpec(rules: [rule(0, 1, .untagged, .imageCountMoreThan, 10)])
        let repo = TagMutability(mode: .immutableWithExclusion, exclusionFilters: ["dev-*"])
        let dev = simulateImageFate(policy: policy, query: ImageFateQuery(tag: "dev-1", mutability: repo))
        #expect(dev.verdicts.map(\.phase) == [.tagged, .afterTagMoved])
        #expect(dev.verdicts[1].outcome == .expiredByCount(10))
        #expect(!dev.verdicts[1].assumesMutableTag)
        let v1 = simulateImageFate(policy: policy, query: ImageFateQuery(tag: "v1", mutability: repo))
        #expect(v1.verdicts.map(\.phase) == [.tagged])
    }

    @Test("unknown repository: phase B reported as an assumption")
    func unknownRepo() {
        let policy = LifecyclePolicySpec(rules: [rule(0, 1, .untagged, .sinceImagePushed, 3)])
        for mutability in [nil, TagMutability(mode: nil)] {
            let fate = simulateImageFate(policy: policy, query: ImageFateQuery(tag: "main", mutability: mutability))
            #expect(fate.verdicts.map(\.phase) == [.tagged, .afterTagMoved])
            #expect(fate.verdicts[1].assumesMutableTag)
            #expect(fate.verdicts[1].outcome == .expiredByAge(days: 3))
            #expect(fate.verdicts[1].explanation.hasPrefix("if `main` is mutable"))
        }
    }

    @Test("phase B is reported even when nothing happens in it; no tag means latest")
    func phaseBAlwaysReported() {
        let policy = LifecyclePolicySpec(rules: [rule(0, 1, .tagged, prefixes: ["v"], .imageCountMoreThan, 5)])
        let fate = simulateImageFate(policy: policy, query: ImageFateQuery(tag: nil, mutability: .mutable))
        #expect(fate.verdicts.map(\.phase) == [.tagged, .afterTagMoved])
        #expect(fate.verdicts[0].tags == ["latest"])
        #expect(fate.verdicts.allSatisfy { $0.outcome == .neverExpired })
    }

    @Test("co-tags survive the move; a co-tag pattern stands for a matching tag")
    func coTagPattern() {
        let policy = LifecyclePolicySpec(rules: [
            rule(0, 1, .tagged, prefixes: ["sha-"], .imageCountMoreThan, 30),
            rule(1, 2, .untagged, .sinceImagePushed, 1),
        ])
        let fate = simulateImageFate(
            policy: policy, query: ImageFateQuery(tag: "latest", coTags: ["sha-*"], mutability: .mutable))
        #expect(fate.verdicts.map(\.phase) == [.tagged, .afterTagMoved])
        #expect(fate.verdicts[1].tags == ["sha-*"])
        #expect(fate.verdicts[1].ruleIndex == 0)
        #expect(fate.verdicts[1].outcome == .expiredByCount(30))
        #expect(fate.verdicts[1].explanation.contains("keeps only `sha-*`"))
    }

    @Test("version consistency disabled: no ECS note")
    func noVersionConsistency() {
        let policy = LifecyclePolicySpec(rules: [rule(0, 1, .untagged, .sinceImagePushed, 1)])
        let fate = simulateImageFate(
            policy: policy, query: ImageFateQuery(tag: "latest", mutability: .mutable, versionConsistencyEnabled: false))
        #expect(!fate.verdicts[1].explanation.contains("CannotPullContainerError"))
    }

    @Test("digest reference: worst of declared tags and untagged")
    func digestPinned() {
        let policy = LifecyclePolicySpec(rules: [
            rule(0, 1, .tagged, prefixes: ["v"], .imageCountMoreThan, 10),
            rule(1, 2, .untagged, .sinceImagePushed, 1),
        ])
        let fate = simulateImageFate(
            policy: policy, query: ImageFateQuery(tag: "v1", digestPinned: true, mutability: .mutable))
        #expect(fate.verdicts.count == 1)
        #expect(fate.verdicts[0].phase == .afterTagMoved)
        #expect(fate.verdicts[0].tags.isEmpty)
        #expect(fate.verdicts[0].isWorstCaseOfUnknownTags)
        #expect(fate.verdicts[0].outcome == .expiredByAge(days: 1))

        // An immutable written tag can never move off the digest: the image stays tagged `v1`.
        let frozen = simulateImageFate(
            policy: policy, query: ImageFateQuery(tag: "v1", digestPinned: true, mutability: .immutable))
        #expect(frozen.verdicts.map(\.phase) == [.tagged])
        #expect(frozen.verdicts[0].outcome == .expiredByCount(10))

        // Declared tags worse than untagged: the declared-tags verdict is reported.
        let worseTagged = LifecyclePolicySpec(rules: [
            rule(0, 1, .tagged, prefixes: ["v"], .sinceImagePushed, 7),
            rule(1, 2, .untagged, .imageCountMoreThan, 100),
        ])
        let t = simulateImageFate(policy: worseTagged, query: ImageFateQuery(tag: nil, digestPinned: true, coTags: ["v1"]))
        #expect(t.verdicts.map(\.phase) == [.tagged])
        #expect(t.verdicts[0].outcome == .expiredByAge(days: 7))

        // No declared tags: only the untagged state.
        let bare = simulateImageFate(policy: worseTagged, query: ImageFateQuery(tag: nil, digestPinned: true))
        #expect(bare.verdicts.count == 1)
        #expect(bare.verdicts[0].outcome == .expiredByCount(100))
    }

    @Test("phase B transition leads to an archive phase with the ECS note")
    func phaseBArchive() {
        let policy = LifecyclePolicySpec(rules: [
            rule(0, 1, .untagged, .sinceImagePushed, 7, .transition),
            rule(1, 2, .untagged, storage: .archive, .sinceImageTransitioned, 90),
        ])
        let fate = simulateImageFate(policy: policy, query: ImageFateQuery(tag: "latest", mutability: .mutable))
        #expect(fate.verdicts.map(\.phase) == [.tagged, .afterTagMoved, .archived])
        #expect(fate.verdicts[1].outcome == .archivedByAge(days: 7))
        #expect(fate.verdicts[2].outcome == .deletedAfterArchive(days: 90))
        #expect(fate.verdicts[2].explanation.contains("CannotPullContainerError"))
    }
}

@Suite("Tag mutability (docs/aws-semantics.md §2.2)")
struct TagMutabilityTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var mode: TagMutabilityMode?
        var filters: [String]
        var tag: String
        var expected: Bool?
        var testDescription: String { "\(mode?.rawValue ?? "unknown") \(filters) \(tag)" }
    }

    static let cases: [Case] = [
        Case(mode: .mutable, filters: [], tag: "latest", expected: true),
        Case(mode: .immutable, filters: [], tag: "latest", expected: false),
        Case(mode: .immutableWithExclusion, filters: ["dev-*"], tag: "dev-1", expected: true),
        Case(mode: .immutableWithExclusion, filters: ["dev-*"], tag: "v1", expected: false),
        Case(mode: .immutableWithExclusion, filters: ["latest"], tag: "latest", expected: true),
        Case(mode: .immutableWithExclusion, filters: ["latest"], tag: "latest-2", expected: false),
        Case(mode: .immutableWithExclusion, filters: ["dev-*", "*-snapshot"], tag: "1.0-snapshot", expected: true),
        Case(mode: .mutableWithExclusion, filters: ["v*"], tag: "v1", expected: false),
        Case(mode: .mutableWithExclusion, filters: ["v*"], tag: "latest", expected: true),
        Case(mode: .mutable, filters: ["ignored*"], tag: "ignored-1", expected: true),
        Case(mode: nil, filters: [], tag: "latest", expected: nil),
    ]

    @Test("isMutable", arguments: cases)
    func isMutable(_ c: Case) {
        #expect(TagMutability(mode: c.mode, exclusionFilters: c.filters).isMutable(tag: c.tag) == c.expected)
    }

    @Test("API spellings")
    func rawValues() {
        #expect(TagMutabilityMode(rawValue: "IMMUTABLE_WITH_EXCLUSION") == .immutableWithExclusion)
        #expect(TagMutabilityMode(rawValue: "MUTABLE_WITH_EXCLUSION") == .mutableWithExclusion)
        #expect(TagMutabilityMode.awsDefault == .mutable)
    }
}
