/// An ECS service, normalized from any input shape.
@dynamicMemberLookup
public struct Service: CopyOnWriteFields, Sendable {
    public struct Fields: Sendable {
        public var reader: ObjectReader
        public var origin: ResourceOrigin
        public var name: Field<String>
        public var cluster: Field<String>
        /// The task definition reference as written (family, family:revision, ARN, or an intrinsic).
        public var taskDefinition: Field<String>
        /// A CloudFormation `Ref`/`GetAtt` to a task definition resource in the same template.
        public var taskDefinitionLogicalId: String?
        public var desiredCount: Field<Int>
        public var launchType: Field<String>
        public var capacityProviderStrategy: Field<Node>
        public var platformVersion: Field<String>
        public var schedulingStrategy: Field<String>
        public var deploymentControllerType: Field<String>
        public var maximumPercent: Field<Int>
        public var minimumHealthyPercent: Field<Int>
        public var deploymentConfiguration: Field<Node>
        public var circuitBreakerEnable: Field<Bool>
        public var circuitBreakerRollback: Field<Bool>
        public var circuitBreaker: Field<Node>
        public var loadBalancers: [ServiceLoadBalancer]
        public var loadBalancersField: Field<Node>
        public var networkConfiguration: Field<Node>
        public var healthCheckGracePeriodSeconds: Field<Int>
        public var serviceRegistries: Field<Node>
        /// Set by the ecspresso loader: the task definition file the config pairs this service with.
        public var linkedTaskDefinitionPath: String?
        /// Terraform `lifecycle { ignore_changes = [...] }`: the arguments Terraform leaves to
        /// others (`task_definition` deployed by a pipeline, `desired_count` set by auto scaling),
        /// or `all`.
        public var ignoredChanges: Set<String> = []
    }

    public var storage: CopyOnWrite<Fields>

    init(_ fields: Fields) { storage = CopyOnWrite(fields) }

    public var location: Location { self.reader.location }
    public var path: String { self.reader.path }

    public var displayName: String { self.origin.displayName(named: self.name.value, path: path) }

    /// Whether Terraform leaves the argument `name` (snake_case) to others after creating the service.
    public func ignoresChanges(to name: String) -> Bool {
        self.ignoredChanges.contains(name) || self.ignoredChanges.contains("all")
    }

    /// ECS unless written otherwise; nil when unresolved.
    public var effectiveDeploymentController: String? { self.deploymentControllerType.value(default: "ECS")?.uppercased() }
}

public struct ServiceLoadBalancer: Sendable {
    public var reader: ObjectReader
    public var containerName: Field<String>
    public var containerPort: Field<Int>
    public var targetGroupArn: Field<String>
    public var loadBalancerName: Field<String>

    public var location: Location { reader.location }

    init(reader: ObjectReader) {
        self.reader = reader
        containerName = reader.string("containerName")
        containerPort = reader.int("containerPort")
        targetGroupArn = reader.string("targetGroupArn")
        loadBalancerName = reader.string("loadBalancerName")
    }
}
