/// What a parsed document is, decided by its shape. File names never decide alone.
public enum DocumentKind: String, Sendable, Hashable, CaseIterable {
    case taskDefinition = "task-definition"
    case taskDefinitionDescription = "describe-task-definition"
    case service = "service"
    case serviceDescriptions = "describe-services"
    case lifecyclePolicy = "lifecycle-policy"
    case lifecyclePolicyOutput = "get-lifecycle-policy"
    case repository = "repository"
    case repositoryDescriptions = "describe-repositories"
    case cloudFormation = "cloudformation"
    case ecspressoConfig = "ecspresso-config"
    case terraformPlan = "terraform-plan"
    /// Terraform source (`*.tf`): the resources of one file, evaluated with its module.
    case terraformSource = "terraform"
    /// A bare list of container definitions, as Terraform's `file()` and `templatefile()` read
    /// for `container_definitions`.
    case containerDefinitions = "container-definitions"
    case unknown = "unknown"

    static let serviceKeys: Set<String> = [
        "serviceName", "cluster", "loadBalancers", "desiredCount", "launchType", "deploymentConfiguration",
        "networkConfiguration", "capacityProviderStrategy", "schedulingStrategy", "platformVersion",
        "healthCheckGracePeriodSeconds", "deploymentController", "serviceRegistries", "enableExecuteCommand",
        "propagateTags", "enableECSManagedTags", "placementStrategy", "placementConstraints",
        "serviceConnectConfiguration", "forceNewDeployment", "volumeConfigurations", "availabilityZoneRebalancing",
    ]

    /// Keys only `CreateService`/`UpdateService` accept. `RunTask`/`StartTask` input shares the
    /// other service keys (`cluster`, `launchType`, `networkConfiguration`, …).
    static let serviceOnlyKeys: Set<String> = [
        "serviceName", "service", "desiredCount", "deploymentConfiguration", "deploymentController", "loadBalancers",
        "healthCheckGracePeriodSeconds", "schedulingStrategy", "serviceRegistries", "serviceConnectConfiguration",
        "vpcLatticeConfigurations", "availabilityZoneRebalancing", "forceNewDeployment", "role",
    ]

    /// Keys of `RunTask`/`StartTask` input that a service request never has.
    static let taskLaunchKeys: Set<String> = ["count", "overrides", "startedBy", "group", "containerInstances", "referenceId"]

    /// Classifies one document by its keys.
    public static func detect(_ root: Node, path: String) -> DocumentKind {
        if let elements = root.elements {
            return isContainerDefinitionList(elements) ? .containerDefinitions : .unknown
        }
        guard root.entries != nil else { return .unknown }
        if root["AWSTemplateFormatVersion"] != nil { return .cloudFormation }
        if let resources = root["Resources"]?.entries, resources.contains(where: { entry in
            entry.value["Type"].flatMap(ObjectReader.stringValue)?.contains("::") ?? false
        }) {
            return .cloudFormation
        }
        if root["format_version"] != nil,
            root["planned_values"] != nil || root["values"] != nil || root["resource_changes"] != nil
        {
            return .terraformPlan
        }
        if let inner = root["taskDefinition"], inner["containerDefinitions"] != nil { return .taskDefinitionDescription }
        if root["containerDefinitions"]?.elements != nil || root["containerDefinitions"].map(ValueKind.isUnresolved) == true {
            return root["taskDefinitionArn"] != nil ? .taskDefinitionDescription : .taskDefinition
        }
        if let services = root["services"]?.elements, !services.isEmpty,
            services.allSatisfy({ $0["serviceName"] != nil || $0["serviceArn"] != nil })
        {
            return .serviceDescriptions
        }
        if let rules = root["rules"]?.elements,
            rules.allSatisfy({ $0["rulePriority"] != nil || $0["selection"] != nil || $0["action"] != nil }),
            rules.isEmpty == false || root.entries?.count == 1
        {
            return .lifecyclePolicy
        }
        if root["lifecyclePolicyText"] != nil { return .lifecyclePolicyOutput }
        if let repositories = root["repositories"]?.elements, !repositories.isEmpty,
            repositories.allSatisfy({ $0["repositoryName"] != nil })
        {
            return .repositoryDescriptions
        }
        if root["repositoryName"] != nil,
            root["imageTagMutability"] != nil || root["imageScanningConfiguration"] != nil
                || root["encryptionConfiguration"] != nil || root["repositoryUri"] != nil
                || root["imageTagMutabilityExclusionFilters"] != nil
        {
            return .repository
        }
        let lower = path.lowercased()
        let fileName = lower.split(separator: "/").last.map(String.init) ?? lower
        if root["task_definition"] != nil || root["service_definition"] != nil {
            if root["cluster"] != nil || root["region"] != nil || root["service"] != nil || fileName.hasPrefix("ecspresso") {
                return .ecspressoConfig
            }
        }
        let keys = Set((root.entries ?? []).compactMap(\.name))
        if !keys.isDisjoint(with: taskLaunchKeys), keys.isDisjoint(with: serviceOnlyKeys) {
            // `runtask.json` / `starttask.json`: runs a task once, is not a service.
            return .unknown
        }
        let serviceKeyCount = keys.intersection(serviceKeys).count
        let namesService = root["serviceName"].flatMap(ObjectReader.stringValue) != nil
            || (root["service"].flatMap(ObjectReader.stringValue) != nil && root["forceNewDeployment"] != nil)
        if serviceKeyCount >= 2 || (namesService && (serviceKeyCount >= 1 || root["taskDefinition"] != nil)) {
            return .service
        }
        return .unknown
    }

    /// Objects that each have a `name` and an `image`: what no other JSON array looks like.
    static func isContainerDefinitionList(_ elements: [Node]) -> Bool {
        !elements.isEmpty && elements.allSatisfy { $0.entries != nil && $0["name"] != nil && $0["image"] != nil }
    }
}
