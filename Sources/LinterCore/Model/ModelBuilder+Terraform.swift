/// Terraform plans (`terraform show -json`): snake_case attributes, nested blocks as lists, and
/// JSON held in strings (`container_definitions`, `policy`).
extension ModelBuilder {
    func buildTerraform(_ root: Node, into document: inout ModelDocument) {
        var modules: [Node] = []
        if let module = root["planned_values"]?["root_module"] { modules.append(module) }
        if let module = root["values"]?["root_module"] { modules.append(module) }
        var seenAddresses: Set<String> = []
        while let module = modules.popLast() {
            for child in module["child_modules"]?.elements ?? [] { modules.append(child) }
            for resource in module["resources"]?.elements ?? [] {
                guard let type = resource["type"].flatMap(ObjectReader.stringValue),
                    let values = resource["values"], values.entries != nil
                else { continue }
                let address = resource["address"].flatMap(ObjectReader.stringValue) ?? type
                guard seenAddresses.insert(address).inserted else { continue }
                terraformResource(type: type, address: address, values: values, into: &document)
            }
        }
    }

    func terraformResource(
        type: String, address: String, values: Node, into document: inout ModelDocument, origin: ResourceOrigin? = nil
    ) {
        let reader = ObjectReader(node: values, path: path, style: .snake)
        let origin = origin ?? ResourceOrigin.terraform(address: address)
        switch type {
        case "aws_ecs_task_definition":
            var containerReaders: [ObjectReader] = []
            let listField = reader.nodeField("containerDefinitions")
            if let node = listField.node, listField.isPresent,
                let inner = embedded(node, what: "container_definitions", document: &document)
            {
                containerReaders = (inner.elements ?? []).compactMap {
                    $0.entries == nil ? nil : ObjectReader(node: $0, path: path, style: .camel)
                }
            }
            document.taskDefinitions.append(
                taskDefinition(
                    reader, origin: origin, document: &document, containerReaders: containerReaders,
                    containerListField: listField))
        case "aws_ecs_service":
            document.services.append(terraformService(reader, origin: origin))
        case "aws_ecr_repository":
            document.repositories.append(repository(reader, origin: origin, keys: .terraform))
        case "aws_ecr_lifecycle_policy":
            if var policy = embeddedPolicy(
                reader.string("policy"), origin: origin, repositoryName: reader.string("repository"),
                document: &document)
            {
                policy.registry = ECRRegistry.from(registryId: reader.string("registryId").value, uri: nil, arn: nil)
                document.lifecyclePolicies.append(policy)
            }
        case "aws_appautoscaling_target":
            let resourceId = reader.string("resourceId")
            document.scalableTargets.append(
                ScalableTarget(.init(
                    reader: reader, origin: origin, resourceId: reader.nodeField("resourceId"),
                    serviceNamespace: reader.string("serviceNamespace"), minCapacity: reader.int("minCapacity"),
                    maxCapacity: reader.int("maxCapacity"), serviceLogicalId: nil, referencesServiceByRef: false,
                    serviceRefLocation: nil,
                    literalServiceName: resourceId.value?.split(separator: "/").last.map(String.init))))
        default:
            break
        }
    }

    func terraformService(_ reader: ObjectReader, origin: ResourceOrigin) -> Service {
        let breaker = reader.object("deploymentCircuitBreaker")
        let breakerField = reader.nodeField("deploymentCircuitBreaker")
        // A breaker written as a `dynamic` block whose `for_each` is unknown may exist.
        let unsetBreaker: Field<Bool> = breakerField.isUnresolved
            ? Field(state: .unresolved, location: breakerField.location) : .absent(in: reader.location)
        let loadBalancers = reader.objects("loadBalancer").map { lb in
            var balancer = ServiceLoadBalancer(reader: lb)
            balancer.loadBalancerName = lb.string("elbName")
            return balancer
        }
        return Service(.init(
            reader: reader, origin: origin, name: reader.string("name"), cluster: reader.string("cluster"),
            taskDefinition: reader.string("taskDefinition"), taskDefinitionLogicalId: nil,
            desiredCount: reader.int("desiredCount"), launchType: reader.string("launchType"),
            capacityProviderStrategy: reader.nodeField("capacityProviderStrategy"),
            platformVersion: reader.string("platformVersion"), schedulingStrategy: reader.string("schedulingStrategy"),
            deploymentControllerType: reader.object("deploymentController")?.string("type")
                ?? .absent(in: reader.location),
            maximumPercent: reader.int("deploymentMaximumPercent"),
            minimumHealthyPercent: reader.int("deploymentMinimumHealthyPercent"),
            deploymentConfiguration: reader.nodeField("deploymentCircuitBreaker"),
            circuitBreakerEnable: breaker?.bool("enable") ?? unsetBreaker,
            circuitBreakerRollback: breaker?.bool("rollback") ?? unsetBreaker,
            circuitBreaker: reader.nodeField("deploymentCircuitBreaker"),
            loadBalancers: loadBalancers, loadBalancersField: reader.nodeField("loadBalancer"),
            networkConfiguration: reader.nodeField("networkConfiguration"),
            healthCheckGracePeriodSeconds: reader.int("healthCheckGracePeriodSeconds"),
            serviceRegistries: reader.nodeField("serviceRegistries")))
    }
}
