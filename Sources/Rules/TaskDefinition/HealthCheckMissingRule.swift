import LinterCore

/// `health-check-missing`: an essential container without a container health check.
public struct HealthCheckMissingRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS301", name: "health-check-missing",
        summary: "An essential container has no `healthCheck`, so ECS only knows that its process runs, not that it works.",
        rationale: """
            Without a container health check ECS treats a container as healthy as long as its process \
            has not exited. A hung server, a dead-locked worker or an application that never finished \
            starting keeps the task `RUNNING`, and with no load balancer in front nothing replaces it.

            A load balancer does not change this finding: ECS also replaces tasks whose targets fail \
            the target group's health check, so a container health check adds least there, and the \
            finding stays a warning.

            The finding is an error when another container waits for this one with `dependsOn` \
            condition `HEALTHY`: without a health check there is no health status to reach, so the \
            waiting container never starts and the task cannot run \
            ([container dependency](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html): \
            "HEALTHY … requires that the target container has a health check configured").

            Add a `healthCheck` with a cheap probe the image can run: `["CMD", "/app/healthcheck"]` \
            in exec form works in distroless images; `["CMD-SHELL", "curl -f http://localhost/health || exit 1"]` \
            needs a shell and curl in the image. Non-essential containers (init containers, helpers \
            other containers wait on with `SUCCESS`/`COMPLETE`) are not flagged.
            """,
        defaultSeverity: .warning, category: .reliability, tags: ["health-check", "container", "availability"],
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/healthcheck.html",
            "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html",
            "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html",
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
                ], caption: "A warning: the target group's health check replaces failing tasks, but ECS still cannot tell a hung container apart."),
            .invalid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "containerDefinitions": [
                    {"name": ↓"proxy", "image": "envoyproxy/envoy:v1.30.1"},
                    {
                      "name": "app",
                      "image": "app:1.0",
                      "healthCheck": {"command": ["CMD", "/app/healthcheck"]},
                      "dependsOn": [{"containerName": "proxy", "condition": "HEALTHY"}]
                    }
                  ]
                }
                """, caption: "An error: `app` waits for `proxy` to be HEALTHY, which it can never be."),
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

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for taskDefinition in context.project.taskDefinitions {
            // Built once per task definition, so that finding who waits on a container is a
            // lookup: looking through every container's dependsOn for every unchecked container
            // would be quadratic in the number of containers.
            var healthyWaiters: [String: [(waiter: ContainerDefinition, dependency: ContainerDependency)]]?
            for container in taskDefinition.containers {
                guard container.isEssential == true, container.healthCheckField.isAbsent else { continue }
                var waiterNames: [String] = []
                var related: [RelatedLocation] = []
                if let name = container.name.value {
                    let waiters = healthyWaiters ?? Self.healthyWaiters(in: taskDefinition)
                    healthyWaiters = waiters
                    for (other, dependency) in waiters[name] ?? [] {
                        if !waiterNames.contains(other.displayName) { waiterNames.append(other.displayName) }
                        related.append(RelatedLocation(dependency.condition.location, "waits for a health status"))
                    }
                }
                let probe = "add a healthCheck the image can run, such as [\"CMD\", \"/app/healthcheck\"] (or [\"CMD-SHELL\", \"curl -f http://localhost/health || exit 1\"] when the image has a shell and curl)"
                if waiterNames.isEmpty {
                    violations.append(
                        Violation(
                            "essential container '\(container.displayName)' has no healthCheck: ECS treats it as healthy while its process runs, even when it hangs or never becomes ready; \(probe)",
                            at: container.anchor))
                } else {
                    let quoted = waiterNames.map { "'\($0)'" }.joined(separator: " and ")
                    let waiting = waiterNames.count == 1 ? "container \(quoted) waits" : "containers \(quoted) wait"
                    violations.append(
                        Violation(
                            "\(waiting) for essential container '\(container.displayName)' to be HEALTHY, but it has no healthCheck: the condition can never be met, so the task cannot start; \(probe)",
                            at: container.anchor, related: related, severity: .error))
                }
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
