import LinterCore

/// `image-latest-tag`: an image that resolves to `latest`.
public struct ImageLatestTagRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS101", name: "image-latest-tag",
        summary: "A container image is referenced by the `latest` tag, or by no tag at all, which means `latest`.",
        rationale: """
            `latest` names whatever was pushed last. Two tasks of the same service can run different code, a \
            rollback redeploys the newest image instead of the old one, and nobody can tell from the task \
            definition what is running. ECS pins the digest at deployment (software version consistency), so a \
            re-push also leaves the running digest untagged, where an untagged-expiry lifecycle rule deletes it.

            Reference an immutable version tag (`app:1.4.2`, `app:sha-3f9c2e1`) or pin the digest \
            (`app@sha256:…`). Digest-pinned references are exempt. Template placeholders (ecspresso \
            `{{ must_env `TAG` }}`) and unresolved CloudFormation expressions are unknown, not `latest`.
            """,
        defaultSeverity: .warning, category: .reliability, tags: ["image", "container", "reproducibility"],
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html#deployment-container-image-stability"
        ],
        examples: [
            .invalid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "containerDefinitions": [
                    {"name": "app", "image": ↓⟨warning: container 'app' uses the mutable tag 'latest'⟩"nginx:latest"},
                    {"name": "sidecar", "image": ↓⟨warning: container 'sidecar' has no image tag, which means 'latest'⟩"public.ecr.aws/aws-observability/aws-otel-collector"}
                  ]
                }
                """),
            .invalid(
                "template.yaml",
                """
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: app
                          Image: ↓⟨warning: uses the mutable tag 'latest'⟩!Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/web:latest"
                """),
            .valid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "containerDefinitions": [
                    {"name": "app", "image": "nginx:1.27.0"},
                    {"name": "pinned", "image": "nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
                    {"name": "templated", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:{{ must_env `IMAGE_TAG` }}"}
                  ]
                }
                """),
            .valid(
                "template.yaml",
                """
                Parameters:
                  ImageTag:
                    Type: String
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: app
                          Image: !Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/web:${ImageTag}"
                """),
        ])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for taskDefinition in context.project.taskDefinitions {
            for container in taskDefinition.containers {
                for image in container.images where !image.isDigestPinned {
                    switch image.tag {
                    case .named(let tag) where tag == "latest":
                        violations.append(
                            Violation(
                                "container '\(container.displayName)' uses the mutable tag 'latest'\(image.assumptionClause): tasks of one service can run different code and rollbacks are impossible; reference a version tag or pin the digest (@sha256:…)",
                                at: image.location))
                    case .implicitLatest:
                        violations.append(
                            Violation(
                                "container '\(container.displayName)' has no image tag, which means 'latest'\(image.assumptionClause): tasks of one service can run different code and rollbacks are impossible; reference a version tag or pin the digest (@sha256:…)",
                                at: image.location))
                    default:
                        break
                    }
                }
            }
        }
        return violations.notingImagesDeployedElsewhere(context)
    }
}
