import LinterCore

/// `service-grace-period-without-load-balancer`: a health check grace period that no health
/// check uses.
public struct ServiceGracePeriodWithoutLoadBalancerRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS404", name: "service-grace-period-without-load-balancer",
        summary: "A service sets healthCheckGracePeriodSeconds but has no load balancer, service registry, VPC Lattice target or container health check for it to apply to.",
        rationale: """
            `healthCheckGracePeriodSeconds` tells the scheduler how long to ignore failing Elastic Load \
            Balancing, VPC Lattice and container health checks after a task starts. AWS documents that "if you \
            do not use any of the health checks, then healthCheckGracePeriodSeconds is unused", and older API \
            versions rejected it without a load balancer. A grace period that protects nothing usually means a \
            load balancer or health check was removed or never wired up, and that slow-starting tasks are not \
            protected the way the author thinks.

            Remove the setting, or add the load balancer or container health check it was meant for. When the \
            service is linked to its task definition, a container `healthCheck` there counts as a use. When the \
            link is unknown (the task definition is not among the linted files, or several of its family are \
            and nothing says which one runs), the rule still reports a service without load balancer, service \
            registry and VPC Lattice configuration, and says that a container health check would make the \
            setting useful; suppress the finding if the task definition has one. Unresolved values are never \
            reported.
            """,
        defaultSeverity: .warning, category: .maintainability, tags: ["service", "health-check", "load-balancer"],
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html#ECS-CreateService-request-healthCheckGracePeriodSeconds"
        ],
        examples: [
            RuleExample(
                .invalid,
                [
                    RuleExample.File(
                        "service.json",
                        """
                        {
                          "serviceName": "worker",
                          "taskDefinition": "worker:3",
                          "desiredCount": 2,
                          "healthCheckGracePeriodSeconds": ↓120
                        }
                        """),
                    RuleExample.File(
                        "taskdef.json",
                        """
                        {
                          "family": "worker",
                          "containerDefinitions": [{"name": "worker", "image": "worker:1.0.0"}]
                        }
                        """),
                ]),
            .invalid(
                "template.yaml",
                """
                Resources:
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                      HealthCheckGracePeriodSeconds: ↓60
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: worker
                          Image: worker:1.0.0
                """),
            RuleExample(
                .valid,
                [
                    RuleExample.File(
                        "service.json",
                        """
                        {
                          "serviceName": "worker",
                          "taskDefinition": "worker:3",
                          "healthCheckGracePeriodSeconds": 120
                        }
                        """),
                    RuleExample.File(
                        "taskdef.json",
                        """
                        {
                          "family": "worker",
                          "containerDefinitions": [
                            {
                              "name": "worker",
                              "image": "worker:1.0.0",
                              "healthCheck": {"command": ["CMD-SHELL", "test -f /tmp/healthy"]}
                            }
                          ]
                        }
                        """),
                ], caption: "A container health check uses the grace period."),
            .valid(
                "template.yaml",
                """
                Resources:
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                      HealthCheckGracePeriodSeconds: 60
                      LoadBalancers:
                        - TargetGroupArn: !Ref TargetGroup
                          ContainerName: web
                          ContainerPort: 80
                  Idle:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                      HealthCheckGracePeriodSeconds: 0
                """),
        ])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for view in context.project.serviceViews {
            let service = view.service
            guard let grace = service.healthCheckGracePeriodSeconds.value, grace > 0,
                ServiceFacts.listState(service.loadBalancersField) == .empty,
                ServiceFacts.listState(service.serviceRegistries) == .empty,
                ServiceFacts.listState(service.reader.nodeField("vpcLatticeConfigurations")) == .empty
            else { continue }
            let name = ServiceFacts.describe(service)
            let message: String
            var related: [RelatedLocation] = []
            if let taskDefinition = view.taskDefinition {
                guard ServiceFacts.containersFullyKnown(taskDefinition),
                    taskDefinition.containers.allSatisfy({ $0.healthCheckField.isAbsent })
                else { continue }
                let taskName = ServiceFacts.describe(taskDefinition)
                message = "\(name) sets healthCheckGracePeriodSeconds \(grace) but has no load balancer, service registry or VPC Lattice target, and no container of \(taskName) defines a healthCheck: the grace period is unused and slow-starting tasks are not protected by anything; remove it, or add the load balancer or container health check it was meant for"
                related.append(
                    RelatedLocation(ServiceFacts.containerListLocation(taskDefinition), "no container of \(taskName) defines a healthCheck"))
            } else {
                let ambiguous = view.ambiguousTaskDefinitions
                let unknown: String
                if ambiguous.isEmpty {
                    unknown = "the task definition is not among the linted files"
                } else {
                    unknown = "\(ambiguous.count) linted task definitions have its family, and nothing says which it runs"
                    related += ambiguous.map { RelatedLocation($0.location, "a task definition of that family") }
                }
                message = "\(name) sets healthCheckGracePeriodSeconds \(grace) but has no load balancer, service registry or VPC Lattice target: unless a container of its task definition defines a healthCheck (\(unknown)), the grace period is unused; remove it, or add the load balancer or container health check it was meant for"
            }
            violations.append(Violation(message, at: service.healthCheckGracePeriodSeconds.location, related: related))
        }
        return violations
    }
}
