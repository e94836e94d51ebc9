import LinterCore

/// `autoscaling-resource-id-uses-ref`: a scalable target whose ResourceId is built from the
/// service's ARN (`Ref`) instead of its name.
public struct AutoscalingResourceIdUsesRefRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS408", name: "autoscaling-resource-id-uses-ref",
        summary: "A CloudFormation scalable target builds its ResourceId with `Ref` to an ECS service, which yields the service ARN instead of its name.",
        rationale: """
            The `ResourceId` of an ECS scalable target is `service/<cluster-name>/<service-name>`. For an \
            `AWS::ECS::Service`, `!Ref Service` (and `${Service}` in `!Sub`) returns the service ARN, not its \
            name, so the id becomes `service/prod/arn:aws:ecs:…:service/prod/web`: registering the target \
            fails, or auto scaling silently never manages the service, depending on when the ARN format is \
            validated.

            Use `!GetAtt Service.Name` (or `${Service.Name}` in `!Sub`): \
            `!Sub service/${Cluster}/${Service.Name}`.
            """,
        defaultSeverity: .error, category: .correctness, tags: ["auto-scaling", "cloudformation"],
        references: [
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-service.html#aws-resource-ecs-service-return-values",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-applicationautoscaling-scalabletarget.html",
        ],
        examples: [
            .invalid(
                "template.yaml",
                """
                Resources:
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                  ScalableTarget:
                    Type: AWS::ApplicationAutoScaling::ScalableTarget
                    Properties:
                      ServiceNamespace: ecs
                      ScalableDimension: ecs:service:DesiredCount
                      ResourceId: !Sub ↓service/${Cluster}/${Service}
                      MinCapacity: 1
                      MaxCapacity: 4
                  JoinedTarget:
                    Type: AWS::ApplicationAutoScaling::ScalableTarget
                    Properties:
                      ServiceNamespace: ecs
                      ScalableDimension: ecs:service:DesiredCount
                      ResourceId: !Join ["/", [service, !Ref Cluster, ↓!Ref Service]]
                      MinCapacity: 1
                      MaxCapacity: 4
                """,
                fixed: """
                    Resources:
                      Service:
                        Type: AWS::ECS::Service
                        Properties:
                          TaskDefinition: !Ref TaskDefinition
                      ScalableTarget:
                        Type: AWS::ApplicationAutoScaling::ScalableTarget
                        Properties:
                          ServiceNamespace: ecs
                          ScalableDimension: ecs:service:DesiredCount
                          ResourceId: !Sub service/${Cluster}/${Service.Name}
                          MinCapacity: 1
                          MaxCapacity: 4
                      JoinedTarget:
                        Type: AWS::ApplicationAutoScaling::ScalableTarget
                        Properties:
                          ServiceNamespace: ecs
                          ScalableDimension: ecs:service:DesiredCount
                          ResourceId: !Join ["/", [service, !Ref Cluster, !GetAtt Service.Name]]
                          MinCapacity: 1
                          MaxCapacity: 4
                    """),
            .invalid(
                "template.json",
                """
                {
                  "Resources": {
                    "Service": {"Type": "AWS::ECS::Service", "Properties": {"TaskDefinition": {"Ref": "TaskDefinition"}}},
                    "ScalableTarget": {
                      "Type": "AWS::ApplicationAutoScaling::ScalableTarget",
                      "Properties": {
                        "ServiceNamespace": "ecs",
                        "ScalableDimension": "ecs:service:DesiredCount",
                        "ResourceId": {"Fn::Join": ["/", ["service", {"Ref": "Cluster"}, ↓{"Ref": "Service"}]]},
                        "MinCapacity": 1,
                        "MaxCapacity": 4
                      }
                    }
                  }
                }
                """,
                fixed: """
                    {
                      "Resources": {
                        "Service": {"Type": "AWS::ECS::Service", "Properties": {"TaskDefinition": {"Ref": "TaskDefinition"}}},
                        "ScalableTarget": {
                          "Type": "AWS::ApplicationAutoScaling::ScalableTarget",
                          "Properties": {
                            "ServiceNamespace": "ecs",
                            "ScalableDimension": "ecs:service:DesiredCount",
                            "ResourceId": {"Fn::Join": ["/", ["service", {"Ref": "Cluster"}, {"Fn::GetAtt": ["Service", "Name"]}]]},
                            "MinCapacity": 1,
                            "MaxCapacity": 4
                          }
                        }
                      }
                    }
                    """, caption: "CloudFormation JSON."),
            .valid(
                "template.yaml",
                """
                Resources:
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                  ScalableTarget:
                    Type: AWS::ApplicationAutoScaling::ScalableTarget
                    Properties:
                      ServiceNamespace: ecs
                      ScalableDimension: ecs:service:DesiredCount
                      ResourceId: !Sub service/${Cluster}/${Service.Name}
                      MinCapacity: 1
                      MaxCapacity: 4
                  JoinedTarget:
                    Type: AWS::ApplicationAutoScaling::ScalableTarget
                    Properties:
                      ServiceNamespace: ecs
                      ScalableDimension: ecs:service:DesiredCount
                      ResourceId: !Join ["/", [service, !Ref Cluster, !GetAtt Service.Name]]
                      MinCapacity: 1
                      MaxCapacity: 4
                """),
            .valid(
                "template.json",
                """
                {
                  "Resources": {
                    "Service": {"Type": "AWS::ECS::Service", "Properties": {"TaskDefinition": {"Ref": "TaskDefinition"}}},
                    "ScalableTarget": {
                      "Type": "AWS::ApplicationAutoScaling::ScalableTarget",
                      "Properties": {
                        "ServiceNamespace": "ecs",
                        "ScalableDimension": "ecs:service:DesiredCount",
                        "ResourceId": {"Fn::Sub": ["service/${Cluster}/${Service}", {"Service": {"Fn::GetAtt": ["Service", "Name"]}}]},
                        "MinCapacity": 1,
                        "MaxCapacity": 4
                      }
                    }
                  }
                }
                """, caption: "A Sub variable named like the service shadows it."),
        ], fixes: [.safe])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for target in context.project.scalableTargets where target.referencesServiceByRef {
            guard let location = target.serviceRefLocation, let service = target.serviceLogicalId,
                !Self.isShadowedBySubVariable(service, in: target)
            else { continue }
            violations.append(
                Violation(
                    "the scalable target's ResourceId uses Ref to service '\(service)', which is the service ARN, not its name: the id becomes service/<cluster>/arn:aws:ecs:…, so registering the target fails or auto scaling never manages the service; use !GetAtt \(service).Name (or ${\(service).Name} in !Sub)",
                    at: location, fix: Self.fix(service, at: location, in: target)))
        }
        return violations
    }

    /// `!Ref Service` becomes `!GetAtt Service.Name`, `{"Ref": "Service"}` becomes
    /// `{"Fn::GetAtt": ["Service", "Name"]}` (in the form the file writes), and `${Service}` in a
    /// `!Sub` template becomes `${Service.Name}`.
    static func fix(_ service: String, at location: Location, in target: ScalableTarget) -> Fix? {
        guard let resourceId = target.resourceId.node else { return nil }
        var anchor: Node?
        resourceId.forEachNode { node in
            if anchor == nil && node.range == location.range { anchor = node }
        }
        guard let node = anchor else { return nil }
        if let intrinsic = Intrinsic(node), intrinsic.refTarget == service {
            let edits: [FixEdit]
            if node.tag != nil {
                edits = [.replace(node, with: .tagged("!GetAtt", .string(service + ".Name")), in: location.path)]
            } else if let entry = node.entries?.first {
                edits = [
                    .replace(entry.key, with: .string("Fn::GetAtt"), in: location.path),
                    .replace(entry.value, with: .array([.string(service), .string("Name")]), in: location.path),
                ]
            } else {
                return nil
            }
            return Fix("Use GetAtt \(service).Name instead of Ref \(service)", safety: .safe, edits: edits)
        }
        // The argument of a `Fn::Sub`: its template string, alone or first in a list.
        guard let template = node.string != nil ? node : node.elements?.first, template.string != nil else { return nil }
        return Fix(
            "Replace ${\(service)} with ${\(service).Name}", safety: .safe,
            edits: [FixEdit(path: location.path, .replaceInString(template, text: "${\(service)}", with: "${\(service).Name}"))])
    }

    /// `!Sub ["…${Service}…", {Service: …}]`: the variable map defines the name, so the
    /// placeholder is not a reference to the resource.
    static func isShadowedBySubVariable(_ name: String, in target: ScalableTarget) -> Bool {
        guard let node = target.resourceId.node else { return false }
        var shadowed = false
        node.forEachNode { candidate in
            guard let intrinsic = Intrinsic(candidate), intrinsic.name == "Fn::Sub",
                let elements = intrinsic.argument.elements, elements.count == 2,
                elements[1].entries?.contains(where: { $0.name == name }) == true
            else { return }
            shadowed = true
        }
        return shadowed
    }
}
