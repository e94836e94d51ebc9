import LinterCore

/// `port-mapping-conflict`: the same port and protocol mapped twice within a task.
public struct PortMappingConflictRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS311", name: "port-mapping-conflict",
        summary: "The same port and protocol is mapped twice within one task definition.",
        rationale: """
            With `awsvpc` and `host` networking all containers of a task share one network namespace, \
            so a `containerPort`/`protocol` pair can be used only once across all containers; ECS \
            rejects the second mapping or the task fails to start with "port is already allocated". \
            With `bridge` networking each container has its own namespace, and the conflict is on a \
            fixed `hostPort` (0 or omitted means dynamic and never conflicts). A mapping repeated \
            verbatim inside one container is reported in every mode.

            The second mapping is reported. Remove it or use another port. Protocol defaults to `tcp`; \
            `80/tcp` and `80/udp` do not conflict.
            """,
        defaultSeverity: .error, category: .correctness, tags: ["networking", "ports", "container"],
        references: ["https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html"],
        examples: [
            .invalid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "networkMode": "awsvpc",
                  "containerDefinitions": [
                    {"name": "app", "image": "app:1.0", "portMappings": [{"containerPort": 8080}, {"containerPort": 53, "protocol": "udp"}]},
                    {"name": "proxy", "image": "envoy:1.30", "portMappings": [{"containerPort": ↓8080, "protocol": "tcp"}, {"containerPort": 53}]}
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
                          Image: app:1.0
                          PortMappings:
                            - ContainerPort: 8080
                              HostPort: 80
                        - Name: admin
                          Image: admin:1.0
                          PortMappings:
                            - ContainerPort: 9000
                              HostPort: ↓80
                """,
                caption: "Bridge mode (the default): two containers bind host port 80."),
            .valid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "networkMode": "bridge",
                  "containerDefinitions": [
                    {"name": "app", "image": "app:1.0", "portMappings": [{"containerPort": 8080, "hostPort": 0}]},
                    {"name": "worker", "image": "app:1.0", "portMappings": [{"containerPort": 8080}]}
                  ]
                }
                """),
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
                      NetworkMode: awsvpc
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                          PortMappings:
                            - ContainerPort: 53
                              Protocol: tcp
                            - ContainerPort: 53
                              Protocol: udp
                            - ContainerPort: !Ref Port
                        - Name: sidecar
                          Image: agent:1.0
                          PortMappings:
                            - ContainerPort: !Ref Port
                """),
        ])

    public init() {}

    private struct Key: Hashable {
        var port: Int
        var proto: String
    }

    /// A mapping as written, to find verbatim repeats in one container. A struct of plain fields
    /// rather than an `[Int?]`: the first hash of an array of optionals makes the runtime look up
    /// their `Hashable` conformances across the whole binary, ~700,000 instructions.
    private struct MappingSignature: Hashable {
        var containerPort: Int
        var hostPort: Int?
        var isUDP: Bool
    }

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for taskDefinition in context.project.taskDefinitions {
            // A verbatim repeat inside one container is wrong in every mode; ports shared across
            // containers are judged only when the mode is known.
            let mode = taskDefinition.effectiveNetworkMode?.lowercased()
            let shared = mode == "awsvpc" || mode == "host"
            var seen: [Key: (container: String, location: Location)] = [:]
            for container in taskDefinition.containers {
                var seenInContainer: Set<MappingSignature> = []
                for mapping in container.portMappings {
                    guard let proto = mapping.effectiveProtocol else { continue }
                    // A verbatim repeat inside one container.
                    if let containerPort = mapping.containerPort.value, mapping.hostPort.value != nil || mapping.hostPort.isAbsent {
                        let signature = MappingSignature(
                            containerPort: containerPort, hostPort: mapping.hostPort.value, isUDP: proto == "udp")
                        if !seenInContainer.insert(signature).inserted {
                            violations.append(
                                Violation(
                                    "container '\(container.displayName)' maps \(containerPort)/\(proto) twice: ECS rejects the duplicate mapping; remove it",
                                    at: mapping.containerPort.location))
                            continue
                        }
                    }
                    let field = shared ? mapping.containerPort : mapping.hostPort
                    guard let mode, let port = field.value, port != 0, mode != "none" else { continue }
                    let key = Key(port: port, proto: proto)
                    if let previous = seen[key] {
                        let what = shared ? "port" : "host port"
                        let why = shared
                            ? "with \(mode) networking all containers share one network namespace, so only one can listen on it"
                            : "only one container can bind a fixed host port"
                        violations.append(
                            Violation(
                                "\(what) \(port)/\(proto) of container '\(container.displayName)' is already mapped by container '\(previous.container)': \(why), and the task fails to start or is rejected; use another port\(shared ? "" : " or a dynamic host port (0)")",
                                at: field.location, related: [RelatedLocation(previous.location, "first mapping of \(port)/\(proto)")]))
                    } else {
                        seen[key] = (container.displayName, field.location)
                    }
                }
            }
        }
        return violations
    }
}
