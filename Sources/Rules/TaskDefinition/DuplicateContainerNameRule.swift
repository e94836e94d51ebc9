import LinterCore

/// `duplicate-container-name`: two containers of one task definition share a name.
public struct DuplicateContainerNameRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS310", name: "duplicate-container-name",
        summary: "Two containers of one task definition have the same name.",
        rationale: """
            Container names identify containers inside a task: `dependsOn`, `links`, `volumesFrom`, \
            service `loadBalancers` and FireLens all refer to containers by name. ECS rejects a task \
            definition with duplicate names. Each repeated name is reported at its second and later \
            occurrences; rename the container.
            """,
        defaultSeverity: .error, category: .correctness, tags: ["container", "naming"],
        references: ["https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html"],
        examples: [
            .invalid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "containerDefinitions": [
                    {"name": "app", "image": "app:1.0"},
                    {"name": ↓"app", "image": "app:1.1"}
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
                          Image: app:1.0
                        - Name: sidecar
                          Image: agent:1.0
                        - Name: ↓app
                          Image: app:1.1
                """),
            .valid(
                "taskdef.json",
                """
                {"family": "web", "containerDefinitions": [{"name": "app", "image": "app:1.0"}, {"name": "proxy", "image": "envoy:1.30"}]}
                """),
            .valid(
                "template.yaml",
                """
                Resources:
                  First:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                  Second:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                """),
        ])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for taskDefinition in context.project.taskDefinitions {
            var first: [String: ContainerDefinition] = [:]
            for container in taskDefinition.containers {
                guard let name = container.name.value else { continue }
                if let original = first[name] {
                    violations.append(
                        Violation(
                            "container name '\(name)' is used twice in task definition '\(taskDefinition.displayName)': names identify containers for dependsOn, links and load balancers, so ECS rejects the task definition; rename one of them",
                            at: container.name.location,
                            related: [RelatedLocation(original.name.location, "first container named '\(name)'")]))
                } else {
                    first[name] = container
                }
            }
        }
        return violations
    }
}
