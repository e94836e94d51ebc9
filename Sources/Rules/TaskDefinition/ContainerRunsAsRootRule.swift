import LinterCore

/// `container-runs-as-root`: a container that runs as root, or may.
public struct ContainerRunsAsRootRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS602", name: "container-runs-as-root",
        summary: "A container runs as root: `user` names root, or is not set while the container is privileged or shares the host's network.",
        rationale: """
            A process running as root inside the container is one kernel or runtime bug away from root \
            on the host, and can read every file mounted into the task.

            * `user` set to `root`, `0` or `0:<group>` runs as root: a warning.
            * Without `user`, the image's default user applies, which is root for many images but not \
            all (distroless `nonroot` images, most official database images). A note says so; it \
            becomes a warning when the container is also `privileged` or the task uses the `host` \
            network mode, where root in the container is close to root on the host \
            (AWS Config `ecs-task-definition-user-for-host-mode-check`).

            Set `user` to a non-root UID (`"1000"`, `"1000:1000"`) or a named unprivileged user that the \
            image defines. Unresolved values are not judged, and Windows containers (which do not \
            support `user`) are skipped.
            """,
        defaultSeverity: .warning, category: .security, tags: ["container", "security", "hardening"],
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
            "https://docs.aws.amazon.com/config/latest/developerguide/ecs-task-definition-user-for-host-mode-check.html",
        ],
        examples: [
            .invalid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "containerDefinitions": [
                    {"name": ↓"app", "image": "nginx:1.27.0"},
                    {"name": "worker", "image": "worker:1.0", "user": ↓"0:0"},
                    {"name": "admin", "image": "admin:1.0", "user": ↓"root"},
                    {"name": ↓"agent", "image": "agent:1.0", "privileged": true}
                  ]
                }
                """, caption: "`app` gets a note (the image decides); the others are warnings."),
            .invalid(
                "template.yaml",
                """
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      NetworkMode: host
                      ContainerDefinitions:
                        - Name: ↓collector
                          Image: collector:2.1
                """, caption: "Host networking without a user: a warning."),
            .valid(
                "taskdef.json",
                """
                {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27.0", "user": "1000:1000"}]}
                """),
            .valid(
                "ecspresso-taskdef.json",
                """
                {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27.0", "user": "{{ must_env `APP_USER` }}"}]}
                """, caption: "An ecspresso placeholder is not known, so it is not judged."),
        ])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for taskDefinition in context.project.taskDefinitions where !TaskSizes.isWindows(taskDefinition) {
            let hostNetwork = taskDefinition.networkMode.value?.lowercased() == "host"
            for container in taskDefinition.containers {
                let user = container.user
                let name = container.displayName
                switch user.state {
                case .unresolved:
                    continue
                case .present(let value) where !value.trimmingWhitespace.isEmpty:
                    guard Self.namesRoot(value) else { continue }
                    violations.append(
                        Violation(
                            "container '\(name)' runs as root (user: \(value)): a compromise of the process is one kernel or runtime bug from root on the host; set user to a non-root UID such as 1000",
                            at: user.location))
                case .present, .absent:
                    var aggravations: [String] = []
                    if container.privileged.value == true { aggravations.append("is privileged") }
                    if hostNetwork { aggravations.append("shares the host's network (networkMode host)") }
                    if aggravations.isEmpty {
                        violations.append(
                            Violation(
                                "container '\(name)' may run as root: user is not set, so the image's default user applies, which is root for many images; set user to a non-root UID such as 1000 if the image supports it",
                                at: container.anchor, severity: .note))
                    } else {
                        violations.append(
                            Violation(
                                "container '\(name)' may run as root (user is not set, so the image's default user applies) and \(aggravations.joined(separator: " and ")): root in this container is close to root on the host; set user to a non-root UID such as 1000",
                                at: container.anchor))
                    }
                }
            }
        }
        return violations
    }

    /// `root`, `0`, and either with a group (`0:0`, `root:wheel`).
    static func namesRoot(_ user: String) -> Bool {
        let name = user.trimmingWhitespace.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return name == "root" || name == "0"
    }
}
