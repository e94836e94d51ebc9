/// The container definitions terraform-aws-modules/ecs builds from its `container_definitions`
/// map (an input of the service submodule, and of each entry of the root module's `services`):
/// one container per entry, named by its key unless it sets `name`, in key order, with what the
/// module's `container-definition` submodule adds where the entry sets nothing.
///
/// Version 5 reads snake_case keys (`port_mappings`, `readonly_root_filesystem`), version 6 the
/// API's camelCase (`portMappings`); the values inside (a port mapping, a log configuration)
/// are the API's in both. The defaults differ: version 5 sets `user` to `0` (root), version 6
/// sets `versionConsistency` to `disabled`.
enum TerraformAWSModulesECSContainers {
    enum KeyStyle: Sendable, Equatable {
        /// Version 5.
        case snakeCase
        /// Version 6.
        case camelCase
    }

    /// Version 5's entry keys and the container definition keys the module writes for them.
    static let snakeCaseKeys: [String: String] = [
        "command": "command", "cpu": "cpu", "dependencies": "dependsOn", "disable_networking": "disableNetworking",
        "dns_search_domains": "dnsSearchDomains", "dns_servers": "dnsServers", "docker_labels": "dockerLabels",
        "docker_security_options": "dockerSecurityOptions", "entrypoint": "entrypoint", "environment": "environment",
        "environment_files": "environmentFiles", "essential": "essential", "extra_hosts": "extraHosts",
        "firelens_configuration": "firelensConfiguration", "health_check": "healthCheck", "hostname": "hostname",
        "image": "image", "interactive": "interactive", "links": "links", "linux_parameters": "linuxParameters",
        "log_configuration": "logConfiguration", "memory": "memory", "memory_reservation": "memoryReservation",
        "mount_points": "mountPoints", "name": "name", "port_mappings": "portMappings", "privileged": "privileged",
        "pseudo_terminal": "pseudoTerminal", "readonly_root_filesystem": "readonlyRootFilesystem",
        "repository_credentials": "repositoryCredentials", "resource_requirements": "resourceRequirements",
        "secrets": "secrets", "start_timeout": "startTimeout", "stop_timeout": "stopTimeout",
        "system_controls": "systemControls", "ulimits": "ulimits", "user": "user", "volumes_from": "volumesFrom",
        "working_directory": "workingDirectory",
    ]

    /// Version 6's entry keys that are container definition keys, passed on as written.
    static let camelCaseKeys: Set<String> = [
        "command", "cpu", "credentialSpecs", "dependsOn", "disableNetworking", "dnsSearchDomains", "dnsServers", "dockerLabels",
        "dockerSecurityOptions", "entrypoint", "environment", "environmentFiles", "essential", "extraHosts",
        "firelensConfiguration", "healthCheck", "hostname", "image", "interactive", "links", "linuxParameters",
        "logConfiguration", "memory", "memoryReservation", "mountPoints", "name", "portMappings", "privileged",
        "pseudoTerminal", "readonlyRootFilesystem", "repositoryCredentials", "resourceRequirements", "restartPolicy",
        "secrets", "startTimeout", "stopTimeout", "systemControls", "ulimits", "user", "versionConsistency", "volumesFrom",
        "workingDirectory",
    ]

    /// Keys the container definition only has on Linux (`is_not_windows` in the module).
    static let linuxOnlyKeys: Set<String> = [
        "disableNetworking", "dnsSearchDomains", "dnsServers", "extraHosts", "links", "linuxParameters", "privileged",
        "readonlyRootFilesystem", "ulimits", "user",
    ]

    /// The key style of `entries`, decided by the keys written (a snake_case key only version 5
    /// reads, a camelCase one only version 6 reads), else by the `version` constraint; nil when
    /// neither tells.
    static func keyStyle(of entries: [HCLValue], source: TerraformRegistrySource) -> KeyStyle? {
        var snake = false
        var camel = false
        for entry in entries {
            for member in entry.members ?? [] {
                if member.key.contains("_") && snakeCaseKeys[member.key] != nil || member.key == "dependencies" { snake = true }
                if member.key.lowercased() != member.key && camelCaseKeys.contains(member.key) { camel = true }
            }
        }
        if snake != camel { return snake ? .snakeCase : .camelCase }
        guard let major = source.majorVersion else { return nil }
        return major >= 6 ? .camelCase : .snakeCase
    }

