import LinterCore

/// `version-consistency-disabled`: the container opts out of digest pinning.
public struct VersionConsistencyDisabledRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS106", name: "version-consistency-disabled",
        summary: "A container disables software version consistency, so its tasks may run different images.",
        rationale: """
            With `versionConsistency: disabled`, ECS resolves the image tag again every time it starts a task \
            instead of pinning the digest for the deployment. After a tag is re-pushed, replacement and \
            scale-out tasks silently run the new image while older tasks still run the old one. It is sometimes \
            chosen to survive deleted digests; prefer immutable tags or digests instead.
            """,
        defaultSeverity: .note, category: .reliability, tags: ["image", "container", "reproducibility"],
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html#deployment-container-image-stability"
        ],
        examples: [
            .invalid(
                "taskdef.json",
                #"{"family": "api", "containerDefinitions": [{"name": "api", "image": "acme/api:1.0", "versionConsistency": ↓"disabled"}]}"#,
                fixed: #"{"family": "api", "containerDefinitions": [{"name": "api", "image": "acme/api:1.0", "versionConsistency": "enabled"}]}"#,
                caption: "The fix enables it (unsafe: a task then fails to start once its pinned digest is deleted, where it used to pull the tag again)."),
            .invalid(
                "template.yaml",
                """
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: api
                          Image: acme/api:1.0
                          VersionConsistency: ↓disabled
                """,
                fixed: """
                    Resources:
                      TaskDefinition:
                        Type: AWS::ECS::TaskDefinition
                        Properties:
                          ContainerDefinitions:
                            - Name: api
                              Image: acme/api:1.0
                              VersionConsistency: enabled
                    """),
            .valid(
                "taskdef.json",
                #"{"family": "api", "containerDefinitions": [{"name": "api", "image": "acme/api:1.0", "versionConsistency": "enabled"}]}"#),
        ], fixes: [.unsafe])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        context.project.taskDefinitions.flatMap { taskDefinition in
            taskDefinition.containers.compactMap { container in
                let setting = container.versionConsistency
                guard setting.value?.lowercased() == "disabled" else { return nil }
                return Violation(
                    "container '\(container.displayName)' disables version consistency: tasks started after a tag is re-pushed run the new image while older tasks run the old one; remove the setting and deploy immutable tags or digests",
                    at: setting.location,
                    fix: setting.node.map { node in
                        Fix(
                            "Enable version consistency", safety: .unsafe,
                            edits: [.replace(node, with: .string("enabled"), in: setting.location.path)])
                    })
            }
        }
    }
}
