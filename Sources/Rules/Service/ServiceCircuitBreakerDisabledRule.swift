import LinterCore

/// `service-circuit-breaker-disabled`: a service deployed by the ECS controller without the
/// deployment circuit breaker, or without its rollback.
public struct ServiceCircuitBreakerDisabledRule: BuiltInRule {
    public static let metadata = RuleMetadata(
        id: "ECS402", name: "service-circuit-breaker-disabled",
        summary: "A service deployed by the ECS deployment controller does not enable the deployment circuit breaker with rollback.",
        rationale: """
            Without `deploymentConfiguration.deploymentCircuitBreaker {enable: true, rollback: true}`, a \
            deployment whose tasks never become healthy (a crashing image, a missing secret, a failing health \
            check) keeps launching replacement tasks indefinitely: the service stays IN_PROGRESS, a \
            CloudFormation stack update waits for hours before it fails, and nothing returns the service to the \
            last working revision. With the circuit breaker the deployment is marked FAILED after a bounded \
            number of failed tasks, and with `rollback: true` ECS redeploys the last completed revision.

            Scope: AWS documents that "the deployment circuit breaker can only be used for services using the \
            rolling update (ECS) deployment type". Services using the `CODE_DEPLOY` or `EXTERNAL` controllers \
            are skipped (CodeDeploy or the external tool does the rollback), and so are the ECS controller's \
            `BLUE_GREEN`, `LINEAR` and `CANARY` strategies (they roll back on alarms and lifecycle hooks), \
            services behind a Classic Load Balancer (older API versions did not support the circuit breaker \
            there), and `DAEMON` services, which this rule leaves alone rather than guess. API JSON that could \
            as well be a `RunTask` request (no service-only key such as `serviceName` or `desiredCount`, and no \
            ecspresso config naming it) is not treated as a service. Unresolved values are never reported.
            """,
        defaultSeverity: .warning, category: .reliability, tags: ["service", "deployment", "rollback"],
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html"
        ],
        examples: [
            .invalid(
                "service.json",
                """
                {
                  "serviceName": "web",
                  "taskDefinition": "web:7",
                  "desiredCount": 2,
                  "deploymentConfiguration": {
                    "maximumPercent": 200,
                    "minimumHealthyPercent": 100,
                    "deploymentCircuitBreaker": {"enable": true, "rollback": ↓false}
                  }
                }
                """,
                fixed: """
                    {
                      "serviceName": "web",
                      "taskDefinition": "web:7",
                      "desiredCount": 2,
                      "deploymentConfiguration": {
                        "maximumPercent": 200,
                        "minimumHealthyPercent": 100,
                        "deploymentCircuitBreaker": {"enable": true, "rollback": true}
                      }
                    }
                    """),
            .invalid(
                "service.json",
                """
                ↓{
                  "serviceName": "web",
                  "taskDefinition": "web:7",
                  "desiredCount": 2
                }
                """,
                fixed: """
                    {
                      "serviceName": "web",
                      "taskDefinition": "web:7",
                      "desiredCount": 2,
                      "deploymentConfiguration": {
                        "deploymentCircuitBreaker": {
                          "enable": true,
                          "rollback": true
                        }
                      }
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
                      DeploymentConfiguration:
                        DeploymentCircuitBreaker:
                          Enable: ↓false
                          Rollback: false
                  Worker:
                    Type: AWS::ECS::Service
                    Properties:
                      ↓TaskDefinition: !Ref TaskDefinition
                """,
                fixed: """
                    Resources:
                      Service:
                        Type: AWS::ECS::Service
                        Properties:
                          TaskDefinition: !Ref TaskDefinition
                          DeploymentConfiguration:
                            DeploymentCircuitBreaker:
                              Enable: true
                              Rollback: true
                      Worker:
                        Type: AWS::ECS::Service
                        Properties:
                          TaskDefinition: !Ref TaskDefinition
                          DeploymentConfiguration:
                            DeploymentCircuitBreaker:
                              Enable: true
                              Rollback: true
                    """),
            .valid(
                "service.json",
                """
                {
                  "serviceName": "web",
                  "taskDefinition": "web:7",
                  "deploymentConfiguration": {
                    "deploymentCircuitBreaker": {"enable": true, "rollback": true}
                  }
                }
                """),
            .valid(
                "template.yaml",
                """
                Parameters:
                  Rollback:
                    Type: String
                Resources:
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref TaskDefinition
                      DeploymentConfiguration:
                        DeploymentCircuitBreaker:
                          Enable: true
                          Rollback: !Ref Rollback
                  BlueGreen:
                    Type: AWS::ECS::Service
                    Properties:
                      DeploymentController:
                        Type: CODE_DEPLOY
                  Agent:
                    Type: AWS::ECS::Service
                    Properties:
                      SchedulingStrategy: DAEMON
                  NativeBlueGreen:
                    Type: AWS::ECS::Service
                    Properties:
                      DeploymentConfiguration:
                        Strategy: BLUE_GREEN
                        BakeTimeInMinutes: 5
                """),
            .valid(
                "runtask.json",
                """
                {
                  "cluster": "default",
                  "taskDefinition": "batch:4",
                  "launchType": "FARGATE",
                  "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"]}}
                }
                """, caption: "RunTask input shares its keys with a service; without a service-only key it is not reported."),
        ], fixes: [.unsafe])

    public init() {}

    public func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for service in context.project.services {
            guard ServiceFacts.isRollingReplica(service) == true,
                !service.loadBalancers.contains(where: { !$0.loadBalancerName.isAbsent }),
                ServiceFacts.isEvidentlyService(service, in: context.project)
            else { continue }
            let name = ServiceFacts.describe(service)
            switch service.circuitBreakerEnable.state {
            case .unresolved:
                continue
            case .absent:
                let what = service.circuitBreaker.isAbsent
                    ? "has no deployment circuit breaker" : "does not set deploymentCircuitBreaker.enable"
                violations.append(
                    Violation(
                        "\(name) \(what): a deployment whose tasks never become healthy keeps replacing them indefinitely and is never rolled back; set deploymentConfiguration.deploymentCircuitBreaker to {enable: true, rollback: true}",
                        at: service.circuitBreakerEnable.location, fix: Self.fix(service)))
            case .present(false):
                violations.append(
                    Violation(
                        "\(name) disables the deployment circuit breaker: a deployment whose tasks never become healthy keeps replacing them indefinitely and is never rolled back; set enable: true and rollback: true",
                        at: service.circuitBreakerEnable.location, fix: Self.fix(service)))
            case .present(true):
                switch service.circuitBreakerRollback.state {
                case .present(false):
                    violations.append(
                        Violation(
                            "\(name) enables the deployment circuit breaker without rollback: a failed deployment stops but the service is left on the broken revision instead of returning to the last working one; set rollback: true",
                            at: service.circuitBreakerRollback.location, fix: Self.fix(service)))
                case .absent:
                    violations.append(
                        Violation(
                            "\(name) enables the deployment circuit breaker without setting rollback (both enable and rollback are required): a failed deployment is not rolled back to the last working revision; add rollback: true",
                            at: service.circuitBreakerRollback.location, fix: Self.fix(service)))
                case .present(true), .unresolved:
                    break
                }
            }
        }
        return violations
    }

    /// Sets `enable` and `rollback` of the circuit breaker to true, adding what is missing. Unsafe:
    /// a failing deployment then stops and rolls back instead of retrying.
    static func fix(_ service: Service) -> Fix? {
        var patch = ObjectPatch(service.reader)
        patch.set("deploymentConfiguration.deploymentCircuitBreaker.enable", to: .bool(true))
        patch.set("deploymentConfiguration.deploymentCircuitBreaker.rollback", to: .bool(true))
        return Fix("Enable the deployment circuit breaker with rollback", safety: .unsafe, edits: patch.edits)
    }
}
