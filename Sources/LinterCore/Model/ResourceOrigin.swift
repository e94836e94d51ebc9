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
    /// source address without the resource's own instance key, as references write it. The keys
    /// of the module instances it is in stay (`module.app["x"].aws_ecr_repository.this`): a
    /// reference made through a module output names the instance it came from.
    public var logicalId: String? {
        switch self {
        case .cloudFormation(let id): return id
        case .terraformModule(let address, _):
            return ResourceOrigin.withoutTrailingKey(address)
        default: return nil
        }
    }

    /// `address` without a last `[0]` or `["key"]` (whose quoted key may hold dots and brackets).
    static func withoutTrailingKey(_ address: String) -> String {
        let bytes = Array(address.utf8)
        guard bytes.last == UInt8(ascii: "]"), bytes.count >= 3 else { return address }
        var index = bytes.count - 2
        if bytes[index] == UInt8(ascii: "\"") {
            // Back to the opening quote: a quote preceded by an odd number of backslashes is escaped.
            index -= 1
            while index >= 0 {
                if bytes[index] == UInt8(ascii: "\"") {
                    var backslashes = 0
                    while index - 1 - backslashes >= 0 && bytes[index - 1 - backslashes] == UInt8(ascii: "\\") { backslashes += 1 }
                    if backslashes % 2 == 0 { break }
                }
                index -= 1
            }
            index -= 1
        } else {
            while index >= 0 && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") { index -= 1 }
        }
        guard index >= 0, bytes[index] == UInt8(ascii: "[") else { return address }
        return String(decoding: bytes[..<index], as: UTF8.self)
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
