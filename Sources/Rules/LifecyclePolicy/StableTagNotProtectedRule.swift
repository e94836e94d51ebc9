import Linter

/// `stable-tag-not-protected`: release tags fall to a rule that expires them.
public struct StableTagNotProtectedRule: Rule {
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
        ])

    public var metadata: RuleMetadata { Self.metadata }

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        let safeCount = context.options.int("safeCount", default: 100)
        let safeDays = context.options.int("safeDays", default: 365)
        var violations: [Violation] = []
        let samplesByPattern = context.settings.stableTagPatterns.map { ($0, StableTagSamples.samples(for: $0)) }
        for policy in context.project.lifecyclePolicies {
            let specification = policy.specification
            var reported: Set<Int> = []
            for (pattern, samples) in samplesByPattern {
                for sample in samples {
                    guard let owner = specification.owner(tags: [sample], storageClass: .standard),
                        !reported.contains(owner.index), let rule = policy.rule(atIndex: owner.index)
                    else { continue }
                    let risky: Bool
                    switch owner.countType {
                    case .imageCountMoreThan: risky = owner.tagStatus == .any || owner.countNumber < safeCount
                    case .sinceImagePushed: risky = owner.countNumber < safeDays
                    case .sinceImagePulled: risky = true
                    case .sinceImageTransitioned: risky = false
                    }
                    guard risky else { continue }
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
                    violations.append(
                        Violation(
                            "release images tagged like '\(sample)' (stable pattern '\(pattern)') are owned by lifecycle \(rule.label), which \(describeAction(owner)); add a rule with a lower rulePriority number that selects '\(pattern)' and keeps at least \(safeCount) images, or make the expiring rule's selection stop matching release tags",
                            at: anchor))
                }
            }
        }
        return violations
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
