import Linter

/// Every built-in rule, sorted by id. A test checks that each rule file is registered here.
public enum BuiltinRules {
    public static let all: [any Rule] = [
        ImageLatestTagRule(),
        ImageMutableTagRule(),
        ImageExpirableRule(),
        ImageDigestExpirableRule(),
        ImageReferenceInvalidRule(),
        VersionConsistencyDisabledRule(),
        LifecyclePolicyInvalidRule(),
        LifecycleRuleUnreachableRule(),
        LifecycleCatchAllCountRule(),
        StableTagNotProtectedRule(),
        RepositoryMutableTagsRule(),
        HealthCheckMissingRule(),
        HealthCheckInvalidRule(),
        DependsOnInvalidRule(),
        NoEssentialContainerRule(),
        LogConfigurationMissingRule(),
        SecretInEnvironmentRule(),
        FargateInvalidSizeRule(),
        FargateIncompatibleRule(),
        ContainerResourcesExceedTaskRule(),
        DuplicateContainerNameRule(),
        PortMappingConflictRule(),
        ExecutionRoleMissingRule(),
        AwslogsGroupInvalidRule(),
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
