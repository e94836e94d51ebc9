/// terraform-aws-modules/ecs: the service submodule (`//modules/service`), and each entry of the
/// root module's `services` map, which the root module passes to that submodule. A service call
/// creates a task definition of its `container_definitions`, a service (unless
/// `create_service = false`) whose `desired_count` the module always leaves to others, and an
/// Application Auto Scaling target (unless `enable_autoscaling = false`).
enum TerraformAWSModulesECSService: TerraformRegistryModule {
    static func matches(_ source: TerraformRegistrySource) -> Bool {
        source.module == "terraform-aws-modules/ecs/aws" && source.subdirectory == "modules/service"
    }

    static func resources(of call: TerraformModuleCall) -> [TerraformModuleResource] {
        TerraformAWSModulesECSServiceResources(call: call, inputs: .arguments(of: call), submodule: "", name: nil).resources()
    }

    static func output(_ name: String, of call: TerraformModuleCall) -> HCLValue? {
        TerraformAWSModulesECSServiceResources(call: call, inputs: .arguments(of: call), submodule: "", name: nil).output(name)
    }
}

/// terraform-aws-modules/ecs, the root module: a cluster, and a service per entry of `services`.
enum TerraformAWSModulesECSRoot: TerraformRegistryModule {
    static func matches(_ source: TerraformRegistrySource) -> Bool {
        source.module == "terraform-aws-modules/ecs/aws" && source.subdirectory.isEmpty
    }

    static func resources(of call: TerraformModuleCall) -> [TerraformModuleResource] {
        guard call.flag("create", default: true) != false, let services = call.input("services")?.members else { return [] }
        return services.flatMap { service -> [TerraformModuleResource] in
            guard let inputs = service.value.members else { return [] }
            let submodule = ".module.service[" + NodeJSONWriter.quoted(service.key) + "]"
            return TerraformAWSModulesECSServiceResources(
                call: call, inputs: TerraformAWSModulesECSServiceInputs(members: inputs), submodule: submodule,
                name: .string(service.key, span: service.keySpan)
            ).resources().map { resource in
                var resource = resource
                resource.address = String(submodule.dropFirst()) + "." + resource.address
                return resource
            }
        }
    }

    static func output(_ name: String, of call: TerraformModuleCall) -> HCLValue? { nil }
}

/// terraform-aws-modules/ecs `//modules/container-definition`: one container definition, read
/// by a caller through `container_definition` (the object) or `container_definition_json`.
enum TerraformAWSModulesECSContainerDefinition: TerraformRegistryModule {
    static func matches(_ source: TerraformRegistrySource) -> Bool {
        source.module == "terraform-aws-modules/ecs/aws" && source.subdirectory == "modules/container-definition"
    }

    static func resources(of call: TerraformModuleCall) -> [TerraformModuleResource] { [] }

    static func output(_ name: String, of call: TerraformModuleCall) -> HCLValue? {
        let members = call.arguments.map { HCLMember(key: $0.key, keySpan: call.argumentNameRanges[$0.key].map { HCLSpan(file: call.file, range: $0) }, value: $0.value) }
        let entry = HCLMember(key: call.input("name")?.string ?? "", keySpan: nil, value: .object(members, span: HCLSpan(file: call.file, range: call.block.range)))
        let family = call.input("operating_system_family", default: .string("LINUX"))
        let settings = TerraformAWSModulesECSContainers.ServiceSettings(
            isLinux: family.string.map { $0 == "LINUX" }, enableExecuteCommand: call.input("enable_execute_command", default: .bool(false)))
        let containers = TerraformAWSModulesECSContainers.containers(
            .object([entry], span: entry.value.span), settings: settings, call: call)
        guard let container = containers.elements?.first ?? (containers.isKnown ? nil : containers) else { return nil }
        switch name {
        case "container_definition": return container
        case "container_definition_json":
            return call.jsonEncoded(container, expression: call.address + ".container_definition_json", limit: call.caller.workspace.evaluationLimits.maxStringLength)
        default: return nil
        }
    }
}

/// The inputs of one service: a service submodule call's arguments, or an entry of the root
/// module's `services` map. Null means the module's default, as its `optional()` and `try()`
/// inputs read it.
struct TerraformAWSModulesECSServiceInputs {
    var members: [String: HCLMember]

