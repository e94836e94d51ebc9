import Linter

/// Every built-in rule, sorted by id. A test checks that each rule file is registered here.
public enum BuiltinRules {
    public static let all: [any Rule] = [
        ImageLatestTagRule(),
        ServiceLoadBalancerMismatchRule(),
        ServiceCircuitBreakerDisabledRule(),
        ServiceDeploymentStuckRule(),
        ServiceGracePeriodWithoutLoadBalancerRule(),
        ServiceNetworkConfigurationRule(),
        ServiceLaunchTypeConflictRule(),
        ServiceDesiredCountAutoscalingRule(),
        AutoscalingResourceIdUsesRefRule(),
    ]
}
