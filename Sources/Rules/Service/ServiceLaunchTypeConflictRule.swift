import LinterCore

/// `service-launch-type-conflict`: `launchType` together with `capacityProviderStrategy`.
public struct ServiceLaunchTypeConflictRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS406", name: "service-launch-type-conflict",
        summary: "A service sets both launchType and capacityProviderStrategy, which are mutually exclusive.",
        rationale: """
            A service is placed either by a launch type (`EC2`, `FARGATE`, `EXTERNAL`, `MANAGED_INSTANCES`) or \
            by a capacity provider strategy (for example `FARGATE` and `FARGATE_SPOT`), never both. ECS rejects \
            a request that specifies both ("Specifying both a launch type and capacity provider strategy is not \
            supported"), so the service create or update, and the stack update, fails. When neither is given \
            the cluster's default capacity provider strategy applies.

            Keep one: remove `launchType` to use the capacity providers, or remove `capacityProviderStrategy`. \
            Unresolved values (for example an `Fn::If` that may yield `AWS::NoValue`) and empty strategies are \
            not reported.
            """,
        defaultSeverity: .error, category: .correctness, tags: ["service", "capacity-provider", "launch-type"],
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html#ECS-CreateService-request-capacityProviderStrategy"
        ],
        examples: [
            .invalid(
                "service.json",
                """
                {
                  "serviceName": "web",
                  "taskDefinition": "web:7",
                  "launchType": ↓"FARGATE",
                  "capacityProviderStrategy": [
                    {"capacityProvider": "FARGATE", "base": 1, "weight": 1},
                    {"capacityProvider": "FARGATE_SPOT", "weight": 3}
                  ]
                }
                """),
            .invalid(
                "template.yaml",
                """
                Resources:
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                      LaunchType: ↓EC2
                      CapacityProviderStrategy:
                        - CapacityProvider: !Ref CapacityProvider
                          Weight: 1
                """),
            .valid(
                "service.json",
                """
                {
                  "serviceName": "web",
                  "taskDefinition": "web:7",
                  "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]
                }
                """),
            .valid(
                "template.yaml",
                """
                Conditions:
                  UseSpot: !Equals [!Ref AWS::Region, us-east-1]
                Resources:
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                      LaunchType: !If [UseSpot, !Ref AWS::NoValue, FARGATE]
                      CapacityProviderStrategy: !If
                        - UseSpot
                        - - CapacityProvider: FARGATE_SPOT
                            Weight: 1
                        - !Ref AWS::NoValue
                  Plain:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                      LaunchType: FARGATE
                """),
        ])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for service in context.project.services {
            guard let launchType = service.launchType.value, !launchType.isEmpty,
                ServiceFacts.listState(service.capacityProviderStrategy) == .nonEmpty
            else { continue }
            violations.append(
                Violation(
                    "\(ServiceFacts.describe(service)) sets launchType '\(launchType)' and a capacityProviderStrategy: the two are mutually exclusive and ECS rejects the service create or update; remove launchType to place tasks with the capacity providers, or remove capacityProviderStrategy",
                    at: service.launchType.location,
                    related: [
                        RelatedLocation(ServiceFacts.anchor(service.capacityProviderStrategy), "capacityProviderStrategy")
                    ]))
        }
        return violations
    }
}
