import LinterCore

/// `log-configuration-missing`: a container whose output goes nowhere you can read it.
public struct LogConfigurationMissingRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS305", name: "log-configuration-missing",
        summary: "A container has no `logConfiguration`, so its output is not collected anywhere you can read it.",
        rationale: """
            Without a `logConfiguration` ECS uses the Docker default `json-file` driver on the host (on \
            Fargate the output is simply lost). When a task fails, crashes during start-up or is \
            replaced, its logs are gone with it, and nothing reaches CloudWatch, FireLens or your log \
            platform.

            Configure a log driver, typically `awslogs` with `awslogs-group`, `awslogs-region` and \
            `awslogs-stream-prefix`, or `awsfirelens`. Essential containers are reported as warnings, \
            non-essential ones (init containers, helpers) as notes.
            """,
        defaultSeverity: .warning, category: .reliability, tags: ["logging", "container", "observability"],
        references: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html"],
        examples: [
            .invalid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "containerDefinitions": [
                    {"name": ↓"app", "image": "app:1.0"},
                    {"name": ↓"init", "image": "init:1.0", "essential": false},
                    {
                      "name": "logged",
                      "image": "app:1.0",
                      "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}}
                    }
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
                        - Name: ↓app
                          Image: app:1.0
                """),
            .valid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "containerDefinitions": [
                    {"name": "app", "image": "app:1.0", "logConfiguration": {"logDriver": "awsfirelens"}}
                  ]
                }
                """),
            .valid(
                "template.yaml",
                """
                Conditions:
                  Prod: !Equals [!Ref "AWS::AccountId", "123456789012"]
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                          LogConfiguration:
                            LogDriver: awslogs
                            Options:
                              awslogs-group: !Ref LogGroup
                              awslogs-region: !Ref AWS::Region
                              awslogs-stream-prefix: app
                        - Name: sidecar
                          Image: agent:1.0
                          LogConfiguration: !If [Prod, {LogDriver: awslogs}, !Ref AWS::NoValue]
                  LogGroup:
                    Type: AWS::Logs::LogGroup
                """),
        ])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for taskDefinition in context.project.taskDefinitions {
            for container in taskDefinition.containers where container.logConfigurationField.isAbsent {
                let essential = container.isEssential ?? true
                let kind = essential ? "essential container" : "non-essential container"
                violations.append(
                    Violation(
                        "\(kind) '\(container.displayName)' has no logConfiguration: its output is not collected, so crashes and start-up failures leave no readable logs; add a logConfiguration (for example logDriver awslogs with awslogs-group, awslogs-region and awslogs-stream-prefix)",
                        at: container.anchor, severity: essential ? nil : .note))
            }
        }
        return violations
    }
}
