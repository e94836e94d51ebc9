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
    /// A definition file named by an ecspresso config.
    case ecspresso(config: String)
    /// A bare list of container definitions: the task definition around it is written elsewhere
    /// (usually a Terraform `aws_ecs_task_definition`), so its task-level fields are unknown.
    case containerDefinitionList

    public var cloudFormationLogicalId: String? {
        if case .cloudFormation(let id) = self { return id }
        return nil
    }

    /// A short human name for a resource: its own name when known, else the CloudFormation
    /// logical id, else the file.
    public func displayName(named name: String?, path: String) -> String {
        name ?? cloudFormationLogicalId ?? path
    }

    public var label: String {
        switch self {
        case .apiInput: return "API input"
        case .describeOutput: return "describe output"
        case .cloudFormation(let id): return "CloudFormation resource \(id)"
        case .terraform(let address): return "Terraform resource \(address)"
        case .ecspresso(let config): return "ecspresso definition (\(config))"
        case .containerDefinitionList: return "container definitions list"
        }
    }
}
