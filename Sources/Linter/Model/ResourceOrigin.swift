/// Which input shape a model resource came from, and its name inside that shape.
public enum ResourceOrigin: Sendable, Hashable {
    /// `register-task-definition`, `create-service`, `create-repository` input or a bare policy file.
    case apiInput
    /// `describe-*` or `get-lifecycle-policy` output.
    case describeOutput
    /// A resource in a CloudFormation template, by logical id.
    case cloudFormation(logicalId: String)
    /// A resource in a Terraform plan, by address.
    case terraform(address: String)
    /// A resource in Terraform source, by its full address (`module.app.aws_ecs_task_definition.this`),
    /// evaluated from the root module in directory `module` (relative to the project root).
    case terraformModule(address: String, module: String)
    /// A definition file named by an ecspresso config.
    case ecspresso(config: String)
    /// A bare list of container definitions: the task definition around it is written elsewhere
    /// (usually a Terraform `aws_ecs_task_definition`), so its task-level fields are unknown.
    case containerDefinitionList

    public var cloudFormationLogicalId: String? {
        if case .cloudFormation(let id) = self { return id }
        return nil
    }

    /// The name other resources refer to this one by: a CloudFormation logical id, or a Terraform
    /// source address (without instance keys, as references write it).
    public var logicalId: String? {
        switch self {
        case .cloudFormation(let id): return id
        case .terraformModule(let address, _):
            // Only the resource's own instance key goes (`….app["api"]` → `….app`); a module
            // instance's key earlier in the address stays.
            guard address.hasSuffix("]"), let bracket = address.lastIndex(of: "["),
                !address[bracket...].contains(".")
            else { return address }
            return String(address[..<bracket])
        default: return nil
        }
    }

    /// Where `logicalId` references are resolved: a CloudFormation template (its file), or a
    /// Terraform module instance, whose resources are spread over several files.
    public func linkScope(path: String) -> String {
        if case .terraformModule(_, let module) = self { return "terraform-module:" + module }
        return path
    }

    /// A short human name for a resource: its own name when known, else the CloudFormation
    /// logical id, else the file.
    public func displayName(named name: String?, path: String) -> String {
        if let name { return name }
        switch self {
        case .cloudFormation(let id): return id
        case .terraform(let address), .terraformModule(let address, _): return address
        default: return path
        }
    }

    public var label: String {
        switch self {
        case .apiInput: return "API input"
        case .describeOutput: return "describe output"
        case .cloudFormation(let id): return "CloudFormation resource \(id)"
        case .terraform(let address): return "Terraform resource \(address)"
        case .terraformModule(let address, let root): return "Terraform resource \(address) of root module \(root)"
        case .ecspresso(let config): return "ecspresso definition (\(config))"
        case .containerDefinitionList: return "container definitions list"
        }
    }
}
