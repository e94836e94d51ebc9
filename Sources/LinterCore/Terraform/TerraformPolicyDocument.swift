/// `data "aws_ecr_lifecycle_policy_document"`: the lifecycle policy its `rule` blocks describe,
/// as the JSON the provider writes, with every value's span at the argument that set it.
enum TerraformPolicyDocument {
    /// The provider's argument names, by block, and the policy's field names.
    static let selectionFields: [(argument: String, field: String)] = [
        ("tag_status", "tagStatus"), ("tag_prefix_list", "tagPrefixList"), ("tag_pattern_list", "tagPatternList"),
        ("count_type", "countType"), ("count_unit", "countUnit"), ("count_number", "countNumber"),
        ("storage_class", "storageClass"),
    ]

    /// The `json` attribute: a string whose structure (`HCLDerivation.jsonEncoded`) keeps the
    /// positions. Unknown when a rule is written as a `dynamic` block.
    static func json(of block: HCLBlock, file: Int, context: HCLContext, evaluator: inout HCLEvaluator) -> HCLValue {
        let blockSpan = HCLSpan(file: file, range: block.range)
        if !block.body.blocks(ofType: "dynamic").isEmpty {
            return HCLValue(.unknown(HCLUnknown(
                expression: evaluator.files[file]?.text(of: block.typeRange) ?? "data", reason: "its rules are written as dynamic blocks")), span: blockSpan)
        }
        var rules: [HCLValue] = []
        for rule in block.body.blocks(ofType: "rule") {
            var members: [HCLMember] = []
            func add(_ argument: String, as field: String, in body: HCLBody) -> HCLMember? {
                guard let attribute = body.attribute(argument) else { return nil }
                return HCLMember(
                    key: field, keySpan: HCLSpan(file: file, range: attribute.nameRange),
                    value: evaluator.evaluate(attribute.expression, inFile: file, context: context))
            }
            if let priority = add("priority", as: "rulePriority", in: rule.body) { members.append(priority) }
            if let description = add("description", as: "description", in: rule.body) { members.append(description) }
            if let selection = rule.body.blocks(ofType: "selection").first {
                let fields = selectionFields.compactMap { add($0.argument, as: $0.field, in: selection.body) }
                members.append(HCLMember(
                    key: "selection", keySpan: HCLSpan(file: file, range: selection.typeRange),
                    value: .object(fields, span: HCLSpan(file: file, range: selection.range))))
            }
            // The provider writes an action for every rule: `expire` unless the block says otherwise.
            let action = rule.body.blocks(ofType: "action").first
            let type = action.flatMap { add("type", as: "type", in: $0.body) }
                ?? HCLMember(key: "type", keySpan: nil, value: .string("expire", span: HCLSpan(file: file, range: rule.typeRange)))
            members.append(HCLMember(
                key: "action", keySpan: action.map { HCLSpan(file: file, range: $0.typeRange) },
                value: .object([type], span: HCLSpan(file: file, range: (action ?? rule).range))))
            rules.append(.object(members, span: HCLSpan(file: file, range: rule.range)))
        }
        let structure = HCLValue.object(
            [HCLMember(key: "rules", keySpan: nil, value: .tuple(rules, span: blockSpan))], span: blockSpan)
        var bytes: [UInt8] = []
        var result: HCLValue
        if structure.isWhollyKnown, HCLEvaluator.writeJSON(structure, into: &bytes, limit: evaluator.limits.maxStringLength) {
            result = .string(String(decoding: bytes, as: UTF8.self), span: blockSpan)
        } else {
            result = HCLValue(.unknown(HCLUnknown(expression: "data.aws_ecr_lifecycle_policy_document", reason: "some of its rules' values are not known")), span: blockSpan)
        }
        result.derivation = .jsonEncoded(structure)
        return result
    }
}
