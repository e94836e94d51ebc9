/// Resolves the references of one module instance that HCL does not know itself:
///
/// * `module.NAME[key].OUTPUT`: the output of a module call read from a directory (a local
///   path, or where `terraform init` fetched it), evaluated with the call's arguments; for a
///   registry module that is not present, the output its inputs describe when ecslint knows the
///   module (`TerraformRegistryModules`), else unknown;
/// * `TYPE.NAME[key].ARGUMENT` and `data.TYPE.NAME[key].ARGUMENT`: an argument written in the
///   block is what Terraform passes on, so it is the attribute's value. Attributes Terraform
///   computes (`arn`, `id`, `repository_url`) stay unknown, with the reference kept so the model
///   can still link an image to its repository;
/// * `data.template_file.NAME.rendered`: the legacy template provider's rendering of its template
///   file with its `vars`;
/// * `data.aws_ecr_lifecycle_policy_document.NAME.json`: the policy its `rule` blocks describe.
///
/// The instance is held weakly: it owns the evaluator that holds this resolver.
struct TerraformResolver: HCLReferenceResolver {
    weak let instance: TerraformModuleInstance?

    init(instance: TerraformModuleInstance) {
        self.instance = instance
    }

    func resolve(_ reference: HCLTraversal, evaluator: inout HCLEvaluator) -> HCLResolution? {
        guard let instance else { return nil }
        switch reference.root {
        case "module":
            return moduleOutput(reference, instance: instance, evaluator: &evaluator)
        case "data":
            guard case .attribute(let type)? = reference.steps.first else { return nil }
            return blockAttribute(
                kind: "data", type: type, steps: reference.steps.dropFirst(), consumedBefore: 1, reference: reference,
                instance: instance, evaluator: &evaluator)
        default:
            return blockAttribute(
                kind: "resource", type: reference.root, steps: reference.steps[...], consumedBefore: 0, reference: reference,
                instance: instance, evaluator: &evaluator)
        }
    }

    private func moduleOutput(_ reference: HCLTraversal, instance: TerraformModuleInstance, evaluator: inout HCLEvaluator) -> HCLResolution? {
        guard case .attribute(let name)? = reference.steps.first else { return nil }
        var rest = reference.steps.dropFirst()
        var key: HCLTraversal.Step?
        if let step = rest.first, case .attribute = step {} else if let step = rest.first {
            key = step
            rest = rest.dropFirst()
        }
        guard case .attribute(let output)? = rest.first else { return nil }
        instance.workspace.files = evaluator.files
        defer { evaluator.files = instance.workspace.files }
        let consumed = reference.steps.count - rest.count + 1
        guard let child = instance.child(name, key: key, caller: &evaluator) else {
            return registryModuleOutput(name, key: key, output: output, consumed: consumed, instance: instance, evaluator: &evaluator)
        }
        instance.workspace.files = evaluator.files
        guard let value = child.output(output) else { return nil }
        return HCLResolution(value: value, consumedSteps: consumed)
    }

    /// An output of a registry module call that is not present, from what its inputs describe
    /// (`TerraformRegistryModule`); nil when ecslint does not know it.
    private func registryModuleOutput(
        _ name: String, key: HCLTraversal.Step?, output: String, consumed: Int, instance: TerraformModuleInstance, evaluator: inout HCLEvaluator
    ) -> HCLResolution? {
        guard let (file, block) = instance.module.blocks(ofType: "module").first(where: { $0.block.labels.first?.value == name }),
            instance.sourceDirectory(of: block, file: file) == nil,
            let source = TerraformModuleCall.registrySource(of: block), let module = TerraformRegistryModules.module(for: source)
        else { return nil }
        let isRepeated = block.body.attribute("count") != nil || block.body.attribute("for_each") != nil
        guard isRepeated == (key != nil),
            let call = TerraformModuleCall.evaluate(block, file: file, key: key, caller: instance, evaluator: &evaluator),
            let value = module.output(output, of: call)
        else { return nil }
        return HCLResolution(value: value, consumedSteps: consumed)
    }

