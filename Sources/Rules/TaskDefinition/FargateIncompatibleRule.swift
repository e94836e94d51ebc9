import LinterCore

/// `fargate-incompatible`: task definition parameters Fargate does not support.
public struct FargateIncompatibleRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS308", name: "fargate-incompatible",
        summary: "A Fargate task definition uses a parameter Fargate does not support.",
        rationale: """
            Fargate runs each task in its own micro-VM with `awsvpc` networking and no access to the \
            host. ECS rejects a Fargate task definition (or a Fargate launch of it) that uses:

            * `networkMode` other than `awsvpc` — including an omitted one, which means `bridge`;
            * `ipcMode`, `pidMode: host`, `placementConstraints`;
            * volumes with `host.sourcePath` or `dockerVolumeConfiguration` (use EFS or ephemeral bind mounts);
            * in containers: `privileged: true`, `disableNetworking`, `dnsSearchDomains`, `dnsServers`, \
            `dockerSecurityOptions`, `extraHosts`, `links`, `hostname`, GPU `resourceRequirements`, \
            a `hostPort` different from the `containerPort`, a log driver other than `awslogs`, `splunk` \
            or `awsfirelens`, `startTimeout`/`stopTimeout` above 120 s;
            * in `linuxParameters`: `devices`, `maxSwap`, `swappiness`, `sharedMemorySize`, `tmpfs`, and \
            `capabilities.add` other than `SYS_PTRACE`.

            One finding per parameter, at its key or offending value. Remove the parameter or run the \
            task on EC2.
            """,
        defaultSeverity: .error, category: .correctness, tags: ["fargate", "compatibility"],
        references: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html"],
        examples: [
            .invalid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "requiresCompatibilities": ["FARGATE"],
                  "networkMode": ↓"bridge",
                  "cpu": "256",
                  "memory": "512",
                  ↓"placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.instance-type =~ t3.*"}],
                  "volumes": [{"name": "data", "host": {↓"sourcePath": "/data"}}, {"name": "scratch", "host": {}}],
                  "containerDefinitions": [
                    {
                      "name": "app",
                      "image": "app:1.0",
                      "privileged": ↓true,
                      "portMappings": [{"containerPort": 8080, "hostPort": ↓80}, {"containerPort": 9090, "hostPort": 9090}],
                      "linuxParameters": {
                        ↓"devices": [{"hostPath": "/dev/fuse"}],
                        "capabilities": {"add": ["SYS_PTRACE", ↓"NET_ADMIN"]},
                        "initProcessEnabled": true
                      }
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
                      ↓RequiresCompatibilities: [FARGATE]
                      Cpu: 256
                      Memory: 512
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                          ↓Links: [db]
                          LogConfiguration:
                            LogDriver: ↓syslog
                """,
                caption: "An omitted NetworkMode means bridge, which Fargate rejects."),
            .valid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "requiresCompatibilities": ["FARGATE"],
                  "networkMode": "awsvpc",
                  "cpu": "256",
                  "memory": "512",
                  "volumes": [{"name": "scratch", "host": {}}, {"name": "efs", "efsVolumeConfiguration": {"fileSystemId": "fs-12345678"}}],
                  "containerDefinitions": [
                    {
                      "name": "app",
                      "image": "app:1.0",
                      "privileged": false,
                      "portMappings": [{"containerPort": 8080, "hostPort": 8080}, {"containerPort": 9090}],
                      "linuxParameters": {"capabilities": {"add": ["SYS_PTRACE"], "drop": ["ALL"]}, "initProcessEnabled": true},
                      "logConfiguration": {"logDriver": "awslogs"}
                    }
                  ]
                }
                """),
            .valid(
                "template.yaml",
                """
                Parameters:
                  NetworkMode:
                    Type: String
                Resources:
                  FargateTask:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      RequiresCompatibilities: [FARGATE]
                      NetworkMode: !Ref NetworkMode
                      Cpu: 256
                      Memory: 512
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                  Ec2Task:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      RequiresCompatibilities: [EC2]
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                          Privileged: true
                          Links: [db]
                """),
        ])

    public init() {}

    static let supportedLogDrivers: Set<String> = ["awslogs", "splunk", "awsfirelens"]

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for view in context.project.taskDefinitionViews {
            let taskDefinition = view.taskDefinition
            guard let reason = TaskSizes.fargateReason(view) else { continue }
            violations += check(taskDefinition, reason: reason)
        }
        return violations
    }

    private func check(_ taskDefinition: TaskDefinition, reason: String) -> [Violation] {
        var violations: [Violation] = []
        let task = "Fargate task definition '\(taskDefinition.displayName)' (\(reason))"
        func report(_ what: String, _ fix: String, at location: Location) {
            violations.append(Violation("\(what) in \(task): Fargate does not support it and rejects the task definition; \(fix)", at: location))
        }
        func keyAnchor<T>(_ field: Field<T>) -> Location { field.keyLocation ?? field.location }
        func isWritten(_ field: Field<Node>) -> Bool {
            guard let node = field.node, !field.isAbsent else { return false }
            if node.isNull { return false }
            if let elements = node.elements { return !elements.isEmpty }
            if let entries = node.entries, !ValueKind.isUnresolved(node) { return !entries.isEmpty }
            return true
        }

        // Task level.
        switch taskDefinition.networkMode.state {
        case .absent:
            let requires = taskDefinition.requiresCompatibilities
            let anchor = requires.isPresent && taskDefinition.requiresFargate ? keyAnchor(requires) : taskDefinition.location
            report("networkMode is omitted, which means bridge,", "set networkMode to awsvpc", at: anchor)
        case .present(let mode) where mode.lowercased() != "awsvpc":
            report("networkMode '\(mode)'", "set networkMode to awsvpc", at: taskDefinition.networkMode.location)
        default:
            break
        }
        let ipcModeField = taskDefinition.ipcMode
        if let ipcMode = ipcModeField.value {
            report("ipcMode '\(ipcMode)'", "remove ipcMode", at: ipcModeField.location)
        }
        let pidModeField = taskDefinition.pidMode
        if let pidMode = pidModeField.value, pidMode.lowercased() != "task" {
            report("pidMode '\(pidMode)'", "use pidMode task or remove it", at: pidModeField.location)
        }
        let placementConstraints = taskDefinition.placementConstraints
        if isWritten(placementConstraints) {
            report("placementConstraints", "remove them; Fargate places tasks by subnet", at: keyAnchor(placementConstraints))
        }
        for volume in taskDefinition.volumes {
            let volumeName = volume.string("name").value.map { "volume '\($0)'" } ?? "a volume"
            if let host = volume.object("host") {
                let sourcePath = host.nodeField("sourcePath")
                if isWritten(sourcePath) {
                    report("host.sourcePath of \(volumeName)", "use an EFS volume or a bind mount without sourcePath", at: keyAnchor(sourcePath))
                }
            }
            let docker = volume.nodeField("dockerVolumeConfiguration")
            if isWritten(docker) {
                report("dockerVolumeConfiguration of \(volumeName)", "use an EFS volume instead", at: keyAnchor(docker))
            }
        }

        // Containers.
        for container in taskDefinition.containers {
            let name = "container '\(container.displayName)'"
            let reader = container.reader
            let privileged = container.privileged
            if privileged.value == true {
                report("privileged mode of \(name)", "remove privileged or run on EC2", at: privileged.location)
            }
            let disableNetworking = reader.bool("disableNetworking")
            if disableNetworking.value == true {
                report("disableNetworking of \(name)", "remove it", at: keyAnchor(disableNetworking))
            }
            for key in ["dnsSearchDomains", "dnsServers", "dockerSecurityOptions", "extraHosts", "links"] {
                let field = reader.nodeField(key)
                if isWritten(field) { report("\(key) of \(name)", "remove \(key)", at: keyAnchor(field)) }
            }
            let hostname = reader.nodeField("hostname")
            if isWritten(hostname) { report("hostname of \(name)", "remove hostname (awsvpc tasks take the ENI's name)", at: keyAnchor(hostname)) }
            for requirement in reader.objects("resourceRequirements") {
                let type = requirement.string("type")
                if type.value?.uppercased() == "GPU" {
                    report("a GPU resource requirement of \(name)", "run GPU workloads on EC2", at: type.location)
                }
            }
            for mapping in container.portMappings {
                if let hostPort = mapping.hostPort.value, let containerPort = mapping.containerPort.value, hostPort != containerPort {
                    report(
                        "hostPort \(hostPort) different from containerPort \(containerPort) of \(name)",
                        "omit hostPort or set it to \(containerPort)", at: mapping.hostPort.location)
                }
            }
            if let driver = container.logConfiguration?.logDriver, let value = driver.value,
                !Self.supportedLogDrivers.contains(value.lowercased())
            {
                report("log driver '\(value)' of \(name)", "use awslogs, splunk or awsfirelens", at: driver.location)
            }
            for key in ["startTimeout", "stopTimeout"] {
                let field = reader.int(key)
                if let value = field.value, value > 120 {
                    report("\(key) \(value) s of \(name) (Fargate allows 2–120)", "use at most 120", at: field.location)
                }
            }
            if let linux = container.linuxParameters {
                for key in ["devices", "maxSwap", "swappiness", "sharedMemorySize", "tmpfs"] {
                    let field = linux.nodeField(key)
                    if isWritten(field) {
                        report("linuxParameters.\(key) of \(name)", "remove linuxParameters.\(key)", at: keyAnchor(field))
                    }
                }
                if let add = linux.object("capabilities")?.nodeField("add"), let elements = add.node?.elements {
                    for element in elements where !ValueKind.isUnresolved(element) {
                        guard let capability = ObjectReader.stringValue(element) else { continue }
                        let upper = capability.uppercased()
                        if upper != "SYS_PTRACE" && upper != "CAP_SYS_PTRACE" {
                            report(
                                "capability '\(capability)' added to \(name) (only SYS_PTRACE may be added)",
                                "remove it from capabilities.add", at: linux.location(of: element))
                        }
                    }
                }
            }
        }
        return violations
    }
}
