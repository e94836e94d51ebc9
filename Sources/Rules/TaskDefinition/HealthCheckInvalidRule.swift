import Linter

/// `health-check-invalid`: a container health check ECS rejects or that can never pass.
public struct HealthCheckInvalidRule: Rule {
    public static let metadata = RuleMetadata(
        id: "ECS302", name: "health-check-invalid",
        summary: "A container `healthCheck` has a malformed command or a timing value outside what ECS accepts.",
        rationale: """
            ECS runs `healthCheck.command` as Docker does: the first element must be `CMD` followed by \
            the program and its arguments (`["CMD", "curl", "-f", "http://localhost/"]`), or \
            `CMD-SHELL` followed by exactly one shell string \
            (`["CMD-SHELL", "curl -f http://localhost/ || exit 1"]`). Anything else is rejected or runs \
            something other than intended.

            The timings have fixed ranges: `interval` 5–300 s (default 30), `timeout` 2–60 s (default 5), \
            `retries` 1–10 (default 3) and `startPeriod` 0–300 s. A `timeout` that is not shorter than the \
            `interval` makes probes overlap, so a slow probe is never cut off before the next one starts. \
            Each problem is reported at its value.
            """,
        defaultSeverity: .error, category: .correctness, tags: ["health-check", "container"],
        references: ["https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html"],
        examples: [
            .invalid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "containerDefinitions": [
                    {
                      "name": "app",
                      "image": "nginx:1.27.0",
                      "healthCheck": {
                        "command": ↓["curl -f http://localhost/ || exit 1"],
                        "interval": ↓3,
                        "timeout": ↓1,
                        "retries": ↓0,
                        "startPeriod": ↓600
                      }
                    },
                    {
                      "name": "worker",
                      "image": "worker:1.0",
                      "healthCheck": {"command": ↓["CMD-SHELL", "pgrep", "worker"], "interval": 10, "timeout": ↓10}
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
                        - Name: app
                          Image: nginx:1.27.0
                          HealthCheck:
                            Command: ↓["CMD"]
                            Timeout: ↓45
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
                      "healthCheck": {
                        "command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"],
                        "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 60
                      }
                    },
                    {"name": "worker", "image": "worker:1.0", "healthCheck": {"command": ["CMD", "/bin/check", "--quick"]}}
                  ]
                }
                """),
            .valid(
                "template.yaml",
                """
                Parameters:
                  Interval:
                    Type: Number
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: app
                          Image: nginx:1.27.0
                          HealthCheck:
                            Command:
                              - CMD-SHELL
                              - !Sub "curl -f http://localhost:${Port}/ || exit 1"
                            Interval: !Ref Interval
                            Timeout: 10
                """),
        ])

    public var metadata: RuleMetadata { Self.metadata }

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for taskDefinition in context.project.taskDefinitions {
            for container in taskDefinition.containers {
                guard let healthCheck = container.healthCheck else { continue }
                let name = container.displayName
                violations += checkCommand(healthCheck, container: name)
                let ranges: [(Field<Int>, String, ClosedRange<Int>, String)] = [
                    (healthCheck.interval, "interval", 5...300, "seconds between probes"),
                    (healthCheck.timeout, "timeout", 2...60, "seconds a probe may take"),
                    (healthCheck.retries, "retries", 1...10, "failed probes before the container is unhealthy"),
                    (healthCheck.startPeriod, "startPeriod", 0...300, "seconds of grace after start"),
                ]
                for (field, key, range, meaning) in ranges {
                    guard let value = field.value, !range.contains(value) else { continue }
                    violations.append(
                        Violation(
                            "healthCheck.\(key) of container '\(name)' is \(value), outside \(range.lowerBound)–\(range.upperBound) (\(meaning)): ECS rejects the task definition; use a value in that range",
                            at: field.location))
                }
                if let interval = healthCheck.interval.value(default: 30), let timeout = healthCheck.timeout.value(default: 5),
                    !(healthCheck.interval.isAbsent && healthCheck.timeout.isAbsent), timeout >= interval
                {
                    let anchor = healthCheck.timeout.isAbsent ? healthCheck.interval.location : healthCheck.timeout.location
                    let timeoutText = healthCheck.timeout.isAbsent ? "the default timeout \(timeout)s" : "timeout \(timeout)s"
                    let intervalText = healthCheck.interval.isAbsent ? "the default interval \(interval)s" : "interval \(interval)s"
                    violations.append(
                        Violation(
                            "healthCheck of container '\(name)' has \(timeoutText), not shorter than \(intervalText): probes overlap and a hanging probe is never cut off before the next starts; make the timeout shorter than the interval",
                            at: anchor))
                }
            }
        }
        return violations
    }

    private func checkCommand(_ healthCheck: HealthCheck, container name: String) -> [Violation] {
        let command = healthCheck.command
        let example = "write [\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"] or [\"CMD\", \"curl\", \"-f\", \"http://localhost/\"]"
        switch command.state {
        case .absent:
            return [
                Violation(
                    "healthCheck of container '\(name)' has no command: ECS requires one and rejects the task definition; \(example)",
                    at: healthCheck.location)
            ]
        case .unresolved:
            if let node = command.node, !ValueKind.isUnresolved(node), node.string != nil {
                return [
                    Violation(
                        "healthCheck.command of container '\(name)' is a string, not a list: ECS expects a list starting with CMD or CMD-SHELL; \(example)",
                        at: command.location)
                ]
            }
            return []
        case .present(let parts):
            let problem: String?
            switch parts.first {
            case "CMD":
                problem = parts.count < 2 ? "has CMD without a program to run" : nil
            case "CMD-SHELL":
                problem = parts.count != 2
                    ? "has CMD-SHELL followed by \(parts.count - 1) elements instead of exactly one shell string" : nil
            default:
                problem = "does not start with CMD or CMD-SHELL"
            }
            guard let problem else { return [] }
            return [
                Violation(
                    "healthCheck.command of container '\(name)' \(problem): ECS rejects it or runs something other than intended; \(example)",
                    at: command.location)
            ]
        }
    }
}
