import LinterCore

/// `lifecycle-rule-unreachable`: a rule that can never own an image.
public struct LifecycleRuleUnreachableRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS202", name: "lifecycle-rule-unreachable",
        summary: "A lifecycle rule never acts: a higher-priority rule owns every image it selects, or its tag filter matches no valid tag.",
        rationale: """
            ECR gives each image to the first rule, in `rulePriority` order, whose selection matches it; lower \
            rules cannot touch it even when the owner leaves it alone. A rule whose selection is covered by a \
            higher rule — `prod-` after `prod`, `prod*` after the prefix `prod`, anything after an `any` rule of \
            the same storage class — never expires anything. That is usually a mistake in the intended cleanup \
            (images pile up) or a sign that priorities are in the wrong order. Reorder the priorities or remove \
            the dead rule.

            A rule also never acts when an entry of its `tagPrefixList` or `tagPatternList` can match no tag at \
            all. An image tag is `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}` \
            ([Docker tag grammar](https://docs.docker.com/reference/cli/docker/image/tag/)), so a prefix that \
            starts with `-` or `.`, or holds a space, `/` or `:`, selects nothing; and since an image must carry \
            a matching tag for every entry of the list, the whole rule selects nothing.
            """,
        defaultSeverity: .warning, category: .correctness, tags: ["ecr", "lifecycle-policy"],
        references: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html"],
        examples: [
            .invalid(
                "policy.json",
                """
                {"rules": [
                  {"rulePriority": 1, "description": "prod images",
                   "selection": {"tagStatus": "tagged", "tagPrefixList": ["prod"], "countType": "imageCountMoreThan", "countNumber": 50},
                   "action": {"type": "expire"}},
                  ↓{"rulePriority": 2, "description": "prod hotfixes",
                   "selection": {"tagStatus": "tagged", "tagPatternList": ["prod-hotfix*"], "countType": "imageCountMoreThan", "countNumber": 5},
                   "action": {"type": "expire"}}
                ]}
                """),
            .invalid(
                "template.yaml",
                """
                Resources:
                  Repository:
                    Type: AWS::ECR::Repository
                    Properties:
                      LifecyclePolicy:
                        LifecyclePolicyText: |
                          {"rules": [
                            {"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPrefixList": ["release"], "countType": "imageCountMoreThan", "countNumber": 30}, "action": {"type": "expire"}},
                            ↓{"rulePriority": 2, "selection": {"tagStatus": "tagged", "tagPrefixList": ["release-"], "countType": "imageCountMoreThan", "countNumber": 10}, "action": {"type": "expire"}}
                          ]}
                """),
            .invalid(
                "policy.json",
                """
                {"rules": [
                  {"rulePriority": 1, "description": "release candidates",
                   "selection": {"tagStatus": "tagged", "tagPrefixList": [↓"-rc"], "countType": "imageCountMoreThan", "countNumber": 5},
                   "action": {"type": "expire"}},
                  {"rulePriority": 2, "description": "branch builds",
                   "selection": {"tagStatus": "tagged", "tagPatternList": [↓"feature/*"], "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14},
                   "action": {"type": "expire"}}
                ]}
                """, caption: "Entries no tag can match: a tag cannot start with '-', nor hold '/'."),
            .valid(
                "policy.json",
                """
                {"rules": [
                  {"rulePriority": 1, "description": "prod hotfixes",
                   "selection": {"tagStatus": "tagged", "tagPatternList": ["prod-hotfix*"], "countType": "imageCountMoreThan", "countNumber": 5},
                   "action": {"type": "expire"}},
                  {"rulePriority": 2, "description": "prod images",
                   "selection": {"tagStatus": "tagged", "tagPrefixList": ["prod"], "countType": "imageCountMoreThan", "countNumber": 50},
                   "action": {"type": "expire"}}
                ]}
                """),
        ])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for policy in context.project.lifecyclePolicies {
            for rule in policy.rules {
                for (field, kind) in [(rule.tagPrefixList, "tag prefix"), (rule.tagPatternList, "tag pattern")] {
                    guard let node = field.node, field.isPresent, let elements = node.elements else { continue }
                    for element in elements {
                        guard let entry = ObjectReader.stringValue(element) else { continue }
                        // A prefix selects the tags that start with it: the pattern `prefix*`.
                        let pattern = TagPattern(kind == "tag prefix" ? entry + "*" : entry)
                        guard let reason = pattern.whyNoTagMatches else { continue }
                        violations.append(
                            Violation(
                                "lifecycle \(rule.label) never acts: \(kind) '\(entry)' can match no image tag (\(reason); tags are letters, digits, '_', '.' and '-', starting with a letter, digit or '_'), and an image must match every entry of the list; correct the \(kind) or remove it",
                                at: rule.reader.location(of: element)))
                    }
                }
            }
            for (shadowed, owner) in unreachableRules(policy.specification) {
                guard let rule = policy.rule(atIndex: shadowed.index), let ownerRule = policy.rule(atIndex: owner.index) else { continue }
                violations.append(
                    Violation(
                        "lifecycle \(rule.label) never acts: every image it selects (\(describeSelection(shadowed))) is already owned by \(ownerRule.label) (\(describeSelection(owner))), which ECR evaluates first; give it a lower rulePriority number than \(owner.priority) or remove it",
                        at: rule.location,
                        related: [RelatedLocation(ownerRule.location, "the higher-priority \(ownerRule.label) owns those images")]))
            }
        }
        return violations
    }
}
