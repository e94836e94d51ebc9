import LinterCore

/// `service-network-configuration`: `networkConfiguration` missing for an `awsvpc` task
/// definition, or given for another network mode.
public struct ServiceNetworkConfigurationRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS405", name: "service-network-configuration",
        summary: "A service's networkConfiguration does not fit its task definition's network mode: missing for awsvpc, or present for bridge, host or none.",
        rationale: """
            `networkConfiguration.awsvpcConfiguration` (subnets, security groups, public IP) is required when \
            the task definition uses the `awsvpc` network mode, which Fargate requires, and is not supported \
            for any other mode. ECS rejects both mistakes when the service is created or updated ("Network \
            Configuration must be provided when networkMode 'awsvpc' is specified" / "…is not valid for \
            networkMode…"), so the deployment or stack update fails. The network mode defaults to `bridge` \
            when the task definition does not set it.

            Add `networkConfiguration.awsvpcConfiguration` with the task's subnets and security groups, or \
            remove it (or switch the task definition to `awsvpc`). The check needs the service's task \
            definition (CloudFormation `Ref`, family or `family:revision` in the linted files, or an ecspresso \
            config); unknown links and unresolved values are never reported. Services using the EXTERNAL \
            deployment controller are skipped when the configuration is missing, since their task sets carry it.
            """,
        defaultSeverity: .error, category: .correctness, tags: ["service", "network", "awsvpc", "cross-file"],
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html",
            "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_NetworkConfiguration.html",
        ],
        examples: [
            RuleExample(
                .invalid,
                [
                    RuleExample.File(
                        "service.json",
                        """
                        ↓{
                          "serviceName": "web",
                          "taskDefinition": "web:7",
                          "launchType": "FARGATE",
                          "desiredCount": 2
                        }
                        """),
                    RuleExample.File(
                        "taskdef.json",
                        """
                        {
                          "family": "web",
                          "networkMode": "awsvpc",
                          "requiresCompatibilities": ["FARGATE"],
                          "cpu": "256",
                          "memory": "512",
                          "containerDefinitions": [{"name": "app", "image": "web:1.0.0"}]
                        }
                        """),
                ]),
            .invalid(
                "template.yaml",
                """
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: app
                          Image: web:1.0.0
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                      ↓NetworkConfiguration:
                        AwsvpcConfiguration:
                          Subnets: [subnet-0123456789abcdef0]
                """, caption: "The task definition uses the default bridge mode."),
            RuleExample(
                .valid,
                [
                    RuleExample.File(
                        "service.json",
                        """
                        {
                          "serviceName": "web",
                          "taskDefinition": "web:7",
                          "networkConfiguration": {
                            "awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"], "securityGroups": ["sg-0123456789abcdef0"]}
                          }
                        }
                        """),
                    RuleExample.File(
                        "taskdef.json",
                        """
                        {
                          "family": "web",
                          "networkMode": "awsvpc",
                          "containerDefinitions": [{"name": "app", "image": "web:1.0.0"}]
                        }
                        """),
                ]),
            .valid(
                "template.yaml",
                """
                Parameters:
                  NetworkMode:
                    Type: String
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      NetworkMode: !Ref NetworkMode
                      ContainerDefinitions:
                        - Name: app
                          Image: web:1.0.0
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                  Bridge:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      NetworkMode: bridge
                      ContainerDefinitions:
                        - Name: app
                          Image: web:1.0.0
                  BridgeService:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref Bridge
                """),
        ])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for view in context.project.serviceViews {
            let service = view.service
            guard let taskDefinition = view.taskDefinition,
                let mode = taskDefinition.effectiveNetworkMode?.lowercased()
            else { continue }
            // A Fargate task definition without a network mode is invalid on its own (Fargate needs
            // awsvpc); task definition rules report that, and the service's intent is awsvpc.
            if taskDefinition.networkMode.isAbsent && taskDefinition.requiresFargate { continue }
            let name = ServiceFacts.describe(service)
            let taskName = ServiceFacts.describe(taskDefinition)
            let modeLocation = taskDefinition.networkMode.isAbsent
                ? taskDefinition.location : taskDefinition.networkMode.location
            let modeText = taskDefinition.networkMode.isAbsent ? "the default network mode 'bridge'" : "network mode '\(mode)'"
            let configuration = service.networkConfiguration
            if mode == "awsvpc" {
                guard configuration.isAbsent, service.effectiveDeploymentController != "EXTERNAL",
                    service.effectiveDeploymentController != nil
                else { continue }
                violations.append(
                    Violation(
                        "\(name) has no networkConfiguration but \(taskName) uses network mode 'awsvpc': ECS rejects the service create or update because each task needs subnets and security groups for its network interface; add networkConfiguration.awsvpcConfiguration with subnets and securityGroups",
                        at: configuration.location,
                        related: [RelatedLocation(modeLocation, "\(taskName) uses network mode 'awsvpc'")]))
            } else if configuration.isPresent, ServiceFacts.listState(configuration) == .nonEmpty {
                violations.append(
                    Violation(
                        "\(name) sets networkConfiguration but \(taskName) uses \(modeText): ECS rejects the service create or update because awsvpcConfiguration is only valid for awsvpc tasks; remove networkConfiguration or set the task definition's networkMode to awsvpc",
                        at: ServiceFacts.anchor(configuration),
                        related: [RelatedLocation(modeLocation, "\(taskName) uses \(modeText)")]))
            }
        }
        return violations
    }
}
