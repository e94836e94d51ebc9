import LinterCore

/// Three-valued facts about services shared by the ECS4xx rules. Every helper answers `nil`
/// ("unknown") when an intrinsic, a template placeholder or a conditional element is involved,
/// so that rules never report on values that cannot be known statically.
enum ServiceFacts {
    /// Whether a list field (load balancers, registries, strategies…) holds at least one entry.
    enum ListState: Equatable {
        case empty
        case nonEmpty
        case unknown
    }

    static func unwrap(_ node: Node) -> Node {
        if case .tagged(let tag, let inner) = node.kind, tag.hasPrefix("!!") { return inner }
        return node
    }

    static func listState(_ field: Field<Node>) -> ListState {
        switch field.state {
        case .absent:
            return .empty
        case .unresolved:
            return .unknown
        case .present(let raw):
            let node = unwrap(raw)
            if node.isNull { return .empty }
            if let elements = node.elements {
                if elements.isEmpty { return .empty }
                if elements.contains(where: { unwrap($0).entries != nil && !ValueKind.isUnresolved($0) }) {
                    return .nonEmpty
                }
                // Only conditional elements (`!If [C, {...}, !Ref AWS::NoValue]`): may be empty.
                return .unknown
            }
            if node.entries != nil { return .nonEmpty }
            return .unknown
        }
    }

    /// True when a list node is written with no intrinsic element (its elements are all known).
    static func hasOnlyKnownElements(_ node: Node?) -> Bool {
        guard let node else { return true }
        if ValueKind.isUnresolved(node) { return false }
        guard let elements = unwrap(node).elements else { return true }
        return !elements.contains(where: ValueKind.isUnresolved)
    }

    /// `REPLICA` unless written otherwise; nil when unresolved.
    static func schedulingStrategy(_ service: Service) -> String? {
        service.schedulingStrategy.value(default: "REPLICA")?.uppercased()
    }

    /// `deploymentConfiguration.strategy` (`ROLLING` by default); nil when unresolved.
    static func deploymentStrategy(_ service: Service) -> String? {
        guard let deployment = service.reader.object("deploymentConfiguration") else { return "ROLLING" }
        return deployment.string("strategy").value(default: "ROLLING")?.uppercased()
    }

    /// True when the service uses the ECS deployment controller with rolling updates of a
    /// replica service: the only case where the circuit breaker and the min/max percent
    /// arithmetic apply as documented. False or nil (unknown) otherwise.
    static func isRollingReplica(_ service: Service) -> Bool? {
        guard let controller = service.effectiveDeploymentController,
            let scheduling = schedulingStrategy(service), let strategy = deploymentStrategy(service)
        else { return nil }
        return controller == "ECS" && scheduling == "REPLICA" && strategy == "ROLLING"
    }

    /// Keys only `CreateService`/`UpdateService` accept; `RunTask` input shares the others
    /// (`cluster`, `taskDefinition`, `launchType`, `networkConfiguration`, …).
    static let serviceOnlyKeys = [
        "serviceName", "service", "desiredCount", "deploymentConfiguration", "deploymentController", "loadBalancers",
        "healthCheckGracePeriodSeconds", "schedulingStrategy", "serviceRegistries", "serviceConnectConfiguration",
        "vpcLatticeConfigurations", "availabilityZoneRebalancing", "forceNewDeployment", "role",
    ]

    /// False for API input that could as well be a `RunTask` request (`runtask.json` with only
    /// `cluster`, `taskDefinition`, `launchType` and `networkConfiguration`): no service-only key
    /// and no ecspresso config naming the file. Rules that report a *missing* service setting
    /// use this so that they do not report on documents that are not services.
    static func isEvidentlyService(_ service: Service, in project: ProjectModel) -> Bool {
        guard service.origin == .apiInput else { return true }
        if serviceOnlyKeys.contains(where: { service.reader.entry($0) != nil }) { return true }
        return project.ecspressoConfigs.contains { config in
            config.serviceDefinition.value.map(config.resolve) == service.path
        }
    }

    /// True when every container of the task definition is known by name: the list is written
    /// without intrinsics and parsed, and each container has a literal name.
    static func containersFullyKnown(_ taskDefinition: TaskDefinition) -> Bool {
        let field = taskDefinition.containerDefinitionsField
        if field.isUnresolved || taskDefinition.containers.isEmpty { return false }
        if let node = field.node, unwrap(node).elements != nil, !hasOnlyKnownElements(node) { return false }
        return taskDefinition.containers.allSatisfy { $0.name.isPresent }
    }

    /// The place to point at for "this task definition": its `containerDefinitions` key when
    /// written, else the task definition object.
    static func containerListLocation(_ taskDefinition: TaskDefinition) -> Location {
        taskDefinition.containerDefinitionsField.keyLocation ?? taskDefinition.location
    }

    /// A field's key when written (a whole object is best pointed at by its key), else its location.
    static func anchor<Value>(_ field: Field<Value>) -> Location {
        field.keyLocation ?? field.location
    }

    /// "task definition 'web'" or "task definition 'template.yaml'" for messages.
    static func describe(_ taskDefinition: TaskDefinition) -> String {
        "task definition '\(taskDefinition.displayName)'"
    }

    static func describe(_ service: Service) -> String {
        "service '\(service.displayName)'"
    }
}