    init(members: [HCLMember]) {
        self.members = Dictionary(members.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
    }

    static func arguments(of call: TerraformModuleCall) -> TerraformAWSModulesECSServiceInputs {
        TerraformAWSModulesECSServiceInputs(members: call.arguments.map {
            HCLMember(key: $0.key, keySpan: call.argumentNameRanges[$0.key].map { HCLSpan(file: call.file, range: $0) }, value: $0.value)
        })
    }

    func value(_ name: String) -> HCLValue? {
        guard let member = members[name], !member.value.isNull else { return nil }
        return member.value
    }

    func flag(_ name: String, default value: Bool) -> Bool? {
        guard let given = self.value(name) else { return value }
        return given.bool
    }
}

/// The resources one service of terraform-aws-modules/ecs creates, and its outputs.
struct TerraformAWSModulesECSServiceResources {
    let call: TerraformModuleCall
    let inputs: TerraformAWSModulesECSServiceInputs
    /// `""` for the service submodule called directly, `.module.service["web"]` in the root module.
    let submodule: String
    /// The root module names a service by its key unless the entry sets `name`.
    let name: HCLValue?

    private func input(_ name: String, default kind: HCLValue.Kind) -> HCLValue {
        inputs.value(name) ?? call.moduleDefault(kind)
    }

    /// `name = input` for each written input, keyed at the input.
    private func passed(_ names: [(argument: String, input: String)]) -> [HCLMember] {
        names.compactMap { pair in
            inputs.value(pair.input).map { HCLMember(key: pair.argument, keySpan: inputs.members[pair.input]?.keySpan, value: $0) }
        }
    }

    private func member(_ key: String, _ value: HCLValue, input: String? = nil) -> HCLMember {
        HCLMember(key: key, keySpan: input.flatMap { inputs.members[$0]?.keySpan }, value: value)
    }

    var serviceName: HCLValue { inputs.value("name") ?? name ?? call.moduleDefault(.string("")) }
    var family: HCLValue { inputs.value("family") ?? serviceName }

    func resources() -> [TerraformModuleResource] {
        guard inputs.flag("create", default: true) != false else { return [] }
        var result: [TerraformModuleResource] = []
        if inputs.flag("create_task_definition", default: true) != false { result.append(taskDefinition()) }
        if inputs.flag("create_service", default: true) != false {
            result.append(service())
            if inputs.flag("enable_autoscaling", default: true) != false, !isDaemon { result.append(scalableTarget()) }
        }
        return result
    }

    func output(_ name: String) -> HCLValue? {
        switch name {
        case "task_definition_arn": return call.reference(to: "aws_ecs_task_definition", "this", attribute: "arn", in: submodule, output: name)
        case "task_definition_family": return family
        case "name", "id": return serviceName
        default: return nil
        }
    }

    private var isDaemon: Bool { inputs.value("scheduling_strategy")?.string == "DAEMON" }
    private var isExternal: Bool { inputs.value("deployment_controller")?["type"]?.string == "EXTERNAL" }

    // MARK: Task definition

    private func taskDefinition() -> TerraformModuleResource {
        let platform = inputs.value("runtime_platform")
        let family = platform?["operating_system_family"] ?? call.moduleDefault(.string("LINUX"))
        let settings = TerraformAWSModulesECSContainers.ServiceSettings(
            isLinux: family.string.map { $0 == "LINUX" },
            enableExecuteCommand: input("enable_execute_command", default: .bool(false)),
            entryDefaults: inputs.value("container_definition_defaults"))
        let definitions = inputs.value("container_definitions") ?? call.moduleDefault(.object([]))
        let containers = TerraformAWSModulesECSContainers.containers(definitions, settings: settings, call: call)
        var arguments = [
            member("family", self.family, input: inputs.value("family") == nil ? "name" : "family"),
            member("container_definitions", call.jsonEncoded(
                containers, expression: "jsonencode(container_definitions)", limit: call.caller.workspace.evaluationLimits.maxStringLength),
                input: "container_definitions"),
            member("cpu", input("cpu", default: .number(HCLNumber(1024))), input: "cpu"),
            member("memory", input("memory", default: .number(HCLNumber(2048))), input: "memory"),
            member("network_mode", input("network_mode", default: .string("awsvpc")), input: "network_mode"),
            member("requires_compatibilities", inputs.value("requires_compatibilities") ?? call.moduleDefault(.tuple([.string("FARGATE", span: call.defaultSpan)])),
                input: "requires_compatibilities"),
            member("execution_role_arn", role("task_exec_iam_role_arn", creates: "create_task_exec_iam_role", resource: "task_exec"),
                input: "task_exec_iam_role_arn"),
            member("task_role_arn", role("tasks_iam_role_arn", creates: "create_tasks_iam_role", resource: "tasks"), input: "tasks_iam_role_arn"),
            member("runtime_platform", call.block([
                member("cpu_architecture", platform?["cpu_architecture"] ?? call.moduleDefault(.string("X86_64"))),
                member("operating_system_family", family),
            ], span: platform?.span), input: "runtime_platform"),
        ]
        arguments += passed([("pid_mode", "pid_mode"), ("ipc_mode", "ipc_mode")])
        if let storage = inputs.value("ephemeral_storage"), let members = storage.members {
            arguments.append(member("ephemeral_storage", call.block(members, span: storage.span), input: "ephemeral_storage"))
        }
        if let volumes = inputs.value("volume") {
            arguments.append(member("volume", self.volumes(volumes), input: "volume"))
        }
        return TerraformModuleResource(type: "aws_ecs_task_definition", address: "aws_ecs_task_definition.this[0]", arguments: arguments)
    }

