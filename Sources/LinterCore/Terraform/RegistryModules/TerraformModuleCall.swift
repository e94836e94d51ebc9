/// One instance of a `module` block whose source is a registry module that is not present (not
/// fetched by `terraform init`): what the call sets, evaluated in the calling module instance,
/// from which a `TerraformRegistryModule` describes the resources the module would create.
///
/// Every value keeps the span of the argument expression it came from, so findings point into
/// the call. A value the module supplies because the call does not set it is placed at the
/// call's `source`: nothing else is, so a finding there is about the module's choice.
struct TerraformModuleCall {
    let caller: TerraformModuleInstance
    /// The call's name (`module "web"` → `web`).
    let name: String
    /// `module.web`, `module.web["api"]`, qualified in the caller (`module.app.module.web`).
    let address: String
    /// The same within the caller (`module.web["api"]`).
    let localAddress: String
    let file: Int
    let block: HCLBlock
    let source: TerraformRegistrySource
    /// The written arguments, meta-arguments excluded, by name.
    let arguments: [String: HCLValue]
    /// Each written argument's name range.
    let argumentNameRanges: [String: ByteRange]
    /// The `source` value's span: where the module's own defaults are placed.
    let defaultSpan: HCLSpan

    /// The call `block` (file `file` of `caller`), instance `key` when it has `count` or
    /// `for_each`, evaluated by `evaluator` (the caller's, borrowed). Nil when `key` is not one
    /// of its instances or its source is not a registry module.
    static func evaluate(
        _ block: HCLBlock, file: Int, key: HCLTraversal.Step?, caller: TerraformModuleInstance, evaluator: inout HCLEvaluator
    ) -> TerraformModuleCall? {
        guard let name = block.labels.first?.value, let sourceAttribute = block.body.attribute("source"),
            let source = registrySource(of: block)
        else { return nil }
        var context = HCLContext()
        if let key {
            guard let instanceContext = TerraformInstances.context(of: block, file: file, key: key, evaluator: &evaluator) else { return nil }
            context = instanceContext
        }
        var arguments: [String: HCLValue] = [:]
        var nameRanges: [String: ByteRange] = [:]
        for attribute in block.body.attributes where !TerraformModuleInstance.moduleMetaArguments.contains(attribute.name) {
            arguments[attribute.name] = evaluator.evaluate(attribute.expression, inFile: file, context: context)
            nameRanges[attribute.name] = attribute.nameRange
        }
        let callKey = name + (key.map(TerraformModuleInstance.keyText) ?? "")
        return TerraformModuleCall(
            caller: caller, name: name, address: caller.qualified("module." + callKey), localAddress: "module." + callKey, file: file, block: block, source: source,
            arguments: arguments, argumentNameRanges: nameRanges,
            defaultSpan: HCLSpan(file: file, range: sourceAttribute.expression.range))
    }

    /// The registry module a `module` block's `source` (a literal, as Terraform requires) and
    /// `version` name; nil for a local path or a source of another kind.
    static func registrySource(of block: HCLBlock) -> TerraformRegistrySource? {
        guard let attribute = block.body.attribute("source"), case .template(let template) = attribute.expression.kind,
            let text = template.literalText
        else { return nil }
        var version: String?
        if let attribute = block.body.attribute("version"), case .template(let versionTemplate) = attribute.expression.kind {
            version = versionTemplate.literalText
        }
        return TerraformRegistrySource(source: text, version: version)
    }

    /// The argument `name` when the call sets it to something other than null. A null argument
    /// leaves the module's default, as these modules' `try(…)`, `optional()` and `nullable = false`
    /// inputs read it.
    func input(_ name: String) -> HCLValue? {
        guard let value = arguments[name], !value.isNull else { return nil }
        return value
    }

    /// The argument `name`, or the module's default `value` when the call does not set it.
    func input(_ name: String, default value: HCLValue.Kind) -> HCLValue {
        input(name) ?? moduleDefault(value)
    }

    /// What a finding at the call's `source` is told: the value is the module's own default.
    var defaultNote: String {
        "\(source.displayName) sets this by default; the call does not"
    }

    /// A value the module supplies itself, placed at the call's `source`.
    func moduleDefault(_ kind: HCLValue.Kind) -> HCLValue {
        HCLValue(kind, span: defaultSpan)
    }

    /// Whether a boolean input is true (`nil` when unknown), with the module's default.
    func flag(_ name: String, default value: Bool) -> Bool? {
        guard let given = input(name) else { return value }
        return given.bool
    }

    /// A member named `key` holding `value`, keyed at the argument `argument` when the call
    /// writes it.
    func member(_ key: String, _ value: HCLValue, argument: String? = nil) -> HCLMember {
        HCLMember(key: key, keySpan: argument.flatMap { argumentNameRanges[$0] }.map { HCLSpan(file: file, range: $0) }, value: value)
    }

    /// A nested block in a plan's shape: a list of one object.
    func block(_ members: [HCLMember], span: HCLSpan? = nil) -> HCLValue {
        .tuple([.object(members, span: span ?? defaultSpan)], span: span ?? defaultSpan)
    }

    /// The attribute `attribute` of the module's resource `type.resourceName`, as the caller
    /// sees it: unknown until applied, named by its address in this call, so the model links
    /// to the resource the call describes.
    /// `submodule` names a module the registry module calls itself (`.module.service["web"]`).
    /// `output` names the call's output the caller read it through, which messages show as written.
    func reference(
        to type: String, _ resourceName: String, attribute: String, in submodule: String = "", output: String? = nil, span: HCLSpan? = nil
    ) -> HCLValue {
        var unknown = HCLUnknown(
            expression: output.map { localAddress + "." + $0 } ?? address + submodule + "." + type + "." + resourceName + "." + attribute,
            reason: "computed by \(source.displayName) when applied",
            reference: HCLTraversal(
                root: type, steps: [.attribute(resourceName), .attribute(attribute)], range: (span ?? defaultSpan).range))
        unknown.module = address + submodule
        return HCLValue(.unknown(unknown), span: span ?? defaultSpan)
    }

    /// An unknown value with `reason`, at `span` (the module's default place when nil).
    func unknown(_ expression: String, reason: String, span: HCLSpan? = nil) -> HCLValue {
        HCLValue(.unknown(HCLUnknown(expression: expression, reason: reason)), span: span ?? defaultSpan)
    }

    /// `jsonencode(structure)`: a string whose derivation keeps every element's span, or an
    /// unknown one (with the same derivation) when a part of it is unknown.
    func jsonEncoded(_ structure: HCLValue, expression: String, limit: Int) -> HCLValue {
        var bytes: [UInt8] = []
        var result: HCLValue
        if structure.isWhollyKnown, HCLEvaluator.writeJSON(structure, into: &bytes, limit: limit) {
            result = .string(String(decoding: bytes, as: UTF8.self), span: structure.span ?? defaultSpan)
        } else {
            result = unknown(expression, reason: "some of its values are not known", span: structure.span)
        }
        result.derivation = .jsonEncoded(structure)
        return result
    }
}
