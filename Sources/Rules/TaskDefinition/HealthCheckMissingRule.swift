import Linter

/// `health-check-missing`: an essential container without a container health check.
public struct HealthCheckMissingRule: Rule {
    public static let metadata = RuleMetadata(
        id: "ECS301", name: "health-check-missing",
        summary: "An essential container has no `healthCheck`, so ECS only knows that its process runs, not that it works.",
        rationale: """
            Without a container health check ECS treats a container as healthy as long as its process \
            has not exited. A hung server, a dead-locked worker or an application that never finished \
            starting keeps the task `RUNNING`, deployments report success and nothing replaces it.

            The finding is raised to an error when something depends on the health status: a service \
            puts the container behind a load balancer (the load balancer and ECS then disagree about \
            health and a deployment cannot tell a broken revision apart), or another container waits \
            for it with `dependsOn` condition `HEALTHY` (which ECS rejects without a health check).

            Add a `healthCheck` with a cheap probe, for example \
            `["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"]`. Non-essential containers \
            (init containers, helpers other containers wait on with `SUCCESS`/`COMPLETE`) are not flagged.
            """,
        defaultSeverity: .warning, category: .reliability, tags: ["health-check", "container", "availability"],
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/healthcheck.html",
            "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html",
        ],
        examples: [
            .invalid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "containerDefinitions": [
                    {"name": ↓"app", "image": "nginx:1.27.0"},
                    {"name": "migrate", "image": "app:1.0", "essential": false}
                  ]
                }
                """),
            RuleExample(
                .invalid,
                [
                    .init(
                        "service.json",
                        """
                        {
                          "serviceName": "web",
                          "taskDefinition": "web:3",
                          "loadBalancers": [
                            {"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef", "containerName": "app", "containerPort": 80}
                          ]
                        }
                        """),
                    .init(
                        "taskdef.json",
                        """
                        {
                          "family": "web",
                          "containerDefinitions": [
                            {"name": ↓"app", "image": "nginx:1.27.0", "portMappings": [{"containerPort": 80}]}
                          ]
                        }
                        """),
                ], caption: "An error: the load balancer of service `web` targets the container."),
            .invalid(
                "template.yaml",
                """
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: ↓app
                          Image: nginx:1.27.0
                        - Name: envoy
                          Image: envoyproxy/envoy:v1.30.1
                          Essential: true
                          DependsOn:
                            - ContainerName: app
                              Condition: START
                          HealthCheck:
                            Command: ["CMD-SHELL", "curl -f http://localhost:9901/ready || exit 1"]
                """),
            .valid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "containerDefinitions": [
                    {
                      "name": "app",
                      "image": "nginx:1.27.0",
                      "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]},
                      "dependsOn": [{"containerName": "init", "condition": "SUCCESS"}]
                    },
                    {"name": "init", "image": "busybox:1.36", "essential": false}
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
                        - Name: app
                          Image: nginx:1.27.0
                          HealthCheck:
                            Command: ["CMD", "/bin/healthcheck"]
                        - Name: sidecar
                          Image: fluent/fluent-bit:3.0
                          Essential: !Ref Essential
                        - Name: helper
                          Image: busybox:1.36
                          Essential: false
                """),
        ])

    public var metadata: RuleMetadata { Self.metadata }

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        let project = context.project
        for (position, taskDefinition) in project.taskDefinitions.enumerated() {
            let services = project.index.services(ofTaskDefinition: position).map { project.services[$0] }
            // Built once per task definition: looking through every container's dependsOn for
            // every unchecked container was quadratic (5,000 containers took seconds).
            var healthyWaiters: [String: [(waiter: ContainerDefinition, dependency: ContainerDependency)]]?
            for container in taskDefinition.containers {
                guard container.isEssential == true, container.healthCheckField.isAbsent else { continue }
                var reasons: [String] = []
                var seenReasons: Set<String> = []
                var related: [RelatedLocation] = []
                if let name = container.name.value {
                    for service in services {
                        for balancer in service.loadBalancers where balancer.containerName.value == name {
                            let reason = "service '\(service.displayName)' puts it behind a load balancer"
                            if seenReasons.insert(reason).inserted { reasons.append(reason) }
                            related.append(RelatedLocation(balancer.containerName.location, "the load balancer targets this container"))
                        }
                    }
                    let waiters = healthyWaiters ?? Self.healthyWaiters(in: taskDefinition)
                    healthyWaiters = waiters
                    for (other, dependency) in waiters[name] ?? [] {
                        let reason = "container '\(other.displayName)' waits for it to be HEALTHY"
                        if seenReasons.insert(reason).inserted { reasons.append(reason) }
                        related.append(RelatedLocation(dependency.condition.location, "waits for a health status"))
                    }
                }
                let message: String
                if reasons.isEmpty {
                    message = "essential container '\(container.displayName)' has no healthCheck: ECS treats it as healthy while its process runs, even when it hangs or never becomes ready; add a healthCheck such as [\"CMD-SHELL\", \"curl -f http://localhost/health || exit 1\"]"
                } else {
                    message = "essential container '\(container.displayName)' has no healthCheck although \(reasons.joined(separator: " and ")): its real health is never known to ECS, so broken tasks stay in service or the dependency can never be met; add a healthCheck such as [\"CMD-SHELL\", \"curl -f http://localhost/health || exit 1\"]"
                }
                violations.append(
                    Violation(message, at: container.anchor, related: related, severity: reasons.isEmpty ? nil : .error))
            }
        }
        return violations
    }

    /// The containers that wait for each container name to be HEALTHY, in declaration order.
    private static func healthyWaiters(
        in taskDefinition: TaskDefinition
    ) -> [String: [(waiter: ContainerDefinition, dependency: ContainerDependency)]] {
        var waiters: [String: [(waiter: ContainerDefinition, dependency: ContainerDependency)]] = [:]
        for other in taskDefinition.containers {
            for dependency in other.dependsOn where dependency.condition.value?.uppercased() == "HEALTHY" {
                guard let name = dependency.containerName.value else { continue }
                waiters[name, default: []].append((other, dependency))
            }
        }
        return waiters
    }
}