    /// What a service's containers share, read from the service's inputs.
    struct ServiceSettings {
        /// `runtime_platform.operating_system_family` is `LINUX`; nil when unknown.
        var isLinux: Bool?
        /// `enable_execute_command`.
        var enableExecuteCommand: HCLValue
        /// Version 5's `container_definition_defaults`: an entry's missing keys come from it.
        var entryDefaults: HCLValue?
    }

    /// The containers of `definitions` (the map), as a tuple of container definition objects;
    /// unknown when the map, an entry, or which version reads it is not known.
    static func containers(_ definitions: HCLValue, settings: ServiceSettings, call: TerraformModuleCall) -> HCLValue {
        guard let entries = definitions.members else {
            return call.unknown("container_definitions", reason: "the container_definitions map is not known", span: definitions.span)
        }
        guard let style = keyStyle(of: entries.map(\.value), source: call.source) else {
            return call.unknown(
                "container_definitions",
                reason: "neither the keys written nor the version constraint tell whether \(call.source.module) 5 (snake_case keys) or 6 (camelCase) reads them",
                span: definitions.span)
        }
        var containers: [HCLValue] = []
        for entry in entries {
            var value = entry.value
            if style == .snakeCase, let defaults = settings.entryDefaults?.members, let written = value.members {
                value = HCLValue(.object(merged(defaults, written)), span: value.span)
            }
            guard let members = value.members else {
                return call.unknown("container_definitions", reason: "container '\(entry.key)' is not known", span: value.span)
            }
            let fields = Dictionary(members.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
            if let create = fields["create"]?.value, !create.isNull {
                guard let creates = create.bool else {
                    return call.unknown("container_definitions", reason: "whether container '\(entry.key)' is created is not known", span: create.span)
                }
                if !creates { continue }
            }
            containers.append(container(
                named: entry, fields: fields, style: style, settings: settings, call: call))
        }
        return .tuple(containers, span: definitions.span)
    }

    /// One container: the entry's keys as the container definition keys the module writes, then
    /// the module's defaults for what the entry does not set.
    private static func container(
        named entry: HCLMember, fields: [String: HCLMember], style: KeyStyle, settings: ServiceSettings, call: TerraformModuleCall
    ) -> HCLValue {
        var written: [String: HCLMember] = [:]
        for member in fields.values where !member.value.isNull {
            let key: String?
            switch style {
            case .snakeCase: key = snakeCaseKeys[member.key]
            case .camelCase: key = camelCaseKeys.contains(member.key) ? member.key : nil
            }
            guard let key else { continue }
            written[key] = HCLMember(key: key, keySpan: member.keySpan, value: member.value)
        }
        if written["name"] == nil {
            written["name"] = HCLMember(key: "name", keySpan: entry.keySpan, value: .string(entry.key, span: entry.keySpan))
        }
        func setting(_ key: String) -> HCLValue? { fields[key].flatMap { $0.value.isNull ? nil : $0.value } }
        func flag(_ key: String, default value: Bool) -> Bool? { setting(key).map(\.bool) ?? value }
        var defaults: [String: HCLValue.Kind] = [
            "interactive": .bool(false), "privileged": .bool(false), "pseudoTerminal": .bool(false),
            "readonlyRootFilesystem": .bool(true), "startTimeout": .number(HCLNumber(30)), "stopTimeout": .number(HCLNumber(120)),
        ]
        switch style {
        case .snakeCase:
            defaults["user"] = .string("0")
            defaults["systemControls"] = .tuple([])
        case .camelCase:
            defaults["versionConsistency"] = .string("disabled")
        }
        for (key, kind) in defaults where written[key] == nil {
            written[key] = HCLMember(key: key, keySpan: nil, value: call.moduleDefault(kind))
        }
        if style == .camelCase {
            let policy = written["restartPolicy"]?.value.members ?? []
            if !policy.contains(where: { $0.key == "enabled" }) {
                written["restartPolicy"] = HCLMember(
                    key: "restartPolicy", keySpan: written["restartPolicy"]?.keySpan,
                    value: .object(policy + [HCLMember(key: "enabled", keySpan: nil, value: call.moduleDefault(.bool(true)))],
                        span: written["restartPolicy"]?.value.span ?? call.defaultSpan))
            } else if policy.first(where: { $0.key == "enabled" })?.value.bool == false {
                written["restartPolicy"] = nil
            }
        }
        if let check = written["healthCheck"], let members = check.value.members, !members.isEmpty {
            let filled = merged(
                [("interval", 30), ("retries", 3), ("timeout", 5)].map {
                    HCLMember(key: $0.0, keySpan: nil, value: call.moduleDefault(.number(HCLNumber($0.1))))
                }, members)
            written["healthCheck"] = HCLMember(key: "healthCheck", keySpan: check.keySpan, value: HCLValue(.object(filled), span: check.value.span))
        }
        // `linuxParameters` always holds `initProcessEnabled`: ECS Exec needs it.
        let parameters = written["linuxParameters"]
        written["linuxParameters"] = HCLMember(
            key: "linuxParameters", keySpan: parameters?.keySpan,
            value: HCLValue(.object(merged(
                [HCLMember(key: "initProcessEnabled", keySpan: nil, value: HCLValue(settings.enableExecuteCommand.kind, span: call.defaultSpan))],
                parameters?.value.members ?? [])), span: parameters?.value.span ?? call.defaultSpan))
        written["logConfiguration"] = logConfiguration(written["logConfiguration"], fields: fields, style: style, call: call, flag: flag)
        if settings.isLinux != true {
            for key in linuxOnlyKeys {
                guard let member = written[key] else { continue }
                written[key] = settings.isLinux == false ? nil : HCLMember(
                    key: key, keySpan: member.keySpan,
                    value: call.unknown(key, reason: "the task's operating system family is not known", span: member.value.span))
            }
        }
        return .object(Array(written.values), span: entry.value.span)
    }

    /// The module's CloudWatch Logs configuration (`awslogs`, a log group it creates) merged
    /// under what the entry writes, unless the entry turns it off.
    private static func logConfiguration(
        _ written: HCLMember?, fields: [String: HCLMember], style: KeyStyle, call: TerraformModuleCall,
        flag: (String, Bool) -> Bool?
    ) -> HCLMember? {
        // Version 5 adds it when enable_cloudwatch_logging, version 6 when create_cloudwatch_log_group.
        let switchKey = style == .snakeCase ? "enable_cloudwatch_logging" : "create_cloudwatch_log_group"
        let members = written?.value.members ?? []
        guard let adds = flag(switchKey, true) else {
            return HCLMember(
                key: "logConfiguration", keySpan: written?.keySpan,
                value: call.unknown("logConfiguration", reason: "whether \(switchKey) is set is not known", span: written?.value.span))
        }
        guard adds else { return written.flatMap { $0.value.members?.isEmpty == false ? $0 : nil } }
        let options = HCLValue.object([
            HCLMember(key: "awslogs-group", keySpan: nil, value: call.reference(to: "aws_cloudwatch_log_group", "this", attribute: "name")),
            HCLMember(key: "awslogs-region", keySpan: nil, value: call.unknown("data.aws_region.current.region", reason: "the provider's region")),
            HCLMember(key: "awslogs-stream-prefix", keySpan: nil, value: call.moduleDefault(.string("ecs"))),
        ], span: call.defaultSpan)
        let defaults = [
            HCLMember(key: "logDriver", keySpan: nil, value: call.moduleDefault(.string("awslogs"))),
            HCLMember(key: "options", keySpan: nil, value: options),
        ]
        return HCLMember(
            key: "logConfiguration", keySpan: written?.keySpan,
            value: HCLValue(.object(merged(defaults, members)), span: written?.value.span ?? call.defaultSpan))
    }

    /// `merge(base, over)`: the members of both, `over`'s winning; sorted by key.
    static func merged(_ base: [HCLMember], _ over: [HCLMember]) -> [HCLMember] {
        var byKey: [String: HCLMember] = [:]
        for member in base { byKey[member.key] = member }
        for member in over where !member.value.isNull { byKey[member.key] = member }
        return byKey.values.sorted { $0.key < $1.key }
    }
}