    /// A role the module creates (`create_…` is true by default), else the ARN given.
    private func role(_ input: String, creates: String, resource: String) -> HCLValue {
        if inputs.flag(creates, default: true) == false {
            return inputs.value(input) ?? call.moduleDefault(.null)
        }
        return call.reference(to: "aws_iam_role", resource, attribute: "arn", in: submodule)
    }

    /// `volume`: a map of volumes, each named by its key unless it sets `name`, its
    /// configurations as nested blocks.
    private func volumes(_ value: HCLValue) -> HCLValue {
        guard let entries = value.members else { return value }
        return .tuple(entries.map { entry in
            var members = (entry.value.members ?? []).filter { !$0.value.isNull }.map { member -> HCLMember in
                guard member.key.hasSuffix("_configuration"), let inner = member.value.members else { return member }
                let nested = inner.map { item -> HCLMember in
                    guard item.key == "authorization_config", let config = item.value.members else { return item }
                    return HCLMember(key: item.key, keySpan: item.keySpan, value: call.block(config, span: item.value.span))
                }
                return HCLMember(key: member.key, keySpan: member.keySpan, value: call.block(nested, span: member.value.span))
            }
            if !members.contains(where: { $0.key == "name" }) {
                members.append(HCLMember(key: "name", keySpan: entry.keySpan, value: .string(entry.key, span: entry.keySpan)))
            }
            return .object(members, span: entry.value.span)
        }, span: value.span)
    }

    // MARK: Service

