import LinterCore

/// `image-mutable-tag`: the image is referenced by a tag its repository allows to be overwritten.
public struct ImageMutableTagRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS102", name: "image-mutable-tag",
        summary: "A container references its image by a tag that the repository lets anyone overwrite.",
        rationale: """
            A task definition that names `app:1.4` promises that version, but in a repository with MUTABLE tags \
            any push can move `1.4` to different code. ECS keeps running the digest it resolved at deployment, \
            so the tag and what runs drift apart, and the old digest becomes untagged (see \
            `image-digest-expirable`).

            The finding is a warning when the repository is known to allow overwriting this tag, and a note \
            when the repository is not part of the linted files (ECR's default is MUTABLE; other registries \
            cannot enforce immutability at all). Fix: pin the digest (`app@sha256:…`), or make the repository \
            `IMMUTABLE`, or `IMMUTABLE_WITH_EXCLUSION` with a filter such as `dev-*` for the tags that must move. \
            `latest` is reported by `image-latest-tag` instead.
            """,
        defaultSeverity: .warning, category: .reliability, tags: ["image", "ecr", "reproducibility"],
        references: [
            "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html"
        ],
        examples: [
            RuleExample(
                .invalid,
                [
                    .init(
                        "taskdef.json",
                        """
                        {"family": "api", "containerDefinitions": [
                          {"name": "api", "image": ↓⟨warning: which repository 'api' lets anyone overwrite⟩"123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4"}]}
                        """,
                        fixed: """
                            {"family": "api", "containerDefinitions": [
                              {"name": "api", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4"}]}
                            """),
                    .init(
                        "repository.json", #"{"repositoryName": "api", "imageTagMutability": "MUTABLE"}"#,
                        fixed: #"{"repositoryName": "api", "imageTagMutability": "IMMUTABLE"}"#),
                ],
                caption: "A warning: the repository is known to be mutable. The fix makes its tags immutable (unsafe: pushes that overwrite a tag start to fail)."),
            .invalid(
                "taskdef.json",
                """
                {"family": "api", "containerDefinitions": [{"name": "api", "image": ↓⟨note: in a repository whose tag mutability is unknown to ecslint⟩"ghcr.io/acme/api:1.4"}]}
                """,
                caption: "A note: the repository is not among the linted files."),
            .valid(
                "template.yaml",
                """
                Resources:
                  Repository:
                    Type: AWS::ECR::Repository
                    Properties:
                      ImageTagMutability: IMMUTABLE_WITH_EXCLUSION
                      ImageTagMutabilityExclusionFilters:
                        - ImageTagMutabilityExclusionFilterType: WILDCARD
                          ImageTagMutabilityExclusionFilterValue: dev-*
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: api
                          Image: !Sub "${Repository.RepositoryUri}:1.4.0"
                        - Name: pinned
                          Image: "ghcr.io/acme/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
                """),
            .invalid(
                "template.yaml",
                """
                Resources:
                  Repository:
                    Type: AWS::ECR::Repository
                    Properties:
                      ImageTagMutability: IMMUTABLE_WITH_EXCLUSION
                      ImageTagMutabilityExclusionFilters:
                        - ImageTagMutabilityExclusionFilterType: WILDCARD
                          ImageTagMutabilityExclusionFilterValue: dev-*
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: api
                          Image: ↓⟨warning: references tag 'dev-42', which its repository lets anyone overwrite⟩!Sub "${Repository.RepositoryUri}:dev-42"
                """,
                caption: "`dev-42` matches the exclusion filter, so it stays mutable."),
        ], fixes: [.unsafe])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        var fixes = ImageTagFixes(context.project)
        for use in context.imageUses where !use.image.isDigestPinned {
            guard case .named(let tag) = use.image.tag, tag != "latest" else { continue }
            let mutable = use.target.mutability?.isMutable(tag: tag)
            switch mutable {
            case .some(false):
                continue
            case .some(true):
                let repository = use.target.repositoryName.map { "repository '\($0)'" } ?? "its repository"
                violations.append(
                    Violation(
                        "container '\(use.container.displayName)' references tag '\(tag)'\(use.image.assumptionClause), which \(repository) lets anyone overwrite: what runs can drift from what the task definition says; pin the digest (@sha256:…) or make the tag immutable (IMMUTABLE, or IMMUTABLE_WITH_EXCLUSION for tags that must move)",
                        at: use.image.location,
                        fix: fixes.fix(forTag: tag, target: use.target)))
            case .none:
                violations.append(
                    Violation(
                        "container '\(use.container.displayName)' references tag '\(tag)'\(use.image.assumptionClause) in a repository whose tag mutability is unknown to ecslint (ECR defaults to MUTABLE): the tag may be overwritten; pin the digest (@sha256:…) or declare the repository in the linted files or in .ecslint.json \"repositories\"",
                        at: use.image.location, severity: .note))
            }
        }
        return violations.notingImagesDeployedElsewhere(context)
    }
}
