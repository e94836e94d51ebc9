/// A container image written in Terraform, as the symbolic string the model analyses: known
/// text, unknown parts, and references to ECR repositories the project defines, so that
/// `"${aws_ecr_repository.app.repository_url}:${var.tag}"` is known to be repository `app` of
/// this project with the tag from `var.tag`.
enum TerraformImageValue {
    static func symbolic(_ value: HCLValue, instance: TerraformModuleInstance) -> SymbolicString {
        var result = SymbolicString([])
        append(value, to: &result, instance: instance)
        if result.parts.isEmpty { result = SymbolicString([.literal("")]) }
        // Each default a part rests on, with the text it contributed.
        var assumptions: [SymbolicString.Assumption] = []
        collectAssumptions(value, into: &assumptions)
        for assumption in assumptions { result.assume(assumption) }
        return result
    }

    private static func append(_ value: HCLValue, to result: inout SymbolicString, instance: TerraformModuleInstance) {
        switch value.kind {
        case .string(let text): result.append(SymbolicString.parsingPlaceholders(text))
        case .number(let number): result.append(SymbolicString.Part.literal(number.description))
        case .bool(let flag): result.append(SymbolicString.Part.literal(flag ? "true" : "false"))
        case .partial(let parts): for part in parts { append(part, to: &result, instance: instance) }
        case .unknown(let unknown): result.append(part(for: unknown, instance: instance))
        case .null, .tuple, .object: result.append(SymbolicString.Part.unknown)
        }
    }

    /// An unknown part: a repository's URL or name when the reference names an ECR repository
    /// the project defines (a resource, or a data source that names it), else unknown.
    static func part(for unknown: HCLUnknown, instance: TerraformModuleInstance) -> SymbolicString.Part {
        guard let reference = unknown.reference else { return .unknown }
        let names = reference.attributeNames
        // A reference made in another module instance (through an output) names that instance's resource.
        let prefix = unknown.module ?? instance.address
        let qualify = { (address: String) -> String in prefix.isEmpty ? address : prefix + "." + address }
        if reference.root == "aws_ecr_repository", names.count >= 2 {
            let logicalId = qualify("aws_ecr_repository." + names[0])
            switch names[1] {
            case "repository_url": return .repositoryUri(logicalId: logicalId)
            case "name", "id": return .repositoryName(logicalId: logicalId)
            default: return .unknown
            }
        }
        if reference.root == "data", names.count >= 3, names[0] == "aws_ecr_repository" || names[0] == "aws_ecr_image",
            unknown.module == nil,
            let (file, block) = instance.module.blocks(ofType: "data").first(where: {
                $0.block.labels.count == 2 && $0.block.labels[0].value == names[0] && $0.block.labels[1].value == names[1]
            }),
            let nameAttribute = block.body.attribute(names[0] == "aws_ecr_repository" ? "name" : "repository_name"),
            let name = instance.evaluate(nameAttribute.expression, inFile: file).string
        {
            switch names[2] {
            case "repository_url" where names[0] == "aws_ecr_repository":
                return .ecrRepositoryURL(name: name, expression: reference.description)
            case "name", "repository_name", "id":
                return .literal(name)
            default:
                return .unknown
            }
        }
        return .unknown
    }

    /// The variable defaults `value` rests on, each with the text it stands for; a sensitive
    /// variable's value is kept out (the assumption only names it).
    private static func collectAssumptions(_ value: HCLValue, into assumptions: inout [SymbolicString.Assumption]) {
        if case .partial(let parts) = value.kind {
            for part in parts { collectAssumptions(part, into: &assumptions) }
        }
        for assumption in value.assumptions where !assumptions.contains(where: { $0.parameter == assumption.variable }) {
            assumptions.append(SymbolicString.Assumption(
                parameter: assumption.variable, value: assumption.isSensitive ? "" : assumption.valueText ?? value.displayText, kind: .variable,
                isSensitive: assumption.isSensitive))
        }
    }
}
