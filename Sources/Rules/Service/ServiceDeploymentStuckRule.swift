import LinterCore

/// `service-deployment-stuck`: deployment percentages that leave the rolling-update scheduler no
/// room to start or stop a task.
public struct ServiceDeploymentStuckRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS403", name: "service-deployment-stuck",
        summary: "The service's maximumPercent and minimumHealthyPercent leave a rolling deployment unable to start or stop any task.",
        rationale: """
            During a rolling update ECS keeps between `ceil(d × minimumHealthyPercent / 100)` healthy and \
            `floor(d × maximumPercent / 100)` running tasks, for a desired count `d`. To make progress it must \
            be able to start one more task (`maxTasks > d`) or stop one (`minTasks < d`). When neither is \
            possible the deployment never progresses: the service event reads "unable to stop or start tasks \
            during a deployment because of the service deployment configuration" until the deployment times \
            out. Examples: `minimumHealthyPercent: 75` with 2 tasks keeps both, and `maximumPercent: 125` with 3 \
            tasks allows no fourth. The defaults (200 / 100) always work.

            When a scalable target manages the count, the configuration is reported only when it is stuck for \
            every count between its `MinCapacity` and `MaxCapacity`. When `desiredCount` is absent or unresolved (CloudFormation creates 1 task and keeps the current \
            count on updates; ecspresso and auto scaling keep the running count) only configurations that are \
            stuck for every count are reported: `maximumPercent ≤ 100` together with \
            `minimumHealthyPercent ≥ 100`. A `minimumHealthyPercent` at or above `maximumPercent` that the \
            formula does not catch is reported as a warning: the scheduler can never hold the required healthy \
            tasks while replacing one. Only rolling updates of `REPLICA` services with the ECS controller are \
            checked; the CODE_DEPLOY and EXTERNAL controllers, DAEMON services and the blue/green, linear and \
            canary strategies use these values differently.

            Fix: raise `maximumPercent` (200 is the default) or lower `minimumHealthyPercent` (for example to 50).
            """,
        defaultSeverity: .error, category: .correctness, tags: ["service", "deployment"],
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html",
            "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html",
        ],
        examples: [
            .invalid(
                "service.json",
                """
                {
                  "serviceName": "web",
                  "taskDefinition": "web:7",
                  "desiredCount": 3,
                  "deploymentConfiguration": {"maximumPercent": ↓125, "minimumHealthyPercent": 100}
                }
                """),
            .invalid(
                "service.json",
                """
                {
                  "serviceName": "web",
                  "taskDefinition": "web:7",
                  "desiredCount": 2,
                  "deploymentConfiguration": {"maximumPercent": ↓100, "minimumHealthyPercent": 75}
                }
                """, caption: "ceil(2 × 0.75) = 2 tasks must stay healthy and no third may start."),
            .invalid(
                "template.yaml",
                """
                Resources:
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                      DeploymentConfiguration:
                        MaximumPercent: ↓100
                  Scaled:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                      DesiredCount: 4
                      DeploymentConfiguration:
                        MaximumPercent: 150
                        MinimumHealthyPercent: ↓150
                """, caption: "Without DesiredCount only a configuration stuck for every count is reported."),
            .valid(
                "service.json",
                """
                {
                  "serviceName": "web",
                  "taskDefinition": "web:7",
                  "desiredCount": 1,
                  "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 100}
                }
                """),
            .valid(
                "template.yaml",
                """
                Parameters:
                  Count:
                    Type: Number
                Resources:
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                      DesiredCount: !Ref Count
                      DeploymentConfiguration:
                        MaximumPercent: 150
                        MinimumHealthyPercent: 50
                  Drained:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                      DesiredCount: 0
                      DeploymentConfiguration:
                        MaximumPercent: 100
                  BlueGreen:
                    Type: AWS::ECS::Service
                    Properties:
                      DeploymentController:
                        Type: CODE_DEPLOY
                      DeploymentConfiguration:
                        MaximumPercent: 100
                  Scaled:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                      DesiredCount: 1
                      DeploymentConfiguration:
                        MaximumPercent: 150
                  ScalableTarget:
                    Type: AWS::ApplicationAutoScaling::ScalableTarget
                    Properties:
                      ServiceNamespace: ecs
                      ScalableDimension: ecs:service:DesiredCount
                      ResourceId: !Sub service/${Cluster}/${Scaled.Name}
                      MinCapacity: 2
                      MaxCapacity: 10
                """, caption: "With auto scaling the count is at least 2, where 150% allows a third task."),
        ])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for view in context.project.serviceViews {
            let service = view.service
            guard ServiceFacts.isRollingReplica(service) == true,
                let maxPercent = service.maximumPercent.value(default: 200),
                let minPercent = service.minimumHealthyPercent.value(default: 100)
            else { continue }
            let name = ServiceFacts.describe(service)
            let maxField = service.maximumPercent
            let minField = service.minimumHealthyPercent
            let settings = "maximumPercent \(maxPercent)\(maxField.isAbsent ? " (default)" : "") and minimumHealthyPercent \(minPercent)\(minField.isAbsent ? " (default)" : "")"
            let fix = "raise maximumPercent (default 200) or lower minimumHealthyPercent so that ECS can start or stop at least one task"
            func isStuck(_ count: Int) -> Bool {
                let maxTasks = count * maxPercent / 100
                let minTasks = (count * minPercent + 99) / 100
                return !(maxTasks > count || minTasks < count)
            }
            // Auto scaling moves the count anywhere in [MinCapacity, MaxCapacity]: report only a
            // configuration that is stuck for every count it may set.
            let scaledRange = view.scalableTargets.lazy
                .compactMap { target -> ClosedRange<Int>? in
                    guard let low = target.minCapacity.value, let high = target.maxCapacity.value, low <= high, high > 0
                    else { return nil }
                    return max(1, low)...min(high, max(1, low) + 10_000)
                }
                .first
            let hasScalableTarget = !view.scalableTargets.isEmpty
            var stuck = false
            var detail = ""
            if let count = service.desiredCount.value, !hasScalableTarget {
                guard count > 0 else { continue }
                if isStuck(count) {
                    stuck = true
                    detail = "with desiredCount \(count), \(settings) allow at most \(count * maxPercent / 100) running and require at least \((count * minPercent + 99) / 100) healthy tasks"
                }
            } else if let range = scaledRange {
                if range.allSatisfy(isStuck) {
                    stuck = true
                    detail = "for every count auto scaling may set (\(range.lowerBound)–\(range.upperBound)), \(settings) allow no task above the desired count and none below it"
                }
            } else if maxPercent <= 100 && minPercent >= 100 {
                stuck = true
                detail = "\(settings) allow no task above the desired count and no task below it, whatever the count"
            }
            if stuck {
                let anchor: Location
                var related: [RelatedLocation] = []
                if maxField.isPresent {
                    anchor = maxField.location
                    if minField.isPresent { related.append(RelatedLocation(minField.location, "minimumHealthyPercent")) }
                } else if minField.isPresent {
                    anchor = minField.location
                } else {
                    anchor = maxField.location
                }
                if service.desiredCount.isPresent {
                    related.append(RelatedLocation(service.desiredCount.location, "desiredCount"))
                }
                violations.append(
                    Violation(
                        "\(name) cannot be deployed: \(detail), so the scheduler can neither start a new task nor stop an old one and every deployment hangs ('unable to stop or start tasks during a deployment') until it times out; \(fix)",
                        at: anchor, related: related))
            } else if minPercent >= maxPercent {
                let anchor = minField.isPresent ? minField.location : maxField.location
                var related: [RelatedLocation] = []
                if minField.isPresent, maxField.isPresent {
                    related.append(RelatedLocation(maxField.location, "maximumPercent"))
                }
                violations.append(
                    Violation(
                        "\(name) sets minimumHealthyPercent \(minPercent) at or above maximumPercent \(maxPercent): the scheduler can never keep the required healthy tasks while it replaces one, so deployments stall or cannot keep the service available; keep minimumHealthyPercent below maximumPercent (defaults 100 and 200)",
                        at: anchor, related: related, severity: .warning))
            }
        }
        return violations
    }
}
