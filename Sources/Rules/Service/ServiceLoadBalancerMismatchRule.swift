import LinterCore

/// `service-load-balancer-mismatch`: a load balancer names a container or port that the linked
/// task definition does not have.
public struct ServiceLoadBalancerMismatchRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS401", name: "service-load-balancer-mismatch",
        summary: "A service's load balancer names a container, or a container port, that its task definition does not define.",
        rationale: """
            Each `loadBalancers[]` entry tells ECS which container and port to register in the target group. \
            The `containerName` must be a container of the task definition and the `containerPort` must be a \
            `portMappings[].containerPort` of that container. Otherwise `CreateService`/`UpdateService` is \
            rejected ("The container … did not have a container port … defined"), a CloudFormation stack update \
            fails and rolls back, and a renamed container or changed port in the task definition silently \
            breaks the next deployment.

            Fix the `containerName`/`containerPort`, or add the port mapping to the container. The check runs \
            only when the service is linked to its task definition (CloudFormation `Ref`, a family or \
            `family:revision` found in the linted files, or an ecspresso config); unknown links, intrinsic \
            values and template placeholders are never reported.
            """,
        defaultSeverity: .error, category: .correctness, tags: ["service", "load-balancer", "cross-file"],
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LoadBalancer.html",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/register-multiple-targetgroups.html",
        ],
        examples: [
            RuleExample(
                .invalid,
                [
                    RuleExample.File(
                        "service.json",
                        """
                        {
                          "serviceName": "web",
                          "cluster": "prod",
                          "taskDefinition": "web:7",
                          "desiredCount": 2,
                          "loadBalancers": [
                            {"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef", "containerName": ↓"nginx", "containerPort": 80},
                            {"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0123456789abcdef", "containerName": "app", "containerPort": ↓8080}
                          ]
                        }
                        """),
                    RuleExample.File(
                        "taskdef.json",
                        """
                        {
                          "family": "web",
                          "containerDefinitions": [
                            {"name": "app", "image": "web:1.0.0", "portMappings": [{"containerPort": 3000}]}
                          ]
                        }
                        """),
                ], caption: "API JSON: the service is linked to the task definition by family."),
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
                          PortMappings:
                            - ContainerPort: 3000
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                      LoadBalancers:
                        - TargetGroupArn: !Ref TargetGroup
                          ContainerName: app
                          ContainerPort: ↓80
                """),
            .invalid(
                "plan.json",
                """
                {
                  "format_version": "1.2",
                  "planned_values": {
                    "root_module": {
                      "resources": [
                        {
                          "address": "aws_ecs_task_definition.web",
                          "type": "aws_ecs_task_definition",
                          "name": "web",
                          "values": {"family": "web", "container_definitions": "[{\\"name\\":\\"app\\",\\"image\\":\\"web:1.0.0\\",\\"portMappings\\":[{\\"containerPort\\":3000}]}]"}
                        },
                        {
                          "address": "aws_ecs_service.web",
                          "type": "aws_ecs_service",
                          "name": "web",
                          "values": {
                            "name": "web",
                            "task_definition": "web:3",
                            "load_balancer": [{"target_group_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef", "elb_name": null, "container_name": "app", "container_port": ↓8080}]
                          }
                        }
                      ]
                    }
                  }
                }
                """, caption: "Terraform plan: container definitions are JSON inside a string."),
            RuleExample(
                .valid,
                [
                    RuleExample.File(
                        "service.json",
                        """
                        {
                          "serviceName": "web",
                          "taskDefinition": "web:7",
                          "loadBalancers": [
                            {"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef", "containerName": "app", "containerPort": 3000},
                            {"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0123456789abcdef", "containerName": "{{ must_env `CONTAINER` }}", "containerPort": 8080}
                          ]
                        }
                        """),
                    RuleExample.File(
                        "taskdef.json",
                        """
                        {
                          "family": "web",
                          "containerDefinitions": [
                            {"name": "app", "image": "web:1.0.0", "portMappings": [{"containerPort": 3000}]}
                          ]
                        }
                        """),
                ]),
            .valid(
                "service.json",
                """
                {
                  "serviceName": "web",
                  "taskDefinition": "not-in-these-files:3",
                  "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef", "containerName": "nginx", "containerPort": 80}]
                }
                """, caption: "The task definition is not among the linted files: the link is unknown."),
            .valid(
                "template.yaml",
                """
                Parameters:
                  Port:
                    Type: Number
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: app
                          Image: web:1.0.0
                          PortMappings:
                            - ContainerPort: 3000
                        - Name: proxy
                          Image: envoy:1.30.0
                          PortMappings:
                            - ContainerPort: !Ref Port
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                      LoadBalancers:
                        - TargetGroupArn: !Ref TargetGroup
                          ContainerName: app
                          ContainerPort: 3000
                        - TargetGroupArn: !Ref ProxyTargetGroup
                          ContainerName: proxy
                          ContainerPort: 8080
                """),
        ])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for view in context.project.serviceViews where !view.service.loadBalancers.isEmpty {
            let service = view.service
            guard let taskDefinition = view.taskDefinition else { continue }
            let containersKnown = ServiceFacts.containersFullyKnown(taskDefinition)
            let taskName = ServiceFacts.describe(taskDefinition)
            for balancer in service.loadBalancers {
                guard let containerName = balancer.containerName.value else { continue }
                guard let container = taskDefinition.container(named: containerName) else {
                    guard containersKnown else { continue }
                    let names = taskDefinition.containers.compactMap(\.name.value).map { "'\($0)'" }
                        .joined(separator: ", ")
                    violations.append(
                        Violation(
                            "load balancer container '\(containerName)' is not a container of \(taskName) (it has \(names)): ECS rejects the service create or update, so the deployment or stack update fails; set containerName to the container that serves the traffic",
                            at: balancer.containerName.location,
                            related: [
                                RelatedLocation(
                                    ServiceFacts.containerListLocation(taskDefinition),
                                    "the containers of \(taskName)")
                            ]))
                    continue
                }
                guard let port = balancer.containerPort.value,
                    let mapped = Self.mappedPorts(of: container), !mapped.contains(where: { $0.contains(port) })
                else { continue }
                let portMappings = container.reader.nodeField("portMappings")
                let listed = mapped.isEmpty
                    ? "it has no port mappings"
                    : "it maps " + mapped.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
                        .joined(separator: ", ")
                violations.append(
                    Violation(
                        "load balancer port \(port) is not a containerPort of container '\(containerName)' in \(taskName) (\(listed)): ECS rejects the service create or update, so the deployment or stack update fails; add a port mapping for \(port) to the container or point the load balancer at a mapped port",
                        at: balancer.containerPort.location,
                        related: [
                            RelatedLocation(
                                portMappings.keyLocation ?? container.location,
                                "the port mappings of container '\(containerName)'")
                        ]))
            }
        }
        return violations
    }

    /// The container ports (single ports and `containerPortRange`s) a container maps, or nil when
    /// any of them is unknown.
    static func mappedPorts(of container: ContainerDefinition) -> [ClosedRange<Int>]? {
        let field = container.reader.nodeField("portMappings")
        if field.isUnresolved || !ServiceFacts.hasOnlyKnownElements(field.node) { return nil }
        var ranges: [ClosedRange<Int>] = []
        for mapping in container.portMappings {
            switch mapping.containerPort.state {
            case .present(let port):
                ranges.append(port...port)
                continue
            case .unresolved:
                return nil
            case .absent:
                break
            }
            let range = mapping.reader.string("containerPortRange")
            switch range.state {
            case .present(let text):
                let bounds = text.split(separator: "-").map { part in Int(part.filter { $0 != " " }) }
                guard bounds.count == 2, let low = bounds[0], let high = bounds[1], low <= high else { return nil }
                ranges.append(low...high)
            case .unresolved:
                return nil
            case .absent:
                break
            }
        }
        return ranges
    }
}
