import LinterCore

/// `awslogs-group-invalid`: the awslogs driver is given something other than a log group name.
public struct AwslogsGroupInvalidRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS313", name: "awslogs-group-invalid",
        summary: "A container's `awslogs-group` is a log group ARN, or text no log group name can be, so the container cannot start.",
        rationale: """
            The `awslogs` log driver creates the container's log stream in the log group named by \
            `awslogs-group`. It takes the group's **name**: CloudWatch Logs accepts names of 1–512 \
            letters, digits and `_ - / . #`, and rejects anything else. An ARN \
            (`arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:*`) has colons, so the driver fails \
            to initialize and the container never starts (`CannotStartContainerError … failed to \
            initialize logging driver`).

            In CloudFormation, `!GetAtt LogGroup.Arn` gives the ARN and `!Ref LogGroup` the name: use \
            `!Ref`. In Terraform, use `aws_cloudwatch_log_group.x.name`, not `.arn`. Values that are not \
            known (parameters, placeholders) are not judged.
            """,
        defaultSeverity: .error, category: .correctness, tags: ["logging", "container"],
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html",
            "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-logs-loggroup.html",
        ],
        examples: [
            .invalid(
                "template.yaml",
                """
                Resources:
                  LogGroup:
                    Type: AWS::Logs::LogGroup
                    Properties:
                      LogGroupName: /ecs/web
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                          LogConfiguration:
                            LogDriver: awslogs
                            Options:
                              awslogs-group: ↓!GetAtt LogGroup.Arn
                              awslogs-region: !Ref AWS::Region
                              awslogs-stream-prefix: app
                """,
                fixed: """
                    Resources:
                      LogGroup:
                        Type: AWS::Logs::LogGroup
                        Properties:
                          LogGroupName: /ecs/web
                      TaskDefinition:
                        Type: AWS::ECS::TaskDefinition
                        Properties:
                          ContainerDefinitions:
                            - Name: app
                              Image: app:1.0
                              LogConfiguration:
                                LogDriver: awslogs
                                Options:
                                  awslogs-group: !Ref LogGroup
                                  awslogs-region: !Ref AWS::Region
                                  awslogs-stream-prefix: app
                    """),
            .invalid(
                "taskdef.json",
                """
                {
                  "family": "web",
                  "containerDefinitions": [
                    {
                      "name": "app",
                      "image": "app:1.0",
                      "logConfiguration": {
                        "logDriver": "awslogs",
                        "options": {"awslogs-group": ↓"arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:*", "awslogs-region": "us-east-1"}
                      }
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
                          "image": "app:1.0",
                          "logConfiguration": {
                            "logDriver": "awslogs",
                            "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1"}
                          }
                        }
                      ]
                    }
                    """),
            .valid(
                "template.yaml",
                """
                Parameters:
                  LogGroupName:
                    Type: String
                Resources:
                  LogGroup:
                    Type: AWS::Logs::LogGroup
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: app
                          Image: app:1.0
                          LogConfiguration:
                            LogDriver: awslogs
                            Options:
                              awslogs-group: !Ref LogGroup
                        - Name: worker
                          Image: worker:1.0
                          LogConfiguration:
                            LogDriver: awslogs
                            Options:
                              awslogs-group: !Ref LogGroupName
                        - Name: shipper
                          Image: shipper:1.0
                          LogConfiguration:
                            LogDriver: awsfirelens
                            Options:
                              log_group_name: /ecs/shipper
                """),
        ], fixes: [.safe])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for taskDefinition in context.project.taskDefinitions {
            for container in taskDefinition.containers {
                guard let logging = container.logConfiguration, logging.logDriver.value?.lowercased() == "awslogs",
                    let options = logging.options
                else { continue }
                let group = options.nodeField("awslogs-group")
                guard let node = group.node, !group.isAbsent else { continue }
                let owner = "awslogs-group of container '\(container.displayName)'"
                let consequence = "the awslogs driver needs a log group name, so CloudWatch Logs rejects it and the container fails to start"
                if let text = group.value.flatMap({ _ in ObjectReader.stringValue(node) }) {
                    if let name = Self.logGroupName(inARN: text) {
                        let fix = Fix(
                            "Use the log group name '\(name)'", safety: .safe,
                            edits: [.replace(node, with: .string(name), in: group.location.path)])
                        violations.append(
                            Violation("\(owner) is a log group ARN: \(consequence); use the name '\(name)'", at: group.location, fix: fix))
                    } else if let problem = Self.nameProblem(text) {
                        violations.append(Violation("\(owner) \(problem): \(consequence); use the log group's name", at: group.location))
                    }
                } else if let target = Intrinsic(node)?.getAttTarget, target.attribute == "Arn",
                    let document = context.project.document(containing: group.location),
                    document.root["Resources"]?[target.logicalId]?["Type"].flatMap(ObjectReader.stringValue) == "AWS::Logs::LogGroup"
                {
                    violations.append(
                        Violation(
                            "\(owner) is the log group's ARN (GetAtt \(target.logicalId).Arn): \(consequence); use !Ref \(target.logicalId), which is the name",
                            at: group.location, fix: Self.refFix(node, logicalId: target.logicalId, path: group.location.path)))
                }
            }
        }
        return violations
    }

    /// `!GetAtt LogGroup.Arn` becomes `!Ref LogGroup`, and the long form `{"Fn::GetAtt": […]}`
    /// becomes `{"Ref": "LogGroup"}`, in the form the file writes.
    static func refFix(_ node: Node, logicalId: String, path: String) -> Fix? {
        let edits: [FixEdit]
        if node.tag != nil {
            edits = [.replace(node, with: .tagged("!Ref", .string(logicalId)), in: path)]
        } else if let entry = node.entries?.first {
            edits = [.replace(entry.key, with: .string("Ref"), in: path), .replace(entry.value, with: .string(logicalId), in: path)]
        } else {
            return nil
        }
        return Fix("Use Ref \(logicalId), the log group's name", safety: .safe, edits: edits)
    }

    /// The group name inside `arn:<partition>:logs:<region>:<account>:log-group:<name>[:*]`.
    static func logGroupName(inARN text: String) -> String? {
        guard text.hasPrefix("arn:"), let marker = text.firstRange(of: ":log-group:") else { return nil }
        var name = text[marker.upperBound...]
        if name.hasSuffix(":*") { name = name.dropLast(2) }
        return name.isEmpty ? nil : String(name)
    }

    /// Why `text` cannot be a log group name, or nil when it can (known values only).
    static func nameProblem(_ text: String) -> String? {
        if text.isEmpty || DeployTimePlaceholders.contains(text) { return nil }
        if text.utf8.count > 512 { return "is \(text.utf8.count) bytes long, more than a log group name's 512" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-/.#")
        if let bad = text.first(where: { !allowed.contains($0) }) {
            return "holds '\(bad)', which a log group name cannot"
        }
        return nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