    /// The value of `steps` (`NAME[key].ATTRIBUTE…`) of a `resource` or `data` block of `type`.
    private func blockAttribute(
        kind: String, type: String, steps: ArraySlice<HCLTraversal.Step>, consumedBefore: Int, reference: HCLTraversal,
        instance: TerraformModuleInstance, evaluator: inout HCLEvaluator
    ) -> HCLResolution? {
        guard case .attribute(let name)? = steps.first,
            let (file, block) = instance.module.blocks(ofType: kind).first(where: {
                $0.block.labels.count == 2 && $0.block.labels[0].value == type && $0.block.labels[1].value == name
            })
        else { return nil }
        var rest = steps.dropFirst()
        var context = HCLContext()
        let isRepeated = block.body.attribute("count") != nil || block.body.attribute("for_each") != nil
        if let step = rest.first, !isAttribute(step) {
            guard isRepeated, let instanceContext = TerraformInstances.context(of: block, file: file, key: step, evaluator: &evaluator) else {
                return nil
            }
            context = instanceContext
            rest = rest.dropFirst()
        }
        // A repeated block named without an instance key is read as one instance whose
        // `count.index` or `each` is unknown: Terraform 0.11 code writes
        // `data.template_file.x.rendered` for a block whose `count` only switches it on.
        guard case .attribute(let attribute)? = rest.first else { return nil }
        let consumed = consumedBefore + steps.count - rest.count + 1
        if kind == "data" {
            switch (type, attribute) {
            case ("template_file", "rendered"):
                return renderTemplateFile(block, file: file, context: context, consumed: consumed, evaluator: &evaluator)
            case ("aws_ecr_lifecycle_policy_document", "json"):
                let value = TerraformPolicyDocument.json(of: block, file: file, context: context, evaluator: &evaluator)
                return HCLResolution(value: value, consumedSteps: consumed)
            default:
                break
            }
        }
        guard let argument = block.body.attribute(attribute) else { return nil }
        return HCLResolution(value: evaluator.evaluate(argument.expression, inFile: file, context: context), consumedSteps: consumed)
    }

    private func isAttribute(_ step: HCLTraversal.Step) -> Bool {
        if case .attribute = step { return true }
        return false
    }

    /// `data "template_file"`: its `template` (a file read with `file(…)`) rendered with its
    /// `vars`, written as an argument or, in Terraform 0.11 style, as a `vars {}` block.
    private func renderTemplateFile(
        _ block: HCLBlock, file: Int, context: HCLContext, consumed: Int, evaluator: inout HCLEvaluator
    ) -> HCLResolution? {
        guard let templateAttribute = block.body.attribute("template") else { return nil }
        let template = evaluator.evaluate(templateAttribute.expression, inFile: file, context: context)
        var variables: [HCLMember] = []
        if let varsAttribute = block.body.attribute("vars") {
            let value = evaluator.evaluate(varsAttribute.expression, inFile: file, context: context)
            guard let members = value.members else {
                return HCLResolution(value: unknown("the template's vars are not known", at: varsAttribute.expression.range, file: file, evaluator: evaluator), consumedSteps: consumed)
            }
            variables = members
        }
        for varsBlock in block.body.blocks(ofType: "vars") {
            for attribute in varsBlock.body.attributes {
                variables.append(HCLMember(
                    key: attribute.name, keySpan: HCLSpan(file: file, range: attribute.nameRange),
                    value: evaluator.evaluate(attribute.expression, inFile: file, context: context)))
            }
        }
        let use = HCLSpan(file: file, range: templateAttribute.expression.range)
        // Only a template read from a file keeps positions to render from; the file's id is the
        // span of the whole text `file(…)` returned.
        guard case .rendered(let rendering)? = template.derivation, template.isKnown,
            let segment = rendering.segments.first, rendering.segments.count == 1, segment.isVerbatim,
            let source = evaluator.files[segment.span.file], segment.span.range.length == source.bytes.count
        else {
            return HCLResolution(
                value: unknown("the template is not read from a file with file(…)", at: templateAttribute.expression.range, file: file, evaluator: evaluator),
                consumedSteps: consumed)
        }
        let rendered = evaluator.renderTemplate(inFile: segment.span.file, variables: variables, usedAt: use, function: "template_file")
        return HCLResolution(value: rendered, consumedSteps: consumed)
    }

    private func unknown(_ reason: String, at range: ByteRange, file: Int, evaluator: HCLEvaluator) -> HCLValue {
        HCLValue(.unknown(HCLUnknown(expression: evaluator.files[file]?.text(of: range) ?? "", reason: reason)), span: HCLSpan(file: file, range: range))
    }
}
