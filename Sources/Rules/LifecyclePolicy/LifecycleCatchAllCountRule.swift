import LinterCore

/// `lifecycle-catch-all-count`: `tagStatus: any` with `imageCountMoreThan`.
public struct LifecycleCatchAllCountRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS203", name: "lifecycle-catch-all-count",
        summary: "A catch-all `any` rule keeps only the newest N images of every kind.",
        rationale: """
            An `any` rule with `imageCountMoreThan: N` ranks every image in the repository — untagged build \
            layers, other branches, other services sharing the repository, and even images that higher-priority \
            rules protect (AWS's "all images" worked example) — and expires the ones it owns once N newer images \
            of any kind exist. In a busy or shared repository that is a matter of hours, and the image a \
            rarely deployed service runs is among the first to go. Select what you want to clean up \
            (`untagged`, or tag patterns such as `dev-*`) instead, or expire by age.
            """,
        defaultSeverity: .warning, category: .reliability, tags: ["ecr", "lifecycle-policy", "outage"],
        references: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html"],
        examples: [
            .invalid(
                "policy.json",
                """
                {"rules": [{"rulePriority": 1, "description": "keep the last 30 images",
                  "selection": {"tagStatus": ↓"any", "countType": "imageCountMoreThan", "countNumber": 30},
                  "action": {"type": "expire"}}]}
                """),
            .invalid(
                "template.yaml",
                """
                Resources:
                  Repository:
                    Type: AWS::ECR::Repository
                    Properties:
                      LifecyclePolicy:
                        LifecyclePolicyText: '{"rules": [{"rulePriority": 1, "selection": {"tagStatus": ↓"any", "countType": "imageCountMoreThan", "countNumber": 30}, "action": {"type": "expire"}}]}'
                """),
            .valid(
                "policy.json",
                """
                {"rules": [{"rulePriority": 1, "description": "clean up untagged builds",
                  "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 30},
                  "action": {"type": "expire"}}]}
                """),
        ])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for policy in context.project.lifecyclePolicies {
            for rule in policy.rules where rule.tagStatus.value == "any" && rule.countType.value == "imageCountMoreThan" {
                guard (rule.storageClass.value ?? "standard") == "standard" else { continue }
                let count = rule.countNumber.value.map(String.init) ?? "N"
                violations.append(
                    Violation(
                        "lifecycle \(rule.label) keeps only the newest \(count) images of any kind: untagged builds, other branches and images protected by higher rules all count, so \(count) pushes of anything expire every image it owns, including ones services still run; select untagged images or tag patterns instead, or expire by age",
                        at: rule.tagStatus.location))
            }
        }
        return violations
    }
}
