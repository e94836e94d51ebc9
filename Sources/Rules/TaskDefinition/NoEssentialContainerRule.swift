import LinterCore

/// `no-essential-container`: every container is explicitly `essential: false`.
public struct NoEssentialContainerRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS304", name: "no-essential-container",
        summary: "Every container of the task definition is marked `essential: false`, which ECS rejects.",
        rationale: """
            "All tasks must have at least one essential container." A task stops when an essential \
            container stops; with none, ECS would have no container whose exit ends the task, and the \
            registration fails.

            `essential` defaults to `true` when omitted, so only task definitions where every container \
            says `essential: false` explicitly are flagged. Mark the main application container \
            `essential: true` (or drop the `essential: false`).
            """,
        defaultSeverity: .error, category: .correctness, tags: ["container", "essential"],
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_environment"
        ],
        examples: [
            .invalid(
                "taskdef.json",
                """
                {
                  "family": "batch",
                  ↓"containerDefinitions": [
                    {"name": "job", "image": "job:1.0", "essential": false},
                    {"name": "sidecar", "image": "agent:1.0", "essential": false}
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
                      ↓ContainerDefinitions:
                        - Name: job
                          Image: job:1.0
                          Essential: "false"
                """),
            .valid(
                "taskdef.json",
                """
                {
                  "family": "batch",
                  "containerDefinitions": [
                    {"name": "job", "image": "job:1.0"},
                    {"name": "sidecar", "image": "agent:1.0", "essential": false}
                  ]
                }
                """),
            .valid(
                "template.yaml",
                """
                Parameters:
                  Essential:
                    Type: String
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: job
                          Image: job:1.0
                          Essential: !Ref Essential
                        - Name: sidecar
                          Image: agent:1.0
                          Essential: false
                """),
        ])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for taskDefinition in context.project.taskDefinitions {
            let containers = taskDefinition.containers
            guard !containers.isEmpty, containers.allSatisfy({ $0.essential.value == false }) else { continue }
            let field = taskDefinition.containerDefinitionsField
            violations.append(
                Violation(
                    "every container of task definition '\(taskDefinition.displayName)' is essential: false: ECS requires at least one essential container and rejects the task definition; mark the main container essential: true",
                    at: field.keyLocation ?? field.location,
                    related: containers.map { RelatedLocation($0.essential.location, "essential: false") }))
        }
        return violations
    }
}
