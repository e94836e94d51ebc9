import LinterCore

/// `repository-mutable-tags`: the repository lets tags be overwritten.
public struct RepositoryMutableTagsRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS210", name: "repository-mutable-tags",
        summary: "An ECR repository lets image tags be overwritten.",
        rationale: """
            With MUTABLE tags (the default when `imageTagMutability` is omitted), pushing an existing tag moves \
            it to new code: task definitions stop describing what runs, and the digest ECS pinned is left \
            untagged for an untagged-expiry rule to delete. Prefer `IMMUTABLE`, or `IMMUTABLE_WITH_EXCLUSION` \
            with filters such as `dev-*` or `latest` for the few tags that must move — that mode is not \
            flagged. `MUTABLE_WITH_EXCLUSION` freezes only the filtered tags and is reported.
            """,
        defaultSeverity: .note, category: .reliability, tags: ["ecr", "repository", "reproducibility"],
        references: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html"],
        examples: [
            .invalid(
                "repository.json", #"{"repositoryName": "api", "imageTagMutability": ↓"MUTABLE"}"#,
                fixed: #"{"repositoryName": "api", "imageTagMutability": "IMMUTABLE"}"#),
            .invalid(
                "template.yaml",
                """
                Resources:
                  Repository:
                    Type: AWS::ECR::Repository
                    Properties:
                      ↓RepositoryName: api
                """,
                fixed: """
                    Resources:
                      Repository:
                        Type: AWS::ECR::Repository
                        Properties:
                          RepositoryName: api
                          ImageTagMutability: IMMUTABLE
                    """,
                caption: "Omitted `ImageTagMutability` means MUTABLE."),
            RuleExample(
                .invalid,
                [
                    .init(
                        "repository.json",
                        """
                        {
                          "repositoryName": "api",
                          "imageTagMutability": ↓"MUTABLE"
                        }
                        """,
                        fixed: """
                            {
                              "repositoryName": "api",
                              "imageTagMutability": "IMMUTABLE_WITH_EXCLUSION",
                              "imageTagMutabilityExclusionFilters": [
                                {
                                  "filterType": "WILDCARD",
                                  "filter": "latest"
                                }
                              ]
                            }
                            """),
                    .init(
                        "taskdef.json",
                        """
                        {"family": "api", "containerDefinitions": [{"name": "api", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:latest"}]}
                        """),
                ],
                caption: "A task definition of the project runs `latest` from the repository: the fix keeps that one tag mutable."),
            .valid(
                "template.yaml",
                """
                Resources:
                  Repository:
                    Type: AWS::ECR::Repository
                    Properties:
                      RepositoryName: api
                      ImageTagMutability: IMMUTABLE_WITH_EXCLUSION
                      ImageTagMutabilityExclusionFilters:
                        - ImageTagMutabilityExclusionFilterType: WILDCARD
                          ImageTagMutabilityExclusionFilterValue: dev-*
                """),
            .valid("repository.json", #"{"repositoryName": "api", "imageTagMutability": "IMMUTABLE"}"#),
        ], fixes: [.unsafe])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        context.project.repositoryViews.compactMap { view in
            let repository = view.repository
            let mode = repository.tagMutability.value(default: "MUTABLE")?.uppercased()
            guard mode == "MUTABLE" || mode == "MUTABLE_WITH_EXCLUSION" else { return nil }
            let written = repository.tagMutability.isAbsent ? "has no imageTagMutability, which means MUTABLE" : "is \(mode ?? "")"
            return Violation(
                "repository '\(repository.displayName)' \(written): any push can overwrite a deployed tag and strand the digest ECS runs; use IMMUTABLE, or IMMUTABLE_WITH_EXCLUSION with filters for the few tags that must move",
                at: repository.tagMutability.isAbsent ? repository.location : repository.tagMutability.location,
                fix: mode == "MUTABLE" ? RepositoryImmutability.fix(view) : nil)
        }
    }
}
