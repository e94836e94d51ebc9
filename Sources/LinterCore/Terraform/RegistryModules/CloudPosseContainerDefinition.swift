/// cloudposse/ecs-container-definition: one container definition built from its inputs, read by
/// an `aws_ecs_task_definition` through `json_map_encoded_list` (`[definition]` as JSON),
/// `json_map_encoded` (the definition as JSON) or `json_map_object`, and their `sensitive_`
/// twins. It creates no resource itself.
enum CloudPosseContainerDefinition: TerraformRegistryModule {
    static func matches(_ source: TerraformRegistrySource) -> Bool {
        source.module == "cloudposse/ecs-container-definition/aws" && source.subdirectory.isEmpty
    }

    static func resources(of call: TerraformModuleCall) -> [TerraformModuleResource] { [] }

    /// Inputs passed on under another name; the rest of `passedKeys` keep theirs.
    static let renamedInputs: [String: String] = [
        "container_name": "name", "container_image": "image", "entrypoint": "entryPoint", "working_directory": "workingDirectory",
        "readonly_root_filesystem": "readonlyRootFilesystem", "mount_points": "mountPoints", "dns_servers": "dnsServers",
        "dns_search_domains": "dnsSearchDomains", "repository_credentials": "repositoryCredentials", "volumes_from": "volumesFrom",
        "container_depends_on": "dependsOn", "port_mappings": "portMappings", "healthcheck": "healthCheck",
        "firelens_configuration": "firelensConfiguration", "linux_parameters": "linuxParameters",
        "container_memory": "memory", "container_memory_reservation": "memoryReservation", "container_cpu": "cpu",
        "environment_files": "environmentFiles", "docker_labels": "dockerLabels", "start_timeout": "startTimeout",
        "stop_timeout": "stopTimeout", "system_controls": "systemControls", "extra_hosts": "extraHosts",
        "disable_networking": "disableNetworking", "pseudo_terminal": "pseudoTerminal",
        "docker_security_options": "dockerSecurityOptions", "resource_requirements": "resourceRequirements",
        "version_consistency": "versionConsistency", "restart_policy": "restartPolicy", "log_configuration": "logConfiguration",
    ]
    static let passedKeys: Set<String> = ["essential", "command", "ulimits", "links", "privileged", "hostname", "interactive"]

    static func output(_ name: String, of call: TerraformModuleCall) -> HCLValue? {
        let definition = containerDefinition(of: call)
        let limit = call.caller.workspace.evaluationLimits.maxStringLength
        switch name {
        case "json_map_object", "sensitive_json_map_object": return definition
        case "json_map_encoded", "sensitive_json_map_encoded":
            return call.jsonEncoded(definition, expression: call.address + "." + name, limit: limit)
        case "json_map_encoded_list", "sensitive_json_map_encoded_list":
            return call.jsonEncoded(.tuple([definition], span: definition.span), expression: call.address + "." + name, limit: limit)
        default: return nil
        }
    }

    /// The module's `final_container_definition`: its inputs under the API's names without the
    /// null ones, its defaults (`essential = true`, `cpu = 0`, `readonlyRootFilesystem = false`),
    /// `user = "0"` when FireLens is configured, and `container_definition` merged over all.
    static func containerDefinition(of call: TerraformModuleCall) -> HCLValue {
        var members: [String: HCLMember] = [:]
        for (input, value) in call.arguments where !value.isNull {
            guard let key = renamedInputs[input] ?? (passedKeys.contains(input) ? input : nil) else { continue }
            members[key] = call.member(key, withoutNulls(value), argument: input)
        }
        for (key, kind) in [("essential", HCLValue.Kind.bool(true)), ("cpu", .number(HCLNumber(0))), ("readonlyRootFilesystem", .bool(false))]
        where members[key] == nil {
            members[key] = HCLMember(key: key, keySpan: nil, value: call.moduleDefault(kind))
        }
        if let firelens = call.input("firelens_configuration") {
            members["user"] = HCLMember(key: "user", keySpan: nil, value: HCLValue(.string("0"), span: firelens.span))
        } else if let user = call.input("user") {
            members["user"] = call.member("user", user, argument: "user")
        }
        if let environment = listOfPairs(call, map: "map_environment", list: "environment", valueKey: "value") {
            members["environment"] = environment
        }
        if let secrets = listOfPairs(call, map: "map_secrets", list: "secrets", valueKey: "valueFrom") {
            members["secrets"] = secrets
        }
        for member in call.input("container_definition")?.members ?? [] where !member.value.isNull {
            members[member.key] = member
        }
        return .object(Array(members.values), span: HCLSpan(file: call.file, range: call.block.range))
    }

    /// `environment`/`secrets`: from the map input when given (sorted by name, as the module
    /// does), else the list.
    private static func listOfPairs(_ call: TerraformModuleCall, map: String, list: String, valueKey: String) -> HCLMember? {
        if let given = call.input(map) {
            guard let entries = given.members else { return call.member(list, given, argument: map) }
            return call.member(list, .tuple(entries.map { entry in
                .object([
                    HCLMember(key: "name", keySpan: entry.keySpan, value: .string(entry.key, span: entry.keySpan)),
                    HCLMember(key: valueKey, keySpan: nil, value: entry.value),
                ], span: entry.value.span ?? entry.keySpan)
            }, span: given.span), argument: map)
        }
        guard let given = call.input(list) else { return nil }
        return call.member(list, given, argument: list)
    }

    /// The value with the null members of its objects left out: the module's optional
    /// attributes are null when not written, which is what ECS reads as not set.
    static func withoutNulls(_ value: HCLValue) -> HCLValue {
        var copy = value
        switch value.kind {
        case .object(let members): copy.kind = .object(members.filter { !$0.value.isNull }.map {
            HCLMember(key: $0.key, keySpan: $0.keySpan, value: withoutNulls($0.value))
        })
        case .tuple(let elements): copy.kind = .tuple(elements.map(withoutNulls))
        default: break
        }
        return copy
    }
}
