import LinterCore

/// `health-check-invalid`: a container health check ECS rejects or that can never pass.
public struct HealthCheckInvalidRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS302", name: "health-check-invalid",
        summary: "A container `healthCheck` has a malformed command or a timing value outside what ECS accepts.",
        rationale: """
            ECS runs `healthCheck.command` as Docker does: the first element must be `CMD` followed by \
            the program and its arguments (`["CMD", "curl", "-f", "http://localhost/"]`), or \
            `CMD-SHELL` followed by exactly one shell string \
            (`["CMD-SHELL", "curl -f http://localhost/ || exit 1"]`). Anything else is rejected or runs \
            something other than intended.

            The timings have fixed ranges, and ECS rejects a task definition outside them: `interval` \
            5–300 s (default 30), `timeout` 2–60 s (default 5), `retries` 1–10 (default 3) and \
            `startPeriod` 0–300 s. Each problem is reported at its value.

            A `timeout` as long as the `interval` is accepted and is not reported: Docker runs one probe \
            at a time and kills it at its timeout, so probes never overlap \
            ([Docker HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)).

            The fix for a command without `CMD` or `CMD-SHELL` is to add the prefix that matches what \
            is written: `["/healthcheck"]` becomes `["CMD", "/healthcheck"]` (exec form, which also \
            works in images without a shell), and one shell string becomes `["CMD-SHELL", "…"]`.
            """,
        defaultSeverity: .error, category: .correctness, tags: ["health-check", "container"],
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html",
            "https://docs.docker.com/reference/dockerfile/#healthcheck",
        ],
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
                      "healthCheck": {"command": ↓["CMD-SHELL", "pgrep", "worker"], "interval": 10, "timeout": 10}
                    }
                  ]
                }
                """,
                fixed: """
                    {
                      "family": "web",
                      "containerDefinitions": [
                        {
                          "name": "app",
                          "image": "nginx:1.27.0",
                          "healthCheck": {
                            "command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"],
                            "interval": 5,
                            "timeout": 2,
                            "retries": 1,
                            "startPeriod": 300
                          }
                        },
                        {
                          "name": "worker",
                          "image": "worker:1.0",
                          "healthCheck": {"command": ["CMD-SHELL", "pgrep worker"], "interval": 10, "timeout": 10}
                        }
                      ]
                    }
                    """,
                caption: "The prefix is added; timings are brought into range and CMD-SHELL's arguments joined (unsafe fixes: they change what runs)."),
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
                            Timeout: 45
                        - Name: probe
                          Image: gcr.io/distroless/static:nonroot
                          HealthCheck:
                            Command: ↓["/healthcheck"]
                """,
                fixed: """
                    Resources:
                      TaskDefinition:
                        Type: AWS::ECS::TaskDefinition
                        Properties:
                          ContainerDefinitions:
                            - Name: app
                              Image: nginx:1.27.0
                              HealthCheck:
                                Command: ↓["CMD"]
                                Timeout: 45
                            - Name: probe
                              Image: gcr.io/distroless/static:nonroot
                              HealthCheck:
                                Command: ["CMD", "/healthcheck"]
                    """),
            .invalid(
                "plan.json",
                #"""
                {
                  "format_version": "1.2",
                  "planned_values": {
                    "root_module": {
                      "resources": [
                        {
                          "address": "aws_ecs_task_definition.web",
                          "type": "aws_ecs_task_definition",
                          "name": "web",
                          "values": {"family": "web", "container_definitions": "[{\"name\":\"app\",\"image\":\"web:1.0.0\",\"healthCheck\":{\"command\":↓[\"curl -f http://localhost/ || exit 1\"]}}]"}
                        }
                      ]
                    }
                  }
                }
                """#,
                fixed: #"""
                    {
                      "format_version": "1.2",
                      "planned_values": {
                        "root_module": {
                          "resources": [
                            {
                              "address": "aws_ecs_task_definition.web",
                              "type": "aws_ecs_task_definition",
                              "name": "web",
                              "values": {"family": "web", "container_definitions": "[{\"name\":\"app\",\"image\":\"web:1.0.0\",\"healthCheck\":{\"command\":[\"CMD-SHELL\",\"curl -f http://localhost/ || exit 1\"]}}]"}
                            }
                          ]
                        }
                      }
                    }
                    """#,
                caption: "In a Terraform plan's container_definitions, a JSON string: the fix is escaped back into it."),
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
        ], fixes: [.safe, .unsafe])

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
                    let clamped = min(max(value, range.lowerBound), range.upperBound)
                    let fix = field.node.map { node in
                        Fix(
                            "Set healthCheck.\(key) to \(clamped)", safety: .unsafe,
                            edits: [.replace(node, with: .scalar(String(clamped), like: node), in: field.location.path)])
                    }
                    violations.append(
                        Violation(
                            "healthCheck.\(key) of container '\(name)' is \(value), outside \(range.lowerBound)–\(range.upperBound) (\(meaning)): ECS rejects the task definition; use a value in that range",
                            at: field.location, fix: fix))
                }
            }
        }
        return violations
    }

    private func checkCommand(_ healthCheck: HealthCheck, container name: String) -> [Violation] {
        let command = healthCheck.command
        let forms = "use [\"CMD\", \"/path/to/probe\", \"arg\"] (exec form, no shell needed) or [\"CMD-SHELL\", \"one shell command\"]"
        switch command.state {
        case .absent:
            return [
                Violation(
                    "healthCheck of container '\(name)' has no command: ECS requires one and rejects the task definition; \(forms)",
                    at: healthCheck.location)
            ]
        case .unresolved:
            if let node = command.node, !ValueKind.isUnresolved(node), let text = node.string {
                let fix = Fix(
                    "Write the command as [\"CMD-SHELL\", …]", safety: .safe,
                    edits: [.replace(node, with: .array([.string("CMD-SHELL"), .string(text)]), in: command.location.path)])
                return [
                    Violation(
                        "healthCheck.command of container '\(name)' is a string, not a list: ECS expects a list starting with CMD or CMD-SHELL; write [\"CMD-SHELL\", \(Self.quoted(text))]",
                        at: command.location, fix: fix)
                ]
            }
            return []
        case .present(let parts):
            let problem: String
            let fix: String
            var repair: Fix?
            let elements = command.node.map(ObjectReader.unwrapCoreTag)?.elements ?? []
            switch parts.first {
            case "CMD":
                guard parts.count < 2 else { return [] }
                problem = "has CMD without a program to run"
                fix = "name the program after CMD, for example [\"CMD\", \"/app/healthcheck\"]"
            case "CMD-SHELL":
                guard parts.count != 2 else { return [] }
                problem = "has CMD-SHELL followed by \(parts.count - 1) elements instead of exactly one shell string"
                let joined = parts.dropFirst().joined(separator: " ")
                fix = parts.count > 2
                    ? "join them into one string, [\"CMD-SHELL\", \(Self.quoted(joined))], or use CMD with one element per argument"
                    : forms
                if parts.count > 2, elements.count == parts.count, let last = elements.last {
                    // Unsafe: the shell now reads the arguments as one command line.
                    repair = Fix(
                        "Join the CMD-SHELL arguments into one shell string", safety: .unsafe,
                        edits: [FixEdit(path: command.location.path, .replaceSpan(from: elements[1], through: last, with: .string(joined)))])
                }
            default:
                problem = "does not start with CMD or CMD-SHELL"
                fix = Self.prefixFix(for: parts)
                if let node = command.node.map(ObjectReader.unwrapCoreTag), !parts.isEmpty {
                    let prefix = Self.prefix(for: parts)
                    repair = Fix(
                        "Start the command with \(prefix)", safety: .safe,
                        edits: [FixEdit(path: command.location.path, .insertElements([.string(prefix)], at: 0, into: node))])
                }
            }
            return [
                Violation(
                    "healthCheck.command of container '\(name)' \(problem): ECS rejects it or runs something other than intended; \(fix)",
                    at: command.location, fix: repair)
            ]
        }
    }

    /// The command with the prefix that matches what is written: one element that reads as a
    /// shell command line takes CMD-SHELL; a program and its arguments take CMD, which needs no
    /// shell in the image (distroless images have none).
    static func prefixFix(for parts: [String]) -> String {
        guard !parts.isEmpty else { return "use [\"CMD\", \"/path/to/probe\"]" }
        return "write [" + ([prefix(for: parts)] + parts).map(quoted).joined(separator: ", ") + "]"
    }

    /// CMD-SHELL for one element that reads as a shell command line, CMD otherwise.
    static func prefix(for parts: [String]) -> String {
        let shellBytes: Set<Character> = [" ", "|", "&", ";", "$", ">", "<", "`", "*"]
        if parts.count == 1, let only = parts.first, only.contains(where: shellBytes.contains) { return "CMD-SHELL" }
        return "CMD"
    }

    static func quoted(_ text: String) -> String { NodeJSONWriter.quoted(text) }
}
