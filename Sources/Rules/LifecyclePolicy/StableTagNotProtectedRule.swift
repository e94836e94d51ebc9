import LinterCore

/// `stable-tag-not-protected`: release tags fall to a rule that expires them.
public struct StableTagNotProtectedRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS204", name: "stable-tag-not-protected",
        summary: "Images with release tags (per `stableTagPatterns`) would be owned by a lifecycle rule that expires them by count or age.",
        rationale: """
            Release images (`v1.4.2`, `stable-*`, `release-*`, `prod-*` by default) are what production and \
            rollbacks run, sometimes for months. If the first rule that selects them is a catch-all `any` rule, \
            a short count rule, or a `dev*` rule whose pattern also matches them, ECR deletes them like any \
            other build. This rule checks the policy itself, even where no task definition is linted.

            Fix: add a rule with a lower `rulePriority` number that selects the stable pattern and keeps a \
            generous number of images (at least `safeCount`), or rename so that only development tags match \
            the expiring rules. Configure the patterns with `stableTagPatterns` in `.ecslint.json` \
            (globs with `*` and character classes such as `v[0-9]*`).
            """,
        defaultSeverity: .warning, category: .reliability, tags: ["ecr", "lifecycle-policy"],
        references: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html"],
        options: [
            RuleOptionDoc(name: "safeCount", type: "integer", defaultValue: "100", description: "A count rule keeping at least this many images protects stable tags."),
            RuleOptionDoc(name: "safeDays", type: "integer", defaultValue: "365", description: "An age rule of at least this many days protects stable tags."),
        ],
        examples: [
            .invalid(
                "policy.json",
                """
                {"rules": [
                  {"rulePriority": 1, "description": "dev builds",
                   "selection": {"tagStatus": "tagged", "tagPatternList": [↓"*-*"], "countType": "imageCountMoreThan", "countNumber": 10},
                   "action": {"type": "expire"}},
                  {"rulePriority": 2, "description": "everything else",
                   "selection": {"tagStatus": ↓"any", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 60},
                   "action": {"type": "expire"}}
                ]}
                """,
                caption: "`*-*` also matches `stable-2` and `release-7`; the 60-day catch-all takes `v1.2`."),
            .invalid(
                "template.yaml",
                """
                Resources:
                  Repository:
                    Type: AWS::ECR::Repository
                    Properties:
                      LifecyclePolicy:
                        LifecyclePolicyText: '{"rules": [{"rulePriority": 1, "selection": {"tagStatus": ↓"any", "countType": "imageCountMoreThan", "countNumber": 20}, "action": {"type": "expire"}}]}'
                """),
            .valid(
                "policy.json",
                """
                {"rules": [
                  {"rulePriority": 1, "description": "releases",
                   "selection": {"tagStatus": "tagged", "tagPatternList": ["v*"], "countType": "imageCountMoreThan", "countNumber": 500},
                   "action": {"type": "expire"}},
                  {"rulePriority": 2, "description": "dev builds",
                   "selection": {"tagStatus": "tagged", "tagPrefixList": ["dev-"], "countType": "imageCountMoreThan", "countNumber": 10},
                   "action": {"type": "expire"}},
                  {"rulePriority": 3, "description": "untagged",
                   "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7},
                   "action": {"type": "expire"}}
                ]}
                """,
                configuration: #"{"stableTagPatterns": ["v[0-9]*"]}"#),
            .invalid(
                "policy.json",
                """
                {
                  "rules": [
                    {
                      "rulePriority": 10,
                      "description": "everything else",
                      "selection": {"tagStatus": ↓"any", "countType": "imageCountMoreThan", "countNumber": 30},
                      "action": {"type": "expire"}
                    }
                  ]
                }
                """,
                fixed: """
                    {
                      "rules": [
                        {
                          "rulePriority": 8,
                          "description": "Keep release images tagged v*",
                          "selection": {
                            "tagStatus": "tagged",
                            "tagPatternList": ["v*"],
                            "countType": "imageCountMoreThan",
                            "countNumber": 100
                          },
                          "action": {
                            "type": "expire"
                          }
                        },
                        {
                          "rulePriority": 9,
                          "description": "Keep release images tagged release-*",
                          "selection": {
                            "tagStatus": "tagged",
                            "tagPatternList": ["release-*"],
                            "countType": "imageCountMoreThan",
                            "countNumber": 100
                          },
                          "action": {
                            "type": "expire"
                          }
                        },
                        {
                          "rulePriority": 10,
                          "description": "everything else",
                          "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 30},
                          "action": {"type": "expire"}
                        }
                      ]
                    }
                    """,
                configuration: #"{"stableTagPatterns": ["v[0-9]*", "release-*"]}"#,
                caption: "With free priorities below the lowest, the fix adds a rule keeping each release pattern's images (ECR patterns know only `*`)."),
        ], fixes: [.unsafe])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        let safeCount = context.options.int("safeCount", default: 100)
        let safeDays = context.options.int("safeDays", default: 365)
        var violations: [Violation] = []
        let samplesByPattern = context.settings.stableTagPatterns.map { ($0, StableTagSamples.samples(for: $0)) }
        for policy in context.project.lifecyclePolicies {
            let specification = policy.specification
            var reported: Set<Int> = []
            var policyViolations: [Violation] = []
            var exposed: [String] = []
            for (pattern, samples) in samplesByPattern {
                for sample in samples {
                    guard let owner = specification.owner(tags: [sample], storageClass: .standard),
                        let rule = policy.rule(atIndex: owner.index)
                    else { continue }
                    let risky: Bool
                    switch owner.countType {
                    case .imageCountMoreThan: risky = owner.tagStatus == .any || owner.countNumber < safeCount
                    case .sinceImagePushed: risky = owner.countNumber < safeDays
                    case .sinceImagePulled: risky = true
                    case .sinceImageTransitioned: risky = false
                    }
                    guard risky else { continue }
                    if !exposed.contains(pattern) { exposed.append(pattern) }
                    guard !reported.contains(owner.index) else { continue }
                    reported.insert(owner.index)
                    let anchor: Location
                    if owner.tagStatus == .any {
                        anchor = rule.tagStatus.location
                    } else if let patterns = rule.tagPatternList.node?.elements, let match = patterns.first(where: {
                        $0.string.map { TagPattern($0).matches(sample) } ?? false
                    }) {
                        anchor = Location(path: policy.path, range: match.range)
                    } else {
                        anchor = rule.selection?.location ?? rule.location
                    }
                    policyViolations.append(
                        Violation(
                            "release images tagged like '\(sample)' (stable pattern '\(pattern)') are owned by lifecycle \(rule.label), which \(describeAction(owner)); add a rule with a lower rulePriority number that selects '\(pattern)' and keeps at least \(safeCount) images, or make the expiring rule's selection stop matching release tags",
                            at: anchor))
                }
            }
            // One fix protects every exposed pattern: the findings of the policy share it.
            let fix = Self.fix(policy, protecting: exposed, keep: safeCount)
            violations += policyViolations.map { violation in
                var violation = violation
                violation.fix = fix
                return violation
            }
        }
        return violations
    }

    /// Inserts, ahead of every rule, one rule per exposed pattern that selects its tags and keeps
    /// `count` of them, with the free priorities just below the lowest; no other rule is
    /// renumbered, so none is offered when too few priorities are free. ECR patterns know only
    /// `*`: a character class widens to `*`, which keeps more, never less. Unsafe: images the
    /// old rules expired are now kept, and storage grows.
    static func fix(_ policy: LifecyclePolicy, protecting patterns: [String], keep count: Int) -> Fix? {
        guard let rules = policy.rulesField.node?.elements, !rules.isEmpty, !patterns.isEmpty,
            policy.reader.style == .camel
        else { return nil }
        let priorities = policy.rules.compactMap { $0.rulePriority.value }
        var wildcards: [String] = []
        for pattern in patterns {
            let wildcard = ecrPattern(pattern)
            guard wildcard.filter({ $0 == "*" }).count <= 4 else { return nil }
            if !wildcards.contains(wildcard) { wildcards.append(wildcard) }
        }
        guard priorities.count == policy.rules.count, let lowest = priorities.min(), lowest > wildcards.count,
            let rulesNode = policy.rulesField.node
        else { return nil }
        let inserted: [FixValue] = wildcards.enumerated().map { offset, wildcard in
            .fields([
                "rulePriority": .int(lowest - wildcards.count + offset),
                "description": .string("Keep release images tagged \(wildcard)"),
                "selection": .fields([
                    "tagStatus": .string("tagged"),
                    "tagPatternList": .array([.string(wildcard)]),
                    "countType": .string("imageCountMoreThan"),
                    "countNumber": .int(count),
                ]),
                "action": .fields(["type": .string("expire")]),
            ])
        }
        return Fix(
            "Add \(inserted.count == 1 ? "a rule" : "rules") keeping \(count) images tagged \(wildcards.joined(separator: ", ")) ahead of the others",
            safety: .unsafe, edits: [FixEdit(path: policy.path, .insertElements(inserted, at: 0, into: rulesNode))])
    }

    /// A stable-tag glob as an ECR tag pattern: character classes become `*`, runs of `*` one.
    static func ecrPattern(_ glob: String) -> String {
        var output = ""
        var index = glob.startIndex
        while index < glob.endIndex {
            var piece = String(glob[index])
            if glob[index] == "[", let close = glob[index...].firstIndex(of: "]") {
                piece = "*"
                index = close
            } else if glob[index] == "?" {
                piece = "*"
            }
            if !(piece == "*" && output.hasSuffix("*")) { output += piece }
            index = glob.index(after: index)
        }
        return output
    }

    func describeAction(_ rule: LifecycleRuleSpec) -> String {
        let verb = rule.action == .transition ? "archives" : "expires"
        switch rule.countType {
        case .imageCountMoreThan:
            return "\(verb) them once \(rule.countNumber) newer \(describeSelectionForCount(rule)) exist"
        case .sinceImagePushed: return "\(verb) them \(rule.countNumber) days after they are pushed"
        case .sinceImagePulled: return "archives them after \(rule.countNumber) days without a pull"
        case .sinceImageTransitioned: return "deletes them \(rule.countNumber) days after archival"
        }
    }
}

/// Concrete tags that a stable-tag glob (with `*`, `?` and `[...]` classes) stands for: the
/// shortest one and a realistic version-like one, so that `v[0-9]*` gives `v1` and `v1.4.2`.
enum StableTagSamples {
    static func samples(for pattern: String) -> [String] {
        var short = ""
        var long = ""
        var index = pattern.startIndex
        while index < pattern.endIndex {
            let character = pattern[index]
            if character == "*" {
                long += long.last?.isNumber == true ? ".4.2" : "1.4.2"
                index = pattern.index(after: index)
            } else if character == "?" {
                short += "1"
                long += "1"
                index = pattern.index(after: index)
            } else if character == "[", let close = pattern[index...].firstIndex(of: "]") {
                let body = pattern[pattern.index(after: index)..<close].filter { $0 != "!" && $0 != "^" }
                let choice: Character = body.contains("1") || (body.contains("0") && body.contains("9")) ? "1" : (body.first ?? "1")
                short.append(choice)
                long.append(choice)
                index = pattern.index(after: close)
            } else {
                short.append(character)
                long.append(character)
                index = pattern.index(after: index)
            }
        }
        return short == long ? [long] : [long, short]
    }
}