    private func service() -> TerraformModuleResource {
        let ignoresTaskDefinition = inputs.flag("ignore_task_definition_changes", default: false) == true
        let strategy = inputs.value("capacity_provider_strategy")
        let hasStrategy = strategy.map { $0.members?.isEmpty == false || !$0.isKnown } ?? false
        var arguments = [
            member("name", serviceName, input: "name"),
            member("cluster", clusterArn, input: "cluster_arn"),
            member("task_definition", inputs.flag("create_task_definition", default: true) == false
                ? inputs.value("task_definition_arn") ?? call.moduleDefault(.null)
                : call.reference(to: "aws_ecs_task_definition", "this", attribute: "arn", in: submodule)),
        ]
        if !isDaemon && !isExternal {
            arguments.append(member("desired_count", input("desired_count", default: .number(HCLNumber(1))), input: "desired_count"))
            arguments.append(member("deployment_maximum_percent", input("deployment_maximum_percent", default: .number(HCLNumber(200))),
                input: "deployment_maximum_percent"))
            arguments.append(member("deployment_minimum_healthy_percent",
                input("deployment_minimum_healthy_percent", default: .number(HCLNumber(66))), input: "deployment_minimum_healthy_percent"))
        }
        let launchType = input("launch_type", default: .string("FARGATE"))
        if !isExternal && !hasStrategy { arguments.append(member("launch_type", launchType, input: "launch_type")) }
        if let strategy, !isExternal {
            if let entries = strategy.members {
                arguments.append(member("capacity_provider_strategy", .tuple(entries.map { entry in
                    var fields = (entry.value.members ?? []).filter { !$0.value.isNull }
                    if !fields.contains(where: { $0.key == "capacity_provider" }) {
                        fields.append(HCLMember(key: "capacity_provider", keySpan: entry.keySpan, value: .string(entry.key, span: entry.keySpan)))
                    }
                    return .object(fields, span: entry.value.span)
                }, span: strategy.span), input: "capacity_provider_strategy"))
            } else {
                arguments.append(member("capacity_provider_strategy", strategy, input: "capacity_provider_strategy"))
            }
        }
        for name in ["deployment_circuit_breaker", "deployment_controller", "service_registries"] {
            guard let value = inputs.value(name) else { continue }
            arguments.append(member(name, value.members.map { call.block($0.filter { !$0.value.isNull }, span: value.span) } ?? value, input: name))
        }
        arguments += passed([("health_check_grace_period_seconds", "health_check_grace_period_seconds")])
        if let balancers = inputs.value("load_balancer"), !isExternal {
            arguments.append(member("load_balancer", balancers.members.map { entries in
                .tuple(entries.map { .object(($0.value.members ?? []).filter { !$0.value.isNull }, span: $0.value.span) }, span: balancers.span)
            } ?? balancers, input: "load_balancer"))
        }
        if input("network_mode", default: .string("awsvpc")).string == "awsvpc", !isExternal {
            arguments.append(member("network_configuration", call.block([
                member("assign_public_ip", input("assign_public_ip", default: .bool(false)), input: "assign_public_ip"),
                member("security_groups", call.unknown("security_groups", reason: "the security group the module creates, and security_group_ids")),
                member("subnets", input("subnet_ids", default: .tuple([])), input: "subnet_ids"),
            ])))
        }
        if launchType.string == "FARGATE", !hasStrategy {
            arguments.append(member("scheduling_strategy", call.moduleDefault(.string("REPLICA"))))
            if !isExternal { arguments += passed([("platform_version", "platform_version")]) }
        } else {
            arguments += passed([("scheduling_strategy", "scheduling_strategy")])
        }
        // The module ignores desired_count always (autoscaling owns it), and the task definition
        // and load balancers when asked to (a pipeline deploys them).
        var ignored: Set<String> = ["desired_count"]
        if ignoresTaskDefinition { ignored.formUnion(["task_definition", "load_balancer"]) }
        return TerraformModuleResource(
            type: "aws_ecs_service", address: ignoresTaskDefinition ? "aws_ecs_service.ignore_task_definition[0]" : "aws_ecs_service.this[0]",
            arguments: arguments, ignoredChanges: ignored)
    }

    private var clusterArn: HCLValue {
        if let given = inputs.value("cluster_arn") { return given }
        if !submodule.isEmpty { return call.reference(to: "aws_ecs_cluster", "this", attribute: "arn", in: ".module.cluster") }
        return call.moduleDefault(.string(""))
    }

    // MARK: Autoscaling

    private func scalableTarget() -> TerraformModuleResource {
        let desired = input("desired_count", default: .number(HCLNumber(1)))
        func bound(_ name: String, _ fallback: Double, _ pick: (Double, Double) -> Double) -> HCLValue {
            let value = input(name, default: .number(HCLNumber(fallback)))
            guard let number = value.number, let count = desired.number else {
                return call.unknown(name, reason: "\(name) or desired_count is not known", span: value.span)
            }
            return HCLValue(.number(HCLNumber(pick(number, count))), span: value.span)
        }
        let serviceAddress = inputs.flag("ignore_task_definition_changes", default: false) == true ? "ignore_task_definition" : "this"
        let resourceId = HCLValue(.partial([
            .string("service/", span: call.defaultSpan),
            call.unknown("cluster name", reason: "the cluster's name"),
            .string("/", span: call.defaultSpan),
            call.reference(to: "aws_ecs_service", serviceAddress, attribute: "name", in: submodule),
        ]), span: call.defaultSpan)
        return TerraformModuleResource(type: "aws_appautoscaling_target", address: "aws_appautoscaling_target.this[0]", arguments: [
            member("min_capacity", bound("autoscaling_min_capacity", 1, min), input: "autoscaling_min_capacity"),
            member("max_capacity", bound("autoscaling_max_capacity", 10, max), input: "autoscaling_max_capacity"),
            member("resource_id", resourceId),
            member("scalable_dimension", call.moduleDefault(.string("ecs:service:DesiredCount"))),
            member("service_namespace", call.moduleDefault(.string("ecs"))),
        ])
    }
}
