import LinterCore

/// `image-digest-expirable`: outage 2 — re-pushing a mutable tag strands the digest ECS pinned,
/// and an untagged-expiry rule then deletes it.
public struct ImageDigestExpirableRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS104", name: "image-digest-expirable",
        summary: "Re-pushing the image's mutable tag leaves the digest ECS runs owned by an expiring lifecycle rule.",
        rationale: """
            ECS resolves a container's tag to a digest when a deployment starts and keeps launching that digest \
            for the life of the deployment (software version consistency, on by default). When someone pushes \
            the same tag again — CI re-pushing `latest`, a hotfix re-tagged `v1.2` — the old digest loses the \
            tag. A lifecycle rule for untagged images (or a catch-all `any` rule) then owns it and deletes it. \
            The service keeps running until ECS needs a new task: a scale-out, a health-check replacement or \
            `AWS_ECS_TASK_PATCHING_RETIREMENT`. Every launch then fails with `CannotPullContainerError`, \
            although nobody deployed anything.

            Fix one of: make the tag immutable (`IMMUTABLE`, or `IMMUTABLE_WITH_EXCLUSION` that leaves only \
            `dev-*` mutable), deploy by digest, or give untagged images a grace period longer than your longest \
            deployment. With `versionConsistency: disabled` the risk is different: replacement tasks silently \
            start whatever the tag points at now, so one service runs two versions.

            Tags that CI always pushes together with the image (for example `sha-*`) keep the old digest \
            tagged; declare them in `.ecslint.json` as `"coTags": ["sha-*"]`.
            """,
        defaultSeverity: .error, category: .reliability, tags: ["image", "ecr", "lifecycle-policy", "outage"],
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html#deployment-container-image-stability",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-maintenance.html",
        ],
        examples: [
            RuleExample(
                .invalid,
                [
                    .init(
                        "taskdef.json",
                        """
                        {
                          "family": "api",
                          "containerDefinitions": [
                            {"name": "api", "image": ↓⟨error: tag 'latest' can be overwritten, and the digest ECS pinned for container 'api'⟩"123456789012.dkr.ecr.us-east-1.amazonaws.com/api:latest"}
                          ]
                        }
                        """),
                    .init(
                        "repository.json",
                        """
                        {"repositoryName": "api", "imageTagMutability": "MUTABLE"}
                        """),
                    .init(
                        "policy.json",
                        """
                        {
                          "repositoryName": "api",
                          "lifecyclePolicyText": "{\\"rules\\":[{\\"rulePriority\\":1,\\"selection\\":{\\"tagStatus\\":\\"untagged\\",\\"countType\\":\\"sinceImagePushed\\",\\"countUnit\\":\\"days\\",\\"countNumber\\":1},\\"action\\":{\\"type\\":\\"expire\\"}}]}"
                        }
                        """),
                ],
                caption: "A mutable `latest`, and untagged images deleted after a day."),
            .invalid(
                "template.yaml",
                """
                Resources:
                  Repository:
                    Type: AWS::ECR::Repository
                    Properties:
                      RepositoryName: api
                      LifecyclePolicy:
                        LifecyclePolicyText: '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":3},"action":{"type":"expire"}}]}'
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: api
                          Image: ↓⟨error: after `main` is re-pushed the old image becomes untagged⟩!Sub "${Repository.RepositoryUri}:main"
                """,
                fixed: """
                    Resources:
                      Repository:
                        Type: AWS::ECR::Repository
                        Properties:
                          RepositoryName: api
                          LifecyclePolicy:
                            LifecyclePolicyText: '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":3},"action":{"type":"expire"}}]}'
                          ImageTagMutability: IMMUTABLE
                      TaskDefinition:
                        Type: AWS::ECS::TaskDefinition
                        Properties:
                          ContainerDefinitions:
                            - Name: api
                              Image: !Sub "${Repository.RepositoryUri}:main"
                    """,
                caption: "CloudFormation: repositories are MUTABLE unless `ImageTagMutability` says otherwise. The fix makes the tags immutable (unsafe: pushing `main` again then fails)."),
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
                      LifecyclePolicy:
                        LifecyclePolicyText: '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":3},"action":{"type":"expire"}}]}'
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: api
                          Image: !Sub "${Repository.RepositoryUri}:v4.1.0"
                """,
                caption: "`v4.1.0` is immutable (only `dev-*` tags may move), so its digest never loses the tag."),
            RuleExample(
                .valid,
                [
                    .init(
                        "taskdef.json",
                        """
                        {"family": "api", "containerDefinitions": [
                          {"name": "api", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:main"}]}
                        """),
                    .init("repository.json", #"{"repositoryName": "api", "imageTagMutability": "MUTABLE"}"#),
                    .init(
                        "policy.json",
                        #"{"repositoryName": "api", "lifecyclePolicyText": "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":7},\"action\":{\"type\":\"expire\"}}]}"}"#),
                ],
                configuration: #"{"coTags": ["sha-*"]}"#,
                caption: "CI pushes `sha-<commit>` with every image, so the old digest stays tagged after `main` moves."),
        ], fixes: [.unsafe])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        var fixes = ImageTagFixes(context.project)
        for use in context.imageUses where !use.image.isDigestPinned {
            guard let tag = use.tagForSimulation, let fate = use.fate(settings: context.settings) else { continue }
            // A repository resource without an explicit setting is MUTABLE (the AWS default).
            let mutable = use.target.mutability?.isMutable(tag: tag)
            guard mutable != false else { continue }
            // Phase B, and its phase C (docs/aws-semantics.md §1.6).
            guard let verdict = fate.verdicts(in: .afterTagMoved).first(where: { $0.outcome.losesImage }) else { continue }
            let reference = use.displayReference
            let tagged = "tag '\(tag)'\(use.image.assumptionClause)"
            let condition = mutable == nil
                ? "if \(tagged) can be overwritten (repository settings unknown; ECR's default is MUTABLE)" : "\(tagged) can be overwritten"
            if use.versionConsistencyEnabled {
                violations.append(
                    Violation(
                        "\(condition), and the digest ECS pinned for container '\(use.container.displayName)' (\(reference)) is then removed by the lifecycle policy: \(verdict.explanation). Make the tag immutable (IMMUTABLE or IMMUTABLE_WITH_EXCLUSION), deploy by digest, or keep untagged images longer than a deployment lives",
                        at: use.image.location, related: use.relatedRule(verdict),
                        severity: mutable == nil ? .warning : nil,
                        fix: fixes.fix(forTag: tag, target: use.target)))
            } else {
                violations.append(
                    Violation(
                        "\(condition) and container '\(use.container.displayName)' disables version consistency: after a re-push, replacement tasks silently start the new image, so one service runs two versions; deploy immutable tags or by digest",
                        at: use.image.location, related: use.relatedRule(verdict), severity: .warning,
                        fix: fixes.fix(forTag: tag, target: use.target)))
            }
        }
        return violations.notingImagesDeployedElsewhere(context)
    }
}
