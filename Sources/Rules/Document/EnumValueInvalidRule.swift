import LinterCore

/// `enum-value-invalid`: a field that takes one of a fixed list of values holds another.
public struct EnumValueInvalidRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS005", name: "enum-value-invalid",
        summary: "A field that takes one of a fixed list of values (`launchType`, `networkMode`, `logDriver`, …) holds another, or the right word in the wrong case.",
        rationale: """
            The ECS and ECR APIs check these fields against their lists of valid values, in the exact \
            case the API reference gives, and reject anything else ("Value 'fargate' at 'launchType' \
            failed to satisfy constraint: Member must satisfy enum value set"); CloudFormation checks \
            the same lists before it calls the API. A misspelt value fails the deployment, and other \
            rules cannot tell what was meant: they read `fargate` as Fargate but quote it as written.

            Checked: task definitions (`networkMode`, `pidMode`, `ipcMode`, `requiresCompatibilities`, \
            `runtimePlatform`), containers (`logConfiguration.logDriver`, port mapping `protocol` and \
            `appProtocol`, `versionConsistency`), services (`launchType`, `schedulingStrategy`, \
            `deploymentController.type`, `propagateTags`, `assignPublicIp`) and repositories \
            (`imageTagMutability`). Lifecycle policy values are checked by `lifecycle-policy-invalid`, \
            `dependsOn` conditions by `depends-on-invalid`. An empty string counts as unset, and \
            unresolved values are not judged.
            """,
        defaultSeverity: .error, category: .correctness, tags: ["api", "cloudformation"],
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
            "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
            "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html",
        ],
        examples: [
            .invalid(
                "service.json",
                """
                {"serviceName": "web", "taskDefinition": "web:3", "desiredCount": 2, "launchType": ↓"fargate", "schedulingStrategy": ↓"REPLICAS"}
                """,
                fixed: """
                    {"serviceName": "web", "taskDefinition": "web:3", "desiredCount": 2, "launchType": "FARGATE", "schedulingStrategy": ↓"REPLICAS"}
                    """,
                caption: "A value in the wrong case is fixed; another word is only reported."),
            .invalid(
                "template.yaml",
                """
                Resources:
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      NetworkMode: ↓AwsVpc
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                          LogConfiguration:
                            LogDriver: ↓cloudwatch
                          PortMappings:
                            - ContainerPort: 80
                              Protocol: ↓TCP
                """,
                fixed: """
                    Resources:
                      TaskDefinition:
                        Type: AWS::ECS::TaskDefinition
                        Properties:
                          NetworkMode: awsvpc
                          ContainerDefinitions:
                            - Name: app
                              Image: app:1.0
                              LogConfiguration:
                                LogDriver: ↓cloudwatch
                              PortMappings:
                                - ContainerPort: 80
                                  Protocol: tcp
                    """),
            .invalid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "networkMode": ↓"AWSVPC",
                  "requiresCompatibilities": [↓"fargate"],
                  "containerDefinitions": [{"name": "app", "image": "app:1.0", "logConfiguration": {"logDriver": ↓"AwsLogs"}}]
                }
                """,
                fixed: """
                    {
                      "family": "web",
                      "networkMode": "awsvpc",
                      "requiresCompatibilities": ["FARGATE"],
                      "containerDefinitions": [{"name": "app", "image": "app:1.0", "logConfiguration": {"logDriver": "awslogs"}}]
                    }
                    """),
            .valid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "networkMode": "awsvpc",
                  "requiresCompatibilities": ["FARGATE"],
                  "ipcMode": "",
                  "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
                  "containerDefinitions": [
                    {"name": "app", "image": "app:1.0", "logConfiguration": {"logDriver": "awslogs"},
                     "portMappings": [{"containerPort": 80, "protocol": "tcp", "appProtocol": "http2"}]}
                  ]
                }
                """),
        ], fixes: [.safe])

    public init() {}

    static let launchTypes = ["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"]
    static let operatingSystemFamilies = [
        "LINUX", "WINDOWS_SERVER_2019_FULL", "WINDOWS_SERVER_2019_CORE", "WINDOWS_SERVER_2016_FULL",
        "WINDOWS_SERVER_2004_CORE", "WINDOWS_SERVER_2022_CORE", "WINDOWS_SERVER_2022_FULL", "WINDOWS_SERVER_2025_CORE",
        "WINDOWS_SERVER_2025_FULL", "WINDOWS_SERVER_20H2_CORE",
    ]

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        func check(_ field: Field<String>?, _ name: String, _ allowed: [String], _ owner: String) {
            guard let field, let value = field.value, !value.isEmpty, !allowed.contains(value) else { return }
            violations.append(Self.violation(field: field, value: value, name: name, allowed: allowed, owner: owner))
        }
        for taskDefinition in context.project.taskDefinitions where !taskDefinition.isContainerListOnly {
            let owner = "task definition '\(taskDefinition.displayName)'"
            let reader = taskDefinition.reader
            check(taskDefinition.networkMode, "networkMode", ["bridge", "host", "awsvpc", "none"], owner)
            check(taskDefinition.pidMode, "pidMode", ["host", "task"], owner)
            check(taskDefinition.ipcMode, "ipcMode", ["host", "task", "none"], owner)
            if let node = taskDefinition.requiresCompatibilities.node, taskDefinition.requiresCompatibilities.isPresent {
                for element in node.elements ?? node.tag?.node.elements ?? [] {
                    guard let value = ObjectReader.stringValue(element), !value.isEmpty, !Self.launchTypes.contains(value) else { continue }
                    let field = Field<String>(
                        state: .present(value), location: reader.location(of: element), keyLocation: reader.location(of: element),
                        node: element)
                    violations.append(
                        Self.violation(field: field, value: value, name: "requiresCompatibilities", allowed: Self.launchTypes, owner: owner))
                }
            }
            let platform = reader.object("runtimePlatform")
            check(platform?.string("cpuArchitecture"), "runtimePlatform.cpuArchitecture", ["X86_64", "ARM64"], owner)
            check(
                platform?.string("operatingSystemFamily"), "runtimePlatform.operatingSystemFamily",
                Self.operatingSystemFamilies, owner)
        }
        for taskDefinition in context.project.taskDefinitions {
            for container in taskDefinition.containers {
                let owner = "container '\(container.displayName)'"
                check(
                    container.logConfiguration?.logDriver, "logConfiguration.logDriver",
                    ["json-file", "syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "awsfirelens"], owner)
                for mapping in container.portMappings {
                    check(mapping.protocol, "portMappings.protocol", ["tcp", "udp"], owner)
                    check(mapping.reader.string("appProtocol"), "portMappings.appProtocol", ["http", "http2", "grpc"], owner)
                }
                check(container.versionConsistency, "versionConsistency", ["enabled", "disabled"], owner)
            }
        }
        for service in context.project.services {
            let owner = "service '\(service.displayName)'"
            check(service.launchType, "launchType", Self.launchTypes, owner)
            check(service.schedulingStrategy, "schedulingStrategy", ["REPLICA", "DAEMON"], owner)
            check(service.deploymentControllerType, "deploymentController.type", ["ECS", "CODE_DEPLOY", "EXTERNAL"], owner)
            check(service.reader.string("propagateTags"), "propagateTags", ["TASK_DEFINITION", "SERVICE", "NONE"], owner)
            // Terraform writes assign_public_ip as a boolean.
            if service.reader.style != .snake {
                let awsvpc = service.reader.object("networkConfiguration")?.object("awsvpcConfiguration")
                check(awsvpc?.string("assignPublicIp"), "awsvpcConfiguration.assignPublicIp", ["ENABLED", "DISABLED"], owner)
            }
        }
        for repository in context.project.repositories {
            check(
                repository.tagMutability, "imageTagMutability",
                ["MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION", "MUTABLE_WITH_EXCLUSION"],
                "repository '\(repository.displayName)'")
        }
        return violations
    }

    static func violation(field: Field<String>, value: String, name: String, allowed: [String], owner: String) -> Violation {
        let list = allowed.joined(separator: ", ")
        if let intended = allowed.first(where: { $0.lowercased() == value.lowercased() }) {
            let fix = field.node.map { node in
                Fix("Write '\(intended)'", safety: .safe, edits: [.replace(node, with: .string(intended), in: field.location.path)])
            }
            return Violation(
                "\(name) '\(value)' of \(owner) is not one of \(list): the values are case-sensitive, so AWS rejects it; write '\(intended)'",
                at: field.location, fix: fix)
        }
        return Violation(
            "\(name) '\(value)' of \(owner) is not one of \(list): AWS rejects it" + Suggestion.didYouMean(value, allowed)
                + "; use one of those values",
            at: field.location)
    }
}
