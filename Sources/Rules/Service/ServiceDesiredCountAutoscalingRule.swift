import LinterCore

/// `service-desired-count-autoscaling`: a desired count that Application Auto Scaling overrides.
public struct ServiceDesiredCountAutoscalingRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS407", name: "service-desired-count-autoscaling",
        summary: "A service's desiredCount lies outside its scalable target's capacity range, or a CloudFormation service with auto scaling sets DesiredCount at all.",
        rationale: """
            Once an Application Auto Scaling scalable target manages a service, the target owns the task count. \
            When the target is registered or updated, a count below `MinCapacity` or above `MaxCapacity` is \
            moved into the range, so a `desiredCount` outside it never holds and misleads readers about \
            capacity. In CloudFormation it is worse: every stack update that touches the service sends its \
            `DesiredCount` again, resetting the count that auto scaling chose, which can scale a busy service \
            in during a deployment.

            Omit `DesiredCount` on CloudFormation services with auto scaling (a create starts with one task and \
            auto scaling raises it to `MinCapacity`; updates keep the current count). Elsewhere keep \
            `desiredCount` within `[MinCapacity, MaxCapacity]`. The scalable target must be linked to the \
            service (`!GetAtt Service.Name` or `service/<cluster>/<name>`). A count or capacity that is not known \
            is never compared; a CloudFormation `DesiredCount: !Ref Parameter` is still reported, since every \
            stack update sends its value all the same. Other unknown counts are not judged: a custom resource \
            that returns the running count (as AWS Copilot deploys) is exactly the fix.
            """,
        defaultSeverity: .warning, category: .reliability, tags: ["service", "auto-scaling", "cloudformation"],
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-auto-scaling.html",
            "https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html",
        ],
        examples: [
            .invalid(
                "template.yaml",
                """
                Parameters:
                  Count:
                    Type: Number
                Resources:
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      Cluster: !Ref Cluster
                      TaskDefinition: !Ref TaskDefinition
                      DesiredCount: ↓2
                  ScalableTarget:
                    Type: AWS::ApplicationAutoScaling::ScalableTarget
                    Properties:
                      ServiceNamespace: ecs
                      ScalableDimension: ecs:service:DesiredCount
                      ResourceId: !Sub service/${Cluster}/${Service.Name}
                      MinCapacity: 1
                      MaxCapacity: 4
                  Worker:
                    Type: AWS::ECS::Service
                    Properties:
                      Cluster: !Ref Cluster
                      TaskDefinition: !Ref TaskDefinition
                      DesiredCount: ↓10
                  WorkerScalableTarget:
                    Type: AWS::ApplicationAutoScaling::ScalableTarget
                    Properties:
                      ServiceNamespace: ecs
                      ScalableDimension: ecs:service:DesiredCount
                      ResourceId: !Join ["/", [service, !Ref Cluster, !GetAtt Worker.Name]]
                      MinCapacity: 1
                      MaxCapacity: 4
                  Conditional:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                      DesiredCount: ↓!Ref Count
                  ConditionalScalableTarget:
                    Type: AWS::ApplicationAutoScaling::ScalableTarget
                    Properties:
                      ServiceNamespace: ecs
                      ScalableDimension: ecs:service:DesiredCount
                      ResourceId: !Sub service/${Cluster}/${Conditional.Name}
                      MinCapacity: 1
                      MaxCapacity: 4
                """,
                fixed: """
                    Parameters:
                      Count:
                        Type: Number
                    Resources:
                      Service:
                        Type: AWS::ECS::Service
                        Properties:
                          Cluster: !Ref Cluster
                          TaskDefinition: !Ref TaskDefinition
                      ScalableTarget:
                        Type: AWS::ApplicationAutoScaling::ScalableTarget
                        Properties:
                          ServiceNamespace: ecs
                          ScalableDimension: ecs:service:DesiredCount
                          ResourceId: !Sub service/${Cluster}/${Service.Name}
                          MinCapacity: 1
                          MaxCapacity: 4
                      Worker:
                        Type: AWS::ECS::Service
                        Properties:
                          Cluster: !Ref Cluster
                          TaskDefinition: !Ref TaskDefinition
                      WorkerScalableTarget:
                        Type: AWS::ApplicationAutoScaling::ScalableTarget
                        Properties:
                          ServiceNamespace: ecs
                          ScalableDimension: ecs:service:DesiredCount
                          ResourceId: !Join ["/", [service, !Ref Cluster, !GetAtt Worker.Name]]
                          MinCapacity: 1
                          MaxCapacity: 4
                      Conditional:
                        Type: AWS::ECS::Service
                        Properties:
                          TaskDefinition: !Ref TaskDefinition
                      ConditionalScalableTarget:
                        Type: AWS::ApplicationAutoScaling::ScalableTarget
                        Properties:
                          ServiceNamespace: ecs
                          ScalableDimension: ecs:service:DesiredCount
                          ResourceId: !Sub service/${Cluster}/${Conditional.Name}
                          MinCapacity: 1
                          MaxCapacity: 4
                    """,
                caption: "A count from a parameter is sent again on every stack update all the same. The fix removes DesiredCount (unsafe: a new service then starts with one task until auto scaling raises it)."),
            .invalid(
                "plan.json",
                """
                {
                  "format_version": "1.2",
                  "planned_values": {
                    "root_module": {
                      "resources": [
                        {
                          "address": "aws_ecs_service.web",
                          "type": "aws_ecs_service",
                          "name": "web",
                          "values": {"name": "web", "cluster": "prod", "task_definition": "web:7", "desired_count": ↓10}
                        },
                        {
                          "address": "aws_appautoscaling_target.web",
                          "type": "aws_appautoscaling_target",
                          "name": "web",
                          "values": {"service_namespace": "ecs", "resource_id": "service/prod/web", "scalable_dimension": "ecs:service:DesiredCount", "min_capacity": 2, "max_capacity": 6}
                        }
                      ]
                    }
                  }
                }
                """,
                fixed: """
                    {
                      "format_version": "1.2",
                      "planned_values": {
                        "root_module": {
                          "resources": [
                            {
                              "address": "aws_ecs_service.web",
                              "type": "aws_ecs_service",
                              "name": "web",
                              "values": {"name": "web", "cluster": "prod", "task_definition": "web:7", "desired_count": 6}
                            },
                            {
                              "address": "aws_appautoscaling_target.web",
                              "type": "aws_appautoscaling_target",
                              "name": "web",
                              "values": {"service_namespace": "ecs", "resource_id": "service/prod/web", "scalable_dimension": "ecs:service:DesiredCount", "min_capacity": 2, "max_capacity": 6}
                            }
                          ]
                        }
                      }
                    }
                    """,
                caption: "Terraform plan: the count is outside [2, 6]; the fix writes the count auto scaling would set."),
            .valid(
                "template.yaml",
                """
                Resources:
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      Cluster: !Ref Cluster
                      TaskDefinition: !Ref TaskDefinition
                  ScalableTarget:
                    Type: AWS::ApplicationAutoScaling::ScalableTarget
                    Properties:
                      ServiceNamespace: ecs
                      ScalableDimension: ecs:service:DesiredCount
                      ResourceId: !Sub service/${Cluster}/${Service.Name}
                      MinCapacity: 1
                      MaxCapacity: 4
                  Unscaled:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                      DesiredCount: 2
                  Dynamic:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                      DesiredCount: !GetAtt RunningCount.DesiredCount
                  DynamicScalableTarget:
                    Type: AWS::ApplicationAutoScaling::ScalableTarget
                    Properties:
                      ServiceNamespace: ecs
                      ScalableDimension: ecs:service:DesiredCount
                      ResourceId: !Sub service/${Cluster}/${Dynamic.Name}
                      MinCapacity: 1
                      MaxCapacity: 4
                """, caption: "A custom resource that returns the running count (as AWS Copilot deploys) keeps auto scaling's choice."),
            .valid(
                "plan.json",
                """
                {
                  "format_version": "1.2",
                  "planned_values": {
                    "root_module": {
                      "resources": [
                        {
                          "address": "aws_ecs_service.web",
                          "type": "aws_ecs_service",
                          "name": "web",
                          "values": {"name": "web", "cluster": "prod", "task_definition": "web:7", "desired_count": 3}
                        },
                        {
                          "address": "aws_appautoscaling_target.web",
                          "type": "aws_appautoscaling_target",
                          "name": "web",
                          "values": {"service_namespace": "ecs", "resource_id": "service/prod/web", "scalable_dimension": "ecs:service:DesiredCount", "min_capacity": 2, "max_capacity": 6}
                        }
                      ]
                    }
                  }
                }
                """),
        ], fixes: [.safe, .unsafe])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for view in context.project.serviceViews {
            let service = view.service
            // Terraform that ignores changes to desired_count sets it only when it creates the
            // service: auto scaling owns it from then on, as intended.
            if service.ignoresChanges(to: "desired_count") { continue }
            let count = service.desiredCount.value
            let isCloudFormation = service.origin.cloudFormationLogicalId != nil
            // A count from a template parameter (`!Ref DesiredCount`) is sent again on every stack
            // update all the same. Other unknown counts may be exactly the fix, such as Copilot's
            // custom resource that returns the running count, and are not judged.
            let parameter = isCloudFormation ? Self.parameter(setting: service, in: context.project) : nil
            guard count != nil || parameter != nil else { continue }
            let targets = view.scalableTargets
            guard let first = targets.first else { continue }
            let name = ServiceFacts.describe(service)
            var reported = false
            for target in targets {
                guard let count else { break }
                if let minimum = target.minCapacity.value, count < minimum {
                    violations.append(
                        Violation(
                            "\(name) sets desiredCount \(count) below its scalable target's MinCapacity \(minimum): Application Auto Scaling raises the count to \(minimum) as soon as the target is registered or updated, so the written count never holds; \(fix(service, range: target))",
                            at: service.desiredCount.location,
                            related: [RelatedLocation(target.minCapacity.location, "the scalable target's MinCapacity")],
                            fix: Self.fix(service, count: minimum)))
                    reported = true
                    break
                }
                if let maximum = target.maxCapacity.value, count > maximum {
                    violations.append(
                        Violation(
                            "\(name) sets desiredCount \(count) above its scalable target's MaxCapacity \(maximum): Application Auto Scaling lowers the count to \(maximum) as soon as the target is registered or updated, so the written count never holds; \(fix(service, range: target))",
                            at: service.desiredCount.location,
                            related: [RelatedLocation(target.maxCapacity.location, "the scalable target's MaxCapacity")],
                            fix: Self.fix(service, count: maximum)))
                    reported = true
                    break
                }
            }
            if !reported, isCloudFormation {
                let written: String
                let resetTo: String
                if let count {
                    written = "DesiredCount \(count)"
                    resetTo = "\(count)"
                } else {
                    written = "DesiredCount from parameter \(parameter ?? "")"
                    resetTo = "the parameter's value"
                }
                violations.append(
                    Violation(
                        "\(name) sets \(written) although a scalable target manages its count: every stack update that touches the service resets the running count to \(resetTo), undoing auto scaling (a busy service can be scaled in mid-deployment); remove DesiredCount and let the scalable target's MinCapacity set the floor",
                        at: service.desiredCount.location,
                        related: [RelatedLocation(first.location, "the scalable target that manages the count")],
                        fix: Self.removal(service)))
            }
        }
        return violations
    }

    /// Outside CloudFormation, the count auto scaling moves it to, written down: what runs stays
    /// the same. In CloudFormation, the count goes (see `removal`).
    static func fix(_ service: Service, count: Int) -> Fix? {
        if service.origin.cloudFormationLogicalId != nil { return removal(service) }
        guard let node = service.desiredCount.node else { return nil }
        return Fix(
            "Set desiredCount to \(count), the count auto scaling keeps", safety: .safe,
            edits: [.replace(node, with: .scalar(String(count), like: node), in: service.path)])
    }

    /// Removes DesiredCount from a CloudFormation service. Unsafe: a new service then starts with
    /// one task until auto scaling raises it to MinCapacity.
    static func removal(_ service: Service) -> Fix? {
        let object = service.reader.node
        guard let index = object.entries?.lastIndex(where: { $0.name == "DesiredCount" }) else { return nil }
        return Fix(
            "Remove DesiredCount and let auto scaling manage the count", safety: .unsafe,
            edits: [FixEdit(path: service.path, .removeEntry(at: index, of: object))])
    }

    /// The template parameter a service's unresolved DesiredCount is exactly.
    static func parameter(setting service: Service, in project: ProjectModel) -> String? {
        guard service.desiredCount.isUnresolved, let node = service.desiredCount.node,
            let name = Intrinsic(node)?.wholeReference,
            project.document(containing: service.desiredCount.location)?.root["Parameters"]?[name] != nil
        else { return nil }
        return name
    }

    private func fix(_ service: Service, range target: ScalableTarget) -> String {
        if service.origin.cloudFormationLogicalId != nil {
            return "remove DesiredCount (every stack update would also reset the count) and let the scalable target manage it"
        }
        let bounds = [target.minCapacity.value.map { "\($0)" } ?? "min", target.maxCapacity.value.map { "\($0)" } ?? "max"]
        return "set desiredCount within [\(bounds[0]), \(bounds[1])] or change the scalable target's capacity"
    }
}
